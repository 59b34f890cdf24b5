"""Which pages of a range OCR reads, as the job's `ocr` option says, and what becomes of them.

`auto` reads pages without a readable letter (scans, pages whose fonts map no glyph to a character),
but for a page of figures that is no scan;
`force` reads every page, its blocks replacing the text layer's; `off` reads none. A page OCR cannot
read (blank, pictures only, Tesseract failing or missing) keeps what its text layer gave, if anything.
"""

import logging
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pdfplumber.page
import pypdfium2
from pdfplumber.utils.exceptions import PdfminerException

from docrelay_common.constants import OcrMode
from docrelay_common.document import BBox, OcrInfo, Page
from docrelay_extractor.ocr.languages import RangeLanguage
from docrelay_extractor.ocr.page import ScanReader
from docrelay_extractor.ocr.page_image import DEFAULT_DPI, page_dpi, render
from docrelay_extractor.ocr.tesseract import Tesseract, TesseractFailed
from docrelay_extractor.settings import extractor_settings

logger = logging.getLogger(__name__)

NOT_INSTALLED = "OCR is not installed on this server"
# pdfminer's images larger than this share of the page are the scan itself, not pictures on it: kept
# as obstacles they would stop every translation from growing into free space.
MAX_PICTURE_SHARE = 0.5
# A page's blocks holding this share of the glyphs it draws have read its text layer whole; a page of
# figures holds at least MIN_FIGURES digits.
READ_WHOLE = 0.9
MIN_FIGURES = 20


@dataclass(frozen=True)
class OcrRequest:
    mode: OcrMode = OcrMode.OFF
    # The document's language when the job gave it: its packs read every page.
    source_lang: str | None = None


NO_OCR = OcrRequest()


@cache
def default_tesseract() -> Tesseract:
    settings = extractor_settings()
    return Tesseract(settings.tesseract_bin, settings.ocr_page_timeout)


@contextmanager
def range_ocr(pdf_path: Path, request: OcrRequest, first_page: int = 1) -> Iterator["RangeOcr"]:
    """OCR for the pages of one range of `pdf_path`; the PDF is opened for rendering once, if needed.

    `first_page`: the document's number of the file's first page (the file may be a range's own PDF).
    """
    scans = ScanReader(default_tesseract(), RangeLanguage(request.source_lang))
    ocr = RangeOcr(pdf_path, request, scans, first_page)
    try:
        yield ocr
    finally:
        ocr.close()


class RangeOcr:
    def __init__(self, pdf_path: Path, request: OcrRequest, scans: ScanReader, first_page: int = 1) -> None:
        self.pdf_path = pdf_path
        self.first_page = first_page
        self.mode = request.mode
        self.scans = scans
        self._document: pypdfium2.PdfDocument | None = None

    def checked(self, pdf_page: pdfplumber.page.Page, extracted: Page) -> Page:
        """`extracted` (its text layer's reading), or what OCR read on the page when it should."""
        has_letters = any(char.isalpha() for block in extracted.blocks for char in block.text)
        if self.mode == OcrMode.OFF or (
            self.mode == OcrMode.AUTO and (has_letters or _numbers_only(pdf_page, extracted))
        ):
            return extracted
        started = time.perf_counter()
        scanned = self._read(pdf_page, extracted)
        info = scanned.ocr or OcrInfo()
        info = info.model_copy(update={"seconds": time.perf_counter() - started, "text_layer": has_letters})
        if info.outcome != "read":
            return extracted.model_copy(update={"ocr": info})
        pictures = [image for image in extracted.images if not _is_scan(image.bbox, extracted)]
        return scanned.model_copy(update={"images": [*pictures, *scanned.images], "ocr": info})

    def close(self) -> None:
        if self._document is not None:
            self._document.close()

    def _read(self, pdf_page: pdfplumber.page.Page, extracted: Page) -> Page:
        if not self.scans.tesseract.available:
            return extracted.model_copy(update={"ocr": OcrInfo(outcome="unavailable", notice=NOT_INSTALLED)})
        dpi = _dpi(pdf_page, extracted)
        try:
            image = render(self._pdf(), extracted.number - self.first_page, dpi)
            return self.scans.read(image, dpi, extracted)
        except (TesseractFailed, pypdfium2.PdfiumError, ElementTree.ParseError) as exc:
            logger.warning("page %d: OCR failed, keeping it as it is: %s", extracted.number, exc)
            notice = f"OCR could not read it ({exc})"
            return extracted.model_copy(update={"ocr": OcrInfo(outcome="failed", dpi=dpi, notice=notice)})

    def _pdf(self) -> pypdfium2.PdfDocument:
        if self._document is None:
            self._document = pypdfium2.PdfDocument(self.pdf_path)
        return self._document


def _dpi(pdf_page: pdfplumber.page.Page, extracted: Page) -> float:
    try:
        return page_dpi(pdf_page.images, extracted.width, extracted.height)
    except PdfminerException:
        return DEFAULT_DPI


def _numbers_only(pdf_page: pdfplumber.page.Page, page: Page) -> bool:
    """Is the page's text layer figures (a table of numbers) read whole, on a page that is no scan?

    OCR reads no more than such a layer holds, and reads it worse: Tesseract made "CONDUBWNR" of a
    column of row numbers. A scan (in one image or in strips) and a layer of a few figures (a stamped
    page number) are read, and so is a page whose fonts map its words to no character (their glyphs are
    left out of the blocks' text).
    """
    text = [char for block in page.blocks for char in block.text if not char.isspace()]
    pictured = sum(image.bbox.width * image.bbox.height for image in page.images)
    if (
        sum(char.isdigit() for char in text) < MIN_FIGURES
        or pictured > MAX_PICTURE_SHARE * page.width * page.height
    ):
        return False
    try:
        drawn = sum(1 for char in pdf_page.chars if not char["text"].isspace())
    except PdfminerException:  # content pdfminer cannot read (the page's text came from elsewhere)
        return False
    return len(text) >= READ_WHOLE * drawn


def _is_scan(box: BBox, page: Page) -> bool:
    return box.width * box.height > MAX_PICTURE_SHARE * page.width * page.height
