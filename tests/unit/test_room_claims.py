"""Rooms as the blocks' texts need them (room_claims): hand-made pages, real fonts."""

from docrelay_common.document import BBox, Page, TextBlock, TextStyle
from docrelay_reconstructor.free_space import free_rooms
from docrelay_reconstructor.room_claims import sized_page
from docrelay_reconstructor.sizing import base_size, page_sizing

STYLE = TextStyle(font="Times-Roman", size=12.0)


def block(block_id: str, bbox: BBox, text: str, align: str = "left", lines: int = 1) -> TextBlock:
    return TextBlock(
        id=block_id,
        bbox=bbox,
        text=text,
        source_text=f"Source of {block_id}",
        style=STYLE,
        align=align,  # type: ignore[arg-type]
        line_count=lines,
    )


def camlidl_title_page() -> Page:
    """camlidl's first page: a centred date, the heading "1 Overview" under it on the left, and a
    paragraph right below it; the date's room reaches down past the heading's row."""
    date = block("date", BBox(x0=262, top=100, x1=350, bottom=112), "1 de mayo de 2002", "center")
    heading = block(
        "heading",
        BBox(x0=72, top=160, x1=150, bottom=172),
        "1 Descripción general del sistema y de sus partes",
    )
    body = BBox(x0=72, top=180, x1=540, bottom=240)
    paragraph = block("body", body, "Texto del primer párrafo del manual. " * 8, "justify", 5)
    return Page(number=1, width=612, height=792, blocks=[date, heading, paragraph])


def test_a_block_widens_where_another_block_does_not_write_in_its_room() -> None:
    page = camlidl_title_page()
    rooms = free_rooms(page)
    first = page_sizing(page, rooms, "es")
    heading = page.blocks[1]
    # All the room the date could grow into stands in the heading's way: the heading widens a gutter
    # short of it, and shrinks.
    assert rooms["date"].bottom > heading.bbox.bottom
    assert first.settings["heading"].fit.size < base_size(heading)

    sized = sized_page(page, "es")

    # The date's one line claims its row only: the heading widens beside it, at its full size.
    assert sized.rooms["date"].bottom < heading.bbox.top
    assert sized.rooms["heading"].x1 > rooms["heading"].x1
    assert sized.settings["heading"].fit.size == base_size(heading) and sized.settings["heading"].fit.fits
    # The date keeps its setting: its lines take no more than its claim.
    assert sized.settings["date"] == first.settings["date"]


def test_a_page_whose_blocks_all_keep_their_size_is_sized_once() -> None:
    page = camlidl_title_page()
    short = page.model_copy(
        update={"blocks": [page.blocks[0], page.blocks[1].model_copy(update={"text": "1 Uno"})]}
    )

    assert sized_page(short, "es").rooms == free_rooms(short)


def test_a_block_set_from_the_left_claims_as_wide_as_its_lines_and_one_set_from_the_right_widens() -> None:
    # A bank statement's head: the bank's address on the left widened right up to the sender's block set
    # flush right beside it, whose longer "Código de compensación 20-45-77" then shrank.
    address = block("address", BBox(x0=57, top=73, x1=300, bottom=85), "Servicios de cliente, Reading")
    sort_code = block(
        "sort", BBox(x0=452, top=70, x1=538, bottom=82), "Código de compensación 20-45-77", "right"
    )
    account = block("account", BBox(x0=454, top=83, x1=538, bottom=95), "Cuenta 43917266", "right")
    page = Page(number=1, width=595, height=842, blocks=[address, sort_code, account])
    rooms = free_rooms(page)
    assert page_sizing(page, rooms, "es").settings["sort"].fit.size < base_size(sort_code)

    sized = sized_page(page, "es")

    # The address claims what its line takes, its own box at least; the sort code widens leftwards into
    # the rest and keeps its size, its text still ending where it ended.
    assert address.bbox.x1 <= sized.rooms["address"].x1 < rooms["address"].x1
    assert sized.rooms["sort"].x0 < rooms["sort"].x0 and sized.rooms["sort"].x1 == sort_code.bbox.x1
    assert sized.settings["sort"].fit.size == base_size(sort_code) and sized.settings["sort"].fit.fits
    assert sized.settings["address"] == page_sizing(page, rooms, "es").settings["address"]
