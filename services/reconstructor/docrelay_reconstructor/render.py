"""HTML to PDF with WeasyPrint, which may read files of the artifact store and nothing else."""

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import HTML
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


def render_pdf(html: str, fetcher: URLFetcher) -> bytes:
    """Typeset the HTML; any WeasyPrint failure becomes a render failure the user sees."""
    try:
        return HTML(string=html, url_fetcher=fetcher).write_pdf(font_config=_fonts())
    except Exception as exc:
        raise PermanentError(
            ErrorCode.RENDER_FAILED, f"could not typeset the translated text: {exc}"
        ) from exc


@cache
def _fonts() -> FontConfiguration:
    """fontconfig's fonts loaded and Pango's font map made once per process, not once per render (~50 ms).

    The documents use installed fonts only (no @font-face), so the configuration never changes.
    """
    return FontConfiguration()
