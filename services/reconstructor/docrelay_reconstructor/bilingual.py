"""The original pages next to their translation: side by side on one page, or one after the other.

Pages are placed as qpdf's Form XObjects of the page, whose /Matrix applies the page's /Rotate, so a
rotated page is shown upright as in a viewer. The side-by-side document is a new one: outlines, links
and form fields of the source are not carried over. The alternating document is the translated one with
the original pages inserted, their form fields drawn into them.
"""

from io import BytesIO
from pathlib import Path

import pikepdf
from pikepdf import Matrix, Name, Page, Pdf, Rectangle

from docrelay_common.constants import OutputMode
from docrelay_common.errors import ErrorCode, PermanentError


def arrange_output(original_pdf: Path, translated: bytes, output: OutputMode) -> bytes:
    """The result PDF for this output mode; `translated` has one page per page of `original_pdf`."""
    if output == OutputMode.TRANSLATED:
        return translated
    try:
        with pikepdf.open(original_pdf) as original, pikepdf.open(BytesIO(translated)) as translation:
            if output == OutputMode.ALTERNATING:
                alternate(original, translation)
                return _saved(translation)
            # The copied pages' data is read from the two sources while saving: they must still be open.
            with side_by_side(original, translation) as combined:
                return _saved(combined)
    except pikepdf.PdfError as exc:
        raise PermanentError(
            ErrorCode.RENDER_FAILED, f"could not put the original and translated pages together: {exc}"
        ) from exc


def side_by_side(left: Pdf, right: Pdf) -> Pdf:
    """A new PDF whose page i shows page i of `left` and, to its right, page i of `right`, tops aligned."""
    combined = pikepdf.new()
    for left_page, right_page in zip(left.pages, right.pages, strict=True):
        left_form = combined.copy_foreign(left_page.as_form_xobject())
        right_form = combined.copy_foreign(right_page.as_form_xobject())
        left_size, right_size = displayed_size(left_form), displayed_size(right_form)
        width, height = left_size[0] + right_size[0], max(left_size[1], right_size[1])
        page = combined.add_blank_page(page_size=(width, height))
        _place(page, left_form, Rectangle(0, height - left_size[1], left_size[0], height))
        _place(page, right_form, Rectangle(left_size[0], height - right_size[1], width, height))
    return combined


def alternate(original: Pdf, translation: Pdf) -> None:
    """Insert each page of `original` before its translated page, in place in `translation`.

    The original pages come with their form fields drawn into them (flattened): the fields to fill are
    those of the translated pages, and copies of the same fields would be widgets of no field.
    """
    original.generate_appearance_streams()
    original.flatten_annotations("all")
    for index, page in enumerate(original.pages):
        translation.pages.insert(2 * index, page)


def displayed_size(form: pikepdf.Object) -> tuple[float, float]:
    """Width and height of a page's form as it is drawn: its box through its matrix (the /Rotate)."""
    matrix = Matrix(form[Name.Matrix]) if Name.Matrix in form else Matrix()
    x0, y0, x1, y1 = (float(value) for value in form[Name.BBox])
    corners = [matrix.transform((x, y)) for x in (x0, x1) for y in (y0, y1)]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return max(xs) - min(xs), max(ys) - min(ys)


def _place(page: Page, form: pikepdf.Object, rect: Rectangle) -> None:
    name = page.add_resource(form, Name.XObject, prefix="DocrelayPage")
    # The rectangle has the form's displayed size: qpdf only moves the form there, never scales it.
    placement = page.calc_form_xobject_placement(
        form, name, rect, invert_transformations=True, allow_shrink=False, allow_expand=False
    )
    page.contents_add(b"q\n" + placement + b"\nQ\n")


def _saved(pdf: Pdf) -> bytes:
    buffer = BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()
