"""How much work each page will be, for cutting a job into page ranges before reading it.

An OCR'd page costs ~3 s against ~0.07 s for a page with a text layer: ranges are cut by cost, so a scan
is shared among the extract replicas in small ranges while a digital document is cut as it always was.
"""

from pathlib import Path

import pikepdf

from docrelay_common.constants import OcrMode

# Form XObjects nest; a page deeper than this is counted as one with text (the cost is only a guess).
MAX_FORM_DEPTH = 8


def page_costs(pdf_path: Path, pages: int, mode: OcrMode, ocr_cost: float) -> list[float]:
    """Each page's cost: 1 for a page read from its text layer, `ocr_cost` for one OCR is likely to read.

    A page without a font anywhere in its resources has no text layer: those are the pages `auto` reads.
    Only dictionaries are looked at, never a content stream, so a hostile stream cannot inflate here
    (pdfium, which counted characters before, aborts the process when it runs out of memory).
    """
    if mode == OcrMode.OFF:
        return [1.0] * pages
    if mode == OcrMode.FORCE:
        return [ocr_cost] * pages
    with pikepdf.open(pdf_path) as pdf:
        return [1.0 if _has_fonts(page.obj.get("/Resources"), 0) else ocr_cost for page in pdf.pages]


def _has_fonts(resources: pikepdf.Object | None, depth: int) -> bool:
    """Whether `resources`, or those of a form XObject it draws, name a font."""
    if depth > MAX_FORM_DEPTH:
        return True
    if not isinstance(resources, pikepdf.Dictionary):
        return False
    fonts = resources.get("/Font")
    if isinstance(fonts, pikepdf.Dictionary) and len(fonts.keys()) > 0:
        return True
    xobjects = resources.get("/XObject")
    if not isinstance(xobjects, pikepdf.Dictionary):
        return False
    return any(
        isinstance(xobject, pikepdf.Stream)
        and xobject.get("/Subtype") == pikepdf.Name.Form
        and _has_fonts(xobject.get("/Resources"), depth + 1)
        for xobject in xobjects.values()
    )
