"""The OCR path's pure parts: hOCR, runs, placement on the page, language packs, resolution, skew, blank
pages, confidence, page ranges by cost and what a job is told. No Tesseract: images and hOCR made here."""

import numpy
import pytest
from PIL import Image, ImageDraw, ImageFont

from docrelay_common.constants import OcrMode
from docrelay_common.document import Document, OcrInfo, Page
from docrelay_common.messages import PageRange, page_ranges, weighted_page_ranges
from docrelay_extractor.ocr.blocks import ocr_blocks
from docrelay_extractor.ocr.colours import ink_colour
from docrelay_extractor.ocr.hocr import OcrLine, OcrWord, parse_hocr
from docrelay_extractor.ocr.languages import (
    RangeLanguage,
    detected_choice,
    packs_for_language,
    packs_for_script,
)
from docrelay_extractor.ocr.lines import split_runs, text_lines
from docrelay_extractor.ocr.page_image import MAX_DPI, MIN_DPI, is_blank, page_dpi
from docrelay_extractor.ocr.placement import ScanPlacement
from docrelay_extractor.ocr.skew import skew_angle
from docrelay_extractor.ocr.summary import OcrSummary

# Tesseract 5.3's own hOCR of two lines at 300 dpi, trimmed, with a picture region added.
HOCR = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <head><title></title></head>
 <body>
  <div class='ocr_page' id='page_1' title='image "-"; bbox 0 0 800 300; ppageno 0; scan_res 300 300'>
   <div class='ocr_photo' id='block_1_3' title="bbox 500 150 780 290"></div>
   <div class='ocr_carea' id='block_1_1' title="bbox 23 26 422 54">
    <p class='ocr_par' id='par_1_1' lang='eng' title="bbox 23 26 422 54">
     <span class='ocr_line' id='line_1_1'
        title="bbox 23 26 422 54; baseline 0 -4; x_size 29.351351; x_descenders 5.3513513; x_ascenders 6">
      <span class='ocrx_word' id='word_1_1' title='bbox 23 26 100 50; x_wconf 96'>Hello</span>
      <span class='ocrx_word' id='word_1_2' title='bbox 112 26 206 54; x_wconf 96'
        ><strong>world,</strong></span>
      <span class='ocrx_word' id='word_1_3' title='bbox 221 26 276 50; x_wconf 95'>this</span>
     </span>
    </p>
   </div>
   <div class='ocr_carea' id='block_1_2' title="bbox 20 86 458 117">
    <p class='ocr_par' id='par_1_2' lang='eng' title="bbox 20 86 458 117">
     <span class='ocr_header' id='line_1_2'
        title="bbox 20 86 458 117; baseline 0.01 -7; x_size 31; x_descenders 7">
      <span class='ocrx_word' id='word_1_7' title='bbox 20 86 78 110; x_wconf 95'>The</span>
      <span class='ocrx_word' id='word_1_8' title='bbox 92 86 175 117; x_wconf 12'> </span>
     </span>
    </p>
   </div>
  </div>
 </body>
</html>"""

SIZE = 30.0


def word(x0: float, text: str, top: float = 100, bottom: float = 124, confidence: float = 95) -> OcrWord:
    return OcrWord(box=(x0, top, x0 + 12 * len(text), bottom), text=text, confidence=confidence)


def line_of(*words: OcrWord) -> OcrLine:
    box = (min(w.box[0] for w in words), min(w.box[1] for w in words), max(w.box[2] for w in words), 130)
    return OcrLine(box=box, words=list(words), size=SIZE, baseline=124, slope=0, descenders=6)


def runs_text(line: OcrLine) -> list[list[str]]:
    return [[w.text for w in run] for run in split_runs(line)]


def straight(width: int = 800, height: int = 300, orientation: int = 0, skew: float = 0.0) -> ScanPlacement:
    # 300 dpi: a pixel is 0.24 pt.
    page = (width * 0.24, height * 0.24) if orientation in (0, 180) else (height * 0.24, width * 0.24)
    return ScanPlacement(skew, orientation, width, height, *page)


def test_hocr_gives_lines_with_their_baseline_and_size_and_words_with_their_confidence() -> None:
    hocr = parse_hocr(HOCR)
    assert [[w.text for w in line.words] for line in hocr.lines] == [["Hello", "world,", "this"], ["The"]]
    first = hocr.lines[0]
    assert first.words[1] == OcrWord(box=(112, 26, 206, 54), text="world,", confidence=96)
    # The em box runs from the descenders' depth up by the line's size: as a PDF's glyph boxes do.
    top, bottom = first.em_span(23, 422)
    assert (bottom, top) == pytest.approx((54 - 4 + 5.3513513, 54 - 4 + 5.3513513 - 29.351351))
    # A sloped baseline is followed along the line.
    assert hocr.lines[1].em_span(20, 220)[1] == pytest.approx(117 - 7 + 0.01 * 100 + 7)
    assert hocr.photos == [(500, 150, 780, 290)]


def test_a_line_splits_at_rule_glyphs_wide_gaps_and_other_lines_but_not_at_specks() -> None:
    assert runs_text(line_of(word(0, "Day"), word(60, "|"), word(90, "Morning"))) == [["Day"], ["Morning"]]
    gap = 2.5 * SIZE + 1
    assert runs_text(line_of(word(0, "9:00"), word(48 + gap, "15:00"))) == [["9:00"], ["15:00"]]
    # A speck made one word's box taller: top and bottom moved apart, not the same way.
    speck = word(60, "a", top=95, bottom=140)
    assert runs_text(line_of(word(0, "and"), speck, word(90, "letter"))) == [["and", "a", "letter"]]
    # A caption Tesseract joined to the paragraph line beside it sits a line lower.
    caption = word(300, "Lookout.", top=140, bottom=164)
    assert runs_text(line_of(word(0, "The"), word(50, "siege"), caption)) == [["The", "siege"], ["Lookout."]]
    noise = OcrWord(box=(50, 100, 56, 124), text="~", confidence=20)
    assert runs_text(line_of(word(0, "one"), noise, word(60, "two"))) == [["one", "two"]]


def test_right_to_left_words_come_in_reading_order() -> None:
    first, second = word(200, "مرحبا"), word(100, "بالعالم")
    assert runs_text(line_of(second, first)) == [["مرحبا", "بالعالم"]]


def test_runs_become_text_lines_sized_by_the_line_and_coloured_by_their_ink() -> None:
    rgb = numpy.full((300, 800, 3), (240, 235, 220), dtype=numpy.uint8)
    rgb[102:122, 0:200] = (26, 77, 128)
    chinese = [word(0, "你好"), word(30, "世界"), word(60, "abg", bottom=130)]
    runs = text_lines([line_of(*chinese)], straight(), rgb)
    assert len(runs) == 1
    made = runs[0].line
    assert made.text == "你好世界 abg"
    assert made.style.size == pytest.approx(SIZE * 0.24, abs=0.25)
    assert made.style.color == "#1a4d80"
    assert made.bbox.bottom == pytest.approx(130 * 0.24)


def test_a_line_without_descenders_is_as_tall_as_its_capitals_need() -> None:
    # Tesseract's own numbers for a 14 pt heading at 300 dpi, "How to become a member": 46 px, not 58.
    heading = OcrLine(
        box=(267, 1030, 1121, 1076),
        words=[OcrWord((267, 1032, 402, 1076), "How", 96), OcrWord((425, 1034, 490, 1076), "to", 95)],
        size=46.15,
        baseline=1076,
        descenders=11.5,
    )
    rgb = numpy.full((1200, 1200, 3), 255, dtype=numpy.uint8)
    [run] = text_lines([heading], straight(1200, 1200), rgb)
    assert run.line.style.size == pytest.approx(14, abs=0.5)
    assert run.line.bbox.bottom == pytest.approx((1076 + 11.5) * 0.24)


def test_the_ink_colour_leaves_out_anti_aliased_edges() -> None:
    rgb = numpy.full((40, 100, 3), 250, dtype=numpy.uint8)
    rgb[10:30, 10:90] = 34
    rgb[9, 10:90] = rgb[30, 10:90] = 140
    assert ink_colour(rgb, (10, 9, 90, 31), ring=3) == "#222222"


def test_boxes_of_a_straightened_image_are_turned_back_onto_the_skewed_scan() -> None:
    placement = straight(skew=1.5)
    # The centre stays; a point on the right edge's middle climbs by tan(1.5 degrees) of the half width.
    centre = placement.on_page((399, 149, 401, 151))
    assert ((centre.x0 + centre.x1) / 2, (centre.top + centre.bottom) / 2) == pytest.approx((96, 36))
    right = placement.on_page((799, 149, 800, 151))
    assert (right.top + right.bottom) / 2 == pytest.approx(
        36 - 400 * numpy.sin(numpy.radians(1.5)) * 0.24, 0.01
    )
    # A block keeps its size; only its centre moves to where its text is.
    block = placement.block_on_page(placement.in_frame((600, 100, 780, 130)))
    assert (block.width, block.height) == pytest.approx((180 * 0.24, 30 * 0.24))
    assert block.top < 100 * 0.24


def test_boxes_of_a_page_turned_upright_go_back_where_the_turned_text_is() -> None:
    # The text runs upwards (turned 270 degrees clockwise): OCR read the page turned 90 degrees clockwise.
    # The upright image's top-left corner is the page's bottom-left corner.
    placement = straight(width=800, height=300, orientation=270)
    box = placement.on_page((0, 0, 100, 20))
    assert (box.x0, box.top, box.x1, box.bottom) == pytest.approx(
        (0, (800 - 100) * 0.24, 20 * 0.24, 800 * 0.24)
    )
    assert placement.frame.rotation == 270


def test_pages_are_cut_into_ranges_by_cost() -> None:
    assert weighted_page_ranges([1.0] * 100, 40) == page_ranges(100, 40)
    scan = weighted_page_ranges([10.0] * 12, 40)
    assert scan == [PageRange(first=1, last=4), PageRange(first=5, last=8), PageRange(first=9, last=12)]
    mixed = weighted_page_ranges([1.0] * 30 + [10.0] * 2 + [1.0] * 5 + [50.0], 40)
    assert [(part.first, part.last) for part in mixed] == [(1, 31), (32, 37), (38, 38)]
    assert weighted_page_ranges([], 40) == []


def test_language_packs_follow_the_language_or_else_the_script() -> None:
    assert packs_for_language("fr").packs == "fra"
    assert packs_for_language("pt-BR").packs == "por"
    assert packs_for_language("ru").packs == "rus+eng"
    sv = packs_for_language("sv")
    assert (sv.packs, sv.notice) == ("eng", "no OCR language data for sv: read as English")
    latin = packs_for_script("Latin", 3.0)
    assert latin is not None and (latin.packs, latin.detect) == ("eng", True)
    cyrillic = packs_for_script("Cyrillic", 3.0)
    assert cyrillic is not None and (cyrillic.packs, cyrillic.detect) == ("rus+eng", False)
    # A script named without confidence is a guess.
    guessed = packs_for_script("Cyrillic", 0.2)
    assert guessed is not None and guessed.packs == "eng"
    assert packs_for_script("Hangul", 4.0) is None
    assert detected_choice("fr").packs == "fra"
    assert (detected_choice("ru").packs, detected_choice("ru").notice) == ("eng", None)
    assert detected_choice("nl").notice == "no OCR language data for nl: read as English"


def test_a_range_remembers_the_packs_found_for_each_script() -> None:
    memory = RangeLanguage(source_lang=None)
    first = memory.choice("Latin", 4.0)
    assert first is not None and first.detect
    memory.remember("Latin", 4.0, detected_choice("es"))
    later = memory.choice("Latin", 4.0)
    assert later is not None and (later.packs, later.detect) == ("spa", False)
    asked = RangeLanguage(source_lang="de").choice("Cyrillic", 9.0)
    assert asked is not None and asked.packs == "deu"


def image(width_pt: float, height_pt: float, pixels: tuple[int, int], x0: float = 0, top: float = 0) -> dict:
    return {"x0": x0, "x1": x0 + width_pt, "top": top, "bottom": top + height_pt, "srcsize": pixels}


def test_the_resolution_is_the_scans_own_within_what_ocr_reads_well() -> None:
    a4 = (595.0, 842.0)
    assert page_dpi([image(*a4, (2480, 3508))], *a4) == pytest.approx(300, abs=0.5)
    assert page_dpi([image(*a4, (1240, 1754))], *a4) == pytest.approx(150, abs=0.5)
    # A page with /Rotate 90: the image is shown turned, its pixel size is not.
    turned = (842.0, 595.0)
    assert page_dpi([image(*turned, (1240, 1754))], *turned) == pytest.approx(150, abs=0.5)
    assert page_dpi([image(*a4, (827, 1169))], *a4) == MIN_DPI
    assert page_dpi([image(*a4, (4960, 7016))], *a4) == MAX_DPI
    # Small pictures and the 1x1 layers of compressed scans do not count.
    assert page_dpi([image(100, 100, (2000, 2000)), image(*a4, (1, 1))], *a4) == 300
    poster = (2384.0, 3370.0)
    assert page_dpi([image(*poster, (9933, 14042))], *poster) < MAX_DPI


def text_image(angle: float) -> Image.Image:
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=28)
    for row in range(30):
        draw.text(
            (120, 150 + row * 45), "The quick brown fox jumps over the lazy dog " * 2, font=font, fill=0
        )
    return page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)


@pytest.mark.parametrize("angle", [1.5, -1.8, 0.0])
def test_the_skew_of_text_lines_is_found(angle: float) -> None:
    assert skew_angle(text_image(angle)) == pytest.approx(angle, abs=0.2)


def test_a_page_without_text_is_blank_even_with_dust() -> None:
    paper = numpy.full((1754, 1240), 235, dtype=numpy.uint8)
    dust = numpy.random.default_rng(1).random(paper.shape) < 0.0005
    paper[dust] = 40
    assert is_blank(Image.fromarray(paper))
    one_line = Image.fromarray(paper)
    ImageDraw.Draw(one_line).text(
        (100, 100), "A single short line", font=ImageFont.load_default(size=30), fill=0
    )
    assert not is_blank(one_line)


def test_blocks_read_with_little_confidence_are_kept_as_scanned_and_counted() -> None:
    rgb = numpy.full((300, 800, 3), 255, dtype=numpy.uint8)
    sure = line_of(word(0, "Clear"), word(80, "words"))
    unsure = OcrLine(
        box=(0, 200, 300, 230),
        words=[OcrWord((0, 200, 60, 224), "Tha", 30), OcrWord((70, 200, 200, 224), "Ishwanw", 45)],
        size=SIZE,
        baseline=224,
        descenders=6,
    )
    made = ocr_blocks(3, text_lines([sure, unsure], straight(), rgb), straight())
    assert [(b.text, b.translatable, b.source) for b in made.blocks] == [
        ("Clear words", True, "ocr"),
        ("Tha Ishwanw", False, "ocr"),
    ]
    assert made.low_confidence == 1
    assert made.blocks[1].confidence == pytest.approx((30 * 3 + 45 * 7) / 10)
    assert [b.id for b in made.blocks] == ["p3-b0", "p3-b1"]
    assert len(made.blocks[0].ink) == 2


def scanned(number: int, info: OcrInfo) -> Page:
    return Page(number=number, width=100, height=100, ocr=info)


def test_a_job_is_told_what_ocr_did_and_why_nothing_could_be_read() -> None:
    off = OcrSummary(OcrMode.OFF)
    assert "ocr=auto" in off.no_text_message()
    missing = OcrSummary(OcrMode.AUTO)
    missing.add(Document(pages=[scanned(1, OcrInfo(outcome="unavailable", notice="OCR is not installed"))]))
    assert "OCR is not installed on this server" in missing.no_text_message()
    blank = OcrSummary(OcrMode.AUTO)
    blank.add(
        Document(
            pages=[scanned(1, OcrInfo(outcome="blank", seconds=0.5)), scanned(2, OcrInfo(outcome="blank"))]
        )
    )
    assert blank.no_text_message().startswith("OCR found nothing readable on the 2 page(s)")
    read = OcrSummary(OcrMode.FORCE)
    failure = OcrInfo(outcome="failed", seconds=120, notice="OCR could not read it (timed out)")
    read.add(Document(pages=[scanned(2, OcrInfo(seconds=2.5, low_confidence_blocks=3)), scanned(4, failure)]))
    assert read.facts() == {"mode": "force", "pages": [2], "seconds": 122.5, "low_confidence_blocks": 3}
    assert read.no_text_message().startswith("OCR failed on page 4 of this PDF")
    assert read.notices() == [
        "page 4: OCR could not read it (timed out)",
        "3 block(s) read with low OCR confidence were kept as scanned",
    ]
