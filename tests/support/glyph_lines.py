"""Lines of pdfminer's own LTChar glyphs, laid out on a baseline as a PDF would draw them: the input of
the extractor's line-level rules (formulas, footnote marks), built by hand."""

from pdfminer.layout import LTAnno, LTChar
from pdfminer.pdfcolor import PREDEFINED_COLORSPACE
from pdfminer.pdffont import PDFFont
from pdfminer.pdfinterp import PDFGraphicState

from docrelay_extractor.glyph_text import Item

SIZE = 10.0
BASELINE = 700.0
PAGE_HEIGHT = 842.0
TEXT, MATH, SYMBOLS = "ABCDEF+CMR10", "GHIJKL+CMMI10", "MNOPQR+CMSY10"


class Line:
    """Glyphs set one after the other from the left margin, as a typesetter would."""

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.x = 72.0

    def add(
        self,
        text: str,
        font: str = TEXT,
        width: float = 0.5,
        size: float = SIZE,
        rise: float = 0.0,
        drawn_spaces: bool = False,
    ) -> "Line":
        """`text` glyph after glyph; a space is pdfminer's guess (no glyph) unless `drawn_spaces`."""
        for char in text:
            if char == " " and not drawn_spaces:
                self.items.append(LTAnno(" "))
                self.x += 0.33 * SIZE
                continue
            pdf_font = PDFFont({"FontName": font, "Descent": -250, "FontBBox": [0, -250, 1000, 750]}, {})
            matrix = (1.0, 0.0, 0.0, 1.0, self.x, BASELINE + rise)
            graphics = PDFGraphicState()
            self.items.append(
                LTChar(
                    matrix,
                    pdf_font,
                    size,
                    1.0,
                    0.0,
                    char,
                    width,
                    0.0,  # no vertical displacement: horizontal text
                    PREDEFINED_COLORSPACE["DeviceGray"],
                    graphics,
                )
            )
            self.x += width * size
        return self

    def gap(self, points: float) -> "Line":
        self.x += points
        return self

    def guessed_space(self, points: float) -> "Line":
        """A gap pdfminer takes for a word break: a space it guesses, no glyph."""
        self.items.append(LTAnno(" "))
        return self.gap(points)
