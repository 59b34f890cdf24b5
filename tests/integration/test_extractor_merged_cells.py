"""A merged cell across columns of a ruled grid keeps the columns apart, and its lines one cell.

A school timetable's project over Thursday and Friday, a programme's keynote and lunch over its rooms:
the text's column gap closes at such a row, and the two columns had become one everywhere, their cells
read as one phrase ("History Mathematics", translated "Matemática de historia"; two talks' lines
interleaved, "Threat modelling for small Accessible forms that people can teams actually use"). The
rule drawn between the columns, interrupted at the merged cell, keeps them apart.
"""

from pathlib import Path

from weasyprint import HTML

from tests.integration.test_extractor_table_rows import _table_rows, _web_table

GRID = (
    "<html><head><style>@page {{ size: A4; margin: 2cm }}"
    " body {{ font-family: 'DejaVu Sans'; font-size: 9pt }}"
    " table {{ border-collapse: collapse }} td, th {{ border: 0.6pt solid #333; padding: 4pt 5pt;"
    " text-align: center; vertical-align: top }} {css}</style></head>"
    "<body><table>{rows}</table></body></html>"
)


def _grid(path: Path, rows: str, css: str = "") -> Path:
    """The rows (HTML) as a ruled grid, its cells centred; `css`: more style rules, after those."""
    HTML(string=GRID.format(rows=rows, css=css)).write_pdf(path)
    return path


def test_a_cell_merged_across_two_days_keeps_the_days_apart(tmp_path: Path) -> None:
    source = _grid(
        tmp_path / "timetable.pdf",
        "<tr><th>Period</th><th>Monday</th><th>Thursday</th><th>Friday</th></tr>"
        "<tr><td>8:00</td><td>Music</td><td>History</td><td>Mathematics</td></tr>"
        "<tr><td>9:00</td><td>French</td><td colspan=2>Project work in the library</td></tr>"
        "<tr><td>10:00</td><td>Art</td><td>English</td><td>Geography</td></tr>",
    )

    assert _table_rows(source) == [
        ["Period", "Monday", "Thursday", "Friday"],
        ["8:00", "Music", "History", "Mathematics"],
        ["9:00", "French", "Project work in the library"],
        ["10:00", "Art", "English", "Geography"],
    ]


def test_a_merged_cell_of_many_short_words_stays_whole(tmp_path: Path) -> None:
    # Set from the left across two days, wide word gaps: some fall where the rules down the other rows'
    # column gap would have cut it.
    words = " ".join("abcdefghijklmn")
    source = _grid(
        tmp_path / "timetable.pdf",
        "<tr><th>Period</th><th>Monday</th><th>Thursday</th><th>Friday</th></tr>"
        "<tr><td>8:00</td><td>Music</td><td>History</td><td>Mathematics</td></tr>"
        "<tr><td>9:00</td><td>French</td>"
        f"<td colspan=2 style='text-align: left; word-spacing: 2pt'>{words}</td></tr>"
        "<tr><td>10:00</td><td>Art</td><td>English</td><td>Geography</td></tr>"
        "<tr><td>11:00</td><td>Biology</td><td>Drama</td><td>Physics</td></tr>"
        "<tr><td>12:00</td><td>Latin</td><td>Chemistry</td><td>Music</td></tr>",
    )

    assert ["9:00", "French", words] in _table_rows(source)


def test_a_keynote_over_three_rooms_is_one_cell_and_the_rooms_stay_apart(tmp_path: Path) -> None:
    # The keynote's title and its speaker, centred: the shorter line reaches across two rooms only.
    source = _grid(
        tmp_path / "programme.pdf",
        "<tr><th>Time</th><th>Room A</th><th>Room B</th><th>Room C</th></tr>"
        "<tr><td>09:00</td><td colspan=3>Opening keynote: the future of open source software<br>"
        "Maria Lopez</td></tr>"
        "<tr><td>10:00</td><td>Reliable data pipelines</td><td>Threat modelling for small teams</td>"
        "<td>Accessible forms that people can use</td></tr>"
        "<tr><td>11:00</td><td>Streaming analytics at scale</td><td>Passwordless login in practice</td>"
        "<td>Design systems for services</td></tr>"
        "<tr><td>12:00</td><td colspan=3>Lunch in the main hall</td></tr>"
        "<tr><td>13:30</td><td>Spreadsheets</td><td>Incident response drills</td>"
        "<td>Usability testing on a budget</td></tr>",
    )

    rows = _table_rows(source)

    assert ["09:00", "Opening keynote: the future of open source software Maria Lopez"] in rows, rows
    assert [
        "10:00",
        "Reliable data pipelines",
        "Threat modelling for small teams",
        "Accessible forms that people can use",
    ] in rows, rows
    assert [
        "13:30",
        "Spreadsheets",
        "Incident response drills",
        "Usability testing on a budget",
    ] in rows


def test_a_heading_reaching_into_the_next_column_takes_no_cell_beside_it(tmp_path: Path) -> None:
    # "eCommerce", wider than the names, reaches into the roles' column over "Ana Ruiz" | "Product owner":
    # the role is a cell of its own, not part of the heading's.
    rows = [
        ("eCommerce",),
        ("Ana Ruiz", "Product owner", "5101"),
        ("Ben Cole", "Developer", "5102"),
        ("iOS team",),
        ("Cat Wu", "Developer", "5201"),
        ("Dev Rao", "Tester", "5202"),
        ("Operations",),
        ("Eli Moss", "Manager", "5301"),
        ("Fay Lee", "Analyst", "5302"),
    ]
    source = _web_table(tmp_path / "teams.pdf", rows)

    rows_read = _table_rows(source)

    assert any("Ana Ruiz" in row[0] and row[1:] == ["Product owner", "5101"] for row in rows_read), rows_read


def test_two_talks_with_a_note_across_both_under_them_stay_two_cells(tmp_path: Path) -> None:
    # No rule under the talks: the note under both joins their row; it may join one talk, never both.
    source = _grid(
        tmp_path / "programme.pdf",
        "<tr><th>Time</th><th>Room A</th><th>Room B</th></tr>"
        "<tr><td>08:00</td><td>Welcome coffee</td><td>Registration desk</td></tr>"
        "<tr><td style='border-bottom: none'>09:00</td>"
        "<td style='border-bottom: none'>Reliable pipelines</td>"
        "<td style='border-bottom: none'>Threat modelling</td></tr>"
        "<tr><td style='border-top: none'></td>"
        "<td colspan=2 style='border-top: none'>Joint questions for both speakers</td></tr>"
        "<tr><td>10:00</td><td>Streaming analytics</td><td>Passwordless login</td></tr>"
        "<tr><td>11:00</td><td>Design systems</td><td>Incident drills</td></tr>"
        "<tr><td>12:00</td><td>Spreadsheets</td><td>Usability testing</td></tr>",
    )

    cells = [text for row in _table_rows(source) for text in row]

    assert not any("Reliable pipelines" in text and "Threat modelling" in text for text in cells), cells
    assert "Threat modelling" in cells, cells


def test_a_merged_cell_with_a_word_gap_on_the_rule_keeps_the_columns_apart(tmp_path: Path) -> None:
    # Centred across the two wings, a gap of "Closed all week" falls where the rule stops: the row has
    # words on both sides of it, yet no rule beside it.
    source = _grid(
        tmp_path / "wings.pdf",
        "<tr><th>Group</th><th>Left wing</th><th>Right wing</th><th>Floor</th></tr>"
        "<tr><td>Red</td><td>Open</td><td>Closed</td><td>1</td></tr>"
        "<tr><td>Blue</td><td colspan=2>Closed all week</td><td>2</td></tr>"
        "<tr><td>Green</td><td>Closed</td><td>Open</td><td>3</td></tr>",
    )

    assert _table_rows(source) == [
        ["Group", "Left wing", "Right wing", "Floor"],
        ["Red", "Open", "Closed", "1"],
        ["Blue", "Closed all week", "2"],
        ["Green", "Closed", "Open", "3"],
    ]


def test_a_cells_text_set_past_its_border_keeps_the_other_columns_apart(tmp_path: Path) -> None:
    # A fixed layout, a long name that may not wrap: it runs over the rules to its right, and the three
    # columns it crosses had become one everywhere ("Name Status Notes", "Lamp Retired Spare parts").
    source = _grid(
        tmp_path / "items.pdf",
        '<col style="width: 90pt">' * 4 + "<tr><th>Code</th><th>Item</th><th>Status</th><th>Notes</th></tr>"
        "<tr><td>A1</td><td class=long>Extremely long product designation text</td>"
        "<td>Active</td><td>None</td></tr>"
        "<tr><td>B2</td><td>Lamp</td><td>Retired</td><td>Spare parts</td></tr>"
        "<tr><td>C3</td><td>Desk</td><td>Active</td><td>New model</td></tr>",
        css="table { table-layout: fixed; width: 360pt }"
        " td, th { border: 0.8pt solid #000; padding: 3pt; text-align: left }"
        " td.long { white-space: nowrap; overflow: visible }",
    )

    rows = _table_rows(source)

    assert rows[0] == ["Code", "Item", "Status", "Notes"], rows
    assert rows[2:] == [["B2", "Lamp", "Retired", "Spare parts"], ["C3", "Desk", "Active", "New model"]], rows
