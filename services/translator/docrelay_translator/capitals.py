"""Text set in capitals goes to the engine in title case, and its translation comes back in capitals.

Engines read words in capitals as names or acronyms and leave them or mix them up: Apertium gives
"INSTRUCCIONES generales PARA FORMAS" for "GENERAL INSTRUCTIONS FOR FORMS", and "El COPYRIGHT de
MILENIO DIGITAL OBRA DE 1998" for "THE DIGITAL MILLENNIUM COPYRIGHT ACT OF 1998"; in title case it
reads "Instrucciones generales Para Formas" and "La Ley de Copyright de Milenio Digital De 1998", put in
capitals afterwards. Title case, not lower case, keeps names names ("MADE IN CHINA" is "Hecho En China",
not "porcelana"). A word of two letters that is no common English word stays in capitals, an acronym
("THE US GOVERNMENT" is "El Gobierno de EE.UU."; as "Us" it was "Nos"). Three letters are too many to
tell: "ACT" is a word, "WHO" an acronym, and both go in title case ("Quién"). A single word in capitals
may be an acronym too, and goes to the engine as it is; an engine that knows it as a word gives its
translation in title case ("TOTAL" as "Total", "INVOICE" as "Factura" beside "CANTIDAD" in a head row),
which is put in capitals (an acronym it leaves is in capitals already).
"""

import re

# Words (runs of letters) a text in capitals needs to be sent in title case.
MIN_WORDS = 2
# Words this short are acronyms ("US", "EU", "IT"), unless they are among FUNCTION_WORDS.
MAX_ACRONYM_LETTERS = 2
# fmt: off
FUNCTION_WORDS = frozenset({
    "A", "I", "AN", "OF", "TO", "IN", "ON", "AT", "BY", "OR", "AS", "IS", "BE", "IF", "SO", "NO", "MY",
    "WE", "HE", "ME", "DO", "UP",
})
# fmt: on
_WORD = re.compile(r"[^\W\d_]+")


def in_capitals(text: str) -> bool:
    """Are all the cased letters of at least MIN_WORDS words capitals?"""
    words = _cased_words(text)
    return len(words) >= MIN_WORDS and all(word.isupper() for word in words)


def one_word_in_capitals(text: str) -> bool:
    """Is the text's one cased word in capitals, and longer than an acronym of two letters?"""
    words = _cased_words(text)
    return len(words) == 1 and words[0].isupper() and len(words[0]) > MAX_ACRONYM_LETTERS


def _cased_words(text: str) -> list[str]:
    """The text's words in a script with case (not CJK's)."""
    return [word for word in _WORD.findall(text) if word.lower() != word.upper()]


def title_case(text: str) -> str:
    """The text's words capitalised ("Made In China"), acronyms left in capitals."""
    return _WORD.sub(_titled, text)


def _titled(match: re.Match[str]) -> str:
    word = match.group(0)
    if len(word) <= MAX_ACRONYM_LETTERS and word not in FUNCTION_WORDS:
        return word
    return word[:1] + word[1:].lower()
