"""The translated PDF: each source page with its text replaced by the document's translated blocks."""

from collections.abc import Callable, Sequence
from contextlib import ExitStack
from io import BytesIO
from pathlib import Path

import pikepdf

from docrelay_common.document import Document
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_reconstructor.html import document_html
from docrelay_reconstructor.overlay import overlay_page
from docrelay_reconstructor.render import StoreOnlyFetcher, render_pdf
from docrelay_reconstructor.scans import is_scanned
from docrelay_reconstructor.strip_text import strip_text

# Pages typeset per WeasyPrint run: few enough for steady progress, many enough to share font subsets.
PAGES_PER_RENDER = 10

PageProgress = Callable[[int, int], None]


def reconstruct(
    base_pdf: Path, document: Document, store_root: Path, on_page: PageProgress | None = None
) -> bytes:
    """Rewrite every page of base_pdf that has text blocks; on_page(done, total) follows the progress.

    Pages without blocks are kept as they are. WeasyPrint may read only files under store_root.
    """
    report = on_page or _ignore_progress
    try:
        with pikepdf.open(base_pdf) as pdf, ExitStack() as rendered_pdfs:
            _check_page_count(pdf, document)
            _rewrite_pages(pdf, document, StoreOnlyFetcher(store_root), rendered_pdfs, report)
            result = _saved(pdf)
    except pikepdf.PdfError as exc:
        raise PermanentError(
            ErrorCode.RENDER_FAILED, f"could not rewrite the pages of the PDF: {exc}"
        ) from exc
    report(len(document.pages), len(document.pages))
    return result


def _rewrite_pages(
    pdf: pikepdf.Pdf,
    document: Document,
    fetcher: StoreOnlyFetcher,
    keep_open: ExitStack,
    report: PageProgress,
) -> None:
    rewritten = [index for index, page in enumerate(document.pages) if page.blocks]
    scanned = {index for index in rewritten if is_scanned(pdf.pages[index])}
    strip_text(pdf, rewritten)
    for chunk in _chunks(rewritten, PAGES_PER_RENDER):
        html = document_html(
            [document.pages[index] for index in chunk],
            [index in scanned for index in chunk],
            lang=document.target_lang,
        )
        # Copied stream data is read from the rendered PDF only when saving: it must stay open until then.
        rendered = keep_open.enter_context(pikepdf.open(BytesIO(render_pdf(html, fetcher))))
        _overlay_chunk(pdf, chunk, rendered)
        report(chunk[-1] + 1, len(document.pages))


def _check_page_count(pdf: pikepdf.Pdf, document: Document) -> None:
    if len(pdf.pages) != len(document.pages):
        raise PermanentError(
            ErrorCode.RENDER_FAILED,
            f"the translated document has {len(document.pages)} pages but the PDF has {len(pdf.pages)}",
        )


def _overlay_chunk(pdf: pikepdf.Pdf, chunk: Sequence[int], rendered: pikepdf.Pdf) -> None:
    if len(rendered.pages) != len(chunk):
        raise PermanentError(
            ErrorCode.RENDER_FAILED, f"typesetting {len(chunk)} pages produced {len(rendered.pages)} pages"
        )
    for index, rendered_page in zip(chunk, rendered.pages, strict=True):
        overlay_page(pdf, pdf.pages[index], rendered_page)


def _chunks(indices: Sequence[int], size: int) -> list[Sequence[int]]:
    return [indices[start : start + size] for start in range(0, len(indices), size)]


def _ignore_progress(done: int, total: int) -> None:
    """Progress goes nowhere when nobody asked for it."""


def _saved(pdf: pikepdf.Pdf) -> bytes:
    buffer = BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()
