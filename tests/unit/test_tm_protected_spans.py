"""Spans no engine may change: protected before any engine sees a segment, restored after it."""

import pytest

from docrelay_translator.protect import Protected, Protector, restore

PROTECTOR = Protector()


def protect(text: str) -> Protected:
    return PROTECTOR.protect(text)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Visit https://example.com/a?b=1&c=2 today.", "https://example.com/a?b=1&c=2"),
        ("Write to help@example.org now.", "help@example.org"),
        ("Open ~/notes/file.txt first.", "~/notes/file.txt"),
        ("Run `make test --quick` again.", "`make test --quick`"),
        ("Then call like_this() once.", "like_this()"),
        ("Then call parse() once.", "parse()"),
        ("Then call os.path.join() once.", "os.path.join()"),
        ("Solve x^2 + y = 3 for y.", "x^2 + y = 3"),
        ("We know that a < b holds.", "a < b"),
        ("Clearly 2 + 2 = 4 here.", "2 + 2 = 4"),
        ("Figure 3a shows it.", "3a"),
        ("Order no.: SO-60712 ships today.", "SO-60712"),
        ("The VX-PSU-600-EU plug fits.", "VX-PSU-600-EU"),
        ("File Form 1040-NR now.", "1040-NR"),
        ("Portland, OR 97210", "Portland, OR 97210"),
        ("Toronto ON M5V 2T6", "ON"),
        ("(a) the notice and (iv) the fee", "(a)"),
        ("(a) the notice and (iv) the fee", "(iv)"),
        # A label's letter A, which Apertium read as the article ("Sala Un").
        ("Hall A", "A"),
        ("Section A, row 3", "A"),
        ("Grade: A", "A"),
        # A grade's A with its signs, which Apertium had made "Un*".
        ("A*", "A"),
        ("Grades: A+ and B", "A"),
        # A person's name after a courtesy title, the title left to the engine: Apertium had read the
        # surnames as words ("Ms Fox" -> "Señora Zorro", "Mr Day" -> "Señor Día").
        ("Ms Fox teaches French.", "Fox"),
        ("Ask Dr. Jane Smith today.", "Jane Smith"),
        ("Dear Mr J. O'Neill-Day,", "J. O'Neill-Day"),
        ("Sr. López y Dña. Pérez", "Pérez"),
        ("Frau\u00a0Müller kommt", "Müller"),
        # Companies by their legal form, streets by their number and kind, towns with their postcode:
        # Apertium had made them "Greenleaf Comidas Ltd", "12 Carretera de Olmo", "Baño BA1 2AB", and a
        # postcode's letters an ordinal ("Norwich NR4 7.º").
        ("Thank you for choosing Greenleaf Foods Ltd.", "Greenleaf Foods Ltd."),
        ("Smith & Sons Ltd ships", "Smith & Sons Ltd"),
        ("Acme, Inc. ships", "Acme, Inc."),
        ("Stahlwerk Kunz AG", "Stahlwerk Kunz AG"),
        ("Ferretería López S.L.", "Ferretería López S.L."),
        ("12 Elm Road, Bath BA1 2AB", "12 Elm Road"),
        ("12 Elm Road, Bath BA1 2AB", "Bath BA1 2AB"),
        ("Norwich NR4 7TH", "Norwich NR4 7TH"),
        ("221B Baker Street", "221B Baker Street"),
        ("Milton Keynes MK9 1AA", "Milton Keynes MK9 1AA"),
        ("Orange, CA 92866", "Orange, CA 92866"),
    ],
)
def test_spans_become_placeholders(text: str, span: str) -> None:
    protected = protect(text)
    assert span in protected.spans and span not in protected.line
    assert all("\ue000" <= char <= "\uf8ff" for char in protected.line if char not in text)


@pytest.mark.parametrize(
    "text",
    [
        "A range 10-20 and w/o it.",
        "On 2024-01-15 at 9:00.",
        "e.g. the 5th item",
        "and/or so",
        "A STATE-OF-THE-ART PLAN",
        "Send the file(s) OR the form in 9 days.",
        "PHASE-2 PLAN: COVID-19 UPDATE",
        "SAVE UP TO 10000 POINTS",
        # The article A opens a phrase; a small a is no label's letter.
        "Chapter 1. A new beginning",
        "A",
        "Is it a?",
        "A-level results",
        # No title, an acronym or a word of its own without its full stop, no capital after it; a name
        # with a possessive's "'s" goes to the engine whole, which reads the possessive ("Mr Day's class").
        "MS Word and DR sites",
        "Sr Engineer Pool",
        "ask mr fox",
        "Mr Day's class",
        "Send Mr",
        # A letter and a full stop, a title in a cell ("M. Roux"), is an initial or a variable in prose.
        "By W. N. Venables, D. M. Smith and others",
        "the inverse of M. This is the same",
        # Forms that are words or codes of their own undotted; a number before a word of the street's kind
        # alone, or capitals before no postcode.
        "Type AB blood and Smith Co",
        "Chapter 12 Close Reading",
        "Figure 2 Central Park",
        "Reading Room 12",
    ],
)
def test_ranges_dates_ordinals_and_prose_are_left_to_the_engine(text: str) -> None:
    assert protect(text) == Protected(text, (), protect(text).numbers)


def test_numbers_dates_and_times_stay_visible_and_are_listed() -> None:
    protected = protect("At 9:00 on 2024-01-15 it costs 3.50 for 1,000 items, see 3a and the 5th.")
    assert protected.numbers == ("9:00", "2024-01-15", "3.50", "1,000")
    assert "3.50" in protected.line and "3a" in protected.spans


@pytest.mark.parametrize(
    "text",
    [
        "Solve x^2 + y = 3 at https://example.com for help@example.org.",
        "Nothing to protect at all.",
        "Private \ue000 and \ue001 characters of the PDF itself.",
        "`code` and run_it() and ~/file.txt on 12/05/1990.",
    ],
)
def test_an_engine_that_keeps_the_line_gives_back_the_text(text: str) -> None:
    protected = protect(text)
    assert restore(protected, protected.line) == text


def test_spans_follow_their_placeholders_when_the_engine_reorders_words() -> None:
    protected = protect("Read ~/a.txt before ~/b.txt now.")
    first, second = protected.line.split()[1], protected.line.split()[3]
    assert restore(protected, f"Lee {second} tras {first} ahora.") == "Lee ~/b.txt tras ~/a.txt ahora."


def test_a_lost_placeholder_is_appended_and_no_span_is_lost() -> None:
    protected = protect("See https://example.com and ~/file.txt today.")
    without_first = protected.line.replace(protected.line.split()[1], "")
    restored = restore(protected, without_first)
    assert restored.endswith(" https://example.com") and "~/file.txt" in restored


def test_a_repeated_placeholder_is_restored_everywhere_and_an_invented_one_dropped() -> None:
    protected = protect("Call parse() now.")
    placeholder = protected.line.split()[1]
    assert (
        restore(protected, f"Llama {placeholder} {placeholder}\ue0ff ahora.")
        == "Llama parse() parse() ahora."
    )


def test_a_number_the_engine_changed_is_put_back_and_a_dropped_one_appended() -> None:
    protected = protect("It costs 3.50 for 12 items.")
    assert restore(protected, "Cuesta 3,50 por 12 artículos.") == "Cuesta 3.50 por 12 artículos."
    assert restore(protected, "Cuesta por 12 artículos.") == "Cuesta por 12 artículos. 3.50"
    assert (
        restore(protected, "Cuesta 3.50 por 12 artículos, 7 días.") == "Cuesta 3.50 por 12 artículos, 7 días."
    )


def test_numbers_inside_spans_are_not_checked() -> None:
    protected = protect("Open https://example.com/2024/report.pdf now.")
    assert protected.numbers == ()
    assert restore(protected, protected.line.replace("Open", "Abre")).startswith(
        "Abre https://example.com/2024/"
    )


def test_past_the_last_placeholder_spans_stay_as_they_are() -> None:
    text = " ".join(f"name_{index}" for index in range(7000))
    protected = protect(text)
    assert len(protected.spans) == 0xF8FF - 0xE000 + 1
    assert "name_6999" in protected.line and restore(protected, protected.line) == text


def test_formula_tokens_are_protected_and_come_back_in_their_places() -> None:
    """The extractor's formula tokens (Supplementary Private Use Area-A) travel as placeholders."""
    first, second = "\U000f0000", "\U000f0001"
    protected = protect(f"The estimator {first} is consistent when {second} holds.")
    assert protected.spans == (first, second)
    assert all(ord(char) < 0x10000 for char in protected.line)  # the engine sees BMP placeholders only
    one, two = protected.line.split()[2], protected.line.split()[6]
    assert restore(protected, f"El estimador {one} es consistente cuando {two} vale.") == (
        f"El estimador {first} es consistente cuando {second} vale."
    )


def test_a_blocks_inline_code_is_hidden_where_it_stands_alone_as_written() -> None:
    protected = PROTECTOR.protect("Set TRUE (not true) in the list, not in lists.", code=["TRUE", "list"])
    assert protected.spans == ("TRUE", "list")
    assert "true" in protected.line and "lists" in protected.line
    assert restore(protected, protected.line) == "Set TRUE (not true) in the list, not in lists."
