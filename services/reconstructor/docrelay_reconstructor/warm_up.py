"""What the reconstruct worker's main process does before it forks its pool (docrelay_common.warm_up):
a small page of lines in the common Latin faces, translated over as a job's would be. That
loads WeasyPrint and its stylesheets, asks fontconfig for the installed families and the faces of the
Latin families, reads their fonts' tables and parses a page's content with pdfminer: most of what a
process's first page costs (about 0.3 s), none of which changes between jobs.
"""

import tempfile
from pathlib import Path

from weasyprint import HTML

from docrelay_common.document import BBox, Document, Page, TextBlock, TextStyle
from docrelay_reconstructor.reconstruct import reconstruct

# The faces most Latin documents are set in: sans-serif and serif, regular and bold, and an italic.
_FACES = [
    ("Helvetica-Bold", "bold 14pt/17pt Helvetica, sans-serif"),
    ("Helvetica", "11pt/13pt Helvetica, sans-serif"),
    ("Times-Roman", "11pt/13pt Times, serif"),
    ("Times-Bold", "bold 11pt/13pt Times, serif"),
    ("Times-Italic", "italic 11pt/13pt Times, serif"),
]
_SOURCE_TEXT = "A line of text, rewritten in another language."
_TRANSLATION = "Une ligne de texte, réécrite dans une autre langue."
_TOP, _PITCH = 72, 30


def _source_page() -> str:
    lines = "".join(
        f'<p style="top: {_TOP + _PITCH * index}pt; font: {css}">{_SOURCE_TEXT}</p>'
        for index, (_, css) in enumerate(_FACES)
    )
    page_style = "@page { size: 612pt 792pt; margin: 0 } p { position: absolute; left: 72pt; margin: 0 }"
    return f"<style>{page_style}</style>{lines}"


def _document() -> Document:
    blocks = [
        TextBlock(
            id=f"warm-up-{index}",
            bbox=BBox(x0=72, top=_TOP + _PITCH * index, x1=340, bottom=_TOP + _PITCH * index + 14),
            text=_TRANSLATION,
            source_text=_SOURCE_TEXT,
            style=TextStyle(font=font, size=11, bold="Bold" in font, italic="Italic" in font),
        )
        for index, (font, _) in enumerate(_FACES)
    ]
    page = Page(number=1, width=612, height=792, blocks=blocks)
    return Document(source_lang="en", target_lang="fr", pages=[page])


def warm_up() -> None:
    translate_warm_up_page()


def translate_warm_up_page() -> bytes:
    """The warm-up page's PDF with its lines rewritten in French, as the stage rewrites a job's pages."""
    with tempfile.TemporaryDirectory(prefix="docrelay-warm-up-") as scratch:
        source = Path(scratch) / "warm-up.pdf"
        HTML(string=_source_page()).write_pdf(source)
        return reconstruct(source, _document(), Path(scratch))
