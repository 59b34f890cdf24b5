"""Paragraph grouping and reading order on synthetic lines: pure geometry, no PDF involved."""

from docrelay_common.document import BBox, TextStyle
from docrelay_extractor.lines import TextLine
from docrelay_extractor.paragraphs import group_paragraphs
from docrelay_extractor.reading_order import reading_order
from docrelay_extractor.style import is_bold

SIZE = 10.0
LEADING = 12.0
COLUMN_WIDTH = 200.0
LEFT, RIGHT = 50.0, 270.0


def line(
    x0: float,
    top: float,
    text: str,
    width: float = COLUMN_WIDTH,
    size: float = SIZE,
    font: str = "Times-Roman",
    bold_lead: str | None = None,
    ends_bold: bool | None = None,
    mixes_code: bool = False,
):
    """A line in one font unless `bold_lead` and `ends_bold` say it starts or ends in another weight, or
    `mixes_code` that it holds code and text in two kinds of face."""
    bold = is_bold(font)
    return TextLine(
        bbox=BBox(x0=x0, top=top, x1=x0 + width, bottom=top + size),
        text=text,
        style=TextStyle(font=font, size=size, bold=bold),
        glyphs=len(text),
        bold_lead=("".join(text.split()) if bold else "") if bold_lead is None else bold_lead,
        ends_bold=bold if ends_bold is None else ends_bold,
        mixes_code=mixes_code,
    )


def column(x0: float, top: float, texts: list[str]) -> list[TextLine]:
    return [line(x0, top + index * LEADING, text) for index, text in enumerate(texts)]


def texts(paragraphs: list[list[TextLine]]) -> list[list[str]]:
    return [[item.text for item in paragraph] for paragraph in paragraphs]


def test_lines_of_two_columns_form_one_paragraph_per_column():
    left = column(LEFT, 100, ["left one", "left two", "left three"])
    right = column(RIGHT, 100, ["right one", "right two", "right three"])
    paragraphs = group_paragraphs(left + right)
    assert sorted(texts(paragraphs)) == [
        ["left one", "left two", "left three"],
        ["right one", "right two", "right three"],
    ]


def test_a_title_across_both_columns_stays_apart_from_them():
    title = line(LEFT, 100 - LEADING, "A title across the page", width=RIGHT + COLUMN_WIDTH - LEFT)
    body = column(LEFT, 100, ["left one", "left two"]) + column(RIGHT, 100, ["right one", "right two"])
    paragraphs = group_paragraphs([title, *body])
    assert ["A title across the page"] in texts(paragraphs)
    assert len(paragraphs) == 3


def test_a_wide_gap_ends_a_paragraph():
    paragraphs = group_paragraphs(column(LEFT, 100, ["one", "two"]) + column(LEFT, 140, ["three"]))
    assert texts(paragraphs) == [["one", "two"], ["three"]]


def test_gaps_like_the_pages_usual_line_spacing_stay_in_one_paragraph():
    # 1.7 line pitch, as in CJK documents: every gap is 0.7 line heights.
    lines = [line(LEFT, 100 + index * 17, f"line {index}") for index in range(6)]
    assert len(group_paragraphs(lines)) == 1


def test_an_indented_line_after_a_full_stop_opens_a_paragraph():
    lines = [
        line(LEFT, 100, "the end of a sentence."),
        line(LEFT + 15, 100 + LEADING, "A new paragraph", width=COLUMN_WIDTH - 15),
        line(LEFT, 100 + 2 * LEADING, "goes on here"),
    ]
    assert texts(group_paragraphs(lines)) == [["the end of a sentence."], ["A new paragraph", "goes on here"]]


def test_an_indented_lowercase_line_continues_the_paragraph():
    lines = [
        line(LEFT, 100, "TERM a definition that ends here."),
        line(LEFT + 20, 100 + LEADING, "and goes on"),
    ]
    assert len(group_paragraphs(lines)) == 1


def test_a_bullet_opens_a_paragraph():
    lines = column(LEFT, 100, ["• first item", "• second item", "continued"])
    assert texts(group_paragraphs(lines)) == [["• first item"], ["• second item", "continued"]]
    # Japanese notes lead with the reference mark (zxjafont's "※ pxchfon の..." under "※ luatexja-...").
    notes = column(LEFT, 100, ["\u203b first note", "\u203b second note"])
    assert texts(group_paragraphs(notes)) == [["\u203b first note"], ["\u203b second note"]]


def test_a_marker_drawn_apart_opens_an_item():
    # Word processors set a bullet, a tab, then the item; the first item's last line is full.
    items = [
        line(LEFT + 20, 100, "the first item runs on"),
        line(LEFT + 20, 112, "to a full line."),
        line(LEFT + 20, 124, "The second item."),
        line(LEFT + 20, 136, "The third item."),
        # The paragraph after the list starts where its markers do.
        line(LEFT, 160, "After the list."),
    ]
    markers = [
        line(LEFT, 100, "!", width=5),
        line(LEFT, 124, "(b)", width=12),
        line(LEFT, 136, "\u2013", width=6),
    ]
    paragraphs = texts(group_paragraphs(items + markers))
    assert [paragraph for paragraph in paragraphs if paragraph[0] not in ("!", "(b)", "\u2013")] == [
        ["the first item runs on", "to a full line."],
        ["The second item."],
        ["The third item."],
        ["After the list."],
    ]


def test_a_symbol_fonts_bullet_or_an_items_number_after_a_sentence_opens_an_item():
    # LibreOffice maps Symbol's bullet to the private-use U+F0B7 and sets it apart; it had been no
    # marker, and an item whose line is full ran on into the next.
    items = [
        line(LEFT + 20, 100, "Signed a three-year contract with a"),
        line(LEFT + 20, 112, "national hospital group."),
        line(LEFT + 20, 124, "Completed the migration."),
    ]
    markers = [line(LEFT, 100, "\uf0b7", width=5), line(LEFT, 124, "\uf0b7", width=5)]
    paragraphs = texts(group_paragraphs(items + markers))
    assert [paragraph for paragraph in paragraphs if paragraph[0] != "\uf0b7"] == [
        ["Signed a three-year contract with a", "national hospital group."],
        ["Completed the migration."],
    ]
    # Numbers read with their items' text as one line: a new item where the one above ended its sentence.
    numbered = column(
        LEFT,
        200,
        [
            "1. Recruit two drivers for the depot.",
            "2. Review the contracts before the",
            "end of June.",
            "3. Prepare",
        ],
    )
    assert texts(group_paragraphs(numbered)) == [
        ["1. Recruit two drivers for the depot."],
        ["2. Review the contracts before the", "end of June."],
        ["3. Prepare"],
    ]
    # A decimal, or a number after a sentence that goes on, starts no item.
    prose = column(
        LEFT, 300, ["The figures were revised.", "2.5 million more were counted in", "3. the annex"]
    )
    assert len(group_paragraphs(prose)) == 1


def test_a_list_in_the_right_column_keeps_its_items_beside_the_left_column():
    left = column(LEFT, 100, ["the left column's text", "runs on beside", "the list"])
    items = column(RIGHT + 20, 100, ["the first item runs on", "to a full line.", "The second item."])
    markers = [line(RIGHT, 100, "•", width=5), line(RIGHT, 124, "•", width=5)]
    paragraphs = texts(group_paragraphs(left + items + markers))
    assert ["The second item."] in paragraphs


def test_a_mark_in_the_column_beside_or_a_change_bar_is_no_marker():
    # An equation's number at the end of the left column, beside a line of the right column.
    left = [
        line(LEFT, 100, "a line of the left column"),
        line(LEFT + 185, 112, "(1)", width=15),
        line(LEFT, 124, "another line of the left column"),
    ]
    right = column(RIGHT, 100, ["the right column runs on", "beside the number", "and on."])
    bars = [line(RIGHT - 12, 100 + index * LEADING, "|", width=2) for index in range(3)]
    paragraphs = texts(group_paragraphs(left + right + bars))
    assert [item.text for item in right] in paragraphs


def test_a_formula_a_number_or_a_bullet_further_along_is_no_marker():
    lines = [
        *column(LEFT + 20, 100, ["a sentence runs on", "to this line."]),
        line(LEFT + 20, 124, "Same one."),
    ]
    beside = [
        line(LEFT, 112, "\U000f0000", width=6),
        line(LEFT, 124, "12", width=10),
        line(RIGHT + 5, 112, "•", width=5),
    ]
    paragraphs = texts(group_paragraphs(lines + beside))
    assert [item.text for item in lines] in paragraphs


def test_other_sizes_weights_and_code_make_their_own_paragraphs():
    lines = [
        line(LEFT, 100, "Heading", size=14),
        line(LEFT, 116, "Bold lead", width=60, font="Times-Bold"),
        line(LEFT, 128, "body text"),
        line(LEFT, 140, "> code()", font="Courier"),
        line(LEFT, 152, "more body"),
    ]
    assert len(group_paragraphs(lines)) == 5


def test_emphasis_inside_a_sentence_does_not_break_its_paragraph():
    # The bold words start a line after an unfinished one...
    starts = [
        line(LEFT, 100, "A complete understanding of any"),
        line(LEFT, 112, "provision of the act requires reading it.", width=180, font="Times-Bold"),
    ]
    # ... or run on into a line mostly in regular type.
    runs_on = [
        line(LEFT, 200, "Title II, the Online Infringement Limitation", font="Times-Bold"),
        line(LEFT, 212, "Act, creates limitations on the liability", bold_lead="Act,"),
    ]
    # ... or end it.
    ends = [
        line(LEFT, 300, "a sentence whose last words are", ends_bold=True),
        line(LEFT, 312, "in bold to its end.", width=120, font="Times-Bold"),
    ]
    assert texts(group_paragraphs(starts + runs_on + ends)) == [
        [item.text for item in starts],
        [item.text for item in runs_on],
        [item.text for item in ends],
    ]


def test_a_sentence_runs_on_into_a_line_mostly_of_code_from_an_indented_first_line():
    # R-intro: "In summary, ... To differentiate these," (indented 15 pt) / "is.nan(xx) is only TRUE ...".
    first = [
        line(LEFT + 15, 100, "In summary, both hold for missing values. To tell them apart,"),
        line(LEFT, 112, "is.nan(xx) is TRUE for NaNs.", width=120, font="Courier", mixes_code=True),
    ]
    # A manual's option set out left of the description above it, two lines long: another item.
    option = [
        line(LEFT + 15, 200, "print the entries of the parent directory, and list them with"),
        line(LEFT + 15, 212, "the entries of the directory itself before those of"),
        line(LEFT, 224, "--author  with -l, print the author", width=150, font="Courier", mixes_code=True),
    ]
    # Nor does code after a line that ended its sentence, or one that stopped short of the right edge.
    ended = [
        line(LEFT, 300, "In summary, both hold for missing values. Tell them apart."),
        line(LEFT, 312, "is.nan(xx) is TRUE for NaNs.", width=120, font="Courier", mixes_code=True),
    ]
    short = [
        line(LEFT, 400, "In summary, both hold for missing values", width=150),
        line(LEFT, 412, "is.nan(xx) is TRUE for all NaNs and only those.", font="Courier", mixes_code=True),
    ]
    assert texts(group_paragraphs(first + option + ended + short)) == [
        [item.text for item in first],
        [item.text for item in option[:2]],
        [option[2].text],
        *([item.text] for item in ended + short),
    ]


def test_a_heading_in_bold_stays_apart_from_the_text_under_it():
    short = [line(LEFT, 100, "Introduction", width=60, font="Times-Bold"), line(LEFT, 112, "lower case text")]
    # As wide as its text, but its bold ends where the text under it starts in regular, in either case.
    wide = [
        line(LEFT, 200, "A heading as wide as the text", font="Times-Bold"),
        line(LEFT, 212, "Text under it"),
    ]
    lower = [
        line(LEFT, 300, "Reduction, minimal model", font="Times-Bold"),
        line(LEFT, 312, "minimal model of Q"),
    ]
    # Nor does a heading join the text above it, even one whose number is set in regular type.
    after = [
        line(LEFT, 400, "the end of a paragraph"),
        line(LEFT, 412, "Next Heading", width=60, font="Times-Bold"),
    ]
    numbered = [
        line(LEFT, 500, "the end of a sentence."),
        line(LEFT, 512, "2. Numbered Heading", width=90, font="Times-Bold", bold_lead=""),
    ]
    # A run-in heading in bold opening the text under a long heading...
    run_in = [
        line(LEFT, 600, "Convergence of the scheme under weak assumptions", font="Times-Bold"),
        line(
            LEFT,
            612,
            "Theorem 4. Let the operator be monotone",
            bold_lead="Theorem4.",
        ),
    ]
    # ... and a term in bold, set out to the left of the description above it, or unmapped glyphs.
    term = [
        line(LEFT + 30, 700, "the entries of the parent directory"),
        line(LEFT, 712, "--author", font="Times-Bold"),
    ]
    unmapped = [
        line(LEFT, 800, "(cid:12)(cid:13) text"),
        line(LEFT, 812, "(cid:14)(cid:15)", font="Times-Bold"),
    ]
    # A glossary's term in bold, short, under its definition above.
    glossary = [
        line(LEFT, 900, "a small fast memory that keeps copies nearby"),
        line(LEFT, 912, "latency", 40, font="Times-Bold"),
    ]
    everything = short + wide + lower + after + numbered + run_in + term + unmapped + glossary
    assert len(group_paragraphs(everything)) == 18


def test_a_footnote_mark_drawn_on_its_own_does_not_break_the_paragraph():
    lines = [*column(LEFT, 100, ["first line", "second line"]), line(LEFT + 80, 99, "1", width=4, size=6)]
    paragraphs = group_paragraphs(lines)
    assert ["first line", "second line"] in texts(paragraphs)


def test_a_paragraph_does_not_grow_over_a_table_cell_beside_it():
    description = [
        line(LEFT, 100, "short text", width=80),
        line(LEFT, 100 + LEADING, "a much longer description"),
    ]
    cell = line(LEFT + 120, 100, "cell()", width=60, font="Courier")
    assert sorted(texts(group_paragraphs([*description, cell]))) == [
        ["a much longer description"],
        ["cell()"],
        ["short text"],
    ]


def box(x0: float, top: float, x1: float, bottom: float) -> BBox:
    return BBox(x0=x0, top=top, x1=x1, bottom=bottom)


def test_reading_order_is_column_by_column_between_title_and_footer():
    boxes = {
        "footer": box(290, 780, 300, 790),
        "right 2": box(313, 205, 540, 300),
        "left 1": box(72, 100, 299, 200),
        "title": box(80, 50, 530, 60),
        "right 1": box(313, 100, 540, 200),
        "left 2": box(72, 205, 299, 300),
    }
    names = list(boxes)
    order = [names[index] for index in reading_order(list(boxes.values()))]
    assert order == ["title", "left 1", "left 2", "right 1", "right 2", "footer"]


def test_reading_order_puts_side_by_side_authors_before_what_lies_below():
    boxes = [box(390, 118, 464, 130), box(222, 140, 390, 193), box(148, 118, 240, 130)]
    assert reading_order(boxes) == [2, 0, 1]


def test_reading_order_of_overlapping_blocks_is_top_to_bottom():
    boxes = [box(0, 50, 100, 150), box(50, 0, 150, 100), box(20, 120, 60, 200)]
    assert reading_order(boxes) == [1, 0, 2]


def test_reading_order_of_nothing():
    assert reading_order([]) == []


def test_an_underline_does_not_cut_a_paragraph_but_a_rule_under_the_row_does():
    lines = [
        line(LEFT, 100, "Ervin Santana pitched five innings in his"),
        line(LEFT, 114, "debut for the Angels."),
    ]
    # Under the first line's first words, close to it.
    underline = BBox(x0=LEFT, top=111.0, x1=LEFT + 80, bottom=111.5)
    assert len(group_paragraphs(lines, rules=[underline])) == 1
    # As long as the line (a table's row border), reaching out of it (a form's rule), or further down, it
    # parts them.
    for rule in (
        BBox(x0=LEFT, top=111.0, x1=LEFT + COLUMN_WIDTH, bottom=111.5),
        BBox(x0=LEFT - 40, top=111.0, x1=LEFT + 40, bottom=111.5),
        BBox(x0=LEFT, top=113.0, x1=LEFT + 80, bottom=113.5),
    ):
        assert len(group_paragraphs(lines, rules=[rule])) == 2


def test_a_one_line_paragraph_over_the_next_ones_indented_first_line_stays_apart():
    # Both indented alike; under the second, the paragraph goes on from the column's edge.
    def lines(top: float, first: str, indent: float = 15) -> list[TextLine]:
        return [
            line(LEFT + 15, top, first, width=COLUMN_WIDTH - 15),
            line(
                LEFT + 15,
                top + 12,
                "What is meant by coordinates like these? The same",
                width=COLUMN_WIDTH - 15,
            ),
            line(
                LEFT + 15 - indent,
                top + 24,
                "system of coordinates as in the other one.",
                width=COLUMN_WIDTH - 15 + indent,
            ),
        ]

    ended = lines(100, "It also has a command for one point, drawdot(30,0).")
    assert texts(group_paragraphs(ended)) == [[ended[0].text], [ended[1].text, ended[2].text]]
    # A sentence going on, or a quotation indented all along, is one paragraph.
    going_on = lines(200, "It also has a command for one point, drawdot(30,0), and")
    quoted = lines(300, "It also has a command for one point, drawdot(30,0).", indent=0)
    assert len(group_paragraphs(going_on)) == 1 and len(group_paragraphs(quoted)) == 1
