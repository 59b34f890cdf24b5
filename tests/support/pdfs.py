"""PDFs assembled in tests from pages of real PDFs, or drawn operator by operator, for cases the corpus
has no single file for."""

from contextlib import ExitStack
from io import BytesIO
from pathlib import Path

import pikepdf
from pikepdf import Dictionary, Name


def pages_of(*pages: tuple[Path, int]) -> bytes:
    """A PDF made of these pages, each given as (file, 0-based page index), in this order."""
    buffer = BytesIO()
    # Copied page data is read from its source when saving: every source stays open until then.
    with ExitStack() as sources, pikepdf.new() as combined:
        for path, index in pages:
            combined.pages.append(sources.enter_context(pikepdf.open(path)).pages[index])
        combined.save(buffer)
    return buffer.getvalue()


def shown_text(x: float, y: float, text: str, render_mode: int = 0, font: str = "F1") -> bytes:
    """Content-stream operators showing `text` at (x, y) in Helvetica 11 (`font` F1), Courier 11 (F2) or
    Helvetica-Bold 11 (F3); render mode 3 is invisible."""
    literal = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"BT /{font} 11 Tf {render_mode} Tr {x} {y} Td ({literal}) Tj ET\n".encode()


def add_page(pdf: pikepdf.Pdf, content: bytes, image: pikepdf.Stream | None = None) -> None:
    """A US Letter page drawing `content`, with Helvetica as /F1, Courier as /F2, Helvetica-Bold as /F3
    and `image`, if any, as /Scan."""
    resources = Dictionary(
        Font=Dictionary(
            F1=Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica),
            F2=Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Courier),
            F3=Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name("/Helvetica-Bold")),
        )
    )
    if image is not None:
        resources.XObject = Dictionary(Scan=image)
    page = Dictionary(Type=Name.Page, MediaBox=[0, 0, 612, 792], Resources=resources)
    page.Contents = pdf.make_stream(content)
    pdf.pages.append(pikepdf.Page(page))


def saved_page(path: Path, content: bytes) -> Path:
    """A one-page PDF at `path` drawing `content` (add_page), returned."""
    with pikepdf.new() as pdf:
        add_page(pdf, content)
        pdf.save(path)
    return path
