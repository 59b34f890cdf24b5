"""Translated lines leave the display formulas around them alone: a line with inline formulas that the
translation sets smaller stays on its source's baseline (its formulas keep their size, and on a line set
higher they rose into the line above), and no translated text is drawn inside a display's box."""

from pathlib import Path

import pikepdf

from bench.measure import measure
from bench.pipeline import OK, run_pipeline
from tests.support.corpus import corpus_pdf


def test_the_reference_cards_shrunk_lines_leave_the_formulas_around_them_alone(tmp_path: Path) -> None:
    # Pseudo-localization makes every line of the card longer, so most are set smaller than the source.
    run = run_pipeline(corpus_pdf("pari-refcard-ell.pdf"), tmp_path)
    assert run.outcome == OK, run.detail
    fidelity = measure(tmp_path)
    # Before: 49 of the 54 display boxes were identical and 44 pairs of rendered blocks overlapped; then
    # 52, with a code cell inside a paragraph's box the translation filled, and a formula kept at its size
    # on a shrunk line whose first baseline rose to leave room for its last. (54 boxes then; more since
    # the card's rows are items of their own, each with its displays.)
    assert fidelity.displays_identical == fidelity.display_boxes >= 54
    assert fidelity.overlapping_pairs <= fidelity.source_overlapping_pairs + 2


def test_a_longer_last_line_does_not_reach_into_the_frame_corners_below_it(tmp_path: Path) -> None:
    # R-intro's page 39: a framed box's top corners (glyphs of LaTeX's circle font, kept as drawn) lie
    # just under a paragraph whose translated last line is longer, and its descenders reached into them.
    page = tmp_path / "page-39.pdf"
    with pikepdf.open(corpus_pdf("R-intro.pdf")) as whole, pikepdf.new() as alone:
        alone.pages.append(whole.pages[38])
        alone.save(page)
    work = tmp_path / "work"
    work.mkdir()
    run = run_pipeline(page, work)
    assert run.outcome == OK, run.detail
    fidelity = measure(work)
    assert fidelity.display_boxes >= 4
    assert fidelity.displays_identical == fidelity.display_boxes
