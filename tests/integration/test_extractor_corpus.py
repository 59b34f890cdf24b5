"""The extractor on real-world PDFs from the development corpus."""

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from docrelay_common.document import BBox, Document, Page, TextBlock
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_extractor.extract import extract_document
from docrelay_extractor.language import detect_language, document_language
from docrelay_extractor.normalize import normalize_pdf
from tests.support.corpus import ensure_corpus
from tests.support.pdfs import pages_of

Normalize = Callable[[str], Path]
Extract = Callable[[str], Document]


@pytest.fixture(scope="module")
def normalized(corpus, tmp_path_factory) -> Normalize:
    """Corpus file name -> path of its normalized copy (made once per module)."""
    directory = tmp_path_factory.mktemp("normalized")

    @cache
    def normalize(name: str) -> Path:
        path = directory / name
        path.write_bytes(normalize_pdf(corpus(name)).pdf)
        return path

    return normalize


@pytest.fixture(scope="module")
def extracted(normalized) -> Extract:
    return cache(lambda name: extract_document(normalized(name)))


def body_size(document: Document) -> float:
    """The text size most characters are set in."""
    sizes: Counter[float] = Counter()
    for block in document.blocks():
        sizes[block.style.size] += len(block.text)
    return sizes.most_common(1)[0][0]


def text_area_width(page: Page, size: float) -> float:
    blocks = [block for block in page.blocks if block.style.size == size]
    return max(block.bbox.x1 for block in blocks) - min(block.bbox.x0 for block in blocks)


def test_paragraphs_of_a_two_column_paper_stay_within_one_column(extracted):
    document = extracted("naacl06-shinyama.pdf")
    size = body_size(document)
    paragraphs = 0
    for page in document.pages:
        column_width = text_area_width(page, size) / 2
        for block in page.blocks:
            if block.style.size == size and block.line_count >= 2:
                paragraphs += 1
                assert block.bbox.width < column_width, block
    assert paragraphs > 40


def test_both_columns_of_the_paper_have_paragraphs(extracted):
    page = extracted("naacl06-shinyama.pdf").pages[1]
    centre = page.width / 2
    # Paragraphs of one column: narrower than half the page, on one side of its middle.
    multi_line = [block for block in page.blocks if block.line_count >= 3 and block.bbox.width < centre]
    assert any((block.bbox.x0 + block.bbox.x1) / 2 < centre for block in multi_line)
    assert any((block.bbox.x0 + block.bbox.x1) / 2 > centre for block in multi_line)


def test_no_block_of_the_three_column_refcard_spans_two_columns(extracted):
    document = extracted("pari-refcard-ell.pdf")
    (page,) = document.pages
    column_width = text_area_width(page, body_size(document)) / 3
    assert len(page.blocks) > 50
    assert all(block.bbox.width < column_width for block in page.blocks)


def test_no_table_of_the_three_column_refcard_spans_two_columns(extracted):
    # Each column of the card holds label-and-command tables; the columns set their rows at other
    # heights, so bands across the page interleave: a table across the gutter would make cells of half
    # a line's height and align them to the other column's edge.
    document = extracted("pari-refcard-ell.pdf")
    (page,) = document.pages
    column_width = text_area_width(page, body_size(document)) / 3
    text_of: dict[str, list[BBox]] = {}
    for block in page.blocks:
        if block.cell is not None:
            text_of.setdefault(block.cell.table, []).append(block.bbox)
    assert len(text_of) >= 10
    widths = {
        table: max(box.x1 for box in boxes) - min(box.x0 for box in boxes) for table, boxes in text_of.items()
    }
    assert all(width < column_width for width in widths.values()), widths


def test_each_label_of_the_refcard_beside_its_command_is_a_block_of_its_own(extracted):
    # "k-th derivative ..." starts in lower case under "Jacobi sine theta function": as prose it would
    # go on with the sentence above; each has its own command beside it, so each is an item.
    (page,) = extracted("pari-refcard-ell.pdf").pages
    texts = [block.source_text for block in page.blocks]
    assert "Jacobi sine theta function" in texts
    assert any(text.startswith("k-th derivative at z=0 of theta") for text in texts)


def test_a_table_in_one_column_of_a_two_column_paper_is_found(extracted):
    # Table 6 of the paper: hurricanes, dates and article counts, the acknowledgements beside it.
    page = extracted("naacl06-shinyama.pdf").pages[7]
    cells = {block.source_text: block.cell for block in page.blocks if block.cell is not None}
    assert {"Philippe", "* Rita", "566", "368"} <= cells.keys()
    assert cells["Philippe"].table == cells["566"].table
    assert cells["Philippe"].row == cells["6"].row
    assert cells["* Rita"].row == cells["566"].row


@pytest.fixture(scope="module")
def index_page(tmp_path_factory) -> Path:
    """Page 109 of the R manual alone: its function index, two columns of "cbind . . . . . 26"."""
    path = tmp_path_factory.mktemp("index") / "index.pdf"
    with pikepdf.open(ensure_corpus() / "pdfs" / "R-intro.pdf") as whole, pikepdf.new() as alone:
        alone.pages.append(whole.pages[108])
        alone.save(path)
    return path


def test_each_index_entry_is_a_block_of_its_own_kept_as_code(index_page):
    normalized = index_page.with_name("normalized.pdf")
    normalized.write_bytes(normalize_pdf(index_page).pdf)
    document = extract_document(normalized)
    (page,) = document.pages
    entries = {block.source_text: block for block in page.blocks if block.leader}
    identifiers = {"cbind", "coef", "coefficients", "data", "data.frame", "if", "else", "FALSE", "NaN"}
    assert identifiers <= entries.keys()
    assert not any(entries[name].translatable for name in identifiers)
    # A capitalised word alone is a word ("Error" is also R's function): it is translated.
    assert entries["Error"].translatable
    # The page numbers are blocks apart from the entries (a column of them may be one block: kept as
    # drawn either way).
    numbers = [block for block in page.blocks if re.fullmatch(r"[\d, ]+", block.source_text)]
    assert "8, 11, 27, 30" in {block.source_text for block in numbers}
    assert sum(len(re.findall(r"\d+", block.source_text)) for block in numbers) >= 80
    assert not any(block.translatable for block in numbers)
    # Little is left to read the language in (the page's heading): the entries tell it too.
    assert document_language(document) == "en"


def test_the_labels_of_two_form_fields_are_two_blocks(extracted):
    # "First Name" (beside its field) above "Birthday" (beside another) read as one paragraph became
    # "Primer Cumpleaños de Nombre".
    (page,) = extracted("libreoffice-form.pdf").pages
    texts = [block.source_text for block in page.blocks]
    assert {"First Name", "Birthday", "Last Name", "Female", "Male"} <= set(texts)


def test_a_sentence_with_bold_words_is_one_block(extracted):
    # dmca's bold words inside sentences made their lines blocks of their own, so each sentence was
    # translated in two halves; its bold headings stay apart from their text.
    page = extracted("dmca.pdf").pages[0]
    texts = [block.source_text for block in page.blocks]
    assert any("understanding of any provision of the DMCA requires" in text for text in texts)
    assert any(text.startswith("Title II, the") and "Limitation Act,” creates" in text for text in texts)
    assert "INTRODUCTION" in texts


def test_list_items_whose_markers_are_drawn_apart_are_blocks_of_their_own(extracted):
    # dmca sets each bullet (a symbol font's glyph, read as "!"), a tab, then the item: an item whose last
    # line was full ran on into the next one ("… or repair. Title IV contains …").
    pages = extracted("dmca.pdf").pages
    texts = [block.source_text for block in pages[0].blocks]
    assert any(text.startswith("Title III") and text.endswith("repair.") for text in texts)
    assert any(text.startswith("Title IV contains") for text in texts)
    items = [block.source_text for block in pages[3].blocks if block.source_text.startswith("they ")]
    assert len(items) == 3, items


def test_blocks_are_read_column_by_column(extracted):
    page = extracted("naacl06-shinyama.pdf").pages[1]
    centre = page.width / 2
    body = [block for block in page.blocks if block.line_count >= 3]
    sides = [block.bbox.x0 > centre for block in body]
    assert sides == sorted(sides), "every left-column paragraph comes before the right column"
    for column in (False, True):
        tops = [block.bbox.top for block, side in zip(body, sides, strict=True) if side is column]
        assert tops == sorted(tops)


def prose(document: Document, page: Page, min_lines: int) -> list[TextBlock]:
    size = body_size(document)
    return [
        block
        for block in page.blocks
        if block.style.size == size and block.line_count >= min_lines and block.translatable
    ]


def test_long_paragraphs_of_the_paper_read_as_english(extracted):
    document = extracted("naacl06-shinyama.pdf")
    paragraphs = [block for page in document.pages for block in prose(document, page, min_lines=3)]
    assert len(paragraphs) > 30
    # Table columns and reference entries (names, dates) are blocks too; real prose must dominate.
    english = [block for block in paragraphs if detect_language(block.text) == "en"]
    assert len(english) >= 0.85 * len(paragraphs)
    assert document_language(document) == "en"


def test_hyphenated_words_and_ligatures_are_rejoined(extracted):
    text = " ".join(block.text for block in extracted("naacl06-shinyama.pdf").pages[0].blocks)
    assert "Existing IE systems" in text  # "Ex-" / "isting" across a line end
    assert "defined as finding" in text  # "deﬁned as ﬁnding" with ligatures
    assert "-\n" not in text and "\ufb01" not in text


def first_word(text: str) -> str:
    return text.split()[0]


@pytest.mark.parametrize("page_number", [1, 2, 5])
def test_paragraph_box_starts_where_pdfplumber_finds_its_first_word(extracted, normalized, page_number):
    document = extracted("naacl06-shinyama.pdf")
    page = document.pages[page_number - 1]
    with pdfplumber.open(normalized("naacl06-shinyama.pdf")) as pdf:
        words = pdf.pages[page_number - 1].extract_words()
    paragraphs = prose(document, page, min_lines=2)
    for block in paragraphs:
        candidates = [
            word
            for word in words
            if unicodedata.normalize("NFKC", word["text"]).startswith(first_word(block.text))
            and abs(word["top"] - block.bbox.top) < 1.0
            and block.bbox.x0 - 1.0 <= word["x0"] <= block.bbox.x0 + 2 * block.style.size  # first-line indent
        ]
        assert candidates, f"{block.id}: no word {first_word(block.text)!r} at the top of {block.bbox}"
    assert len(paragraphs) >= 3


def test_every_page_is_kept_in_order_with_progress(normalized):
    progress: list[tuple[int, int]] = []
    document = extract_document(
        normalized("camlidl-manual.pdf"), on_page=lambda done, total: progress.append((done, total))
    )
    assert [page.number for page in document.pages] == list(range(1, 27))
    assert progress == [(number, 26) for number in range(1, 27)]


def test_pdf_encrypted_with_an_empty_user_password_opens(normalized, extracted):
    with pikepdf.open(normalized("dmca.pdf")) as pdf:
        assert not pdf.is_encrypted
    document = extracted("dmca.pdf")
    assert len(document.pages) == 18
    assert document_language(document) == "en"


@pytest.mark.parametrize("name", ["pdfminer-aes-256.pdf", "crazyones-encrypted-256.pdf"])
def test_password_protected_pdfs_are_refused(corpus, name):
    with pytest.raises(PermanentError) as raised:
        normalize_pdf(corpus(name))
    assert raised.value.code == ErrorCode.PDF_ENCRYPTED
    assert "password" in raised.value.message


def test_a_corrupt_file_is_refused_without_leaking_paths(corpus):
    with pytest.raises(PermanentError) as raised:
        normalize_pdf(corpus("fuzz-small.pdf"))
    assert raised.value.code == ErrorCode.PDF_CORRUPT
    assert "/" not in raised.value.message


def test_a_pdf_without_pages_is_refused(corpus):
    # qpdf reads this file fine: its page tree is simply empty.
    with pytest.raises(PermanentError) as raised:
        normalize_pdf(corpus("zero-pages.pdf"))
    assert raised.value.code == ErrorCode.PDF_EMPTY


def test_a_scan_without_a_text_layer_is_refused(normalized):
    with pytest.raises(PermanentError) as raised:
        extract_document(normalized("francais-scan.pdf"))
    assert raised.value.code == ErrorCode.PDF_NO_TEXT
    assert "OCR" in raised.value.message


def test_a_malformed_pdf_is_repaired_and_then_found_to_hold_no_text(normalized):
    # cyclic-toc.pdf lacks a MediaBox and /Size and has a cyclic outline; qpdf rebuilds it.
    with pikepdf.open(normalized("cyclic-toc.pdf")) as pdf:
        assert len(pdf.pages) == 1
        assert pdf.pages[0].mediabox is not None
    with pytest.raises(PermanentError) as raised:
        extract_document(normalized("cyclic-toc.pdf"))
    assert raised.value.code == ErrorCode.PDF_NO_TEXT


def test_a_russian_manual_is_detected_as_russian(extracted):
    assert document_language(extracted("texlive-ru.pdf")) == "ru"


def test_a_contents_entry_keeps_its_links_colour_beside_black_leaders(extracted):
    # texlive-ru's contents: entries in a link's purple, their dot leaders in black and more of them.
    contents = {block.text: block for block in extracted("texlive-ru.pdf").pages[0].blocks}
    for entry in ("Основы установки TEX Live", "Соображения безопасности"):
        assert contents[entry].leader
        assert contents[entry].style.color == "#800080"


def test_images_are_placed_on_their_page(extracted):
    pages = extracted("vicksburg-ocr.pdf").pages
    images = [(page, image) for page in pages for image in page.images]
    assert images
    for page, image in images:
        assert 0 <= image.bbox.x0 < image.bbox.x1 <= page.width + 0.5
        assert 0 <= image.bbox.top < image.bbox.bottom <= page.height + 0.5


def corpus_names() -> list[str]:
    manifest = (ensure_corpus() / "manifest.tsv").read_text().splitlines()[1:]
    return [line.split("\t")[0] for line in manifest if line]


# The corpus files that cannot give a document, and the code each one must end with instead.
CODED_OUTCOMES = {
    "pdfminer-aes-256.pdf": ErrorCode.PDF_ENCRYPTED,
    "crazyones-encrypted-256.pdf": ErrorCode.PDF_ENCRYPTED,
    "fuzz-small.pdf": ErrorCode.PDF_CORRUPT,
    "zero-pages.pdf": ErrorCode.PDF_EMPTY,
    # A scan without a text layer (OCR is off here), and a page whose only text is its outline.
    "francais-scan.pdf": ErrorCode.PDF_NO_TEXT,
    "cyclic-toc.pdf": ErrorCode.PDF_NO_TEXT,
}


def assert_well_formed(document: Document) -> None:
    for page in document.pages:
        assert [block.id for block in page.blocks] == [
            f"p{page.number}-b{i}" for i in range(len(page.blocks))
        ]
        for block in page.blocks:
            assert "(cid:" not in block.text, block.id
            assert block.text and block.text == block.source_text == " ".join(block.text.split())
            assert re.fullmatch(r"#[0-9a-f]{6}", block.style.color)
            assert -0.5 <= block.bbox.x0 < block.bbox.x1 <= page.width + 0.5, block.id
            assert -0.5 <= block.bbox.top < block.bbox.bottom <= page.height + 0.5, block.id


# One test per file, each with its own time limit: the largest (113 pages) takes a while on a busy machine.
@pytest.mark.timeout(180)
@pytest.mark.parametrize("name", corpus_names())
def test_each_corpus_pdf_gives_a_well_formed_document_or_its_coded_error(name, extracted):
    if name in CODED_OUTCOMES:
        with pytest.raises(PermanentError) as raised:
            extracted(name)
        assert raised.value.code == CODED_OUTCOMES[name]
    else:
        assert_well_formed(extracted(name))


def test_texlive_rus_contents_page_stays_one_table_across_its_chapters_wider_spacing(extracted):
    # A chapter's entry sits further below the last section's than sections below each other, and its
    # number stands out to the left of theirs: the two parts leave strips free that the other only
    # staggers around (an entry ends where another's number starts), no table stacked on another.
    (table,) = extracted("texlive-ru.pdf").pages[1].tables
    assert table.rows >= 40


def test_mpman_rus_contents_entries_in_two_columns_stay_apart(corpus, tmp_path):
    # Its contents page sets two columns of entries at their own heights; a gap before a chapter's entry
    # in one column is no table ending over another: read so, "13 Файловые чтение и запись" and "14
    # Полезные средства" of the right column ran into one paragraph.
    contents = tmp_path / "contents.pdf"
    source = tmp_path / "page.pdf"
    source.write_bytes(pages_of((corpus("mpman-ru.pdf"), 2)))
    contents.write_bytes(normalize_pdf(source).pdf)
    texts = [block.text for block in extract_document(contents).pages[0].blocks]
    assert "13 Файловые чтение и запись" in texts and "14 Полезные средства" in texts, texts
