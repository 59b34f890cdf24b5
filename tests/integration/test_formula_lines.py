"""A line with inline formulas that the translation sets smaller stays on its source's baseline: its
formulas keep their size, and on a line set higher they rose into the line above."""

from pathlib import Path

from bench.measure import measure
from bench.pipeline import OK, run_pipeline
from tests.support.corpus import corpus_pdf


def test_the_reference_cards_shrunk_lines_leave_the_formulas_around_them_alone(tmp_path: Path) -> None:
    # Pseudo-localization makes every line of the card longer, so most are set smaller than the source.
    run = run_pipeline(corpus_pdf("pari-refcard-ell.pdf"), tmp_path)
    assert run.outcome == OK, run.detail
    fidelity = measure(tmp_path)
    # Before: 49 of the 54 display boxes were identical and 44 pairs of rendered blocks overlapped.
    # The two boxes left sit inside a paragraph's own box, which the translation fills.
    assert (fidelity.display_boxes, fidelity.displays_identical) == (54, 52)
    assert fidelity.overlapping_pairs <= fidelity.source_overlapping_pairs + 2
