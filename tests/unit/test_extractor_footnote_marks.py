"""Footnote marks: a small raised digit or sign, or a letter alone, after a word or opening a footnote,
joins its line and travels as a formula token; subscripts, digits of the text, raised pairs of letters
and marks touching nothing are left as they were. Glyphs laid out by hand (tests/support/glyph_lines)."""

from docrelay_common.document import formula_token
from docrelay_extractor.footnote_marks import attach_marks
from docrelay_extractor.glyph_text import Item, run_text
from docrelay_extractor.line_math import line_math
from tests.support.glyph_lines import PAGE_HEIGHT, SIZE, Line

# A note mark: 70% of the text size, raised by 40% of it.
MARK_SIZE, MARK_RISE = 0.7 * SIZE, 0.4 * SIZE


def marked_line() -> tuple[Line, Line]:
    """ "Act (DMCA)¹ was signed", its mark read as a line of its own, as pdfminer does."""
    text = Line().add("Act (DMCA)")
    mark = Line()
    mark.x = text.x + 0.2
    mark.add("1", size=MARK_SIZE, rise=MARK_RISE)
    text.x = mark.x + 1.0
    text.add(" was signed")
    return text, mark


def text_of(items: list[Item]) -> str:
    return "".join(item.get_text() for item in items)


def test_a_mark_after_a_word_joins_its_line_after_that_word_and_travels_as_a_token() -> None:
    text, mark = marked_line()
    # pdfminer gives the mark first: it is higher on the page.
    joined = attach_marks([mark.items, text.items])
    assert [text_of(run) for run in joined] == ["Act (DMCA)1 was signed"]
    found = line_math(joined[0], PAGE_HEIGHT)
    assert [formula.text for formula in found.formulas] == ["1"]
    assert run_text(found.items) == f"Act (DMCA){formula_token(0)} was signed"


def opened_note(mark: str, text: str) -> list[list[Item]]:
    """A note's `text` after its raised `mark`, which pdfminer reads as a line of its own: joined."""
    raised = Line().add(mark, size=MARK_SIZE, rise=MARK_RISE)
    note = Line()
    note.x = raised.x + 0.5
    note.add(text)
    return attach_marks([note.items, raised.items])


def test_a_mark_opening_a_footnote_goes_before_its_text_and_takes_no_word_with_it() -> None:
    joined = opened_note("1", "Pub. L. No. 105-304")
    assert [text_of(run) for run in joined] == ["1Pub. L. No. 105-304"]
    assert [formula.text for formula in line_math(joined[0], PAGE_HEIGHT).formulas] == ["1"]


def test_subscripts_raised_letters_text_digits_and_lone_marks_are_not_marks() -> None:
    text = Line().add("H")
    subscript = Line()
    subscript.x = text.x
    subscript.add("2", size=MARK_SIZE, rise=-0.2 * SIZE)
    assert len(attach_marks([text.items, subscript.items])) == 2
    ordinal = Line().add("the 1").add("st", size=MARK_SIZE, rise=MARK_RISE).add(" page 12")
    assert not line_math(ordinal.items, PAGE_HEIGHT).formulas
    title = Line().add("M").add("me", size=MARK_SIZE, rise=MARK_RISE).add(" Curie")
    assert not line_math(title.items, PAGE_HEIGHT).formulas
    far = Line()
    far.x = text.x + 2 * SIZE  # two ems off: a mark of nothing here
    far.add("3", size=MARK_SIZE, rise=MARK_RISE)
    assert len(attach_marks([text.items, far.items])) == 2


def test_a_raised_digit_inside_a_formula_stays_in_that_formula() -> None:
    line = Line().add("where ").add("x", font="GHIJKL+CMMI10").add("2", size=MARK_SIZE, rise=MARK_RISE)
    line.add(" is the square")
    assert [formula.text for formula in line_math(line.items, PAGE_HEIGHT).formulas] == ["x2"]


def test_glyphs_of_no_size_mark_nothing() -> None:
    # A damaged file's font size can be 0 (the fuzz test's seed 715317 of dmca.pdf).
    text = Line().add("Act", size=0.0)
    mark = Line()
    mark.x = text.x
    mark.add("1", size=0.0, rise=MARK_RISE)
    assert len(attach_marks([text.items, mark.items])) == 2
    assert not line_math(text.items, PAGE_HEIGHT).formulas


def test_a_letter_alone_marks_a_tables_note() -> None:
    # "Rate^a" in a table's head and the note "^a Responses divided ..." under it: read as text, "Ratea"
    # was a word to translate and the note's "a" the article ("unas Respuestas").
    head = Line().add("Rate").add("a", size=MARK_SIZE, rise=MARK_RISE)
    found = line_math(head.items, PAGE_HEIGHT)
    assert [formula.text for formula in found.formulas] == ["a"]
    assert run_text(found.items) == f"Rate{formula_token(0)}"
    joined = opened_note("b", "East and West Midlands together.")
    assert [text_of(run) for run in joined] == ["bEast and West Midlands together."]
    assert [formula.text for formula in line_math(joined[0], PAGE_HEIGHT).formulas] == ["b"]
