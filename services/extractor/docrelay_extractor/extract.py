"""The normalized PDF -> Document, page by page, without keeping earlier pages' layouts in memory."""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from docrelay_common.document import Document, Page
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.messages import PageRange
from docrelay_extractor.continued import link_continued
from docrelay_extractor.layout import LAYOUT_PARAMS, displayed_rotation, read_page
from docrelay_extractor.misnamed_fonts import MisnamedFonts
from docrelay_extractor.ocr.reader import NO_OCR, OcrRequest, RangeOcr, range_ocr
from docrelay_extractor.ocr.summary import OcrSummary
from docrelay_extractor.typefaces import Typefaces
from docrelay_extractor.win_ansi import map_unused_codes_to_bullets

logger = logging.getLogger(__name__)

PageDone = Callable[[int, int], None]


def extract_document(
    pdf_path: Path, on_page: PageDone = lambda done, total: None, ocr: OcrRequest = NO_OCR
) -> Document:
    """Read every page of a normalized PDF; `on_page(done, total)` after each one.

    PermanentError(pdf_no_text) when no page has text a translator could work on.
    """
    document = extract_pages(pdf_path, None, on_page, ocr)
    summary = OcrSummary(ocr.mode)
    summary.add(document)
    require_text(any(block.translatable for block in document.blocks()), summary)
    return document


def extract_pages(
    pdf_path: Path,
    pages: PageRange | None,
    on_page: PageDone,
    ocr: OcrRequest = NO_OCR,
    first_page: int = 1,
) -> Document:
    """Read the pages of `pages` (all when None); `on_page(done, total)` counts within them.

    Pages are read by OCR as `ocr` says, within the same loop: progress counts them as they end.
    `first_page` is the number of the file's first page in its document: a range's own PDF holds
    pages `first_page`... of a longer one, and they keep their numbers.
    """
    numbers = list(range(pages.first, pages.last + 1)) if pages else None
    map_unused_codes_to_bullets()
    read: list[Page] = []
    misnamed_fonts, typefaces = MisnamedFonts(), Typefaces()
    with (
        _open_pages(pdf_path, numbers, first_page) as pdf_pages,
        range_ocr(pdf_path, ocr, first_page) as scans,
    ):
        for done, page in enumerate(pdf_pages, start=1):
            read.append(_read_and_release(page, misnamed_fonts, typefaces, scans))
            on_page(done, len(pdf_pages))
    return Document(pages=link_continued(read))


def require_text(has_translatable_text: bool, ocr: OcrSummary) -> None:
    if not has_translatable_text:
        raise PermanentError(ErrorCode.PDF_NO_TEXT, ocr.no_text_message())


@contextmanager
def _open_pages(
    pdf_path: Path, numbers: list[int] | None, first_page: int
) -> Iterator[list[pdfplumber.page.Page]]:
    with _unreadable_is_corrupt():
        pdf = pdfplumber.open(pdf_path, pages=numbers, laparams=LAYOUT_PARAMS)
        try:
            pages = pdf.pages
        except BaseException:
            # Closing would list the pages again and fail the same way: close only the file.
            pdf.stream.close()
            raise
    # Numbered before anything is parsed: pdfplumber stamps each object with its page's number.
    for page in pages:
        page.page_number += first_page - 1
    with pdf:
        yield pages


# pdfplumber reads page dictionaries without checking their types: a damaged /Rotate or /MediaBox that
# qpdf kept (a string where a number belongs) surfaces as one of these.
_STRUCTURE_ERRORS = (PdfminerException, MalformedPDFException, TypeError, ValueError, KeyError, IndexError)


@contextmanager
def _unreadable_is_corrupt() -> Iterator[None]:
    try:
        yield
    except _STRUCTURE_ERRORS as exc:
        logger.warning("pdfminer cannot read the normalized PDF: %r", exc)
        raise PermanentError(
            ErrorCode.PDF_CORRUPT,
            "the PDF's structure cannot be read; "
            "re-export it from the program that made it and upload it again",
        ) from exc


def _read_and_release(
    page: pdfplumber.page.Page, misnamed_fonts: MisnamedFonts, typefaces: Typefaces, scans: RangeOcr
) -> Page:
    """A page whose content pdfminer cannot interpret is kept, without text, rather than failing the job
    (OCR may still read it)."""
    try:
        return scans.checked(page, _read(page, misnamed_fonts, typefaces))
    finally:
        page.close()


def _read(page: pdfplumber.page.Page, misnamed_fonts: MisnamedFonts, typefaces: Typefaces) -> Page:
    """The page; one that ran out of memory is not kept: it fails the job with memory_limit_exceeded."""
    try:
        return read_page(page, misnamed_fonts, typefaces)
    except PdfminerException as exc:
        if any(isinstance(cause, MemoryError) for cause in (*exc.args, exc.__cause__, exc.__context__)):
            raise MemoryError(f"page {page.page_number} needs more memory than this worker may use") from exc
        logger.warning("page %d: content cannot be read, keeping it untranslated: %s", page.page_number, exc)
        return Page(
            number=page.page_number, width=page.width, height=page.height, rotation=displayed_rotation(page)
        )
