"""Source PDFs typeset here by WeasyPrint from HTML, and what the real extractor reads in them."""

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
