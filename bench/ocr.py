"""OCR of scanned pages: seconds per page in process, and pages/s through the stack with 1 and 2 replicas.

    make bench-ocr          (python -m bench.ocr [--pages 8] [--replicas 1 2])

The scan is made of R-intro.pdf's prose pages from the corpus, rasterised at 300 dpi, each turned by 1-2
degrees, with sensor noise and dust, saved as JPEGs (tests/support/scans.py). First every page is read
in this process as the extractor reads it, timing orientation detection (OSD), Tesseract's reading and
the rest (rendering, deskewing, lines, blocks, colours), in wall and CPU seconds. Then the whole scan is
sent through the real stack (pseudo engine, so translation costs nothing) with one and with two workers
per stage: the extract stage's time, OCR's own time and the pages per second it makes. Tesseract runs
single-threaded: more replicas are what makes OCR faster. Numbers only, no thresholds.
"""

import argparse
import io
import resource
import tempfile
import time
from contextlib import closing
from pathlib import Path

import pdfplumber
import pikepdf
from PIL import Image

from bench.large import RunResult, run
from docrelay_common.constants import OcrMode
from docrelay_common.document import Page
from docrelay_extractor.ocr.languages import RangeLanguage
from docrelay_extractor.ocr.page import ScanReader
from docrelay_extractor.ocr.reader import OcrRequest, RangeOcr, default_tesseract
from docrelay_extractor.ocr.tesseract import Orientation, Tesseract
from tests.support.corpus import corpus_pdf
from tests.support.scans import ScanOptions, scanned_page

SOURCE = "R-intro.pdf"
# Prose pages of R-intro (0-based), some with code and tables.
FIRST_PAGE = 10
SKEWS = (1.0, -1.5, 2.0, -1.2, 1.8, -2.0, 1.3, -1.7)


class TimedTesseract(Tesseract):
    """Tesseract that adds up the wall time of its orientation and reading runs."""

    def __init__(self, tesseract: Tesseract) -> None:
        super().__init__(tesseract.binary, tesseract.timeout)
        self.osd_seconds = self.read_seconds = 0.0

    def orientation(self, image: Image.Image, dpi: float) -> Orientation:
        started = time.perf_counter()
        try:
            return super().orientation(image, dpi)
        finally:
            self.osd_seconds += time.perf_counter() - started

    def hocr(self, image: Image.Image, packs: str, dpi: float) -> bytes:
        started = time.perf_counter()
        try:
            return super().hocr(image, packs, dpi)
        finally:
            self.read_seconds += time.perf_counter() - started


def scan_pdf(pages: int, destination: Path) -> Path:
    with pikepdf.new() as pdf:
        for index in range(pages):
            options = ScanOptions(dpi=300, skew=SKEWS[index % len(SKEWS)])
            page = pikepdf.open(io.BytesIO(scanned_page(corpus_pdf(SOURCE), FIRST_PAGE + index, options)))
            pdf.pages.append(page.pages[0])
        pdf.save(destination)
    return destination


def in_process(pdf: Path, pages: int) -> None:
    """Each page read as the extractor's page loop reads a page without a text layer."""
    tesseract = TimedTesseract(default_tesseract())
    ocr = RangeOcr(pdf, OcrRequest(OcrMode.AUTO), ScanReader(tesseract, RangeLanguage(None)))
    cpu, children = time.process_time(), _children_cpu()
    started = time.perf_counter()
    with pdfplumber.open(pdf) as plumber, closing(ocr):
        read = [ocr.checked(page, _without_text(page)) for page in plumber.pages]
    wall = time.perf_counter() - started
    cpu, children = time.process_time() - cpu, _children_cpu() - children
    done = [page for page in read if page.ocr is not None and page.ocr.outcome == "read"]
    rest = wall - tesseract.osd_seconds - tesseract.read_seconds
    print(f"\nin process: {pages} scanned pages at 300 dpi ({SOURCE} p{FIRST_PAGE + 1}-{FIRST_PAGE + pages})")
    print(f"  pages read: {len(done)}, blocks: {sum(len(page.blocks) for page in done)}")
    print(
        f"  wall s per page: {wall / pages:.2f} (OSD {tesseract.osd_seconds / pages:.2f}, "
        f"Tesseract {tesseract.read_seconds / pages:.2f}, rest {rest / pages:.2f})"
    )
    print(
        f"  CPU s per page: {(cpu + children) / pages:.2f} (Tesseract processes {children / pages:.2f}, "
        f"this process {cpu / pages:.2f})"
    )


def _without_text(page: pdfplumber.page.Page) -> Page:
    """What the extractor reads from a scan's text layer: nothing."""
    return Page(number=page.page_number, width=page.width, height=page.height)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def through_the_stack(pdf: Path, pages: int, replicas: list[int], work_dir: Path) -> None:
    results = [run(pdf, count, 40, work_dir) for count in replicas]
    print(
        f"\nthrough the stack: {pages} scanned pages, pseudo engine, ranges of "
        f"DOCRELAY_OCR_PAGES_PER_PART=4 scanned pages"
    )
    print(f"{'replicas':>8} {'wall s':>8} {'extract s':>10} {'OCR s':>8} {'pages/s':>8}")
    for result in results:
        print(_row(result, pages))
    one, *more = results
    for result in more:
        ratio = result.stage_seconds["extract"] / one.stage_seconds["extract"]
        print(f"extract time with {result.replicas} replicas / with 1: {ratio:.2f}")


def _row(result: RunResult, pages: int) -> str:
    extract = result.stage_seconds["extract"]
    ocr = result.job["ocr"]["seconds"]
    return f"{result.replicas:>8} {result.seconds:>8.1f} {extract:>10.1f} {ocr:>8.1f} {pages / extract:>8.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="docrelay-ocr-") as scratch:
        work_dir = Path(scratch)
        pdf = scan_pdf(args.pages, work_dir / f"scan-{args.pages}.pdf")
        in_process(pdf, args.pages)
        through_the_stack(pdf, args.pages, args.replicas, work_dir)


if __name__ == "__main__":
    main()
