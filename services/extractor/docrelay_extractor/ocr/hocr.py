"""Tesseract's hOCR: its lines with their baseline and size, their words with their confidence.

Tesseract writes well-formed XHTML; ElementTree reads it without fetching the DTD it names.
"""

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field

# Pixel box of the OCR image: x0, y0 (top), x1, y1 (bottom).
PixelBox = tuple[float, float, float, float]

# Every kind of text line Tesseract writes; they differ only in how it classified the region.
LINE_CLASSES = frozenset({"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"})
_TITLE_FIELD = re.compile(r"(\w+) ([^;]+)")


@dataclass(frozen=True)
class OcrWord:
    box: PixelBox
    text: str
    # Tesseract's confidence in the word, 0-100.
    confidence: float


@dataclass(frozen=True)
class OcrLine:
    box: PixelBox
    words: list[OcrWord]
    # Height of the line's em box (ascender to descender) in pixels; 0 when Tesseract gave none.
    size: float = 0.0
    # The baseline: its height at the line's left edge, its slope, and how far descenders reach below it.
    baseline: float = 0.0
    slope: float = 0.0
    descenders: float = 0.0

    def em_span(self, x0: float, x1: float) -> tuple[float, float]:
        """Top and bottom of the em box from x0 to x1, as a PDF's glyph boxes run: descender to ascender."""
        middle = (x0 + x1) / 2
        bottom = self.baseline + self.slope * (middle - self.box[0]) + self.descenders
        return bottom - self.size, bottom


@dataclass(frozen=True)
class Hocr:
    lines: list[OcrLine]
    # Regions Tesseract took for pictures.
    photos: list[PixelBox] = field(default_factory=list)


def parse_hocr(document: bytes) -> Hocr:
    root = ElementTree.fromstring(document)
    lines: list[OcrLine] = []
    photos: list[PixelBox] = []
    for element in root.iter():
        kind = element.get("class")
        if kind in LINE_CLASSES:
            line = _line(element)
            if line.words:
                lines.append(line)
        elif kind == "ocr_photo":
            photos.append(_box(_title(element)["bbox"]))
    return Hocr(lines, photos)


def _line(element: ElementTree.Element) -> OcrLine:
    title = _title(element)
    box = _box(title["bbox"])
    slope, offset = (float(value) for value in title.get("baseline", "0 0").split()[:2])
    return OcrLine(
        box=box,
        words=[word for child in element.iter() if (word := _word(child)) is not None],
        size=float(title.get("x_size", 0)),
        # The offset is from the bottom of the line's box.
        baseline=box[3] + offset,
        slope=slope,
        descenders=float(title.get("x_descenders", 0)),
    )


def _word(element: ElementTree.Element) -> OcrWord | None:
    if element.get("class") != "ocrx_word":
        return None
    # Bold or italic words hold their text in <strong>/<em> children.
    text = "".join(element.itertext()).strip()
    if not text:
        return None
    title = _title(element)
    return OcrWord(box=_box(title["bbox"]), text=text, confidence=float(title.get("x_wconf", 0)))


def _title(element: ElementTree.Element) -> dict[str, str]:
    return dict(_TITLE_FIELD.findall(element.get("title", "")))


def _box(value: str) -> PixelBox:
    x0, y0, x1, y1 = (float(number) for number in value.split()[:4])
    return x0, y0, x1, y1
