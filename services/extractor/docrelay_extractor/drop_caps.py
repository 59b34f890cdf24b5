"""Drop caps: a paragraph's first letter set large, its first lines indented beside it.

Read as they are drawn, the letter was a block of its own, the lines beside it another and the rest of the
paragraph a third: a magazine's "T" + "he city council approved a new plan ..." came back as "T" beside
"el ayuntamiento aprobó ...", the sentence cut where the indent ends. The letter is put back at the start
of the first line beside it, and the lines beside it start where the letter does: one paragraph, from the
column's edge, set again without a drop cap.
"""

import statistics
from collections.abc import Collection, Sequence
from dataclasses import replace

from docrelay_common.document import BBox
from docrelay_extractor.lines import TextLine, Word

# The letter is at least this many times the size of the lines beside it...
MIN_SIZE_RATIO = 2.0
# ... which start within this many of their ems right of it, and are at least this many.
MAX_GAP_EMS = 1.5
MIN_LINES_BESIDE = 2
# The first line beside it starts within this many of its ems of the letter's top; the last ends within as
# many of the letter's bottom (a letter in a margin beside a few lines of its upper half is no cap).
EDGE_EMS = 0.6


def joined_drop_caps(lines: Sequence[TextLine], taken: Collection[TextLine] = ()) -> list[TextLine]:
    """The lines, each drop cap (outside `taken`, a table's lines) put back into the first line beside it
    and the lines beside it starting where it does."""
    replaced: dict[int, TextLine | None] = {}
    # A page of mathematics has many one-letter lines: only those twice the smallest size can be caps.
    smallest = min((line.style.size for line in lines), default=0.0)
    for cap in lines:
        letter = cap.text.strip()
        too_small = cap.style.size < MIN_SIZE_RATIO * smallest
        if too_small or len(letter) != 1 or not letter.isalpha() or cap in taken:
            continue
        beside = sorted(_beside(cap, lines, taken), key=lambda line: line.bbox.top)
        # The rest of the paragraph's first word, or its next word, follows it (no formula's limits).
        if len(beside) < MIN_LINES_BESIDE or not beside[0].text[:1].isalpha():
            continue
        size = statistics.median(line.style.size for line in beside)
        top_aligned = beside[0].bbox.top - cap.bbox.top <= EDGE_EMS * size
        bottom_aligned = cap.bbox.bottom - beside[-1].bbox.bottom <= EDGE_EMS * size
        if cap.style.size < MIN_SIZE_RATIO * size or not (top_aligned and bottom_aligned):
            continue
        replaced[id(cap)] = None
        replaced[id(beside[0])] = _with_letter(beside[0], letter, cap.bbox.x0)
        for line in beside[1:]:
            replaced[id(line)] = _moved_left(line, cap.bbox.x0)
    kept = [replaced.get(id(line), line) for line in lines]
    return [line for line in kept if line is not None]


def _beside(cap: TextLine, lines: Sequence[TextLine], taken: Collection[TextLine]) -> list[TextLine]:
    box = cap.bbox
    return [
        line
        for line in lines
        if line is not cap
        and line not in taken
        and box.x1 <= line.bbox.x0 <= box.x1 + MAX_GAP_EMS * line.style.size
        and line.bbox.top >= box.top - EDGE_EMS * line.style.size
        and line.bbox.bottom <= box.bottom + EDGE_EMS * line.style.size
    ]


def _with_letter(line: TextLine, letter: str, x0: float) -> TextLine:
    """The line with the letter before its text, joined to its first word ("T" + "he" is "The")."""
    words = line.words
    first = (Word(x0, words[0].x1, letter + words[0].text),) if words else ()
    faces = ((letter, line.faces[0][1]), *line.faces) if line.faces else ()
    moved = _moved_left(line, x0)
    return replace(
        moved,
        text=letter + line.text,
        glyphs=line.glyphs + 1,
        words=first + words[1:],
        faces=faces,
        bold_lead=letter + line.bold_lead if line.bold_lead else "",
    )


def _moved_left(line: TextLine, x0: float) -> TextLine:
    text_box = line.text_box
    return replace(
        line,
        bbox=_from(line.bbox, x0),
        text_box=_from(text_box, x0) if text_box is not None else None,
    )


def _from(box: BBox, x0: float) -> BBox:
    return BBox(x0=x0, top=box.top, x1=box.x1, bottom=box.bottom)
