"""Rows stay rows: tables whose cells and places are known (tests/support/tables.py: a Spanish borderless
donor list, a ruled schedule, striped rows with right-aligned amounts, merged header cells, a 200-row
ledger over four pages, a staff directory with its departments' headings among the names, a timetable with
cells merged across days, a statement whose descriptions wrap beside cells set in the middle of their
rows) go through the real extractor, Apertium (Spanish into English, English into Spanish) and the
reconstructor, the way the stage workers run them, and are read back with pdfplumber.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from weasyprint import HTML

from bench.layout_metrics import cell_overflows, centre_inside
from bench.measure import page_words
from bench.pipeline import APERTIUM, BASE_PDF, OK, RESULT_PDF, TRANSLATED_JSON, run_pipeline
from bench.token_metrics import Word, in_place
from docrelay_common.document import BBox, Document, TextBlock
from docrelay_reconstructor.sizing import display_text
from tests.integration.test_extractor_cell_alignment import RULED, _payments_pdf
from tests.support.tables import (
    PAGE_WIDTH,
    TOP,
    GeneratedTable,
    donor_list,
    league_table,
    long_ledger,
    merged_header_report,
    ruled_schedule,
    school_timetable,
    staff_directory,
    wrapped_statement,
    zebra_price_list,
)

TABLES: dict[str, Callable[[], GeneratedTable]] = {
    "borderless donor list": donor_list,
    "ruled schedule": ruled_schedule,
    "zebra stripes, amounts on the right": zebra_price_list,
    "merged header cells": merged_header_report,
    "200 rows over four pages": long_ledger,
    "group headings among names": staff_directory,
    "cells merged across days": school_timetable,
    "a long name close to the next column": league_table,
    "descriptions wrapped, the other cells in the middle of their rows": wrapped_statement,
}


@dataclass(frozen=True)
class Run:
    table: GeneratedTable
    translated: Document
    source: list[list[Word]]  # the words of each page
    output: list[list[Word]]

    def cells(self) -> list[tuple[int, int, int, BBox]]:
        """(page index, row, column, known box) of every body cell."""
        return [
            (row // self.table.rows_per_page, row, column, cell)
            for row, column, cell in self.table.body_cells()
        ]

    def block_in(self, page: int, cell: BBox) -> TextBlock:
        """The one block whose text lies in the known cell."""
        (block,) = [block for block in self.translated.pages[page].blocks if centre_inside(block.bbox, cell)]
        return block


_RUNS: dict[str, Run] = {}


def translated(name: str, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The table through the pipeline, once per test session."""
    if name not in _RUNS:
        table = TABLES[name]()
        work_dir = tmp_path_factory.mktemp("table")
        (work_dir / "source.pdf").write_bytes(table.pdf())
        outcome = run_pipeline(work_dir / "source.pdf", work_dir, APERTIUM)
        target = "en" if table.lang == "es" else "es"
        assert (outcome.outcome, outcome.engine) == (OK, f"apertium {table.lang}>{target}")
        document = Document.model_validate_json((work_dir / TRANSLATED_JSON).read_text())
        _RUNS[name] = Run(table, document, words_of(work_dir / BASE_PDF), words_of(work_dir / RESULT_PDF))
    return _RUNS[name]


@pytest.fixture(scope="module", params=sorted(TABLES))
def run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return translated(request.param, tmp_path_factory)


def words_of(pdf: Path) -> list[list[Word]]:
    with pdfplumber.open(pdf) as opened:
        return [page_words(page) for page in opened.pages]


def box(edges: tuple[float, float, float, float]) -> BBox:
    x0, top, x1, bottom = edges
    return BBox(x0=x0, top=top, x1=x1, bottom=bottom)


def inside(words: list[Word], cell: BBox) -> list[Word]:
    """The words drawn in the cell, in reading order."""
    return sorted((word for word in words if centre_inside(word.box, cell, margin=0.0)), key=reading)


def reading(word: Word) -> tuple[float, float]:
    return round(word.box.top), word.box.x0


def test_the_source_pdf_is_the_known_grid(run: Run) -> None:
    for page, row, column, cell in run.cells():
        assert " ".join(word.text for word in inside(run.source[page], cell)) == run.table.rows[row][column]


def test_every_cell_is_a_block_of_its_own_in_its_row_and_column(run: Run) -> None:
    rows: dict[tuple[int, int], set[int]] = {}
    columns: dict[tuple[int, int], set[int]] = {}
    for page, row, column, cell in run.cells():
        block = run.block_in(page, cell)
        assert block.source_text == run.table.rows[row][column]
        assert block.cell is not None, block.source_text
        rows.setdefault((page, row), set()).add(block.cell.row)
        columns.setdefault((page, column), set()).add(block.cell.column)
    # One table row per known row, one table column per known column, told apart.
    assert all(len(found) == 1 for found in [*rows.values(), *columns.values()])
    for page in {page for page, _ in rows}:
        assert len({next(iter(found)) for (at, _), found in rows.items() if at == page}) == len(
            [key for key in rows if key[0] == page]
        )
        assert len({next(iter(found)) for (at, _), found in columns.items() if at == page}) == len(
            run.table.widths
        )


def test_each_cell_shows_its_own_text_and_nothing_else_after_translation(run: Run) -> None:
    translated = 0
    for page, _, _, cell in run.cells():
        block = run.block_in(page, cell)
        shown = " ".join(word.text for word in inside(run.output[page], cell))
        assert shown == " ".join(display_text(block).split()), block.id
        translated += block.text != block.source_text
    assert translated > 0 or run.table.name == "donor-list"


def test_no_text_reaches_into_a_neighbouring_cell(run: Run) -> None:
    for index, words in enumerate(run.output):
        cells = [cell for page, _, _, cell in run.cells() if page == index]
        assert cell_overflows(cells, [word.box for word in words]) == 0


def test_data_cells_are_kept_as_they_were_where_they_were(run: Run) -> None:
    kept = 0
    for page, _, _, cell in run.cells():
        block = run.block_in(page, cell)
        if block.translatable:
            continue
        before, after = inside(run.source[page], cell), inside(run.output[page], cell)
        assert [word.text for word in after] == [word.text for word in before]
        assert all(in_place(old.box, new.box) for old, new in zip(before, after, strict=True))
        kept += 1
    # Every table holds numbers, codes or dates; the ledger and the schedule names too.
    assert kept >= len(run.table.rows)


def test_the_header_is_translated_in_its_own_rows_on_every_page(run: Run) -> None:
    band = BBox(x0=0, top=TOP, x1=PAGE_WIDTH, bottom=box(run.table.cell_box(0, 0)).top)
    for page, words in zip(run.translated.pages, run.output, strict=True):
        header = [block for block in page.blocks if block.cell and block.cell.row < len(run.table.header)]
        assert any(block.text != block.source_text for block in header)
        expected = sorted(word for block in header for word in display_text(block).split())
        assert sorted(word.text for word in inside(words, band)) == expected


def test_names_in_a_name_column_are_not_translated(tmp_path_factory: pytest.TempPathFactory) -> None:
    run = translated("borderless donor list", tmp_path_factory)
    assert "MENA" in {row[1] for row in run.table.rows}  # a surname Apertium turns into "Ore"
    names = [block for block in run.translated.blocks() if block.cell and block.cell.column in (1, 2, 3)]
    body = [block for block in names if block.cell and block.cell.row > 0]
    assert len(body) == 3 * len(run.table.rows)
    assert all(not block.translatable for block in body)
    # The headers of those columns are translated all the same.
    assert all(block.text != block.source_text for block in names if block.cell and block.cell.row == 0)


def test_names_under_a_head_naming_their_role_come_back_as_written(tmp_path: Path) -> None:
    # Two ruled tables side by side, the managers' one headed by their role: Apertium made "Tom Baker"
    # "Tom Panadero" and "Joe Cook" "Joe Cocinero".
    stock = [("Fruit", "Boxes"), ("Apples", "120"), ("Pears", "80"), ("Plums", "45")]
    managers = [("Region", "Manager"), ("North", "Tom Baker"), ("South", "Joe Cook")]
    tables = "".join(
        "<table>"
        + "".join("<tr>" + "".join(f"<td>{text}</td>" for text in row) + "</tr>" for row in rows)
        + "</table>"
        for rows in (stock, managers)
    )
    style = (
        "body { font: 9pt 'DejaVu Sans' } table { border-collapse: collapse }"
        " td { border: 0.6pt solid black; padding: 3pt 5pt }"
    )
    side_by_side = f"<div style='display: flex; gap: 24pt; align-items: flex-start'>{tables}</div>"
    HTML(string=f"<style>{style}</style>{side_by_side}").write_pdf(tmp_path / "source.pdf")

    outcome = run_pipeline(tmp_path / "source.pdf", tmp_path, APERTIUM)

    assert (outcome.outcome, outcome.engine) == (OK, "apertium en>es")
    [output] = words_of(tmp_path / RESULT_PDF)
    shown = {word.text for word in output}
    assert {"Tom", "Baker", "Joe", "Cook"} <= shown
    assert {"Peras", "Región", "Gerente"} <= shown  # the rest is translated


def test_heads_keep_their_place_in_their_cells_over_amounts_set_right(tmp_path: Path) -> None:
    # "Amount" set from its box's left over amounts set right came back "Cantidad" set right, grown left
    # onto the rule; "Hours" centred came back set right too.
    source = _payments_pdf(tmp_path / "source.pdf", RULED)

    outcome = run_pipeline(source, tmp_path, APERTIUM)

    assert (outcome.outcome, outcome.engine) == (OK, "apertium en>es")
    [before], [after] = words_of(source), words_of(tmp_path / RESULT_PDF)
    amount, hours = (_word_box(before, text) for text in ("Amount", "Hours"))
    cantidad, horas = (_word_box(after, text) for text in ("Cantidad", "Horas"))
    assert abs(cantidad.x0 - amount.x0) <= 1.0
    assert abs((horas.x0 + horas.x1) / 2 - (hours.x0 + hours.x1) / 2) <= 1.0


def _word_box(words: list[Word], text: str) -> BBox:
    return next(word.box for word in words if word.text == text)
