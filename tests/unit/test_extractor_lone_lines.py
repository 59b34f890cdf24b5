"""A lone line centred over the block under it is set centred; other lone lines keep their alignment."""

from docrelay_common.document import BBox, TextBlock, TextStyle
from docrelay_extractor.lone_lines import align_lone_lines

SIZE = 7.0


def block(block_id: str, x0: float, top: float, x1: float, lines: int = 1, align: str = "left") -> TextBlock:
    bottom = top + lines * SIZE * 1.2
    return TextBlock(
        id=block_id,
        bbox=BBox(x0=x0, top=top, x1=x1, bottom=bottom),
        text=block_id,
        source_text=block_id,
        style=TextStyle(size=SIZE),
        line_count=lines,
        align=align,  # type: ignore[arg-type]
    )


def aligns(blocks: list[TextBlock]) -> dict[str, str]:
    return {item.id: item.align for item in align_lone_lines(blocks)}


def test_a_column_title_centred_over_its_explanation_is_centred() -> None:
    # A tax form's "(g) GAIN" over "If (d) is more than (e), subtract (e) from (d)", and "(f) LOSS" beside.
    blocks = [
        block("gain", 692.5, 426.1, 720.7),
        block("explanation", 674.8, 434.2, 738.4, lines=3, align="center"),
        block("loss", 620.6, 426.2, 648.2),
        block("loss explained", 602.2, 434.3, 666.6, lines=3),
    ]
    assert aligns(blocks) == {
        "gain": "center",
        "explanation": "center",
        "loss": "center",
        "loss explained": "left",
    }


def test_other_lone_lines_keep_their_alignment() -> None:
    blocks = [
        # A heading set at its paragraph's left edge.
        block("heading", 72, 100, 150),
        block("paragraph", 72, 110, 300, lines=4),
        # A line centred over a paragraph too far below it.
        block("apart", 156, 200, 216),
        block("far paragraph", 72, 230, 300, lines=4),
        # A line whose nearest block below is a narrow one beside the wide one's axis.
        block("over a note", 400, 300, 460),
        block("note", 380, 310, 420),
        block("wide", 330, 330, 530, lines=3),
        # A full line over a paragraph as wide (a line split off it), their middles alike.
        block("full line", 72, 500, 298),
        block("rest of it", 72, 510, 300, lines=3),
        # A right-aligned line stays so.
        block("total", 470, 400, 500, align="right"),
        block("amounts", 455, 410, 515, lines=3),
    ]
    assert set(aligns(blocks).values()) == {"left", "right"}
    assert aligns(blocks)["total"] == "right"


def test_a_line_centred_by_chance_in_a_column_set_from_the_left_is_set_from_the_left() -> None:
    # A list's items at one left edge, one of them as long as to sit on the page's middle.
    blocks = [
        block("first item", 180, 100, 420),
        block("centred by chance", 180, 112, 415, align="center"),
        block("third item", 180, 124, 520, lines=2),
        # The same under a paragraph set from the left, its lines justified.
        block("paragraph", 72, 300, 520, lines=4, align="justify"),
        block("last line alone", 72, 336, 523, align="center"),
        # A list's first item, nothing over it: the one under it tells.
        block("first of a list", 180, 600, 415, align="center"),
        block("second of it", 180, 612, 300),
    ]
    assert aligns(blocks) == {
        "first item": "left",
        "centred by chance": "left",
        "third item": "left",
        "paragraph": "justify",
        "last line alone": "left",
        "first of a list": "left",
        "second of it": "left",
    }


def test_centred_lines_starting_where_no_line_set_from_the_left_starts_stay_centred() -> None:
    blocks = [
        # Two centred lines as long as each other (a title page's): neither is set from the left.
        block("title", 200, 100, 395, align="center"),
        block("subtitle", 200, 112, 395, align="center"),
        # A centred line over a list starting where it starts, three ems and more apart.
        block("caption", 180, 400, 415, align="center"),
        block("list item", 180, 400 + SIZE * 1.2 + SIZE * 3.2, 420),
        # ... and one starting a point and more right of the list's edge.
        block("motto", 181.5, 500, 413.5, align="center"),
        block("next item", 180, 510, 420),
    ]
    assert aligns(blocks) == {
        "title": "center",
        "subtitle": "center",
        "caption": "center",
        "list item": "left",
        "motto": "center",
        "next item": "left",
    }
