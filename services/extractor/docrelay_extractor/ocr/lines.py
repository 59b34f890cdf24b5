"""OCR's lines -> the extractor's TextLines: split into runs at cell borders, sized and coloured.

TextLines are what the extractor groups into paragraphs for PDF text too (paragraphs.py); OCR's lines
become them in the upright frame's points, on the straightened image, where lines are level.
"""

import itertools
import re
import statistics
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy

from docrelay_common.document import TextStyle
from docrelay_extractor.lines import WIDE_GAP_EM, TextLine
from docrelay_extractor.ocr.colours import ink_colour
from docrelay_extractor.ocr.hocr import OcrLine, OcrWord, PixelBox
from docrelay_extractor.ocr.placement import ScanPlacement

# Table borders read as characters: a cell ends there.
RULE_WORD = re.compile(r"[|¦\[\]]+")
# Words below this confidence without a letter or digit are specks and picture texture.
NOISE_CONFIDENCE = 40.0
# A word whose top and bottom are this many line heights off the previous word's sits on another line
# that Tesseract joined to this one (a caption beside a paragraph).
BASELINE_JUMP = 0.4
# How high ascenders and capitals reach above the baseline, in ems (0.66-0.76 in common typefaces).
ASCENT = 0.76
# Letters reaching less than this share of the line's size below its baseline are no descenders.
DESCENDER_SLACK = 0.1
# The ring of paper around a word whose colour the ink is measured against, in points.
PAPER_RING = 1.5


@dataclass(frozen=True)
class OcrRun:
    """One TextLine and the words it was made of (pixel boxes of the OCR image)."""

    line: TextLine
    words: list[OcrWord]


def text_lines(
    lines: list[OcrLine], placement: ScanPlacement, rgb: numpy.ndarray, rules: Sequence[PixelBox] = ()
) -> list[OcrRun]:
    """The runs of every line; `rgb` is the upright image, where the ink's colour is measured, and
    `rules` the vertical rules of the OCR image (cell borders)."""
    ring = max(2, round(PAPER_RING / min(placement.scale)))
    return [_text_line(line, run, placement, rgb, ring) for line in lines for run in split_runs(line, rules)]


def split_runs(line: OcrLine, rules: Sequence[PixelBox] = ()) -> list[list[OcrWord]]:
    """The line's words without noise, split at rule glyphs, vertical rules, wide gaps and baseline
    jumps. Runs of right-to-left text list their words right to left, in reading order.
    """
    size = _line_size(line)
    runs: list[list[OcrWord]] = [[]]
    for word in sorted(line.words, key=lambda word: word.box[0]):
        if RULE_WORD.fullmatch(word.text):
            runs.append([])
        elif not _is_noise(word):
            if runs[-1] and _separated(runs[-1][-1], word, size, rules):
                runs.append([])
            runs[-1].append(word)
    return [run[::-1] if _right_to_left(run) else run for run in runs if run]


def _separated(left: OcrWord, right: OcrWord, size: float, rules: Sequence[PixelBox]) -> bool:
    gap = right.box[0] - left.box[2]
    return gap > WIDE_GAP_EM * size or _jumped(left, right, size) or _ruled_off(left, right, rules)


def _ruled_off(left: OcrWord, right: OcrWord, rules: Sequence[PixelBox]) -> bool:
    """Does a vertical rule run between the two words, across their middle?"""
    middle = (left.box[1] + left.box[3]) / 2
    return any(
        left.box[2] <= (rule[0] + rule[2]) / 2 <= right.box[0] and rule[1] <= middle <= rule[3]
        for rule in rules
    )


def _jumped(left: OcrWord, right: OcrWord, size: float) -> bool:
    """Top and bottom both moved the same way: another line, not a capital, descender or speck."""
    top, bottom = right.box[1] - left.box[1], right.box[3] - left.box[3]
    return top * bottom > 0 and min(abs(top), abs(bottom)) > BASELINE_JUMP * size


def _is_noise(word: OcrWord) -> bool:
    return word.confidence < NOISE_CONFIDENCE and not any(char.isalnum() for char in word.text)


def _right_to_left(words: list[OcrWord]) -> bool:
    kinds = [unicodedata.bidirectional(char) for word in words for char in word.text]
    return sum(kind in ("R", "AL") for kind in kinds) > sum(kind == "L" for kind in kinds)


def _line_size(line: OcrLine) -> float:
    return line.size or (line.box[3] - line.box[1])


def _text_line(
    line: OcrLine, words: list[OcrWord], placement: ScanPlacement, rgb: numpy.ndarray, ring: int
) -> OcrRun:
    x0, x1 = min(word.box[0] for word in words), max(word.box[2] for word in words)
    top, bottom = _vertical_span(line, words, x0, x1)
    box = placement.in_frame((x0, top, x1, bottom))
    text = _joined(words)
    ink = placement.on_upright((x0, min(w.box[1] for w in words), x1, max(w.box[3] for w in words)))
    style = TextStyle(size=round(box.height * 2) / 2, color=ink_colour(rgb, ink, ring))
    return OcrRun(TextLine(bbox=box, text=text, style=style, glyphs=len(text.replace(" ", ""))), words)


def _vertical_span(line: OcrLine, words: list[OcrWord], x0: float, x1: float) -> tuple[float, float]:
    """The em box, as a PDF's glyphs have it, when the run sits on the line's baseline; else its ink.

    Ink boxes would make lines without descenders or capitals smaller, and one-line blocks land off.
    Tesseract underestimates the size of a line without descenders: its em box is made as tall as its
    tallest letters need.
    """
    top, bottom = line.em_span(x0, x1)
    baseline = bottom - line.descenders
    sitting = statistics.median(word.box[3] for word in words)
    tolerance = BASELINE_JUMP * line.size
    if not line.size or not baseline - tolerance <= sitting <= bottom + tolerance:
        return min(word.box[1] for word in words), max(word.box[3] for word in words)
    if max(word.box[3] for word in words) <= baseline + DESCENDER_SLACK * line.size:
        top = min(top, bottom - (baseline - min(word.box[1] for word in words)) / ASCENT)
    return top, bottom


def _joined(words: list[OcrWord]) -> str:
    """Words joined by spaces, except between Chinese and Japanese characters, which have none."""
    text = words[0].text
    for previous, word in itertools.pairwise(words):
        text += ("" if _wide(previous.text[-1]) and _wide(word.text[0]) else " ") + word.text
    return text


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")
