"""The fidelity report: a row per file (fixed-width or Markdown), a summary line and an HTML page."""

import html
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bench.measure import Fidelity
from bench.pipeline import OK, PipelineRun
from docrelay_common.errors import ErrorCode

MISMATCH = "!"
_ERROR_CODES = frozenset(code.value for code in ErrorCode)


@dataclass(frozen=True)
class FileReport:
    name: str
    category: str
    run: PipelineRun
    fidelity: Fidelity | None  # None when the pipeline failed or the output could not be measured
    problem: str  # why there are no numbers, or the pipeline's error message
    picture: str | None = None  # file name of the side-by-side picture, next to the report

    @property
    def failed_as_expected(self) -> bool:
        return self.run.outcome in _ERROR_CODES

    @property
    def crashed(self) -> bool:
        return self.run.outcome != OK and not self.failed_as_expected


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    cell: Callable[[FileReport], str]
    numeric: bool = True


def _measured(cell: Callable[[Fidelity], str]) -> Callable[[FileReport], str]:
    return lambda report: "-" if report.fidelity is None else cell(report.fidelity)


def _pair(source: int, output: int) -> str:
    return f"{source}/{output}" + ("" if source == output else MISMATCH)


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def _number(value: float, spec: str) -> str:
    return "-" if math.isnan(value) else format(value, spec)


COLUMNS = (
    Column("file", 28, lambda r: r.name, numeric=False),
    Column("category", 24, lambda r: r.category, numeric=False),
    Column("outcome", 22, lambda r: r.run.outcome, numeric=False),
    Column("pages", 9, _measured(lambda f: _pair(f.pages_source, f.pages_output))),
    Column("blocks", 7, _measured(lambda f: str(f.blocks))),
    Column("kept", 6, _measured(lambda f: f"{f.kept_share:.0%}")),
    Column("IoU", 5, _measured(lambda f: f"{f.mean_iou:.2f}")),
    Column("overlaps", 9, _measured(lambda f: f"{f.overlapping_pairs}/{f.source_overlapping_pairs}")),
    Column("ovl blk", 8, _measured(lambda f: f"{f.overlapping_share:.0%}")),
    Column("missing", 8, _measured(lambda f: str(f.missing_glyphs))),
    Column("U+FFFD", 7, _measured(lambda f: str(f.replacement_chars))),
    Column("(cid:", 6, _measured(lambda f: str(f.cid_chars))),
    Column("images", 8, _measured(lambda f: _pair(f.images_source, f.images_output))),
    Column("in place", 9, _measured(lambda f: f"{f.tokens.share:.0%}")),
    Column("num", 5, _measured(lambda f: f"{f.tokens.numbers_share:.0%}")),
    Column("math", 6, _measured(lambda f: str(f.math_glyphs))),
    Column("m.fix", 6, _measured(lambda f: _share(f.math_fixed, f.math_glyphs))),
    Column("m.pl.", 7, _measured(lambda f: _share(f.math_in_place, f.math_glyphs))),
    Column("displays", 9, _measured(lambda f: f"{f.displays_identical}/{f.display_boxes}")),
    Column("face", 7, _measured(lambda f: _share(f.typeface_same, f.typeface_blocks))),
    Column("s", 6, lambda r: _number(r.run.seconds, ".1f")),
    Column("MB", 5, lambda r: _number(r.run.peak_mb, ".0f")),
)

LEGEND = (
    "pages, images: source/output, '!' when they differ; kept: share of blocks whose rendered words cover "
    "the source box with IoU >= 0.5; IoU: mean over blocks (0 for a block with no word in its box); "
    "overlaps: pairs of rendered block boxes intersecting by more than 1 pt², output/source boxes; "
    "ovl blk: share of blocks in such pairs; missing: characters drawn with .notdef; in place, num: share of "
    "the unchanged tokens, and of the unchanged numeric ones, drawn where the source drew them; "
    "math: source glyphs in math fonts (leader dots and bullets left out); m.fix: share drawn at their "
    "place (same character and font, within 2 pt); m.pl.: share at their place or moved with the whole "
    "of their formula; displays: boxes of display equations identical at 100 dpi / all; face: share of "
    "translated blocks drawn in their source's typeface class (serif, sans, mono); "
    "s, MB: pipeline wall time and peak RSS."
)


def table_header() -> str:
    return _fixed([column.header for column in COLUMNS])


def table_row(report: FileReport) -> str:
    return _fixed([column.cell(report) for column in COLUMNS])


def markdown(reports: Sequence[FileReport], summary: str) -> str:
    lines = [
        "# Fidelity report (pseudo-localization, en-XA)",
        "",
        "| " + " | ".join(column.header for column in COLUMNS) + " |",
        "|" + "|".join("---:" if column.numeric else "---" for column in COLUMNS) + "|",
        *(_markdown_row(report) for report in reports),
        "",
        summary,
        "",
        LEGEND,
        "",
        *(f"- {r.name}: {r.problem}" for r in reports if r.problem),
    ]
    return "\n".join(lines) + "\n"


def html_page(reports: Sequence[FileReport], summary: str, more_figures: str = "") -> str:
    figures = "".join(
        f"<figure><figcaption>{html.escape(r.name)}: {html.escape(_caption(r))}</figcaption>"
        f'<img src="{html.escape(r.picture)}" alt="{html.escape(r.name)}, source and output"></figure>'
        for r in reports
        if r.picture
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>docrelay fidelity</title></head><body>'
        f'<h1>Fidelity report</h1><p>{html.escape(summary)}</p><p><a href="fidelity.md">the table</a></p>'
        f"<p>First page of each translated file: source on the left, output on the right.</p>{figures}"
        f"{more_figures}"
        "</body></html>\n"
    )


def summary_line(reports: Sequence[FileReport], seconds: float) -> str:
    measured = [r.fidelity for r in reports if r.fidelity is not None]
    total = sum(measured, Fidelity())
    codes = Counter(r.run.outcome for r in reports if r.failed_as_expected)
    failures = ", ".join(f"{code} {count}" for code, count in sorted(codes.items()))
    return (
        f"{len(reports)} files: {sum(r.run.outcome == OK for r in reports)} ok, "
        f"{codes.total()} failed with an expected code ({failures}), "
        f"{sum(r.crashed for r in reports)} crashed or timed out | "
        f"mean over measured files: kept {_mean([f.kept_share for f in measured]):.1%}, "
        f"IoU {_mean([f.mean_iou for f in measured]):.2f}, unchanged tokens in place "
        f"{_mean([f.tokens.share for f in measured]):.1%}, "
        f"numbers {_mean([f.tokens.numbers_share for f in measured]):.1%} | "
        f"overlapping pairs {total.overlapping_pairs} (source boxes {total.source_overlapping_pairs}) | "
        f"missing glyphs {total.missing_glyphs}, U+FFFD {total.replacement_chars}, "
        f"(cid: {total.cid_chars}, unchecked chars {total.unchecked_chars} | "
        f"math in place {_share(total.math_in_place, total.math_glyphs)} "
        f"(fixed {_share(total.math_fixed, total.math_glyphs)}), "
        f"displays identical {total.displays_identical}/{total.display_boxes}, "
        f"typeface class kept {_share(total.typeface_same, total.typeface_blocks)} | "
        f"page count differs in {sum(f.pages_source != f.pages_output for f in measured)}, "
        f"image count in {sum(f.images_source != f.images_output for f in measured)} | "
        f"run time {seconds:.0f} s"
    )


def _markdown_row(report: FileReport) -> str:
    return "| " + " | ".join(column.cell(report).replace("|", "\\|") for column in COLUMNS) + " |"


def _caption(report: FileReport) -> str:
    return ", ".join(
        f"{column.header} {column.cell(report)}" for column in COLUMNS[2:] if column.cell(report) != "-"
    )


def _fixed(cells: Sequence[str]) -> str:
    """Each cell clipped to leave one space, numbers right-aligned and words left-aligned."""
    return "".join(
        format(_clip(cell, column.width - 1), f"{'>' if column.numeric else '<'}{column.width}")
        for column, cell in zip(COLUMNS, cells, strict=True)
    ).rstrip()


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "~"


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else math.nan
