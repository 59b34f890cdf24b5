"""The reconstructor on real PDFs of the corpus.

The extractor is another stage, so the documents are built here from pdfplumber's words: one block
per text line (split at column and cell gaps), its text upper-cased so new and old text differ.
"""

import random
import zlib
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pikepdf import Name

from docrelay_common.document import BBox, Document, Page, TextBlock, TextStyle
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.messages import PageRange
from docrelay_extractor.ranges import range_pdfs
from docrelay_reconstructor.free_space import free_rooms
from docrelay_reconstructor.reconstruct import reconstruct
from docrelay_reconstructor.scans import is_scanned

POSITION_TOLERANCE = 3.0
BOX_TOLERANCE = 1.5


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    upright: bool
    # The font as the PDF names it ("ABCDEF+CMR10").
    font: str = ""


def page_words(page: pdfplumber.page.Page) -> list[Word]:
    """Words with coordinates from the top-left of the displayed page, as the document model has them."""
    return _as_words(page, page.extract_words(x_tolerance=1.5, extra_attrs=["size", "fontname", "upright"]))


def page_chars(page: pdfplumber.page.Page) -> list[Word]:
    """Each glyph as a one-character Word, in the same coordinates."""
    return _as_words(page, page.chars)


def _as_words(page: pdfplumber.page.Page, objects: list[dict]) -> list[Word]:
    left, top = float(page.bbox[0]), float(page.bbox[1])
    return [
        Word(
            o["text"],
            o["x0"] - left,
            o["top"] - top,
            o["x1"] - left,
            o["bottom"] - top,
            o["size"],
            o["upright"],
            o["fontname"],
        )
        for o in objects
    ]


def text_lines(page: pdfplumber.page.Page) -> list[list[Word]]:
    """Upright words grouped by baseline, split where the gap is wider than the font size."""
    rows: list[list[Word]] = []
    for word in sorted((word for word in page_words(page) if word.upright), key=lambda word: word.bottom):
        if rows and word.bottom - rows[-1][0].bottom < 2:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines: list[list[Word]] = []
    for row in rows:
        for word in sorted(row, key=lambda word: word.x0):
            if lines and lines[-1][-1] in row and 0 <= word.x0 - lines[-1][-1].x1 < word.size:
                lines[-1].append(word)
            else:
                lines.append([word])
    return lines


def line_block(block_id: str, line: list[Word], text: Callable[[str], str], line_count: int = 1) -> TextBlock:
    source = " ".join(word.text for word in line)
    bbox = BBox(
        x0=min(w.x0 for w in line),
        top=min(w.top for w in line),
        x1=max(w.x1 for w in line),
        bottom=max(w.bottom for w in line),
    )
    return TextBlock(
        id=block_id,
        bbox=bbox,
        text=text(source),
        source_text=source,
        style=TextStyle(font=line[0].font, size=line[0].size),
        line_count=line_count,
    )


def document_for(
    path: Path, with_blocks: Collection[int] | None = None, text: Callable[[str], str] = str.upper
) -> Document:
    """One block per text line on the pages (0-based) in with_blocks, all pages if None."""
    with pdfplumber.open(path) as pdf:
        pages = []
        for index, page in enumerate(pdf.pages):
            rewrite = with_blocks is None or index in with_blocks
            lines = text_lines(page) if rewrite else []
            blocks = [line_block(f"p{index}l{n}", line, text) for n, line in enumerate(lines)]
            pages.append(
                Page(
                    number=index + 1,
                    width=page.width,
                    height=page.height,
                    rotation=page.rotation,
                    blocks=blocks,
                )
            )
    return Document(pages=pages)


def open_pages(pdf: bytes | Path) -> pdfplumber.PDF:
    return pdfplumber.open(BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def first_words_in_place(blocks: list[TextBlock], words: list[Word]) -> float:
    """Share of blocks whose first word was rendered within POSITION_TOLERANCE of the block's corner: its
    top there, or (a line set smaller than its source) its baseline on the source's."""
    placed = 0
    for block in blocks:
        first = block.text.split()[0]
        distances = [
            abs(w.x0 - block.bbox.x0) + min(abs(w.top - block.bbox.top), _baseline_offset(block, w))
            for w in words
            if w.text == first
        ]
        placed += bool(distances) and min(distances) <= POSITION_TOLERANCE
    return placed / len(blocks)


def _baseline_offset(block: TextBlock, word: Word) -> float:
    """How far the word's baseline lies from the block's first, both taken at 0.8 of the size below the
    glyphs' top (pdfminer's glyph boxes reach a fifth of the size below the baseline)."""
    return abs((word.top + 0.8 * word.size) - (block.bbox.top + 0.8 * block.style.size))


def words_inside(bbox: BBox, words: list[Word]) -> list[Word]:
    return [
        w
        for w in words
        if w.x0 >= bbox.x0 - BOX_TOLERANCE
        and w.x1 <= bbox.x1 + BOX_TOLERANCE
        and w.top >= bbox.top - BOX_TOLERANCE
        and w.bottom <= bbox.bottom + BOX_TOLERANCE
    ]


@dataclass(frozen=True)
class Case:
    source: Path
    document: Document
    result: bytes


# Each corpus file with the pages that get blocks; the others must come out untouched.
CASES = {
    "naacl06-shinyama.pdf": {0, 1},
    "census-12s0324.pdf": {0},
    "camlidl-manual.pdf": {0, 2},
    "indirect-rotation.pdf": {0, 1},
}


@pytest.fixture(scope="module", params=sorted(CASES))
def case(
    request: pytest.FixtureRequest, corpus: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory
) -> Case:
    source = corpus(request.param)
    document = document_for(source, CASES[request.param])
    return Case(source, document, reconstruct(source, document, tmp_path_factory.mktemp("store")))


def changed(blocks: list[TextBlock]) -> list[TextBlock]:
    """The blocks drawn anew: those whose text is the source's ("LEXPR", "42") keep the PDF's drawing."""
    return [block for block in blocks if block.text != block.source_text]


def test_the_new_text_replaces_the_old(case: Case) -> None:
    with open_pages(case.result) as result:
        for page, rendered in zip(case.document.pages, result.pages, strict=True):
            if not page.blocks:
                continue
            expected = Counter(word for block in changed(page.blocks) for word in block.text.split())
            found = Counter(word.text for word in page_words(rendered))
            assert sum((expected & found).values()) >= 0.95 * sum(expected.values())
            assert not any(char.islower() for char in rendered.extract_text())


def test_blocks_stay_where_they_were(case: Case) -> None:
    with open_pages(case.result) as result:
        for page, rendered in zip(case.document.pages, result.pages, strict=True):
            if page.blocks:
                assert first_words_in_place(changed(page.blocks), page_words(rendered)) >= 0.9


def test_pages_images_and_drawings_are_kept(case: Case) -> None:
    with open_pages(case.source) as source, open_pages(case.result) as result:
        assert len(result.pages) == len(source.pages)
        for page, before, after in zip(case.document.pages, source.pages, result.pages, strict=True):
            assert (after.bbox, after.rotation) == (before.bbox, before.rotation)
            assert (len(after.images), len(after.lines), len(after.curves)) == (
                len(before.images),
                len(before.lines),
                len(before.curves),
            )
            # Scanned pages get one cover per block drawn anew over the pictured source text: every changed
            # block, and those drawn by the same operators as one.
            covers = len(after.rects) - len(before.rects)
            if is_scanned_page(case.source, before):
                assert len(changed(page.blocks)) <= covers <= len(page.blocks)
            else:
                assert covers == 0
            if not page.blocks:
                assert after.extract_text() == before.extract_text()


def is_scanned_page(path: Path, page: pdfplumber.page.Page) -> bool:
    with pikepdf.open(path) as pdf:
        return is_scanned(pdf.pages[page.page_number - 1])


def test_scans_are_told_apart_by_their_invisible_text(corpus: Callable[[str], Path]) -> None:
    for name, scanned in [
        ("indirect-rotation.pdf", True),
        ("vicksburg-ocr.pdf", True),
        ("naacl06-shinyama.pdf", False),
    ]:
        with pikepdf.open(corpus(name)) as pdf:
            assert is_scanned(pdf.pages[0]) is scanned, name


def test_a_long_document_keeps_its_pages_and_reports_progress_in_order(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    source = corpus("camlidl-manual.pdf")
    document = document_for(source)
    progress: list[tuple[int, int]] = []

    # How fast is the benchmarks' business (make bench), not a timed test's on a shared machine.
    result = reconstruct(
        source, document, tmp_path, on_page=lambda done, total: progress.append((done, total))
    )

    assert progress[-1] == (26, 26)
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)
    # Each chunk of ten pages is told of once it is laid over, its planning included.
    assert [done for done, _ in progress] == [10, 20, 26, 26]
    with pikepdf.open(source) as before, pikepdf.open(BytesIO(result)) as after:
        assert [list(p.mediabox) for p in after.pages] == [list(p.mediabox) for p in before.pages]


def test_a_longer_translation_grows_into_free_space_or_shrinks_into_its_box(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    source = corpus("naacl06-shinyama.pdf")
    document = document_for(source, {0}, text=lambda line: f"{line} {line[: len(line) // 2]}".upper())
    rooms = free_rooms(document.pages[0])

    result = reconstruct(source, document, tmp_path)

    with open_pages(result) as pdf:
        # Characters, not words: touching blocks set at one size read back as one word, as in the source.
        chars = page_chars(pdf.pages[0])
    more_lines = 0
    for block in document.pages[0].blocks:
        inside = words_inside(rooms[block.id], chars)
        assert Counter(c.text for c in inside) >= Counter(block.text.replace(" ", "")), block.text
        if rooms[block.id] == block.bbox:
            assert max(c.size for c in inside) < block.style.size
        more_lines += len({round(c.top) for c in inside}) > block.line_count
    assert more_lines, "free space below a line should take the rest of its translation"


def test_a_paragraph_block_wraps_inside_its_box(corpus: Callable[[str], Path], tmp_path: Path) -> None:
    source = corpus("naacl06-shinyama.pdf")
    with pdfplumber.open(source) as pdf:
        page = pdf.pages[0]
        lines = [line for line in text_lines(page) if 300 < line[0].top < 500 and line[0].x0 < 100][:6]
        paragraph = line_block(
            "para", [word for line in lines for word in line], str.upper, line_count=len(lines)
        )
        # The other column's lines beside it, as they are: the gutter between them stays.
        beside = [line for line in text_lines(page) if 300 < line[0].top < 500 and line[0].x0 > 300][:6]
        column = line_block("column", [word for line in beside for word in line], str, line_count=len(beside))
        # And the line under it: the paragraph has no room below its box.
        under = [line for line in text_lines(page) if line[0].top > lines[-1][0].bottom and line[0].x0 < 100][
            :1
        ]
        next_line = line_block("next", under[0], str, line_count=1)
        blocks = [paragraph, column, next_line]
        document = Document(pages=[Page(number=1, width=page.width, height=page.height, blocks=blocks)])
    with pikepdf.open(source) as pdf:
        del pdf.pages[1:]
        pdf.save(tmp_path / "one-page.pdf")

    result = reconstruct(tmp_path / "one-page.pdf", document, tmp_path)

    with open_pages(result) as pdf:
        inside = words_inside(paragraph.bbox, page_words(pdf.pages[0]))
    assert [w.text for w in inside] == paragraph.text.split()
    assert len({round(w.top) for w in inside}) >= len(lines) - 1


def upright_copy(source: Path, target: Path, rotation: int) -> None:
    """The first page turned by /Rotate, its content counter-turned so that it still displays upright."""
    with pikepdf.open(source) as pdf:
        del pdf.pages[1:]
        page = pdf.pages[0]
        width, height = float(page.mediabox[2]), float(page.mediabox[3])
        stored_width, stored_height = (width, height) if rotation == 180 else (height, width)
        counter_turn = {
            90: (0, 1, -1, 0, height, 0),
            180: (-1, 0, 0, -1, width, height),
            270: (0, -1, 1, 0, 0, width),
        }
        page.obj.MediaBox = pikepdf.Array([0, 0, stored_width, stored_height])
        page.obj.Rotate = rotation
        page.contents_add(f"q {' '.join(map(str, counter_turn[rotation]))} cm\n".encode(), prepend=True)
        page.contents_add(b"\nQ\n")
        pdf.save(target)


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_pages_get_the_text_upright_and_aligned(
    corpus: Callable[[str], Path], tmp_path: Path, rotation: int
) -> None:
    source = corpus("indirect-rotation.pdf")
    rotated = tmp_path / "rotated.pdf"
    upright_copy(source, rotated, rotation)
    with open_pages(source) as original, open_pages(rotated) as turned:
        assert page_words(turned.pages[0]) == pytest.approx(page_words(original.pages[0]))
        assert turned.pages[0].rotation == rotation
    document = document_for(rotated)

    result = reconstruct(rotated, document, tmp_path)

    with open_pages(result) as pdf:
        words = page_words(pdf.pages[0])
        assert (pdf.pages[0].rotation, len(pdf.pages[0].images)) == (rotation, 1)
    assert all(word.upright for word in words)
    assert first_words_in_place(document.pages[0].blocks, words) >= 0.9


def test_a_shifted_mediabox_and_a_cropbox_keep_the_alignment(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    shifted = tmp_path / "shifted.pdf"
    with pikepdf.open(corpus("naacl06-shinyama.pdf")) as pdf:
        del pdf.pages[1:]
        pdf.pages[0].obj.MediaBox = pikepdf.Array([-50, -30, 545, 812])
        pdf.pages[0].obj.CropBox = pikepdf.Array([0, 0, 500, 780])
        pdf.save(shifted)
    document = document_for(shifted)

    result = reconstruct(shifted, document, tmp_path)

    with open_pages(result) as pdf:
        assert first_words_in_place(document.pages[0].blocks, page_words(pdf.pages[0])) >= 0.9
    with pikepdf.open(BytesIO(result)) as pdf:
        assert (list(pdf.pages[0].mediabox), list(pdf.pages[0].cropbox)) == (
            [-50, -30, 545, 812],
            [0, 0, 500, 780],
        )


def test_a_form_shared_with_a_page_without_blocks_keeps_its_text_there(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    shared = tmp_path / "shared.pdf"
    with pikepdf.open(corpus("naacl06-shinyama.pdf")) as pdf:
        del pdf.pages[2:]
        first = pdf.pages[0]
        content = pikepdf.unparse_content_stream(pikepdf.parse_content_stream(first))
        form = pdf.make_indirect(
            pdf.make_stream(
                content, Type=Name.XObject, Subtype=Name.Form, BBox=first.mediabox, Resources=first.resources
            )
        )
        form.Resources.XObject = pikepdf.Dictionary(Self=form)  # a cycle the stripper must survive
        for page in pdf.pages:
            page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Shared=form))
            page.obj.Contents = pdf.make_stream(b"q /Shared Do Q")
        pdf.save(shared)
    document = document_for(shared, {0})

    result = reconstruct(shared, document, tmp_path)

    with open_pages(shared) as before, open_pages(result) as after:
        assert not any(char.islower() for char in after.pages[0].extract_text())
        kept_text = before.pages[1].extract_text()
        assert kept_text and after.pages[1].extract_text() == kept_text
        assert any(char.islower() for char in after.pages[1].extract_text())


def test_a_document_of_another_pdf_fails_the_render(corpus: Callable[[str], Path], tmp_path: Path) -> None:
    document = Document(pages=[Page(number=1, width=595, height=842)])

    with pytest.raises(PermanentError) as failure:
        reconstruct(corpus("naacl06-shinyama.pdf"), document, tmp_path)

    assert failure.value.code == ErrorCode.RENDER_FAILED


def undecodable_deflate(content: bytes) -> bytes:
    """`content` deflated, then damaged (a seeded byte at a time) until qpdf can no longer decode it."""
    rng = random.Random(0)
    damaged = bytearray(zlib.compress(content))
    while True:
        damaged[rng.randrange(8, len(damaged))] = rng.randrange(256)
        try:
            zlib.decompress(bytes(damaged))
        except zlib.error as exc:
            if "distance too far back" in str(exc):
                return bytes(damaged)


def damaged_copy(source: Path, destination: Path) -> Path:
    """`source` with its first page's content stream no longer decodable."""
    with pikepdf.open(source) as pdf:
        page = pdf.pages[0]
        page.obj.Contents = pdf.make_stream(undecodable_deflate(page.obj.Contents.read_bytes()))
        page.obj.Contents.Filter = Name.FlateDecode
        pdf.save(destination)
    with pikepdf.open(destination) as pdf, pytest.raises(pikepdf.PdfError):
        pikepdf.parse_content_stream(pdf.pages[0])
    return destination


def test_a_page_whose_content_qpdf_cannot_parse_is_kept_as_it_was_and_told(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    source = corpus("naacl06-shinyama.pdf")
    document = document_for(source, with_blocks={0, 1})
    damaged = tmp_path / "damaged.pdf"
    with pikepdf.open(source) as pdf:
        page = pdf.pages[1]
        page.contents_coalesce()
        page.obj.Contents = pdf.make_stream(undecodable_deflate(page.obj.Contents.read_bytes()))
        page.obj.Contents.Filter = Name.FlateDecode
        pdf.save(damaged)
    with pikepdf.open(damaged) as pdf, pytest.raises(pikepdf.PdfError):
        pikepdf.parse_content_stream(pdf.pages[1])
    told: list[int] = []

    result = reconstruct(damaged, document, tmp_path, on_damaged=told.append)

    assert told == [2]
    with (
        open_pages(result) as after,
        pikepdf.open(BytesIO(result)) as rewritten,
        pikepdf.open(damaged) as kept,
    ):
        assert not any(char.islower() for char in after.pages[0].extract_text())
        assert rewritten.pages[1].obj.Contents.read_raw_bytes() == kept.pages[1].obj.Contents.read_raw_bytes()


def test_malformed_operators_of_a_damaged_page_are_ignored_as_viewers_do(
    sample_pdf: Path, tmp_path: Path
) -> None:
    document = document_for(sample_pdf)
    damaged = tmp_path / "damaged.pdf"
    with pikepdf.open(sample_pdf) as pdf:
        page = pdf.pages[0]
        # A render mode that is a name, one without operand, a form drawn without a name.
        malformed = b"q /Bad Tr Tr Do Q\n"
        page.obj.Contents = pdf.make_stream(malformed + page.obj.Contents.read_bytes())
        pdf.save(damaged)

    with open_pages(reconstruct(damaged, document, tmp_path)) as result:
        assert result.pages[0].extract_text().isupper()


def test_a_damaged_page_of_a_range_is_told_by_its_number_in_the_document(
    sample_pdf: Path, tmp_path: Path
) -> None:
    # A reconstruct part gets its range's own PDF, cut by the extractor's plan; the damage goes along.
    base = damaged_copy(sample_pdf, tmp_path / "damaged.pdf")
    (part, cut), *_ = range_pdfs(base, [PageRange(first=1, last=1)])
    range_pdf = tmp_path / f"{part.label}.pdf"
    range_pdf.write_bytes(cut)
    document = document_for(sample_pdf)
    # The range's document numbers its pages as the whole document does: here as the 41st page.
    document.pages[0].number = 41
    told: list[int] = []

    reconstruct(range_pdf, document, tmp_path, on_damaged=told.append)

    assert told == [41]
