"""The tables-and-forms part of the fidelity report: a row per document, a summary line, Markdown and HTML."""

import html
import math
from collections.abc import Callable, Sequence

from bench.measure import Fidelity
from bench.tables import TableReport

# The goals: on every table or form document at least this share of unchanged tokens, and of
# unchanged numbers, in place.
TOKENS_GOAL = 0.95
NUMBERS_GOAL = 0.98

Cell = Callable[[TableReport], str]


def _measured(cell: Callable[[TableReport, Fidelity], str]) -> Cell:
    return lambda report: "-" if report.fidelity is None else cell(report, report.fidelity)


COLUMNS: tuple[tuple[str, int, Cell], ...] = (
    ("file", 28, lambda r: r.name),
    ("engine", 18, lambda r: r.run.engine if r.fidelity else r.run.outcome),
    ("pages", 6, _measured(lambda r, f: str(f.pages_output))),
    ("cells", 6, _measured(lambda r, f: str(r.cells.found))),
    ("verbatim", 9, _measured(lambda r, f: str(r.cells.verbatim))),
    ("tokens", 7, _measured(lambda r, f: str(f.tokens.unchanged))),
    ("in place", 9, _measured(lambda r, f: f"{f.tokens.share:.1%}")),
    ("numbers", 8, _measured(lambda r, f: str(f.tokens.numbers_unchanged))),
    ("in place", 9, _measured(lambda r, f: f"{f.tokens.numbers_share:.1%}")),
    ("in cells", 9, _measured(lambda r, f: str(r.cells.tokens.unchanged))),
    ("in place", 9, _measured(lambda r, f: f"{r.cells.tokens.share:.1%}")),
    ("overflows", 10, _measured(lambda r, f: f"{r.cells.overflows}/{r.cells.source_overflows}")),
    ("IoU", 5, _measured(lambda r, f: f"{f.mean_iou:.2f}")),
    ("s", 6, lambda r: f"{r.run.seconds:.1f}"),
)

LEGEND = (
    "tokens: words with a letter or digit the output still holds unchanged on the same page; in place: "
    "share of them drawn at the source's place (top within 3 pt, left or right edge within 6 pt); numbers: "
    "the same for numeric tokens alone; in cells: the unchanged tokens the source draws inside table "
    "cells, and the share of them in place (a table's title, notes and prose move with their translation); "
    "cells, verbatim: table cells found, and kept as they were (data, names); overflows: output/source "
    "words drawn in one cell that reach more than 1 pt into another (across and down; glyph boxes are "
    "a whole em, so tight rows graze each other on the source too) "
    "(the known grid for the generated tables, the cells found for the corpus's); IoU: the corpus "
    "report's mean block IoU."
)


def table_header() -> str:
    return _fixed([header for header, _, _ in COLUMNS])


def table_row(report: TableReport) -> str:
    return _fixed([cell(report) for _, _, cell in COLUMNS])


def summary_line(reports: Sequence[TableReport]) -> str:
    measured = [r.fidelity for r in reports if r.fidelity is not None]
    tokens = [f.tokens.share for f in measured]
    numbers = [f.tokens.numbers_share for f in measured]
    in_cells = [r.cells.tokens.share for r in reports if r.fidelity is not None]
    met = sum(
        f.tokens.share >= TOKENS_GOAL
        and f.tokens.numbers_share >= NUMBERS_GOAL
        and r.cells.overflows <= r.cells.source_overflows
        for r in reports
        if (f := r.fidelity) is not None
    )
    return (
        f"{len(reports)} table/form documents, {len(measured)} measured | mean unchanged tokens in place "
        f"{_mean(tokens):.1%} (lowest {min(tokens, default=math.nan):.1%}), numbers "
        f"{_mean(numbers):.1%} (lowest {min(numbers, default=math.nan):.1%}), in cells {_mean(in_cells):.1%} "
        f"(lowest {min(in_cells, default=math.nan):.1%}) | cell overflows "
        f"{sum(r.cells.overflows for r in reports)} (source {sum(r.cells.source_overflows for r in reports)})"
        f" | goal "
        f"(tokens >= {TOKENS_GOAL:.0%}, numbers >= {NUMBERS_GOAL:.0%}, no overflow beyond the source's) met "
        f"by {met} of {len(reports)}"
    )


def markdown(reports: Sequence[TableReport], summary: str) -> str:
    lines = [
        "## Tables and forms (Apertium where it has the pair, pseudo-localization otherwise)",
        "",
        "| " + " | ".join(header for header, _, _ in COLUMNS) + " |",
        "|---|---|" + "---:|" * (len(COLUMNS) - 2),
        *("| " + " | ".join(cell(r).replace("|", "\\|") for _, _, cell in COLUMNS) + " |" for r in reports),
        "",
        summary,
        "",
        LEGEND,
        "",
        *(f"- {r.name}: {r.problem}" for r in reports if r.problem),
    ]
    return "\n".join(lines) + "\n"


def figures(reports: Sequence[TableReport]) -> str:
    return "".join(
        f"<figure><figcaption>{html.escape(r.name)}: {html.escape(table_row(r))}</figcaption>"
        f'<img src="{html.escape(r.picture)}" alt="{html.escape(r.name)}, source and output"></figure>'
        for r in reports
        if r.picture
    )


def _fixed(cells: Sequence[str]) -> str:
    """Names left-aligned, numbers right-aligned, each clipped to leave one space."""
    return "".join(
        cell[: width - 1].ljust(width) if index < 2 else cell[: width - 1].rjust(width)
        for index, ((_, width, _), cell) in enumerate(zip(COLUMNS, cells, strict=True))
    ).rstrip()


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else math.nan
