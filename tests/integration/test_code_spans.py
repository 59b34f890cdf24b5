"""Inline code is drawn in a monospaced face, as the source drew it, and the fit measures it so: blocks
with code rendered by the real WeasyPrint and read back with pdfplumber."""

from io import BytesIO
from pathlib import Path

import pdfplumber
import pytest

from docrelay_common.document import BBox, Page, TextBlock, TextStyle
from docrelay_reconstructor.code_spans import code_markup, code_measure
from docrelay_reconstructor.html import document_html, leaders
from docrelay_reconstructor.render import StoreOnlyFetcher, render_pdf
from docrelay_reconstructor.sizing import setting

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
    assert 'monospace">a&lt;b</span> y ca&lt;b' in line


def test_the_fit_makes_room_for_code_set_wider_than_the_text_around_it() -> None:
    text = "see the_longest_function_name_in_the_whole_library here"
    plain = block("Times-Roman", text=text, code=())
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
    plain = block("Times-Roman", text=text, code=()).model_copy(update={"leader": " ."})
    coded = plain.model_copy(update={"code": ["the_longest_function_name_in_the_library"]})
    plain_setting, coded_setting = setting(plain, plain.bbox, "en"), setting(coded, coded.bbox, "en")

    # The code, in Courier's metrics, is wider than in the text's face: fewer leaders fill the line.
    assert len(leaders(coded, coded_setting.fit, coded_setting.font)) < len(
        leaders(plain, plain_setting.fit, plain_setting.font)
    )
