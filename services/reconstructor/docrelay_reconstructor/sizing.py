"""The size each block's text is set at: what fits its room, the same for blocks of one style on a page.

Table cells and a form's labels (one-line blocks beside a form field) that had the same font, size and
style in the source get the same size in the output: a style shrinks on its page by the factor the most
crowded of them needs, so that they look alike. A table's cells do so column by column: the eye reads a
column down, and one narrow column whose words grew ("Field services" as "Servicios de campo") would
otherwise shrink every cell of the page, the wide columns' too, to the size it needs. A style found in
one row of a table only (its heads, in bold) shrinks alike across that row: heads of five sizes side by
side look broken. A block that needs far more than most of its style on the page (a two-letter header
spelled out in a narrow column) would make its whole group hard to read: it shrinks further on its own.
Paragraphs and other lines (headings, list items, code) wrap into the room around them and keep their
own size: shrinking every one of them to the size the most crowded one needs would leave most of them
smaller than they need be.
"""

import math
import statistics
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from docrelay_common.document import BBox, Page, TextBlock, without_formula_tokens
from docrelay_common.emphasis import marked
from docrelay_reconstructor.cell_rooms import cell_room
from docrelay_reconstructor.code_spans import code_measure
from docrelay_reconstructor.emphasis_spans import emphasis_measure
from docrelay_reconstructor.families import FontChoice, choose_font
from docrelay_reconstructor.fit import MIN_SIZE, Fit, FixedWidth, Measure, fit_text, line_ratio
from docrelay_reconstructor.fonts import FontMetrics, metrics
from docrelay_reconstructor.formula_html import formula_measure
from docrelay_reconstructor.scripts import is_rtl
from docrelay_reconstructor.turned import is_turned
from docrelay_reconstructor.width_twins import NO_TWINS, WidthTwins

# Font, size, bold, italic.
StyleKey = tuple[str, float, bool, bool]
# A style, and for a table cell its table, column and column span: the blocks that shrink alike.
SizeGroup = tuple[StyleKey, str | None, int, int]
# The column of a group across its table's row (a style found in one row only: the heads).
ACROSS = -1
# A block needing less than this share of its style's median factor (a third smaller) shrinks alone.
OUTLIER_SHARE = 0.65
# A formula's baseline this many of its block's font sizes below the block's top is on its first line;
# the second line's is at least a line pitch and an ascent down.
FIRST_LINE_BASELINE = 1.5


@dataclass(frozen=True)
class Setting:
    font_choice: FontChoice
    font: FontMetrics
    fit: Fit


def display_text(block: TextBlock) -> str:
    """What the block shows: its translation, or what the PDF said if it was not to be translated."""
    return block.text if block.translatable else block.source_text


def is_changed(block: TextBlock) -> bool:
    """Does the block show other text than the PDF drew (a translation that is not the source again)?"""
    return block.translatable and block.text != block.source_text


def first_indent(block: TextBlock) -> float:
    """Points the block's first line is set in from its box's left edge: its source's indent (set for
    lines set from the left), for upright text that is not right-to-left."""
    return block.indent if not is_turned(block) and not is_rtl(display_text(block)) else 0.0


def style_key(block: TextBlock) -> StyleKey:
    style = block.style
    return style.font, round(style.size, 1), style.bold, style.italic


def size_groups(page: Page) -> dict[str, SizeGroup]:
    """The group each block of the page shrinks alike with, by id: the blocks of its style, in a table
    those of its column too, unless its style is found in one row of the table only (across that row)."""
    rows: defaultdict[tuple[StyleKey, str], set[int]] = defaultdict(set)
    for block in page.blocks:
        if block.cell is not None:
            rows[style_key(block), block.cell.table].add(block.cell.row)
    groups: dict[str, SizeGroup] = {}
    for block in page.blocks:
        key, cell = style_key(block), block.cell
        if cell is None:
            groups[block.id] = key, None, 0, 0
        elif len(rows[key, cell.table]) == 1:
            groups[block.id] = key, cell.table, ACROSS, 0
        else:
            groups[block.id] = key, cell.table, cell.column, cell.column_span
    return groups


@dataclass(frozen=True)
class PageSizing:
    """Each size group's factor on a page, and the settings that found them (each block at its own size)."""

    scales: Mapping[SizeGroup, float]
    # Each block's group, by id.
    groups: Mapping[str, SizeGroup]
    settings: Mapping[str, Setting]
    # The blocks sized alike by group: cells, and one-line blocks sharing their row (a form's labels).
    alike: frozenset[str]
    # The rooms the settings were found in (free_space), by block id: the text is laid out in them.
    rooms: Mapping[str, BBox]
    # The families of the document's fonts without metric twins (width_twins).
    twins: WidthTwins

    def scale(self, block: TextBlock) -> float:
        """The block's group's factor, if it is sized alike; text kept as data keeps its size."""
        alike = block.id in self.alike and block.translatable
        return self.scales.get(self.groups[block.id], 1.0) if alike else 1.0

    def setting(self, block: TextBlock, room: BBox, lang: str | None) -> Setting:
        """The block's setting at its group's factor (already found when that is 1)."""
        scale = self.scale(block)
        # A block kept in its source's text (for its formulas) is not the one whose setting was found.
        found = self.settings.get(block.id) if is_changed(block) else None
        return found if found is not None and scale == 1.0 else setting(block, room, lang, scale, self.twins)


def page_sizing(
    page: Page,
    rooms: Mapping[str, BBox],
    lang: str | None,
    known: Mapping[str, Setting] | None = None,
    twins: WidthTwins = NO_TWINS,
) -> PageSizing:
    """Each size group's factor on the page: the smallest its changed upright blocks need, outliers aside.

    `rooms` are the blocks' rooms by id (free_space); blocks sharing an id have none and are left out.
    `known` settings, by id, are those blocks' in their rooms already; `twins` are the families of the
    document's fonts without metric twins (width_twins).
    """
    known = known or {}
    settings = {
        block.id: known.get(block.id) or setting(block, rooms[block.id], lang, twins=twins)
        for block in page.blocks
        if is_changed(block) and not is_turned(block) and block.id in rooms
    }
    alike = _sized_alike(page)
    groups = size_groups(page)
    needs: defaultdict[SizeGroup, list[float]] = defaultdict(list)
    for block in page.blocks:
        if block.id in settings and block.id in alike:
            needs[groups[block.id]].append(settings[block.id].fit.size / base_size(block))
    styles: defaultdict[StyleKey, list[float]] = defaultdict(list)
    for group, factors in needs.items():
        styles[group[0]].extend(factors)
    scales = {group: group_scale(factors, styles[group[0]]) for group, factors in needs.items()}
    return PageSizing(scales, groups, settings, alike, rooms, twins)


def group_scale(scales: list[float], style: list[float] | None = None) -> float:
    """One factor for a size group: the smallest its blocks need, but for those needing far more than
    most of their `style` on the page (default: than most of the group). A column of long notes must
    not make its one far longer note the measure of all; a group whose every block needs far more than
    its style's others is measured against itself."""
    floor = OUTLIER_SHARE * statistics.median(style or scales)
    usual = [scale for scale in scales if scale >= floor]
    return min(usual) if usual else group_scale(scales)


def setting(
    block: TextBlock, room: BBox, lang: str | None, scale: float = 1.0, twins: WidthTwins = NO_TWINS
) -> Setting:
    """The block's font and the fit of its text in its box or room, from `scale` times its size down. The
    fit's lines hold the block's emphasised words marked (emphasis_spans).

    A cell whose room reaches past its cell (a table's last column, free_space) runs on there only when
    its text would not keep that size wrapped in its cell: a cell two lines tall keeps the table's shape.
    """
    text = display_text(block)
    font_choice = choose_font(block.style, without_formula_tokens(text), lang, twins.get(block.style.font))
    font = metrics(font_choice.faces)
    box, size = block.bbox, base_size(block)
    ratio = line_ratio(box.height, size, block.line_count)
    measure, fixed = block_measure(block, font_choice)
    drop = (lambda at: formula_drop(block, at, font)) if block.math else None

    def fitted(room: BBox) -> Fit:
        grown = (room.width, room.height)
        return fit_text(
            marked(text, block.emphasis),
            box.width,
            box.height,
            size * scale,
            ratio,
            measure,
            grown,
            fixed,
            drop,
            first_indent(block),
        )

    fit = fitted(room)
    # Only a table without rules lets its last column's room widen past its cells (free_space).
    if block.cell is not None and room.x1 > (cell := cell_room(block, ruled=False)).x1:
        in_cell = fitted(cell)
        fit = in_cell if in_cell.fits and in_cell.size >= fit.size else fit
    return Setting(font_choice, font, fit)


def block_measure(block: TextBlock, font_choice: FontChoice) -> tuple[Measure, FixedWidth | None]:
    """How wide a line of the block's text is in its font (ems), and its formulas (points: they keep
    their width whatever size the text shrinks to). Code is measured in its own face, emphasised words in
    theirs, formula tokens aside."""
    text_only, formulas = formula_measure(block, metrics(font_choice.faces).width)
    return emphasis_measure(block, font_choice, code_measure(block, text_only)), formulas


def formula_drop(block: TextBlock, size: float, font: FontMetrics) -> float:
    """How far down a block with inline formulas starts when set at `size`: its first line stays on the
    source's baseline. Its formulas keep their size, and on a line set higher they would rise into the
    line above. The baseline is that of a formula on the first line, when there is one; else where a
    line of the source's size has it."""
    baselines = [formula.baseline for formula in block.math]
    first = min(baselines, default=math.inf)
    if first - block.bbox.top > FIRST_LINE_BASELINE * block.style.size:
        first = block.bbox.top + (1 - font.descent) * block.style.size
    return max(0.0, first - block.bbox.top - (1 - font.descent) * size)


def _sized_alike(page: Page) -> frozenset[str]:
    """Ids of the table cells and of the one-line blocks labelling a form field (beside it, no other text
    between them: a form's labels).

    One-line blocks beside other text are not enough: justified lines set with wide gaps come as
    fragments side by side, and must not shrink as their most crowded neighbour does.
    """
    alike = {block.id for block in page.blocks if block.cell is not None}
    labels = [block for block in page.blocks if block.line_count == 1 and not is_turned(block)]
    texts = [block.bbox for block in page.blocks if any(char.isalpha() for char in block.source_text)]
    for field in page.form_fields:
        alike |= {label.id for label in labels if label.bbox.labels(field.bbox, texts)}
    return frozenset(alike)


def base_size(block: TextBlock) -> float:
    # An extractor that could not tell the size leaves 0: the box's height per line is the best guess.
    if block.style.size > 0:
        return block.style.size
    return max(block.bbox.height / max(1, block.line_count), MIN_SIZE)
