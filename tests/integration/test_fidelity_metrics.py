"""The fidelity report's metrics (bench/): pure box and glyph arithmetic, then on real corpus PDFs."""

import math
import os
import shutil
import time
from pathlib import Path

import pytest

from bench import tables_report
from bench.fidelity_report import FileReport, summary_line, table_header, table_row
from bench.glyphs import count_missing, embedded_cids
from bench.isolation import ChildFailed, ChildTimedOut, in_fresh_process
from bench.layout_metrics import (
    block_iou,
    blocks_involved,
    centre_inside,
    iou,
    overlapping_pairs,
    rendered_box,
    union_box,
)
from bench.measure import Fidelity, measure
from bench.pipeline import APERTIUM, BASE_PDF, OK, RESULT_PDF, TRANSLATED_JSON, PipelineRun, run_pipeline
from bench.tables import TableReport, measure_cells, sources
from docrelay_common.document import BBox, Document, TextBlock
from docrelay_extractor.extract import extract_document
from docrelay_extractor.normalize import normalize_pdf
from docrelay_reconstructor.reconstruct import reconstruct


def box(x0: float, top: float, x1: float, bottom: float) -> BBox:
    return BBox(x0=x0, top=top, x1=x1, bottom=bottom)


# --- boxes -------------------------------------------------------------------------------------------


def test_iou_of_identical_disjoint_and_half_shifted_boxes() -> None:
    assert iou(box(0, 0, 10, 10), box(0, 0, 10, 10)) == 1.0
    assert iou(box(0, 0, 10, 10), box(20, 0, 30, 10)) == 0.0
    # Shifted by half its width: 50 shared of 150 covered.
    assert iou(box(0, 0, 10, 10), box(5, 0, 15, 10)) == pytest.approx(1 / 3)


def test_a_word_belongs_to_a_block_when_its_centre_is_within_one_point_of_the_box() -> None:
    block = box(10, 10, 50, 20)
    assert centre_inside(box(49, 12, 51.8, 18), block)  # centre 0.4 pt right of the edge
    assert not centre_inside(box(50, 12, 54, 18), block)  # centre 2 pt right of the edge
    assert not centre_inside(box(20, 20, 30, 24), block)  # centre 2 pt below


def test_rendered_box_is_the_union_of_the_words_drawn_in_the_block() -> None:
    block = box(0, 0, 100, 30)
    words = [box(0, 0, 40, 10), box(45, 12, 80, 22), box(0, 50, 40, 60)]
    assert rendered_box(block, words) == box(0, 0, 80, 22)
    assert rendered_box(block, words[2:]) is None
    assert union_box([]) is None


def test_block_iou_compares_the_rendered_box_with_the_source_box() -> None:
    block = box(0, 0, 100, 20)
    assert block_iou(block, box(0, 0, 50, 20)) == pytest.approx(0.5)
    assert block_iou(block, None) == 0.0


def test_overlapping_pairs_ignore_boxes_that_only_touch() -> None:
    boxes = [
        box(0, 0, 10, 10),
        box(10, 0, 20, 10),  # shares an edge with 0
        box(8, 8, 12, 12),  # 2x2 pt with 0, with 1 too
        box(19.5, 9.5, 30, 30),  # 0.5x0.5 pt with 1: touching
    ]
    pairs = overlapping_pairs(boxes)
    assert pairs == [(0, 2), (1, 2)]
    assert blocks_involved(pairs) == 3


# --- glyphs ------------------------------------------------------------------------------------------

WEASYPRINT_ENCODING = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /WP-Encod-0 def /CMapType 1 def
1 begincodespacerange <0000> <ffff> endcodespacerange
3 begincidchar <002b> 43 <0dc8> 0 <0045> 69 endcidchar
1 begincidrange <0100> <0102> 256 endcidrange
endcmap CMapName currentdict /CMap defineresource pop end end"""


def test_embedded_cids_reads_two_byte_cid_chars_and_ranges() -> None:
    assert embedded_cids(WEASYPRINT_ENCODING) == {
        0x2B: 43,
        0xDC8: 0,
        0x45: 69,
        0x100: 256,
        0x101: 257,
        0x102: 258,
    }


def test_embedded_cids_refuses_what_it_cannot_read_whole() -> None:
    assert embedded_cids(b"1 begincidchar <20> 3 endcidchar") is None  # one-byte codes
    assert embedded_cids(b"/Identity-H usecmap 1 begincidchar <0020> 3 endcidchar") is None


def test_count_missing_counts_notdef_texts_and_fonts_it_cannot_check() -> None:
    fonts = {"ABCDEF+DejaVu-Sans": frozenset({"\ue000"}), "Times-Roman": None}
    chars = [
        ("ABCDEF+DejaVu-Sans", "a"),
        ("ABCDEF+DejaVu-Sans", "\ue000"),
        ("Times-Roman", "b"),
        ("NotOnThisPage", "c"),
    ]
    assert count_missing(chars, fonts) == (1, 2)


# --- report ------------------------------------------------------------------------------------------


def test_fidelity_adds_field_by_field_and_shares_empty_files_as_perfect() -> None:
    total = Fidelity(blocks=4, kept=3, iou_sum=2.0) + Fidelity(blocks=4, kept=1, iou_sum=1.0)
    assert (total.blocks, total.kept, total.kept_share, total.mean_iou) == (8, 4, 0.5, 0.375)
    assert Fidelity().kept_share == 1.0


def test_summary_tells_expected_failures_from_crashes() -> None:
    def report(outcome: str) -> FileReport:
        fidelity = Fidelity(blocks=2, kept=1, iou_sum=1.0) if outcome == OK else None
        return FileReport(f"{outcome}.pdf", "prose", PipelineRun(outcome, "", 1.0, math.nan), fidelity, "")

    reports = [report(OK), report("pdf_encrypted"), report("crash: KeyError"), report("timeout")]
    summary = summary_line(reports, 12.0)
    assert "4 files: 1 ok, 1 failed with an expected code (pdf_encrypted 1), 2 crashed" in summary
    assert "kept 50.0%" in summary
    # Fixed width: every row's outcome starts where the header's does.
    column = table_header().index("outcome")
    assert {table_row(r)[column:].split()[0] for r in reports} == {OK, "pdf_encrypted", "crash:", "timeout"}


# --- fresh processes ---------------------------------------------------------------------------------


def test_in_fresh_process_returns_what_the_child_returns() -> None:
    assert in_fresh_process(os.getpid) != os.getpid()


def test_in_fresh_process_reports_an_exception_death_and_timeout() -> None:
    with pytest.raises(ChildFailed, match="ValueError"):
        in_fresh_process(int, "not a number")
    with pytest.raises(ChildFailed, match="killed by SIGABRT"):
        in_fresh_process(os.abort)
    started = time.perf_counter()
    with pytest.raises(ChildTimedOut):
        in_fresh_process(time.sleep, 60, timeout=1)
    assert time.perf_counter() - started < 10


def test_in_fresh_process_says_why_the_code_could_not_be_imported() -> None:
    def moved() -> None:
        """Stands for a function whose module is being rewritten while a benchmark runs."""

    moved.__module__ = "bench.no_such_module"
    with pytest.raises(ChildFailed, match=r"ModuleNotFoundError: No module named 'bench\.no_such_module'"):
        in_fresh_process(moved)


# --- real PDFs ---------------------------------------------------------------------------------------


def test_pipeline_outcomes_are_error_codes_or_named_crashes(corpus, tmp_path: Path) -> None:
    assert run_pipeline(corpus("zero-pages.pdf"), tmp_path).outcome == "pdf_empty"
    crashed = run_pipeline(tmp_path, tmp_path)  # a directory: no stage expects that
    assert crashed.outcome == "crash: IsADirectoryError"


def test_a_pseudo_localized_corpus_pdf_is_measured_page_by_page(corpus, tmp_path: Path) -> None:
    run = run_pipeline(corpus("pari-refcard-ell.pdf"), tmp_path)
    assert run.outcome == OK
    document = Document.model_validate_json((tmp_path / TRANSLATED_JSON).read_text())
    fidelity = measure(tmp_path)
    assert fidelity.pages_source == fidelity.pages_output == len(document.pages)
    assert fidelity.blocks == sum(1 for block in document.blocks() if block.text.strip())
    assert 0 <= fidelity.kept <= fidelity.blocks
    assert 0.0 <= fidelity.mean_iou <= 1.0
    # Untranslated blocks and formulas keep the source's own glyphs, whose fonts cannot be checked.
    assert fidelity.unchecked_chars <= sum(map(_source_glyphs, document.blocks()))


def _source_glyphs(block: TextBlock) -> int:
    """The most glyphs of the block the output can draw in the source's own fonts: all of them when it
    is not translated or has formulas (a block whose formulas cannot move keeps its drawing)."""
    if not block.translatable or block.math:
        return len(block.source_text.replace(" ", "")) + sum(formula.glyphs for formula in block.math)
    return 0


def _extracted(source: Path, work_dir: Path) -> Document:
    base = work_dir / BASE_PDF
    base.write_bytes(normalize_pdf(source).pdf)
    return extract_document(base)


def test_the_source_measured_as_its_own_output_keeps_every_block(corpus, tmp_path: Path) -> None:
    """The control: when nothing moved, the words in each block's box rebuild the box."""
    document = _extracted(corpus("indirect-rotation.pdf"), tmp_path)  # rotated pages, too
    (tmp_path / TRANSLATED_JSON).write_text(document.model_dump_json())
    shutil.copy(tmp_path / BASE_PDF, tmp_path / RESULT_PDF)
    fidelity = measure(tmp_path)
    assert fidelity.kept == fidelity.blocks > 0
    assert fidelity.mean_iou > 0.9
    assert fidelity.images_source == fidelity.images_output


def _reconstructed(document: Document, work_dir: Path) -> Fidelity:
    (work_dir / TRANSLATED_JSON).write_text(document.model_dump_json())
    (work_dir / RESULT_PDF).write_bytes(reconstruct(work_dir / BASE_PDF, document, work_dir))
    return measure(work_dir)


def test_characters_no_font_has_are_missing_and_their_font_stays_readable(corpus, tmp_path: Path) -> None:
    document = _extracted(corpus("census-12s0324.pdf"), tmp_path)
    plain = _reconstructed(document, tmp_path)
    block = next(block for block in document.blocks() if block.translatable)
    # A private-use and an unassigned code point: no installed font draws them, WeasyPrint uses .notdef.
    block.text += " \ue000\u0378"
    with_missing = _reconstructed(document, tmp_path)
    assert (plain.missing_glyphs, with_missing.missing_glyphs) == (0, 2)
    # pdfminer reads no embedded encoding: without read_as_identity the whole font would vanish.
    assert with_missing.kept >= plain.kept - 1


# --- tables and forms --------------------------------------------------------------------------------


def test_the_tables_part_measures_a_generated_table_against_its_known_grid(tmp_path: Path) -> None:
    # In this process (the bench isolates each step, which only adds start-up time here).
    (source,) = [source for source in sources() if source.name == "zebra-price-list.pdf"]
    source.write(tmp_path / "source.pdf")
    run = run_pipeline(tmp_path / "source.pdf", tmp_path, APERTIUM)
    assert (run.outcome, run.engine) == (OK, "apertium en>es")
    report = TableReport(source.name, run, measure(tmp_path), measure_cells(tmp_path, source.grid))
    assert report.fidelity is not None
    tokens = report.fidelity.tokens
    # Every amount and quantity is drawn where it was, and the known grid has no word across a border.
    assert tokens.numbers_unchanged >= 24 and tokens.numbers_share == 1.0
    assert (report.cells.overflows, report.cells.source_overflows) == (0, 0)
    assert report.cells.found >= 40 and report.cells.verbatim >= 24
    # The amounts are in cells; a word Apertium leaves inside a translated description moves with it.
    in_cells = report.cells.tokens
    assert in_cells.numbers_unchanged >= 24 and in_cells.numbers_share == 1.0
    assert in_cells.numbers_unchanged < in_cells.unchanged <= tokens.unchanged
    assert "zebra-price-list.pdf" in tables_report.table_row(report)
