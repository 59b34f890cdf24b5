"""Text drawn invisibly (render mode 3) under a form field is left as it is: not read, not translated,
still invisible in the output. A grant form kept an old value so under a field ("NGMS Agency" under
"U.S. Department of Interior"), and it came back translated, drawn over the field's value. The invisible
layer OCR lays over a scan, or over text set as outlines, is still read."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
from pdfminer.layout import LTChar, LTContainer
from pikepdf import Dictionary, Name

from bench.pipeline import APERTIUM, OK, RESULT_PDF, run_pipeline
from docrelay_extractor.extract import extract_document
from docrelay_extractor.hidden_text import is_invisible, page_layout
from tests.support.pdfs import add_page, shown_text

VISIBLE = [
    "This form asks for the name of the federal agency that funds the project.",
    "Write the name as the agency writes it in its own letters and notices.",
    "Name of the federal agency:",
]
HIDDEN = "Former Agency Office"


def _form(path: Path, with_scan: bool) -> Path:
    """Page 1: a form's text, and under its fillable field a value drawn invisibly. Page 2 (`with_scan`):
    a scan (a grey image) under an invisible OCR layer, and text drawn invisibly over nothing (a layer
    over text set as outlines)."""
    pdf = pikepdf.new()
    lines = b"".join(shown_text(72, 700 - 16 * index, text) for index, text in enumerate(VISIBLE))
    # Under the field, an old value; under a visible line, an invisible copy of an older wording.
    hidden = shown_text(76, 634, HIDDEN, render_mode=3) + shown_text(72, 668, "Agency of the former name", 3)
    add_page(pdf, lines + b"0.5 w 72 630 300 16 re S\n" + hidden)
    field = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, T="agency", Rect=[72, 630, 372, 646], F=4
        )
    )
    pdf.pages[0].Annots = pikepdf.Array([field])
    pdf.Root.AcroForm = Dictionary(Fields=[field])
    if with_scan:
        grey = pikepdf.Stream(
            pdf,
            bytes([200]) * 16,
            Type=Name.XObject,
            Subtype=Name.Image,
            Width=4,
            Height=4,
            ColorSpace=Name.DeviceGray,
            BitsPerComponent=8,
        )
        ocr = b"".join(
            shown_text(72, 700 - 16 * index, text, render_mode=3) for index, text in enumerate(VISIBLE)
        )
        outlined = shown_text(72, 300, "Text set as outlines carries its words invisibly.", render_mode=3)
        add_page(pdf, b"q 612 0 0 396 0 396 cm /Scan Do Q\n" + ocr + outlined, image=grey)
    pdf.save(path)
    return path


def test_invisible_text_under_a_form_field_is_not_read(tmp_path):
    form, scan = extract_document(_form(tmp_path / "form.pdf", with_scan=True)).pages
    texts = " ".join(block.source_text for block in form.blocks)
    assert "Name of the federal agency:" in texts
    assert "Former" not in texts and "former name" not in texts
    # The OCR layer over a scan is invisible too, and is the scan's text; so is a layer over nothing.
    read = " ".join(block.source_text for block in scan.blocks)
    assert "Name of the federal agency:" in read
    assert "Text set as outlines" in read


def test_invisible_text_stays_invisible_and_untranslated(tmp_path):
    run = run_pipeline(_form(tmp_path / "form.pdf", with_scan=False), tmp_path, APERTIUM)
    assert run.outcome == OK, run
    with pdfplumber.open(tmp_path / RESULT_PDF) as result:
        glyphs = list(_glyphs(page_layout(result.pages[0])))
    hidden = "".join(char.get_text() for char in glyphs if is_invisible(char))
    shown = "".join(char.get_text() for char in glyphs if not is_invisible(char))
    assert HIDDEN.replace(" ", "") in hidden.replace(" ", "")
    assert "Former" not in shown
    # The visible text was translated (Apertium en>es).
    assert "agencia" in shown.lower()


def _glyphs(container: LTContainer[Any]) -> Iterator[LTChar]:
    for item in container:
        if isinstance(item, LTChar):
            yield item
        elif isinstance(item, LTContainer):
            yield from _glyphs(item)
