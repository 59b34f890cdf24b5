"""Source PDFs typeset here by WeasyPrint from HTML, and what the real extractor reads in them."""

from collections.abc import Iterable, Sequence
from pathlib import Path

from weasyprint import HTML

from docrelay_common.document import Document
from docrelay_extractor.extract import extract_document
from docrelay_extractor.normalize import normalize_pdf


def typeset_and_extract(html: str, directory: Path) -> tuple[Path, Document]:
    """The normalized PDF of `html` (written in `directory`, as the pipeline's base PDF) and its document."""
    source = directory / "source.pdf"
    source.write_bytes(HTML(string=html).write_pdf())
    base = directory / "base.pdf"
    base.write_bytes(normalize_pdf(source).pdf)
    return base, extract_document(base)


def html_table(heads: Sequence[str], rows: Iterable[Sequence[str]], shares: Sequence[int] = ()) -> str:
    """A table of a row of heads over `rows`, its columns `shares` of its width in percent (as wide as
    their text if not given)."""
    widths = "".join(f"<col style='width: {share}%'>" for share in shares)
    return (
        f"<table><colgroup>{widths}</colgroup><tr>"
        + "".join(f"<th>{head}</th>" for head in heads)
        + "</tr>"
        + "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
        + "</table>"
    )
