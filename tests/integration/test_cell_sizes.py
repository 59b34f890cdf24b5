"""A table's translated cells shrink alike column by column, and the last column of a table without rules
runs on to the right of it: a timesheet typeset by WeasyPrint goes through the real extractor, Apertium
(English into Spanish) and the reconstructor, and is read back with pdfplumber. Its hours table has no
rules; its Work column is as wide as Saturday's "Field services, training" (nothing right of it in that
row), its Notes column as wide as "site visit". Under it a ruled table of vehicles with the same notes,
a table whose last column is set flush right, and one whose rows are two lines tall.
"""

from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from weasyprint import HTML

from bench.pipeline import APERTIUM, OK, RESULT_PDF, run_pipeline

SIZE = 9.0
DAYS = [
    ("Mon 4 Mar", "Field services", "site visit"),
    ("Tue 5 Mar", "Office", "office"),
    ("Wed 6 Mar", "Training", "office"),
    ("Thu 7 Mar", "Field services", "site visit"),
    ("Fri 8 Mar", "Office", "office"),
]
HOURS = "".join(
    f"<tr><td>{day}</td><td>{work}</td><td>08:30</td><td>17:00</td><td>7.5</td><td>{notes}</td></tr>"
    for day, work, notes in DAYS
)
# A day with nothing right of its work: that cell still keeps to its column.
LEAVE = "<tr><td>Sat 9 Mar</td><td>Field services, training</td><td></td><td></td><td></td><td></td></tr>"
# A table whose last column is set flush right.
CLAIMS = "".join(
    f'<tr><td>{claim}</td><td style="text-align: right">{reason}</td></tr>'
    for claim, reason in [("Taxi", "site visit"), ("Lunch", "office"), ("Parking", "site visit")]
)
# A table whose rows are two lines tall: its trips wrap in a narrow first column.
TRIPS = "".join(
    f"<tr><td>{trip}</td><td>{notes}</td></tr>"
    for trip, notes in [("Train to the head office", "site visit"), ("Bus to the depot", "office")]
)
TIMESHEET = f"""<html><head><style>
@page {{ size: A4; margin: 2cm }}
body {{ font-family: 'DejaVu Sans'; font-size: {SIZE}pt }}
table {{ border-collapse: collapse; margin-bottom: 18pt }}
td, th {{ padding: 1pt 4pt; text-align: left }}
.ruled td, .ruled th {{ border: 0.75pt solid black }}
.trips td {{ vertical-align: top }} .trips td:first-child {{ width: 70pt }}
</style></head><body>
<table><tr><th>Day</th><th>Work</th><th>Start</th><th>End</th><th>Hours</th><th>Notes</th></tr>{HOURS}{LEAVE}</table>
<table class="ruled"><tr><th>Vehicle</th><th>Use</th></tr>
<tr><td>AB12 CDE</td><td>site visit</td></tr><tr><td>FG34 HIJ</td><td>office</td></tr></table>
<table><tr><th>Claim</th><th style="text-align: right">Reason</th></tr>{CLAIMS}</table>
<table class="trips"><tr><th>Trip</th><th>Notes</th></tr>{TRIPS}</table>
</body></html>"""
# Where the ruled table starts on the page, under the hours table, the claims table under it, then trips.
RULED_TOP = 160.0
CLAIMS_TOP = 220.0
TRIPS_TOP = 290.0

Word = dict[str, float | str]


@dataclass(frozen=True)
class Timesheet:
    source: list[Word]  # the words of the source, each with its size
    output: list[Word]  # and of the translation
    ruled_right: float  # the right edge of the ruled table's rules


@pytest.fixture(scope="module")
def timesheet(tmp_path_factory: pytest.TempPathFactory) -> Timesheet:
    work_dir = tmp_path_factory.mktemp("timesheet")
    source = work_dir / "source.pdf"
    source.write_bytes(HTML(string=TIMESHEET).write_pdf())
    outcome = run_pipeline(source, work_dir, APERTIUM)
    assert (outcome.outcome, outcome.engine) == (OK, "apertium en>es")
    with pdfplumber.open(source) as opened:
        edges = [edge for edge in opened.pages[0].edges if RULED_TOP < edge["top"] < CLAIMS_TOP]
        ruled_right = max(float(edge["x1"]) for edge in edges)
    return Timesheet(words(source), words(work_dir / RESULT_PDF), ruled_right)


def words(pdf: Path) -> list[Word]:
    with pdfplumber.open(pdf) as opened:
        return opened.pages[0].extract_words(extra_attrs=["size"])


def hours_table(found: list[Word]) -> list[Word]:
    return [word for word in found if float(word["top"]) < RULED_TOP]


def ruled_table(found: list[Word]) -> list[Word]:
    return [word for word in found if RULED_TOP < float(word["top"]) < CLAIMS_TOP]


def claims_table(found: list[Word]) -> list[Word]:
    return [word for word in found if CLAIMS_TOP < float(word["top"]) < TRIPS_TOP]


def trips_table(found: list[Word]) -> list[Word]:
    return [word for word in found if float(word["top"]) > TRIPS_TOP]


def sizes(found: list[Word], *texts: str) -> set[float]:
    return {round(float(word["size"]), 1) for word in found if word["text"] in texts}


def test_a_narrow_column_shrinks_alike_and_alone(timesheet: Timesheet) -> None:
    table = hours_table(timesheet.output)
    # "Servicios de campo, formación" needs about 0.7 of the size in the Work column: its cells share
    # that size...
    (work,) = sizes(table, "Servicios", "Oficina", "Formación")
    assert work < SIZE - 1
    # ...which the other columns' cells of the same style do not: the Notes column keeps its size.
    assert sizes(table, "visita", "sitio", "oficina") == {SIZE}


def test_the_last_column_of_a_table_without_rules_runs_on_past_the_table(timesheet: Timesheet) -> None:
    table_right = max(float(word["x1"]) for word in hours_table(timesheet.source))
    notes = [word for word in hours_table(timesheet.output) if word["text"] == "sitio"]
    assert len(notes) == 2
    assert all(float(word["x1"]) > table_right + 5 for word in notes)
    assert sizes(notes, "sitio") == {SIZE}


def test_a_cell_with_empty_cells_right_of_it_keeps_to_its_column(timesheet: Timesheet) -> None:
    start = min(float(word["x0"]) for word in hours_table(timesheet.source) if word["text"] == "08:30")
    leave_top = max(float(word["top"]) for word in hours_table(timesheet.output))
    leave = [word for word in hours_table(timesheet.output) if abs(float(word["top"]) - leave_top) < 3]
    assert [word["text"] for word in leave][:2] == ["Sat", "9"] and len(leave) > 3
    assert all(float(word["x1"]) < start for word in leave)


def test_the_last_column_of_a_ruled_table_keeps_to_its_rule(timesheet: Timesheet) -> None:
    table = ruled_table(timesheet.output)
    assert {"visita", "sitio", "oficina"} <= {word["text"] for word in table}
    # Clear of the rule by the padding its cell kept on the left, a fifth of an em at most (1.8 points).
    assert all(float(word["x1"]) < timesheet.ruled_right - 1.5 for word in table)
    # It shrinks in its cell instead: alone, as it needs far more than the rest of its style on the page.
    (use,) = sizes(table, "visita", "sitio")
    assert use < SIZE - 1
    assert sizes(table, "oficina") == {SIZE}


def test_a_last_column_set_flush_right_still_ends_where_it_ended(timesheet: Timesheet) -> None:
    right = max(float(word["x1"]) for word in claims_table(timesheet.source))
    reasons = [word for word in claims_table(timesheet.output) if word["text"] in ("sitio", "oficina")]
    assert len(reasons) == 3
    assert all(abs(float(word["x1"]) - right) < 1 for word in reasons)


def test_a_last_column_cell_two_lines_tall_wraps_in_its_cell_rather_than_run_on(timesheet: Timesheet) -> None:
    right = max(float(word["x1"]) for word in trips_table(timesheet.source))
    note = {
        word["text"]: word for word in trips_table(timesheet.output) if word["text"] in ("visita", "sitio")
    }
    assert set(note) == {"visita", "sitio"}
    assert float(note["sitio"]["top"]) > float(note["visita"]["top"]) + 5
    assert all(float(word["x1"]) <= right + 1 for word in note.values())
    assert sizes(list(note.values()), "visita", "sitio") == {SIZE}
