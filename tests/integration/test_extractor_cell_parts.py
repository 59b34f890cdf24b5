"""A table cell of two paragraphs in two styles is two blocks: a talk's title over its speaker in grey
italics, a dish in bold over its description in smaller type. Read as one block, the speaker's name was
translated as the end of the title's sentence and set running on after it, in the title's colour. (Where
a cell stays whole: tests/unit/test_extractor_cell_parts.py.)
"""

from collections.abc import Sequence
from pathlib import Path

import pdfplumber
from weasyprint import HTML

from bench.pipeline import APERTIUM, OK, RESULT_PDF, TRANSLATED_JSON, run_pipeline
from docrelay_common.document import Document, TextBlock
from docrelay_extractor.extract import extract_document
from docrelay_extractor.geometry import contains

PAGE = (
    "<html><head><style>@page {{ size: A4; margin: 18mm }}"
    " body {{ font-family: 'DejaVu Sans'; font-size: 8.5pt; line-height: 1.3 }}"
    " table {{ border-collapse: collapse; width: 100% }}"
    " td, th {{ border: 0.6pt solid #333; padding: 3pt 4pt; text-align: left; vertical-align: top }}"
    " .who {{ color: #555; font-style: italic }} .about {{ font-size: 7pt }}</style></head>"
    "<body><table>{rows}</table></body></html>"
)
# The speakers' colour.
GREY = "#555555"
HEADS = "<tr><th>Time</th><th>Room A: Data</th><th>Room B: Security</th><th>Room C: Design</th></tr>"
# Talks: a title over its speaker.
TALKS = (
    "Building reliable data pipelines<br><span class=who>Tom Becker</span>",
    "Threat modelling for small teams<br><span class=who>Aisha Khan</span>",
    "Accessible forms that people can actually use<br><span class=who>Lena Novak</span>",
    "Streaming analytics at scale<br><span class=who>Rui Santos</span>",
    "Passwordless login in practice<br><span class=who>Ben Carter</span>",
    "Design systems for government services<br><span class=who>Kate Moore</span>",
)


def _programme(talks: Sequence[str] = TALKS) -> str:
    """A conference's programme, the six talks (HTML) at 10:00 and 11:00: the keynote's title and speaker
    centred across the three rooms, some titles wrapped."""
    return (
        HEADS + "<tr><td>09:00</td><td colspan=3 style='text-align: center'>Opening keynote: The future of"
        " open source software<br><span class=who>Maria Lopez, Open Foundation</span></td></tr>"
        f"<tr><td>10:00</td><td>{talks[0]}</td><td>{talks[1]}</td><td>{talks[2]}</td></tr>"
        f"<tr><td>11:00</td><td>{talks[3]}</td><td>{talks[4]}</td><td>{talks[5]}</td></tr>"
        "<tr><td>12:00</td><td colspan=3 style='text-align: center'><i>Lunch break in the main hall</i>"
        "</td></tr>"
        "<tr><td>13:30</td><td>Workshop: cleaning messy spreadsheets</td><td>Incident response drills</td>"
        "<td>Usability testing on a budget</td></tr>"
    )


def _pdf(path: Path, rows: str) -> Path:
    HTML(string=PAGE.format(rows=rows)).write_pdf(path)
    return path


def _cells(path: Path) -> list[TextBlock]:
    return [block for block in extract_document(path).pages[0].blocks if block.cell is not None]


def _texts_by_cell(path: Path) -> dict[tuple[int, int], list[str]]:
    """The texts of each cell's blocks, top to bottom, by (row, column)."""
    texts: dict[tuple[int, int], list[str]] = {}
    for block in sorted(_cells(path), key=lambda block: block.bbox.top):
        assert block.cell is not None
        texts.setdefault((block.cell.row, block.cell.column), []).append(block.source_text)
    return texts


def test_a_title_over_its_speaker_in_grey_italics_is_two_blocks_of_one_cell(tmp_path: Path) -> None:
    source = _pdf(tmp_path / "programme.pdf", _programme())

    texts = _texts_by_cell(source)

    assert texts[1, 1] == [
        "Opening keynote: The future of open source software",
        "Maria Lopez, Open Foundation",
    ]
    assert texts[2, 1] == ["Building reliable data pipelines", "Tom Becker"]
    assert texts[3, 2] == ["Passwordless login in practice", "Ben Carter"]
    assert texts[4, 0] == ["12:00"]
    assert texts[4, 2] == ["Lunch break in the main hall"]
    cells = _cells(source)
    for speaker in (block for block in cells if block.style.color == GREY):
        assert speaker.cell is not None
        place = speaker.cell.row, speaker.cell.column
        [title] = [
            block
            for block in cells
            if block is not speaker
            and block.cell is not None
            and (block.cell.row, block.cell.column) == place
        ]
        assert title.cell is not None and speaker.cell is not None
        # The parts share the cell: the title's box ends where the speaker's begins, each holds its text.
        assert title.cell.bbox.bottom == speaker.cell.bbox.top
        assert (title.cell.bbox.x0, title.cell.bbox.x1) == (speaker.cell.bbox.x0, speaker.cell.bbox.x1)
        assert contains(title.cell.bbox, title.bbox) and contains(speaker.cell.bbox, speaker.bbox)
        assert speaker.style.italic and not title.style.italic


def test_a_dish_in_bold_over_its_description_in_smaller_type_is_two_blocks(tmp_path: Path) -> None:
    rows = (
        "<tr><th>Dish</th><th>Price</th></tr>"
        "<tr><td><b>Grilled sea bass</b><br><span class=about>With fennel, lemon and new potatoes</span></td>"
        "<td>18.50</td></tr>"
        "<tr><td><b>Mushroom risotto</b><br><span class=about>Arborio rice, parmesan and thyme</span></td>"
        "<td>14.00</td></tr>"
        "<tr><td><b>Lamb shank</b><br><span class=about>Slow cooked, with garlic mash</span></td>"
        "<td>21.00</td></tr>"
        "<tr><td><b>Bread basket</b></td><td>4.00</td></tr>"
    )

    texts = _texts_by_cell(_pdf(tmp_path / "menu.pdf", rows))

    assert texts[1, 0] == ["Grilled sea bass", "With fennel, lemon and new potatoes"]
    assert texts[2, 0] == ["Mushroom risotto", "Arborio rice, parmesan and thyme"]
    assert texts[4, 0] == ["Bread basket"]


def test_after_translation_the_speaker_stays_under_the_title_in_grey_italics(tmp_path: Path) -> None:
    source = _pdf(tmp_path / "programme.pdf", _programme())

    outcome = run_pipeline(source, tmp_path, APERTIUM)

    assert (outcome.outcome, outcome.engine) == (OK, "apertium en>es")
    document = Document.model_validate_json((tmp_path / TRANSLATED_JSON).read_text())
    speakers = [
        block for block in document.pages[0].blocks if block.cell is not None and block.style.color == GREY
    ]
    assert len(speakers) == 7
    with pdfplumber.open(tmp_path / RESULT_PDF) as output:
        chars = output.pages[0].chars
        for speaker in speakers:
            assert speaker.cell is not None
            box = speaker.cell.bbox
            drawn = [
                char
                for char in chars
                if box.x0 <= (char["x0"] + char["x1"]) / 2 <= box.x1
                and box.top <= (char["top"] + char["bottom"]) / 2 <= box.bottom
                and not char["text"].isspace()
            ]
            # The name alone in its part of the cell, as the source set it: grey italics.
            assert "".join(char["text"] for char in drawn) == speaker.text.replace(" ", "")
            assert all("Oblique" in char["fontname"] or "Italic" in char["fontname"] for char in drawn)
            assert {_grey(char["non_stroking_color"]) for char in drawn} == {True}


def _grey(color: tuple[float, ...] | list[float] | float | None) -> bool:
    """A mid grey in any colour space (#555 is a third of the way from black to white)."""
    components = color if isinstance(color, tuple | list) else (color,)
    return all(component is not None and 0.25 < component < 0.45 for component in components)
