"""Open the upload with qpdf (through pikepdf) and save a clean copy: decrypted, repaired, re-serialized,
without an XFA form, TeX's bitmap fonts mapped to Unicode (tex_bitmap_fonts).

Everything after this stage reads the normalized copy, so pdfminer never meets the malformed
cross-reference tables and odd encodings that qpdf already knows how to fix.
"""

import io
import logging
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_extractor.tex_bitmap_fonts import map_bitmap_fonts
from docrelay_extractor.xfa import drop_xfa

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Normalized:
    pdf: bytes
    # What the user should know about the changes (an XFA form dropped).
    notices: tuple[str, ...] = ()


def normalize_pdf(source: Path, max_pages: int | None = None) -> Normalized:
    """The decrypted, repaired PDF; PermanentError when it is protected, unreadable, has no pages or
    more than `max_pages` (checked before any page is read)."""
    try:
        with pikepdf.open(source, password="") as pdf:
            _require_page_count(len(pdf.pages), max_pages)
            for warning in pdf.get_warnings():
                logger.info("%s: qpdf repaired: %s", source.name, warning)
            xfa = drop_xfa(pdf)
            bitmap_fonts = map_bitmap_fonts(pdf)
            if bitmap_fonts:
                logger.info("%s: %d of TeX's bitmap fonts given a ToUnicode map", source.name, bitmap_fonts)
            buffer = io.BytesIO()
            # Saving without `encryption` drops it; a fixed /ID keeps the output identical on redelivery.
            pdf.save(buffer, deterministic_id=True)
    except pikepdf.PasswordError:
        raise PermanentError(
            ErrorCode.PDF_ENCRYPTED,
            "this PDF is protected by a password; submit it again with its password in the `password` "
            "form field (or remove the protection and upload the copy)",
        ) from None
    except pikepdf.PdfError as exc:
        logger.warning("%s: qpdf cannot read or repair it: %s", source.name, exc)
        raise PermanentError(
            ErrorCode.PDF_CORRUPT,
            "this file is damaged beyond repair and cannot be read as a PDF; "
            "re-export it from the program that made it and upload it again",
        ) from exc
    return Normalized(buffer.getvalue(), (xfa,) if xfa else ())


def _require_page_count(pages: int, max_pages: int | None) -> None:
    if pages == 0:
        raise PermanentError(
            ErrorCode.PDF_EMPTY, "this PDF has no pages; check that you uploaded the right file"
        )
    if max_pages is not None and pages > max_pages:
        raise PermanentError(
            ErrorCode.PDF_TOO_MANY_PAGES,
            f"this PDF has {pages} pages, more than the {max_pages} this server translates in one job; "
            "split it into smaller PDFs and upload each",
        )
