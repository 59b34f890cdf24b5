"""The fidelity bench's tables and forms: do rows stay rows once translated?

The corpus's table and form PDFs, the tables of tests/support/tables.py (a Spanish donor list like the
issue's, a ruled schedule, a striped price list, a report with merged header cells, a 200-row ledger) and
the lists of tests/support/lists.py (names, a legend, two rows of label and number, one item per line
between paragraphs of prose, no table) go through the pipeline with Apertium where it has the pair
(English and Spanish), pseudo-localization otherwise, each in a fresh process. Measured: unchanged tokens
in place, all and numeric ones alone (bench.token_metrics), the same for the tokens the source draws
inside table cells (the title, notes and prose around a table move with their translation; its cells
should not), and cell overflows: output words drawn in one cell that reach more than 1 pt into another,
beside the same count on the source (the glyphs of tight rows reach across their borders already). The
cells are the known grid for the generated tables (for the lists, each item's row), the extracted ones
for the corpus's. A side-by-side picture of each first page goes to bench/out/tables-<name>.png.
"""

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pdfplumber

from bench.isolation import ChildFailed, in_fresh_process
from bench.layout_metrics import cell_overflows, centre_inside
from bench.measure import Fidelity, measure, page_words
from bench.pictures import side_by_side
from bench.pipeline import APERTIUM, BASE_PDF, OK, RESULT_PDF, TRANSLATED_JSON, PipelineRun, run_pipeline
from bench.token_metrics import TokenCounts, Word, token_counts
from docrelay_common.document import BBox, Document, Page
from tests.support.corpus import corpus_pdf
from tests.support.lists import GeneratedLists, lists_and_legends
from tests.support.tables import GENERATED, GeneratedTable

CORPUS_TABLES = ("census-12s0324.pdf", "pari-refcard-ell.pdf", "libreoffice-form.pdf")
# Cell boxes by page number; None: take the cells the extractor found.
Grid = dict[int, list[BBox]] | None


@dataclass(frozen=True)
class CellMeasures:
    found: int = 0  # table cells the extractor found
    verbatim: int = 0  # of which were kept as they were (data, names)
    overflows: int = 0
    source_overflows: int = 0  # the same count on the source PDF
    # Unchanged tokens whose source word lies in a cell (of the grid measured against).
    tokens: TokenCounts = field(default_factory=TokenCounts)


@dataclass(frozen=True)
class TableReport:
    name: str
    run: PipelineRun
    fidelity: Fidelity | None
    cells: CellMeasures = CellMeasures()
    problem: str = ""
    picture: str | None = None


@dataclass(frozen=True)
class _Source:
    name: str
    write: Callable[[Path], None]
    grid: Grid


def sources() -> list[_Source]:
    corpus = [_Source(name, _copy_of(corpus_pdf(name)), None) for name in CORPUS_TABLES]
    return corpus + [_generated(make()) for make in (*GENERATED, lists_and_legends)]


def report_table(source: _Source, out_dir: Path, timeout: float) -> TableReport:
    with tempfile.TemporaryDirectory(prefix="docrelay-tables-") as tmp:
        work_dir = Path(tmp)
        pdf = work_dir / "source.pdf"
        source.write(pdf)
        run = in_fresh_process(run_pipeline, pdf, work_dir, APERTIUM, timeout=timeout)
        if run.outcome != OK:
            return TableReport(source.name, run, None, problem=run.detail)
        try:
            fidelity = in_fresh_process(measure, work_dir, timeout=timeout)
            cells = in_fresh_process(measure_cells, work_dir, source.grid, timeout=timeout)
        except ChildFailed as exc:
            return TableReport(source.name, run, None, problem=f"measuring the output failed: {exc.reason}")
        picture = f"tables-{Path(source.name).stem}.png"
        side_by_side(work_dir / BASE_PDF, work_dir / RESULT_PDF, out_dir / picture)
        return TableReport(source.name, run, fidelity, cells, picture=picture)


def measure_cells(work_dir: Path, grid: Grid) -> CellMeasures:
    """Cells found, cells kept verbatim, words overflowing their cell (of `grid`, or those found) in the
    output and, for comparison, in the source (the glyphs of tight rows reach across their borders), and
    the unchanged tokens the source draws in those cells."""
    document = Document.model_validate_json((work_dir / TRANSLATED_JSON).read_text())
    found = document.cells()
    overflows, source_overflows, tokens = 0, 0, TokenCounts()
    with pdfplumber.open(work_dir / BASE_PDF) as source, pdfplumber.open(work_dir / RESULT_PDF) as output:
        for page, source_page, output_page in zip(document.pages, source.pages, output.pages, strict=True):
            cells = _page_cells(page, grid)
            source_words, output_words = page_words(source_page), page_words(output_page)
            overflows += cell_overflows(cells, [word.box for word in output_words])
            source_overflows += cell_overflows(cells, [word.box for word in source_words])
            tokens += token_counts(_in_cells(source_words, cells), output_words)
            source_page.close()
            output_page.close()
    return CellMeasures(len(found), document.cells_kept_verbatim(), overflows, source_overflows, tokens)


def _in_cells(words: list[Word], cells: list[BBox]) -> list[Word]:
    return [word for word in words if any(centre_inside(word.box, cell, margin=0.0) for cell in cells)]


def _page_cells(page: Page, grid: Grid) -> list[BBox]:
    if grid is not None:
        return grid.get(page.number, [])
    return [block.cell.bbox for block in page.blocks if block.cell is not None]


def _generated(page: GeneratedTable | GeneratedLists) -> _Source:
    return _Source(f"{page.name}.pdf", partial(_write, page.pdf), page.grid())


def _copy_of(source: Path) -> Callable[[Path], None]:
    return partial(_write, source.read_bytes)


def _write(content: Callable[[], bytes], path: Path) -> None:
    path.write_bytes(content())
