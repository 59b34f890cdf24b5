"""Inline code is drawn in a monospaced face, as the source drew it, and the fit measures it so: blocks
with code rendered by the real WeasyPrint and read back with pdfplumber."""

import html
import itertools
from io import BytesIO
from pathlib import Path

import pdfplumber
import pytest

from docrelay_common.document import BBox, Page, TextBlock, TextStyle
from docrelay_reconstructor.code_spans import code_markup, code_measure, drawn_code
from docrelay_reconstructor.html import document_html, leaders
from docrelay_reconstructor.render import StoreOnlyFetcher, render_pdf
from docrelay_reconstructor.sizing import block_measure, setting
from tests.support.documents import inline_formula

TEXT = "Un vector vacío está listado como character(0) y NA no es character."


def block(font: str, text: str = TEXT, code: tuple[str, ...] = ("character(0)", "NA")) -> TextBlock:
    return TextBlock(
        id="b",
        bbox=BBox(x0=20, top=20, x1=560, bottom=34),
        text=text,
        source_text="An empty vector is listed as character(0) and NA is no character.",
        style=TextStyle(font=font, size=11),
        code=list(code),
    )


def drawn_words(tmp_path: Path, drawn: TextBlock) -> dict[str, set[str]]:
    """The fonts each word of the rendered page is drawn in."""
    pdf = render_pdf(
        document_html([Page(number=1, width=600, height=60, blocks=[drawn])]), StoreOnlyFetcher(tmp_path)
    )
    with pdfplumber.open(BytesIO(pdf)) as document:
        words = document.pages[0].extract_words(extra_attrs=["fontname"], split_at_punctuation=False)
    fonts: dict[str, set[str]] = {}
    for word in words:
        fonts.setdefault(word["text"], set()).add(word["fontname"].partition("+")[2])
    return fonts


def test_code_words_are_drawn_in_the_monospaced_face_of_the_documents_kind(tmp_path: Path) -> None:
    tex = drawn_words(tmp_path, block("ABCDEF+CMR10"))
    times = drawn_words(tmp_path, block("Times-Roman"))

    assert tex["character(0)"] == tex["NA"] == {"Latin-Modern-Mono"}
    assert times["character(0)"] == times["NA"] == {"Liberation-Mono"}
    # The rest keeps the block's face, "character" too: as a word of the text it is no code.
    assert tex["vector"] == tex["character."] == {"Latin-Modern-Roman,"}
    assert times["vector"] == times["character."] == {"Liberation-Serif"}


def test_a_line_with_code_is_measured_with_the_code_in_its_face() -> None:
    def proportional(text: str) -> float:
        return 0.5 * len(text)

    with_code = code_measure(block("Times-Roman"), proportional)
    # Courier's metrics: every character 0.6 em, "character(0)" 7.2 ems against 6 at the text's pace.
    assert with_code("como character(0) y") == pytest.approx(
        proportional("como ") + 7.2 + proportional(" y"), abs=0.01
    )
    assert with_code("no es character.") == proportional("no es character.")
    assert code_measure(block("Times-Roman", code=()), proportional) is proportional


def test_code_markup_wraps_the_code_and_escapes_the_rest() -> None:
    markup = code_markup(block("Times-Roman", code=("a<b",)), lambda text: text.replace("<", "&lt;"))

    line = markup("si a<b y ca<b")

    assert line.startswith('si <span style="font-family: ')
    assert 'monospace; line-height: 0">a&lt;b</span> y ca&lt;b' in line


def test_the_fit_makes_room_for_code_set_wider_than_the_text_around_it() -> None:
    text = "see the_longest_function_name_in_the_whole_library here"
    plain = block("Times-Roman", text=text, code=()).model_copy(update={"source_text": text})
    font = setting(plain, plain.bbox, "en").font
    # A box just wide enough for the line in the text's face: in Courier's metrics it is not.
    width = font.width(text) * 11 + 2
    box = BBox(x0=20, top=20, x1=20 + width, bottom=34)
    plain = plain.model_copy(update={"bbox": box, "line_count": 1})
    coded = plain.model_copy(update={"code": ["the_longest_function_name_in_the_whole_library"]})

    plain_fit, coded_fit = setting(plain, box, "en").fit, setting(coded, box, "en").fit
    assert (plain_fit.lines, plain_fit.size) == ((text,), 11)
    # No more room than the box: the line with its code shrinks to fit.
    assert coded_fit.size < 11


def test_dot_leaders_after_code_fill_only_the_room_the_code_leaves() -> None:
    text = "Calling the_longest_function_name_in_the_library"
    plain = block("Times-Roman", text=text, code=()).model_copy(update={"leader": " .", "source_text": text})
    coded = plain.model_copy(update={"code": ["the_longest_function_name_in_the_library"]})
    plain_setting, coded_setting = setting(plain, plain.bbox, "en"), setting(coded, coded.bbox, "en")

    # The code, in Courier's metrics, is wider than in the text's face: fewer leaders fill the line.
    assert len(leaders(coded, coded_setting)) < len(leaders(plain, plain_setting))


def test_lines_with_code_keep_the_pitch_the_fit_set() -> None:
    lines = ["La función NA devuelve", "un valor NA cuando", "falta el dato NA aquí"]
    text = " ".join(lines)
    three = block("Times-Roman", text=text, code=("NA",)).model_copy(
        update={
            "source_text": "The function NA gives a value NA when the datum NA is missing",
            "line_count": 3,
            "bbox": BBox(x0=20, top=10, x1=140, bottom=52),
        }
    )
    fit = setting(three, three.bbox, "es").fit
    assert len(fit.lines) == 3

    pdf = render_pdf(
        document_html([Page(number=1, width=200, height=80, blocks=[three])]), StoreOnlyFetcher(Path("/tmp"))
    )
    with pdfplumber.open(BytesIO(pdf)) as document:
        baselines = sorted(
            {round(char["bottom"], 1) for char in document.pages[0].chars if char["text"] == "N"}
        )

    # The code's face sits otherwise in its em than the text's: its span must not make a line taller.
    assert [round(b - a, 1) for a, b in itertools.pairwise(baselines)] == [round(fit.line_height, 1)] * 2


def test_a_code_word_the_translation_holds_more_often_than_its_source_is_left_in_the_text_face() -> None:
    # Python's "in" as code in the source, and the German word "in" in the translation.
    german = block("Times-Roman", text="Für x in Liste in Zeile 3", code=("in",)).model_copy(
        update={"source_text": "For x in list on line 3"}
    )

    assert drawn_code(german) == []
    assert code_markup(german, html.escape)("x in Liste") == "x in Liste"


def test_code_beside_cjk_text_is_found_and_measured_with_its_face() -> None:
    chinese = block("Times-Roman", text="空向量列为character(0)且NA不是字符", code=("character(0)", "NA"))

    def narrow(text: str) -> float:
        return 0.5 * len(text)

    # "character(0)" and "NA" at Courier's 0.6 em, the rest at the narrow measure's 0.5.
    assert code_measure(chinese, narrow)(chinese.text) == pytest.approx(0.5 * 10 + 0.6 * 14, abs=0.01)


def test_code_beside_a_formula_token_is_measured_as_it_is_drawn() -> None:
    formula = inline_formula(0, x0=0, top=0, advance=8)
    token = formula.token
    mixed = block("Times-Roman", text=f"si x{token}NA vale", code=("NA",)).model_copy(
        update={"math": [formula]}
    )
    chosen = setting(mixed, mixed.bbox, "es")
    font = chosen.font
    measure, formulas = block_measure(mixed, chosen.font_choice)
    assert formulas is not None and formulas(mixed.text) == 8

    width = measure(mixed.text)

    # "NA" right after the token is code, drawn and measured in Courier's 0.6 em (the token is measured
    # apart: without it, "xNA" would be one word and no code).
    assert "NA</span>" in code_markup(mixed, html.escape)(mixed.text)
    assert width == pytest.approx(font.width("si x") + 0.6 * 2 + font.width(" vale"), abs=0.001)


def test_dot_leaders_are_never_taken_for_code() -> None:
    led = block("Times-Roman", text="Ver .. aquí", code=("..",)).model_copy(
        update={"source_text": "See .. here", "leader": "."}
    )

    page = document_html([Page(number=1, width=600, height=60, blocks=[led])])

    assert page.count("line-height: 0") == 1
