"""The extracted-document model, versioned like BabelDOC's intermediate language.

Coordinates are PDF points relative to the top-left corner of the page's MediaBox as displayed, i.e. after
its /Rotate is applied; `Page.width`/`height` are that displayed size and `Page.number` counts from 1.
Every stage reads a document and writes a new one; `text` is the current text of a block and
`source_text` keeps what the PDF said.

Formulas set inside a line of text travel as one Private Use character each (a formula token, see
`formula_token`) in `text` and `source_text`; `TextBlock.math` says what each token stands for. Display
equations are blocks of kind "math", never translated.

Version 2 added table cells (`TextBlock.cell`, `Page.tables`), dot leaders (`TextBlock.leader`), form
fields (`Page.form_fields`), formulas (`TextBlock.kind`, `TextBlock.math`) and typeface classes
(`TextStyle.typeface`), and later the page's rules (`Page.rules`), a block's inline code
(`TextBlock.code`), the sentence it goes on with (`TextBlock.continues`), its first line's indent
(`TextBlock.indent`) and its words in another weight or slant (`TextBlock.emphasis`); a block's language and
its OCR facts (`lang`, `source`, `confidence`, `ink`, `Page.ocr`) came late in version 1. Every
addition since version 1 is optional with a default, and so must later ones be: a version-1 document is
read as a version-2 one without tables, fields or formulas.
"""

import re
from collections.abc import Iterable, Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from docrelay_common.line_joins import CJK_CHARS

DOCUMENT_MODEL_VERSION = 3
# Formula tokens are characters of Supplementary Private Use Area-A: no PDF maps its glyphs there, unlike
# the Private Use Area of the Basic Multilingual Plane (Symbol fonts' U+F020-F0FF).
FORMULA_TOKEN_BASE = 0xF0000
FORMULA_TOKEN_LIMIT = 0xFFFFD
# Boxes on one row share more than this part of the lower one's height (BBox.side_by_side).
ROW_SHARE = 0.5

Typeface = Literal["serif", "sans", "mono"]


class BBox(BaseModel):
    model_config = ConfigDict(frozen=True)

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def shares_row(self, other: "BBox") -> bool:
        """Sharing more than half the lower one's height: on one row of a form or a table."""
        shared = min(self.bottom, other.bottom) - max(self.top, other.top)
        return shared > ROW_SHARE * min(self.height, other.height)

    def side_by_side(self, other: "BBox") -> bool:
        """On one row with `other` and apart from it."""
        return self.shares_row(other) and (self.x1 <= other.x0 or other.x1 <= self.x0)

    def labels(self, field: "BBox", texts: Iterable["BBox"]) -> bool:
        """Is this text a label of the form field: side by side with it, and none of `texts` (the
        page's other words: line numbers and dot leaders between a label and its field are no text
        here) on their row between them? A column of prose beside a table of fields labels none of
        them. (The extractor cuts items at any field's row: `side_by_side`.)"""
        if not self.side_by_side(field):
            return False
        left, right = (self.x1, field.x0) if self.x1 <= field.x0 else (field.x1, self.x0)
        return not any(text.x1 > left and text.x0 < right and self.shares_row(text) for text in texts)


class TextStyle(BaseModel):
    model_config = ConfigDict(frozen=True)

    font: str = ""
    size: float = 10.0
    color: str = "#000000"
    bold: bool = False
    italic: bool = False
    # The class of the source font, from its name, descriptor and widths; None when nobody looked.
    typeface: Typeface | None = None


class InlineMath(BaseModel):
    """A formula inside a line of text, which moves with the translated line as the source drew it."""

    model_config = ConfigDict(frozen=True)

    # The formula token standing for it in the block's text.
    token: str
    # Around its glyphs' boxes.
    bbox: BBox
    # Where its pen starts, and the baseline of the line it sits in (not its own: scripts are raised).
    origin_x: float
    baseline: float
    # The room it takes in the line, in points.
    advance: float
    # How many glyphs draw it: the reconstructor finds exactly these again.
    glyphs: int
    # What its glyphs read as.
    text: str
    # False when it cannot be moved as its glyphs alone (an inline fraction's rule): its block stays.
    movable: bool = True


class Emphasis(BaseModel):
    """Words of a block set in another weight or slant than the block's style, or underlined:
    `text[start:end]` (a term in italics, "Form 1040" in bold inside a regular sentence, a link)."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    bold: bool
    italic: bool
    underline: bool = False


class TableCell(BaseModel):
    """Where a block sits in a table: row and column count from 0 at the top left of its table."""

    model_config = ConfigDict(frozen=True)

    table: str  # the id of a Table of the block's page
    row: int
    column: int
    # Columns the cell covers, from `column` on (a header over two columns).
    column_span: int = 1
    # The cell's area, or its part's share of it where the cell holds two paragraphs in two styles (a
    # talk's title over its speaker: a block each): its text is drawn inside it, never beyond.
    bbox: BBox


class Table(BaseModel):
    id: str
    bbox: BBox
    rows: int
    columns: int
    # Drawn with rules (lines, boxes, stripes) rather than set apart by white space alone.
    ruled: bool = False


class FormField(BaseModel):
    """A widget of a fillable form field on the page; its tooltip (/TU) is translated like a block's text."""

    # "<object number> <generation>" of the field dictionary that holds the tooltip, in the source PDF.
    ref: str
    name: str
    bbox: BBox
    text: str = ""
    source_text: str = ""


class TextBlock(BaseModel):
    id: str
    bbox: BBox
    text: str
    source_text: str
    style: TextStyle = TextStyle()
    line_count: int = 1
    # False for blocks whose text must not go to a translator (numbers only, unmapped glyphs).
    translatable: bool = True
    # How the source lines sit in the box, for setting the translation the same way.
    align: Literal["left", "center", "right", "justify"] = "left"
    # Degrees clockwise the text is turned on the page: at 90 its lines run downwards, at 270 upwards.
    # Alignment and line count are those of the turned lines; bbox stays the box on the displayed page.
    rotation: Literal[0, 90, 180, 270] = 0
    # Vertical CJK: upright glyphs in columns read top to bottom, the columns right to left. The columns
    # are the block's lines, laid out as those of text turned by 90 degrees.
    vertical: bool = False
    # The block's own language, set when detection is confident of it; a block whose language differs
    # from the document's is translated from its own language.
    lang: str | None = None
    # Where the text was read: the PDF's text layer, or the page's image by OCR.
    source: Literal["pdf", "ocr"] = "pdf"
    # OCR only: the mean confidence of its words (0-100, weighted by their characters).
    confidence: float | None = None
    # OCR only: the boxes of its words on the page as scanned (on a skewed scan, each word's envelope),
    # which a translation must paint over; empty: the bbox.
    ink: list[BBox] = Field(default_factory=list)
    # "math": a display equation (or a piece of one), drawn as the source drew it.
    kind: Literal["text", "math"] = "text"
    # The formulas whose tokens `text` holds, in order.
    math: list[InlineMath] = Field(default_factory=list)
    # The table cell the block is (or a part of), if any; a cell is never merged with another.
    cell: TableCell | None = None
    # Dot leaders the source draws after the text up to the box's right edge (" ." or "." or "_"), left out
    # of `text` and `source_text`: the translation is followed by as many as fill the same width.
    leader: str = ""
    # Words set in a monospaced font inside text in another (identifiers, commands, values: "is.nan(xx)",
    # "TRUE"): every occurrence in `source_text` (`code_occurrences`) is kept as it is by translation.
    code: list[str] = Field(default_factory=list)
    # The id of the block whose sentence this one goes on with, cut from it by the end of a column or a
    # page ("specify arti-" / "cles and adjust"): translation takes the sentence whole and shares it out.
    continues: str | None = None
    # Points the first line starts right of the box's left edge, in a paragraph of lines set from the
    # left: its indent, or the room a run-in heading takes before it ("IRA deduction expanded." | "If you
    # were" over "covered by a retirement plan ...": the heading is a block of its own).
    indent: float = 0.0
    # Its words set in another weight or slant than `style`, or underlined, by offsets into `text`; a stage
    # that rewrites `text` carries them along (docrelay_common.emphasis).
    emphasis: list[Emphasis] = Field(default_factory=list)
    # The lines the source draws under its underlined words, as flat boxes: drawn again under the words
    # of a translation, they go from where the source drew them.
    underlines: list[BBox] = Field(default_factory=list)


class ImageRef(BaseModel):
    bbox: BBox
    name: str = ""


class OcrInfo(BaseModel):
    """How a page was read by OCR, or why it could not be."""

    # "read": its blocks are OCR's; "blank": nothing on it looked like text; "failed": Tesseract failed
    # or ran out of time; "unavailable": Tesseract (or data for the page's script) is not installed.
    outcome: Literal["read", "blank", "failed", "unavailable"] = "read"
    dpi: float = 0.0
    # Degrees the scanned lines climb (counter-clockwise); OCR read a straightened copy.
    skew: float = 0.0
    # Degrees clockwise the page's text is turned, as TextBlock.rotation.
    orientation: Literal[0, 90, 180, 270] = 0
    # Tesseract's language packs, e.g. "fra" or "rus+eng"; the script its orientation pass saw.
    languages: str = ""
    script: str | None = None
    seconds: float = 0.0
    # Blocks read with too little confidence to translate: kept as scanned.
    low_confidence_blocks: int = 0
    # The page also has a text layer (ocr=force on a digital page, or a scan with an OCR layer).
    text_layer: bool = False
    # Something the user should know about this page's OCR, in words.
    notice: str | None = None


class Page(BaseModel):
    number: int
    width: float
    height: float
    rotation: int = 0
    blocks: list[TextBlock] = Field(default_factory=list)
    images: list[ImageRef] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    form_fields: list[FormField] = Field(default_factory=list)
    # Lines drawn across or down the page and the sides of its boxes, as flat boxes: a longer translation
    # does not grow across them (a form's box, a heading's underline).
    rules: list[BBox] = Field(default_factory=list)
    # Set when the extractor tried to read the page by OCR.
    ocr: OcrInfo | None = None

    @property
    def has_text(self) -> bool:
        return any(block.text.strip() for block in self.blocks)


class Document(BaseModel):
    version: int = DOCUMENT_MODEL_VERSION
    source_lang: str | None = None
    target_lang: str | None = None
    engine: str | None = None
    # The tone the text already has (set by an engine that applies tone natively); the toner then leaves it.
    tone_applied: str | None = None
    pages: list[Page] = Field(default_factory=list)

    @field_validator("version")
    @classmethod
    def _readable_version(cls, version: int) -> int:
        """Older versions are read as this one (their fields are a subset); newer ones cannot be."""
        if version > DOCUMENT_MODEL_VERSION:
            raise ValueError(
                f"document model version {version} is newer than this docrelay reads "
                f"({DOCUMENT_MODEL_VERSION}): upgrade every stage to the same version"
            )
        return DOCUMENT_MODEL_VERSION

    def blocks(self) -> list[TextBlock]:
        return [block for page in self.pages for block in page.blocks]

    def cells(self) -> list[list[TextBlock]]:
        """The blocks of each table cell: one, or a block for each paragraph of a cell of two styles."""
        cells: dict[tuple[int, str, int, int], list[TextBlock]] = {}
        for page in self.pages:
            for block in page.blocks:
                if block.cell is not None:
                    place = page.number, block.cell.table, block.cell.row, block.cell.column
                    cells.setdefault(place, []).append(block)
        return list(cells.values())

    def cells_kept_verbatim(self) -> int:
        """The table cells none of whose blocks is translated (data, names)."""
        return sum(all(not block.translatable for block in cell) for cell in self.cells())

    def form_fields(self) -> list[FormField]:
        return [field for page in self.pages for field in page.form_fields]


def code_pattern(words: Iterable[str]) -> str:
    """A regular expression for any of `words` (a block's `code`) where it stands alone, not inside a
    longer word, the longest first. CJK text puts no spaces between words: a CJK character beside a code
    word does not join it ("为character(0)且")."""
    alternatives = "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))
    return rf"(?:(?<!\w)|(?<={CJK_CHARS}))(?:{alternatives})(?:(?!\w)|(?={CJK_CHARS}))"


def code_occurrences(word: str, text: str) -> int:
    """How often `word` stands alone in `text`."""
    return len(re.findall(code_pattern([word]), text))


def formula_token(index: int) -> str:
    """The token of a block's `index`th formula."""
    return chr(FORMULA_TOKEN_BASE + index)


def renumbered_formulas(text: str, numbers: Mapping[str, str]) -> str:
    """`text` with each formula token that `numbers` names replaced by the token it maps it to."""
    return text.translate({ord(old): new for old, new in numbers.items()})


def is_formula_token(char: str) -> bool:
    return FORMULA_TOKEN_BASE <= ord(char) <= FORMULA_TOKEN_LIMIT


def without_formula_tokens(text: str) -> str:
    return "".join(char for char in text if not is_formula_token(char))
