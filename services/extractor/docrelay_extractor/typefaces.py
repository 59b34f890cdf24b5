"""The typeface class (serif, sans, mono) of the fonts a document draws its text in.

The name decides when it can. pdfTeX, dvips and LibreOffice describe every font as merely "symbolic", so
a descriptor's FixedPitch and Serif flags are believed only when set, and a font whose letters are all
as wide as each other is monospace whatever it is called (but the font of an OCR text layer, which tells
nothing of the scan's face). What nothing tells apart is sans-serif, but pdfTeX's nameless bitmap fonts,
which are serif (tex_bitmap_fonts).
"""

import logging
import re
from collections.abc import Sequence

import pdfplumber.page
from pdfminer.pdffont import PDFFont
from pdfminer.pdfinterp import PDFResourceManager

from docrelay_common.document import TextBlock, Typeface
from docrelay_common.typeface import font_name, typeface_from_name
from docrelay_extractor.misnamed_fonts import font_dicts
from docrelay_extractor.tex_bitmap_fonts import is_bitmap_font

logger = logging.getLogger(__name__)

FIXED_PITCH = 1
SERIF = 2
# Fewer letters than this in a subset say nothing about the font's pitch (digits are equally wide anyway).
MIN_LETTERS = 5
DEFAULT: Typeface = "sans"
# OCR engines lay their invisible text layer in a font of equal widths that shows nothing of the scan's face.
INVISIBLE_TEXT_FONT = re.compile(r"glyphless", re.IGNORECASE)


class Typefaces:
    """The classes of one document's fonts by name (without subset tag); each font is read once."""

    def __init__(self) -> None:
        self._manager = PDFResourceManager()
        self._classes: dict[int, tuple[str, Typeface]] = {}

    def on_page(self, page: pdfplumber.page.Page) -> dict[str, Typeface]:
        """The classes of the fonts met so far, this page's included."""
        for objid, spec in font_dicts(page.page_obj.resources, set()):
            if objid not in self._classes:
                self._classes[objid] = self._classified(objid, spec)
        return dict(self._classes.values())

    def _classified(self, objid: int, spec: dict[str, object]) -> tuple[str, Typeface]:
        try:
            font = self._manager.get_font(objid, spec)
        except Exception as exc:  # pdfminer fails in many ways on damaged fonts; the name must do then
            logger.info("cannot read font %d: %r", objid, exc)
            name = font_name(str(spec.get("BaseFont", "")).lstrip("/"))
            return name, typeface_from_name(name) or DEFAULT
        # pdfTeX's bitmap fonts are METAFONT's, nameless, and Computer Modern's roman in most documents.
        return font_name(str(font.fontname)), font_class(font, "serif" if is_bitmap_font(spec) else DEFAULT)


def font_class(font: PDFFont, default: Typeface = DEFAULT) -> Typeface:
    """The name's class, or else the descriptor's flags', or else the widths' (all alike: monospace), or
    else `default`."""
    name = font_name(str(font.fontname))
    named = typeface_from_name(name)
    if named is not None:
        return named
    if INVISIBLE_TEXT_FONT.search(name):
        return DEFAULT
    if font.flags & FIXED_PITCH:
        return "mono"
    if font.flags & SERIF:
        return "serif"
    letters = [width for cid, width in font.widths.items() if width and _is_letter(font, cid)]
    return "mono" if len(letters) >= MIN_LETTERS and len(set(letters)) == 1 else default


def _is_letter(font: PDFFont, cid: object) -> bool:
    try:
        return isinstance(cid, int) and font.to_unichr(cid).isalpha()
    except Exception:  # no Unicode for this code: it tells nothing
        return False


def with_typefaces(blocks: Sequence[TextBlock], classes: dict[str, Typeface]) -> list[TextBlock]:
    """The blocks with the class of their font in their style."""
    return [
        block.model_copy(
            update={"style": block.style.model_copy(update={"typeface": _of(block.style.font, classes)})}
        )
        for block in blocks
    ]


def _of(name: str, classes: dict[str, Typeface]) -> Typeface:
    return classes.get(name) or typeface_from_name(name) or DEFAULT
