"""The free space a block's translation may grow into: pure geometry on hand-made pages (points, top-left)."""

import random
from collections.abc import Sequence
from itertools import combinations
from typing import Literal

import pytest

from docrelay_common.document import BBox, FormField, ImageRef, Page, Table, TableCell, TextBlock
from docrelay_reconstructor.free_space import (
    CLEARANCE,
    GUTTER_CLEARANCES,
    RULE_CLEARANCE,
    TOUCH,
    free_rooms,
    text_area,
)

Align = Literal["left", "center", "right", "justify"]


def box(x0: float, top: float, x1: float, bottom: float) -> BBox:
    return BBox(x0=x0, top=top, x1=x1, bottom=bottom)


def block(
    block_id: str, bbox: BBox, align: Align = "left", text: str = "Some text", lines: int = 1
) -> TextBlock:
    """A translated block: its text is not the source's."""
    source = f"Source of {text}"
    return TextBlock(id=block_id, bbox=bbox, text=text, source_text=source, align=align, line_count=lines)


def page(
    *blocks: TextBlock,
    images: Sequence[BBox] = (),
    rules: Sequence[BBox] = (),
    width: float = 550,
    height: float = 800,
) -> Page:
    return Page(
        number=1,
        width=width,
        height=height,
        blocks=list(blocks),
        images=[ImageRef(bbox=image) for image in images],
        rules=list(rules),
    )


def clearance(bbox: BBox, lines: int = 1) -> float:
    return CLEARANCE * bbox.height / lines


def crosses(rule: BBox, area: BBox) -> bool:
    """Does the flat rule pass through the area, beyond touching its edges?"""
    if rule.height == 0:  # across the page
        along = min(rule.x1, area.x1) - max(rule.x0, area.x0)
        return along > TOUCH and area.top + TOUCH < rule.top < area.bottom - TOUCH
    along = min(rule.bottom, area.bottom) - max(rule.top, area.top)
    return along > TOUCH and area.x0 + TOUCH < rule.x0 < area.x1 - TOUCH


def overlap(a: BBox, b: BBox) -> bool:
    """More than touching, as free_space counts it."""
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    return width > TOUCH and height > TOUCH


def contains(outer: BBox, inner: BBox) -> bool:
    return (
        outer.x0 <= inner.x0
        and outer.top <= inner.top
        and inner.x1 <= outer.x1
        and inner.bottom <= outer.bottom
    )


TITLE = box(100, 100, 300, 120)
PARAGRAPH = box(50, 200, 500, 300)


def test_a_centred_title_grows_down_to_the_paragraph_below_and_alike_to_both_sides() -> None:
    rooms = free_rooms(page(block("title", TITLE, "center"), block("body", PARAGRAPH, lines=5)))

    # As far to each side as the text area allows on its nearer one (50 points left, 200 right): it
    # stays centred where it was.
    assert rooms["title"] == box(50, 100, 350, PARAGRAPH.top - clearance(TITLE))
    # Nothing lies below the paragraph: it grows down to the bottom margin, as tall as the top one.
    assert rooms["body"] == PARAGRAPH.model_copy(update={"bottom": 800 - TITLE.top})


def test_centred_titles_side_by_side_share_the_space_between_them_each_staying_centred() -> None:
    # A form's header row: "(f) LOSS" and "(g) GAIN" centred over their columns' explanations.
    loss, gain = box(220, 100, 260, 110), box(320, 100, 360, 110)
    below = [box(200, 112, 280, 140), box(300, 112, 380, 140)]
    rooms = free_rooms(
        page(
            block("loss", loss, "center"),
            block("gain", gain, "center"),
            *(block(f"note{index}", note, "center", lines=3) for index, note in enumerate(below)),
        )
    )

    wide_loss, wide_gain = rooms["loss"], rooms["gain"]
    assert not overlap(wide_loss, wide_gain)
    for room, title in ((wide_loss, loss), (wide_gain, gain)):
        assert room.width > title.width + 30
        assert (room.x0 + room.x1) / 2 == pytest.approx((title.x0 + title.x1) / 2)
        assert (room.top, room.bottom) == (title.top, title.bottom)


def test_a_left_aligned_title_alone_on_its_lines_also_widens_to_the_text_area() -> None:
    rooms = free_rooms(page(block("title", TITLE), block("body", PARAGRAPH, lines=5)))

    assert rooms["title"] == box(100, 100, PARAGRAPH.x1, PARAGRAPH.top - clearance(TITLE))


def test_the_last_block_of_a_row_widens_and_one_with_a_block_right_of_it_does_not() -> None:
    # camlidl's run-in heading and its paragraph's one line: "Identifiers." | "Identifiers have the same
    # syntax as in C.", which had kept its source's width and shrunk to 72% once translated.
    heading, line = box(72, 580, 131, 591), box(142, 580, 336, 591)
    rooms = free_rooms(
        page(
            block("heading", heading),
            block("line", line),
            block("body", PARAGRAPH.model_copy(update={"top": 620, "bottom": 700}), lines=5),
        )
    )

    assert rooms["line"].x1 == PARAGRAPH.x1 and rooms["line"].x0 == line.x0
    assert (rooms["heading"].x0, rooms["heading"].x1) == (heading.x0, heading.x1)


@pytest.mark.parametrize("kept", ["untranslatable", "translated as itself"])
def test_a_block_showing_the_pdfs_own_text_keeps_its_box_and_claims_no_room(kept: str) -> None:
    # R-intro's page numbers in the top right corner grew down past its chapters' headings, which then
    # could not widen and shrank ("5.1 Arrays" as "5.1 Variedades": 14.3 points to 10.3).
    corner = box(500, 40, 520, 52)
    number = TextBlock(
        id="number", bbox=corner, text="20", source_text="20", translatable=kept != "untranslatable"
    )
    heading = box(100, 100, 200, 115)
    rooms = free_rooms(page(number, block("heading", heading), block("body", PARAGRAPH, lines=5)))

    assert rooms["number"] == corner
    # It widens to the text area's right edge, the corner's.
    assert rooms["heading"].x1 == corner.x1


def test_a_block_set_flush_right_widens_leftwards_its_right_edge_kept() -> None:
    # A letter's sender at the right margin: "12 Harbour Road" as "12 Carretera de Puerto". The body's
    # paragraph below bounds it down; a date block left of it on its row, a gutter short.
    sender = box(400, 100, 500, 112)
    rooms = free_rooms(page(block("sender", sender, "right"), block("body", PARAGRAPH, lines=5)))

    assert (rooms["sender"].x0, rooms["sender"].x1) == (PARAGRAPH.x0, sender.x1)
    date = box(60, 100, 160, 112)
    beside = free_rooms(
        page(block("date", date), block("sender", sender, "right"), block("body", PARAGRAPH, lines=5))
    )
    assert date.x1 < beside["sender"].x0 < sender.x0
    assert beside["sender"].x1 == sender.x1
    assert not overlap(beside["sender"], beside["date"])


def test_right_to_left_text_does_not_widen_even_if_the_source_said_left_or_centred() -> None:
    arabic = "تقرير سنوي"
    rooms = free_rooms(page(block("title", TITLE, text=arabic), block("body", PARAGRAPH, lines=5)))

    assert rooms["title"].x1 == TITLE.x1
    assert rooms["title"].bottom > TITLE.bottom
    # Nor to both sides if it said centred: it is set from its right edge.
    centred = free_rooms(
        page(block("title", TITLE, "center", text=arabic), block("body", PARAGRAPH, lines=5))
    )
    assert (centred["title"].x0, centred["title"].x1) == (TITLE.x0, TITLE.x1)


def test_a_block_grows_down_only_to_the_next_block_below() -> None:
    above = box(100, 20, 300, 40)
    rooms = free_rooms(
        page(block("above", above, "center"), block("title", TITLE, "center"), block("body", PARAGRAPH))
    )

    assert rooms["above"].bottom == TITLE.top - clearance(above)
    assert rooms["title"].top == TITLE.top


def test_an_image_below_bounds_the_room_and_one_beside_stops_widening_a_gutter_short() -> None:
    image_below = box(150, 160, 400, 180)
    rooms = free_rooms(page(block("title", TITLE), block("body", PARAGRAPH), images=[image_below]))
    assert rooms["title"] == box(100, 100, PARAGRAPH.x1, image_below.top - clearance(TITLE))

    image_beside = box(350, 90, 450, 130)
    rooms = free_rooms(page(block("title", TITLE), block("body", PARAGRAPH), images=[image_beside]))
    gutter = GUTTER_CLEARANCES * clearance(TITLE)
    assert rooms["title"] == box(100, 100, image_beside.x0 - gutter, PARAGRAPH.top - clearance(TITLE))

    # No nearer than a gutter (a column's paragraph beside the next column): it keeps its width.
    close = box(TITLE.x1 + gutter - 5, 90, 450, 130)
    rooms = free_rooms(page(block("title", TITLE), block("body", PARAGRAPH), images=[close]))
    assert rooms["title"] == box(100, 100, 300, PARAGRAPH.top - clearance(TITLE))


def test_a_block_over_an_image_or_another_block_does_not_grow() -> None:
    background = box(0, 0, 600, 800)
    rooms = free_rooms(page(block("title", TITLE), block("body", PARAGRAPH), images=[background]))
    assert rooms == {"title": TITLE, "body": PARAGRAPH}

    overlapping = box(250, 110, 400, 150)
    rooms = free_rooms(page(block("title", TITLE), block("note", overlapping), block("body", PARAGRAPH)))
    assert rooms["title"] == TITLE

    # Overlapping by a hair: text filling its box at full size would already touch the neighbour's.
    above, below = box(100, 100, 300, 150.2), box(100, 150, 300, 160)
    rooms = free_rooms(page(block("above", above), block("below", below), block("body", PARAGRAPH)))
    assert rooms["above"] == above
    assert rooms["below"] == below


def test_turned_and_vertical_text_keeps_its_box() -> None:
    turned = block("turned", TITLE).model_copy(update={"rotation": 90})
    vertical = block("vertical", box(400, 100, 420, 180)).model_copy(update={"vertical": True})
    rooms = free_rooms(page(turned, vertical, block("body", PARAGRAPH)))

    assert rooms["turned"] == TITLE
    assert rooms["vertical"] == vertical.bbox


def test_rooms_stay_in_the_text_area_and_on_the_page() -> None:
    # Boxes reaching out of the page, as extracted boxes of clipped text do.
    low = box(100, 700, 300, 820)
    rooms = free_rooms(page(block("title", TITLE), block("low", low, "center")))

    area = text_area(page(block("title", TITLE), block("low", low)))
    assert area == box(100, 100, 550 - 100, 800)  # the right margin no wider than the left
    assert rooms["title"].bottom == low.top - clearance(TITLE)
    assert rooms["low"] == low  # nothing to grow into below the text area


def test_the_block_lowest_on_the_page_does_not_grow_into_the_bottom_margin() -> None:
    rooms = free_rooms(page(block("footer", box(280, 760, 320, 770), "center")))

    assert rooms["footer"] == box(280, 760, 320, 770)


def grid(columns: Sequence[float], rows: Sequence[float], empty: set[tuple[int, int]]) -> list[TextBlock]:
    """Table cells 60 pt wide and 12 pt high at these left edges and tops, but for the empty ones."""
    return [
        block(f"r{row}c{column}", box(left, top, left + 60, top + 12))
        for row, top in enumerate(rows)
        for column, left in enumerate(columns)
        if (row, column) not in empty
    ]


def test_table_cells_stop_at_the_next_row_even_above_an_empty_cell_and_keep_a_gutter() -> None:
    cells = grid(columns=(100, 200, 300), rows=(100, 130, 160), empty={(1, 1)})
    caption = block("caption", box(100, 250, 360, 262))
    rooms = free_rooms(page(*cells, caption))

    # The row below, not the empty cell under it.
    assert rooms["r0c1"].bottom == 130 - clearance(box(200, 100, 260, 112))
    gutter = GUTTER_CLEARANCES * clearance(box(100, 100, 160, 112))
    for row, next_row_top in ((0, 130), (1, 160)):
        for column, left in enumerate((100, 200)):
            if (row, column) != (1, 1):
                room = rooms[f"r{row}c{column}"]
                # A gutter short of the next cell on its row, across an empty one.
                next_left = 300 if (row, column + 1) == (1, 1) else left + 100
                assert (room.x0, room.x1) == (left, next_left - gutter)
                assert room.bottom < next_row_top
    # Without rules, the last row may reach down to the next block below the table, and no further.
    assert all(rooms[f"r2c{column}"].bottom <= caption.bbox.top for column in range(3))


def test_a_block_widens_only_where_no_other_block_grows_down() -> None:
    # A column that grows down past the short line on its left: widening that line would cross it.
    column = box(200, 100, 400, 120)
    short = box(50, 300, 150, 312)
    last = box(50, 500, 400, 512)
    rooms = free_rooms(page(block("column", column, "center"), block("short", short), block("last", last)))

    assert rooms["column"].bottom > short.bottom
    # It widens a gutter short of the column's room; a line alone, it would not gain by growing down.
    assert rooms["short"].x1 == column.x0 - GUTTER_CLEARANCES * clearance(short)


def test_blocks_sharing_an_id_get_no_room() -> None:
    rooms = free_rooms(
        page(block("same", TITLE), block("same", PARAGRAPH), block("other", box(50, 400, 500, 420)))
    )

    assert set(rooms) == {"other"}


def test_a_block_grows_up_to_the_rules_of_its_box_but_not_across_them() -> None:
    # A form's box (its sides drawn as rules) holding a label, a rule crossing the label (a strike-out),
    # and a line to write on right of another label; the body text below lets rooms grow that far.
    label, other, body = box(100, 100, 160, 110), box(100, 300, 150, 310), box(50, 400, 550, 500)
    sides = [box(98, 96, 300, 96), box(98, 150, 300, 150), box(98, 96, 98, 150), box(300, 96, 300, 150)]
    strike = box(100, 105, 160, 105)
    blank = box(151, 310, 400, 310)
    rooms = free_rooms(
        page(
            block("label", label),
            block("other", other),
            block("body", body, lines=5),
            rules=[*sides, strike, blank],
        )
    )

    kept = TOUCH + RULE_CLEARANCE
    assert rooms["label"] == box(100, 100, 300 - kept, 150 - kept)
    # The line to write on starts beside it: it keeps its width, and grows down to the body text.
    assert (rooms["other"].x1, rooms["other"].bottom) == (other.x1, body.top - clearance(other))


def test_the_underline_of_a_few_words_does_not_stop_their_paragraph_but_a_headings_does() -> None:
    # Set under the glyphs' boxes: TeX's \\underline, CSS's text-underline-offset.
    paragraph, heading, body = (
        box(
            50,
            100,
            400,
            140,
        ),
        box(50, 200, 200, 212),
        box(50, 300, 550, 400),
    )
    words = box(250, 141.5, 320, 141.5)
    underline = box(50, 213.5, 200, 213.5)
    rooms = free_rooms(
        page(
            block("paragraph", paragraph, lines=4),
            block("heading", heading),
            block("body", body, lines=5),
            rules=[words, underline],
        )
    )

    assert rooms["paragraph"].bottom == heading.top - clearance(paragraph, lines=4)
    assert rooms["heading"].bottom == heading.bottom


def test_a_centred_title_between_two_rules_widens_alike_up_to_the_nearer() -> None:
    title = box(200, 100, 260, 110)
    rooms = free_rooms(
        page(
            block("title", title, "center"),
            block("body", box(50, 200, 550, 300), lines=5),
            rules=[box(150, 90, 150, 120), box(330, 90, 330, 120)],
        )
    )

    # 50 points to the left rule, 70 to the right one: 50 to each side, less the space kept.
    reach = 50 - TOUCH - RULE_CLEARANCE
    assert (rooms["title"].x0, rooms["title"].x1) == pytest.approx((200 - reach, 260 + reach))


def random_page(rng: random.Random) -> Page:
    blocks = []
    for index in range(rng.randint(2, 25)):
        x0, top = rng.uniform(0, 550), rng.uniform(0, 760)
        bbox = box(x0, top, x0 + rng.uniform(5, 300), top + rng.uniform(5, 60))
        align: Align = rng.choice(["left", "left", "center", "right", "justify"])
        blocks.append(block(f"b{index}", bbox, align, lines=rng.randint(1, 4)))
    images = []
    for _ in range(rng.randint(0, 3)):
        x0, top = rng.uniform(0, 500), rng.uniform(0, 700)
        images.append(box(x0, top, x0 + rng.uniform(10, 200), top + rng.uniform(10, 200)))
    rules = []
    for _ in range(rng.randint(0, 6)):
        x, y, length = rng.uniform(0, 600), rng.uniform(0, 800), rng.uniform(5, 300)
        rules.append(box(x, y, x + length, y) if rng.random() < 0.5 else box(x, y, x, y + length))
    return page(*blocks, images=images, rules=rules)


def test_on_random_pages_no_room_reaches_another_block_an_image_or_another_room() -> None:
    rng = random.Random(20240601)
    grown = 0
    for _ in range(300):
        layout = random_page(rng)
        rooms = free_rooms(layout)
        area = text_area(layout)
        for item in layout.blocks:
            room = rooms[item.id]
            assert contains(room, item.bbox)
            # It grows only into the text area (a box may reach out of it: the part already there stays).
            assert room.bottom <= max(item.bbox.bottom, area.bottom) and room.x1 <= max(item.bbox.x1, area.x1)
            assert room.x0 >= min(item.bbox.x0, area.x0)
            grown += room != item.bbox
            obstacles = [other.bbox for other in layout.blocks if other is not item]
            obstacles += [image.bbox for image in layout.images]
            # What overlapped the block in the source still does; the room adds no new overlap.
            assert not any(overlap(room, other) and not overlap(item.bbox, other) for other in obstacles)
            # Nor does it reach across a rule the box did not reach over already.
            assert not any(crosses(rule, room) and not crosses(rule, item.bbox) for rule in layout.rules)
        for a, b in combinations(layout.blocks, 2):
            assert not overlap(rooms[a.id], rooms[b.id]) or overlap(a.bbox, b.bbox)
    assert grown > 300, "the random pages should leave room to grow"


def cell_block(
    block_id: str,
    bbox: BBox,
    cell: BBox,
    align: Align = "left",
    table: str = "t",
    row: int = 0,
    column: int = 0,
    span: int = 1,
) -> TextBlock:
    """A translated block that is the cell `cell` of `table`, at `row` and `column`, over `span` columns."""
    placed = block(block_id, bbox, align)
    at = TableCell(table=table, row=row, column=column, column_span=span, bbox=cell)
    return placed.model_copy(update={"cell": at})


def test_a_cell_grows_within_its_cell_away_from_the_edge_it_is_set_against() -> None:
    cell = box(100, 100, 200, 130)
    cells = page(
        cell_block("left", box(105, 104, 145, 114), cell, row=0),
        cell_block(
            "right", box(155, 134, 195, 144), cell.model_copy(update={"top": 130, "bottom": 160}), "right"
        ),
        cell_block(
            "centre", box(130, 164, 170, 174), cell.model_copy(update={"top": 160, "bottom": 190}), "center"
        ),
    )
    rooms = free_rooms(cells)
    # Without rules up to the cell's sides (halfway across the gaps beside it).
    assert rooms["left"] == box(105, 104, 200, 130)
    assert rooms["right"] == box(100, 134, 195, 160)
    # Centred: as far each way as the nearer side allows, so that it stays centred.
    assert rooms["centre"] == box(100, 164, 200, 190)
    # In a ruled table short of the far side by the padding the source kept on the near one (5 points),
    # a fifth of an em (of the text's 10 points) at most.
    cells.tables = [Table(id="t", bbox=box(100, 100, 200, 190), rows=3, columns=1, ruled=True)]
    cells.rules = [box(100, 99.5, 200, 100.5)]
    rooms = free_rooms(cells)
    assert rooms["left"] == box(105, 104, 198, 130)
    assert rooms["right"] == box(102, 134, 195, 160)
    assert rooms["centre"] == box(102, 164, 198, 190)


def test_a_ruled_cell_keeps_from_its_far_side_as_far_as_from_its_near_one() -> None:
    # Its text (10 points) a point from its cell's left side.
    far = page(cell_block("far", box(101, 104, 145, 114), box(100, 100, 200, 130)))
    far.tables = [Table(id="t", bbox=box(100, 100, 200, 130), rows=1, columns=1, ruled=True)]
    far.rules = [box(100, 99.5, 200, 100.5)]
    assert free_rooms(far)["far"] == box(101, 104, 199, 130)


def test_nothing_grows_into_a_table_or_under_a_form_field() -> None:
    label = block("label", box(50, 100, 90, 110))
    title = block("title", box(50, 40, 150, 52))
    layout = page(label, title, block("far", box(50, 400, 500, 410)))
    layout.form_fields = [FormField(ref="4 0", name="name", bbox=box(95, 98, 250, 112))]
    layout.tables = [Table(id="t", bbox=box(40, 60, 300, 90), rows=2, columns=2)]
    rooms = free_rooms(layout)
    assert rooms["label"].x1 == 90
    assert rooms["title"].bottom < 60


# A table without rules of two columns and two rows; its last column's cells end at x 200.
BARE = Table(id="bare", bbox=box(40, 100, 200, 130), rows=2, columns=2)


def bare_cell(
    block_id: str, row: int, column: int, text: BBox, align: Align = "left", kept: bool = False
) -> TextBlock:
    cell = box(40 if column == 0 else 120, 100 + 15 * row, 120 if column == 0 else 200, 115 + 15 * row)
    placed = cell_block(block_id, text, cell, align, "bare", row, column)
    return placed.model_copy(update={"text": placed.source_text}) if kept else placed


def bare_table(*others: TextBlock, images: Sequence[BBox] = (), rules: Sequence[BBox] = ()) -> Page:
    """The bare table's four cells (the last column's second one kept as it was), and `others`."""
    layout = page(
        bare_cell("label 0", 0, 0, box(44, 102, 100, 112)),
        bare_cell("note 0", 0, 1, box(124, 102, 190, 112)),
        bare_cell("label 1", 1, 0, box(44, 117, 100, 127)),
        bare_cell("note 1", 1, 1, box(124, 117, 190, 127), kept=True),
        *others,
        block("far", box(40, 700, 500, 710)),
        images=images,
        rules=rules,
    )
    layout.tables = [BARE]
    return layout


def test_the_last_column_of_a_bare_table_widens_past_it_up_to_a_gutter_short_of_what_is_there() -> None:
    rooms = free_rooms(bare_table())
    # Up to the text area's right edge: the page's 550 points less a left margin of 40.
    assert rooms["note 0"] == box(124, 102, 510, 115)
    # Not a cell kept as it was, nor one in another column.
    assert rooms["note 1"].x1 == 200 and rooms["label 0"].x1 == 120
    beside = block("beside", box(300, 90, 450, 140))
    # A gutter of the cell's own lines short of a block, an image or another table beside it.
    gutter = GUTTER_CLEARANCES * clearance(box(124, 102, 190, 112))
    assert free_rooms(bare_table(beside))["note 0"].x1 == 300 - gutter
    image = box(320, 95, 400, 135)
    assert free_rooms(bare_table(images=[image]))["note 0"].x1 == 320 - gutter
    other = bare_table()
    other.tables = [BARE, Table(id="other", bbox=box(340, 95, 450, 135), rows=2, columns=1)]
    assert free_rooms(other)["note 0"].x1 == 340 - gutter


def test_a_cell_spanning_the_last_column_widens_too() -> None:
    layout = bare_table()
    head = cell_block("head", box(44, 102, 190, 112), box(40, 100, 200, 115), table="bare", span=2)
    layout.blocks = [head, *(item for item in layout.blocks if item.id not in ("label 0", "note 0"))]
    assert free_rooms(layout)["head"].x1 == 510


def test_a_cell_of_the_last_column_set_flush_right_keeps_its_right_edge() -> None:
    layout = bare_table()
    amount = bare_cell("amount", 1, 1, box(150, 117, 198, 127), align="right")
    layout.blocks = [amount if item.id == "note 1" else item for item in layout.blocks]
    assert free_rooms(layout)["amount"].x1 == 198


@pytest.mark.parametrize(
    "rule",
    [
        box(40, 99.5, 200, 100.5),  # over the table
        box(40, 99.2, 200, 99.2),  # a hairline just over it
        box(40, 114.5, 200, 115.5),  # under its head
        box(200, 100, 200.5, 130),  # a frame's side, on the column's edge
    ],
)
def test_a_table_with_any_rule_keeps_its_last_column_within_it(rule: BBox) -> None:
    assert free_rooms(bare_table(rules=[rule]))["note 0"].x1 == 200


def test_a_rule_beyond_the_table_stops_its_last_column() -> None:
    rooms = free_rooms(bare_table(rules=[box(350, 60, 350.5, 160)]))
    assert rooms["note 0"].x1 == 350 - TOUCH - RULE_CLEARANCE


SCAN = box(0, 0, 600, 800)


def test_a_scan_under_all_the_text_keeps_every_block_in_its_box_unless_its_ink_is_known() -> None:
    scanned = page(block("title", TITLE), block("body", PARAGRAPH, lines=5), images=[SCAN])
    assert free_rooms(scanned) == {"title": TITLE, "body": PARAGRAPH}
    rooms = free_rooms(scanned, scan_ink=[])
    # The scan gives way: the title grows down to the paragraph and widens, as on a page of its own.
    assert rooms["title"].bottom == PARAGRAPH.top - clearance(TITLE)
    assert rooms["title"].x1 == PARAGRAPH.x1


def test_a_block_on_a_scan_stops_above_the_scans_ink() -> None:
    signature = box(120, 150, 260, 170)
    scanned = page(block("title", TITLE), block("body", PARAGRAPH, lines=5), images=[SCAN])
    rooms = free_rooms(scanned, scan_ink=[signature])
    assert rooms["title"].bottom == signature.top - clearance(TITLE)
    assert not any(overlap(room, signature) for room in rooms.values())


def test_an_image_beside_the_text_stays_an_obstacle_when_the_scans_ink_is_known() -> None:
    # Not under every block: a picture on the page, not the scan of it.
    picture = box(100, 140, 300, 180)
    rooms = free_rooms(page(block("title", TITLE), images=[picture]), scan_ink=[])
    assert rooms["title"].bottom == picture.top - clearance(TITLE)


def test_a_line_with_another_room_in_its_strip_widens_as_high_as_itself() -> None:
    # camlidl p8: "3.1 Base types" over a table whose first column starts right of the heading's end,
    # below its line: the heading's room reached down past the table's top, so it kept its width and
    # wrapped ("3.1 tipos de / Base").
    heading = box(72, 334, 166, 346)
    cell = box(172, 355, 229, 366)
    body = box(72, 420, 540, 480)
    table_rule = box(170, 353, 400, 353)  # the table's top rule, right of the heading and below it
    rooms = free_rooms(
        page(
            block("heading", heading),
            block("cell", cell),
            block("body", body, "justify", lines=5),
            rules=[table_rule],
        )
    )

    assert rooms["heading"] == box(72, 334, 540, 346)
    # A block of two lines keeps its room down, its width: its lines may wrap there.
    two_lines = box(72, 322, 166, 346)
    rooms = free_rooms(
        page(block("two", two_lines, lines=2), block("cell", cell), block("body", body, "justify", lines=5))
    )
    assert rooms["two"] == box(72, 322, 166, body.top - clearance(two_lines, 2))


def test_the_right_margin_is_no_wider_than_the_left() -> None:
    # The LibreOffice form: a 28-point title starting a third of the way in, its right end the page's
    # rightmost text. It was the text area's edge, so the longer title shrank to 76% beside free paper.
    title = box(167, 73, 428, 101)
    label = box(57, 123, 111, 134)
    form = page(block("title", title), block("label", label), width=612)

    assert text_area(form) == box(57, 73, 612 - 57, 800 - 73)
    assert free_rooms(form)["title"].x1 == 612 - 57
    # Text reaching further right than the left margin's mirror sets the edge itself.
    wide = box(57, 150, 600, 160)
    assert text_area(page(block("title", title), block("wide", wide), width=612)).x1 == 600


def test_the_bottom_margin_is_no_taller_than_the_top() -> None:
    # An invoice's last line, "Sort code: 20-45-77" beside "Account: 43917266", 300 points above the
    # paper's end: it was the text area's bottom, so the longer translation could not wrap and shrank.
    heading, sort_code, account = box(57, 60, 200, 72), box(57, 300, 140, 310), box(170, 300, 260, 310)
    invoice = page(block("heading", heading), block("sort", sort_code), block("account", account), height=842)

    assert text_area(invoice).bottom == 842 - 60
    assert free_rooms(invoice)["sort"].bottom == 842 - 60
    # Text reaching further down than the top margin's mirror (a footer) sets the edge itself.
    footer = box(57, 800, 200, 810)
    assert text_area(page(block("heading", heading), block("footer", footer), height=842)).bottom == 810


def test_an_image_at_the_papers_edge_is_no_margin_to_mirror() -> None:
    # A decorative band down the left edge: the text's own margin (72) is mirrored, not the band's (0).
    band = box(0, 0, 30, 792)
    heading, body = box(72, 80, 250, 94), box(72, 120, 540, 300)
    form = page(block("heading", heading), block("body", body, "justify", lines=10), images=[band], width=612)

    assert text_area(form).x1 == 612 - 72
    assert free_rooms(form)["heading"].x1 == 612 - 72


def test_a_line_keeps_its_room_down_for_a_gain_of_less_than_a_gutter() -> None:
    # A heading whose room down meets a block a little right of its end (the room can widen by a
    # point, up to that block's gutter) and a title beside its line beyond the gutter: the line strip
    # would gain a point or two, not worth the lines it could grow down into.
    heading = box(72, 100, 300, 112)
    beside = box(325, 80, 500, 95)
    low = box(310, 300, 400, 310)
    rooms = free_rooms(page(block("heading", heading), block("beside", beside), block("low", low)))

    assert rooms["heading"].bottom > heading.bottom
    assert rooms["heading"].x1 < heading.x1 + GUTTER_CLEARANCES * clearance(heading)


def test_a_room_past_the_rule_that_ends_the_strip_takes_no_gutter_off_it() -> None:
    # A box's side at 400 ends the label's strip; the block beyond it is no neighbour of the label's.
    label, other = box(100, 100, 160, 110), box(410, 95, 500, 115)
    side = box(400, 90, 400, 130)
    body = box(50, 200, 500, 300)
    rooms = free_rooms(
        page(block("label", label), block("other", other), block("body", body, lines=8), rules=[side])
    )
    assert rooms["label"].x1 == side.x0 - TOUCH - RULE_CLEARANCE


def test_a_paragraph_widens_no_further_than_the_next_columns_gutter() -> None:
    # A paper's last page: its right column ends high, and a paragraph of the left column lower down had
    # widened across the gutter into the right column's empty foot.
    conclusion = box(310, 100, 540, 140)
    results = box(72, 300, 270, 360)
    heading = box(72, 400, 150, 412)
    # A figure closes the right column under the conclusion: nothing stands right of the paragraph.
    figure = box(310, 150, 540, 250)
    layout = page(
        block("conclusion", conclusion, lines=4),
        block("results", results, lines=6),
        block("heading", heading),
        images=[figure],
    )
    rooms = free_rooms(layout)

    assert results.x1 < rooms["results"].x1 <= conclusion.x0 - GUTTER_CLEARANCES * clearance(results, 6)
