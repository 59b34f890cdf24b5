"""Code set apart in a monospaced font is kept untranslated, but on a typewritten page."""

from docrelay_common.document import BBox, TableCell, TextBlock, TextStyle
from docrelay_extractor.code_blocks import keep_code

BOX = BBox(x0=0, top=0, x1=10, bottom=10)
PROSE = (
    "As well as an index vector in any subscript position, a matrix may be used with a single index "
    "matrix in order either to assign a vector of quantities to an irregular collection of elements."
)


def block(text: str, font: str = "CMR10", cell: bool = False) -> TextBlock:
    return TextBlock(
        id=text[:20],
        bbox=BOX,
        text=text,
        source_text=text,
        style=TextStyle(font=font),
        cell=TableCell(table="p1-t0", row=0, column=0, bbox=BOX) if cell else None,
    )


def translatable(blocks: list[TextBlock]) -> dict[str, bool]:
    return {block.source_text: block.translatable for block in keep_code(blocks)}


def test_listings_and_identifiers_in_a_monospaced_font_are_kept() -> None:
    page = [
        block(PROSE),
        block("> x <- array(1:20, dim=c(4,5))", "CMTT10"),
        block("data.frame", "CMTT10"),
        block("if", "Courier"),
        block("name=value", "CMSLTT10"),
        block("# Generate a 4 by 5 array."),
        block("the function returns the matrix", "CMTT10"),
    ]
    assert translatable(page) == {
        PROSE: True,
        "> x <- array(1:20, dim=c(4,5))": False,
        "data.frame": False,
        "if": False,
        "name=value": False,
        "# Generate a 4 by 5 array.": True,  # a comment in the text face is prose
        # Monospaced words without code signs among prose: a sentence, e.g. a program's message.
        "the function returns the matrix": True,
    }


def test_a_typewritten_page_keeps_its_monospaced_text_translatable() -> None:
    page = [block(PROSE, "Courier"), block(PROSE[:80], "Courier"), block("Introduction", "Courier")]
    assert all(translatable(page).values())


def test_table_cells_are_left_to_the_data_cells_rules() -> None:
    page = [block(PROSE), block("total", "CMTT10", cell=True)]
    assert translatable(page)["total"]


def test_words_in_a_monospaced_font_that_are_no_code_stay_translatable() -> None:
    page = [
        block(PROSE),
        block("Introduction", "Courier"),
        block("Warning:", "Courier"),
        block("日本語の文章です", "NotoSansMonoCJKjp"),
        block("Use e.g. the cache; see the U.S. notes.", "Courier"),
        block("Summary", "ArialUnicodeMS"),
    ]
    assert all(translatable(page).values())


def test_a_table_of_commands_does_not_make_its_page_typewritten() -> None:
    # mpman-ru's pages of command tables: their monospaced cells counted as prose, the page as
    # typewritten, and its code outside the table was translated.
    commands = [block(f"{PROSE[:60]} {index}", "CMTT10", cell=True) for index in range(6)]
    page = [block(PROSE), *commands, block("drawarrow", "CMTT10")]

    assert not translatable(page)["drawarrow"]


def test_code_with_few_of_the_old_signs_is_kept() -> None:
    # camlidl's and R-intro's listings that came back translated: "/* Resultado de regreso a Caml */
    # regreso camlres;", "-mantener-sello", "j : int -> int * double" as "j : int -> int * doble".
    code = [
        "/* Return result to Caml */ return camlres;",
        "/* Convert the function result and out parameters to Caml values */",
        "#include <camlidlcompat.h>",
        "[in] int len,",
        "j : int -> int * double",
        "exception Error of int * string * string",
        "type \u2019a interface",
        "type iA",
        "x = 1  # \u5909\u6570\u3092\u8a2d\u5b9a",  # a comment in Japanese
        "/* \u0412\u0435\u0440\u043d\u0443\u0442\u044c \u043a\u043e\u0434 */ return camlres;",
        "-keep-labels",
        "value caml_wrapper(value camlparam1, ..., value camlparamK)",
        '"qld", "vic", "nsw", "vic", "qld", "qld", "sa",',
        '[1] "u" "v" "w"',
        "> x %*% A %*% x",
        "Lst$coe and Lst$covariance as Lst$cov.",
        "camlidl options file1.idl file2.idl ...",
        "draw (20,20)--(0,0)",
        "draw z0..z1..z2..z3--z4--cycle",
    ]
    kept = translatable([block(PROSE), *(block(text, "CMTT10") for text in code)])

    assert [text for text in code if kept[text]] == []
    assert kept[PROSE]


def test_prose_around_code_in_a_monospaced_font_stays_translatable() -> None:
    page = [
        block(PROSE),
        # A caption in another script around code, in the code's font: its words are to translate.
        block("Рис. 3: Результат draw z0..z1..z2..z3..z4", "CMTT10"),
        block("• kozuka-pr6n\uff1a小塚フォント\uff08Pr6N 版\uff09。", "LMMono10-Regular"),
        # Names without code signs: a sentence, in whichever language.
        block("data: A and B", "CMTT10"),
        block("la fonction renvoie la matrice", "CMTT10"),
        block("see below", "CMTT10"),
        block("IMPORTANT NOTICE", "Courier"),
        block("Note : voir ci-dessous ; puis", "Courier"),
        block("Use e.g. the cache; see the U.S. notes.", "Courier"),
    ]
    assert all(translatable(page).values())
