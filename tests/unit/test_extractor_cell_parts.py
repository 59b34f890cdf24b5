"""Where a table cell is cut into parts (cell_parts), on synthetic cells of 10-point lines: a change of
style between two lines cuts it unless a sentence goes on across the change."""

import re
from dataclasses import replace

from docrelay_common.document import BBox, TextStyle
from docrelay_extractor.cell_parts import cell_parts
from docrelay_extractor.lines import TextLine, Word
from docrelay_extractor.table_grid import GridCell

SIZE = 10.0
PLAIN = TextStyle(font="DejaVuSans", size=SIZE)
ITALIC = TextStyle(font="DejaVuSans-Oblique", size=SIZE, italic=True)
# As narrow as the lines below are wrapped in: the next line's first word would not have fit.
CELL = BBox(x0=50.0, top=95.0, x1=150.0, bottom=140.0)


def line(text: str, top: float, style: TextStyle = PLAIN, x0: float = 55.0, **more: object) -> TextLine:
    """A line of `text`, 5 points a character, its words where its characters put them."""
    words = tuple(
        Word(x0 + 5.0 * match.start(), x0 + 5.0 * match.end(), match.group())
        for match in re.finditer(r"\S+", text)
    )
    return TextLine(
        bbox=BBox(x0=x0, top=top, x1=x0 + 5.0 * len(text), bottom=top + SIZE),
        text=text,
        style=style,
        glyphs=len(text.replace(" ", "")),
        words=words,
        **more,  # type: ignore[arg-type]
    )


def cell(*lines: TextLine) -> GridCell:
    return GridCell(list(lines), row=2, column=1, column_span=1, box=CELL, align="left")


def texts(parts: list[GridCell]) -> list[str]:
    return [" ".join(line.text for line in part.lines) for part in parts]


def test_a_title_over_its_speaker_in_italics_is_two_parts_sharing_the_cell() -> None:
    parts = cell_parts(
        cell(line("Building reliable data pipelines", 100.0), line("Tom Becker", 112.0, ITALIC))
    )

    assert texts(parts) == ["Building reliable data pipelines", "Tom Becker"]
    # The cut lies halfway across the gap between the lines (110 to 112); the parts keep the cell's place.
    assert [part.box for part in parts] == [
        CELL.model_copy(update={"bottom": 111.0}),
        CELL.model_copy(update={"top": 111.0}),
    ]
    assert {(part.row, part.column, part.column_span, part.align) for part in parts} == {(2, 1, 1, "left")}


def test_weight_size_colour_and_a_monospaced_face_each_cut_a_cell() -> None:
    title = line("Grilled sea bass", 100.0)
    for style in (
        TextStyle(font="DejaVuSans-Bold", size=SIZE, bold=True),
        TextStyle(font="DejaVuSans", size=7.0),
        TextStyle(font="DejaVuSans", size=SIZE, color="#555555"),
        TextStyle(font="DejaVuSansMono", size=SIZE),
    ):
        assert len(cell_parts(cell(title, line("With fennel", 112.0, style)))) == 2, style
    # A size within the tolerance of one paragraph's lines does not.
    close = TextStyle(font="DejaVuSans", size=9.0)
    assert len(cell_parts(cell(title, line("With fennel", 112.0, close)))) == 1


def test_lines_in_one_style_stay_one_part() -> None:
    wrapped = cell(line("Every office of the company", 100.0), line("Worldwide since May", 112.0))
    assert cell_parts(wrapped) == [wrapped]


def test_a_sentence_going_on_across_the_change_of_style_stays_whole() -> None:
    # The upper line ends in a little word, a comma or a hyphen; the lower starts in lower case.
    for upper, lower in (
        ("Read the summary in", "Annual Review of Tables"),
        ("Figures for Spain, France,", "Italy and Portugal"),
        ("All amounts are given", "in thousands of euros"),
    ):
        whole = cell(line(upper, 100.0), line(lower, 112.0, ITALIC))
        assert cell_parts(whole) == [whole], upper


def test_a_value_over_a_line_in_another_style_is_two_parts_though_that_goes_on_in_lower_case() -> None:
    # A dashboard tile: its unit reads as a little word, its caption starts in lower case.
    big = TextStyle(font="DejaVuSans-Bold", size=16.0, bold=True)
    assert texts(cell_parts(cell(line("2.4 h", 100.0, big), line("target 4 h", 118.0)))) == [
        "2.4 h",
        "target 4 h",
    ]
    assert len(cell_parts(cell(line("2.4 h", 100.0, big), line("3.1 h", 118.0)))) == 2
    # In one style they are one phrase; words over words in another style going on stay one sentence.
    phrase = cell(line("2.4 h", 100.0), line("target 4 h", 112.0))
    assert cell_parts(phrase) == [phrase]
    sentence = cell(line("Delivered in 4 h", 100.0, big), line("target 4 h", 118.0))
    assert cell_parts(sentence) == [sentence]


def test_a_line_holding_words_in_another_style_goes_on_with_the_sentence() -> None:
    # "Students should read the novel" over "*War and Peace* by Leo Tolstoy.": mostly italic, but not
    # wholly; nor is an upper line with a word in bold.
    upper = line("Students should read the novel", 100.0)
    mixed = line("War and Peace by Leo Tolstoy.", 112.0, ITALIC, one_style=False)
    whole = cell(upper, mixed)
    assert cell_parts(whole) == [whole]
    bold_word = line("Students should read the novel", 100.0, one_style=False)
    title = line("War and Peace", 112.0, ITALIC)
    assert cell_parts(cell(bold_word, title)) == [cell(bold_word, title)]
    # Each wholly in its style, the same lines are two parts.
    assert len(cell_parts(cell(upper, title))) == 2


def test_a_surname_in_capitals_stays_with_the_name_over_it() -> None:
    bold = TextStyle(font="DejaVuSans-Bold", size=SIZE, bold=True)
    for name, surname in (("Marie-Claire", "DUPONT"), ("Dr Maria Fernanda", "GARCÍA LÓPEZ")):
        whole = cell(line(name, 100.0), line(surname, 112.0, bold))
        assert cell_parts(whole) == [whole], surname
    # A unit in capitals under a head is no surname.
    small = TextStyle(font="DejaVuSans", size=7.0)
    assert len(cell_parts(cell(line("Amount", 100.0), line("(EUR)", 112.0, small)))) == 2


def test_lines_side_by_side_are_never_cut_apart() -> None:
    # A merged cell's line split at a column gap: a bold word, then regular ones on the same baseline.
    side_by_side = cell(
        line("Keynote", 100.0, TextStyle(font="DejaVuSans-Bold", size=SIZE, bold=True)),
        line("The future of open source", 100.5, x0=120.0),
    )
    assert cell_parts(side_by_side) == [side_by_side]


def test_an_empty_line_is_no_part() -> None:
    # A row's dot leaders read as a line without text, over or under one in another style.
    for upper, lower in (
        (line("Contents", 100.0), line(" ", 112.0, ITALIC)),
        (line(" ", 100.0), line("Contents", 112.0, ITALIC)),
    ):
        led = cell(upper, lower)
        assert cell_parts(led) == [led]


def test_a_size_beyond_fifteen_percent_cuts_and_one_within_does_not() -> None:
    title = line("Grilled sea bass", 100.0)
    for size, parts in ((8.4, 2), (8.6, 1)):
        smaller = TextStyle(font="DejaVuSans", size=size)
        assert len(cell_parts(cell(title, line("With fennel", 112.0, smaller)))) == parts, size


def test_a_cell_of_three_parts_and_lines_overlapping_a_little() -> None:
    grey = TextStyle(font="DejaVuSans", size=SIZE, color="#555555")
    three = cell(
        line("Opening keynote: the future", 100.0),
        line("Of open source software", 110.0),
        line("Maria Lopez", 119.0, ITALIC),  # a point into the line above: still under it
        line("Open Foundation", 130.0, grey),
    )
    parts = cell_parts(three)
    assert texts(parts) == [
        "Opening keynote: the future Of open source software",
        "Maria Lopez",
        "Open Foundation",
    ]
    assert [(part.box.top, part.box.bottom) for part in parts] == [
        (95.0, 119.5),
        (119.5, 129.5),
        (129.5, 140.0),
    ]


def test_a_line_half_its_height_into_the_one_above_is_no_line_under_it() -> None:
    overlapping = cell(line("Grilled sea bass", 100.0), line("With fennel", 104.0, ITALIC))
    assert cell_parts(overlapping) == [overlapping]


def test_lines_of_two_stacks_in_one_cell_are_compared_only_one_over_the_other() -> None:
    # Sorted by top, a line of the stack beside comes between a line and the one under it.
    beside = line("Notes", 105.0, ITALIC, x0=200.0)
    stacked = cell(line("Read the summary", 100.0), beside, line("Annual Review", 112.0, ITALIC))
    assert cell_parts(stacked) == [stacked]


def test_chinese_and_arabic_lines_are_never_cut() -> None:
    bold = TextStyle(font="NotoSansCJK-Bold", size=SIZE, bold=True)
    for upper, lower in (("适用于所有用户", "包括企业用户。"), ("مرحبا بكم", "في المؤتمر")):
        whole = cell(line(upper, 100.0), line(lower, 112.0, bold))
        assert cell_parts(whole) == [whole], upper


def test_words_and_a_value_meeting_are_parts_unless_the_value_goes_on_in_lower_case() -> None:
    # A calendar's day over its event; a label over its amount or date, even after a little word.
    assert texts(cell_parts(cell(line("3", 100.0), line("Staff meeting", 112.0)))) == ["3", "Staff meeting"]
    assert len(cell_parts(cell(line("Total due", 100.0), line("1,250.00", 112.0)))) == 2
    assert texts(cell_parts(cell(line("Due by", 100.0), line("28 March 2025", 112.0)))) == [
        "Due by",
        "28 March 2025",
    ]
    # A range broken after its "to" goes on.
    range_ = cell(line("1 Mar 2024 to", 100.0), line("31 Mar 2024", 112.0))
    assert cell_parts(range_) == [range_]
    months = cell(line("12", 100.0), line("months of cover", 112.0))
    assert cell_parts(months) == [months]
    # A surname in capitals is no value: it stays with the name over it.
    name = cell(line("Marie-Claire", 100.0), line("DUPONT", 112.0))
    assert cell_parts(name) == [name]


def test_a_person_named_after_a_courtesy_title_is_a_part_unless_the_line_above_runs_on() -> None:
    # A timetable's subject over its teacher, the title too long to have fit after the subject.
    for teacher in ("Mr Abernethy", "Dr. Wilkinson", "Mme Beauregard", "Sra. López", "Herr Müller"):
        assert texts(cell_parts(cell(line("Religious Studies", 100.0), line(teacher, 112.0)))) == [
            "Religious Studies",
            teacher,
        ]
    for whole in (
        cell(line("A talk given by", 100.0), line("Dr Ann Bell", 112.0)),
        cell(line("Further", 100.0), line("Mathematics", 112.0)),
        cell(line("Welcome and opening", 100.0), line("Dr Bell will speak", 112.0)),
        cell(line("Summer festival", 100.0), line("Drama and music", 112.0)),
        # Acronyms, and titles that are words of their own without their full stop.
        cell(line("Microsoft Office", 100.0), line("MS Excel", 112.0)),
        cell(line("Platform Security", 100.0), line("Sr Engineer", 112.0)),
        cell(line("Quarterly Annual", 100.0), line("Rev Growth", 112.0)),
        cell(line("Democratic Republic", 100.0), line("DR Congo", 112.0)),
        # A head in a table's first row.
        replace(cell(line("Number of Near", 100.0), line("Miss Incidents", 112.0)), row=0),
    ):
        assert cell_parts(whole) == [whole]
    assert len(cell_parts(cell(line("Platform Security", 100.0), line("Sr. Okafor", 112.0)))) == 2


def test_lines_broken_on_purpose_are_parts() -> None:
    # A shipper's box, 10 points of padding: each line ends although the next one's first word would fit.
    address = [line("Shipper", 60.0), line("Northern Tools Ltd", 72.0), line("Unit 4, Dock Road", 84.0)]
    address += [line("Hull HU9 1TX", 96.0)]
    box = BBox(x0=45.0, top=55.0, x1=300.0, bottom=110.0)
    assert texts(cell_parts(replace(cell(*address), box=box))) == [
        "Shipper",
        "Northern Tools Ltd",
        "Unit 4, Dock Road",
        "Hull HU9 1TX",
    ]
    # A line ending in a little word goes on; wrapped lines (the next word would not fit) stay one.
    title = replace(cell(line("Read the summary in", 60.0), line("Annual Review", 72.0)), box=box)
    assert cell_parts(title) == [title]
    # Wrapped where the next word would not fit in the box less its padding on both sides (it would fit
    # in the whole box): one part; in a wider box, two.
    lines = [line("Offices of the company", 60.0), line("Worldwide since May", 72.0)]
    narrow = replace(cell(*lines), box=BBox(x0=50.0, top=55.0, x1=215.0, bottom=110.0))
    assert cell_parts(narrow) == [narrow]
    assert len(cell_parts(replace(narrow, box=narrow.box.model_copy(update={"x1": 240.0})))) == 2


def test_a_sentence_broken_by_hand_in_a_drawn_box_stays_whole_but_a_labels_company_does_not() -> None:
    box = BBox(x0=45.0, top=55.0, x1=300.0, bottom=110.0)
    sentence = replace(
        cell(line("Tickets are sold through", 60.0), line("Eventbrite until 1 May.", 72.0)), box=box
    )
    assert cell_parts(sentence) == [sentence]
    label = replace(cell(line("Consignee", 60.0), line("Ferreteria Lopez S.L.", 72.0)), box=box)
    assert texts(cell_parts(label)) == ["Consignee", "Ferreteria Lopez S.L."]
