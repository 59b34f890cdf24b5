"""Glyphs drawn again on a page from the source's own fonts, moved or in their place.

Glyphs that follow each other on one baseline in one font go into one TJ, with kerns for the distances
between them. Drawn one text object per glyph they would land at the same places, but viewers snap each
text object's start to the pixel grid, and a display equation drawn so would no longer look the same.
"""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import pikepdf
from pikepdf import Dictionary, Name, Stream

from docrelay_reconstructor.drawings import Drawing
from docrelay_reconstructor.overlay import display_matrix
from docrelay_reconstructor.strip_text import PAGE_CONTENT

_COLOR_OPERATORS = {1: "g", 3: "rg", 4: "k"}
# Distances (points) below this are no distance: the source's own rounding.
_NO_GAP = 1e-4


@dataclass(frozen=True)
class Move:
    """A glyph drawn again `dx` points right of and `dy` points below where the source drew it."""

    drawing: Drawing
    dx: float
    dy: float


class UnknownFont(Exception):
    """The font a glyph names is not in the resources of its content stream."""


def draw_again(pdf: pikepdf.Pdf, page: pikepdf.Page, moves: Sequence[Move]) -> None:
    """Append to the page's content the glyphs of `moves`, on top of everything it draws.

    Raises UnknownFont (before changing the page) when a font cannot be found.
    """
    if not moves:
        return
    # A font is known by its content stream and its name there: fonts may be direct objects.
    fonts = {(move.drawing.stream, move.drawing.font): _font(pdf, page, move.drawing) for move in moves}
    names = {key: page.add_resource(font, Name.Font, prefix="DocrelayMath") for key, font in fonts.items()}
    matrix = " ".join(
        f"{value:.6f}" for value in display_matrix([float(v) for v in page.mediabox], page.rotation)
    )
    runs = "\n".join(shown_runs(moves, {key: str(name) for key, name in names.items()}))
    page.contents_add(f"\nq {matrix} cm\n{runs}\nQ\n".encode())


def shown_runs(moves: Sequence[Move], names: Mapping[tuple[int, str], str] | None = None) -> list[str]:
    """A text object drawing each run of the moves; fonts by their name on the page (`names`, by content
    stream and name there), else by their name in their own content stream."""

    def font(drawing: Drawing) -> str:
        key = (drawing.stream, drawing.font)
        return names[key] if names is not None else f"/{drawing.font}"

    return [_shown(run, font(run[0].drawing)) for run in _runs(moves)]


def _runs(moves: Sequence[Move]) -> Iterator[list[Move]]:
    run: list[Move] = []
    for move in moves:
        if run and not _continues(run[-1], move):
            yield run
            run = []
        run.append(move)
    if run:
        yield run


def _continues(last: Move, move: Move) -> bool:
    before, after = last.drawing, move.drawing
    return (
        (before.stream, before.font) == (after.stream, after.font)
        and (before.size, before.scaling, before.rise, before.color)
        == (after.size, after.scaling, after.rise, after.color)
        and before.matrix[:4] == after.matrix[:4]
        and before.matrix[1] == before.matrix[2] == 0  # kerns move along the baseline of upright text only
        and abs(before.matrix[5] - after.matrix[5]) < _NO_GAP
        and (last.dx, last.dy) == (move.dx, move.dy)
    )


def _shown(run: list[Move], font: str) -> str:
    first = run[0].drawing
    a, b, c, d, e, f = first.matrix
    parts: list[str] = []
    pen = e
    for move in run:
        drawing = move.drawing
        gap = drawing.matrix[4] - pen
        if abs(gap) > _NO_GAP:
            # TJ numbers move the pen left by thousandths of the font size, in text space.
            parts.append(f"{-gap / (a * first.size * first.scaling) * 1000:.4f}")
        parts.append(f"<{drawing.code.hex()}>")
        pen = drawing.matrix[4] + drawing.advance * a
    dx, dy = run[0].dx, run[0].dy
    color = " ".join(f"{value:.4f}" for value in first.color)
    return (
        f"BT {color} {_COLOR_OPERATORS[len(first.color)]} {font} {first.size:.4f} Tf "
        f"{first.scaling * 100:.4f} Tz {first.rise:.4f} Ts "
        f"{a:.6f} {b:.6f} {c:.6f} {d:.6f} {e + dx:.4f} {f - dy:.4f} Tm [{' '.join(parts)}] TJ ET"
    )


def _font(pdf: pikepdf.Pdf, page: pikepdf.Page, drawing: Drawing) -> pikepdf.Object:
    holder = page.obj if drawing.stream == PAGE_CONTENT else pdf.get_object((drawing.stream, 0))
    resources = _resources(holder) or _resources(page.obj)
    fonts = resources.get(Name.Font) if resources is not None else None
    font = fonts.get(Name("/" + drawing.font)) if isinstance(fonts, Dictionary) else None
    if not isinstance(font, Dictionary):
        raise UnknownFont(f"font /{drawing.font} of content stream {drawing.stream}")
    return font


def _resources(holder: pikepdf.Object) -> Dictionary | None:
    """A page's or form's resources, those a page inherits from its page tree included."""
    node: pikepdf.Object | None = holder
    while isinstance(node, Dictionary | Stream):
        resources = node.get(Name.Resources)
        if isinstance(resources, Dictionary):
            return resources
        node = node.get(Name.Parent)
    return None
