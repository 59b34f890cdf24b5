# The Japanese dates below are written with full-width brackets on purpose; ruff's confusables check
# takes them for ASCII.
# ruff: noqa: RUF001
"""Which table cells are data, and which columns hold names: kept as the PDF draws them, never translated."""

from collections.abc import Callable

import pytest

from docrelay_common.document import BBox, TableCell, TextBlock, TextStyle
from docrelay_common.line_joins import CJK
from docrelay_extractor.data_cells import is_data, is_name, is_value, mark_data_cells

BOX = BBox(x0=0, top=0, x1=10, bottom=10)


@pytest.mark.parametrize(
    "text",
    [
        "1.250,50 €",
        "$ 1,234.00",
        # Currency signs other than the few on a Western keyboard, apart from their amounts.
        "52 000 ₽",
        "1 250,00 ₽",
        "₹ 1,200",
        "₩ 12,000",
        "฿ 300",
        "45 ₺",
        "12 %",
        "09/11/2024",
        "2024-03-01",
        "12 Jan 2024",
        "March 3, 2024",
        "73695798A",
        "INV-2024017",
        "C-101",
        "ES91 2100 0418 4502 0005 1332",
        "12 kg",
        # Signs between numbers, amperes, a time of day.
        "131.8 ± 10.4",
        "10 – 12",
        "p < 0.05",
        "10 A",
        "10 am",
        # Codes in capitals that spell a short word of some language.
        "E 5",
        "AT 1010",
        "OR 97201",
        # Grades and ratings.
        "A-",
        "B+",
        "BBB-",
        "ana.garcia@example.org",
        "https://example.org/form",
        # Two addresses in one cell, one under the other.
        "info@example.org www.example.org",
        "a.bell@example.org, t.price@example.org",
        "a.bell@example.org; t.price@example.org",
    ],
)
def test_numbers_amounts_dates_codes_and_addresses_are_data(text: str) -> None:
    assert is_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "Room 12",
        "Total",
        "Monthly rent",
        "Introduction to statistics",
        "Under 18",
        "₽",
        # Numbers joined by short words to translate: "Hasta 5", "10:30 and 17:00".
        "Up to 5",
        "10:30 y 17:00",
        "5 per day",
        "VAT at 20%",
        "Grade A-minus",
    ],
)
def test_words_are_not_data_even_beside_a_number(text: str) -> None:
    assert not is_data(text)


@pytest.mark.parametrize(
    "text",
    [
        # Days named with their month (more in test_extractor_day_names), dates in Chinese and Japanese.
        "Monday 1 April",
        "mercredi 3 avril",
        "3月1日（月）",
        "2024年3月1日",
        "3月1日 星期一",
    ],
)
def test_a_day_named_with_its_month_is_a_value(text: str) -> None:
    assert is_value(text)
    # Words to translate, but in a script without spaces, whose "word" has a digit.
    assert is_data(text) == bool(CJK.search(text))


@pytest.mark.parametrize(
    "text",
    [
        "Room 12",
        "Children under 18",
        "Chapter 32 Notes",
        "Model 3 Standard",
        "3 Bedrooms",
        "Monday 32 April",
        "write to info@example.org",
        "3月3日に会議",
        "第2節では2021年",
    ],
)
def test_words_beside_a_number_or_an_address_are_no_value(text: str) -> None:
    assert not is_value(text)


@pytest.mark.parametrize(
    "text", ["MENA", "María José", "GARCÍA LÓPEZ", "Dr. Smith", "Acme Ltd", "Umbrella plc"]
)
def test_names_are_capitalised_words_particles_and_company_forms(text: str) -> None:
    assert is_name(text)


@pytest.mark.parametrize("text", ["Office supplies", "cleaning service", "Total 12", ""])
def test_lower_case_words_and_numbers_are_no_names(text: str) -> None:
    assert not is_name(text)


def cell(row: int, column: int, text: str, bold: bool = False, span: int = 1) -> TextBlock:
    return TextBlock(
        id=f"r{row}c{column}",
        bbox=BOX,
        text=text,
        source_text=text,
        style=TextStyle(bold=bold),
        cell=TableCell(table="p1-t0", row=row, column=column, column_span=span, bbox=BOX),
    )


def table(header: list[str], rows: list[list[str]]) -> list[TextBlock]:
    cells = [cell(0, column, text, bold=True) for column, text in enumerate(header)]
    return cells + [
        cell(row, column, text) for row, texts in enumerate(rows, 1) for column, text in enumerate(texts)
    ]


def kept(blocks: list[TextBlock]) -> set[str]:
    return {block.text for block in mark_data_cells(blocks) if not block.translatable}


def test_surnames_in_capitals_and_the_first_names_beside_them_are_kept_but_not_their_headers() -> None:
    rows = [
        ["MENA", "Rosa", "Paid"],
        ["CRUZ", "Pilar", "Paid"],
        ["LEÓN", "Ángel", "Open"],
        ["PEÑA", "Luz", "Paid"],
    ]
    assert kept(table(["Surname", "First name", "Status"], rows)) == {
        "MENA",
        "CRUZ",
        "LEÓN",
        "PEÑA",
        "Rosa",
        "Pilar",
        "Ángel",
        "Luz",
    }


def test_a_header_naming_people_makes_a_column_of_names() -> None:
    rows = [["Dr. Smith", "Monday"], ["Ms. Taylor", "Tuesday"], ["Mr. Young", "Friday"]]
    assert kept(table(["Teacher", "Day"], rows)) == {"Dr. Smith", "Ms. Taylor", "Mr. Young"}


@pytest.mark.parametrize(
    "header",
    [
        "Manager",
        "Speakers",
        "Ponente",
        "Lehrerin",
        "Dozenten",
        "Owner(s)",
        "Account manager",
        "Approved by",
        "Aprobado por:",
        "Assigned to",
        "Schüler/in",
        "Invigilator",
        "Responsible",
        "Team lead",
    ],
)
def test_a_header_naming_people_by_their_role_makes_a_column_of_names(header: str) -> None:
    # Apertium made "Tom Baker" under "Manager" "Tom Panadero".
    rows = [["North", "Alice Grant"], ["South", "Tom Baker"], ["East", "Maria Lopez"]]
    assert kept(table(["Region", header], rows)) == {"Alice Grant", "Tom Baker", "Maria Lopez"}


def test_heads_beside_a_head_naming_people_are_heads_in_plain_type_too() -> None:
    # "Region" looks like a name; beside "Manager" it heads a column of regions to translate.
    rows = [["Region", "Manager"], ["North", "Alice Grant"], ["South", "Tom Baker"], ["East", "Maria Lopez"]]
    blocks = [cell(row, column, text) for row, texts in enumerate(rows) for column, text in enumerate(texts)]
    assert kept(blocks) == {"Alice Grant", "Tom Baker", "Maria Lopez"}


@pytest.mark.parametrize("surname", [str.title, str.upper])
def test_a_column_of_roles_is_no_column_of_names(surname: Callable[[str], str]) -> None:
    # A list of staff without heads: its first row's role is no head over the roles under it, nor the
    # name beside it a head (names in capitals are kept).
    rows = [["Tom Baker", "Manager"], ["Ann Bell", "Director"], ["Raj Singh", "Sales Manager"]]
    rows = [[surname(name), role] for name, role in rows]
    blocks = [cell(row, column, text) for row, texts in enumerate(rows) for column, text in enumerate(texts)]
    names = {name for name, _ in rows}
    assert kept(blocks) == (names if surname is str.upper else set())


def test_roles_heading_two_columns_are_heads_not_a_label_and_its_value() -> None:
    # "Deputy Manager" beside "Manager" looks like a person's name beside a label naming one (a form's
    # "Full name" | "Adaeze Nwosu"): the names in capitals under both had come back translated.
    rows = [["Region", "Manager", "Deputy Manager"], ["North", "TOM BAKER", "ANN BELL"]]
    rows += [["South", "RAJ SINGH", "LI WEI"]]
    blocks = [cell(row, column, text) for row, texts in enumerate(rows) for column, text in enumerate(texts)]
    assert kept(blocks) == {"TOM BAKER", "ANN BELL", "RAJ SINGH", "LI WEI"}


@pytest.mark.parametrize(
    "header",
    [
        "Tutorial",
        "Membership",
        "Directory",
        "Coaching",
        "Coach class",
        "Owner's notes",
        "Tipo de socio",
        "Cost per attendee",
        "Lead time",
        "Bypass",
        "Stand-by",
        "By",
    ],
)
def test_a_role_that_is_not_what_the_head_names_names_nobody(header: str) -> None:
    rows = [["Gold", "Monday"], ["Silver Plus", "Tuesday"], ["Tom Baker", "Friday"]]
    assert kept(table([header, "Day"], rows)) == set()


@pytest.mark.parametrize(
    ("header", "rows"),
    [
        ("Manager", ["Vacant", "Sales Team", "To be confirmed", "London Office", "Tom Baker", "Mme Okafor"]),
        ("Paid by", ["Direct Debit", "Cash", "Company Card", "Joe Cook"]),
        ("Action by", ["Finance Team", "All", "Facilities", "Ann Bell"]),
    ],
)
def test_under_a_role_only_people_are_kept(header: str, rows: list[str]) -> None:
    # Names the word list knows, or after a courtesy title; a word alone that is also a common word
    # ("Cash", which the list knows as a name too) is the word.
    people = {"Tom Baker", "Mme Okafor", "Joe Cook", "Ann Bell"}
    assert kept(table(["Task", header], [["Check the stock", text] for text in rows])) == people & set(rows)


def test_a_header_in_two_parts_names_its_column_by_both() -> None:
    # "Teacher" in bold over "(as registered)" in small italics: two blocks of one cell (cell_parts).
    rows = [["Dr. Smith", "Monday"], ["Ms. Taylor", "Tuesday"], ["Mr. Young", "Friday"]]
    blocks = table(["Teacher", "Day"], rows)
    second_part = cell(0, 0, "(as registered)").model_copy(update={"id": "r0c0b"})
    assert kept([*blocks, second_part]) == {"Dr. Smith", "Ms. Taylor", "Mr. Young"}


def test_capitalised_words_alone_are_labels_to_translate() -> None:
    # Regions, weekdays: capitalised like names, but nothing says they are.
    rows = [["North", "1200"], ["South", "1350"], ["East", "980"], ["West", "1010"]]
    assert kept(table(["Region", "Sales"], rows)) == {"1200", "1350", "980", "1010"}


def test_labels_under_a_head_naming_people_are_translated_but_names_that_are_words_too_kept() -> None:
    # A form's section captioned "Contact": its labels are words the word list knows, and no names.
    labels = [["Address"], ["Postcode"], ["Phone"], ["Email"], ["Signature"]]
    assert kept(table(["Contact"], labels)) == set()
    # Surnames that are words too are names the list knows.
    people = [["Baker"], ["Rose"], ["Hall"], ["Green"], ["Address"]]
    assert kept(table(["Contact"], people)) == {"Baker", "Rose", "Hall", "Green", "Address"}
    # A company's name of words is a name: only a word alone may be a label.
    companies = [["Anchor Freight"], ["Blue Sky Travel"], ["Summit Power"], ["Signature Homes"]]
    assert kept(table(["Supplier"], companies)) == {
        "Anchor Freight",
        "Blue Sky Travel",
        "Summit Power",
        "Signature Homes",
    }


def test_a_value_whose_label_in_bold_or_with_a_colon_names_people_or_companies_is_kept() -> None:
    form = [
        cell(0, 0, "Customer", bold=True),
        cell(0, 1, "Pine Ridge Dental"),
        cell(1, 0, "Approved by:"),
        cell(1, 1, "Linda Baker"),
        cell(6, 0, "Bank", bold=True),
        cell(6, 1, "Lloyds Bank"),
        # Under a role, people only; a label naming nobody names no value.
        cell(2, 0, "Manager", bold=True),
        cell(2, 1, "Sales Team"),
        cell(3, 0, "Department", bold=True),
        cell(3, 1, "Field Sales"),
        # A label neither in bold nor with a colon may be a value of a table without heads; a value in
        # bold beside a label is a head beside a head.
        cell(4, 0, "Supplier"),
        cell(4, 1, "Northern Tools Ltd"),
        cell(5, 0, "Customer", bold=True),
        cell(5, 1, "Rose Hill", bold=True),
    ]
    assert kept(form) == {"Pine Ridge Dental", "Linda Baker", "Lloyds Bank"}


@pytest.mark.parametrize("head", ["Branch", "Store", "City", "Sucursal"])
def test_places_that_are_words_too_are_kept_in_a_column_of_places(head: str) -> None:
    # Apertium made the branch "Bath" "Baño" and "Reading" "Lectura"; it gives "London" as "Londres".
    rows = [["Leeds", "120"], ["London", "131"], ["Bath", "88"], ["Hull", "64"], ["Reading", "45"]]
    rows += [["York", "70"], ["Glasgow", "52"], ["head office", "12"]]
    assert kept(table([head, "Sales"], rows)) == {"Bath", "Hull", "Reading", *(sales for _, sales in rows)}


@pytest.mark.parametrize(
    ("head", "places"),
    [
        # No head naming places: a column of names of anything ("Reading" and "Bath" as rooms).
        ("Room", ["Leeds", "London", "Bath", "Reading"]),
        # Branches named by words: too few names the word list knows only as names.
        ("Branch", ["North", "South", "London", "Online"]),
        # Not mostly names.
        ("Branch", ["Leeds", "York", "London", "Bath", "main office", "head office"]),
    ],
)
def test_places_are_kept_only_under_a_head_naming_places_among_names_only_names(
    head: str, places: list[str]
) -> None:
    assert kept(table([head], [[place] for place in places])) == set()


def test_a_block_outside_a_table_is_not_kept_as_data() -> None:
    paragraph = TextBlock(id="p", bbox=BOX, text="2024-03-01", source_text="2024-03-01")
    assert mark_data_cells([paragraph]) == [paragraph]


def test_the_name_under_a_letters_closing_is_kept_and_the_role_under_it_translated() -> None:
    def block(name: str, top: float, text: str, x0: float = 60.0) -> TextBlock:
        return TextBlock(
            id=name,
            bbox=BBox(x0=x0, top=top, x1=x0 + 80, bottom=top + 11),
            text=text,
            source_text=text,
            style=TextStyle(size=11),
        )

    letter = [
        block("closing", 400, "Yours sincerely,"),
        # Three lines down: room for the signature. "Tom Baker" had come back "Tom Panadero".
        block("name", 444, "Tom Baker"),
        # A name in the column beside, nearer, starts elsewhere.
        block("beside", 430, "Grace Obi", x0=300),
        block("role", 458, "Sales Manager"),
        block("other closing", 500, "Kind regards,", x0=300),
        block("team", 520, "The Sales Team", x0=300),
        block("far closing", 600, "Best wishes,"),
        block("too far", 700, "Linda Baker"),
    ]
    kept = {block.id for block in mark_data_cells(letter) if not block.translatable}
    assert kept == {"name"}


@pytest.mark.parametrize(
    ("text", "is_kept"),
    [
        # A CV's name over its contact details: Apertium made it "Jordania Mitchell".
        ("Jordan Mitchell", True),
        ("Hong Kong", True),
        # A name that is a word too, a title the engine translates, a word of a heading, one name alone.
        ("Tom Baker", False),
        ("Mr Jansen", False),
        ("Monday Morning", False),
        ("Jordan", False),
        ("Jordan Mitchell Bristol Leeds", False),
    ],
)
def test_a_text_only_of_names_is_kept_anywhere(text: str, is_kept: bool) -> None:
    block = TextBlock(id="p", bbox=BOX, text=text, source_text=text)
    assert (not mark_data_cells([block])[0].translatable) == is_kept


def test_without_headers_first_names_beside_surnames_are_names_too() -> None:
    rows = [["MENA", "Rosa"], ["CRUZ", "Pilar"], ["LEÓN", "Ángel"], ["PEÑA", "Luz"]]
    blocks = [cell(row, column, text) for row, texts in enumerate(rows) for column, text in enumerate(texts)]
    assert kept(blocks) == {text for row in rows for text in row}


def monospaced_cell(row: int, text: str) -> TextBlock:
    return cell(row, 0, text).model_copy(update={"style": TextStyle(font="CMTT10")})


def test_an_identifier_alone_in_a_monospaced_font_is_code() -> None:
    # camlidl's table of attributes: "abstract" had come back "abstracto".
    header = cell(0, 1, "Attribute", bold=True)
    blocks = [header, *(monospaced_cell(row, text) for row, text in enumerate(["abstract", "typedef"], 1))]
    blocks += [monospaced_cell(3, "size, prob"), monospaced_cell(4, "for within")]
    blocks += [monospaced_cell(5, "Total"), monospaced_cell(6, "Grand total"), cell(7, 0, "ignore")]

    # Lists of identifiers are code too ("size, prob": R-intro's arguments; MetaPost's "for within").
    # A capitalised word, words starting with one, and a word in the text's own face are words.
    assert kept(blocks) == {"abstract", "typedef", "size, prob", "for within"}


def test_on_a_typewritten_page_a_word_alone_in_a_monospaced_font_is_a_word() -> None:
    letter = TextBlock(
        id="letter",
        bbox=BOX,
        text="Dear Sir, we write to tell you that the order you placed has been sent today.",
        source_text="Dear Sir, we write to tell you that the order you placed has been sent today.",
        style=TextStyle(font="Courier"),
    )

    assert kept([letter, monospaced_cell(1, "shipped"), monospaced_cell(2, "pending")]) == set()


def test_a_heading_or_merged_cell_across_a_table_of_names_is_translated_unless_it_looks_like_a_name() -> None:
    # A group's heading spans its table (table_grid); a name alone in its row, in capitals or of two
    # capitalised words, may look like one; a name and the next cell read as one (a narrow gap) span
    # only some of the columns.
    blocks = table(["Name", "Role", "Phone"], [["Ann Bell", "Accountant", "2214"]])
    blocks += [cell(2, 0, "Human resources", span=3), cell(3, 0, "MENA", span=3)]
    blocks += [cell(4, 0, "Tom Price Payroll clerk", span=2), cell(4, 2, "2215")]
    blocks += [cell(5, 0, "Mary Stone", span=1), cell(5, 1, "Recruiter"), cell(5, 2, "2301")]
    blocks += [cell(6, 0, "Finance", span=3), cell(7, 0, "Rose Hill", span=3)]
    # A merged cell's sentence across some of the columns.
    blocks += [cell(8, 0, "The following staff members work remotely", span=2), cell(8, 2, "None")]

    assert kept(blocks) == {
        "Ann Bell",
        "2214",
        "MENA",
        "Tom Price Payroll clerk",
        "2215",
        "Mary Stone",
        "2301",
        "Rose Hill",
    }


def test_labels_of_a_form_whose_first_label_names_a_person_are_translated() -> None:
    # "Full name" | "Adaeze Nwosu": a label and its value, not a header over a column of names.
    rows = [
        ["Full name", "Adaeze Nwosu"],
        ["Nationality", "Nigerian"],
        ["Address", "Cedar Road"],
        ["Telephone", "07700 900123"],
        ["Email", "a.nwosu@example.org"],
    ]
    blocks = [cell(row, column, text) for row, texts in enumerate(rows) for column, text in enumerate(texts)]

    assert kept(blocks) == {"07700 900123", "a.nwosu@example.org"}


def test_a_header_row_is_no_label_and_value_even_beside_a_capitalised_header() -> None:
    # In bold: "Account Manager" heads a column. Not in bold, "Role" is one word, no person's full name.
    rows = [["GARCIA LOPEZ", "Ann Bell"], ["TORRES RUIZ", "Tom Price"], ["VIDAL", "Raj Singh"]]
    assert {"GARCIA LOPEZ", "TORRES RUIZ", "VIDAL"} <= kept(table(["Customer", "Account Manager"], rows))
    plain = [cell(0, 0, "Name"), cell(0, 1, "Role")]
    plain += [
        cell(row, column, text) for row, texts in enumerate(rows, 1) for column, text in enumerate(texts)
    ]
    assert {"GARCIA LOPEZ", "TORRES RUIZ", "VIDAL"} <= kept(plain)


def test_a_calendars_abbreviated_days_are_kept_but_a_sun_alone_is_translated() -> None:
    # Apertium made "Sat" and "Sun" "Sentado" and "Sol": days in a row or a column are kept as drawn.
    week = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    calendar = table(week, [["1", "2", "3", "4", "5", "6", "7"]])
    timetable = table(["Day", "Room"], [["Mon", "Hall"], ["Sat", "Gym"], ["dim.", "Pool"]])
    weather = table(["Sky", "Hours"], [["Sun", "8"], ["Rain", "2"], ["Cloud", "4"]])

    # Days written in full translate well ("Sábado").
    full_week = table(["Monday", "Tuesday", "Saturday", "Sunday"], [["1", "2", "6", "7"]])

    assert kept(calendar) >= set(week)
    assert kept(full_week) == {"1", "2", "6", "7"}
    assert kept(timetable) == {"Mon", "Sat", "dim."}
    assert "Sun" not in kept(weather)
