"""A fillable form set by WeasyPrint (`pdf_forms`) whose fields get tooltips (/TU) through pikepdf, and an XFA
twin of it: labels of one style in a narrow column, each beside the box of its field."""

from io import BytesIO

import pikepdf
from pikepdf import Array, Dictionary, Name
from weasyprint import HTML

# Field name, label, tooltip: the labels' translations are of different lengths.
FIELDS = (
    ("first_name", "First name", "Your given name, as in your passport"),
    ("last_name", "Last name", "Your family name"),
    ("birth", "Date of birth", "The day you were born"),
    ("place", "Place of birth", "The town where you were born"),
    ("phone", "Telephone", "A number where we can call you"),
    ("address", "Address", "Where you live now"),
)
LABEL_LEFT, LABEL_WIDTH, FIELD_LEFT, FIELD_WIDTH, FIRST_TOP, PITCH = 40.0, 68.0, 112.0, 150.0, 80.0, 26.0
XFA_TEMPLATE = b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template/></xdp:xdp>'


def registration_form() -> bytes:
    """A one-page form: a title, then a label and a text field per row, tooltips on every field."""
    rows = "".join(
        f'<div class="label" style="top: {FIRST_TOP + index * PITCH}pt">{label}</div>'
        f'<input type="text" name="{name}" style="top: {FIRST_TOP + index * PITCH - 3}pt">'
        for index, (name, label, _) in enumerate(FIELDS)
    )
    page = f"""<html><head><style>
    @page {{ size: 400pt 300pt; margin: 0 }}
    body {{ margin: 0; font-family: 'DejaVu Sans'; font-size: 9pt }}
    h1 {{ position: absolute; left: {LABEL_LEFT}pt; top: 30pt; margin: 0; font-size: 14pt }}
    .label {{ position: absolute; left: {LABEL_LEFT}pt; width: {LABEL_WIDTH}pt; white-space: nowrap }}
    input {{ position: absolute; left: {FIELD_LEFT}pt; width: {FIELD_WIDTH}pt; height: 15pt; margin: 0 }}
    </style></head><body><h1>Registration form</h1>{rows}</body></html>"""
    pdf = pikepdf.open(BytesIO(HTML(string=page).write_pdf(pdf_forms=True)))
    tooltips = {name: tooltip for name, _, tooltip in FIELDS}
    for field in pdf.Root.AcroForm.Fields:
        field[Name.TU] = pikepdf.String(tooltips[str(field.T)])
    return _saved(pdf)


def with_xfa(form: bytes) -> bytes:
    """The form with an XFA description beside its AcroForm fields, as Adobe's designers write them."""
    pdf = pikepdf.open(BytesIO(form))
    pdf.Root.AcroForm[Name.XFA] = Array([pikepdf.String("template"), pdf.make_stream(XFA_TEMPLATE)])
    pdf.Root[Name.NeedsRendering] = True
    return _saved(pdf)


def field_places(pdf: pikepdf.Pdf) -> dict[str, tuple[str, tuple[float, ...]]]:
    """Each field's type and widget rectangle, by name."""
    return {
        str(field.T): (str(field.FT), tuple(float(value) for value in field.Rect))
        for field in pdf.Root.AcroForm.Fields
        if isinstance(field, Dictionary)
    }


def _saved(pdf: pikepdf.Pdf) -> bytes:
    buffer = BytesIO()
    pdf.save(buffer)
    pdf.close()
    return buffer.getvalue()
