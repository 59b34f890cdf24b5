"""Pseudo-localization: the i18n testing technique of Android's en-XA/ar-XB and Chromium's pseudo-locales.

It is not a translation. It shows, without a translator, whether every string reached the output,
whether the layout survives longer text and accented letters, and whether right-to-left text works:
en-XA accents ASCII letters, pads the text by about a third and brackets it ("[Ţĥîš îš one two]");
ar-XB wraps every word in right-to-left override marks.
"""

import itertools
import math
import re

from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.language_routes import ANY_LANGUAGE
from docrelay_translator.engines.protect import TECHNICAL_TOKEN

ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
ACCENTED_LETTERS = "åƀçðéƒĝĥîĵķļḿñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻḾÑÖÞǪŔŠŢÛṼŴẊÝŽ"
ACCENTS = str.maketrans(ASCII_LETTERS, ACCENTED_LETTERS)
# Translations run 30-40% longer than English; the padding makes layouts show whether they cope.
EXPANSION = 0.35
_PADDING_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_RLM, _RLO, _PDF = "\u200f", "\u202e", "\u202c"
_WORD = re.compile(r"\S+")


def accent(text: str) -> str:
    """Every ASCII letter as an accented look-alike; URLs, paths and the like stay readable."""
    parts, start = [], 0
    for token in TECHNICAL_TOKEN.finditer(text):
        parts += [text[start : token.start()].translate(ACCENTS), token.group()]
        start = token.end()
    return "".join([*parts, text[start:].translate(ACCENTS)])


def padding(length: int) -> str:
    """Counting words, at least EXPANSION x `length` characters of them."""
    words, text = itertools.cycle(_PADDING_WORDS), ""
    while len(text) < math.ceil(length * EXPANSION):
        text += f" {next(words)}"
    return text


def pseudo_accented(text: str) -> str:
    """The en-XA form of `text`."""
    return f"[{accent(text)}{padding(len(text))}]"


def pseudo_bidi(text: str) -> str:
    """The ar-XB form of `text`: each word forced right-to-left, as Android does."""
    return _WORD.sub(lambda word: f"{_RLM}{_RLO}{word.group()}{_PDF}{_RLM}", text)


_FORMS = {"en-XA": pseudo_accented, "ar-XB": pseudo_bidi}


class PseudoEngine:
    name = "pseudo"
    batch_chars = 100_000
    # Marks pass through as any other character, on their words.
    keeps_marks = True

    def is_available(self) -> bool:
        return True

    def language_pairs(self) -> list[tuple[str, str]]:
        return [(ANY_LANGUAGE, target) for target in _FORMS]

    def supports(self, source: str, target: str) -> bool:
        return target in _FORMS

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        form = _FORMS.get(target)
        if form is None:
            raise PermanentError(ErrorCode.UNSUPPORTED_LANGUAGE_PAIR, f"{target} is not a pseudo-locale")
        return [form(text) for text in texts]
