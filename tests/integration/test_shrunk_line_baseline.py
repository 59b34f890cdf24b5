"""A line set smaller than its source stays on the source's baseline, beside what shares its row: the
real extractor reads a typeset page, the real reconstructor draws it, pdfplumber reads the glyphs back."""

from pathlib import Path

import pdfplumber
import pytest

from docrelay_reconstructor.reconstruct import reconstruct
from tests.support.typeset import typeset_and_extract

PAGE = """<html><head><style>
@page { size: 400pt 200pt; margin: 0 }
body { font-family: 'Liberation Sans'; font-size: 14pt }
div { position: absolute; white-space: nowrap }
</style></head><body>
<div style="left: 40pt; top: 60pt">Forcible rape</div><div style="left: 160pt; top: 60pt">17.5</div>
<div style="left: 40pt; top: 78pt">Burglary</div><div style="left: 160pt; top: 78pt">61.3</div>
<div style="left: 40pt; top: 96pt">Larceny</div><div style="left: 160pt; top: 96pt">92.0</div>
</body></html>"""


def baselines(pdf_path: Path) -> dict[str, float]:
    """The baseline (from the page's top) of each word's first glyph, by the word."""
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        words = page.extract_words(extra_attrs=["size"])
        return {word["text"]: page.height - _origin_y(page, word) for word in words}


def _origin_y(page: pdfplumber.page.Page, word: dict[str, float]) -> float:
    char = next(
        char for char in page.chars if abs(char["x0"] - word["x0"]) < 0.01 and char["top"] == word["top"]
    )
    return char["matrix"][5]


def test_a_label_shrunk_beside_its_number_keeps_its_baseline(tmp_path: Path) -> None:
    # The census's offences, shrunk from 6 to 5 points beside their rates, sat a point above them.
    base, document = typeset_and_extract(PAGE, tmp_path)
    blocks = {block.source_text: block for block in document.blocks()}
    blocks["Forcible rape"].text = "Violación con la fuerza"
    result = tmp_path / "result.pdf"
    result.write_bytes(reconstruct(base, document, tmp_path))

    drawn = baselines(result)
    source = baselines(base)
    with pdfplumber.open(result) as pdf:
        size = next(char["size"] for char in pdf.pages[0].chars if char["text"] == "V")
    assert size < 13  # shrunk: its number's column leaves it little room
    assert drawn["Violación"] == pytest.approx(source["Forcible"], abs=0.3)
    assert drawn["Violación"] == pytest.approx(drawn["17.5"], abs=0.3)
