"""Preparing text for Apertium and restoring its output, without running Apertium."""

import pytest

from docrelay_translator.engines.apertium_modes import pairs_from_mode
from docrelay_translator.engines.apertium_text import KnownWords, prepare, restore
from docrelay_translator.engines.protect import TECHNICAL_TOKEN


def protected_of(text: str) -> tuple[str, ...]:
    return prepare(text).protected


def test_segment_becomes_one_line_without_control_characters_or_ligatures() -> None:
    segment = prepare("  The \x00first\tline\r\nand the\x0cnext ﬁnd ﬂow\x07 ")
    assert segment.line == "The first line and the next find flow"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Visit https://example.com/a?b=1&c=2.", "https://example.com/a?b=1&c=2"),
        ("Mail john.doe@example.com now", "john.doe@example.com"),
        ("Open ~/file.txt please", "~/file.txt"),
        ("Run /usr/bin/env here", "/usr/bin/env"),
        ("Path C:\\Users\\test.", "C:\\Users\\test"),
        ("Call foo.bar() first", "foo.bar()"),
        ("A snake_case name", "snake_case"),
        ("Figure 3a shows", "3a"),
        ("At 10am sharp", "10am"),
    ],
)
def test_technical_tokens_are_protected(text: str, kept: str) -> None:
    assert kept in protected_of(text)


@pytest.mark.parametrize(
    "text", ["and/or", "e.g. this", "i.e. that", "the 5th item", "3.14 and 1,000", "End.Next"]
)
def test_ordinary_words_abbreviations_and_numbers_are_left_to_the_engine(text: str) -> None:
    assert TECHNICAL_TOKEN.search(text) is None


def test_quotes_are_protected_but_apostrophes_inside_words_are_not() -> None:
    assert protected_of("The 'single' word, don't") == ("'", "'")
    assert protected_of("The \u2018single\u2019 word, don\u2019t") == ("\u2018", "\u2019")


def test_private_use_characters_of_the_input_cannot_be_confused_with_placeholders() -> None:
    segment = prepare("glyph \ue000 and \ue001")
    assert segment.protected == ("\ue000", "\ue001")
    assert restore(segment, segment.line[::-1]) == "\ue001 dna \ue000 hpylg"


def test_restore_puts_protected_spans_back_and_collapses_spacing() -> None:
    segment = prepare("See 'this' at https://example.org now.")
    translated = segment.line.replace("See", "  Ve").replace("this", "esto").replace("now", "ahora  ")
    assert restore(segment, translated) == "Ve 'esto' at https://example.org ahora ."


def test_restore_keeps_a_lower_case_start_lower_case() -> None:
    assert restore(prepare("analysis of data."), "Análisis de datos.") == "análisis de datos."
    assert restore(prepare("(indeed)"), "(De hecho)") == "(de hecho)"
    assert restore(prepare("Analysis."), "Análisis.") == "Análisis."


def test_restore_keeps_typographic_apostrophes() -> None:
    assert restore(prepare("I don\u2019t know"), "I don't know") == "I don\u2019t know"
    assert restore(prepare("I don't know"), "I don't know") == "I don't know"


MONTH = KnownWords({"March": "marzo"}, except_after=(r"\bon \d ",))


@pytest.mark.parametrize(
    ("text", "restored"),
    [
        ("Report for March 2025", "Report for marzo 2025"),
        # Capitalised where it starts the line; whole words only; not where the pair's own rules know it.
        ("March 2025", "Marzo 2025"),
        ("Marching in march", "Marching in march"),
        ("due on 3 March", "due on 3 March"),
    ],
)
def test_words_the_pair_lacks_become_placeholders_for_their_translations(text: str, restored: str) -> None:
    segment = prepare(text, (MONTH,))
    assert ("March" in segment.line) == ("March" in restored)
    # An engine that keeps the line as it is gives back the text with the translations in place.
    assert restore(segment, segment.line) == restored


@pytest.mark.parametrize(
    ("mode", "pairs"),
    [
        ("eng-spa", [("en", "es")]),
        ("spa-eng", [("es", "en")]),
        ("spa-eng_US", [("es", "en-US")]),
        ("es-pt_BR", [("es", "pt-BR")]),
        ("spa-cat_valencia", [("es", "ca-valencia")]),
        ("ca-oc_aran", [("ca", "oc-aranes")]),
        ("oc_aran-es", [("oc-aranes", "es")]),
        ("cat-spa", [("ca", "es")]),
        ("hbs-eng", [("bs", "en"), ("hr", "en"), ("sr-Latn", "en")]),
        ("eng-hbs_HR", [("en", "hr")]),
        # Apertium's own orthography variants have no BCP 47 tag.
        ("eng-cat_iec2017", []),
        ("cat-por_PTpre1990", []),
        ("nob-nno_e", []),
        ("eng-spa-tagger", []),
        ("Cyrl-Latn", []),
        ("readme", []),
        ("xyz-spa", []),
    ],
)
def test_mode_names_become_language_pairs(mode: str, pairs: list[tuple[str, str]]) -> None:
    assert pairs_from_mode(mode) == pairs


NUMBERED = KnownWords({"Table": "tabla", "Fig.": "Fig."}, only_before=r" \d")


@pytest.mark.parametrize(
    ("text", "restored", "hidden"),
    [
        ("Table 2 lists the nodes", "Tabla 2 lists the nodes", True),
        ("as Fig. 3 shows", "as Fig. 3 shows", True),
        # Only before what `only_before` matches, and only the whole word.
        ("the Table below", "the Table below", False),
        ("Tablet 2", "Tablet 2", False),
        ("Fig.3", "Fig.3", False),
    ],
)
def test_words_known_in_another_sense_become_placeholders_only_in_their_context(
    text: str, restored: str, hidden: bool
) -> None:
    segment = prepare(text, (NUMBERED,))
    assert restore(segment, segment.line) == restored
    assert bool(segment.protected) == hidden
