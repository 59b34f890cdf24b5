"""Bullets a PDF shows by WinAnsiEncoding's unused codes are bullets, and a list of them is no table.

ReportLab sets a list item's bullet in Helvetica as code 127, which WinAnsiEncoding leaves unused and the
PDF specification maps to the bullet (Annex D.2, note 6). pdfminer read "(cid:127)": the bullets were
dropped from the text while their glyphs went with it, and the translated list had none.
"""

from pathlib import Path

import pikepdf
from pikepdf import Dictionary, Name

from docrelay_extractor.extract import extract_document
from tests.support.pdfs import shown_text

ITEMS = ["Project management", "Budget planning and reporting", "Stakeholder communication"]


def helvetica_page(path: Path, content: bytes) -> None:
    with pikepdf.new() as pdf:
        helvetica = Dictionary(
            Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding
        )
        page = Dictionary(
            Type=Name.Page, MediaBox=[0, 0, 612, 792], Resources=Dictionary(Font=Dictionary(F1=helvetica))
        )
        page.Contents = pdf.make_stream(content)
        pdf.pages.append(pikepdf.Page(page))
        pdf.save(path)


def reportlab_like_list(path: Path) -> None:
    """A heading and three items, each a bullet (code 127) set apart from its text, as ReportLab's
    `bulletText` draws them, then a paragraph."""
    content = shown_text(72, 700, "Skills")
    for index, item in enumerate(ITEMS):
        y = 680 - 16 * index
        content += shown_text(72, y, "\x7f") + shown_text(84, y, item)
    content += shown_text(72, 620, "Everything else about the applicant is told on the next page.")
    helvetica_page(path, content)


def test_a_bullet_set_by_an_unused_win_ansi_code_reads_as_a_bullet_and_its_list_is_no_table(
    tmp_path: Path,
) -> None:
    source = tmp_path / "list.pdf"
    reportlab_like_list(source)

    document = extract_document(source)
    texts = [block.source_text for block in document.blocks()]

    assert not any("cid" in text for text in texts), texts
    for item in ITEMS:
        assert f"• {item}" in texts or ("•" in texts and item in texts), texts
    assert document.pages[0].tables == [], document.pages[0].tables


def test_a_tables_column_of_item_letters_set_well_before_the_next_is_a_table(tmp_path: Path) -> None:
    # A checklist: "a)" | "Passport", three ems apart, as a table's cells are (a list's marks stand closer).
    source = tmp_path / "checklist.pdf"
    items = ["Passport", "Tickets", "Insurance", "Visa"]
    content = b"".join(
        shown_text(72, 700 - 16 * index, f"{letter})") + shown_text(110, 700 - 16 * index, item)
        for index, (letter, item) in enumerate(zip("abcd", items, strict=True))
    )
    helvetica_page(source, content)

    (page,) = extract_document(source).pages
    cells = {block.source_text: block.cell for block in page.blocks}

    assert len(page.tables) == 1 and cells["c)"] is not None and cells["Insurance"] is not None
    assert cells["c)"].row == cells["Insurance"].row
