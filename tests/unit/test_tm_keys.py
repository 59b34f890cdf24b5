"""Translation-memory keys: what a remembered translation depends on, and the normalised segment."""

import re

import pytest

from docrelay_translator.glossary import Glossary
from docrelay_translator.memory import KEY_PREFIX, MemoryScope, normalize_segment
from docrelay_translator.protect import Protector

SCOPE = MemoryScope(engine="apertium", source="en", target="es", tone="neutral")


def test_normalisation_collapses_whitespace_and_composes_characters() -> None:
    assert normalize_segment("  The\tlibrary \n is\u00a0open.  ") == "The library is open."
    decomposed = "Re\u0301sume\u0301 cafe\u0301"
    assert normalize_segment(decomposed) == "R\u00e9sum\u00e9 caf\u00e9"
    assert normalize_segment(decomposed) == normalize_segment("R\u00e9sum\u00e9  caf\u00e9")


def test_normalisation_keeps_case_punctuation_and_compatibility_characters() -> None:
    # NFC, not NFKC: a ligature or a superscript is the author's text, not a spelling variant.
    assert normalize_segment("The End.") != normalize_segment("the end")
    assert normalize_segment("x\u00b2 \ufb01le") == "x\u00b2 \ufb01le"


def test_key_is_bounded_and_readable_by_engine_and_pair() -> None:
    long_segment = "word " * 10_000
    key = SCOPE.key(long_segment)
    assert len(key) == len(SCOPE.key("short"))
    assert re.fullmatch(rf"{KEY_PREFIX}:apertium:en:es:neutral:[0-9a-f]{{64}}", key)


def test_same_segment_same_key_across_calls() -> None:
    assert SCOPE.key("The library is open.") == MemoryScope("apertium", "en", "es", "neutral").key(
        "The library is open."
    )


@pytest.mark.parametrize(
    "other",
    [
        MemoryScope("pseudo", "en", "es", "neutral"),
        MemoryScope("apertium", "es", "es", "neutral"),
        MemoryScope("apertium", "en", "ca", "neutral"),
        MemoryScope("apertium", "en", "es", "formal"),
    ],
)
def test_engine_pair_and_tone_are_part_of_the_key(other: MemoryScope) -> None:
    assert other.key("The library is open.") != SCOPE.key("The library is open.")


def test_glossary_terms_applied_to_a_segment_are_part_of_its_key() -> None:
    text = "The library is open."
    plain = Protector().protect(text)
    with_term = Protector(Glossary({"library": "mediateca"})).protect(text)
    other_term = Protector(Glossary({"library": "biblioteca"})).protect(text)
    keys = {SCOPE.key(text, protected.spans) for protected in (plain, with_term, other_term)}
    assert len(keys) == 3


def test_a_glossary_that_does_not_touch_a_segment_leaves_its_key_alone() -> None:
    text = "The museum is open."
    protected = Protector(Glossary({"library": "mediateca"})).protect(text)
    assert SCOPE.key(text, protected.spans) == SCOPE.key(text, Protector().protect(text).spans)


def test_segment_and_spans_cannot_be_confused_by_concatenation() -> None:
    assert SCOPE.key("a b", ["c"]) != SCOPE.key("a", ["b c"])
    assert SCOPE.key("a", ["b", "c"]) != SCOPE.key("a", ["b c"])
