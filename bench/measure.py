"""The fidelity numbers of one pipeline run, read from the PDFs and the translated document it left.

"Source" is base.pdf, the normalized copy every stage works from; "output" is result.pdf. Output words
are in displayed-page coordinates like the document's boxes (pdfplumber's minus the MediaBox origin).
"""

from dataclasses import astuple, dataclass, replace
from io import BytesIO
from pathlib import Path

import pdfplumber
import pikepdf

from bench.display_pixels import compare_displays
from bench.glyphs import Notdef, count_missing, page_fonts, read_as_identity
from bench.layout_metrics import KEPT_IOU, block_iou, blocks_involved, overlapping_pairs, rendered_box
from bench.math_place import glyphs, math_in_place
from bench.pipeline import BASE_PDF, RESULT_PDF, TRANSLATED_JSON
from bench.token_metrics import TokenCounts, Word, token_counts
from bench.typeface_check import typeface_kept
from docrelay_common.document import BBox, Document, Page
from docrelay_reconstructor.sizing import display_text

# Words of neighbouring table cells stay apart (pdfplumber's default joins gaps under 3 pt).
WORD_X_TOLERANCE = 1.5
# Lines a sub- or superscript chains together (pdfplumber clusters tops within 3 pt) read as one line
# whose characters interleave, so the same drawing reads as different words on two pages.
WORD_Y_TOLERANCE = 2.0


@dataclass(frozen=True)
class Fidelity:
    """Sums over the pages of one file; `+` adds two of them field by field."""

    pages_source: int = 0
    pages_output: int = 0
    blocks: int = 0  # source blocks the reconstructor draws (their display text is not blank)
    kept: int = 0  # blocks whose rendered box has IoU >= KEPT_IOU with the source box
    iou_sum: float = 0.0
    overlapping_pairs: int = 0
    overlapping_blocks: int = 0
    # The same count over the source boxes: extracted blocks that already overlap collide when rendered.
    source_overlapping_pairs: int = 0
    missing_glyphs: int = 0
    unchecked_chars: int = 0  # characters in fonts whose .notdef use cannot be told
    replacement_chars: int = 0  # U+FFFD
    cid_chars: int = 0  # "(cid:N)": codes without a Unicode mapping
    images_source: int = 0
    images_output: int = 0
    # Unchanged tokens (bench.token_metrics): all, and numeric ones alone; how many of each are in place.
    tokens_unchanged: int = 0
    tokens_in_place: int = 0
    numbers_unchanged: int = 0
    numbers_in_place: int = 0
    # Glyphs of the source in math fonts: all, drawn where they were, and where or moved with their formula.
    math_glyphs: int = 0
    math_fixed: int = 0
    math_in_place: int = 0
    # Boxes of display equations (bench.display_pixels), and those that look the same in the output.
    display_boxes: int = 0
    displays_identical: int = 0
    # Translated blocks whose characters could be found, and those drawn in their source's typeface class.
    typeface_blocks: int = 0
    typeface_same: int = 0

    def __add__(self, other: "Fidelity") -> "Fidelity":
        return Fidelity(*(mine + theirs for mine, theirs in zip(astuple(self), astuple(other), strict=True)))

    @property
    def kept_share(self) -> float:
        return self.kept / self.blocks if self.blocks else 1.0

    @property
    def mean_iou(self) -> float:
        return self.iou_sum / self.blocks if self.blocks else 1.0

    @property
    def overlapping_share(self) -> float:
        return self.overlapping_blocks / self.blocks if self.blocks else 0.0

    @property
    def math_in_place_share(self) -> float:
        return self.math_in_place / self.math_glyphs if self.math_glyphs else 1.0

    @property
    def math_fixed_share(self) -> float:
        return self.math_fixed / self.math_glyphs if self.math_glyphs else 1.0

    @property
    def typeface_share(self) -> float:
        return self.typeface_same / self.typeface_blocks if self.typeface_blocks else 1.0

    @property
    def tokens(self) -> TokenCounts:
        return TokenCounts(
            self.tokens_unchanged, self.tokens_in_place, self.numbers_unchanged, self.numbers_in_place
        )


def measure(work_dir: Path) -> Fidelity:
    """Compare the run's output with its source, page by page."""
    document = Document.model_validate_json((work_dir / TRANSLATED_JSON).read_text())
    fonts, readable = fonts_and_readable_copy(work_dir / RESULT_PDF)
    displays = compare_displays(work_dir / BASE_PDF, work_dir / RESULT_PDF, document.pages)
    with pdfplumber.open(work_dir / BASE_PDF) as source, pdfplumber.open(BytesIO(readable)) as output:
        total = Fidelity(
            pages_source=len(source.pages),
            images_source=sum(len(p.images) for p in source.pages),
            display_boxes=displays.displays,
            displays_identical=displays.identical,
        )
        # A page-count mismatch is reported, not fatal: pages are compared as far as both go.
        pages = zip(source.pages, output.pages, document.pages, fonts, strict=False)
        for source_page, out_page, page, drawn_fonts in pages:
            out_words = page_words(out_page)
            total += _page_fidelity(out_page, out_words, page, drawn_fonts)
            total += _token_fidelity(page_words(source_page), out_words)
            total += _math_fidelity(source_page, out_page, page)
            source_page.close()
            out_page.close()
        return replace(total, pages_output=len(output.pages))


def fonts_and_readable_copy(result: Path) -> tuple[list[dict[str, Notdef]], bytes]:
    """Each page's fonts as drawn, and the output with its .notdef encodings made readable to pdfminer."""
    with pikepdf.open(result) as pdf:
        fonts = [page_fonts(page) for page in pdf.pages]
        read_as_identity(pdf)
        buffer = BytesIO()
        pdf.save(buffer)
    return fonts, buffer.getvalue()


def _page_fidelity(
    out_page: pdfplumber.page.Page, out_words: list[Word], page: Page, fonts: dict[str, Notdef]
) -> Fidelity:
    words = [word.box for word in out_words]
    blocks = [block.bbox for block in page.blocks if display_text(block).strip()]
    rendered = [rendered_box(block, words) for block in blocks]
    ious = [block_iou(block, box) for block, box in zip(blocks, rendered, strict=True)]
    pairs = overlapping_pairs([box for box in rendered if box is not None])
    chars = [(char["fontname"], char["text"]) for char in out_page.chars]
    missing, unchecked = count_missing(chars, fonts)
    text = "".join(text for _, text in chars)
    return Fidelity(
        blocks=len(blocks),
        kept=sum(value >= KEPT_IOU for value in ious),
        iou_sum=sum(ious),
        overlapping_pairs=len(pairs),
        overlapping_blocks=blocks_involved(pairs),
        source_overlapping_pairs=len(overlapping_pairs(blocks)),
        missing_glyphs=missing,
        unchecked_chars=unchecked,
        replacement_chars=text.count("\ufffd"),
        cid_chars=text.count("(cid:"),
        images_output=len(out_page.images),
    )


def _token_fidelity(source_words: list[Word], out_words: list[Word]) -> Fidelity:
    counts = token_counts(source_words, out_words)
    return Fidelity(
        tokens_unchanged=counts.unchanged,
        tokens_in_place=counts.in_place,
        numbers_unchanged=counts.numbers_unchanged,
        numbers_in_place=counts.numbers_in_place,
    )


def _math_fidelity(source_page: pdfplumber.page.Page, out_page: pdfplumber.page.Page, page: Page) -> Fidelity:
    """Math in place and typeface classes of one page against its source page."""
    source = glyphs(source_page.chars, *_origin(source_page))
    output = glyphs(out_page.chars, *_origin(out_page))
    math = math_in_place(source, output, page)
    typefaces = typeface_kept(page, output, {glyph.font for glyph in source})
    return Fidelity(
        math_glyphs=math.glyphs,
        math_fixed=math.fixed,
        math_in_place=math.in_place,
        typeface_blocks=typefaces.blocks,
        typeface_same=typefaces.same,
    )


def _origin(page: pdfplumber.page.Page) -> tuple[float, float]:
    return float(page.bbox[0]), float(page.bbox[1])


def page_words(page: pdfplumber.page.Page) -> list[Word]:
    """The page's words and their boxes in the document model's coordinates."""
    left, top = _origin(page)
    return [
        Word(
            word["text"],
            BBox(
                x0=word["x0"] - left, top=word["top"] - top, x1=word["x1"] - left, bottom=word["bottom"] - top
            ),
        )
        for word in page.extract_words(x_tolerance=WORD_X_TOLERANCE, y_tolerance=WORD_Y_TOLERANCE)
    ]
