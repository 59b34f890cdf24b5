"""OCR with the real Tesseract: the corpus's scans, and scans made here of a PDF whose text is known
(rasterised at 300 and 150 dpi, skewed, noisy, on tinted paper, turned sideways), read by the extractor
and drawn over by the reconstructor.

Tesseract reads about eight pages in this module; each is a few seconds on a busy machine.
"""

import io
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy
import pdfplumber
import pikepdf
import pypdfium2
import pytest
from pikepdf import Name
from PIL import Image, ImageDraw, ImageFilter

from docrelay_common.constants import OcrMode
from docrelay_common.document import BBox, Document, TextBlock
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.messages import PageRange
from docrelay_extractor.extract import extract_document, extract_pages
from docrelay_extractor.frames import Frame
from docrelay_extractor.language import detect_language
from docrelay_extractor.ocr.hocr import parse_hocr
from docrelay_extractor.ocr.planning import page_costs
from docrelay_extractor.ocr.reader import OcrRequest, default_tesseract
from docrelay_extractor.settings import extractor_settings
from docrelay_reconstructor.reconstruct import reconstruct
from docrelay_translator.engines.base import Engine
from tests.support.ocr_measures import char_accuracy, rows_text
from tests.support.pdfs import add_page, pages_of, shown_text
from tests.support.scans import ScanOptions, image_pdf, scanned_page

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="tesseract is not installed (scripts/install-system-deps.sh installs it and its language packs)",
)

# The text of the corpus's French scan (ocrmypdf's test file).
FRENCH = (
    "Portez ce vieux whisky au juge blond qui fume sur son île intérieure, à côté de l'alcôve ovoïde, où "
    "les bûches se consument dans l'âtre, ce qui lui permet de penser à la cænogénèse de l'être dont il est "
    "question dans la cause ambiguë entendue à Moÿ, dans un capharnaüm qui, pense-t-il, diminue çà et là "
    "la qualité de son œuvre."
)
TINTED_PAPER = (232, 232, 216)
SCANS = {
    "300-skewed": ScanOptions(dpi=300, skew=1.5),
    "150-tinted": ScanOptions(dpi=150, skew=-1.8, paper=232, tint=True),
    "150-sideways": ScanOptions(dpi=150, turn=90),
}
AUTO = OcrRequest(OcrMode.AUTO)
WORD = re.compile(r"\w{3,}")


def no_progress(done: int, total: int) -> None:
    """Progress goes nowhere in these tests."""


@pytest.fixture(scope="module")
def scan(sample_pdf: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """A scan of the sample PDF's page, by name (SCANS), made once."""
    directory = tmp_path_factory.mktemp("scans")

    @cache
    def made(name: str) -> Path:
        path = directory / f"{name}.pdf"
        path.write_bytes(scanned_page(sample_pdf, 0, SCANS[name]))
        return path

    return made


@pytest.fixture(scope="module")
def read(scan: Callable[[str], Path]) -> Callable[[str], Document]:
    return cache(lambda name: extract_pages(scan(name), None, no_progress, AUTO))


@pytest.fixture(scope="module")
def truth(sample_pdf: Path) -> list[TextBlock]:
    """The sample's blocks as the extractor reads its text layer."""
    return extract_pages(sample_pdf, None, no_progress).blocks()


def test_the_french_scan_is_read_in_french_without_being_told(corpus: Callable[[str], Path]) -> None:
    document = extract_document(corpus("francais-scan.pdf"), no_progress, AUTO)
    page = document.pages[0]
    assert page.ocr is not None
    # Read once with eng to find the language, then with French's own pack (accents: 92% with eng).
    assert (page.ocr.outcome, page.ocr.languages, page.ocr.dpi) == ("read", "fra", 300)
    [block] = page.blocks
    assert (block.source, block.translatable) == ("ocr", True)
    assert block.confidence is not None and block.confidence > 80
    assert char_accuracy(FRENCH, block.text) >= 0.97
    assert detect_language(block.text) == "fr"


def test_a_scan_with_a_text_layer_is_read_by_ocr_only_when_forced(corpus: Callable[[str], Path]) -> None:
    vicksburg, first = corpus("vicksburg-ocr.pdf"), PageRange(first=1, last=1)
    layer = extract_pages(vicksburg, first, no_progress, AUTO).pages[0]
    assert layer.ocr is None and all(block.source == "pdf" for block in layer.blocks)
    forced = extract_pages(vicksburg, first, no_progress, OcrRequest(OcrMode.FORCE)).pages[0]
    assert forced.ocr is not None and (forced.ocr.outcome, forced.ocr.text_layer) == ("read", True)
    # Its 100 ppi scan is read at 150 dpi, and agrees with the page's own OCR layer.
    assert forced.ocr.dpi == 150
    assert char_accuracy(rows_text(layer.blocks), rows_text(forced.blocks)) >= 0.97
    # The scan's image layers cover the page: they are not obstacles a translation could not grow over.
    assert all(
        image.bbox.width * image.bbox.height < 0.5 * forced.width * forced.height for image in forced.images
    )


@pytest.mark.parametrize(("name", "accuracy"), [("300-skewed", 0.97), ("150-tinted", 0.95)])
def test_skewed_scans_are_read_and_their_blocks_put_where_the_text_is(
    name: str, accuracy: float, read: Callable[[str], Document], truth: list[TextBlock]
) -> None:
    options = SCANS[name]
    page = read(name).pages[0]
    assert page.ocr is not None
    assert (page.ocr.dpi, page.ocr.orientation) == (options.dpi, 0)
    assert page.ocr.skew == pytest.approx(options.skew, abs=0.2)
    size = (page.width, page.height)
    assert char_accuracy(rows_text(truth), rows_text(page.blocks, options.skew, size)) >= accuracy
    # The true boxes, turned with the sheet about the page's centre, against the blocks OCR placed.
    turned = [skewed(block.bbox, options.skew, size) for block in truth]
    matched = [(block, best_match(block.bbox, turned)) for block in page.blocks]
    good = [(block, index) for block, (index, overlap) in matched if overlap >= 0.5]
    assert len(good) >= 0.8 * len(truth)
    sizes = [(block.style.size, truth[index].style.size) for block, index in good]
    assert all(abs(read_size - size) <= 0.15 * size for read_size, size in sizes), sizes


def test_a_page_scanned_sideways_is_read_upright_and_its_text_stays_turned(
    read: Callable[[str], Document], truth: list[TextBlock]
) -> None:
    page = read("150-sideways").pages[0]
    assert page.ocr is not None and page.ocr.orientation == 270
    assert {block.rotation for block in page.blocks} == {270}
    # Turned back into the upright frame, the blocks read and sit as the sample's do.
    frame = Frame(270, page.width, page.height)
    upright = [block.model_copy(update={"bbox": frame.from_page(block.bbox)}) for block in page.blocks]
    assert char_accuracy(rows_text(truth), rows_text(upright)) >= 0.97
    overlaps = [best_match(block.bbox, [t.bbox for t in truth])[1] for block in upright]
    assert sum(overlap >= 0.5 for overlap in overlaps) >= 0.8 * len(truth)


def test_a_page_of_figures_keeps_its_text_layer_but_a_scan_stamped_with_a_number_is_read(
    scan: Callable[[str], Path], tmp_path: Path
) -> None:
    # A table of numbers has no letter; OCR would read no more than its text layer, and worse (Tesseract
    # made "CONDUBWNR" of a column of row numbers).
    figures = [str(100 * column + row) for row in range(20) for column in range(5)]
    with pikepdf.new() as pdf:
        add_page(pdf, shown_text(72, 700, "The figures of the year, by month and by region."))
        add_page(
            pdf,
            b"".join(shown_text(72 + 60 * (i % 5), 660 - 14 * (i // 5), n) for i, n in enumerate(figures)),
        )
        pdf.save(tmp_path / "figures.pdf")
    table = extract_document(tmp_path / "figures.pdf", no_progress, AUTO).pages[1]
    assert table.ocr is None
    assert sorted(" ".join(block.text for block in table.blocks).split()) == sorted(figures)
    # Figures beside words whose font maps no glyph to a character: OCR may read the words.
    with pikepdf.open(tmp_path / "figures.pdf") as pdf:
        page = pdf.pages[1]
        # A CID font with no /ToUnicode: pdfminer reads its glyphs as "(cid:N)", left out of the text.
        page.Resources.Font.F2 = pikepdf.Dictionary(
            Type=Name.Font,
            Subtype=Name.Type0,
            BaseFont=Name.Helvetica,
            Encoding=Name("/Identity-H"),
            DescendantFonts=[
                pikepdf.Dictionary(
                    Type=Name.Font,
                    Subtype=Name.CIDFontType2,
                    BaseFont=Name.Helvetica,
                    CIDSystemInfo=pikepdf.Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
                )
            ],
        )
        words = "".join(f"{code:04x}" for code in range(48, 88))
        lines = b"".join(
            f"BT /F2 11 Tf 72 {740 - 14 * row} Td <{words}> Tj ET\n".encode() for row in range(3)
        )
        page.contents_add(pdf.make_stream(lines))
        pdf.save(tmp_path / "unmapped.pdf")
    assert extract_document(tmp_path / "unmapped.pdf", no_progress, AUTO).pages[1].ocr is not None
    # A page whose layer is a few figures (a page number alone) is looked at by OCR.
    with pikepdf.new() as pdf:
        add_page(pdf, shown_text(300, 20, "12"))
        pdf.save(tmp_path / "number.pdf")
    assert extract_pages(tmp_path / "number.pdf", PageRange(first=1, last=1), no_progress, AUTO).pages[0].ocr
    # A scan whose text layer is a stamped line of figures (a Bates number) is read.
    with pikepdf.open(scan("300-skewed")) as pdf:
        page = pdf.pages[0]
        page.Resources.Font = pikepdf.Dictionary(
            F1=pikepdf.Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
        )
        page.contents_add(pdf.make_stream(shown_text(200, 20, "0001234567 0001234568 0001234569")))
        pdf.save(tmp_path / "stamped.pdf")
    stamped = extract_document(tmp_path / "stamped.pdf", no_progress, AUTO).pages[0]
    assert stamped.ocr is not None and stamped.ocr.outcome == "read"
    assert len(WORD.findall(" ".join(block.text for block in stamped.blocks))) >= 20


def test_pages_with_nothing_readable_fail_with_pdf_no_text_that_says_ocr_found_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = tmp_path / "pictures.pdf"
    pdf.write_bytes(
        pages_of(
            (write(tmp_path / "blank.pdf", blank_page()), 0), (write(tmp_path / "p.pdf", picture_page()), 0)
        )
    )
    with pytest.raises(PermanentError) as raised:
        extract_document(pdf, no_progress, AUTO)
    assert raised.value.code == ErrorCode.PDF_NO_TEXT
    assert raised.value.message.startswith("OCR found nothing readable on the 2 page(s) of this PDF")
    # Without Tesseract the pages are kept, and the message says why.
    monkeypatch.setenv("DOCRELAY_TESSERACT_BIN", "no-such-tesseract")
    with fresh_tesseract(), pytest.raises(PermanentError) as missing:
        extract_document(pdf, no_progress, AUTO)
    assert "OCR is not installed on this server" in missing.value.message


def test_a_page_tesseract_runs_out_of_time_on_is_kept_and_named(
    corpus: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCRELAY_OCR_PAGE_TIMEOUT", "0.01")
    with fresh_tesseract(), pytest.raises(PermanentError) as raised:
        extract_document(corpus("francais-scan.pdf"), no_progress, AUTO)
    assert raised.value.message.startswith("OCR failed on page 1 of this PDF")
    with fresh_tesseract():
        page = extract_pages(corpus("francais-scan.pdf"), None, no_progress, AUTO).pages[0]
    assert page.ocr is not None and page.ocr.outcome == "failed" and not page.blocks
    assert page.ocr.notice == "OCR could not read it (it took longer than 0.01 s)"


def test_pages_ocr_will_read_weigh_more_when_a_job_is_cut_into_ranges(
    corpus: Callable[[str], Path], sample_pdf: Path, tmp_path: Path
) -> None:
    mixed = write(tmp_path / "mixed.pdf", pages_of((sample_pdf, 0), (corpus("francais-scan.pdf"), 0)))
    assert page_costs(mixed, 2, OcrMode.AUTO, 10.0) == [1.0, 10.0]
    assert page_costs(mixed, 2, OcrMode.FORCE, 10.0) == [10.0, 10.0]
    assert page_costs(mixed, 2, OcrMode.OFF, 10.0) == [1.0, 1.0]


# --- drawing the translation over the scan -------------------------------------------------------


@dataclass(frozen=True)
class Rebuilt:
    source: Path
    document: Document
    translated: Document
    result: bytes
    # The same with blank translations: what the covers alone leave of the scan.
    covers_only: bytes


@pytest.fixture(scope="module")
def rebuilt(
    scan: Callable[[str], Path],
    read: Callable[[str], Document],
    apertium: Engine,
    tmp_path_factory: pytest.TempPathFactory,
) -> Rebuilt:
    source, document = scan("150-tinted"), read("150-tinted")
    blocks = [block for block in document.blocks() if block.translatable]
    translations = apertium.translate_batch([block.text for block in blocks], "en", "es")
    translated = document.model_copy(deep=True)
    by_id = dict(zip([block.id for block in blocks], translations, strict=True))
    for block in translated.blocks():
        block.text = by_id.get(block.id, block.text)
    translated.target_lang = "es"
    blank = translated.model_copy(deep=True)
    for block in blank.blocks():
        if block.translatable:
            block.text = " "
    store = tmp_path_factory.mktemp("store")
    return Rebuilt(
        source,
        document,
        translated,
        reconstruct(source, translated, store),
        reconstruct(source, blank, store),
    )


def test_the_translation_is_drawn_in_the_blocks_boxes_and_can_be_searched(rebuilt: Rebuilt) -> None:
    with pdfplumber.open(io.BytesIO(rebuilt.result)) as pdf:
        words = pdf.pages[0].extract_words()
        text = " ".join((pdf.pages[0].extract_text() or "").split())
    drawn = [block for block in rebuilt.translated.blocks() if block.translatable and block.align == "left"]
    assert len(drawn) >= 15
    for block in drawn:
        first = block.text.split()[0]
        placed = [word for word in words if word["text"] == first and near(word, block.bbox)]
        assert placed, f"{first!r} is not drawn at the top left of {block.bbox}"
    translated = [block for block in rebuilt.translated.blocks() if block.translatable]
    assert all(" ".join(block.text.split()[:3]) in text for block in translated)


def test_blocks_read_with_low_confidence_stay_as_scanned_and_their_text_is_searchable(
    rebuilt: Rebuilt,
) -> None:
    kept = [block for block in rebuilt.document.blocks() if block.source == "ocr" and not block.translatable]
    # The 8.5 pt footer on tinted paper at 150 dpi is read with low confidence.
    assert kept and rebuilt.document.pages[0].ocr is not None
    assert rebuilt.document.pages[0].ocr.low_confidence_blocks == len(kept)
    before, after = rendered(rebuilt.source.read_bytes()), rendered(rebuilt.result)
    for block in kept:
        area = pixels(block.bbox)
        assert numpy.abs(before[area].astype(int) - after[area].astype(int)).mean() < 2
    with pdfplumber.open(io.BytesIO(rebuilt.result)) as pdf:
        text = pdf.pages[0].extract_text() or ""
    assert all(block.source_text in text for block in kept)


def test_no_source_word_can_be_read_under_the_translation(rebuilt: Rebuilt) -> None:
    image = Image.fromarray(rendered(rebuilt.result))
    seen = {
        word.lower()
        for line in parse_hocr(default_tesseract().hocr(image, "eng", 150)).lines
        for w in line.words
        for word in WORD.findall(w.text)
    }
    translated = [block for block in rebuilt.translated.blocks() if block.translatable]
    target = {word.lower() for block in translated for word in WORD.findall(block.text)}
    source = [word.lower() for block in translated for word in WORD.findall(block.source_text)]
    candidates = [word for word in source if word not in target]
    left = [word for word in candidates if word in seen]
    assert len(candidates) > 100
    assert len(left) <= 0.05 * len(candidates), left


def test_the_covers_take_the_papers_colour_and_leave_no_ink(rebuilt: Rebuilt) -> None:
    before, after = rendered(rebuilt.source.read_bytes(), "RGB"), rendered(rebuilt.covers_only, "RGB")
    covered = numpy.zeros(before.shape[:2], dtype=bool)
    for block in rebuilt.document.blocks():
        if block.translatable:
            for box in block.ink:
                covered[pixels(box)] = True
    luma_before, luma_after = before @ [0.299, 0.587, 0.114], after @ [0.299, 0.587, 0.114]
    paper = numpy.median(luma_before)
    ink_before = (luma_before < paper - 80) & covered
    ink_after = (luma_after < paper - 80) & covered
    assert ink_before.sum() > 10_000
    assert ink_after.sum() <= 0.01 * ink_before.sum()
    # Not white boxes: the covered words now look like the yellowish paper around them.
    colour = after[covered].mean(axis=0)
    assert numpy.abs(colour - TINTED_PAPER).max() < 12, colour


# --- helpers ---------------------------------------------------------------------------------------


def skewed(box: BBox, skew: float, size: tuple[float, float]) -> BBox:
    """`box` moved as the sheet turned counter-clockwise by `skew` degrees about the page's centre."""
    angle = numpy.radians(skew)
    cx, cy = size[0] / 2, size[1] / 2
    dx, dy = (box.x0 + box.x1) / 2 - cx, (box.top + box.bottom) / 2 - cy
    x = cx + dx * numpy.cos(angle) + dy * numpy.sin(angle)
    y = cy - dx * numpy.sin(angle) + dy * numpy.cos(angle)
    return BBox(x0=x - box.width / 2, top=y - box.height / 2, x1=x + box.width / 2, bottom=y + box.height / 2)


def best_match(box: BBox, candidates: list[BBox]) -> tuple[int, float]:
    overlaps = [iou(box, candidate) for candidate in candidates]
    index = int(numpy.argmax(overlaps))
    return index, overlaps[index]


def iou(a: BBox, b: BBox) -> float:
    width = max(0.0, min(a.x1, b.x1) - max(a.x0, b.x0))
    height = max(0.0, min(a.bottom, b.bottom) - max(a.top, b.top))
    shared = width * height
    return shared / (a.width * a.height + b.width * b.height - shared)


def near(word: dict, box: BBox, slack: float = 3.0) -> bool:
    return abs(word["x0"] - box.x0) <= slack and abs(word["top"] - box.top) <= slack


def rendered(pdf: bytes, mode: str = "L", dpi: float = 150) -> numpy.ndarray:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return numpy.asarray(document[0].render(scale=dpi / 72).to_pil().convert(mode))
    finally:
        document.close()


def pixels(box: BBox, dpi: float = 150) -> tuple[slice, slice]:
    scale = dpi / 72
    return slice(int(box.top * scale), int(box.bottom * scale) + 1), slice(
        int(box.x0 * scale), int(box.x1 * scale) + 1
    )


def write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def blank_page() -> bytes:
    paper = numpy.full((1754, 1240), 238, dtype=numpy.uint8)
    paper[numpy.random.default_rng(2).random(paper.shape) < 0.0005] = 40
    return image_pdf(Image.fromarray(paper), 150)


def picture_page() -> bytes:
    """A photograph on a page: a sky, a dark hill, rocks; nothing that reads as text."""
    random = numpy.random.default_rng(7)
    sky = (
        numpy.linspace(90, 230, 1200)[:, None, None]
        * numpy.array([0.6, 0.8, 1.0])
        * numpy.ones((1200, 900, 3))
    )
    photo = Image.fromarray(sky.clip(0, 255).astype(numpy.uint8))
    draw = ImageDraw.Draw(photo)
    for _ in range(25):
        x, y, r = (
            int(value)
            for value in (random.integers(0, 900), random.integers(200, 1200), random.integers(20, 150))
        )
        draw.ellipse(
            (x - r, y - r // 2, x + r, y + r // 2), fill=tuple(int(v) for v in random.integers(10, 120, 3))
        )
    draw.polygon([(0, 1200), (200, 600), (450, 850), (650, 500), (900, 800), (900, 1200)], fill=(30, 50, 25))
    page = Image.new("RGB", (1240, 1754), (245, 245, 240))
    page.paste(photo.filter(ImageFilter.GaussianBlur(2)), (170, 250))
    return image_pdf(page, 150)


@contextmanager
def fresh_tesseract() -> Iterator[None]:
    """The OCR settings and Tesseract read again from the environment inside the block, and after it."""
    extractor_settings.cache_clear()
    default_tesseract.cache_clear()
    try:
        yield
    finally:
        extractor_settings.cache_clear()
        default_tesseract.cache_clear()
