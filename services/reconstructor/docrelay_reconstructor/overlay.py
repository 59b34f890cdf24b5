"""Lay a rendered page over a source page, upright and aligned as the source page is displayed.

The rendered page is drawn in displayed coordinates (origin at the bottom-left of the MediaBox
as shown, after /Rotate); the placement matrix maps them back into the source page's user space.
Display formulas keep the source's drawing: the rendered page is clipped out of their boxes, so no
translated line (a descender, a longer last line, a box the extractor drew too wide) paints over one.
"""

from collections.abc import Sequence

from pikepdf import Name, Page, Pdf

from docrelay_common.document import BBox

Matrix = tuple[float, float, float, float, float, float]


def display_matrix(mediabox: Sequence[float], rotation: int) -> Matrix:
    """Map a page's displayed coordinates to its user space; as in PDF readers, odd /Rotate values mean 0."""
    x0, x1 = sorted((mediabox[0], mediabox[2]))
    y0, y1 = sorted((mediabox[1], mediabox[3]))
    matrices: dict[int, Matrix] = {
        0: (1, 0, 0, 1, x0, y0),
        # Displayed clockwise: the user space's left edge is shown on top, its bottom edge on the left.
        90: (0, 1, -1, 0, x1, y0),
        180: (-1, 0, 0, -1, x1, y1),
        270: (0, -1, 1, 0, x0, y1),
    }
    return matrices.get(rotation % 360, matrices[0])


def overlay_page(pdf: Pdf, target: Page, rendered: Page, keep_out: Sequence[BBox] = ()) -> None:
    """Draw `rendered` (from another PDF) over `target` of `pdf`, untouched by its graphics state and
    nowhere inside the `keep_out` boxes (displayed coordinates from the top-left, as the document's)."""
    form = pdf.copy_foreign(rendered.as_form_xobject(handle_transformations=False))
    name = target.add_resource(form, Name.XObject, prefix="DocrelayText")
    matrix = " ".join(
        f"{value:.6f}"
        for value in display_matrix([float(value) for value in target.mediabox], target.rotation)
    )
    # The source content may leave its graphics state changed; q ... Q gives the overlay a clean one.
    target.contents_add(b"q\n", prepend=True)
    clip = _clip_out(keep_out, [float(value) for value in rendered.mediabox])
    target.contents_add(f"\nQ\nq {matrix} cm {clip}{name} Do Q\n".encode())


def _clip_out(boxes: Sequence[BBox], mediabox: Sequence[float]) -> str:
    """Clip operators leaving the page but the boxes: one even-odd clip (the page around a box) per box,
    since each clip intersects the last and so boxes that overlap are all left out."""
    x0, x1 = sorted((mediabox[0], mediabox[2]))
    y0, y1 = sorted((mediabox[1], mediabox[3]))
    page = f"{x0:.3f} {y0:.3f} {x1 - x0:.3f} {y1 - y0:.3f} re"
    return "".join(
        f"{page} {x0 + box.x0:.3f} {y1 - box.bottom:.3f} {box.width:.3f} {box.height:.3f} re W* n "
        for box in boxes
    )
