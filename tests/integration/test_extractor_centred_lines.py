"""Centred lines broken on purpose stay lines: an address or a title page's title over its version, each
line far narrower than the room it is centred in, is one block per line (naacl06's "New York University
715, Broadway, 7th Floor New York, NY, 10003" was one sentence, translated "7.ª Nueva York de Piso").
Centred lines wrapped to their room stay one paragraph, and so do lines centred in a box, under a ruled
column head, or set smaller than the page's body (a figure's labels). On PDFs drawn at known places."""

from pathlib import Path

import pikepdf
import pytest
from pdfminer.fontmetrics import FONT_METRICS

from docrelay_common.document import TextBlock
from docrelay_extractor.extract import extract_document
from tests.support.pdfs import add_page, shown_text

SIZE = 11.0
LEADING = 13.0
# The page's text area runs from LEFT to RIGHT; its axis is the page's.
LEFT, RIGHT, AXIS = 72.0, 540.0, 306.0
ADDRESS = ["New York University", "715, Broadway, 7th Floor", "New York, NY, 10003"]
BODY = [
    "The body of the page, set flush left from one side of its text area",
    "to the other, makes the text area and the size most of its glyphs",
    "are set in, against which the lines above are measured and kept.",
]


# An oval 72 points wide around the lines centred at (306, 694), in four Bézier quarters.
OVAL = (
    b"270 694 m 270 706 286 716 306 716 c 326 716 342 706 342 694 c "
    b"342 682 326 672 306 672 c 286 672 270 682 270 694 c S\n"
)


def width(text: str, size: float = SIZE, font: str = "Helvetica") -> float:
    return sum(FONT_METRICS[font][1][char] for char in text) * size / 1000


def centred(y: float, texts: list[str], axis: float = AXIS, size: float = SIZE, bold: bool = False) -> bytes:
    """`texts` one under the other from baseline `y`, each centred on `axis`, in Helvetica `size` (bold:
    Helvetica-Bold)."""
    font, metrics = ("F3", "Helvetica-Bold") if bold else ("F1", "Helvetica")
    content = []
    for row, text in enumerate(texts):
        literal = text.replace("(", "\\(").replace(")", "\\)")
        x = axis - width(text, size, metrics) / 2
        content.append(
            f"BT /{font} {size} Tf {x:.2f} {y - row * size * 1.2:.2f} Td ({literal}) Tj ET\n".encode()
        )
    return b"".join(content)


def body(y: float) -> bytes:
    return b"".join(shown_text(LEFT, y - row * LEADING, text) for row, text in enumerate(BODY))


def blocks_of(tmp_path: Path, content: bytes) -> list[TextBlock]:
    source = tmp_path / "centred.pdf"
    # A word of the body at the text area's right end: the area runs to RIGHT.
    content += shown_text(RIGHT - width("end"), 200, "end")
    with pikepdf.new() as pdf:
        add_page(pdf, content + body(300))
        pdf.save(source)
    return extract_document(source).pages[0].blocks


def test_an_address_centred_on_the_page_is_one_block_per_line(tmp_path: Path) -> None:
    blocks = blocks_of(tmp_path, centred(700, ADDRESS))

    address = [block for block in blocks if block.bbox.top < 150]
    assert [block.text for block in address] == ADDRESS
    assert {block.align for block in address} == {"center"}


def test_centred_lines_wrapped_to_the_text_area_stay_one_paragraph(tmp_path: Path) -> None:
    # The first line fills the text area but for less than the next line's first word needs.
    wrapped = [
        "Preemptive Information Extraction Using Unrestricted Relation Discovery from Many News",
        "Articles",
    ]
    assert RIGHT - LEFT - width(wrapped[0]) < width(" Articles")

    blocks = blocks_of(tmp_path, centred(700, wrapped))

    assert blocks[0].text == " ".join(wrapped)


@pytest.mark.parametrize(
    "frame",
    [
        # A box or an oval drawn around the lines (a flow chart's steps).
        pytest.param(b"270 672 72 44 re S\n", id="box"),
        pytest.param(OVAL, id="oval"),
        # A column head under a rule as wide as its column.
        pytest.param(b"270 714 m 342 714 l S\n", id="rule-above"),
    ],
)
def test_centred_lines_in_a_narrow_room_stay_one_paragraph(tmp_path: Path, frame: bytes) -> None:
    head = ["Coreference", "Resolution"]
    # The next word would not fit beside the first line in the frame's 72 points, but would in the page's.
    assert 72 < width(head[0]) + width(" Resolution") < RIGHT - LEFT

    blocks = blocks_of(tmp_path, frame + centred(700, head))

    assert blocks[0].text == "Coreference Resolution"
    # The same lines with nothing around them are two.
    assert [block.text for block in blocks_of(tmp_path, centred(700, head))[:2]] == head


def test_centred_labels_smaller_than_the_body_stay_one_paragraph(tmp_path: Path) -> None:
    blocks = blocks_of(tmp_path, centred(700, ADDRESS, size=8.0))

    assert blocks[0].text == " ".join(ADDRESS)


@pytest.mark.parametrize(
    ("size", "bold"),
    [
        # A paper's title broken by hand to balance its lines, larger than the body.
        pytest.param(16.0, False, id="larger"),
        # A worksheet's heading in bold at the body's size ("Deduction for Exemptions" over "Worksheet").
        pytest.param(SIZE, True, id="bold"),
    ],
)
def test_a_title_broken_by_hand_to_balance_its_lines_stays_one_paragraph(
    tmp_path: Path, size: float, bold: bool
) -> None:
    title = ["Preemptive Information Extraction Using", "Unrestricted Relation Discovery"]
    # The next line's first word would have fit after the first line.
    assert width(title[0], size) + width(" Unrestricted", size) < RIGHT - LEFT

    blocks = blocks_of(tmp_path, centred(700, title, size=size, bold=bold))

    assert blocks[0].text == " ".join(title)
    assert blocks[0].align == "center"


@pytest.mark.parametrize(
    ("text", "size", "align"),
    [
        # A title larger than the body, centred, within 2 ems of the text area's sides: naacl06's title
        # was set flush left, so its translation, wrapped in two lines, was too.
        ("Preemptive Information Extraction Using Relation Discovery", 16.0, "center"),
        # A line at the body's size as close to the sides is no title (a one-line paragraph indented as
        # far as it falls short of the right side).
        (
            "A sentence at the size of the body, set on its own line and centred as all of the titles are",
            SIZE,
            "left",
        ),
    ],
)
def test_a_lone_title_nearly_as_wide_as_the_text_area_is_centred(
    tmp_path: Path, text: str, size: float, align: str
) -> None:
    margin_em = (RIGHT - LEFT - width(text, size)) / 2 / size
    assert 0.5 < margin_em < 2.0

    blocks = blocks_of(tmp_path, centred(700, [text], size=size))

    assert (blocks[0].text, blocks[0].align) == (text, align)


def test_a_lone_line_centred_on_the_page_is_centred_beside_a_heading_set_out_into_the_margin(
    tmp_path: Path,
) -> None:
    # dmca's date under its title: its heading "INTRODUCTION", set out 36 points into the left margin,
    # moves the text area's middle 18 points left of the page's, on which the date is centred.
    heading = shown_text(LEFT - 36, 600, "INTRODUCTION")
    prose = b"".join(shown_text(LEFT, 580 - row * LEADING, line) for row, line in enumerate(wrapped(PROSE)))
    # A screenplay's cue in Courier, 11 characters at 6.6 points each, on the page's middle by its column.
    cue_line = shown_text(AXIS - 11 * 6.6 / 2, 550, "ANNA (V.O.)", font="F2")
    content = centred(700, ["December 1998"]) + heading + shown_text(LEFT, 650, "Notes") + prose + cue_line
    blocks = blocks_of(tmp_path, content)

    (date,) = [block for block in blocks if block.text == "December 1998"]
    assert date.align == "center"
    # A line set from the left is not: "Notes", at the text area's old edge.
    (notes,) = [block for block in blocks if block.text == "Notes"]
    assert notes.align == "left"
    # Nor is a monospaced line: its place is its column's.
    (cue,) = [block for block in blocks if block.text == "ANNA (V.O.)"]
    assert cue.align == "left"


PROSE = (
    "The body of the page is set from one side of its text area to the other in lines of prose wrapped "
    "where the next word no longer fits, so that its longest lines reach the right margin of the page "
    "and its middle is the page's middle, as in most documents set with equal margins on both sides."
)


def wrapped(text: str, measure: float = RIGHT - LEFT) -> list[str]:
    """`text` wrapped greedily in Helvetica 11 at `measure` points."""
    lines: list[str] = []
    for word in text.split():
        if lines and width(f"{lines[-1]} {word}") <= measure:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def test_a_page_of_lines_all_centred_on_it_is_centred_however_wide_the_widest(tmp_path: Path) -> None:
    # A slide's title and subtitle, a title page: alone on the page, the widest line makes the text
    # area's edges and kept no margin from them, and the subtitle, nearly as wide, too little.
    source = tmp_path / "title.pdf"
    title, subtitle = "Quarterly review of sales", "Sales team, third quarter of the year"
    content = centred(500, [title], size=24, bold=True) + centred(460, [subtitle], size=14)
    with pikepdf.new() as pdf:
        add_page(pdf, content)
        pdf.save(source)

    blocks = extract_document(source).pages[0].blocks

    assert [(block.text, block.align) for block in blocks] == [(title, "center"), (subtitle, "center")]


def test_lines_of_one_width_on_the_pages_axis_are_not_told_centred(tmp_path: Path) -> None:
    # Two lines as wide, one under the other on the page's axis, could as well be set from the left.
    source = tmp_path / "left.pdf"
    lines = ["agenda for the day", "day for the agenda"]
    with pikepdf.new() as pdf:
        add_page(pdf, centred(500, lines[:1]) + centred(460, lines[1:]))
        pdf.save(source)

    blocks = extract_document(source).pages[0].blocks

    assert [block.text for block in blocks] == lines
    assert "center" not in {block.align for block in blocks}


def test_a_title_centred_over_a_forms_empty_boxes_is_centred(tmp_path: Path) -> None:
    # The form's labels end far left of its empty boxes: the title is the page's rightmost text, and
    # the text area's right margin is no wider than its left.
    source = tmp_path / "form.pdf"
    title = "Application for a parking permit"
    labels = b"".join(
        shown_text(LEFT, 600 - 20 * row, label) for row, label in enumerate(["Surname", "Address"])
    )
    with pikepdf.new() as pdf:
        add_page(pdf, centred(700, [title], size=16, bold=True) + labels)
        pdf.save(source)

    blocks = extract_document(source).pages[0].blocks

    aligns = {block.text: block.align for block in blocks}
    assert (aligns[title], aligns["Surname"]) == ("center", "left")


def test_two_centred_lines_the_first_shorter_are_centred_not_an_indented_paragraph(tmp_path: Path) -> None:
    # A lab report's subtitle over its authors: the first line starts further right, as an indented first
    # line would, but ends short of the line below, which an indented first line (a full one) does not.
    lines = ["Lab report, Physics 101", "Group 4: A. Singh, B. Novak"]
    blocks = blocks_of(tmp_path, centred(700, lines))

    subtitle = [block for block in blocks if block.bbox.top < 150]
    assert [block.text for block in subtitle] == lines
    assert {block.align for block in subtitle} == {"center"}


def test_an_elision_over_a_line_of_code_is_no_centred_pair(tmp_path: Path) -> None:
    # MetaPost's manual: "..." indented over "endfig;", in Courier, happen to share an axis.
    elision, code = (
        shown_text(180 + (7 - 3) * 6.6 / 2, 700, "...", font="F2"),
        shown_text(180, 687, "endfig;", font="F2"),
    )
    blocks = blocks_of(tmp_path, elision + code)

    listing = [block for block in blocks if block.bbox.top < 150]
    assert "center" not in {block.align for block in listing}, listing
