"""Sentences cut by the end of a column or a page, on hand-built blocks: which block goes on with which
(the extractor's link_continued), and how the translation of the whole is shared out (the translator)."""

import pytest

from docrelay_common.document import (
    BBox,
    Document,
    Page,
    TableCell,
    TextBlock,
    TextStyle,
    formula_token,
    is_formula_token,
    without_formula_tokens,
)
from docrelay_extractor.continued import link_continued
from docrelay_translator.budget import characters_to_send
from docrelay_translator.continued import Chain, share_out, with_chains
from docrelay_translator.engines.pseudo import PseudoEngine, pseudo_accented
from docrelay_translator.routing import direct_route
from docrelay_translator.translate import translate_document
from tests.support.documents import inline_formula

BODY = TextStyle(font="Times-Roman", size=10)
CAPTION = TextStyle(font="Times-Italic", size=9)
LEFT, RIGHT = (50.0, 290.0), (320.0, 560.0)


def block(
    block_id: str,
    text: str,
    column: tuple[float, float] = LEFT,
    top: float = 100,
    lines: int = 3,
    style: TextStyle = BODY,
    **update: object,
) -> TextBlock:
    bbox = BBox(x0=column[0], top=top, x1=column[1], bottom=top + 12 * lines)
    made = TextBlock(id=block_id, bbox=bbox, text=text, source_text=text, style=style, line_count=lines)
    return made.model_copy(update=update)


def page(number: int, *blocks: TextBlock) -> Page:
    return Page(number=number, width=612, height=792, blocks=list(blocks))


def links(*pages: Page) -> dict[str, str | None]:
    return {item.id: item.continues for item in (b for p in link_continued(pages) for b in p.blocks)}


def test_a_sentence_into_the_next_column_or_page_is_linked_past_what_lies_between() -> None:
    first = page(
        1,
        block("a", "We repeat the whole process: specify arti-", top=600),
        block("b", "cles and adjust the patterns. Then the column goes on", RIGHT, top=80),
        # A footnote, the page's number and the next page's header lie between: other styles.
        block("note", "1 A footnote set smaller.", top=700, lines=1, style=CAPTION),
    )
    second = page(
        2,
        block("header", "Running header", top=30, lines=1, style=CAPTION),
        block("c", "until the next page, where it ends.", top=80),
    )

    assert links(first, second) == {"a": None, "b": "a", "note": None, "header": None, "c": "b"}


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # A sentence's end, or a next block starting in upper case.
        (block("a", "The column ends with its sentence.", top=600), block("b", "and goes on", RIGHT, top=80)),
        (block("a", "The column ends mid", top=600), block("b", "Another paragraph", RIGHT, top=80)),
        # Below in the same column: a paragraph cut by something else (a figure, an equation).
        (block("a", "The paragraph ends mid", top=100), block("b", "sentence below it", LEFT, top=300)),
        # A caption or a label is one line.
        (block("a", "Figure 3: the system", top=600, lines=1), block("b", "and more", RIGHT, top=80)),
        # Another style: a heading over the text of the next column.
        (block("a", "Results in the column", top=600), block("b", "as said", RIGHT, top=80, style=CAPTION)),
        # Text in a monospaced face (a listing) keeps to its own blocks.
        # Data and what is not translated: a table cell, a block kept as drawn, a display equation.
        (
            block(
                "a",
                "Totals for the",
                top=600,
                cell=TableCell(table="t0", row=4, column=0, bbox=BBox(x0=50, top=600, x1=290, bottom=636)),
            ),
            block("b", "year before", RIGHT, top=80),
        ),
        (block("a", "Kept as drawn", top=600, translatable=False), block("b", "and so on", RIGHT, top=80)),
        (block("a", "The value of", top=600), block("b", "x + y", RIGHT, top=80, kind="math")),
        # A heading over what follows, ending in a dash: a tax rate schedule's column titles.
        (block("a", "But not over \u2014", top=600), block("b", "of the amount over", RIGHT, top=80)),
        (
            block("a", "x <- c(1,", top=600, style=TextStyle(font="Courier", size=10)),
            block("b", "y <- 2)", RIGHT, top=80, style=TextStyle(font="Courier", size=10)),
        ),
    ],
)
def test_blocks_that_are_not_one_sentence_cut_by_a_column_are_not_linked(
    before: TextBlock, after: TextBlock
) -> None:
    assert links(page(1, before, after))["b"] is None


def test_prose_with_inline_code_or_formulas_is_linked() -> None:
    with_code = page(
        1, block("a", "Call the function", top=600, code=["run"]), block("b", "and run it", RIGHT, top=80)
    )
    formula = inline_formula(0, x0=330, top=80)
    with_formula = page(
        1,
        block("a", "The value of", top=600),
        block("b", f"is {formula_token(0)} here", RIGHT, top=80, math=[formula]),
    )

    assert links(with_code)["b"] == "a"
    assert links(with_formula)["b"] == "a"


def test_a_block_two_pages_on_is_not_linked() -> None:
    pages = [
        page(1, block("a", "The chapter ends mid", top=600)),
        page(2),
        page(3, block("b", "sentence", top=80)),
    ]

    assert links(*pages)["b"] is None


def test_a_display_equation_or_code_between_breaks_the_link() -> None:
    math_face = TextStyle(font="CMMI10", size=10)
    equation = block("eq", "x = 1", RIGHT, top=60, lines=1, style=math_face, kind="math", translatable=False)
    cut = page(1, block("a", "The loss is", top=600), equation, block("b", "where x is", RIGHT, top=80))
    listing_face = TextStyle(font="CMTT10", size=10)
    listing = block(
        "code", "\\epsfbox{fig.1}", RIGHT, top=60, lines=1, style=listing_face, translatable=False
    )
    around = page(
        1, block("a", "Then type the command", top=600), listing, block("b", "to load it", RIGHT, top=80)
    )

    assert links(cut)["b"] is None
    assert links(around)["b"] is None


def test_the_translation_is_cut_at_the_word_nearest_each_pieces_share() -> None:
    translation = "especifica artículos y ajusta sus patrones, manualmente o semiautomáticamente."
    # The first piece held 30 of 70 characters: the cut falls near 3/7 of the translation.
    head, tail = share_out(translation, [30, 40])
    assert f"{head} {tail}" == translation
    assert head == "especifica artículos y ajusta sus"
    # Scripts without spaces are cut between any two characters.
    assert share_out("これは日本語の文です", [5, 5]) == ["これは日本", "語の文です"]


def test_every_piece_gets_a_word_while_there_are_enough() -> None:
    assert share_out("a b c d e f", [1, 1, 1]) == ["a b", "c d", "e f"]
    # Spaces around the translation, and line breaks, are no words.
    assert share_out("  a b", [1, 1]) == ["a", "b"]
    assert share_out("a  b c", [1, 1, 1]) == ["a", "b", "c"]
    assert share_out("uno\ndos", [1, 1]) == ["uno", "dos"]
    assert share_out("日本\n語", [1, 2]) == ["日", "本\n語"]
    assert share_out("uno dos", [1, 100, 1]) == ["uno", "dos", ""]
    assert share_out("uno", [30, 40]) == ["uno", ""]


def test_a_chain_reads_as_one_paragraph_and_writes_back_into_its_blocks() -> None:
    blocks = [
        block("a", "We specify arti-"),
        block("b", "cles and adjust them.", continues="a"),
        block("c", "Apart."),
        # Another language is never joined: it takes another route.
        block("d", "und so weiter", continues="c", lang="de"),
    ]
    units = with_chains(blocks)

    assert [type(unit).__name__ for unit in units] == ["Chain", "TextBlock", "TextBlock"]
    chain = units[0]
    assert isinstance(chain, Chain)
    assert chain.text == "We specify articles and adjust them."
    chain.text = "Especificamos artículos y los ajustamos."
    # The first piece held 16 of 37 characters: 17 of the translation's 40.
    assert [blocks[0].text, blocks[1].text] == ["Especificamos", "artículos y los ajustamos."]


def test_links_run_forwards_once_each() -> None:
    itself = block("a", "A block that names itself", continues="a")
    first, second = block("b", "One piece"), block("c", "second piece", continues="b")
    # A second block claiming the same predecessor, and a link to a block not translated (not listed).
    rival = block("d", "another claim", continues="b")
    orphan = block("e", "goes on from a figure", continues="not-listed")

    units = with_chains([itself, first, second, rival, orphan])

    assert [unit.text for unit in units] == [
        "A block that names itself",
        "One piece second piece",
        "another claim",
        "goes on from a figure",
    ]


def test_a_chain_of_three_pieces_translates_whole_and_counts_once() -> None:
    pieces = ["We read the first piece of a sen-", "tence that runs over two columns", "and a page."]
    blocks = [block("p1-b0", pieces[0]), block("p1-b1", pieces[1], RIGHT, continues="p1-b0")]
    last = block("p2-b0", pieces[2], continues="p1-b1")
    german = [block("p2-b1", "Ein deutscher Satz geht", lang="de"), block("p2-b2", "hier weiter.", lang="de")]
    german[1] = german[1].model_copy(update={"continues": "p2-b1"})
    document = Document(source_lang="en", pages=[page(1, *blocks), page(2, last, *german)])
    calls: list[tuple[int, int]] = []
    pseudo = direct_route(PseudoEngine(), "en", "en-XA")

    translated = translate_document(
        document, pseudo, lambda done, total: calls.append((done, total)), other_languages={"de": None}
    )

    texts = [item.text for item in translated.blocks()]
    whole = pseudo_accented("We read the first piece of a sentence that runs over two columns and a page.")
    assert all(texts[:3]) and " ".join(texts[:3]) == whole
    # The German chain takes its own language's route: none here, so it is kept as it is.
    assert texts[3:] == ["Ein deutscher Satz geht", "hier weiter."]
    # Two units: the English chain and the German one; the budget counts the joined text once.
    assert calls[-1] == (2, 2)
    english = "We read the first piece of a sentence that runs over two columns and a page."
    assert characters_to_send([document]) == len(english) + len("Ein deutscher Satz geht hier weiter.")


X, Y, Z = formula_token(0), formula_token(1), formula_token(2)


def formula_chain() -> tuple[Chain, TextBlock, TextBlock]:
    """Two pieces of a sentence: the first with two inline formulas, the second with one of its own."""
    first = block(
        "a",
        f"Let {X} be the value and {Y} the weight of",
        math=[inline_formula(0, x0=70, top=100), inline_formula(1, x0=150, top=100)],
    )
    second = block(
        "b", f"each item, where {X} is small", RIGHT, continues="a", math=[inline_formula(0, x0=420, top=80)]
    )
    (chain,) = with_chains([first, second])
    assert isinstance(chain, Chain)
    return chain, first, second


def test_in_a_chain_the_formula_tokens_are_numbered_on_from_piece_to_piece() -> None:
    chain, _, _ = formula_chain()

    assert chain.text == f"Let {X} be the value and {Y} the weight of each item, where {Z} is small"


def test_each_formula_goes_back_to_its_own_block_whatever_the_shares() -> None:
    chain, first, second = formula_chain()
    translation = f"Sea {X} el valor de cada artículo, donde su peso {Y} y {Z} es pequeño"
    # By the shares alone, the first piece's second formula would go to the second block.
    head, _ = share_out(translation, [len(first.text), len(second.text)])
    assert Y not in head

    chain.text = translation

    assert first.text == f"Sea {X} el valor de cada artículo, donde su peso {Y}"
    # Numbered back as the second block's own first formula.
    assert second.text == f"y {X} es pequeño"


def test_a_later_pieces_formula_stays_in_it_where_the_shares_would_take_it_into_the_one_before() -> None:
    chain, first, second = formula_chain()
    translation = f"Sea {X} el valor y {Y} el peso, donde {Z} es pequeño en cada artículo de la lista entera"
    head, _ = share_out(translation, [len(first.text), len(second.text)])
    assert Z in head

    chain.text = translation

    assert first.text == f"Sea {X} el valor y {Y} el peso, donde"
    assert second.text.startswith(f"{X} es pequeño")


def test_a_formula_the_engine_moved_across_the_cut_is_left_out_of_the_other_block() -> None:
    chain, first, second = formula_chain()
    # The second piece's formula comes first: no cut keeps every formula in its own block.

    translation = f"Donde {Z} es pequeño, sea {X} el valor y {Y} el peso de cada artículo"
    by_shares = share_out(translation, [len(first.text), len(second.text)])

    chain.text = translation

    # Cut by the shares alone.
    assert [without_formula_tokens(text).split() for text in (first.text, second.text)] == [
        without_formula_tokens(text).split() for text in by_shares
    ]

    # Each block holds only its own tokens, numbered as its own: the other's are dropped, and the block
    # missing a formula is then drawn as the source drew it (the reconstructor's rule).
    assert {char for char in first.text if is_formula_token(char)} <= {X, Y}
    assert {char for char in second.text if is_formula_token(char)} <= {X}
    assert Z not in first.text + second.text
    tokens = [char for char in first.text + second.text if is_formula_token(char)]
    assert len(tokens) < 3


def test_a_chain_keeps_the_code_of_every_piece() -> None:
    first = block("a", "Call run on the list and then", code=["run"])
    second = block("b", "call stop or quit when done", RIGHT, continues="a", code=["stop", "run"])
    document = Document(source_lang="en", pages=[page(1, first, second)])
    pseudo = direct_route(PseudoEngine(), "en", "en-XA")

    (chain,) = with_chains([first, second])
    assert isinstance(chain, Chain) and chain.code == ["run", "stop"]
    translated = translate_document(document, pseudo, lambda done, total: None)

    words = " ".join(item.text for item in translated.blocks()).split()
    assert "run" in words and "stop" in words
    # Words that are not code are translated.
    assert "quit" not in words


def test_a_token_the_engine_lost_does_not_cost_the_others_their_place() -> None:
    chain, first, second = formula_chain()
    # The engine dropped the first piece's second token; restore() put it back at the end.
    chain.text = f"Sea {X} el valor y el peso de cada artículo que contamos, donde {Z} es pequeño {Y}"

    # The second piece keeps its own formula, numbered as its own; the first keeps the one it could and
    # misses the other (its block is then drawn as the source drew it). The cut falls by the shares
    # between the two tokens still in order.
    assert first.text.startswith(f"Sea {X} el valor") and Y not in first.text
    assert second.text.endswith(f"{X} es pequeño")
    whole = f"Sea {X} el valor y el peso de cada artículo que contamos, donde {X} es pequeño"
    assert f"{first.text} {second.text}" == whole


def test_a_dropped_token_leaves_no_double_space() -> None:
    chain, first, second = formula_chain()
    chain.text = f"Donde {Z} es pequeño, sea {X} el valor y {Y} el peso de cada artículo"

    assert "  " not in first.text + second.text
    assert first.text == first.text.strip() and second.text == second.text.strip()


def test_a_word_that_is_code_in_one_piece_and_a_word_in_another_is_translated() -> None:
    first = block("a", "Call list to build the", code=["list"])
    second = block("b", "shopping list for the week", RIGHT, continues="a")

    (chain,) = with_chains([first, second])

    assert isinstance(chain, Chain) and chain.code == []
