"""A paragraph of lines becomes a TextBlock: clean text, box, dominant style, translatable flag."""

from collections import Counter
from collections.abc import Sequence

from docrelay_common.document import TextBlock, TextStyle
from docrelay_extractor.geometry import union
from docrelay_extractor.lines import TextLine
from docrelay_extractor.text import clean_line, is_translatable, join_lines, strip_cids


def make_block(block_id: str, lines: Sequence[TextLine]) -> TextBlock | None:
    """None when nothing readable is left once unmapped glyphs are dropped."""
    stripped = [strip_cids(line.text) for line in lines]
    text = join_lines(clean_line(line_text) for line_text, _ in stripped)
    if not text:
        return None
    return TextBlock(
        id=block_id,
        bbox=union(line.bbox for line in lines),
        text=text,
        source_text=text,
        style=_dominant_style(lines),
        line_count=len(lines),
        translatable=is_translatable(text, sum(count for _, count in stripped)),
    )


def _dominant_style(lines: Sequence[TextLine]) -> TextStyle:
    weights: Counter[TextStyle] = Counter()
    for line in lines:
        weights[line.style] += line.glyphs
    return weights.most_common(1)[0][0]
