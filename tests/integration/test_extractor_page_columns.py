"""Two columns of a page set at one pitch are prose, not a table, and tables whose cells do not run on
as prose stay tables. On PDFs drawn word by word at known places.

A magazine's or a newsletter's columns share their baselines: their lines make rows with the gutter as
the one gap every row keeps, at a table's regular pitch. Read as a table, each line of each column was a
cell of its own, translated and set apart from its sentence.
"""

from collections.abc import Sequence
from pathlib import Path

import pytest
from pdfminer.fontmetrics import FONT_METRICS

from docrelay_extractor.extract import extract_document
from tests.support.pdfs import saved_page, shown_text

SIZE = 11.0
LEADING = 13.0
ADVANCES = FONT_METRICS["Helvetica"][1]
LEFT_COLUMN, RIGHT_COLUMN, COLUMN_WIDTH = 72.0, 246.0, 150.0
LEFT_STORY = [
    "The city council approved a new plan on Tuesday to expand the public library network, adding three "
    "branches in neighbourhoods that currently have no easy access to books, computers or study space.",
    "Residents who attended the meeting spoke in favour of the proposal, although several raised concerns "
    "about parking and opening hours.",
]
RIGHT_STORY = [
    "Funding will come from a combination of municipal bonds, a state grant and private donations, and the "
    "council estimates that the total cost will be about twelve million dollars over five years.",
    "Library staff will offer free classes in digital skills, job searching and language learning for "
    "anyone who asks at the front desk.",
]
# Tables whose cells are words and may fill their columns, but do not run on as prose: each with the x
# of its columns. Each column but the last table's ends a sentence somewhere (an abbreviation, a full
# stop), as prose does, so that what tells it from prose is another rule. A reference card's
# descriptions start in lower case and fill their column, but each ends where it ends, and its commands
# are no words of prose.
CARD = [
    ("isogeny from the curve to its quotient", "ellisogeny(E, G, {only_image})"),
    ("apply an isogeny to a point or isogeny", "ellisogenyapply(f, g, {flag});"),
    ("torsion subgroup with its generators", "elltors(E, {flag}, {p})"),
    ("integral model of the curve over the field", "ellintegralmodel(E, {&v}, {K})"),
    ("minimal discriminant (see Sec. 3)", "ellminimaldisc(E, {p}, {K})"),
]
# Lower-case phrases in both columns, none broken because the next word would not fit.
SYMPTOMS = [
    ("the lamp does not light", "check the fuse in the plug"),
    ("the fan is noisy", "clean the filter behind the grille"),
    ("water drips from the tray", "empty and refit the tray"),
    ("the display shows an error code", "switch off and wait a minute"),
    ("the door will not close.", "remove what blocks the hinge."),
]
# An index of macros' names, a word a line: each lower case, the next not fitting beside it.
MACROS = [
    ("ahangle", "cutbefore", "evenly"),
    ("ahlength", "cuttings", "green"),
    ("background", "dashpattern", "image"),
    ("beginfig", "defaultfont", "label"),
    ("buildcycle", "drawarrow", "mitered"),
    ("etc.", "etc.", "etc."),
]
# Names and roles, every line full, but each row starts anew with a capital.
COMMITTEE = [
    ("Anna Maria Lopez", "Chair of the Finance Committee"),
    ("Jonathan Peter Hale", "Secretary to the Library Board"),
    ("Grace Olu Adeyemi", "Treasurer of the Friends Group"),
    ("Martin Karl Weber", "Member for the Eastern Ward"),
    ("Dr. Sofia Duarte", "Member for the Western Ward."),
]
# Each side's duties, a clause a row ended by a semicolon: the next row starts in lower case.
DUTIES = [
    ("the landlord repairs the roof;", "the tenant pays the rent;"),
    ("the landlord insures the building;", "the tenant keeps the garden;"),
    ("the landlord services the boiler;", "the tenant reports any damage;"),
    ("the landlord gives notice of visits;", "the tenant allows the visits;"),
    ("the landlord returns the deposit;", "the tenant leaves the keys;"),
]
# What a policy covers and what not: lower-case phrases that fill their columns alike, each broken before a
# word that would not fit, but no sentence ends in them.
COVER = [
    ("routine check-ups and vaccinations", "cosmetic treatment of any kind"),
    ("emergency care after an accident", "conditions that started before cover"),
    ("dental treatment after an injury", "pregnancy and giving birth"),
    ("prescribed food for kidney disease", "grooming, bathing and nail clipping"),
    ("behavioural therapy by a vet", "travel to a vet outside the area"),
]
TABLES: dict[str, tuple[Sequence[tuple[str, ...]], tuple[float, ...]]] = {
    "card": (CARD, (LEFT_COLUMN, 300.0)),
    "symptoms": (SYMPTOMS, (LEFT_COLUMN, 260.0)),
    "index": (MACROS, (LEFT_COLUMN, 182.0, 292.0)),
    "committee": (COMMITTEE, (LEFT_COLUMN, 190.0)),
    "duties": (DUTIES, (LEFT_COLUMN, 260.0)),
    "cover": (COVER, (LEFT_COLUMN, 300.0)),
}


def width(text: str) -> float:
    return sum(ADVANCES[char] for char in text) * SIZE / 1000


def wrapped(paragraph: str) -> list[str]:
    """The paragraph broken into lines as a typesetter breaks ragged text: before the word that would
    not fit the column."""
    lines = [""]
    for word in paragraph.split():
        line = f"{lines[-1]} {word}".strip()
        if width(line) > COLUMN_WIDTH and lines[-1]:
            lines.append(word)
        else:
            lines[-1] = line
    return lines


def column(x: float, top: float, story: list[str]) -> tuple[bytes, float]:
    """The story's paragraphs drawn down from `top`, a line apart (no space between paragraphs: they
    start with a capital after a full stop); the content and the y under the last line."""
    content, y = b"", top
    for paragraph in story:
        for line in wrapped(paragraph):
            content += shown_text(x, y, line)
            y -= LEADING
    return content, y


def test_two_columns_of_prose_at_one_pitch_are_paragraphs_not_a_table(tmp_path: Path) -> None:
    # A heading and a closing line across both columns: the gutter is no gap of the whole page.
    content = shown_text(LEFT_COLUMN, 740, "Riverside Community News: the libraries open their doors again")
    left, left_end = column(LEFT_COLUMN, 700, LEFT_STORY)
    right, right_end = column(RIGHT_COLUMN, 700, RIGHT_STORY)
    content += left + right
    closing = "Comments on the plan may be sent to the council until the end of October by post or online."
    content += shown_text(LEFT_COLUMN, min(left_end, right_end) - LEADING, closing)
    source = saved_page(tmp_path / "columns.pdf", content)

    page = extract_document(source).pages[0]
    texts = [block.source_text for block in page.blocks]

    assert page.tables == [], [block.source_text for block in page.blocks if block.cell]
    for paragraph in LEFT_STORY + RIGHT_STORY:
        assert any(paragraph in text for text in texts), (paragraph, texts)


@pytest.mark.parametrize("name", TABLES)
def test_a_table_whose_cells_do_not_run_on_as_prose_stays_a_table(tmp_path: Path, name: str) -> None:
    rows, columns = TABLES[name]
    content = b"".join(
        shown_text(x, 700 - LEADING * row, text)
        for row, texts in enumerate(rows)
        for x, text in zip(columns, texts, strict=True)
    )
    source = saved_page(tmp_path / f"{name}.pdf", content)

    page = extract_document(source).pages[0]
    cells = {(block.cell.row, block.cell.column): block.source_text for block in page.blocks if block.cell}

    assert len(page.tables) == 1, [block.source_text for block in page.blocks]
    for index in range(len(columns)):
        assert [cells.get((row, index)) for row in range(len(rows))] == [texts[index] for texts in rows]
