"""The translated PDF: each source page with its text replaced by the document's translated blocks.

Blocks whose text is what the PDF said (untranslated ones, and translations equal to their source) and
text the extractor did not read (text at odd angles) stay as the PDF draws them. Formulas are drawn from
the source's own glyphs (formulas.py): inline ones where the translated line puts them, display equations
where they were.
"""

import logging
import math
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from io import BytesIO
from itertools import islice
from pathlib import Path

import numpy
import pikepdf

from docrelay_common.document import BBox, Document, Page, TextBlock
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_reconstructor.chain_cuts import balanced_cuts
from docrelay_reconstructor.drawings import Drawing
from docrelay_reconstructor.formulas import NO_FORMULAS, PageFormulas, formula_moves, page_formulas
from docrelay_reconstructor.glyph_replay import Move, UnknownFont, draw_again
from docrelay_reconstructor.html import document_html
from docrelay_reconstructor.kept_math import in_place, showing, typed
from docrelay_reconstructor.overlay import overlay_page
from docrelay_reconstructor.render import Anchor, StoreOnlyFetcher, render_pages
from docrelay_reconstructor.room_claims import sized_page
from docrelay_reconstructor.scan_covers import (
    SAMPLE_DPI,
    is_ocr_page,
    kept_as_scanned,
    render_scans,
    scan_covers,
)
from docrelay_reconstructor.scan_ink import scan_ink
from docrelay_reconstructor.scans import is_scanned
from docrelay_reconstructor.sizing import PageSizing, is_changed
from docrelay_reconstructor.strip_text import ALL_TEXT, Glyph, Removal, ShownText, TextStripper, shown_text
from docrelay_reconstructor.width_twins import width_twins

# Pages typeset per WeasyPrint run: few enough for steady progress, many enough to share font subsets.
PAGES_PER_RENDER = 10
# Glyph centres this far (points) outside a block's box still belong to it: its box is made of their boxes.
# OCR's boxes are measured on the page's image and may miss a text layer's glyphs by a point or so.
_GLYPH_SLACK = 0.5
_OCR_GLYPH_SLACK = 2.0
# Blocks are found by horizontal bands of the page this high (points), not among all blocks of the page.
_BAND_HEIGHT = 20.0

logger = logging.getLogger(__name__)

PageProgress = Callable[[int, int], None]
# Page numbers with the blocks on them kept in the source's language because their formulas cannot move.
KeptForFormulas = Callable[[list[int]], None]
# Told the number of a page kept as it was because qpdf cannot parse its content.
DamagedPage = Callable[[int], None]


def reconstruct(
    base_pdf: Path,
    document: Document,
    store_root: Path,
    on_page: PageProgress | None = None,
    on_damaged: DamagedPage | None = None,
    on_kept: KeptForFormulas | None = None,
) -> bytes:
    """Rewrite every page of base_pdf that has text blocks; on_page(done, total) follows the progress.

    Pages without blocks are kept as they are, and so are pages whose content qpdf cannot parse (a
    damaged file pdfminer read anyway): on_damaged hears of those. WeasyPrint may read only files under
    store_root. `on_kept` hears of the blocks kept untranslated for their formulas, by page number, once
    per block.
    """
    report = on_page or _ignore_progress
    try:
        with pikepdf.open(base_pdf) as pdf, ExitStack() as rendered_pdfs:
            _check_page_count(pdf, document)
            fetcher = StoreOnlyFetcher(store_root)
            damaged = on_damaged or _ignore_damage
            plans = _rewrite_pages(pdf, base_pdf, document, fetcher, rendered_pdfs, report, damaged)
            result = _saved(pdf)
    except pikepdf.PdfError as exc:
        raise PermanentError(
            ErrorCode.RENDER_FAILED, f"could not rewrite the pages of the PDF: {exc}"
        ) from exc
    report(len(document.pages), len(document.pages))
    if on_kept is not None:
        on_kept(
            [
                document.pages[index].number
                for index, plan in plans.items()
                for kept in plan.formulas.kept
                # A translation equal to its source is the PDF's own text: nothing was kept back.
                if is_changed(document.pages[index].blocks[kept])
            ]
        )
    return result


def _rewrite_pages(
    pdf: pikepdf.Pdf,
    base_pdf: Path,
    document: Document,
    fetcher: StoreOnlyFetcher,
    keep_open: ExitStack,
    report: PageProgress,
    damaged: DamagedPage,
) -> dict[int, "_PagePlan"]:
    """Rewrite the readable pages a chunk at a time, each chunk planned, stripped, typeset and laid over
    before the next: progress then tells of pages done at the pace they are done (planning them all
    first kept a long range at 0 for seconds), and a chunk's plans are all that is held at once."""
    rewritten, scanned = _readable_pages(pdf, document, damaged)
    twins = width_twins(document)
    document = balanced_cuts(document, set(rewritten) - scanned, twins)
    stripper = TextStripper(pdf)
    # One pass over the file, page after page, in the order of the chunks.
    underlined = {
        index for index in rewritten if any(block.underlines for block in document.pages[index].blocks)
    }
    shown_pages = shown_text(base_pdf, rewritten, underlined)
    plans: dict[int, _PagePlan] = {}
    for chunk in _chunks(rewritten, PAGES_PER_RENDER):
        pages = [document.pages[index] for index in chunk]
        # The pages as they are, before their text goes: the paper is sampled and the ink found on them.
        scans = render_scans(base_pdf, (index for index in chunk if index in scanned))
        sizings = [
            sized_page(page, document.target_lang, _scan_ink(scans, index, page), twins)
            for index, page in zip(chunk, pages, strict=True)
        ]
        page_sizings = dict(zip(chunk, sizings, strict=True))
        chunk_plans = _chunk_plans(document, page_sizings, shown_pages, stripper)
        plans.update(chunk_plans)
        drawn = {index: kept_as_scanned(chunk_plans[index].drawn, document.pages[index]) for index in chunk}
        covers = scan_covers(scans, {index: drawn[index] for index in scans})
        html = document_html(
            [drawn[index] for index in chunk],
            [covers.get(index, []) for index in chunk],
            lang=document.target_lang,
            # Every block of the page, drawn anew or not: a block may grow only where none of them is.
            sources=pages,
            sizings=sizings,
        )
        rendered = render_pages(html, fetcher)
        # Copied stream data is read from the rendered PDF only when saving: it must stay open until then.
        kept_displays = [_kept_displays(document.pages[index], drawn[index]) for index in chunk]
        rendered_pdf = keep_open.enter_context(pikepdf.open(BytesIO(rendered.pdf)))
        _overlay_chunk(pdf, chunk, rendered_pdf, kept_displays)
        for index, anchors in zip(chunk, rendered.anchors, strict=True):
            _draw_formulas(pdf, index, plans[index], anchors)
        report(chunk[-1] + 1, len(document.pages))
    return plans


def _scan_ink(scans: Mapping[int, numpy.ndarray], index: int, page: Page) -> list[BBox] | None:
    """What the page's scan shows besides its text; None for a page that is not a scan."""
    return scan_ink(scans[index], page, SAMPLE_DPI / 72) if index in scans else None


def _chunk_plans(
    document: Document,
    sizings: dict[int, PageSizing],
    shown_pages: Iterator[tuple[int, ShownText | None]],
    stripper: TextStripper,
) -> dict[int, "_PagePlan"]:
    """The plans of the chunk's pages (the keys of `sizings`), their text stripped as planned."""
    plans: dict[int, _PagePlan] = {}
    # The glyphs of the mathematics of each page: should all its text go after all, they are still drawn.
    math_shown: dict[int, ShownText] = {}
    for index, shown in islice(shown_pages, len(sizings)):
        plans[index] = _plan(document.pages[index], shown, sizings[index])
        if shown is not None:
            math_shown[index] = _math_glyphs(document.pages[index], shown)
    for index in stripper.strip({index: plan.removal for index, plan in plans.items()}):
        plans[index] = _plan(document.pages[index], math_shown.get(index), sizings[index], everything=True)
    return plans


def _readable_pages(pdf: pikepdf.Pdf, document: Document, damaged: DamagedPage) -> tuple[list[int], set[int]]:
    """The pages (0-based) to rewrite, and those of them that are scans; a page whose content (or a form
    it draws) qpdf cannot parse is left out and told to `damaged`."""
    rewritten: list[int] = []
    scanned: set[int] = set()
    for index, page in enumerate(document.pages):
        if not page.blocks:
            continue
        try:
            # Parses the page and every form it draws, as stripping its text will.
            scan = is_scanned(pdf.pages[index])
        except (pikepdf.PdfError, TypeError) as exc:
            logger.warning("page %d kept as it was: qpdf cannot parse its content: %s", page.number, exc)
            damaged(page.number)
            continue
        rewritten.append(index)
        if scan or is_ocr_page(page):
            scanned.add(index)
    return rewritten, scanned


@dataclass(frozen=True)
class _PagePlan:
    removal: Removal
    # The page with only the blocks drawn anew by typesetting.
    drawn: Page
    # The inline formulas moved to their placeholders, and the blocks kept for their formulas.
    formulas: PageFormulas = NO_FORMULAS
    # Glyphs of kept mathematics whose operators go: drawn again where they were.
    again: tuple[Drawing, ...] = ()


def _plan(page: Page, shown: ShownText | None, sizing: PageSizing, everything: bool = False) -> _PagePlan:
    """Which text goes, and which blocks are drawn anew.

    Blocks showing other text than the PDF's are drawn anew, unless their formulas cannot move with them,
    and so are translatable blocks whose translation is their source text when their group shrinks on the
    page (it must look like the rest of its group: sizing.size_groups). Other blocks keep the PDF's own
    drawing, unless none of their glyphs is found or an operator drawing them also draws a block drawn
    anew; kept mathematics is then drawn again from its own glyphs. Text no block holds (text at odd
    angles, glyphs of misnamed fonts) stays. With `everything` all the page's text goes.
    """
    if shown is None:
        return _PagePlan(
            ALL_TEXT, page.model_copy(update={"blocks": [typed(block) for block in page.blocks]})
        )
    owned = _glyphs_by_block(page.blocks, shown.glyphs)
    formulas = page_formulas(page.blocks, owned)
    translated = {
        index
        for index, block in enumerate(page.blocks)
        if _redrawn(block, sizing) and index not in formulas.kept
    }
    drawn = (
        set(range(len(page.blocks)))
        if everything
        else translated | {index for index, glyphs in enumerate(owned) if not glyphs}
    )
    while True:
        removed = {glyph.shown_by for index in drawn for glyph in owned[index]}
        spoilt = {
            index
            for index, glyphs in enumerate(owned)
            if index not in drawn and any(glyph.shown_by in removed for glyph in glyphs)
        }
        if not spoilt:
            break
        drawn |= spoilt
    again = in_place(page.blocks, owned, drawn - translated, formulas)
    advances = {key: shown.advances[key] for key in removed if key in shown.advances}
    # The lines under the underlined words drawn anew go with them: the new text draws its own.
    underlines = [rule for index in drawn for rule in page.blocks[index].underlines]
    unpainted = frozenset(
        path.painted_by for path in shown.paths if underlines and path.underlines(underlines)
    )
    removal = Removal(
        frozenset(removed),
        everything=everything,
        advances=advances,
        operators=shown.operators,
        painted_by=unpainted,
        path_operators=shown.path_operators,
    )
    blocks = [
        block if index in formulas.movable else typed(showing(block, index in translated))
        for index, block in enumerate(page.blocks)
        if index in drawn and index not in again.blocks
    ]
    # A block that keeps the PDF's drawing (its translation is its source text) keeps its formulas'
    # glyphs where they are: moving them too would draw them twice.
    moving = {index: found for index, found in formulas.movable.items() if index in drawn}
    return _PagePlan(
        removal,
        page.model_copy(update={"blocks": blocks}),
        PageFormulas(moving, formulas.kept),
        again.drawings,
    )


def _math_glyphs(page: Page, shown: ShownText) -> ShownText:
    """The glyphs of the page's blocks with mathematics, all that is needed to draw them again."""
    math = [block for block in page.blocks if block.kind == "math" or block.math]
    owned = _glyphs_by_block(math, shown.glyphs) if math else []
    return ShownText(glyphs=[glyph for glyphs in owned for glyph in glyphs])


def _draw_formulas(pdf: pikepdf.Pdf, index: int, plan: _PagePlan, anchors: dict[str, Anchor]) -> None:
    placed = [formula for formulas in plan.formulas.movable.values() for formula in formulas]
    moves = [Move(drawing, 0.0, 0.0) for drawing in plan.again] + formula_moves(index + 1, placed, anchors)
    try:
        draw_again(pdf, pdf.pages[index], moves)
    except UnknownFont as exc:
        logger.warning("page %d: cannot draw its formulas again: %s", index + 1, exc)


def _redrawn(block: TextBlock, sizing: PageSizing) -> bool:
    return is_changed(block) or (block.translatable and sizing.scale(block) < 1.0)


def _glyphs_by_block(blocks: Sequence[TextBlock], glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """For each block, the glyphs whose centre lies in its box and which are turned as its text is."""
    bands: dict[int, list[int]] = defaultdict(list)
    slack = [_OCR_GLYPH_SLACK if block.source == "ocr" else _GLYPH_SLACK for block in blocks]
    for index, block in enumerate(blocks):
        first, last = _band(block.bbox.top - slack[index]), _band(block.bbox.bottom + slack[index])
        for band in range(first, last + 1):
            bands[band].append(index)
    owned: list[list[Glyph]] = [[] for _ in blocks]
    for glyph in glyphs:
        for index in bands.get(_band(glyph.y), []):
            box, near = blocks[index].bbox, slack[index]
            if (
                glyph.turn == blocks[index].rotation
                and box.x0 - near <= glyph.x <= box.x1 + near
                and box.top - near <= glyph.y <= box.bottom + near
            ):
                owned[index].append(glyph)
    return owned


def _band(y: float) -> int:
    return math.floor(y / _BAND_HEIGHT)


def _check_page_count(pdf: pikepdf.Pdf, document: Document) -> None:
    if len(pdf.pages) != len(document.pages):
        raise PermanentError(
            ErrorCode.RENDER_FAILED,
            f"the translated document has {len(document.pages)} pages but the PDF has {len(pdf.pages)}",
        )


def _kept_displays(page: Page, drawn: Page) -> list[BBox]:
    """The boxes of the page's display formulas that keep the source's drawing (none is typeset anew)."""
    typeset = {block.id for block in drawn.blocks}
    return [block.bbox for block in page.blocks if block.kind == "math" and block.id not in typeset]


def _overlay_chunk(
    pdf: pikepdf.Pdf, chunk: Sequence[int], rendered: pikepdf.Pdf, keep_out: Sequence[Sequence[BBox]]
) -> None:
    if len(rendered.pages) != len(chunk):
        raise PermanentError(
            ErrorCode.RENDER_FAILED, f"typesetting {len(chunk)} pages produced {len(rendered.pages)} pages"
        )
    for index, rendered_page, boxes in zip(chunk, rendered.pages, keep_out, strict=True):
        overlay_page(pdf, pdf.pages[index], rendered_page, boxes)


def _chunks(indices: Sequence[int], size: int) -> list[Sequence[int]]:
    return [indices[start : start + size] for start in range(0, len(indices), size)]


def _ignore_damage(number: int) -> None:
    """Nobody asked to hear of damaged pages: the warning each one is logged with is all there is."""


def _ignore_progress(done: int, total: int) -> None:
    """Progress goes nowhere when nobody asked for it."""


def _saved(pdf: pikepdf.Pdf) -> bytes:
    buffer = BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()
