"""Typesetting with WeasyPrint: hostile block text stays text, nothing is fetched from outside the store,
and lines are set with the alignment of the source.
"""

from contextlib import closing
from io import BytesIO
from pathlib import Path
from typing import Literal

import pdfplumber
import pytest

from docrelay_common.document import BBox, Page, TextBlock, TextStyle
from docrelay_reconstructor.html import document_html
from docrelay_reconstructor.render import StoreOnlyFetcher, render_pdf

HOSTILE_TEXTS = [
    '<img src="http://example.com/x.png">',
    "<style>@import url(file:///etc/passwd)</style>",
    "</div><link rel=stylesheet href=http://example.com/s.css>",
]


def block(number: int, text: str, style: TextStyle) -> TextBlock:
    bbox = BBox(x0=40, top=40 + 30 * number, x1=560, bottom=52 + 30 * number)
    return TextBlock(id=f"b{number}", bbox=bbox, text=text, source_text="original", style=style)


def first_page_text(pdf: bytes) -> str:
    with pdfplumber.open(BytesIO(pdf)) as document:
        return document.pages[0].extract_text()


def test_block_text_is_shown_literally_and_triggers_no_fetch(tmp_path: Path) -> None:
    # The style carries hostile values too: the family is picked from a fixed set, the colour validated.
    style = TextStyle(
        font="x'; } body { background: url(http://example.com/f) } {", color="url(http://e.com/c)"
    )
    page = Page(
        number=1, width=600, height=400, blocks=[block(n, t, style) for n, t in enumerate(HOSTILE_TEXTS)]
    )
    fetcher = StoreOnlyFetcher(tmp_path)

    pdf = render_pdf(document_html([page]), fetcher)

    assert fetcher.requested == []
    text = first_page_text(pdf)
    for hostile in HOSTILE_TEXTS:
        assert hostile in text


def test_the_fetcher_refuses_what_weasyprint_asks_for_outside_the_store(tmp_path: Path) -> None:
    html = '<img src="file:///etc/hostname"><img src="http://example.com/x.png"><p>still rendered</p>'
    fetcher = StoreOnlyFetcher(tmp_path)

    pdf = render_pdf(html, fetcher)

    assert fetcher.requested == ["file:///etc/hostname", "http://example.com/x.png"]
    assert "still rendered" in first_page_text(pdf)


def test_the_fetcher_reads_files_of_the_store_only(tmp_path: Path) -> None:
    inside = tmp_path / "jobs" / "j1" / "note.txt"
    inside.parent.mkdir(parents=True)
    inside.write_text("stored")
    fetcher = StoreOnlyFetcher(tmp_path)

    with closing(fetcher.fetch(inside.as_uri())) as response:
        assert response.read() == b"stored"
    for url in [
        "file:///etc/passwd",
        f"{tmp_path.as_uri()}/../outside.txt",
        f"file://example.com{inside}",
        "http://example.com/x.png",
        "data:text/plain,hello",
    ]:
        with pytest.raises(ValueError, match="refusing"):
            fetcher.fetch(url)


def rows(pdf: bytes) -> list[tuple[float, float]]:
    """(left, right) of each rendered line of the first page, top to bottom."""
    with pdfplumber.open(BytesIO(pdf)) as document:
        chars = [char for char in document.pages[0].chars if not char["text"].isspace()]
    lines: dict[int, list[dict]] = {}
    for char in chars:
        lines.setdefault(round(char["top"]), []).append(char)
    return [
        (min(char["x0"] for char in line), max(char["x1"] for char in line))
        for _, line in sorted(lines.items())
    ]


@pytest.mark.parametrize("align", ["left", "center", "right", "justify"])
def test_the_translation_is_set_with_the_source_alignment(
    tmp_path: Path, align: Literal["left", "center", "right", "justify"]
) -> None:
    box = BBox(x0=100, top=40, x1=400, bottom=100)
    text = (
        "the words of a translation that takes up three lines of the box it is set in, each of the first two"
        " lines as full as the words allow and the last one short"
    )
    block = TextBlock(
        id="b", bbox=box, text=text, source_text="x", style=TextStyle(size=12), line_count=4, align=align
    )

    lines = rows(
        render_pdf(
            document_html([Page(number=1, width=500, height=200, blocks=[block])]), StoreOnlyFetcher(tmp_path)
        )
    )

    assert len(lines) >= 3
    for left, right in lines[:-1]:
        assert {
            "left": left == pytest.approx(box.x0, abs=1),
            "center": (left + right) / 2 == pytest.approx((box.x0 + box.x1) / 2, abs=1),
            "right": right == pytest.approx(box.x1, abs=1),
            "justify": (left, right) == pytest.approx((box.x0, box.x1), abs=1),
        }[align]
    last_left, last_right = lines[-1]
    assert (last_left == pytest.approx(box.x0, abs=1)) is (align in ("left", "justify"))
    assert (last_right == pytest.approx(box.x1, abs=1)) is (align == "right")
