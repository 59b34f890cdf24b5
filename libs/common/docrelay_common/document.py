"""The extracted-document model, versioned like BabelDOC's intermediate language.

Coordinates are PDF points relative to the top-left corner of the page's MediaBox as displayed, i.e. after
its /Rotate is applied; `Page.width`/`height` are that displayed size and `Page.number` counts from 1.
Every stage reads a document and writes a new one; `text` is the current text of a block and
`source_text` keeps what the PDF said.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DOCUMENT_MODEL_VERSION = 1


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


class TextStyle(BaseModel):
    model_config = ConfigDict(frozen=True)

    font: str = ""
    size: float = 10.0
    color: str = "#000000"
    bold: bool = False
    italic: bool = False


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


class ImageRef(BaseModel):
    bbox: BBox
    name: str = ""


class Page(BaseModel):
    number: int
    width: float
    height: float
    rotation: int = 0
    blocks: list[TextBlock] = Field(default_factory=list)
    images: list[ImageRef] = Field(default_factory=list)

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

    def blocks(self) -> list[TextBlock]:
        return [block for page in self.pages for block in page.blocks]
