"""A range of a PDF's pages as a PDF of its own, and the ranges' rewritten pages put back in the PDF.

Each part of a job rewrites its own range, so a replica loads those pages, not the whole document.
The rewritten pages go back into the original file, in place, rather than being concatenated: its
outlines, links, form fields and metadata point at its page objects, which stay the same objects.
Only the pages' drawing and resources are replaced: their /Annots (links, form field widgets) stay,
and the form fields get their translated tooltips.
"""

from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from io import BytesIO
from pathlib import Path

import pikepdf
from pikepdf import Name

from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.messages import PageRange
from docrelay_reconstructor.forms import write_tooltips

# What the reconstructor changes on a page: its drawing and what the drawing uses.
_REWRITTEN_KEYS = (Name.Contents, Name.Resources)


def write_page_range(pdf_path: Path, pages: PageRange, destination: Path) -> None:
    """Save pages `pages` of `pdf_path` as a new PDF at `destination`."""
    with pikepdf.open(pdf_path) as source, pikepdf.new() as part:
        _check_range(source, pages)
        # Only the pages' drawing comes back from the part: links and form fields need not go with them.
        part.add_pages_from(source, range(pages.first - 1, pages.last), forms="strip")
        part.save(destination)


def put_pages_back(
    pdf_path: Path, rewritten: Sequence[tuple[PageRange, Path]], tooltips: Mapping[str, str] | None = None
) -> bytes:
    """`pdf_path` with the drawing of each range's pages taken from that range's rewritten PDF, and
    the form fields' `tooltips` (forms.translated_tooltips)."""
    try:
        with pikepdf.open(pdf_path) as pdf, ExitStack() as parts_open:
            for pages, part_path in rewritten:
                # Copied stream data is read from the part only when saving: it stays open until then.
                part = parts_open.enter_context(pikepdf.open(part_path))
                _check_range(pdf, pages)
                if len(part.pages) != pages.pages:
                    raise PermanentError(
                        ErrorCode.RENDER_FAILED,
                        f"pages {pages.first}-{pages.last} came back as {len(part.pages)} pages",
                    )
                for offset, page in enumerate(part.pages):
                    _copy_drawing(pdf, pdf.pages[pages.first - 1 + offset], part, page)
            write_tooltips(pdf, tooltips or {})
            buffer = BytesIO()
            pdf.save(buffer)
    except pikepdf.PdfError as exc:
        raise PermanentError(
            ErrorCode.RENDER_FAILED, f"could not put the rewritten pages together: {exc}"
        ) from exc
    return buffer.getvalue()


def _copy_drawing(pdf: pikepdf.Pdf, target: pikepdf.Page, part: pikepdf.Pdf, page: pikepdf.Page) -> None:
    for key in _REWRITTEN_KEYS:
        if key not in page.obj:
            continue
        value = page.obj[key]
        # qpdf copies only indirect objects between files.
        target.obj[key] = pdf.copy_foreign(value if value.is_indirect else part.make_indirect(value))


def _check_range(pdf: pikepdf.Pdf, pages: PageRange) -> None:
    if pages.last > len(pdf.pages):
        raise PermanentError(
            ErrorCode.RENDER_FAILED, f"pages {pages.first}-{pages.last} asked of a {len(pdf.pages)}-page PDF"
        )
