"""Lists with one item per line beside the empty part of their column (a menu, names, a legend, two
rows of label and number) stay one block per line, through the real extractor and reconstructor on a
typeset page, where prose around them is wrapped at the column's width; and the generated lists of the
tables bench through the whole pipeline with Apertium."""

import base64
import io
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from bench.layout_metrics import cell_overflows, centre_inside
from bench.measure import page_words
from bench.pipeline import APERTIUM, BASE_PDF, OK, RESULT_PDF, TRANSLATED_JSON, run_pipeline
from bench.token_metrics import token_counts
from docrelay_common.document import Document
from docrelay_extractor.extract import extract_document
from docrelay_reconstructor.reconstruct import reconstruct
from tests.support.lists import GeneratedLists, Item, lists_and_legends
from tests.support.pdfs import saved_page, shown_text
from tests.support.typeset import typeset_and_extract

PAGE = """<html><head><style>
@page { size: 500pt 520pt; margin: 40pt }
body { font-family: 'Liberation Serif'; font-size: 11pt; line-height: 14pt }
p { margin: 0 0 10pt 0 }
span { position: absolute; left: 200pt }
</style></head><body>
<p>The restaurant is open every day of the week from noon until late in the evening, and the kitchen
serves a short menu that changes with the season and the market.</p>
<p>Soup of the day<br>Grilled fish<br>Apple pie</p>
<p>Juan Mena<br>Pablo Perazzo<br>Ana Li</p>
<p>Red: roads<br>Blue: rivers<br>Green: parks</p>
<p>Forcible rape <span>17.5</span><br>Burglary <span>61.3</span></p>
<p>Bookings are taken by telephone and at the door, and groups of more than eight people are asked to
call a day ahead<br>so that we can prepare a table for them.</p>
<p>Prepared for the members of the club<br>and their guests</p>
</body></html>"""

ITEMS = [
    "Soup of the day",
    "Grilled fish",
    "Apple pie",
    "Juan Mena",
    "Pablo Perazzo",
    "Ana Li",
    "Red: roads",
    "Blue: rivers",
    "Green: parks",
    "Forcible rape",
    "Burglary",
]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Document]:
    return typeset_and_extract(PAGE, tmp_path_factory.mktemp("lists"))


def test_each_item_of_a_list_is_a_block_and_prose_around_it_stays_whole(page: tuple[Path, Document]) -> None:
    _, document = page
    texts = [block.source_text for block in document.blocks()]

    assert set(ITEMS) <= set(texts)
    # Wrapped prose, a sentence broken by hand and one going on in lower case stay one block each.
    assert any(text.startswith("The restaurant is open") and text.endswith("the market.") for text in texts)
    assert any(text.startswith("Bookings are taken") and text.endswith("a table for them.") for text in texts)
    assert "Prepared for the members of the club and their guests" in texts


LETTER = """<html><head><style>
@page { size: 595pt 500pt; margin: 40pt 60pt }
body { font-family: 'Liberation Serif'; font-size: 11pt; line-height: 14pt }
p { margin: 0 0 10pt 0 } .to { margin-left: 260pt } pre { font: 11pt 'DejaVu Sans Mono'; margin-left: 30pt }
blockquote { margin: 0 0 10pt 30pt }
</style></head><body>
<p class="to">Hanjin Shipping Co., Ltd.<br>25-11, Yoid-dong<br>Youngdeungpo-ku<br>Seoul, Korea</p>
<p>Dear Sir or Madam, we write to confirm the booking of the containers for the shipment that leaves the
port next month, as agreed with your office, and to ask for the papers listed below.</p>
<p class="to" style="margin-left: 300pt">Prepared by hand<br>For the committee</p>
<blockquote>We met on the first day of the month and agreed on the plan for the whole year.<br>It was
a long meeting, and all of the members of the committee came to it.<br>A vote was taken.</blockquote>
<pre>x &lt;- c(1, 2)
y &lt;- x * 2
sum(y)</pre>
</body></html>"""


def test_an_address_alone_on_the_right_is_a_list_and_code_and_two_lines_of_prose_stay_whole(
    tmp_path: Path,
) -> None:
    # Nothing else starts where the address does to give a measure: four lines, none filling two thirds
    # of the room on their rows, each ending where the next one's first word would have fit. Code stays
    # one block, however short its lines.
    _, document = typeset_and_extract(LETTER, tmp_path)
    texts = [block.source_text for block in document.blocks()]

    assert {"Hanjin Shipping Co., Ltd.", "25-11, Yoid-dong", "Youngdeungpo-ku", "Seoul, Korea"} <= set(texts)
    # Two short lines on their own are as likely a phrase broken by hand; lines of a quotation filling
    # most of the room beside them are prose, wherever its sentences end.
    assert "Prepared by hand For the committee" in texts
    assert any(text.startswith("We met on the first day") and "year. It was a long" in text for text in texts)
    assert "x <- c(1, 2) y <- x * 2 sum(y)" in texts


def test_a_translated_item_stays_on_its_own_line(page: tuple[Path, Document], tmp_path: Path) -> None:
    base, document = page
    translated = document.model_copy(deep=True)
    items = {block.source_text: block for block in translated.blocks() if block.source_text in ITEMS}
    items["Grilled fish"].text = "Pescado a la parrilla"
    items["Apple pie"].text = "Tarta de manzana"
    result = tmp_path / "result.pdf"
    result.write_bytes(reconstruct(base, translated, tmp_path))

    with pdfplumber.open(base) as source, pdfplumber.open(result) as output:
        source_tops = _tops(source.pages[0])
        output_tops = _tops(output.pages[0])
    # Each translation starts on its item's line, not reflowed with the item above.
    assert output_tops["Pescado"] == pytest.approx(source_tops["Grilled"], abs=3)
    assert output_tops["Tarta"] == pytest.approx(source_tops["Apple"], abs=3)


def _tops(page: pdfplumber.page.Page) -> dict[str, float]:
    return {word["text"]: word["top"] for word in page.extract_words()}


@pytest.fixture(scope="module")
def newsletter(tmp_path_factory: pytest.TempPathFactory) -> tuple[GeneratedLists, Path]:
    """The generated lists through the pipeline, Apertium English to Spanish."""
    lists = lists_and_legends()
    work_dir = tmp_path_factory.mktemp("newsletter")
    (work_dir / "source.pdf").write_bytes(lists.pdf())
    outcome = run_pipeline(work_dir / "source.pdf", work_dir, APERTIUM)
    assert (outcome.outcome, outcome.engine) == (OK, "apertium en>es")
    return lists, work_dir


def test_the_generated_lists_are_their_known_rows(newsletter: tuple[GeneratedLists, Path]) -> None:
    lists, work_dir = newsletter
    with pdfplumber.open(work_dir / BASE_PDF) as pdf:
        words = page_words(pdf.pages[0])
    rows = [
        " ".join(word.text for word in words if centre_inside(word.box, row, margin=0.0))
        for row in lists.grid()[1]
    ]
    expected = [text for item in lists.items() for text in (item.text, item.value) if text]
    assert rows == expected


def test_each_item_is_translated_alone_and_drawn_on_its_own_row(
    newsletter: tuple[GeneratedLists, Path],
) -> None:
    lists, work_dir = newsletter
    translated = Document.model_validate_json((work_dir / TRANSLATED_JSON).read_text())
    by_source = {block.source_text: block.text for block in translated.blocks()}
    with pdfplumber.open(work_dir / BASE_PDF) as source, pdfplumber.open(work_dir / RESULT_PDF) as output:
        counts = token_counts(page_words(source.pages[0]), page_words(output.pages[0]))
        drawn = page_words(output.pages[0])
    rows = [(row, item) for row, item in zip(lists.grid()[1], _labelled(lists), strict=True) if item]
    for row, item in rows:
        # Its own translation and nothing else on its row: "Rojo: carreteras", not "Rojo: las carreteras
        # Azules: Verde de ríos: parques" spread over the legend's three rows.
        assert item.text in by_source, item.text
        on_row = " ".join(word.text for word in drawn if centre_inside(word.box, row, margin=0.0))
        assert on_row == by_source[item.text]
    assert counts.numbers_share == 1.0
    assert cell_overflows(lists.grid()[1], [word.box for word in drawn]) == 0


def _labelled(lists: GeneratedLists) -> list[Item | None]:
    """Each box of the grid's row by row: the item whose label it holds, None for a value's."""
    return [box for item in lists.items() for box in ([item, None] if item.value else [item])]


def _grey_png() -> str:
    """A picture the extractor sees no edge of: a raster image, unlike a drawn frame."""
    picture = io.BytesIO()
    Image.new("L", (40, 16), 128).save(picture, format="PNG")
    return "data:image/png;base64," + base64.b64encode(picture.getvalue()).decode()


WRAPPED_SHORT = """<html><head><style>
@page {{ size: 500pt 900pt; margin: 40pt }}
body {{ font-family: 'Liberation Serif', 'Noto Sans Devanagari'; font-size: 11pt; line-height: 14pt }}
p {{ margin: 0 0 10pt 0 }} figure {{ margin: 0 0 10pt 0; width: 200pt }}
.float {{ float: right; width: 220pt; height: 90pt; margin-left: 10pt }}
</style></head><body>
<p>{prose}</p>
<figure><img src="{png}" style="width: 200pt; height: 80pt"><figcaption>Figure 2: Accuracy of the parser
on English, German and French treebanks.</figcaption></figure>
<p>{prose}</p>
<figure><img src="{png}" style="width: 200pt; height: 80pt"><figcaption>Abbildung 4: Blick auf das neue
Verwaltungsgebäude der Stadtwerke Münster.</figcaption></figure>
<img src="{png}" class="float"><p>Our chef, Marie Laurent, trained in Lyon under Chef Paul Bocuse, and
Michelin gave her a star in 2010.</p>
<p style="clear: both">{prose}</p>
<img src="{png}" class="float"><p lang="hi">हमारे रसोइये ने ल्योन और पेरिस में प्रशिक्षण लिया और फिर यह रेस्तरां
खोला। तब से पूरे यूरोप से मेहमान आते रहे हैं और सबको यहाँ का खाना पसंद आया है।</p>
<p style="clear: both">{prose}</p>
</body></html>"""
PROSE = (
    "The restaurant is open every day of the week from noon until late in the evening, and the kitchen "
    "serves a short menu that changes with the season and the market, so it is worth asking what is on."
)


def test_prose_wrapped_short_beside_or_under_a_picture_stays_whole(tmp_path: Path) -> None:
    # The picture bounds nothing the extractor sees, so its lines have room to spare; but a line ends in
    # a comma or a little word, or the next opens in a script without capitals: sentences, not items.
    _, document = typeset_and_extract(WRAPPED_SHORT.format(prose=PROSE, png=_grey_png()), tmp_path)
    texts = [block.source_text for block in document.blocks()]

    assert "Figure 2: Accuracy of the parser on English, German and French treebanks." in texts
    # German opens lines with capitals all the time: lines of more words than a list's items are prose.
    assert "Abbildung 4: Blick auf das neue Verwaltungsgebäude der Stadtwerke Münster." in texts
    chef = "Our chef, Marie Laurent, trained in Lyon under Chef Paul Bocuse, and Michelin gave her a star"
    assert f"{chef} in 2010." in texts
    assert sum(1 for text in texts if text.startswith("हमारे")) == 1
    assert not any(text.startswith(("German", "Lyon", "Michelin")) for text in texts)


SENDER = """<html><head><style>
@page { size: 595pt 600pt; margin: 40pt 60pt }
body { font-family: 'Liberation Serif'; font-size: 11pt; line-height: 14pt }
p { margin: 0 0 10pt 0; text-align: justify } .from { text-align: right }
.footer { position: absolute; bottom: 0; left: -20pt; right: -20pt; text-align-last: justify }
</style></head><body>
<p class="from">Acme Supplies Ltd.<br>12 Harbour Road<br>Bristol BS1 4QA<br>United Kingdom</p>
<p class="from">6 December 2026</p>
<p>Anna Müller<br>Institut für Informatik<br>Universität Hamburg<br>anna.mueller@uni-hamburg.de</p>
<p>Dear Sir or Madam, we write to confirm the booking of the containers for the shipment that leaves the
port next month, as agreed with your office, and to ask for the papers listed below. We thank you for
your help and look forward to hearing from you soon.</p>
</body></html>"""


def test_a_senders_address_and_an_authors_block_are_a_line_per_block(tmp_path: Path) -> None:
    # Its lines end at the margin the letter's prose ends at, which gives their measure leftwards.
    _, document = typeset_and_extract(SENDER, tmp_path)
    texts = [block.source_text for block in document.blocks()]

    assert {"12 Harbour Road", "Bristol BS1 4QA", "United Kingdom"} <= set(texts)
    # Measured from the right, its items stay flush right (a shorter translation ends at the margin).
    aligns = {block.source_text: block.align for block in document.blocks()}
    assert {aligns[text] for text in ("12 Harbour Road", "Bristol BS1 4QA", "United Kingdom")} == {"right"}
    # An e-mail address opens an item of an author's block, lower case and all.
    assert {"Universität Hamburg", "anna.mueller@uni-hamburg.de"} <= set(texts)


@pytest.mark.parametrize(
    "footer", ["", '<div class="footer">Acme Supplies Ltd · Bristol · Registered in England</div>']
)
def test_a_lone_line_at_the_right_margin_is_set_flush_right(tmp_path: Path, footer: str) -> None:
    # The sender's first line (a paragraph of its own: the grouping parts it from the lines under it)
    # and the date under the address end at the margin, where every line starting beside them ends; a
    # letterhead's footer running past the body on both sides does not move the margin.
    html = SENDER.replace("</body>", f"{footer}</body>")
    _, document = typeset_and_extract(html, tmp_path)
    aligns = {block.source_text: block.align for block in document.blocks()}

    assert aligns["Acme Supplies Ltd."] == aligns["6 December 2026"] == "right"
    if footer:
        date = next(block for block in document.blocks() if block.source_text == "6 December 2026")
        assert max(block.bbox.x1 for block in document.blocks()) > date.bbox.x1 + 10


RIGHT_COLUMN = """<html><head><style>
@page { size: 500pt 600pt; margin: 40pt }
body { font-family: 'Liberation Serif'; font-size: 11pt; line-height: 14pt }
p { margin: 0 0 10pt 0; text-align: justify } .left { position: absolute; left: 0; top: 0; width: 200pt }
.right { position: absolute; left: 220pt; top: 0; width: 200pt } .full { text-align-last: justify }
</style></head><body>
<div class="left"><p>{prose}</p></div>
<div class="right"><p>{prose}</p><p class="full">The kitchen closes at eleven on weekdays.</p><p>{prose}</p>
</div>
</body></html>"""


def test_a_lone_line_of_the_right_column_ending_at_the_margin_stays_set_from_the_left(
    tmp_path: Path,
) -> None:
    # It fills its column: it starts at the column's edge, where lines of prose end short of the margin.
    _, document = typeset_and_extract(RIGHT_COLUMN.replace("{prose}", PROSE), tmp_path)
    (line,) = [block for block in document.blocks() if block.source_text.startswith("The kitchen closes")]

    assert line.line_count == 1
    assert line.bbox.x1 == pytest.approx(460, abs=6)
    assert line.align == "left"


COLUMNS = """<html><head><style>
@page { size: 500pt 600pt; margin: 40pt }
body { font-family: 'Liberation Serif'; font-size: 11pt; line-height: 14pt }
p { margin: 0 0 10pt 0 } .left { position: absolute; left: 0; top: 0; width: 200pt }
.right { position: absolute; left: 220pt; top: 0; width: 200pt }
</style></head><body>
<div class="left"><p>{prose}</p><p>The committee met on four days of the year<br>
Members from Paris and London travelled<br>Rome hosted the summer outing this time</p></div>
<div class="right"><p>{prose}</p></div>
</body></html>"""


def test_lines_filling_their_columns_measure_are_prose_beside_the_empty_part_of_the_page(
    tmp_path: Path,
) -> None:
    # Beside the shorter column's end the page is empty, and each next line's first word would fit
    # there; in the column, where the prose above starts too, it would not: wrapped, not listed.
    _, document = typeset_and_extract(COLUMNS.replace("{prose}", PROSE), tmp_path)
    texts = [block.source_text for block in document.blocks()]

    assert not any(text.startswith(("Members", "Rome")) for text in texts)


def test_a_longer_translation_of_an_item_set_from_the_right_keeps_its_size_and_right_edge(
    tmp_path: Path,
) -> None:
    base, result = translated_page(tmp_path, SENDER, "12 Harbour Road", "12 Carretera de Puerto")

    with pdfplumber.open(base) as source, pdfplumber.open(result) as output:
        (road,) = [word for word in source.pages[0].extract_words() if word["text"] == "Road"]
        (puerto,) = [word for word in output.pages[0].extract_words() if word["text"] == "Puerto"]
        sizes = {char["size"] for char in output.pages[0].chars if puerto["x0"] <= char["x0"] < puerto["x1"]}
    # Its room grew leftwards (free_space): set at its source's size, it still ends at the margin.
    assert puerto["x1"] == pytest.approx(road["x1"], abs=1.5)
    assert min(sizes) == pytest.approx(11, abs=0.1)


INDENTED = """<html><head><style>
@page { size: 500pt 600pt; margin: 40pt }
body { font-family: 'Liberation Serif'; font-size: 11pt; line-height: 14pt }
p { margin: 0; text-align: justify; text-indent: 30pt } .full { text-align-last: justify }
</style></head><body>
<p>{prose}</p><p class="full">The kitchen closes at eleven on weekdays and at one on Fridays.</p>
<p>{prose}</p>
</body></html>"""


def test_a_lone_full_line_at_the_right_margin_stays_set_from_the_left(tmp_path: Path) -> None:
    # A one-line paragraph starts at its indent, where the other paragraphs' first lines start and, full
    # lines of justified prose, end at the margin as it does: too wide to be a line set flush right.
    _, document = typeset_and_extract(INDENTED.replace("{prose}", PROSE), tmp_path)
    (line,) = [block for block in document.blocks() if block.source_text.startswith("The kitchen closes")]

    assert line.line_count == 1
    assert line.align == "left"


ROWS = """<html><head><style>
@page { size: 500pt 400pt; margin: 40pt }
body { font-family: 'Liberation Serif'; font-size: 11pt; line-height: 14pt }
p { margin: 0 0 10pt 0; text-align: justify } .at { position: absolute }
</style></head><body>
<p>{prose}</p><p>{prose}</p>
<div class="at" style="top: 200pt; left: 0">The kitchen serves soup at noon.</div>
<div class="at" style="top: 200pt; right: 0">Fish is served at night.</div>
<div class="at" style="top: 230pt; right: 88pt">
The kitchen serves soup at noon and fish at night, and it</div>
<div class="at" style="top: 230pt; right: 0">closes at eleven.</div>
<div class="at" style="top: 280pt; left: 0">Members' summary</div>
<div class="at" style="top: 280pt; left: 170pt">December 1998</div>
<div class="at" style="top: 280pt; right: 0">Page 1</div>
</body></html>"""


def test_a_line_at_the_right_margin_beside_text_on_its_row_is_flush_right_far_from_it(
    tmp_path: Path,
) -> None:
    _, document = typeset_and_extract(ROWS.replace("{prose}", PROSE), tmp_path)
    blocks = {block.source_text: block for block in document.blocks()}

    # A footer's last part, and a line ems away from the text before it on its row: set from the right.
    assert blocks["Page 1"].align == blocks["Fish is served at night."].align == "right"
    # The end of a row of prose a little more than a word space from its start (16 pt, under two ems):
    # a piece of the row, not a line of its own.
    assert blocks["closes at eleven."].bbox.x1 == pytest.approx(460, abs=1)
    assert blocks["closes at eleven."].align == "left"


SHORT_LINES = """<html><head><style>
@page { size: 500pt 700pt; margin: 40pt }
body { font-family: 'Liberation Serif'; font-size: 11pt; line-height: 14pt }
p { margin: 0 0 8pt 0 } .j { text-align: justify } .at { position: absolute }
</style></head><body>{body}</body></html>"""
# A short line set from the left that happens to be the rightmost text of its page.
SHORT_LINES_SET_FROM_THE_LEFT = {
    # A note in the margin beside a column of prose.
    "See also Smith (2020).": """<div class="at j" style="left: 0; top: 0; width: 260pt"><p>{prose}</p>
<p>{prose}</p></div><div class="at" style="left: 280pt; top: 14pt; width: 140pt; font-size: 9pt">
See also Smith (2020).</div>""",
    # A caption under a picture in a right-hand column whose text is only the caption.
    "Figure 3: Ships.": """<div class="at j" style="left: 0; top: 0; width: 200pt"><p>{prose}</p></div>
<div class="at" style="left: 220pt; top: 0; width: 200pt"><div style="height: 100pt; background: #ccc">
</div><p style="font-size: 9pt">Figure 3: Ships.</p></div>""",
    # A form's label before a field drawn as a line.
    "Date:": """<p>Application form</p><div style="position: relative; height: 60pt">
<span class="at" style="left: 0; top: 0">Name:</span>
<span class="at" style="left: 60pt; top: 12pt; width: 180pt; border-bottom: 1px solid black"></span>
<span class="at" style="left: 260pt; top: 0">Date:</span>
<span class="at" style="left: 300pt; top: 12pt; width: 120pt; border-bottom: 1px solid black"></span>
</div>""",
}


@pytest.mark.parametrize("text", SHORT_LINES_SET_FROM_THE_LEFT)
def test_a_short_line_at_the_pages_rightmost_edge_is_no_line_set_flush_right(
    text: str, tmp_path: Path
) -> None:
    # The rightmost text of a page with a ragged right side is no margin: no line of another row ends
    # where it ends (the reviewed rule had set these flush right).
    body = SHORT_LINES_SET_FROM_THE_LEFT[text].replace("{prose}", PROSE)
    _, document = typeset_and_extract(SHORT_LINES.replace("{body}", body), tmp_path)
    (line,) = [block for block in document.blocks() if block.source_text == text]

    assert max(block.bbox.x1 for block in document.blocks()) == pytest.approx(line.bbox.x1, abs=0.5)
    assert line.align == "left"


def test_a_longer_translation_of_a_lone_line_at_the_right_margin_keeps_its_size_and_right_edge(
    tmp_path: Path,
) -> None:
    base, result = translated_page(tmp_path, SENDER, "6 December 2026", "6 de diciembre de 2026")

    with pdfplumber.open(base) as source, pdfplumber.open(result) as output:
        (year,) = [word for word in source.pages[0].extract_words() if word["text"] == "2026"]
        words = output.pages[0].extract_words()
        (diciembre,) = [word for word in words if word["text"] == "diciembre"]
        (new_year,) = [word for word in words if word["text"] == "2026" and word["top"] == diciembre["top"]]
        sizes = {char["size"] for char in output.pages[0].chars if char["top"] == diciembre["top"]}
    # Set flush right, it widens leftwards: at its source's size, it ends where the date ended.
    assert new_year["x1"] == pytest.approx(year["x1"], abs=1.5)
    assert min(sizes) == pytest.approx(11, abs=0.1)


CLOSINGS = """<html><head><style>
@page { size: 595pt 600pt; margin: 40pt 60pt }
body { font-family: 'Liberation Serif'; font-size: 11pt; line-height: 14pt }
p { margin: 0 0 10pt 0; text-align: justify }
</style></head><body>
<p>{prose}</p>
<p>Yours faithfully,<br>John Smith<br>Managing Director</p>
<p>Kind regards,<br>Anna Müller</p>
<p>Mit freundlichen Grüssen,<br>Urs Meier</p>
<p>Saludos,<br>Juan Mena</p>
<p>Cheers,<br>Tom</p>
<p>Mit besten Wünschen,<br>Eva Roth</p>
<p>With thanks to all,<br>The Committee</p>
</body></html>"""


def test_a_letters_closing_and_its_signature_are_a_line_per_block(tmp_path: Path) -> None:
    # The closing's comma ends no sentence that goes on: each line stays where the letter set it.
    _, document = typeset_and_extract(CLOSINGS.replace("{prose}", PROSE), tmp_path)
    texts = [block.source_text for block in document.blocks()]

    assert {"Yours faithfully,", "John Smith", "Managing Director", "Kind regards,", "Anna Müller"} <= set(
        texts
    )
    assert {"Mit freundlichen Grüssen,", "Urs Meier", "Saludos,", "Juan Mena"} <= set(texts)
    assert {"Cheers,", "Tom", "Mit besten Wünschen,", "Eva Roth"} <= set(texts)
    # Any other line ending in a comma still goes on into the next.
    assert "With thanks to all, The Committee" in texts


COMMA_ADDRESSES = """<html><head><style>
@page { size: 595pt 600pt; margin: 40pt 60pt }
body { font-family: 'Liberation Serif'; font-size: 11pt; line-height: 14pt }
p { margin: 0 0 10pt 0; text-align: justify } .from { text-align: right }
</style></head><body>
<p>Acme Supplies Ltd.,<br>12 Harbour Road,<br>Bristol,<br>BS1 4QA</p>
<p class="from">Mrs J. Jones,<br>4 Mill Lane,<br>Bath</p>
<p>{prose}</p>
<p>In Paris, London,<br>Rome and Berlin</p>
<p>Roses are red,<br>Violets are blue,<br>Sugar is sweet,<br>And so are you.</p>
<p>In 1990,<br>In 2000,<br>In 2010,<br>We grew.</p>
<p>Silent night,<br>Holy night,<br>All is calm,<br>All is bright</p>
</body></html>"""


def test_an_address_whose_lines_end_in_commas_is_a_line_per_block(tmp_path: Path) -> None:
    _, document = typeset_and_extract(COMMA_ADDRESSES.replace("{prose}", PROSE), tmp_path)
    texts = [block.source_text for block in document.blocks()]

    assert {"Acme Supplies Ltd.,", "12 Harbour Road,", "Bristol,", "BS1 4QA"} <= set(texts)
    assert {"Mrs J. Jones,", "4 Mill Lane,", "Bath"} <= set(texts)
    # Two lines, the first ending in a comma, are a sentence as often as a list: they stay one block;
    # so do lines of verse or a sentence broken by hand, which hold no number or end in a full stop.
    assert "In Paris, London, Rome and Berlin" in texts
    assert "Roses are red, Violets are blue, Sugar is sweet, And so are you." in texts
    assert "In 1990, In 2000, In 2010, We grew." in texts
    assert "Silent night, Holy night, All is calm, All is bright" in texts


def translated_page(tmp_path: Path, html: str, source_text: str, translation: str) -> tuple[Path, Path]:
    """The normalized PDF of `html` and its reconstruction with the block `source_text` translated."""
    base, document = typeset_and_extract(html, tmp_path)
    translated = document.model_copy(deep=True)
    (block,) = [block for block in translated.blocks() if block.source_text == source_text]
    block.text = translation
    result = tmp_path / "result.pdf"
    result.write_bytes(reconstruct(base, translated, tmp_path))
    return base, result


TWO_CAPTIONS = """<html><head><style>
@page { size: 500pt 600pt; margin: 40pt }
body { font-family: 'Liberation Serif'; font-size: 11pt; line-height: 14pt }
p { margin: 0 0 30pt 0; text-align: justify } .c { text-align: center }
</style></head><body>
<p>if condition then statements elsif condition then statements else statements fi</p>
<p class="c">Figure 1: Ships</p><p>for variable = values: statements endfor</p>
<p class="c">Figure 2: Ships</p>
</body></html>"""


def test_lone_lines_centred_on_the_page_stay_centred_where_their_ends_line_up(tmp_path: Path) -> None:
    # A page of figures: two captions as wide as each other end where the other ends, farther right than
    # any other two lines, as lines flush right at a margin do.
    _, document = typeset_and_extract(TWO_CAPTIONS, tmp_path)
    captions = [block for block in document.blocks() if block.source_text.startswith("Figure")]

    assert len(captions) == 2
    assert captions[0].bbox.x1 == pytest.approx(captions[1].bbox.x1, abs=0.5)
    assert {caption.align for caption in captions} == {"center"}


POSTAL = """<html><head><style>
@page { size: 595pt 400pt; margin: 0 }
body { font-family: 'Liberation Sans'; font-size: 9pt; line-height: 14pt }
p { margin: 0 0 10pt 0 } .left { position: absolute; left: 45pt; top: 40pt; width: 220pt }
.right { position: absolute; left: 330pt; top: 40pt; width: 220pt }
</style></head><body>
<div class="left">
<p>Client</p>
<p>Kettle &amp; Crumb Bakeries Ltd<br>Unit 4, Riverside Works<br>Leeds LS10 1AB<br>United Kingdom</p>
<p>Mountain Outfitters Inc<br>4782 Maple Avenue Apt 12B<br>Denver CO 80206-1234</p>
<p>Brightside Digital Studio GmbH<br>Kastanienallee 12<br>10435 Berlin</p>
<p>We compare the figures for the year<br>2023 December 31 with those of<br>2022 December 31 and earlier:</p>
</div>
<div class="right">
<p>Please send the signed form back to our office in Leeds LS10 1AB within ten days, or we will call you
to arrange a visit.</p>
</div>
</body></html>"""


def test_a_postal_address_is_a_line_per_block_however_short_its_next_lines_first_word(tmp_path: Path) -> None:
    # Nothing else starts where the addresses start but their label: their widest lines are their measure,
    # and the next line's first word ("Unit", "4782", "10435") would not have fitted after them.
    _, document = typeset_and_extract(POSTAL, tmp_path)
    texts = [block.source_text for block in document.blocks()]

    assert {
        "Kettle & Crumb Bakeries Ltd",
        "Unit 4, Riverside Works",
        "Leeds LS10 1AB",
        "United Kingdom",
    } <= set(texts)
    assert {"Mountain Outfitters Inc", "4782 Maple Avenue Apt 12B", "Denver CO 80206-1234"} <= set(texts)
    assert {"Brightside Digital Studio GmbH", "Kastanienallee 12", "10435 Berlin"} <= set(texts)
    # Prose giving an address is a sentence still, and so is one whose lines start with years.
    assert any(text.startswith("Please send") and text.endswith("a visit.") for text in texts)
    assert (
        "We compare the figures for the year 2023 December 31 with those of 2022 December 31 and earlier:"
        in texts
    )


CLAUSES = """<html><head><style>
@page { size: 595pt 400pt; margin: 40pt 60pt }
body { font-family: 'Liberation Serif'; font-size: 11pt; line-height: 14pt }
p { margin: 0 0 10pt 0 } .items { margin-left: 30pt }
</style></head><body>
<p>Managers are responsible for ensuring that their teams have read and understood this policy:</p>
<p class="items">(a) before they are given access to any customer database;<br>
(b) within thirty days of any significant change to the policy; and<br>
(c) at least once in every calendar year.</p>
<p>The clerk checked the answers given in items (a), (b) and<br>(c) of the form before filing it.</p>
</body></html>"""


def test_the_item_after_a_clauses_and_opens_a_block(tmp_path: Path) -> None:
    _, document = typeset_and_extract(CLAUSES, tmp_path)
    texts = [block.source_text for block in document.blocks()]

    assert "(b) within thirty days of any significant change to the policy; and" in texts
    assert "(c) at least once in every calendar year." in texts
    # Without the semicolon, a line starting with an item's letter goes on a sentence.
    assert (
        "The clerk checked the answers given in items (a), (b) and (c) of the form before filing it." in texts
    )


def _disc(x: float, y: float, radius: float = 1.5) -> bytes:
    """Content-stream operators filling a disc centred at (x, y), four Bézier quarters."""
    k = 0.5523 * radius
    quarters = [
        (x + radius, y + k, x + k, y + radius, x, y + radius),
        (x - k, y + radius, x - radius, y + k, x - radius, y),
        (x - radius, y - k, x - k, y - radius, x, y - radius),
        (x + k, y - radius, x + radius, y - k, x + radius, y),
    ]
    curves = " ".join(" ".join(f"{value:.2f}" for value in quarter) + " c" for quarter in quarters)
    return f"{x + radius} {y} m {curves} f\n".encode()


def _square(x: float, y: float, side: float = 3.0) -> bytes:
    return f"{x - side / 2} {y - side / 2} {side} {side} re f\n".encode()


def _box(x: float, y: float) -> bytes:
    """A check box's square, stroked."""
    return f"{x - 2.5} {y - 2.5} 5 5 re S\n".encode()


def _dot(x: float, y: float) -> bytes:
    return _square(x, y, 0.5)


def _icon(x: float, y: float) -> bytes:
    return _square(x, y, 12.0)


def _unseen(x: float, y: float) -> bytes:
    """A square filled white: a form's invisible frame."""
    return b"1 g " + _square(x, y) + b"0 g\n"


@pytest.mark.parametrize(
    ("mark", "before", "rise", "items"),
    [
        # A browser's discs and squares, drawn as shapes 10 points before each item, level with its
        # middle.
        (_disc, 10.0, 3.5, 3),
        (_square, 10.0, 3.5, 3),
        (_box, 10.0, 3.5, 3),
        # A speck, an unseen shape or one larger than a mark, farther left than four ems, after the
        # line's start, or level with the gap under it marks no item.
        (_dot, 10.0, 3.5, 1),
        (_unseen, 10.0, 3.5, 1),
        (_icon, 10.0, 3.5, 1),
        (_disc, 60.0, 3.5, 1),
        (_disc, -20.0, 3.5, 1),
        (_disc, 10.0, -5.0, 1),
    ],
)
def test_items_after_bullets_drawn_as_shapes_are_a_block_each(
    tmp_path: Path, mark: Callable[[float, float], bytes], before: float, rise: float, items: int
) -> None:
    texts = ["Capital cities excluded", "Figures from 2021 census", "Areas rounded"]
    content = b"".join(
        shown_text(330, 700 - 14 * index, text) + mark(330 - before, 700 - 14 * index + rise)
        for index, text in enumerate(texts)
    )
    content += shown_text(
        72, 640, "The figures are those of the national statistics offices, collected in May."
    )
    blocks = extract_document(saved_page(tmp_path / "bullets.pdf", content)).pages[0].blocks

    listed = [block.source_text for block in blocks if block.bbox.x0 > 300]
    assert listed == (texts if items == 3 else [" ".join(texts)])


@pytest.mark.parametrize(
    ("texts", "font", "items"),
    [
        (["Total boxes 429", "Average price $2.03", "Max price $4.00", "Min price $0.60"], "F1", True),
        # Longer lines, or lines ending in words, are a sentence's.
        (
            [
                "Total boxes sold in the northern region 429",
                "Average price paid by our retail customers $2.03",
            ],
            "F1",
            False,
        ),
        (["Total boxes sold", "Average price paid", "Max price paid"], "F1", False),
        # Code whose lines end in values (in Courier): no labels.
        (["ross <- open.account(100)", "robert <- open.account(200)"], "F2", False),
    ],
)
def test_labels_each_with_its_value_one_under_the_other_are_a_block_each(
    tmp_path: Path, texts: list[str], font: str, items: bool
) -> None:
    content = b"".join(shown_text(330, 700 - 14 * index, text, font=font) for index, text in enumerate(texts))
    content += shown_text(
        72, 620, "The figures are those of the national statistics offices, collected in May."
    )
    blocks = extract_document(saved_page(tmp_path / "summary.pdf", content)).pages[0].blocks

    listed = [block.source_text for block in blocks if block.bbox.x0 > 300]
    assert listed == (texts if items else [" ".join(texts)])


def test_two_rows_of_labels_and_values_are_a_block_each(tmp_path: Path) -> None:
    # A CV's sections of two rows, a label and its value: read as paragraphs, "Languages Software" came
    # back as one label ("Software de lenguas") and the two degrees as one sentence. The prose above, in
    # the values' column, stays whole.
    style = (
        "<style>@page { size: 500pt 400pt; margin: 40pt } body { font-family: 'Liberation Serif';"
        " font-size: 10pt; line-height: 13pt } table { border-collapse: collapse } td { padding: 0 }"
        " td:first-child { width: 90pt }"
        " p { margin: 12pt 0 12pt 90pt }</style>"
    )
    rows = [
        ("2015\u20132016", "MSc Statistics, University of Exeter"),
        ("2012\u20132015", "BSc Mathematics, University of Leeds"),
    ]
    skills = [("Languages", "English (native), Spanish (fluent)"), ("Software", "Python, R, SQL, Excel")]

    def table(pairs: list[tuple[str, str]]) -> str:
        return "<table>" + "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in pairs) + "</table>"

    prose = (
        "<p>Data analyst with eight years of work on surveys and claims data, who built dashboards and"
        " reporting pipelines for insurers and a city council, and taught statistics to new staff.</p>"
    )
    more = "<p>Member of the Royal Statistical Society since 2016 and of its survey methods section.</p>"
    _, document = typeset_and_extract(
        f"<html><head>{style}</head><body>{prose}{table(rows)}{more}{table(skills)}</body></html>", tmp_path
    )

    page = document.pages[0]
    texts = [block.source_text for block in page.blocks]
    assert not page.tables
    for label, value in [*rows, *skills]:
        assert label in texts and value in texts, (label, value, texts)
    assert sum(text.startswith("Data analyst") and text.endswith("new staff.") for text in texts) == 1


CV = """<html><head><style>
@page { size: 420pt 300pt; margin: 40pt }
body { font-family: 'Liberation Serif'; font-size: 10pt; line-height: 13pt }
p, ul { margin: 0 }
ul { padding-left: 14pt }
</style></head><body>
<p><b>Engineer</b>, Northwind Trading Company</p>
<ul><li>Designed the company's data warehouse.</li>
<li>Led a team of four engineers and mentored two graduates.</li></ul>
<p><b>Analyst</b>, Thames Water Utilities</p>
<ul><li>Built the leakage dashboard used by the operations team every morning, and cut the monthly
reporting time from three days to four hours.</li></ul>
</body></html>"""


def test_a_line_under_an_items_bullet_after_its_last_sentence_opens_a_block(tmp_path: Path) -> None:
    # A CV's next entry starts under the bullets, left of the items' text: it is not the last item's line.
    _, document = typeset_and_extract(CV, tmp_path)
    texts = [block.source_text for block in document.blocks()]

    assert "• Led a team of four engineers and mentored two graduates." in texts
    assert "Analyst, Thames Water Utilities" in texts
    # An item's wrapped lines stand under its text: they are the item's.
    assert (
        "• Built the leakage dashboard used by the operations team every morning, and cut the monthly "
        "reporting time from three days to four hours." in texts
    )


HEADINGS = """<html><head><style>
@page { size: 300pt 300pt; margin: 30pt }
body { font-family: 'Liberation Serif'; font-size: 10pt; line-height: 13pt }
h2, h3, p { margin: 0 }
h2 { font-size: 14pt; line-height: 18pt }
h3 { font-size: 12pt; line-height: 16pt }
</style></head><body>
<h2>3 Customers</h2>
<h3>3.1 Households</h3>
<p>The number of connected households rose again this year.</p>
<h2>4 Production of heat in the plants of the northern district</h2>
</body></html>"""


def test_headings_of_two_levels_one_under_the_other_are_a_block_each(tmp_path: Path) -> None:
    # Typst sets a section's heading right over its first subsection's, 14 and 12 points in bold.
    _, document = typeset_and_extract(HEADINGS, tmp_path)
    texts = [block.source_text for block in document.blocks()]

    assert {"3 Customers", "3.1 Households"} <= set(texts), texts
    # A heading's own lines keep their size: it wraps as one block.
    assert "4 Production of heat in the plants of the northern district" in texts


NESTED = """<html><head><style>
@page { size: 420pt 300pt; margin: 40pt }
body { font-family: 'Liberation Serif'; font-size: 10pt; line-height: 13pt }
p { margin: 0 }
.inner { margin-left: 14pt }
</style></head><body>
<p>1. The board discussed the offer for the warehouse in Leeds.</p>
<p class="inner">• Action: Margaret Hill, Robert Patel</p>
<p>2. Any other business.</p>
</body></html>"""


def test_an_outer_lists_next_item_under_an_inner_ones_opens_a_block(tmp_path: Path) -> None:
    # Minutes: "2." is set out left of the inner item above it, whose line ends no sentence.
    _, document = typeset_and_extract(NESTED, tmp_path)
    texts = [block.source_text for block in document.blocks()]

    assert "• Action: Margaret Hill, Robert Patel" in texts, texts
    assert "2. Any other business." in texts, texts
