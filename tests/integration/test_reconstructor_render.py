"""Typesetting with WeasyPrint: hostile block text stays text, nothing is fetched from outside the store."""

from contextlib import closing
from io import BytesIO
from pathlib import Path

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
