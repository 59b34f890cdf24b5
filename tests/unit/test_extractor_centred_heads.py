"""A lone line centred over the block under it is set centred; other lone lines keep their alignment."""

from docrelay_common.document import BBox, TextBlock, TextStyle
from docrelay_extractor.centred_heads import centre_heads

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
    return {item.id: item.align for item in centre_heads(blocks)}


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
