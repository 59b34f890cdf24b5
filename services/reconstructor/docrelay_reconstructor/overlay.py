"""Lay a rendered page over a source page, upright and aligned as the source page is displayed.

The rendered page is drawn in displayed coordinates (origin at the bottom-left of the MediaBox
as shown, after /Rotate); the placement matrix maps them back into the source page's user space.
"""

from collections.abc import Sequence

from pikepdf import Name, Page, Pdf

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


def overlay_page(pdf: Pdf, target: Page, rendered: Page) -> None:
    """Draw `rendered` (from another PDF) over `target` of `pdf`, untouched by its graphics state."""
    form = pdf.copy_foreign(rendered.as_form_xobject(handle_transformations=False))
    name = target.add_resource(form, Name.XObject, prefix="DocrelayText")
    matrix = " ".join(
        f"{value:.6f}"
        for value in display_matrix([float(value) for value in target.mediabox], target.rotation)
    )
    # The source content may leave its graphics state changed; q ... Q gives the overlay a clean one.
    target.contents_add(b"q\n", prepend=True)
    target.contents_add(f"\nQ\nq {matrix} cm {name} Do Q\n".encode())
