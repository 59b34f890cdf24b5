"""XFA forms (Adobe's XML Forms Architecture) are dropped: the translated PDF keeps the AcroForm fields.

An XFA form describes its fields and often its whole layout in XML that only Adobe's viewers read; a
viewer that shows it ignores the page drawing docrelay translates. Removing it makes every viewer show
the translated pages and fill the same form through its AcroForm fields, which XFA forms made with a
static layout carry too. What was dropped is told in a notice.
"""

import pikepdf
from pikepdf import Array, Dictionary, Name


def drop_xfa(pdf: pikepdf.Pdf) -> str | None:
    """Remove the XFA form, if any, in place; the notice that tells the user what was dropped."""
    acroform = pdf.Root.get(Name.AcroForm)
    if not isinstance(acroform, Dictionary) or Name.XFA not in acroform:
        return None
    del acroform[Name.XFA]
    if Name.NeedsRendering in pdf.Root:
        del pdf.Root[Name.NeedsRendering]
    fields = _terminal_fields(acroform.get(Name.Fields))
    if fields:
        return (
            "this PDF held an XFA form (Adobe XML forms, shown by few viewers): it was removed; the "
            f"translated PDF keeps the same form as {fields} fillable AcroForm fields, which every viewer "
            "shows, but loses what only XFA did (scripts, calculations, fields that grow)"
        )
    return (
        "this PDF held an XFA form (Adobe XML forms) without AcroForm fields: it was removed, and the "
        "translated PDF has no fillable fields; what the pages draw was translated"
    )


def _terminal_fields(fields: object, depth: int = 0) -> int:
    """Fields that hold a value (those without /Kids that are fields), counted down the field tree."""
    if not isinstance(fields, Array) or depth > 32:
        return 0
    count = 0
    for field in fields:
        kids = field.get(Name.Kids) if isinstance(field, Dictionary) else None
        named_kids = isinstance(kids, Array) and any(
            Name.T in kid for kid in kids if isinstance(kid, Dictionary)
        )
        count += _terminal_fields(kids, depth + 1) if named_kids else 1
    return count
