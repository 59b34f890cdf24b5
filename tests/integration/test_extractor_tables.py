"""Table cells stay separate blocks: cell borders split pdfminer's lines and stop paragraphs."""

from pathlib import Path

from docrelay_extractor.extract import extract_document


def test_every_cell_of_a_ruled_table_is_its_own_block(sample_pdf: Path) -> None:
    texts = [block.text for block in extract_document(sample_pdf).pages[0].blocks]
    for cell in (
        "Day",
        "Morning",
        "Afternoon",
        "Monday to Friday",
        "9:00 to 13:00",
        "15:00 to 20:00",
        "Saturday",
        "10:00 to 14:00",
        "Sunday",
    ):
        assert cell in texts
    assert texts.count("closed") == 3


def test_prose_next_to_the_table_is_untouched(sample_pdf: Path) -> None:
    blocks = extract_document(sample_pdf).pages[0].blocks
    rules = next(block for block in blocks if block.text.startswith("Please speak quietly"))
    assert rules.line_count == 3 and rules.text.endswith("enjoy your visit.")
