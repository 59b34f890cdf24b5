"""What the extract worker's main process reads before it forks its pool (docrelay_common.warm_up): a
small page of text in the two standard faces most documents fall back to, normalized and extracted
as a job's would be, and its blocks' languages detected among every language the detector knows.

lingua keeps the models it loaded for any detector in the process: with all of them loaded here (about
0.6 s and 50 MB, shared by the pool processes), a detector for whichever candidates the engines' catalog
names later loads nothing. The catalog cannot say which: the translators may not have published it yet.
"""

import tempfile
from pathlib import Path

import pikepdf

from docrelay_common.detection_languages import DETECTOR_LANGUAGES
from docrelay_common.document import Document
from docrelay_extractor.extract import extract_document
from docrelay_extractor.language import block_language
from docrelay_extractor.normalize import normalize_pdf

_FACES = {"/F1": pikepdf.Name.Helvetica, "/F2": pikepdf.Name("/Times-Roman")}
_CONTENT = b"""BT /F1 14 Tf 72 720 Td (Warming up the extractor) Tj ET
BT /F2 11 Tf 72 690 Td (A paragraph of two lines, set in a serif face, so that the reader) Tj
0 -13 Td (groups lines into a block as it does for every document.) Tj ET
BT /F1 10 Tf 72 640 Td (Item) Tj 200 0 Td (Amount) Tj -200 -12 Td (Paper) Tj 200 0 Td (12.50) Tj ET
"""


def warm_up() -> None:
    read_warm_up_page()


def read_warm_up_page() -> Document:
    """The warm-up page as the extract stage reads a job's: normalized, extracted, blocks' languages."""
    with tempfile.TemporaryDirectory(prefix="docrelay-warm-up-") as scratch:
        source = Path(scratch) / "warm-up.pdf"
        write_warm_up_pdf(source)
        normalized = Path(scratch) / "normalized.pdf"
        normalized.write_bytes(normalize_pdf(source).pdf)
        document = extract_document(normalized)
    for block in document.blocks():
        block.lang = block_language(block.text, DETECTOR_LANGUAGES)
    return document


def write_warm_up_pdf(destination: Path) -> None:
    with pikepdf.new() as pdf:
        fonts = {
            name: pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=face)
            for name, face in _FACES.items()
        }
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, 612, 792],
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(fonts)),
            Contents=pdf.make_stream(_CONTENT),
        )
        pdf.pages.append(pikepdf.Page(page))
        pdf.save(destination)
