"""Text lines: runs of the glyphs of pdfminer's layout lines, split at cell borders, with their style."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import takewhile
from typing import NamedTuple

from pdfminer.layout import LTChar

from docrelay_common.document import BBox, InlineMath, TextStyle
from docrelay_common.emphasis import Face
from docrelay_common.typeface import font_name
from docrelay_extractor.geometry import from_bottom_left, union
from docrelay_extractor.glyph_text import Item, accented_texts, is_drawn, run_text
from docrelay_extractor.line_math import LineMath, line_math
from docrelay_extractor.style import color_hex, is_bold, is_italic, is_monospace
from docrelay_extractor.underlines import NO_RULES, Ink, UnderlineRules


class Word(NamedTuple):
    x0: float
    x1: float
    text: str


class Centred(NamedTuple):
    """Where a line of a cell set in the middle of its row stands: banded `offset` points lower (negative:
    higher) than its middle, level with the first line of the taller cell it is centred on; the row
    reaches down to `row_bottom`, that cell's last line."""

    offset: float
    row_bottom: float


@dataclass(frozen=True, eq=False)
class TextLine:
    """One line of glyphs; compared by identity, since two lines can hold the same text at one place."""

    bbox: BBox
    # As the PDF maps its glyphs, in reading order: may still hold "(cid:N)" markers.
    text: str
    style: TextStyle
    # Visible glyphs: how much weight this line's style carries in its paragraph.
    glyphs: int
    # Glyphs of misnamed fonts: drawn, but left out of `text` since what they would read as is wrong.
    unreadable: int = 0
    # The formulas whose tokens (the line's own, numbered from 0) `text` holds.
    formulas: tuple[InlineMath, ...] = ()
    # The words left to right, with their left and right edges: the white space between them, line after
    # line, finds the columns of tables.
    words: tuple[Word, ...] = ()
    # The glyphs the line starts with in bold, spaces left out ("Theorem4." of a run-in heading; empty
    # when it starts in another weight), and whether its last glyph is bold: emphasis running on across a
    # line break keeps its weight there, where a heading over its text changes it.
    bold_lead: str = ""
    ends_bold: bool = False
    # Prose with code inline: a good share of its glyphs in a monospaced font and of the rest in another.
    mixes_code: bool = False
    # Its words set wholly in a monospaced font (identifiers, commands, values), in order.
    code_words: tuple[str, ...] = ()
    # The box without what only a mark set larger than the text reaches: a bullet's box stands above the
    # text's (the 1040-NR's 11.4-point Symbol bullets before 9.5-point text, by 3.9 points), and a block's
    # translation is set from its box's top. None: `bbox`.
    text_box: BBox | None = None
    # Its text glyphs in order with the face each is set in, or None for a monospaced one (code): only for
    # a line set in more than one face or underlined; empty when all are in its style's face.
    faces: tuple[tuple[str, Face | None], ...] = ()
    # The lines drawn under its underlined glyphs (underlines), as flat boxes.
    underlines: tuple[BBox, ...] = ()
    # Every glyph but dot leaders in one font, size and colour: a line wholly in another style than the
    # one above it starts a new part of a table cell (cell_parts), one with a word in it does not.
    one_style: bool = True
    # A line of a cell set in the middle of its row beside a taller cell (middle_aligned): set once for a
    # frame's lines, kept by the parts a rule splits it into.
    centred: Centred | None = None
    # Where the PDF draws a space glyph (x of its middle): between two words of one cell; two cells of a
    # row set close have none between them (table_bands.is_seam). Not every producer draws spaces.
    drawn_spaces: tuple[float, ...] = ()


# A glyph's font, size (to a tenth of a point) and colour.
StyleKey = tuple[str, float, str]

# pdfminer joins glyphs into one line across table cells. A gap this wide (in ems) always ends a run of text;
# a narrower one still does when a vertical rule (a cell border) crosses it.
WIDE_GAP_EM = 2.5
RULED_GAP_EM = 0.5
# Dot leaders (a table of contents' "Lists . . . . . 29", a form's "Name ........") end a run too: what
# follows them (a page number, an amount) is a cell of its own.
LEADER_GLYPHS = frozenset(".·_…")
MIN_LEADER = 5
# A mark (a bullet, a box) set this many times the text's size or more is larger than the text.
MARK_SIZE_RATIO = 1.1
# A line mixes code into prose when at least this share of its glyphs is in either kind of font.
MIXED_SHARE = 0.2
# Words outside the code, of this many letters, that make a line mixing code prose: its style is theirs.
MIN_PROSE_WORDS = 3
MIN_WORD_LETTERS = 3


@dataclass(frozen=True)
class VerticalRule:
    """A vertical stroke or rectangle side, in pdfminer's bottom-left coordinates."""

    x: float
    y0: float
    y1: float
    # The narrowest gap (in ems) between two glyphs at which it parts them: a drawn rule may cross a
    # word (RULED_GAP_EM); a side of a grid's box parts two cells a word space apart (drawn_grids).
    gap_em: float = RULED_GAP_EM

    def beside(self, box: BBox, height: float) -> bool:
        """Does the rule run past the middle of `box` (top-down, in a frame `height` high)?"""
        middle = height - (box.top + box.bottom) / 2
        return self.y0 <= middle <= self.y1


def glyph_runs(line: Sequence[Item], rules: Sequence[VerticalRule]) -> list[list[Item]]:
    """The items of a layout line, split where it crosses a cell border or a wide gap, and after dot
    leaders.

    Runs without a visible glyph (a trailing space, a space the PDF draws on its own) are left out: their
    glyph boxes would stretch a paragraph over what lies under it (a form's rule).
    """
    runs: list[list[Item]] = [[]]
    previous: LTChar | None = None
    leaders = 0
    for item in line:
        if is_drawn(item):
            led = leaders >= MIN_LEADER and item.get_text() not in LEADER_GLYPHS
            if previous is not None and (led or _separates_cells(previous, item, rules)):
                runs.append([])
            leaders = leaders + 1 if item.get_text() in LEADER_GLYPHS else 0
            previous = item
        runs[-1].append(item)
    return [run for run in runs if any(map(is_drawn, run))]


def ends_in_leader(run: Sequence[Item]) -> bool:
    """Does the run end in dot leaders (after which glyph_runs split its line)?"""
    glyphs = [item.get_text() for item in run if is_drawn(item)]
    return len(glyphs) >= MIN_LEADER and all(glyph in LEADER_GLYPHS for glyph in glyphs[-MIN_LEADER:])


def _separates_cells(left: LTChar, right: LTChar, rules: Sequence[VerticalRule]) -> bool:
    gap, size = right.x0 - left.x1, max(left.size, right.size, 1.0)
    if gap > WIDE_GAP_EM * size:
        return True
    middle = (left.y0 + left.y1) / 2
    return any(
        gap > rule.gap_em * size and left.x1 <= rule.x <= right.x0 and rule.y0 <= middle <= rule.y1
        for rule in rules
    )


def text_line(
    run: list[Item], page_height: float, misnamed_fonts: frozenset[str], rules: UnderlineRules = NO_RULES
) -> TextLine:
    """The line of a run holding at least one glyph; glyphs of `misnamed_fonts` count as unreadable, and
    those `rules` run under are underlined."""
    readable = [item for item in run if not (isinstance(item, LTChar) and item.fontname in misnamed_fonts)]
    visible = _visible(run)
    # The line is where its glyphs are drawn: the boxes of the spaces a PDF draws before or after them
    # would stretch it over a form's next box.
    bbox = _extent(visible, visible, page_height)
    math: LineMath = line_math(readable, page_height)
    # The text's own font: formulas and leader dots are often set in math fonts.
    text_glyphs = [char for char in visible if id(char) not in math.not_text] or visible
    mixes_code = _mixes_code(text_glyphs)
    styles = _style_runs(text_glyphs)
    style = _text_style(text_glyphs, readable, mixes_code, styles)
    underlined, underlines = rules.under(text_glyphs, style.size, page_height)
    return TextLine(
        bbox=bbox,
        text_box=_text_box(visible, math.formulas, style.size, page_height),
        text=run_text(math.items),
        style=style,
        glyphs=len(visible),
        unreadable=len(run) - len(readable),
        formulas=math.formulas,
        words=_word_extents(run),
        code_words=_code_words(readable),
        bold_lead="".join(char.get_text() for char in takewhile(_bold, text_glyphs)),
        ends_bold=_bold(text_glyphs[-1]),
        mixes_code=mixes_code,
        faces=_faces(text_glyphs, underlined),
        underlines=tuple(underlines),
        one_style=len(styles) == 1,
        drawn_spaces=tuple(
            (item.x0 + item.x1) / 2 for item in run if isinstance(item, LTChar) and item.get_text().isspace()
        ),
    )


def glyph_ink(run: Sequence[Item], page_height: float) -> list[Ink]:
    """Where each of a run's visible glyphs is drawn, with the run's box (from the page's top)."""
    visible = _visible(run)
    box = _extent(visible, visible, page_height)
    return [Ink(from_bottom_left(char.x0, char.y0, char.x1, char.y1, page_height), box) for char in visible]


def _visible(run: Sequence[Item]) -> list[LTChar]:
    """The run's drawn glyphs; all its glyphs when none is drawn."""
    chars = [item for item in run if isinstance(item, LTChar)]
    return [char for char in chars if is_drawn(char)] or chars


def _text_box(
    visible: Sequence[LTChar], formulas: Sequence[InlineMath], text_size: float, page_height: float
) -> BBox | None:
    """The line's box as high as its glyphs but marks (no letter or digit) set larger than its text, and
    its formulas; None when it has no such mark."""
    upright = [char for char in visible if not _oversized_mark(char, text_size)]
    if len(upright) in (0, len(visible)):
        return None
    return union([_extent(visible, upright, page_height), *(formula.bbox for formula in formulas)])


def _extent(across: Sequence[LTChar], up: Sequence[LTChar], page_height: float) -> BBox:
    """The box as wide as the `across` glyphs and as high as the `up` ones, from the page's top."""
    return from_bottom_left(
        min(char.x0 for char in across),
        min(char.y0 for char in up),
        max(char.x1 for char in across),
        max(char.y1 for char in up),
        page_height,
    )


def _oversized_mark(char: LTChar, text_size: float) -> bool:
    return char.size > MARK_SIZE_RATIO * text_size and not char.get_text().isalnum()


def _faces(chars: Sequence[LTChar], underlined: set[int]) -> tuple[tuple[str, Face | None], ...]:
    """Each glyph's text and face, when they are set in more than one or some are `underlined` (ids)."""
    monospaced = _monospaced_fonts(chars)
    faces = [
        (
            char.get_text(),
            None if char.fontname in monospaced else _face(char.fontname, id(char) in underlined),
        )
        for char in chars
    ]
    return tuple(faces) if underlined or len({face for _, face in faces}) > 1 else ()


@lru_cache(maxsize=256)
def _face(fontname: str, underline: bool = False) -> Face:
    name = font_name(fontname)
    return Face(is_bold(name), is_italic(name), underline)


def _bold(char: LTChar) -> bool:
    return is_bold(font_name(char.fontname))


def monospaced_glyphs(chars: Sequence[LTChar]) -> int:
    """How many of the glyphs are set in a monospaced font."""
    fonts = _monospaced_fonts(chars)
    return sum(char.fontname in fonts for char in chars)


def _monospaced_fonts(chars: Sequence[Item]) -> frozenset[str]:
    """The glyphs' fonts that are monospaced: judged once per font, not per glyph."""
    names = {char.fontname for char in chars if isinstance(char, LTChar)}
    return frozenset(name for name in names if is_monospace(font_name(name)))


def _mixes_code(chars: Sequence[LTChar]) -> bool:
    return MIXED_SHARE <= monospaced_glyphs(chars) / len(chars) <= 1 - MIXED_SHARE


def _words(run: Sequence[Item]) -> list[list[LTChar]]:
    """The glyphs between spaces (pdfminer's guessed ones and those the PDF draws)."""
    words: list[list[LTChar]] = [[]]
    for item in run:
        if is_drawn(item):
            words[-1].append(item)
        elif words[-1]:
            words.append([])
    return [word for word in words if word]


def _word_extents(run: Sequence[Item]) -> tuple[Word, ...]:
    extents = [
        Word(min(char.x0 for char in word), max(char.x1 for char in word), _text(word))
        for word in _words(run)
    ]
    return tuple(sorted(extents))


def _code_words(run: Sequence[Item]) -> tuple[str, ...]:
    """The words of the run set in a monospaced font, in order: the monospaced middle of a word whose ends
    are in another face ("TRUE" of "TRUE," in LaTeX's \\texttt{TRUE},; a word that is no code, "NaN" of
    "NaNs", stands nowhere alone in its block's text, and so its block keeps none of it)."""
    words = []
    fonts = _monospaced_fonts(run)
    for word in _words(run):
        mono = [char.fontname in fonts for char in word]
        if any(mono):
            start, end = mono.index(True), len(mono) - mono[::-1].index(True)
            if all(mono[start:end]):
                words.append(_text(word[start:end]))
    return tuple(words)


def _text(word: Sequence[LTChar]) -> str:
    return "".join(accented_texts(word))


def _text_style(
    chars: list[LTChar], run: Sequence[Item], mixes_code: bool, styles: Counter[StyleKey]
) -> TextStyle:
    """The style of most of the glyphs (`styles`: theirs counted, _style_runs); in prose with code
    inline (`mixes_code`), of most of those outside the code, which may hold more glyphs than the words
    around it (R-intro's 'for example "numeric", "logical", "character" or "list"'): the line is prose,
    and its code words are kept as they are (blocks._inline_code). Code with a word or two in another
    face stays code: a syntax's rule with its placeholders in italics (camlidl's "compare ( fun-name )"),
    an example's "struct s { ... ; ty id ; } becomes"; naacl06's "and “PER+SBJ:hit-OBJ:coast (Katrina hit
    some" is prose."""
    if mixes_code:
        monospaced = _monospaced_fonts(chars)
        if sum(1 for word in _words(run) if _is_prose_word(word, monospaced)) >= MIN_PROSE_WORDS:
            return _dominant_style(_style_runs([char for char in chars if char.fontname not in monospaced]))
    return _dominant_style(styles)


def _is_prose_word(word: Sequence[LTChar], monospaced: frozenset[str]) -> bool:
    """A word of three letters or more outside the code (a placeholder is "s", "ty", "id")."""
    letters = sum(char.get_text().isalpha() for char in word)
    return letters >= MIN_WORD_LETTERS and not any(char.fontname in monospaced for char in word)


def _dominant_style(styles: Counter[StyleKey]) -> TextStyle:
    """The style most glyphs are counted in (_style_runs)."""
    (font, size, color), _ = styles.most_common(1)[0]
    return TextStyle(font=font, size=size, color=color, bold=is_bold(font), italic=is_italic(font))


def _style_runs(chars: list[LTChar]) -> Counter[StyleKey]:
    """The glyphs but dot leaders (all, if there are only leaders) counted by font, size and colour: a
    contents' entry set in a link's colour, its leaders in black, is in the link's colour (texlive-ru's
    purple entries)."""
    counted = [char for char, leader in zip(chars, _in_leaders(chars), strict=True) if not leader]
    return Counter((font_name(char.fontname), round(char.size, 1), _color(char)) for char in counted or chars)


def _in_leaders(chars: Sequence[LTChar]) -> list[bool]:
    """For each glyph, whether it is one of a run of dot leaders (MIN_LEADER of them or more)."""
    flags = [False] * len(chars)
    start = 0
    for index in range(len(chars) + 1):
        if index == len(chars) or chars[index].get_text() not in LEADER_GLYPHS:
            if index - start >= MIN_LEADER:
                flags[start:index] = [True] * (index - start)
            start = index + 1
    return flags


def _color(char: LTChar) -> str:
    color = char.graphicstate.ncolor
    components = color if isinstance(color, tuple) else (color,)
    return color_hex(char.ncs.name, components)


def body_size_of(lines: Sequence[TextLine]) -> float:
    """The size most of the lines' glyphs are set in (0 without lines)."""
    glyphs: Counter[float] = Counter()
    for line in lines:
        glyphs[line.style.size] += line.glyphs
    return glyphs.most_common(1)[0][0] if glyphs else 0.0
