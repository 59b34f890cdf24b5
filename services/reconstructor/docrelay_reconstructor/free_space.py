"""The room each block of a page may grow into when its translation is longer: pure geometry.

A room is the block's box grown down (more lines) and, for left-aligned text alone on its lines, right
(longer lines); centred text grows to both sides alike, text set from the right leftwards. Turned and
vertical text keep their box, and so does a box that already overlaps another, and a block that shows
the PDF's own text (kept as data, or translated as itself: a page number in the corner must not claim
the space a heading below it needs; such a block drawn anew all the same, in another face, keeps to
its box).
A room never reaches another block's box or an image, nor out of the page's text area, nor across a
rule the box does not already reach over (`Page.rules`: a form's box, a line to write on, an
underline), and no two rooms overlap, so translated blocks cannot collide:
- downward, a block keeps to its own width: two rooms can only meet if one block lies below the other,
  and the upper room stops above the lower block;
- rightward, a block widens into a strip that stops a gutter short of the next block's downward room on
  its right (two lines of it: a column's paragraph keeps the gutter to the next column, a running
  header widens towards its page number), and two such strips cannot meet: the block further right
  stops the other's strip. So the last block of a row widens too (a paragraph after its run-in
  heading); a block of one line whose downward room has another block's in its strip widens in a
  strip as high as its line instead;
- a centred block widens by as much on each side, last, into strips that meet no room as it stands;
  a block set from the right widens leftwards so, its text still ending where it ended.
A table cell's room is its cell (cell_room), and nothing else grows into a table or under a form field;
the last column of a table without rules may run on to the right of it, into what no room takes.
Tables the extractor did not see have no cells: a block sharing its lines with others (a table row, or
columns) stops at the next block below any of them, not at the bottom of an empty cell under it.

A scanned page's scan is an image under all its text: as an obstacle it would keep every block in its
box. Told what else the scan shows (`scan_ink`: the boxes of its ink outside the blocks, scan_ink.py),
the scan gives way to that ink, and blocks grow into the paper around them.
"""

import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence

from docrelay_common.document import BBox, Page, TextBlock
from docrelay_reconstructor.cell_rooms import cell_room, set_from_the_right
from docrelay_reconstructor.sizing import is_changed

# Space kept between a grown block and what it grows towards, in lines of the block: it must still read
# as a block of its own.
CLEARANCE = 0.5
# Space kept between a block widened to the right and the room of a block further right, in clearances
# (two lines): a running header widens towards its page number, a column's paragraph keeps the gutter
# to the next column (naacl06's 14 points at 10-point type).
GUTTER_CLEARANCES = 4.0
# Space kept between a grown block and a rule it grows towards (points).
RULE_CLEARANCE = 1.0
# Boxes sharing less than this (points) in one direction only touch: the extracted boxes are rounded.
TOUCH = 0.5
# Boxes are looked up by horizontal bands of the page this high (points), not among all boxes of the page.
_BAND_HEIGHT = 20.0


def free_rooms(
    page: Page, scan_ink: Sequence[BBox] | None = None, claims: Mapping[str, BBox] | None = None
) -> dict[str, BBox]:
    """Each block's room, by block id; a block with no free space around it gets its own box.

    Blocks sharing an id get none: which room is whose could not be told. With `scan_ink`, the images
    lying under all the page's text (backdrops) are not obstacles, and those ink boxes are. `claims`
    are rooms blocks hold already, by id, each within the room this would give it (room_claims: the
    part of its room a block's text takes): a claim is that block's room, and the others widen
    around it, not around all the room it could have had.
    """
    claims = claims or {}
    pictures = [image.bbox for image in page.images]
    if scan_ink is not None:
        pictures = [*(box for box in pictures if not is_backdrop(box, page)), *scan_ink]
    area = text_area(page, pictures)
    boxes = [block.bbox for block in page.blocks]
    images = [
        *pictures,
        *(table.bbox for table in page.tables),
        *(field.bbox for field in page.form_fields),
    ]
    # Blocks first: an index below len(boxes) is a block's.
    obstacles = _Bands([*boxes, *images], area)
    # Rules stop a room's growth, but a box they cross (an underline, a table's grid) still grows.
    rules = _Bands([_thickened(rule) for rule in page.rules], area)
    mates = [_row_mates(index, len(boxes), obstacles) for index in range(len(boxes))]
    grows = [
        _upright(block) and block.cell is None and is_changed(block) and not _crowded(index, obstacles)
        for index, block in enumerate(page.blocks)
    ]
    below = [
        claims.get(block.id) or _room_below(index, mates[index], obstacles, rules, area, _clearance(block))
        if grows[index]
        else block.bbox
        for index, block in enumerate(page.blocks)
    ]
    widens = [grows[index] and block.id not in claims for index, block in enumerate(page.blocks)]
    rivals = _Bands([*below, *images], area)
    # Where the page's paragraphs start, left to right: a paragraph widens up to the next column's.
    columns = sorted(block.bbox.x0 for block in page.blocks if block.line_count >= 2 and block.cell is None)
    placed = [
        _widened(
            index,
            below[index],
            rivals,
            rules,
            _up_to_next_column(block, columns, area),
            _clearance(block),
            _one_line(block),
        )
        if widens[index] and _sets_from_the_left(block)
        else below[index]
        for index, block in enumerate(page.blocks)
    ]
    # Centred blocks and blocks set from the right widen last, each against every room as it stands
    # (theirs as they are widened): to both sides alike, or leftwards.
    neighbours = _Bands([*placed, *images], area)
    for index, block in enumerate(page.blocks):
        if widens[index] and (sets_centred(block) or sets_flush_right(block)):
            both = sets_centred(block)
            placed[index] = _widened_sideways(index, neighbours, rules, area, _clearance(block), both)
    ruled = {table.id for table in page.tables if table.ruled}
    for index, block in enumerate(page.blocks):
        if block.cell is not None:
            placed[index] = cell_room(block, block.cell.table in ruled)
    _widen_last_columns(page, placed, images, rules, area)
    rooms = {block.id: placed[index] for index, block in enumerate(page.blocks)}
    shared = {block_id for block_id, count in Counter(block.id for block in page.blocks).items() if count > 1}
    return {block_id: room for block_id, room in rooms.items() if block_id not in shared}


def is_backdrop(image: BBox, page: Page) -> bool:
    """Whether the image lies under every block of the page (a scan under its text layer)."""
    return bool(page.blocks) and all(
        image.x0 - TOUCH <= block.bbox.x0
        and image.top - TOUCH <= block.bbox.top
        and block.bbox.x1 <= image.x1 + TOUCH
        and block.bbox.bottom <= image.bottom + TOUCH
        for block in page.blocks
    )


def text_area(page: Page, pictures: Sequence[BBox] | None = None) -> BBox:
    """The box around the blocks and `pictures` (default: the page's images), within the page: its
    margins stay empty. The right margin is no wider than the left: on a page of a few short blocks
    the widest one would make the area's edge its own (the LibreOffice form's title, set at 76% of its
    28 points with half the page free on its right). Nor is the bottom margin taller than the top: the
    last line of a page that ends high (an invoice's "Sort code: 20-45-77" beside "Account: 43917266")
    had no room to wrap into and shrank to half its size."""
    if pictures is None:
        pictures = [image.bbox for image in page.images]
    boxes = [*(block.bbox for block in page.blocks), *pictures]
    if not boxes:
        return BBox(x0=0, top=0, x1=page.width, bottom=page.height)
    left = max(0.0, min(box.x0 for box in boxes))
    # The text's own left margin: an image or a scan's shadow at the paper's edge is no margin.
    text_left = min((block.bbox.x0 for block in page.blocks), default=page.width / 2)
    top = max(0.0, min(box.top for box in boxes))
    return BBox(
        x0=left,
        top=top,
        x1=min(page.width, max(page.width - max(0.0, text_left), *(box.x1 for box in boxes))),
        bottom=min(page.height, max(page.height - top, *(box.bottom for box in boxes))),
    )


class _Bands:
    """Boxes by the horizontal bands of the text area they reach into (out-of-area parts: the edge band)."""

    def __init__(self, boxes: Sequence[BBox], area: BBox) -> None:
        self.boxes = list(boxes)
        self._first, self._last = math.floor(area.top / _BAND_HEIGHT), math.floor(area.bottom / _BAND_HEIGHT)
        self._members: defaultdict[int, list[int]] = defaultdict(list)
        for index, box in enumerate(boxes):
            for band in self._bands(box.top, box.bottom):
                self._members[band].append(index)

    def widen(self, index: int, box: BBox) -> None:
        """Put `box` for the box at `index`, which it widens: the same height, so in the same bands."""
        assert (box.top, box.bottom) == (self.boxes[index].top, self.boxes[index].bottom)
        self.boxes[index] = box

    def across(self, top: float, bottom: float) -> set[int]:
        """The boxes that may reach between top and bottom."""
        return {index for band in self._bands(top, bottom) for index in self._members.get(band, [])}

    def downward(self, top: float) -> Iterator[tuple[float, list[int]]]:
        """From top down, each band's top and its boxes: a box comes first in the band holding its top."""
        for band in self._bands(top, math.inf):
            yield band * _BAND_HEIGHT, self._members.get(band, [])

    def _bands(self, top: float, bottom: float) -> range:
        first = min(max(math.floor(top / _BAND_HEIGHT), self._first), self._last)
        last = self._last if bottom == math.inf else math.floor(bottom / _BAND_HEIGHT)
        return range(first, max(min(last, self._last), self._first) + 1)


def _room_below(
    index: int, mates: Sequence[int], obstacles: _Bands, rules: _Bands, area: BBox, clearance: float
) -> BBox:
    box = obstacles.boxes[index]
    bottom = _lowest_bottom(index, box.x0, box.x1, obstacles, area, clearance)
    # Only rules under the block itself: those under its row mates are theirs (a form field's box
    # beside a label), where the next block below any of them is the row's end.
    bottom = _above_rules(box, rules, bottom, clearance)
    if mates:
        row = [box, *(obstacles.boxes[mate] for mate in mates)]
        left, right = min(part.x0 for part in row), max(part.x1 for part in row)
        bottom = min(bottom, _lowest_bottom(index, left, right, obstacles, area, clearance))
    return box.model_copy(update={"bottom": bottom})


def _lowest_bottom(
    index: int, left: float, right: float, obstacles: _Bands, area: BBox, clearance: float
) -> float:
    """How far down the box may reach over [left, right], short of what lies below it there."""
    box = obstacles.boxes[index]
    bottom = area.bottom
    for band_top, members in obstacles.downward(box.top):
        if band_top >= bottom + clearance:
            break  # what starts further down cannot stop the box any sooner
        for other in _others(index, members, obstacles):
            if other.top >= box.bottom - TOUCH and not _apart(left, right, other.x0, other.x1):
                bottom = min(bottom, other.top - clearance)
    return max(box.bottom, bottom)


def _thickened(rule: BBox) -> BBox:
    """The rule grown by TOUCH all round: as drawn, a flat box would only ever touch what it crosses."""
    return BBox(x0=rule.x0 - TOUCH, top=rule.top - TOUCH, x1=rule.x1 + TOUCH, bottom=rule.bottom + TOUCH)


def _above_rules(box: BBox, rules: _Bands, bottom: float, clearance: float) -> float:
    """`bottom`, or higher: short of the first rule below the box, but for the underline of some of its
    words (a rule across, within `clearance` under it and narrower than it: set below the glyphs' boxes).
    A rule as wide as the block (a heading's underline) stops it."""
    for rule in rules.across(box.bottom, bottom):
        other = rules.boxes[rule]
        if other.top < box.bottom - TOUCH or _apart(box.x0, box.x1, other.x0, other.x1):
            continue
        underline = (
            other.height <= 2 * TOUCH
            and other.top - box.bottom <= clearance
            and other.x0 >= box.x0 - 2 * TOUCH
            and other.x1 <= box.x1 + 2 * TOUCH
            and other.width - 2 * TOUCH < box.width - clearance
        )
        if not underline:
            bottom = min(bottom, other.top - RULE_CLEARANCE)
    return max(box.bottom, bottom)


def _widened(
    index: int, room: BBox, rivals: _Bands, rules: _Bands, area: BBox, clearance: float, line: BBox | None
) -> BBox:
    """The room stretched towards the text area's right edge, up to the first rule it meets there (a
    box's side, a line to write on) and a gutter short of the first room it meets (_stretched).

    The strip is as high as the room: the lines of a list, a line's leading apart, may each run on to
    the right beside the longer lines above and below them. Where another room stands in that strip,
    a block of one `line` (its box) widens in a strip as high as that line, and no longer grows down: a
    heading over a table kept its width and wrapped ("3.1 tipos de / Base"), the table's cells in its
    room's lower part; a line that stays one line keeps its source's shape. It gives its room down up
    only for a gutter's worth of width more than the room could widen by. A rule beside the line or
    just under it stops both (a label beside its line to write on keeps its width).
    """
    widened = _stretched(index, room, _right_of_rules(room, rules, area), rivals, clearance) or room
    if line is not None and line.bottom < room.bottom:
        # Rules just under the line count: a line to write on drawn along a label's foot.
        under = line.model_copy(update={"bottom": line.bottom + clearance})
        beside = _stretched(index, line, _right_of_rules(under, rules, area), rivals, clearance)
        # Its room down is given up only for a real gain in width: a gutter's worth more at least.
        if beside is not None and beside.x1 - widened.x1 >= GUTTER_CLEARANCES * clearance:
            return beside
    return widened


def _up_to_next_column(block: TextBlock, columns: Sequence[float], area: BBox) -> BBox:
    """The text area a block widens in: for a paragraph (two lines or more), up to a gutter short of the
    next column, the nearest paragraph standing wholly right of it anywhere on the page (`columns`: the
    left edges of the page's paragraphs, sorted). A paper's last page, its right column ending high, had
    a paragraph of its left column widen across the gutter into the empty foot of the right one, as if
    the page were one column."""
    next_column = bisect_left(columns, block.bbox.x1 + TOUCH)
    if block.line_count < 2 or next_column == len(columns):
        return area
    edge = columns[next_column] - GUTTER_CLEARANCES * _clearance(block)
    return area.model_copy(update={"x1": max(block.bbox.x1, min(area.x1, edge))})


def _right_of_rules(room: BBox, rules: _Bands, area: BBox) -> float:
    """How far right the room may reach: the text area's edge, or short of the first rule beside it."""
    right = area.x1
    for rule in rules.across(room.top, room.bottom):
        other = rules.boxes[rule]
        if other.x1 > room.x1 + TOUCH and not _apart(room.top, room.bottom, other.top, other.bottom):
            right = min(right, other.x0 - RULE_CLEARANCE)
    return right


def _stretched(index: int, room: BBox, right: float, rivals: _Bands, clearance: float) -> BBox | None:
    """The room stretched right up to `right` and a gutter short of the rooms right of it; None if
    another room stands in the strip from its start, or there is nothing to gain."""
    gutter = GUTTER_CLEARANCES * clearance
    for rival in _others(index, rivals.across(room.top, room.bottom), rivals):
        if _apart(room.top, room.bottom, rival.top, rival.bottom) or rival.x1 <= room.x1 + TOUCH:
            continue  # above, below or left of the strip
        if rival.x0 >= right:
            continue  # beyond the rule that ends the strip already
        if rival.x0 < room.x1 - TOUCH:
            return None  # in the strip's way from its start
        right = min(right, rival.x0 - gutter)
    return room.model_copy(update={"x1": right}) if right > room.x1 + TOUCH else None


def _widened_sideways(
    index: int, neighbours: _Bands, rules: _Bands, area: BBox, clearance: float, both: bool = True
) -> BBox:
    """A centred block's room stretched by as much on each side as the free space beside it allows, so
    that its text stays centred where it was (a column's title in its box, "(g) GAIN" as "(g) BENEFICIO");
    not `both`, a block set from the right stretched leftwards only, so that its text still ends where
    it ended (a letter's sender, "12 Harbour Road" as "12 Carretera de Puerto").

    The strips it gains meet no other room, whatever way that grew: `neighbours` holds every room as
    it stands, this one's widened in place for those that follow.
    """
    room = neighbours.boxes[index]
    left, right = room.x0 - area.x0, area.x1 - room.x1
    beside = [
        *(
            (other, clearance)
            for other in _others(index, neighbours.across(room.top, room.bottom), neighbours)
        ),
        *((rules.boxes[rule], RULE_CLEARANCE) for rule in rules.across(room.top, room.bottom)),
    ]
    for other, gap in beside:
        if _apart(room.top, room.bottom, other.top, other.bottom):
            continue
        if other.x0 >= room.x1 - TOUCH:
            right = min(right, other.x0 - room.x1 - gap)
        elif other.x1 <= room.x0 + TOUCH:
            left = min(left, room.x0 - other.x1 - gap)
        else:
            return room  # it overlaps another, or a rule crosses it
    reach = max(0.0, min(left, right) if both else left)
    # (Kept in the area against rounding: reach may be what lies between it and the area's edge.)
    edges = {
        "x0": min(room.x0, max(area.x0, room.x0 - reach)),
        "x1": max(room.x1, min(area.x1, room.x1 + reach)) if both else room.x1,
    }
    widened = room.model_copy(update=edges)
    neighbours.widen(index, widened)
    return widened


def _widen_last_columns(
    page: Page, rooms: list[BBox], images: Sequence[BBox], rules: _Bands, area: BBox
) -> None:
    """Let the translated cells of a table's last column, set from the left in a table drawn without a
    single rule, run on to the right of the table, a gutter short of what lies there (`rooms`, by block,
    widened in place; `images` are the images, tables and form fields). Nothing draws that column's right
    edge: a timesheet's "site visit" as "visita de sitio" in a Notes column as wide as its longest note
    had shrunk to two thirds of its size, and with it every cell of its column. A table with rules (a
    grid, a frame round it, rules over and under it or under its head, stripes) keeps within them: text
    past their ends would read as out of the table. The cell's own table ends where the cell does, so
    only what lies beyond stops it."""
    tables = {table.id: table for table in page.tables if _drawn_bare(table.bbox, rules)}
    around: _Bands | None = None
    for index, block in enumerate(page.blocks):
        cell = block.cell
        table = tables.get(cell.table) if cell is not None else None
        if cell is None or table is None or cell.column + cell.column_span < table.columns:
            continue  # not in a bare table's last column
        if not (is_changed(block) and _upright(block) and _sets_from_the_left(block)):
            continue
        # Every room as it stands: cells widen in rows of their own, so none meets another's widening.
        around = around or _Bands([*rooms, *images], area)
        # From the cell's side (its room keeps a padding short of it): the table ends there.
        room = rooms[index].model_copy(update={"x1": max(rooms[index].x1, cell.bbox.x1)})
        right = _right_of_rules(room, rules, area)
        rooms[index] = _stretched(index, room, right, around, _clearance(block)) or rooms[index]


def _drawn_bare(table: BBox, rules: _Bands) -> bool:
    """Whether no rule is drawn in the table's box or around it, within a rule's clearance."""
    top, bottom = table.top - RULE_CLEARANCE, table.bottom + RULE_CLEARANCE
    left, right = table.x0 - RULE_CLEARANCE, table.x1 + RULE_CLEARANCE
    for index in rules.across(top, bottom):
        rule = rules.boxes[index]
        if not _apart(left, right, rule.x0, rule.x1) and not _apart(top, bottom, rule.top, rule.bottom):
            return False
    return True


def _row_mates(index: int, block_count: int, obstacles: _Bands) -> list[int]:
    """The blocks beside this one: they share some of its lines."""
    box = obstacles.boxes[index]
    return [
        other
        for other in obstacles.across(box.top, box.bottom)
        if other < block_count and other != index and _beside(box, obstacles.boxes[other])
    ]


def _beside(box: BBox, other: BBox) -> bool:
    return _apart(box.x0, box.x1, other.x0, other.x1) and not _apart(
        box.top, box.bottom, other.top, other.bottom
    )


def _others(index: int, members: Iterable[int], bands: _Bands) -> Iterator[BBox]:
    return (bands.boxes[member] for member in members if member != index)


def _crowded(index: int, obstacles: _Bands) -> bool:
    """Whether the box already overlaps another box or an image, if only by a rounding error.

    Its text would then collide with that neighbour as soon as it filled its own box, as growing lets it.
    """
    box = obstacles.boxes[index]
    return any(
        min(box.x1, other.x1) > max(box.x0, other.x0)
        and min(box.bottom, other.bottom) > max(box.top, other.top)
        for other in _others(index, obstacles.across(box.top, box.bottom), obstacles)
    )


def _upright(block: TextBlock) -> bool:
    # The lines of turned text and of vertical columns do not run across the box: they keep their box.
    return block.rotation == 0 and not block.vertical


def sets_centred(block: TextBlock) -> bool:
    """Centred text is set on its box's axis, and grows to both sides; right-to-left text is set from
    the right edge whatever the source did."""
    return block.align == "center" and not set_from_the_right(block)


def _sets_from_the_left(block: TextBlock) -> bool:
    return block.align == "left" and not set_from_the_right(block)


def sets_flush_right(block: TextBlock) -> bool:
    """Text flush right in the source (right-to-left text is set from the right whatever its source
    alignment, and keeps its box)."""
    return block.align == "right" and not set_from_the_right(block)


def _one_line(block: TextBlock) -> BBox | None:
    """The box of a block of one line, which may widen instead of growing down (_widened)."""
    return block.bbox if block.line_count == 1 else None


def _clearance(block: TextBlock) -> float:
    return CLEARANCE * block.bbox.height / max(1, block.line_count)


def _apart(start: float, end: float, other_start: float, other_end: float) -> bool:
    """Whether two spans share no more than TOUCH."""
    return min(end, other_end) - max(start, other_start) <= TOUCH
