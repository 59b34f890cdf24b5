"""The normalized PDF cut into one small PDF per page range, once, when the job is planned.

pdfminer builds an object for every page of a file before it reads any (`PDF.pages` ->
`PDFPage.create_pages`), so a range read out of the whole document costs as much as the document, and
a document of N pages costs N² / range size. Cut once, a range costs only its own pages, in the extract
parts and in the reconstruct parts alike.
"""

from collections.abc import Iterator, Sequence
from io import BytesIO
from pathlib import Path

import pikepdf
from pikepdf import Name

from docrelay_common.messages import PageRange


def range_pdfs(base_pdf: Path, parts: Sequence[PageRange]) -> Iterator[tuple[PageRange, bytes]]:
    """Each range of `base_pdf` as a PDF of its own pages, in order; the base is read once."""
    with pikepdf.open(base_pdf) as source:
        for part in parts:
            yield part, _range_pdf(source, part)


def _range_pdf(source: pikepdf.Pdf, part: PageRange) -> bytes:
    with pikepdf.new() as pdf:
        for page in source.pages[part.first - 1 : part.last]:
            # Links point at other pages, whose whole drawing would be copied along with them. No stage
            # reads annotations from a range (the finished PDF keeps the base's own): dropped, in memory.
            if Name.Annots in page.obj:
                del page.obj[Name.Annots]
            pdf.pages.append(page)
        buffer = BytesIO()
        pdf.save(buffer)
    return buffer.getvalue()
