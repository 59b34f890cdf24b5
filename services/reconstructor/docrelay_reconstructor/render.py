"""HTML to PDF with WeasyPrint, which may read files of the artifact store and nothing else."""

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import HTML
from weasyprint.formatting_structure.boxes import Box, InlineBlockBox
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from docrelay_common.errors import ErrorCode, PermanentError


class StoreOnlyFetcher(URLFetcher):
    """Refuses every URL but file:// paths inside the artifact store; remembers every URL it was asked for."""

    def __init__(self, store_root: Path) -> None:
        super().__init__(allowed_protocols=("file",))
        self.store_root = store_root.resolve()
        self.requested: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        self.requested.append(url)
        if not self.allows(url):
            raise ValueError(f"refusing to fetch {url}: only files of the artifact store may be read")
        return super().fetch(url, headers)

    def allows(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return False
        return Path(url2pathname(parts.path)).resolve().is_relative_to(self.store_root)


# Placeholders whose place is read back after layout carry this class (html.py writes them).
ANCHOR_CLASS = "docrelay-anchor"
# WeasyPrint lays out in CSS pixels, 96 to the inch.
_PT_PER_PX = 0.75


@dataclass(frozen=True)
class Anchor:
    """Where a placeholder landed: its top-left corner, in points from the page's top-left corner."""

    x: float
    y: float


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    # Per page, the placeholders by id.
    anchors: list[dict[str, Anchor]]


def render_pdf(html: str, fetcher: URLFetcher) -> bytes:
    """Typeset the HTML; any WeasyPrint failure becomes a render failure the user sees."""
    return render_pages(html, fetcher).pdf


def render_pages(html: str, fetcher: URLFetcher) -> Rendered:
    """Typeset the HTML once, and read where its placeholders were laid out."""
    try:
        document = HTML(string=html, url_fetcher=fetcher).render(font_config=_fonts())
        anchors = [_anchors(page._page_box) for page in document.pages]
        return Rendered(document.write_pdf(), anchors)
    except Exception as exc:
        raise PermanentError(
            ErrorCode.RENDER_FAILED, f"could not typeset the translated text: {exc}"
        ) from exc


def _anchors(page_box: Box) -> dict[str, Anchor]:
    """The placeholders of a page's layout tree (WeasyPrint's own, which its API keeps private)."""
    return {
        box.element.get("id"): Anchor(box.position_x * _PT_PER_PX, box.position_y * _PT_PER_PX)
        for box in _boxes(page_box)
        if isinstance(box, InlineBlockBox)
        and box.element is not None
        and box.element.get("class") == ANCHOR_CLASS
    }


def _boxes(root: Box) -> Iterator[Box]:
    stack = [root]
    while stack:
        box = stack.pop()
        yield box
        stack.extend(getattr(box, "children", ()))


@cache
def _fonts() -> FontConfiguration:
    """fontconfig's fonts loaded and Pango's font map made once per process, not once per render (~50 ms).

    The documents use installed fonts only (no @font-face), so the configuration never changes.
    """
    return FontConfiguration()
