"""The form fields' translated tooltips (/TU), written into the PDF whose fields they describe.

The fields themselves are not touched: the reconstructor rewrites page drawings, and the pages keep
their widget annotations and the document its AcroForm, so the form stays fillable where it was.
"""

from collections.abc import Iterable, Mapping

import pikepdf
from pikepdf import Dictionary, Name

from docrelay_common.document import Document


def translated_tooltips(documents: Iterable[Document]) -> dict[str, str]:
    """The tooltips whose translation differs from the source, by the reference of their field."""
    return {
        field.ref: field.text
        for document in documents
        for field in document.form_fields()
        if field.text.strip() and field.text != field.source_text
    }


def write_tooltips(pdf: pikepdf.Pdf, tooltips: Mapping[str, str]) -> None:
    """Set each field's /TU (its reference is "<object number> <generation>"), in place."""
    for ref, text in tooltips.items():
        number, generation = (int(part) for part in ref.split())
        try:
            field = pdf.get_object((number, generation))
        except (pikepdf.PdfError, ValueError):
            continue  # not an object of this PDF: nothing to write
        if isinstance(field, Dictionary) and Name.TU in field:
            field[Name.TU] = pikepdf.String(text)
