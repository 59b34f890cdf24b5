"""Pseudo-localization (en-XA, ar-XB): the i18n testing technique, not a translation."""

import re

from docrelay_common.languages import PSEUDO_LOCALES
from docrelay_translator.engines.pseudo import (
    ACCENTED_LETTERS,
    ACCENTS,
    ASCII_LETTERS,
    EXPANSION,
    PseudoEngine,
    pseudo_accented,
    pseudo_bidi,
)

SENTENCES = [
    "This is a test.",
    "Hi",
    "The quick brown fox jumps over the lazy dog 42 times in 2024.",
    "Résumé of the naïve café owner",
]


def body(pseudo: str) -> str:
    """The accented text between the brackets, without the padding words."""
    assert pseudo.startswith("[") and pseudo.endswith("]")
    return re.sub(r"( (one|two|three|four|five|six|seven|eight|nine|ten))+$", "", pseudo[1:-1])


def test_letter_map_is_a_one_to_one_map_of_ascii_letters_to_non_ascii_look_alikes() -> None:
    assert set(ASCII_LETTERS) == {chr(c) for c in range(ord("a"), ord("z") + 1)} | set(ASCII_LETTERS.upper())
    assert len(set(ACCENTED_LETTERS)) == len(ASCII_LETTERS) == len(ACCENTED_LETTERS)
    assert all(not letter.isascii() and letter.isalpha() for letter in ACCENTED_LETTERS)
    assert set(ACCENTS) == {ord(letter) for letter in ASCII_LETTERS}


def test_accented_text_maps_back_to_the_ascii_source_letter_by_letter() -> None:
    reverse = str.maketrans(ACCENTED_LETTERS, ASCII_LETTERS)
    for sentence in SENTENCES[:3]:
        assert body(pseudo_accented(sentence)).translate(reverse) == sentence


def test_only_ascii_letters_change() -> None:
    for sentence in SENTENCES:
        accented = body(pseudo_accented(sentence))
        assert len(accented) == len(sentence) and not re.search("[A-Za-z]", accented)
        for source, pseudo in zip(sentence, accented, strict=True):
            assert (pseudo != source) == (source in ASCII_LETTERS)


def test_pseudo_localization_is_deterministic_bracketed_and_expanded() -> None:
    for sentence in SENTENCES:
        pseudo = pseudo_accented(sentence)
        assert pseudo == pseudo_accented(sentence)
        assert pseudo[0] == "[" and pseudo[-1] == "]"
        assert len(pseudo) - 2 >= len(sentence) * (1 + EXPANSION)


def test_addresses_stay_readable() -> None:
    pseudo = pseudo_accented("Write to help@example.org or see https://example.org/docs today.")
    assert "help@example.org" in pseudo and "https://example.org/docs" in pseudo
    assert "ţöðåý" in pseudo


def test_bidi_pseudo_locale_forces_every_word_right_to_left() -> None:
    pseudo = pseudo_bidi("Hello  wide world")
    words = pseudo.split()
    assert len(words) == 3
    assert all(word.startswith("\u200f\u202e") and word.endswith("\u202c\u200f") for word in words)
    assert re.sub("[\u200f\u202e\u202c]", "", pseudo) == "Hello  wide world"


def test_engine_turns_any_language_into_the_pseudo_locales_only() -> None:
    engine = PseudoEngine()
    assert engine.is_available()
    assert {target for _, target in engine.language_pairs()} == PSEUDO_LOCALES
    assert engine.supports("fr", "en-XA") and engine.supports("ja", "ar-XB")
    assert not engine.supports("en", "es")
    assert engine.translate_batch(["One", "Two"], "en", "en-XA") == [
        pseudo_accented("One"),
        pseudo_accented("Two"),
    ]
