"""OCR's runs -> blocks of the page, grouped, ordered and made as the extractor makes PDF text's.

Blocks are made in the upright frame of the straightened image, then moved where the scan shows them.
Each keeps its words' boxes on the page (what a translation must paint over) and their confidence.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from docrelay_common.document import TextBlock
from docrelay_extractor.blocks import make_block
from docrelay_extractor.geometry import union
from docrelay_extractor.lines import TextLine, body_size_of
from docrelay_extractor.ocr.hocr import OcrWord, PixelBox
from docrelay_extractor.ocr.lines import OcrRun
from docrelay_extractor.ocr.placement import ScanPlacement
from docrelay_extractor.paragraphs import group_paragraphs
from docrelay_extractor.reading_order import reading_order

# Blocks read with less confidence than this (character-weighted mean of their words, 0-100) are kept as
# scanned: prose scores 76-96, picture texture, code and decorated script 0-71.
MIN_BLOCK_CONFIDENCE = 60.0


@dataclass(frozen=True)
class OcrBlocks:
    blocks: list[TextBlock]
    # Blocks kept as scanned because they were read with too little confidence.
    low_confidence: int


def ocr_blocks(
    page_number: int, runs: Sequence[OcrRun], placement: ScanPlacement, rules: Sequence[PixelBox] = ()
) -> OcrBlocks:
    """The blocks of `runs`, split at the horizontal `rules` of the OCR image (table rows)."""
    words_of: dict[TextLine, list[OcrWord]] = {run.line: run.words for run in runs}
    lines = list(words_of)
    if not lines:
        return OcrBlocks([], 0)
    paragraphs = group_paragraphs(lines, [placement.in_frame(rule) for rule in rules])
    text_area, body_size = union(line.bbox for line in lines), body_size_of(lines)
    order = reading_order([union(line.bbox for line in paragraph) for paragraph in paragraphs])
    blocks: list[TextBlock] = []
    low_confidence = 0
    for paragraph in (paragraphs[index] for index in order):
        block = make_block(f"p{page_number}-b{len(blocks)}", paragraph, text_area, body_size)
        if block is None:
            continue
        words = [word for line in paragraph for word in words_of[line]]
        confidence = _confidence(words)
        confident = confidence >= MIN_BLOCK_CONFIDENCE
        low_confidence += block.translatable and not confident
        blocks.append(_placed(block, words, confidence, confident, placement))
    return OcrBlocks(blocks, low_confidence)


def _confidence(words: Sequence[OcrWord]) -> float:
    characters = sum(len(word.text) for word in words)
    return sum(word.confidence * len(word.text) for word in words) / max(1, characters)


def _placed(
    block: TextBlock, words: list[OcrWord], confidence: float, confident: bool, placement: ScanPlacement
) -> TextBlock:
    placed = {
        "bbox": placement.block_on_page(block.bbox),
        "rotation": placement.frame.rotation,
        "translatable": block.translatable and confident,
        "source": "ocr",
        "confidence": round(confidence, 1),
        "ink": [placement.on_page(word.box) for word in words],
    }
    return block.model_copy(update=placed)
