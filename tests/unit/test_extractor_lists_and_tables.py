"""Lists and tables on synthetic lines: lines broken on purpose stay lines, rows of cells become a grid."""

import dataclasses

import pytest

from docrelay_common.document import BBox, InlineMath, TextStyle, formula_token
from docrelay_extractor.blocks import make_block
from docrelay_extractor.hard_breaks import broken_at_every_line, split_at_field_labels, split_at_hard_breaks
from docrelay_extractor.lines import TextLine, Word
from docrelay_extractor.table_bands import Band, group_headings
from docrelay_extractor.table_checks import is_table
from docrelay_extractor.table_grid import GridCell, aligned_cells, table_grid
from docrelay_extractor.table_regions import candidate_regions

SIZE = 10.0
# Half an em per character: the words' boxes follow from their texts.
CHAR = 5.0
LEADING = 12.0


def line(x0: float, top: float, text: str, bold: bool = False, font: str = "DejaVuSans") -> TextLine:
    words, x = [], x0
    for word in text.split():
        words.append(Word(x, x + CHAR * len(word), word))
        x += CHAR * (len(word) + 1)
    return TextLine(
        bbox=BBox(x0=x0, top=top, x1=words[-1].x1, bottom=top + SIZE),
        text=text,
        style=TextStyle(font=font, size=SIZE, bold=bold),
        glyphs=len(text.replace(" ", "")),
        words=tuple(words),
    )


def stacked(
    texts: list[str], x0: float = 50.0, top: float = 100.0, font: str = "DejaVuSans"
) -> list[TextLine]:
    return [line(x0, top + index * LEADING, text, font=font) for index, text in enumerate(texts)]


def texts(parts: list[list[TextLine]]) -> list[str]:
    return [" / ".join(item.text for item in part) for part in parts]


def test_a_column_of_names_is_one_item_per_line() -> None:
    names = stacked(["Ana Belén García", "Luis Pérez", "Rosa Mena", "Juan Carlos Vidal Ortega"])
    assert texts(split_at_hard_breaks(names)) == [name.text for name in names]


def test_wrapped_prose_and_a_sentence_broken_by_hand_stay_whole() -> None:
    prose = stacked(["The committee met four times", "during the year to review all", "the accounts."])
    title = stacked(["Prepared for the members", "and the public"])
    assert texts(split_at_hard_breaks(prose)) == [" / ".join(item.text for item in prose)]
    assert texts(split_at_hard_breaks(title)) == ["Prepared for the members / and the public"]


def test_a_list_is_broken_at_every_line_within_its_room_and_prose_is_not() -> None:
    menu = stacked(["Soup of the day", "Grilled fish", "Apple pie"])
    # Alone, its widest line is the paragraph's width: "Apple" would not have fit after "Grilled fish".
    assert len(split_at_hard_breaks(menu)) == 1
    assert broken_at_every_line(menu, room=300)
    assert texts(split_at_hard_breaks(menu, room=300)) == [item.text for item in menu]
    # Without room beside it ("Grilled" fits only 4 points past the widest line), no word would have fit.
    assert not broken_at_every_line(menu, room=80)
    # Prose wrapped short of its room goes on in lower case at some line, whatever the room.
    caption = stacked(["Figure 3: Income by Region", "and by Age in the survey", "Of 2021"])
    assert not broken_at_every_line(caption, room=300)
    # One line would not have let the next one's first word fit: the lines were wrapped, not listed.
    wrapped = stacked(["Bookings are taken at the door", "Groups call ahead"])
    assert not broken_at_every_line(wrapped, room=170)
    assert broken_at_every_line(wrapped, room=300)
    assert not broken_at_every_line(menu[:1], room=300)
    # A line ending in a comma or a little word goes on; a line in a script without capitals tells nothing.
    for lines in (["Marie Curie,", "Pablo Picasso"], ["Trained in", "Lyon by Bocuse"], ["शेफ ने", "ल्योन में"]):
        assert not broken_at_every_line(stacked(lines), room=300), lines
    assert broken_at_every_line(stacked(["(b) Forms", "2 Tables"]), room=300)
    assert broken_at_every_line(stacked(["a) forms", "b) tables", "iv. maps"]), room=300)
    assert broken_at_every_line(stacked(["Tel. 030 1234", "info@acme.de", "www.acme.de"]), room=300)
    assert not broken_at_every_line(stacked(["Die Probe unter dem", "Mikroskop"]), room=300)


def test_lines_that_are_rows_are_items_unless_they_are_wrapped_prose() -> None:
    codes = stacked(
        ["ellheight(E, P)", "ellheight(E, P, Q)", "ellheightmatrix(E, L)"], x0=200, font="Courier"
    )
    assert len(split_at_hard_breaks(codes, rows=set(codes))) == 3
    prose = stacked(["Text that was wrapped at the", "column's edge goes on and on", "to its end."])
    assert len(split_at_hard_breaks(prose, rows=set(prose))) == 1


def noted(text: str, top: float, mark_size: float) -> TextLine:
    """A note's line opening with its mark, a formula token of `mark_size` points."""
    plain = line(50, top, text)
    mark = InlineMath(
        token=formula_token(0),
        bbox=BBox(x0=45, top=top - 2, x1=49, bottom=top - 2 + mark_size),
        origin_x=45,
        baseline=top + 8,
        advance=4,
        glyphs=1,
        text="a" if top < 110 else "b",
    )
    return dataclasses.replace(plain, text=f"{formula_token(0)} {text}", formulas=(mark,))


def test_a_line_opening_with_a_notes_mark_opens_a_note() -> None:
    notes = [noted("Responses divided by invitations.", 100, 7), noted("East and West together.", 112, 7)]
    assert texts(split_at_hard_breaks(notes)) == [notes[0].text, notes[1].text]
    # A variable of the text's size opening a line ("$a$ is the rate") goes on with the paragraph.
    variables = [noted("The rate is given by the model.", 100, 10), noted("is the rate itself.", 112, 10)]
    assert len(split_at_hard_breaks(variables)) == 1


def test_labels_with_their_values_under_a_sentence_are_a_line_of_their_own() -> None:
    # An invoice's payment details under its request to pay: they had run on from it ("... a la cuenta
    # abajo. Código de compensación:" over "20-45-77 Número de cuenta: 41938277").
    details = stacked(
        ["Please pay within 30 days by bank transfer.", "Sort code: 20-45-77 Account number: 41938"]
    )
    assert texts(split_at_hard_breaks(details)) == [line.text for line in details]
    # A sentence that goes on, or a line of words after a label, stays with the paragraph.
    going_on = stacked(
        ["Please pay within 30 days by bank transfer to", "Sort code: 20-45-77 Account: 41938"]
    )
    worded = stacked(["Please pay within 30 days by bank transfer.", "Note: the account is new this year"])
    said = stacked(
        ["Please pay within 30 days by bank transfer.", "Total: 3,173.40 was paid by the customer"]
    )
    assert [len(split_at_hard_breaks(lines)) for lines in (going_on, worded, said)] == [1, 1, 1]


def test_lines_each_opening_with_a_label_are_a_line_each() -> None:
    # An agenda's details, a memo's heading ("De: ... / Fecha: ..."): they had run together.
    details = stacked(
        ["Date: Thursday 19 June 2025", "Place: Meeting room 2, head office", "Chair: Margaret Hill"]
    )
    assert texts(split_at_hard_breaks(details)) == [line.text for line in details]
    # One line without its label and the paragraph is read as before.
    mixed = stacked(["Date: Thursday 19 June 2025 in the", "Meeting room 2, head office"])
    assert len(split_at_hard_breaks(mixed)) == 1


def test_a_persons_name_over_a_line_is_a_line_of_its_own() -> None:
    # A letter's signature over its signer's role, an author over an affiliation: "Helen Carter" over
    # "Office Manager" had been one phrase to translate ("Gerente de Oficina de Carter de Helen").
    signature = stacked(["Helen Carter", "Office Manager"])
    assert texts(split_at_hard_breaks(signature)) == ["Helen Carter", "Office Manager"]
    # A sentence going on from the name, words that name nobody, names in a list or joined by a word, a
    # name inside a paragraph: as before.
    for lines in (
        ["Helen Carter", "went home early."],
        ["The Sales Team", "Head Office"],
        ["Signed for the office by", "Helen Carter"],
        ["Helen Carter,", "Accounts"],
        ["Helen and Carter", "Office Managers"],
        ["Microsoft Office", "Excel Training"],
        ["Our thanks go to our colleague", "Helen Carter", "Wolverhampton-Smithson and all."],
    ):
        assert len(split_at_hard_breaks(stacked(lines))) == 1, lines


def test_two_rows_are_measured_against_the_room_their_rows_leave() -> None:
    # A CV's label column and its values beside: against their own width, each pair of lines looks like
    # a wrapped line and its last. Their rows leave them far more room than they fill.
    labels = stacked(["Languages", "Software"])
    values = stacked(["English (native), Spanish (fluent)", "Python, R, SQL, Tableau"], x0=160)
    assert len(split_at_hard_breaks(labels, rows=set(labels))) == 1
    assert texts(split_at_hard_breaks(labels, rows=set(labels), row_room=110)) == ["Languages", "Software"]
    assert len(split_at_hard_breaks(values, rows=set(values), row_room=390)) == 2
    # Prose in a column beside the next fills its rows' room up to the gutter: it stays whole.
    column = stacked(["The committee met four times", "Members approved the budget."])
    assert len(split_at_hard_breaks(column, rows=set(column), row_room=column[0].bbox.width + 18)) == 1
    # Lines that are no rows are measured as before, whatever the room.
    assert len(split_at_hard_breaks(labels, row_room=110)) == 1


def test_lines_each_describing_their_code_are_items_whatever_their_case() -> None:
    labels = stacked(["Jacobi sine theta function", "k-th derivative at z=0 of theta", "Weber functions"])
    # As rows alone they read as a paragraph: "k-th" goes on the sentence above, "Weber" would not fit.
    assert len(split_at_hard_breaks(labels, rows=set(labels))) == 1
    assert texts(split_at_hard_breaks(labels, rows=set(labels), described=set(labels))) == [
        label.text for label in labels
    ]
    # Prose in a column beside a listing in the next column: each line has code after it, and is full.
    prose = stacked(["The committee met four times in", "the year to review all of their", "accounts."])
    assert len(split_at_hard_breaks(prose, rows=set(prose), described=set(prose))) == 1


def test_index_entries_and_their_page_numbers_end_their_items() -> None:
    # Lower-case entries would go on with the sentence above; their leaders say they end there.
    leader = " ." * 12
    lines = [
        line(50, 100, "cbind" + leader),
        line(250, 100, "26"),
        line(50, 112, "coef" + leader),
        line(250, 112, "58"),
    ]
    assert texts(split_at_hard_breaks(lines)) == [item.text for item in lines]
    assert texts(split_at_hard_breaks(lines[:1])) == [lines[0].text]


def test_index_entries_without_leaders_are_an_item_each() -> None:
    # mpman-ru's index: entries in lower case as long as each other, read as one paragraph
    # ("linecap, 45, 65 linejoin, 45 llcorner, 32, 84"); an entry's page numbers wrapped stay with it.
    entries = stacked(
        ["linecap, 45, 65", "linejoin, 45", "llcorner, 32, 84", "internal variables, 18, 25,", "26, 47, 96"]
    )
    entries += stacked(["pathpart, 53\u201354", "pausing, 79"], top=160)
    assert texts(split_at_hard_breaks(entries)) == [
        "linecap, 45, 65",
        "linejoin, 45",
        "llcorner, 32, 84",
        "internal variables, 18, 25, / 26, 47, 96",
        "pathpart, 53\u201354",
        "pausing, 79",
    ]
    # Prose whose lines end in numbers after a comma is no index: its lines hold more words.
    prose = stacked(
        ["The figures were gathered over the years 1998, 1999", "and the tables give them for 2000, 2001"]
    )
    assert len(split_at_hard_breaks(prose)) == 1


def test_labels_of_two_fields_are_two_items_and_a_label_wrapped_beside_one_stays_whole() -> None:
    first, birthday = stacked(["First Name", "Birthday"])
    assert texts(split_at_field_labels([first, birthday], {first: 0, birthday: 1})) == [
        "First Name",
        "Birthday",
    ]
    wrapped = stacked(["Please tell us why you", "would like to join"])
    assert len(split_at_field_labels(wrapped, dict.fromkeys(wrapped, 2))) == 1
    # A column of prose beside the rows of a table of fields: its sentence runs on from full lines.
    prose = stacked(
        ["the capital gains and losses from", "property sales or exchanges that", "are reported."]
    )
    assert len(split_at_field_labels(prose, {line: index for index, line in enumerate(prose)})) == 1


def row(top: float, cells: list[str], lefts: list[float], bold: bool = False) -> list[TextLine]:
    return [line(left, top, text, bold) for left, text in zip(lefts, cells, strict=True) if text]


LEFTS = [50.0, 200.0, 300.0]


def test_borderless_rows_of_short_cells_make_a_grid_of_one_block_per_cell() -> None:
    rows = [["Name", "Date", "Amount"], ["MENA", "2024-01-02", "12.50"], ["CRUZ", "", "7.00"]]
    rows += [[f"N{index}", f"2024-02-{index:02d}", f"{index}.00"] for index in range(1, 6)]
    lines = [item for index, cells in enumerate(rows) for item in row(100 + LEADING * index, cells, LEFTS)]
    (region,) = [region for region in candidate_regions(lines) if is_table(region)]

    grid = table_grid(region, lines, rules=[], verticals=[])

    assert (grid.rows, grid.columns) == (len(rows), 3)
    placed = {(cell.row, cell.column): " ".join(item.text for item in cell.lines) for cell in grid.cells}
    assert placed == {
        (index, column): text for index, cells in enumerate(rows) for column, text in enumerate(cells) if text
    }
    # Each cell's box reaches halfway to the next row: rows never share a strip of the page.
    boxes = {(cell.row, cell.column): cell.box for cell in grid.cells}
    assert all(boxes[index, 0].bottom <= boxes[index + 1, 0].top for index in range(len(rows) - 1))


def test_a_column_keeps_its_left_edge_beside_a_cell_of_dot_leaders_alone() -> None:
    labels = ["Mortgage interest", "Paid by foreign firms", "Other", "Industrial royalties", "Pensions"]
    lines = [
        item
        for index, label in enumerate(labels)
        for item in row(100 + LEADING * index, [label, f"7{index}", f"{index}.50"], LEFTS)
    ]
    # A row whose label cell holds only its leader dots: a line without text, set further right.
    dots = dataclasses.replace(line(140.0, 100 + LEADING * len(labels), "x"), text="")
    lines += [dots, *row(100 + LEADING * len(labels), ["", "81", "9.50"], LEFTS)]
    (region,) = [region for region in candidate_regions(lines) if is_table(region)]

    grid = table_grid(region, lines, rules=[], verticals=[])

    assert {cell.align for cell in grid.cells if cell.column == 0} == {"left"}


def test_contents_whose_leaders_run_up_to_their_page_numbers_are_no_table() -> None:
    # R-intro's contents: a section's number, its title and leaders up to 4 points before its page
    # number. Read as a table, the title and the page number shared a cell.
    titles = ["The R environment", "Related software", "R and statistics", "Using R", "A session"]
    lines = []
    for index, title in enumerate(titles):
        top = 100 + LEADING * index
        led = line(80.0, top, f"{title} . . . . . .")
        lines += [
            line(50.0, top, f"1.{index + 1}"),
            dataclasses.replace(led, bbox=led.bbox.model_copy(update={"x1": 296.0})),
        ]
        lines += [line(300.0, top, str(index + 2))]

    assert not any(is_table(region) for region in candidate_regions(lines))


def test_a_column_of_labels_with_dot_leaders_is_set_from_the_left_indents_and_all() -> None:
    # The census's offences: the leaders end every label at one right edge; some labels are indented
    # (the PDF draws spaces before them, which are no part of the line).
    labels = ["Murder", "Forcible rape", "Robbery", "Burglary", "Arson", "Vandalism"]
    lines = []
    for index, label in enumerate(labels):
        top = 100 + LEADING * index
        led = line(LEFTS[0] + (3.3 if index % 2 else 0.0), top, f"{label} . . . . . .")
        lines += [dataclasses.replace(led, bbox=led.bbox.model_copy(update={"x1": 180.0}))]
        lines += row(top, ["", f"7{index}", f"{index}.50"], LEFTS)
    (region,) = [region for region in candidate_regions(lines) if is_table(region)]

    grid = table_grid(region, lines, rules=[], verticals=[])

    assert {cell.align for cell in grid.cells if cell.column == 0} == {"left"}


def test_titles_side_by_side_over_a_narrow_last_column_are_no_rows_of_the_table() -> None:
    # The 1040-NR's page 4: rows of line number, label and the line's number again in a narrow box;
    # over the box column, the titles of the amount boxes further right, side by side.
    labels = ["Dividends", "Interest", "Royalties", "Pensions", "Benefits", "Gains"]
    titles = [line(300, 88, "(a) Tax"), line(400, 88, "(b) 10%"), line(500, 88, "(c) 15%")]
    body = [
        item
        for index, label in enumerate(labels)
        for item in row(100 + LEADING * (index + 1), [f"7{index}", label, f"7{index}a"], [50.0, 80.0, 300.0])
    ]
    lines = titles + body
    (region,) = [region for region in candidate_regions(lines) if is_table(region)]

    grid = table_grid(region, lines, rules=[], verticals=[])

    in_cells = [item for cell in grid.cells for item in cell.lines]
    assert not set(titles) & set(in_cells)
    assert set(in_cells) == set(body) and grid.rows == len(labels)


def test_a_title_alone_or_over_a_column_of_pairs_stays_the_tables() -> None:
    # A title alone beyond the narrow column's cells is its header; so are two titles over a column
    # whose every row holds two lines side by side, no river between them (surnames and names).
    names = [("MENA", "JUAN"), ("PERAZZO", "PABLO"), ("LI", "ANA"), ("ORTIZ", "EVA"), ("RUIZ", "LUIS")]
    starts = [130.0, 140.0, 105.0, 120.0, 112.0]
    for titles in (
        [line(50, 88, "No."), line(80, 88, "Surname"), line(330, 88, "Amount")],
        [line(50, 88, "No."), line(80, 88, "Surname"), line(130, 88, "Names")],
    ):
        body = []
        for index, ((surname, name), start) in enumerate(zip(names, starts, strict=True)):
            top = 100 + LEADING * (index + 1)
            body += [line(50, top, f"7{index}"), line(80, top, surname), line(start, top, name)]
            body += [line(300, top, f"7{index}a")]
        lines = titles + body
        (region,) = [region for region in candidate_regions(lines) if is_table(region)]

        grid = table_grid(region, lines, rules=[], verticals=[])

        assert {item for cell in grid.cells for item in cell.lines} == set(lines), titles[-1].text


def test_a_label_wrapped_above_its_row_joins_the_row_of_its_numbers() -> None:
    lines = [
        *row(100, ["Burglary", "240.9", "60.3"], LEFTS),
        line(LEFTS[0], 100 + LEADING, "Murder and nonnegligent"),
        *row(100 + 2 * LEADING, ["manslaughter", "10.0", "0.9"], LEFTS),
        *row(100 + 3 * LEADING, ["Robbery", "102.1", "25.5"], LEFTS),
    ]
    (region,) = [region for region in candidate_regions(lines) if is_table(region)]
    grid = table_grid(region, lines, rules=[], verticals=[])
    labels = [" ".join(item.text for item in cell.lines) for cell in grid.cells if cell.column == 0]
    assert labels == ["Burglary", "Murder and nonnegligent manslaughter", "Robbery"]
    assert grid.rows == 3


def test_a_key_value_table_under_a_page_header_stays_a_table() -> None:
    # Nothing crosses its only gap, and the page's header has text on both sides of it: a header line
    # is not a column of the page running on.
    header = [line(50, 60, "ACME"), line(300, 60, "Page 1")]
    pairs = [["Name", "Ana Garcia"], ["Street", "Calle Mayor 1"], ["City", "Madrid"], ["Phone", "555 0101"]]
    rows = [
        item for index, cells in enumerate(pairs) for item in row(100 + LEADING * index, cells, LEFTS[:2])
    ]
    regions = [region for region in candidate_regions(header + rows) if is_table(region)]
    assert [len(region.bands) for region in regions] == [len(pairs)]


def test_titles_centred_in_boxes_of_a_header_row_are_no_rows_of_a_table() -> None:
    # A tax form's header row: each column's title centred in its own box, one to four lines tall, so
    # the lines of neighbouring columns sit half a line apart.
    titles = [
        ["(a) Kind of property", "and description (if", "necessary, attach", "a statement)"],
        ["(b) Date", "acquired", "(mo., day, yr.)"],
        ["(c) Date sold", "(mo., day, yr.)"],
        ["(d) Sales price"],
    ]
    lefts = [50.0, 170.0, 260.0, 350.0]
    header = [
        line(left, 100 + (4 - len(column)) * LEADING / 2 + index * LEADING, text)
        for left, column in zip(lefts, titles, strict=True)
        for index, text in enumerate(column)
    ]
    assert not [region for region in candidate_regions(header) if is_table(region)]
    # The rows of figures under it are a table.
    body = [
        item
        for index in range(5)
        for item in row(160 + LEADING * index, [f"Lot {index}", "01/02/07", "03/04/07", "1,250"], lefts)
    ]
    tables = [region for region in candidate_regions(header + body) if is_table(region)]
    assert [len(region.bands) for region in tables] == [5]


def test_rows_set_tighter_than_their_type_are_still_a_table() -> None:
    # A dense table set at a leading of three quarters of its type's size: its staggered-header test
    # (rows half a line apart) must not take it for one.
    rows = [[f"Item {index}", f"{index}.50", f"{index * 3}"] for index in range(8)]
    lines = [
        item for index, cells in enumerate(rows) for item in row(100 + 0.75 * SIZE * index, cells, LEFTS)
    ]
    tables = [region for region in candidate_regions(lines) if is_table(region)]
    assert [len(region.bands) for region in tables] == [len(rows)]


def test_a_table_beside_the_lines_of_the_pages_other_column_is_a_table_of_its_own() -> None:
    # A paper's small table in the left column; in the right one a figure's labels, set half a row
    # lower, and one of its lines of leader dots level with a row of the table.
    rows = [["Article", "dump", "be-hit"], ["2005-09-23", "Katrina", "New Orleans"]]
    rows += [["2005-10-02", "Longwang", "Taiwan"], ["2005-11-20", "Gamma", "Florida"]]
    table = [item for index, cells in enumerate(rows) for item in row(100 + LEADING * index, cells, LEFTS)]
    figure = [
        line(500.0, 106 + LEADING * index, text) for index, text in enumerate(["1.", "Katrina", "headed"])
    ]
    figure.append(line(480.0, 100 + LEADING, ". . ."))
    tables = [region for region in candidate_regions(table + figure) if is_table(region)]
    assert [sorted(line.text for line in region.lines) for region in tables] == [
        sorted(line.text for line in table)
    ]


def test_two_columns_of_prose_are_no_table() -> None:
    text = "words that run on as prose do for a while longer"
    lines = [item for index in range(8) for item in row(100 + LEADING * index, [text, text], [50.0, 320.0])]
    assert not [region for region in candidate_regions(lines) if is_table(region)]


def spread(top: float, texts: list[str], x0: float = 50.0, x1: float = 230.0) -> list[TextLine]:
    """A line set from x0 to x1 with its words spread evenly, cut into one piece per word."""
    widths = [CHAR * len(text) for text in texts]
    space = (x1 - x0 - sum(widths)) / (len(texts) - 1)
    lefts = [x0 + sum(widths[:index]) + space * index for index in range(len(texts))]
    return [line(left, top, text) for left, text in zip(lefts, texts, strict=True)]


def test_a_narrow_justified_column_is_no_table_but_a_grid_of_figures_is() -> None:
    # Each line of the column spreads its words alike; here and there its spaces line up into rivers.
    prose = [
        ["only", "the", "gains", "and", "losses"],
        ["from", "the", "sales", "or", "exchanges"],
        ["that", "are", "from", "sources", "within"],
        ["the", "United", "and", "not", "connected"],
    ]
    lines = [item for index, words in enumerate(prose) for item in spread(100 + LEADING * index, words)]
    assert not [region for region in candidate_regions(lines) if is_table(region)]
    figures = [[f"{row}{column}.5" for column in range(5)] for row in range(1, 5)]
    lines = [item for index, words in enumerate(figures) for item in spread(100 + LEADING * index, words)]
    assert [region for region in candidate_regions(lines) if is_table(region)]
    # Words in columns, evenly apart too, but every gap of every row on a column's river.
    grid = [
        ["Anna", "yes", "no", "yes", "no"],
        ["Boris", "no", "yes", "no", "yes"],
        ["Clara", "yes", "yes", "no", "no"],
    ]
    grid += [["David", "no", "no", "yes", "yes"], ["Erik", "yes", "no", "no", "yes"]]
    lefts = [50.0, 110.0, 170.0, 230.0, 290.0]
    lines = [item for index, words in enumerate(grid) for item in row(100 + LEADING * index, words, lefts)]
    assert [region for region in candidate_regions(lines) if is_table(region)]


def as_formula(text_line: TextLine) -> TextLine:
    """The line as the extractor reads a line of a display equation: one formula of all its glyphs."""
    box = text_line.bbox
    formula = InlineMath(
        token=formula_token(0),
        bbox=box,
        origin_x=box.x0,
        baseline=box.bottom,
        advance=box.width,
        glyphs=text_line.glyphs,
        text=text_line.text,
    )
    return dataclasses.replace(text_line, text=formula_token(0), formulas=(formula,))


def test_rows_of_formulas_are_a_display_equation_not_a_table() -> None:
    rows = [[f"x{index}", f"=y{index}+z", f"({index})"] for index in range(1, 6)]
    lines = [item for index, cells in enumerate(rows) for item in row(100 + LEADING * index, cells, LEFTS)]
    assert [region for region in candidate_regions(lines) if is_table(region)]
    formulas = [as_formula(item) if item.bbox.x0 < LEFTS[2] else item for item in lines]
    assert not [region for region in candidate_regions(formulas) if is_table(region)]


def test_the_first_line_of_lines_set_from_the_left_keeps_its_indent() -> None:
    lines = [
        line(80.0, 100.0, "The first line is indented"),
        line(50.0, 112.0, "and the second is not at all"),
    ]
    area = BBox(x0=50, top=100, x1=300, bottom=122)

    indented = make_block("p1-b0", lines, area, SIZE, "left")
    centred = make_block("p1-b1", lines, area, SIZE, "center")

    assert indented is not None and indented.indent == 30.0
    # Centred or right-aligned, a first line is short of the edge by its length: no indent.
    assert centred is not None and centred.indent == 0.0
    # Text wrapped around a figure starts anywhere; right-to-left lines are indented from the right.
    around = [*lines, line(70.0, 124.0, "and the third starts elsewhere")]
    arabic = [line(80.0, 100.0, "السطر الأول هنا"), line(50.0, 112.0, "والسطر الثاني هنا")]
    assert (block := make_block("p1-b2", around, area, SIZE, "left")) is not None and block.indent == 0.0
    assert (block := make_block("p1-b3", arabic, area, SIZE, "left")) is not None and block.indent == 0.0


def test_a_first_line_indented_past_a_run_in_heading_is_as_full_as_its_right_end() -> None:
    # The 1040-NR instructions' "If you sold or exchanged assets used in a" after its heading, then
    # "U.S. trade or business, see the": the first line reaches the column's edge from its indent.
    first = line(150.0, 100.0, "If you sold or exchanged")
    lines = [first, line(50.0, 112.0, "U.S. trade or business, see the"), line(50.0, 124.0, "Instructions.")]
    # All three lines have text beside them on their rows: a page of three columns.
    assert len(split_at_hard_breaks(lines, rows=frozenset(lines))) == 1


def test_values_one_under_the_other_are_items_unless_they_run_on_or_are_prose() -> None:
    # A column of dates beside nothing (a timesheet's weekend): "Sat" would not have fit after "Fri 8 Mar".
    days = stacked(["Fri 8 Mar", "Sat 9 Mar", "Sun 10 Mar"])
    assert texts(split_at_hard_breaks(days)) == ["Fri 8 Mar", "Sat 9 Mar", "Sun 10 Mar"]
    # A range broken after its "to" is one value; so are the dates inside a narrow paragraph's lines.
    span = stacked(["1 Mar 2024 to", "31 Mar 2024"])
    assert len(split_at_hard_breaks(span)) == 1
    prose = stacked(["Payment is due by", "12 Mar 2024 09:00", "14 Mar 2024 17:00", "at the office."])
    assert len(split_at_hard_breaks(prose)) == 1
    # Lines without spaces are one "word" each, with a digit somewhere: no values.
    japanese = stacked(["第2節では2021年", "本研究では2020年に収集したデータ"])
    assert len(split_at_hard_breaks(japanese)) == 1
    # Days named in full with their month, e-mail addresses (their lower case goes on from nothing).
    agenda = stacked(["Monday 1 April", "Tuesday 2 April"])
    assert texts(split_at_hard_breaks(agenda)) == ["Monday 1 April", "Tuesday 2 April"]
    addresses = stacked(["a.bell@example.org", "t.price@example.org"])
    assert texts(split_at_hard_breaks(addresses)) == ["a.bell@example.org", "t.price@example.org"]
    # A day going on into a sentence is none.
    sentence = stacked(["Monday 1 April", "and the day after"])
    assert len(split_at_hard_breaks(sentence)) == 1


def test_a_heading_1_45_sizes_under_the_row_above_is_a_row_however_the_pdf_rounds_it() -> None:
    # Rows 14.5 points apart (1.45 sizes), as a PDF's numbers give them: a hair short.
    step = 14.4999999
    texts = [
        ("Ann Bell", "Clerk"),
        ("Information technology",),
        ("Tom Price", "Analyst"),
        ("Li Wei", "Porter"),
    ]
    bands = [
        Band(tuple(line(x, 100 + index * step, text) for x, text in zip((50, 200), row, strict=False)))
        for index, row in enumerate(texts)
    ]

    assert group_headings(bands) == {1}


# A box drawn round a cell says where its middle is; one found from the text alone reaches halfway across
# the gaps beside it, so a cell that starts where its column's leftmost text starts is set from the left.
@pytest.mark.parametrize(("drawn", "wide_centred_head"), [(True, "center"), (False, "left")])
def test_cells_keep_their_column_s_edge_but_those_off_it(drawn: bool, wide_centred_head: str) -> None:
    # A column of words set from the left, two of amounts set right.
    boxes = [(190.0, 290.0), (290.0, 400.0), (400.0, 460.0)]

    def cell(row: int, column: int, x0: float, text: str) -> GridCell:
        x_from, x_to = boxes[column]
        box = BBox(x0=x_from, top=100 + LEADING * row, x1=x_to, bottom=100 + LEADING * (row + 1))
        return GridCell([line(x0, box.top, text)], row, column, 1, box, "left")

    cells = [
        cell(0, 0, 200, "Method"),
        # As wide as to sit in the middle of its box (200 to 280 in 190 to 290), but set from the left.
        cell(1, 0, 200, "Transfer by bank"),
        cell(2, 0, 200, "Cash"),
        cell(3, 0, 207.5, "Bank transfer"),  # indented, and in the middle of its box by chance
        cell(0, 1, 300, "Amount"),  # set from the left over amounts set right
        cell(1, 1, 355, "2,720.00"),
        cell(2, 1, 365, "306.00"),
        cell(3, 1, 370, "12.50"),
        cell(4, 1, 365, "136.00"),
        cell(5, 1, 332.5, "Total"),  # centred in its box, right of the column's leftmost text
        cell(0, 2, 412.5, "Balance"),  # centred in its box, wider than the amounts under it
        *(
            cell(row, 2, 450 - 5 * len(amount), amount)
            for row, amount in enumerate(["9.00", "12.00", "7.25", "18.50"], 1)
        ),
    ]

    aligns = {(item.row, item.column): item.align for item in aligned_cells(cells, drawn=drawn)}

    assert aligns == {(row, 0): "left" for row in range(4)} | {(0, 1): "left", (5, 1): "center"} | {
        (row, column): "right" for row in (1, 2, 3, 4) for column in (1, 2)
    } | {(0, 2): wide_centred_head}
