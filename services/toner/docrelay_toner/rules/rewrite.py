"""Whole-word phrase replacement that keeps the case of what it replaces."""

import re
from collections.abc import Callable, Mapping

Rewrite = Callable[[str], str]

_APOSTROPHES = "'\u2019"
_TYPOGRAPHIC_APOSTROPHE = "\u2019"


def phrase_rewrite(table: Mapping[str, str], *, before_word: bool = False) -> Rewrite:
    """Replace every phrase of `table` (whole words, any case, either apostrophe) by its value.

    With `before_word`, only where another word follows: "I know who you are." keeps "you are".
    """
    phrases = "|".join(_phrase_pattern(phrase) for phrase in sorted(table, key=len, reverse=True))
    follows = r"(?=\s+\w)" if before_word else ""
    word_edges = rf"(?<![\w{_APOSTROPHES}])(?:{phrases})(?![\w{_APOSTROPHES}])"
    pattern = re.compile(word_edges + follows, re.IGNORECASE)
    replacements = {_key(phrase): value for phrase, value in table.items()}

    def rewrite(text: str) -> str:
        apostrophe = _TYPOGRAPHIC_APOSTROPHE if _TYPOGRAPHIC_APOSTROPHE in text else "'"

        def replace(match: re.Match[str]) -> str:
            replacement = keep_case(match.group(), replacements[_key(match.group())])
            return replacement.replace("'", apostrophe)

        return pattern.sub(replace, text)

    return rewrite


def keep_case(original: str, replacement: str) -> str:
    """`replacement` in the case of `original`: "DON'T" -> "DO NOT", "Don't" -> "Do not"."""
    if original.isupper() and sum(char.isalpha() for char in original) > 1:
        return replacement.upper()
    if original[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def _phrase_pattern(phrase: str) -> str:
    words = (re.escape(word).replace("'", f"[{_APOSTROPHES}]") for word in phrase.split())
    return r"\s+".join(words)


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().replace(_TYPOGRAPHIC_APOSTROPHE, "'").split())
