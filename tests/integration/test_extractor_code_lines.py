"""A line of prose with code inline is prose, however much of it the code takes; code with a word or two
in another face stays code. Typeset by WeasyPrint, read by the real extractor."""

from pathlib import Path

from docrelay_common.document import TextBlock
from tests.support.typeset import typeset_and_extract

PAGE = """<html><head><style>
@page {{ size: 500pt 400pt; margin: 30pt }}
body {{ font-family: 'Liberation Serif'; font-size: 11pt }}
code {{ font-family: 'Liberation Mono' }}
p {{ margin: 0 0 14pt 0 }}
</style></head><body>{body}</body></html>"""


def paragraph_block(prose: str, directory: Path) -> TextBlock:
    """The one block the real extractor reads in a page holding `prose` (HTML) as a paragraph."""
    _, document = typeset_and_extract(PAGE.format(body=f"<p>{prose}</p>"), directory)
    (block,) = document.blocks()
    return block


def test_prose_whose_code_holds_most_glyphs_is_prose_with_its_code_kept(tmp_path: Path) -> None:
    # R-intro p22: 'just the mode, for example "numeric", "logical", "character" or "list", but
    # "matrix",': more glyphs in the typewriter face than in the roman one. The block was taken for
    # monospaced text, translated whole, its code words with it.
    prose = (
        'It is the mode, <code>"numeric"</code>, <code>"logical"</code>, <code>"character"</code> or '
        '<code>"data.frame"</code> here.'
    )
    block = paragraph_block(prose, tmp_path)

    assert block.style.font == "Liberation-Serif"
    assert block.translatable
    assert {'"numeric"', '"data.frame"', '"character"'} <= set(block.code)


def test_code_with_an_upright_word_or_italic_placeholders_stays_code(tmp_path: Path) -> None:
    # camlidl: "struct s { int n; } becomes type s = { n: int }", its "becomes" in roman, and the rule
    # "compare ( fun-name )", its placeholder in italics.
    body = (
        "<p>A paragraph of prose to set the page's text face apart from its code.</p>"
        "<p><code>struct s { int n; double d; }</code> becomes <code>type s = { n: int; d: float }</code></p>"
        "<p><code>compare (</code> <i>fun-name</i> <code>)</code></p>"
    )
    _, document = typeset_and_extract(PAGE.format(body=body), tmp_path)
    blocks = {block.source_text: block for block in document.blocks()}
    example = blocks["struct s { int n; double d; } becomes type s = { n: int; d: float }"]
    rule = blocks["compare ( fun-name )"]

    assert example.style.font == rule.style.font == "Liberation-Mono"
    assert not example.translatable and not rule.translatable


def test_a_letter_in_code_is_kept_unless_the_text_writes_it_as_a_word(tmp_path: Path) -> None:
    # R-intro: "so A and a are different symbols", A and a in the typewriter face, came back "así que
    # Un y un". A letter the text also writes as a word of its own ("a" the article) is the engine's.
    prose = (
        "Names are case sensitive, so <code>A</code> and <code>B</code> are different symbols, as "
        "a manual says of <code>x</code> and <code>a</code> <code>(</code> here <code>)</code>."
    )
    block = paragraph_block(prose, tmp_path)

    assert block.code == ["A", "B", "x"]
