"""A paragraph of lines becomes a TextBlock: clean text, box, dominant style, translatable flag, alignment."""

from collections import Counter
from collections.abc import Sequence

from docrelay_common.document import BBox, Emphasis, TextBlock, TextStyle, code_occurrences
from docrelay_common.line_joins import join_lines
from docrelay_extractor.alignment import Align, centred_alone, line_alignment
from docrelay_extractor.emphasis_runs import block_emphasis
from docrelay_extractor.geometry import union
from docrelay_extractor.line_math import block_formulas, numbered_lines
from docrelay_extractor.lines import TextLine
from docrelay_extractor.rtl import has_rtl
from docrelay_extractor.style import is_monospace
from docrelay_extractor.text import clean_line, is_translatable, split_leader, strip_cids

# A first line starting less than this (points) right of the others is not indented: glyphs' side bearings.
MIN_INDENT = 1.0
# A word in code of at least this many characters is kept; shorter, a letter or a digit (a variable).
MIN_CODE_CHARS = 2


def make_block(
    block_id: str,
    lines: Sequence[TextLine],
    text_area: BBox,
    body_size: float,
    align: Align | None = None,
    page_width: float | None = None,
) -> TextBlock | None:
    """None when nothing readable is left once unmapped glyphs are dropped.

    `text_area` holds all the text of the page: a lone line centred in it, or on the page `page_width`
    wide, is a centred block (a title, larger than `body_size`, even when it fills most of the width).
    `align`, when given, is how the lines are set (told from more lines than the block's own).
    """
    stripped = [strip_cids(line_text) for line_text in numbered_lines(lines)]
    text, leader = split_leader(join_lines(clean_line(line_text) for line_text, _ in stripped))
    if not text:
        return None
    style = _dominant_style(lines)
    unmapped = sum(count for _, count in stripped) + sum(line.unreadable for line in lines)
    bbox = union(line.text_box or line.bbox for line in lines)
    align = align or block_alignment(lines, text_area, style.size, body_size, page_width)
    code = _inline_code(lines, text, style)
    emphasis = block_emphasis(lines, text, style, code)
    return TextBlock(
        id=block_id,
        bbox=bbox,
        text=text,
        source_text=text,
        style=style,
        line_count=len(lines),
        translatable=is_translatable(text, unmapped),
        align=align,
        math=block_formulas(lines, text),
        leader=leader,
        code=code,
        indent=_first_line_indent(lines, bbox, align),
        emphasis=emphasis,
        # Only those whose words are known: the others stay drawn where they are.
        underlines=[rule for line in lines for rule in line.underlines] if _underlined(emphasis) else [],
    )


def _first_line_indent(lines: Sequence[TextLine], bbox: BBox, align: Align) -> float:
    """How far right of the box's left edge the first of two lines or more starts, if they are set from
    the left (a centred or right-aligned paragraph's first line is short of its edge by its length) and
    the others all start at that edge (text wrapped around a figure or an icon starts anywhere), in a
    left-to-right script."""
    if len(lines) < 2 or align not in ("left", "justify") or any(has_rtl(line.text) for line in lines):
        return 0.0
    if any(line.bbox.x0 - bbox.x0 > MIN_INDENT for line in lines[1:]):
        return 0.0
    indent = lines[0].bbox.x0 - bbox.x0
    return round(indent, 2) if indent > MIN_INDENT else 0.0


def block_alignment(
    lines: Sequence[TextLine], text_area: BBox, size: float, body_size: float, page_width: float | None = None
) -> Align:
    boxes = [line.bbox for line in lines]
    if len(boxes) == 1:
        # A monospaced line on the page's middle is there by its columns (a screenplay's cue), not centred.
        page = None if is_monospace(lines[0].style.font) else page_width
        return "center" if centred_alone(boxes[0], text_area, size, body_size, page) else "left"
    return line_alignment(boxes, size)


def _inline_code(lines: Sequence[TextLine], text: str, style: TextStyle) -> list[str]:
    """The words set in a monospaced font inside a block in another ("is.nan(xx)", "TRUE"), which a
    translation keeps as they are: those (_is_code_word) that the text holds nowhere else (a word also
    written in the text face, "list" as code and as a noun, "a" as code and as an article, is left to
    the engine). A block in a
    monospaced font is code kept whole or typewritten prose translated whole: none."""
    if is_monospace(style.font):
        return []
    written = Counter(word for line in lines for word in line.code_words if _is_code_word(word))
    return sorted(word for word, count in written.items() if count == code_occurrences(word, text))


def _is_code_word(word: str) -> bool:
    """Two characters or more, or a letter or a digit alone (R-intro's "so A and a are different
    symbols", its "A" and "a" in the typewriter face, had come back "así que Un y un"); a bracket or a
    comma alone in that face is punctuation."""
    return len(word) >= MIN_CODE_CHARS or word.isalnum()


def _dominant_style(lines: Sequence[TextLine]) -> TextStyle:
    weights: Counter[TextStyle] = Counter()
    for line in lines:
        weights[line.style] += line.glyphs
    return weights.most_common(1)[0][0]


def _underlined(emphasis: Sequence[Emphasis]) -> bool:
    return any(run.underline for run in emphasis)
