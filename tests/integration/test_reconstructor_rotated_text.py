"""Text the translation does not replace stays as the PDF draws it (untranslated numbers), while rotated
labels are translated like the rest (more in test_rotated_and_vertical_text.py).

The source PDFs are made here: WeasyPrint sets a page with a label turned by CSS, and pikepdf writes a
line whose words and number are drawn by separate operators. Each goes through the real extractor, is
"translated" by upper-casing, and is rebuilt by the reconstructor.
"""

from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pdfplumber
import pikepdf
from weasyprint import HTML

from docrelay_common.document import Document
from docrelay_extractor.extract import extract_document
from docrelay_extractor.normalize import normalize_pdf
from docrelay_reconstructor.reconstruct import reconstruct

Chars = list[dict]

LABELLED_PAGE = """<html><head><style>
@page { size: 400pt 300pt; margin: 0 }
body { margin: 0; font-family: 'DejaVu Serif'; font-size: 12pt }
p { position: absolute; left: 60pt; top: 40pt; width: 280pt; margin: 0 }
.label { position: absolute; left: 10pt; top: 200pt; transform: rotate(-90deg); transform-origin: left top }
.number { position: absolute; left: 190pt; top: 260pt }
</style></head><body>
<p>The quick brown fox jumps over the lazy dog near the river bank every morning.</p>
<div class="label">Draft copy, not for release</div>
<div class="number">42</div>
</body></html>"""
LABEL = "Draft copy, not for release"


def translated(source: Path, directory: Path, mangle: Callable[[bytes], bytes] = lambda pdf: pdf) -> Path:
    """The source through extraction, upper-casing of the translatable blocks and reconstruction.

    `mangle` changes the PDF the reconstructor works from, after the extraction.
    """
    base = directory / "base.pdf"
    base.write_bytes(normalize_pdf(source).pdf)
    document = extract_document(base)
    base.write_bytes(mangle(base.read_bytes()))
    upper_cased(document)
    result = directory / "result.pdf"
    result.write_bytes(reconstruct(base, document, directory))
    return result


def upper_cased(document: Document) -> None:
    for block in document.blocks():
        if block.translatable:
            block.text = block.text.upper()


def chars(path: Path) -> Chars:
    with pdfplumber.open(path) as pdf:
        return list(pdf.pages[0].chars)


def text(found: Chars, upright: bool) -> str:
    return "".join(char["text"] for char in found if char["upright"] is upright)


def drawn(found: Chars, shown: str) -> list[tuple[str, str, float, float]]:
    """Glyphs of these characters as they are drawn: font, and position to 0.01 pt."""
    return [
        (char["text"], char["fontname"], round(char["x0"], 2), round(char["top"], 2))
        for char in found
        if char["text"] in shown
    ]


def test_a_rotated_label_is_translated_and_an_untranslated_number_stays_as_drawn(tmp_path: Path) -> None:
    source = tmp_path / "labelled.pdf"
    source.write_bytes(HTML(string=LABELLED_PAGE).write_pdf())
    assert text(chars(source), upright=False).replace(" ", "") == LABEL.replace(" ", "")

    result = chars(translated(source, tmp_path))

    assert text(result, upright=False).replace(" ", "") == LABEL.upper().replace(" ", "")
    upright = text(result, upright=True)
    assert "THEQUICKBROWNFOX" in upright.replace(" ", "")
    assert not any(char.islower() for char in upright), "the source paragraph is gone"
    # The number is the source's own glyphs, once, where they were.
    assert drawn(result, "42") == drawn(chars(source), "42")


def line_with_a_total(path: Path) -> None:
    """One line, "Total due" and a number three ems apart, drawn by three operators in one text object."""
    with pikepdf.new() as pdf:
        page = pdf.add_blank_page(page_size=(300, 200))
        font = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
            )
        )
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.obj.Contents = pdf.make_stream(b"BT /F1 12 Tf 40 120 Td (Total due) Tj [-3000] TJ (1234) Tj ET")
        pdf.save(path)


def test_a_kept_number_after_removed_words_keeps_its_place_on_the_line(tmp_path: Path) -> None:
    source = tmp_path / "total.pdf"
    line_with_a_total(source)

    result = chars(translated(source, tmp_path))

    assert "TOTALDUE" in text(result, upright=True).replace(" ", "")
    assert "Total" not in text(result, upright=True)
    assert drawn(result, "1234") == drawn(chars(source), "1234")


def with_an_operator_pdfminer_skips(pdf_bytes: bytes) -> bytes:
    """A Tj without its string: qpdf lists it, pdfminer does not run it, so their counts differ."""
    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        pdf.pages[0].contents_add(b"BT Tj ET")
        buffer = BytesIO()
        pdf.save(buffer)
    return buffer.getvalue()


def test_a_page_counted_differently_loses_all_old_text_but_keeps_every_block(tmp_path: Path) -> None:
    source = tmp_path / "total.pdf"
    line_with_a_total(source)

    result = chars(translated(source, tmp_path, mangle=with_an_operator_pdfminer_skips))

    assert text(result, upright=True).replace(" ", "") == "TOTALDUE1234"
    assert {char["fontname"] for char in result}.isdisjoint({"Helvetica"})
