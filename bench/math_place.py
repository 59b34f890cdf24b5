"""Math in place: of the source's glyphs in math fonts, the share the output draws as the same character,
in the same font, within 2 pt of their place.

Inline formulas must move with the translated text, so two shares are counted:
- fixed: the glyph is where the source drew it (display equations, untranslated text);
- in place: fixed, or moved together with the rest of its formula: every glyph of the formula at the
  same offset from its source place, within 2 pt (the offset is taken from where the output draws one of
  its glyphs, the one that places most of them). A formula here is a run of math glyphs on one line
  (centres within 0.6 of their size, gaps under 1.6 of it), cut where the extracted document says one
  inline formula ends and another begins.
Leader dots of tables of contents (TeX sets them in math italic: five or more in a row, or dots followed
by nothing but the page number), list bullets and spaces are no math.
Pure functions on pdfplumber's characters; measure.py reads the PDFs.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from docrelay_common.document import BBox, Page
from docrelay_common.typeface import font_name
from docrelay_extractor.math_glyphs import LEADER_DOT, LEADER_RUN, is_math_font

TOLERANCE = 2.0
SAME_LINE = 0.6
MAX_GAP = 1.6
NOT_MATH = frozenset("•◦")
# A glyph belongs to an extracted formula when its centre lies this close (points) to the formula's box.
_SLACK = 0.3


@dataclass(frozen=True)
class Glyph:
    text: str
    font: str
    x: float
    y: float
    size: float


@dataclass(frozen=True)
class MathCount:
    glyphs: int = 0
    fixed: int = 0
    in_place: int = 0

    def __add__(self, other: "MathCount") -> "MathCount":
        return MathCount(self.glyphs + other.glyphs, self.fixed + other.fixed, self.in_place + other.in_place)


def glyphs(chars: Sequence[dict[str, object]], left: float = 0.0, top: float = 0.0) -> list[Glyph]:
    """pdfplumber's characters as glyphs, centred, in the document model's coordinates."""
    return [
        Glyph(
            str(char["text"]),
            font_name(str(char["fontname"])),
            (float(char["x0"]) + float(char["x1"])) / 2 - left,  # type: ignore[arg-type]
            (float(char["top"]) + float(char["bottom"])) / 2 - top,  # type: ignore[arg-type]
            float(char["size"]),  # type: ignore[arg-type]
        )
        for char in chars
    ]


def math_in_place(source: Sequence[Glyph], output: Sequence[Glyph], page: Page | None = None) -> MathCount:
    """The counts of one page; `page` (as extracted) tells where its inline formulas end."""
    math = [glyph for glyph in source if is_math_font(glyph.font) and not glyph.text.isspace()]
    leaders = _leaders(math) | {glyph for glyph in math if _before_page_number(glyph, source)}
    math = [glyph for glyph in math if glyph not in leaders and glyph.text not in NOT_MATH]
    boxes = [formula.bbox for block in page.blocks for formula in block.math] if page is not None else []
    drawn: dict[tuple[str, str], list[Glyph]] = defaultdict(list)
    for glyph in output:
        drawn[(glyph.text, glyph.font)].append(glyph)
    total = MathCount()
    for formula in _formulas(math, boxes):
        fixed = sum(_drawn_at(glyph, 0.0, 0.0, drawn) for glyph in formula)
        total += MathCount(len(formula), fixed, max(fixed, _moved_together(formula, drawn)))
    return total


def _moved_together(formula: list[Glyph], drawn: dict[tuple[str, str], list[Glyph]]) -> int:
    offsets = {
        (other.x - glyph.x, other.y - glyph.y)
        for glyph in formula
        for other in drawn.get((glyph.text, glyph.font), ())
    }
    return max((sum(_drawn_at(glyph, dx, dy, drawn) for glyph in formula) for dx, dy in offsets), default=0)


def _drawn_at(glyph: Glyph, dx: float, dy: float, drawn: dict[tuple[str, str], list[Glyph]]) -> bool:
    return any(
        abs(other.x - glyph.x - dx) <= TOLERANCE and abs(other.y - glyph.y - dy) <= TOLERANCE
        for other in drawn.get((glyph.text, glyph.font), ())
    )


def _formulas(math: list[Glyph], boxes: Sequence[BBox] = ()) -> list[list[Glyph]]:
    runs: list[list[Glyph]] = []
    for glyph in sorted(math, key=lambda glyph: (round(glyph.y / 3), glyph.x)):
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and abs(glyph.y - last.y) < SAME_LINE * max(glyph.size, last.size)
            and 0 <= glyph.x - last.x < MAX_GAP * glyph.size
            and _formula_of(glyph, boxes) == _formula_of(last, boxes)
        ):
            runs[-1].append(glyph)
        else:
            runs.append([glyph])
    return runs


def _formula_of(glyph: Glyph, boxes: Sequence[BBox]) -> int | None:
    return next(
        (
            index
            for index, box in enumerate(boxes)
            if box.x0 - _SLACK <= glyph.x <= box.x1 + _SLACK
            and box.top - _SLACK <= glyph.y <= box.bottom + _SLACK
        ),
        None,
    )


def _before_page_number(dot: Glyph, source: Sequence[Glyph]) -> bool:
    """Is this a dot followed on its line by nothing but dots and a number: a short leader?"""
    if dot.text != LEADER_DOT:
        return False
    after = sorted(
        (glyph for glyph in source if glyph.x > dot.x and abs(glyph.y - dot.y) < SAME_LINE * dot.size),
        key=lambda glyph: glyph.x,
    )
    texts = "".join(glyph.text for glyph in after if not glyph.text.isspace())
    return texts[-1:].isdigit() and texts.lstrip(LEADER_DOT).isdigit()


def _leaders(math: list[Glyph]) -> set[Glyph]:
    dots = [glyph for glyph in math if glyph.text == LEADER_DOT]
    runs = [run for run in _formulas(dots) if len(run) >= LEADER_RUN]
    return {glyph for run in runs for glyph in run}
