"""Rooms as the blocks' texts need them: what a block does not write in, another may widen into.

free_space gives each block all the room it could grow into, whether its translation needs it or not.
camlidl's centred date "May 1, 2002" had a room reaching down past the heading "1 Overview" on its
left, so the heading could not widen into the line's free end and shrank. Here a page is sized twice
when a block had to shrink: each block set at its full size in its room claims only the part its lines
take (down to its last line; no less than its own box), and the rooms are found again around those
claims (`free_rooms(claims=...)`), where a shrunk block may now widen. A claimed block's setting stays
the one found: its lines take no more than its claim. A claim is as wide as the block's widest line (no
narrower than its own box), on the side it is set from: a bank statement's "Customer Services, PO Box
100" had widened right up to the sender's block set flush right beside it, whose "Código de
compensación 20-45-77" then had no room to widen leftwards into and shrank to half its size.
"""

from collections.abc import Sequence

from docrelay_common.document import BBox, Page, TextBlock
from docrelay_reconstructor.fit import text_height
from docrelay_reconstructor.free_space import free_rooms, sets_centred, sets_flush_right
from docrelay_reconstructor.sizing import (
    PageSizing,
    Setting,
    base_size,
    block_measure,
    first_indent,
    page_sizing,
)
from docrelay_reconstructor.width_twins import NO_TWINS, WidthTwins


def sized_page(
    page: Page, lang: str | None, scan_ink: Sequence[BBox] | None = None, twins: WidthTwins = NO_TWINS
) -> PageSizing:
    """The page's sizing (sizing.page_sizing), in rooms found around what the full-size blocks claim."""
    rooms = free_rooms(page, scan_ink)
    first = page_sizing(page, rooms, lang, twins=twins)
    blocks = {block.id: block for block in page.blocks if block.id in first.settings}
    if all(_full_size(blocks[block_id], chosen) for block_id, chosen in first.settings.items()):
        return first
    claims = {
        block_id: claim
        for block_id, chosen in first.settings.items()
        if (claim := _claim(blocks[block_id], chosen, rooms[block_id])) is not None
    }
    if not claims:
        return first
    around = free_rooms(page, scan_ink, claims)
    known = {
        block_id: chosen
        for block_id, chosen in first.settings.items()
        if block_id in claims or around.get(block_id) == rooms.get(block_id)
    }
    return page_sizing(page, around, lang, known, twins)


def _full_size(block: TextBlock, chosen: Setting) -> bool:
    return chosen.fit.fits and chosen.fit.size >= base_size(block)


def _claim(block: TextBlock, chosen: Setting, room: BBox) -> BBox | None:
    """The part of its room a block set at its full size takes: its room down to its last line. None for
    a block that shrank or overflows (it needs all its room), a table cell (its room is its cell) and a
    block with inline formulas (they may lower its first line)."""
    if not _full_size(block, chosen) or block.cell is not None or block.math:
        return None
    fit = chosen.fit
    bottom = max(block.bbox.bottom, block.bbox.top + text_height(len(fit.lines), fit.size, fit.line_height))
    x0, x1 = _sides(block, chosen, room)
    claim = room.model_copy(update={"x0": x0, "x1": x1, "bottom": min(room.bottom, bottom)})
    return claim if claim != room else None


def _sides(block: TextBlock, chosen: Setting, room: BBox) -> tuple[float, float]:
    """The left and right of what the block's lines take of its room, on the side they are set from
    (about its axis when centred), its own box at least."""
    measure, _ = block_measure(block, chosen.font_choice)
    lines = chosen.fit.lines
    width = (
        max(
            (measure(line) * chosen.fit.size + (first_indent(block) if index == 0 else 0.0))
            for index, line in enumerate(lines)
        )
        if lines
        else 0.0
    )
    if sets_centred(block):
        axis = (room.x0 + room.x1) / 2
        x0, x1 = axis - width / 2, axis + width / 2
    elif sets_flush_right(block):
        x0, x1 = room.x1 - width, room.x1
    else:
        x0, x1 = room.x0, room.x0 + width
    return max(room.x0, min(x0, block.bbox.x0)), min(room.x1, max(x1, block.bbox.x1))
