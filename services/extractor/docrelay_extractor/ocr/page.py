"""One scanned page -> a Page of OCR'd blocks: turned upright, straightened, read in its language.

Steps: orientation and script (Tesseract's OSD, at 150 dpi), the upright image, its skew, a
straightened copy, the language packs (the job's language, or detected from a first reading), hOCR,
runs, blocks placed back where the scan shows them.
"""

from dataclasses import dataclass
from typing import Literal

import numpy
from PIL import Image

from docrelay_common.document import ImageRef, OcrInfo, Page
from docrelay_extractor.language import detect_language
from docrelay_extractor.ocr.blocks import ocr_blocks
from docrelay_extractor.ocr.hocr import Hocr, parse_hocr
from docrelay_extractor.ocr.languages import PackChoice, RangeLanguage, detected_choice
from docrelay_extractor.ocr.lines import text_lines
from docrelay_extractor.ocr.page_image import is_blank
from docrelay_extractor.ocr.placement import ScanPlacement
from docrelay_extractor.ocr.rules import find_rules
from docrelay_extractor.ocr.skew import MIN_SKEW, skew_angle, straightened
from docrelay_extractor.ocr.tesseract import Orientation, Tesseract

# Below this orientation confidence Tesseract is guessing: the page is read as it stands.
MIN_ORIENTATION_CONFIDENCE = 2.0
# Degrees clockwise the text is turned on the page, by the turn that sets the image upright.
UPRIGHT_TURNS: dict[int, Literal[0, 90, 180, 270]] = {0: 0, 90: 270, 180: 180, 270: 90}
# Orientation and script are as clear at 150 dpi as at 300, in two thirds of the time; below 150 dpi
# Tesseract takes upright pages for upside-down ones.
ORIENTATION_DPI = 150.0


@dataclass
class ScanReader:
    """Reads the scanned pages of one page range, remembering the language packs that worked."""

    tesseract: Tesseract
    language: RangeLanguage

    def read(self, image: Image.Image, dpi: float, page: Page) -> Page:
        """`page` (number and size) read from `image`, its RGB rendering at `dpi`; `ocr.seconds` unset.

        TesseractFailed when Tesseract fails or runs out of time.
        """
        gray = image.convert("L")
        if is_blank(gray):
            return _nothing(page, OcrInfo(outcome="blank", dpi=dpi))
        found = self._orientation(gray, dpi)
        turn = found.rotate if found.confidence >= MIN_ORIENTATION_CONFIDENCE else 0
        choice = self.language.choice(found.script, found.script_confidence)
        info = OcrInfo(dpi=dpi, orientation=UPRIGHT_TURNS[turn], script=found.script)
        if choice is None:
            notice = f"no OCR language data for {found.script} script is installed"
            return _nothing(page, info.model_copy(update={"outcome": "unavailable", "notice": notice}))
        upright = gray.rotate(-turn, expand=True) if turn else gray
        skew = skew_angle(upright)
        skew = skew if abs(skew) >= MIN_SKEW else 0.0
        level = straightened(upright, skew)
        choice, hocr = self._hocr(level, dpi, choice)
        self.language.remember(found.script, found.script_confidence, choice)
        rules = find_rules(level, dpi)
        placement = ScanPlacement(
            skew, info.orientation, upright.width, upright.height, page.width, page.height
        )
        rgb = numpy.asarray(image.rotate(-turn, expand=True) if turn else image)
        runs = text_lines(hocr.lines, placement, rgb, rules.vertical)
        made = ocr_blocks(page.number, runs, placement, rules.horizontal)
        read = {"skew": skew, "languages": choice.packs, "notice": choice.notice}
        if not made.blocks:
            return _nothing(page, info.model_copy(update={**read, "outcome": "blank"}))
        photos = [ImageRef(bbox=placement.on_page(box), name="ocr_photo") for box in hocr.photos]
        info = info.model_copy(update={**read, "low_confidence_blocks": made.low_confidence})
        # The text layer's tables went with its blocks: OCR's blocks are no table's cells.
        update = {"blocks": made.blocks, "tables": [], "images": photos, "ocr": info}
        return page.model_copy(update=update)

    def _orientation(self, gray: Image.Image, dpi: float) -> Orientation:
        factor = max(1, int(dpi // ORIENTATION_DPI))
        return self.tesseract.orientation(gray.reduce(factor) if factor > 1 else gray, dpi / factor)

    def _hocr(self, image: Image.Image, dpi: float, choice: PackChoice) -> tuple[PackChoice, Hocr]:
        """Read with `choice`; Latin text of an unknown language is read again with its own packs."""
        hocr = parse_hocr(self.tesseract.hocr(image, choice.packs, dpi))
        if not choice.detect:
            return choice, hocr
        text = " ".join(word.text for line in hocr.lines for word in line.words)
        detected = detected_choice(detect_language(text) if text else None)
        if detected.packs == choice.packs:
            return detected, hocr
        return detected, parse_hocr(self.tesseract.hocr(image, detected.packs, dpi))


def _nothing(page: Page, info: OcrInfo) -> Page:
    return page.model_copy(update={"blocks": [], "ocr": info})
