"""The fillable fields of a page: each widget's box on the displayed page, its field's name and tooltip.

The widgets themselves stay in the PDF untouched (the reconstructor rewrites page drawings only), so the
fields keep working; their boxes keep translated labels from growing underneath them, and the tooltip
(/TU, what a viewer shows when the pointer rests on the field) is translated and written back.
"""

from collections.abc import Iterator
from typing import Any

import pdfplumber.page
from pdfminer.pdftypes import PDFObjRef, resolve1
from pdfminer.psparser import LIT
from pdfminer.utils import Matrix, apply_matrix_rect, decode_text

from docrelay_common.document import FormField
from docrelay_extractor.geometry import from_bottom_left

WIDGET = LIT("Widget")
# Parents followed at most, against cyclic field trees.
MAX_DEPTH = 32


def page_form_fields(page: pdfplumber.page.Page) -> list[FormField]:
    """The page's field widgets, in the order of its /Annots."""
    fields: list[FormField] = []
    for ref in _as_list(page.page_obj.attrs.get("Annots")):
        annot = resolve1(ref)
        if not isinstance(annot, dict) or annot.get("Subtype") is not WIDGET or "Rect" not in annot:
            continue
        chain = list(_field_chain(ref, annot))
        if not any("T" in field for _, field in chain):
            continue  # a widget of no field (a plain push button drawing)
        holder = next(((objid, field) for objid, field in chain if "TU" in field), None)
        ref_id = holder[0] if holder else next(objid for objid, field in chain if "T" in field)
        tooltip = _text(holder[1]["TU"]) if holder else ""
        fields.append(
            FormField(
                ref=f"{ref_id} 0",
                name=".".join(_text(field["T"]) for _, field in reversed(chain) if "T" in field),
                bbox=from_bottom_left(*_displayed(page, annot["Rect"]), page.layout.height),
                text=tooltip,
                source_text=tooltip,
            )
        )
    return fields


def _field_chain(ref: Any, annot: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    """The widget, then its parent fields up to the root: (object number, dictionary)."""
    objid = ref.objid if isinstance(ref, PDFObjRef) else 0
    field: Any = annot
    for _ in range(MAX_DEPTH):
        yield objid, field
        parent = field.get("Parent")
        if not isinstance(parent, PDFObjRef) or not isinstance(resolved := resolve1(parent), dict):
            return
        objid, field = parent.objid, resolved


def _displayed(page: pdfplumber.page.Page, rect: Any) -> tuple[float, float, float, float]:
    """A user-space rectangle on the page as displayed, as pdfminer places the page's text there."""
    x0, y0, x1, y1 = page.page_obj.mediabox
    matrices: dict[int, Matrix] = {
        90: (0, -1, 1, 0, -y0, x1),
        180: (-1, 0, 0, -1, x1, y1),
        270: (0, 1, -1, 0, y1, -x0),
    }
    ctm = matrices.get(page.page_obj.rotate % 360, (1, 0, 0, 1, -x0, -y0))
    left, bottom, right, top = (float(value) for value in resolve1(rect))
    return apply_matrix_rect(ctm, (min(left, right), min(bottom, top), max(left, right), max(bottom, top)))


def _as_list(value: Any) -> list[Any]:
    resolved = resolve1(value)
    return resolved if isinstance(resolved, list) else []


def _text(value: Any) -> str:
    resolved = resolve1(value)
    return decode_text(resolved) if isinstance(resolved, bytes) else str(resolved)
