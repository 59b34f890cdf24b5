"""What OCR did to a job, from its extracted pages: facts for the job, notices, the no-text message."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from docrelay_common.constants import OcrMode
from docrelay_common.document import Document, OcrInfo, Page
from docrelay_extractor.ocr.reader import NOT_INSTALLED


@dataclass
class OcrSummary:
    mode: OcrMode
    # Pages OCR read text from, pages it tried, and its time on them.
    pages: list[int] = field(default_factory=list)
    tried: list[int] = field(default_factory=list)
    seconds: float = 0.0
    low_confidence_blocks: int = 0
    unavailable: bool = False
    # Pages Tesseract failed on (or ran out of time on).
    failed: list[int] = field(default_factory=list)
    # Each notice of a page's OCR, with the pages it is about.
    page_notices: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def add(self, document: Document) -> None:
        for page in document.pages:
            if page.ocr is not None:
                self._add(page, page.ocr)

    def _add(self, page: Page, info: OcrInfo) -> None:
        self.tried.append(page.number)
        if info.outcome == "read":
            self.pages.append(page.number)
        self.seconds += info.seconds
        self.low_confidence_blocks += info.low_confidence_blocks
        self.unavailable |= info.outcome == "unavailable"
        if info.outcome == "failed":
            self.failed.append(page.number)
        if info.notice:
            self.page_notices[info.notice].append(page.number)

    def facts(self) -> dict[str, Any]:
        """The job's `ocr` info: its mode, the pages read, the seconds spent, the blocks kept as scanned."""
        return {
            "mode": self.mode.value,
            "pages": self.pages,
            "seconds": round(self.seconds, 3),
            "low_confidence_blocks": self.low_confidence_blocks,
        }

    def notices(self) -> list[str]:
        notices = [f"{_pages(numbers)}: {notice}" for notice, numbers in self.page_notices.items()]
        if self.low_confidence_blocks:
            notices.append(
                f"{self.low_confidence_blocks} block(s) read with low OCR confidence were kept as scanned"
            )
        return notices

    def no_text_message(self) -> str:
        """Why a document without any text to translate has none, and what the user can do."""
        if self.mode == OcrMode.OFF:
            return (
                "this PDF has no selectable text (it is probably a scan or an image); submit it again "
                "with ocr=auto to read its pages with OCR"
            )
        if self.unavailable and not self.pages:
            return f"this PDF has no selectable text (it is probably a scan), and {NOT_INSTALLED}"
        if self.failed:
            return (
                f"OCR failed on {_pages(self.failed)} of this PDF (see the job's notices) and found "
                "nothing readable on the others, so there is no text to translate"
            )
        if self.tried:
            return (
                f"OCR found nothing readable on the {len(self.tried)} page(s) of this PDF it read "
                "(they are blank or pictures only), so there is no text to translate"
            )
        return "this PDF has no text a translator could work on (only numbers, symbols or unmapped glyphs)"


def _pages(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    return "pages " + ", ".join(str(number) for number in numbers)
