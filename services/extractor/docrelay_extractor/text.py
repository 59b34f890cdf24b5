"""Turning the glyph strings pdfminer reports into the text a translator should see."""

import re
import unicodedata
from functools import lru_cache

from docrelay_common.document import is_formula_token
from docrelay_common.line_joins import CJK_CHARS

# pdfminer writes a glyph it cannot map to Unicode as "(cid:N)".
CID = re.compile(r"\(cid:\d+\)")
# The marks that open a list's items: bullets, squares, triangles (beamer's "▶", drawn from a math font)
# and "※", the reference mark, which leads a note in Japanese as a bullet does an item.
BULLETS = frozenset("•●◦·∙▪■□‣\u2043※▶►▸▷▹")
# Western and full-width sentence ends, possibly followed by closing quotes and brackets.
SENTENCE_END = re.compile(r"[.!?:;。\uff01\uff1f][\"'”\u2019»)\]]*$")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# pdfminer guesses word spaces from glyph distances, which puts spaces into widely set CJK text.
SPACE_BETWEEN_CJK = re.compile(rf"(?<={CJK_CHARS}) (?={CJK_CHARS})")
# Presentation forms stand for plain letters: ligatures ("ﬁ", Hebrew U+FB1D-FB4F) and Arabic contextual
# forms (U+FB50-FDFF, U+FE70-FEFF). Other compatibility characters (², full-width punctuation) are kept.
PRESENTATION_FORM = re.compile(r"[\ufb00-\ufdff\ufe70-\ufeff]")
# An e-mail or a web address: data, never a word to translate, and an item of its own on a line.
EMAIL_OR_URL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|(https?://|www\.)\S+", re.IGNORECASE)
# The spacing forms of Arabic vowel marks decompose to a space or tatweel plus the mark: keep the mark.
MARK_CARRIERS = " \u0640"
# Dot leaders closing a text: five or more dots (or underscores), spaced or not.
TRAILING_LEADER = re.compile(r"(?:(?P<unit> ?[.·_…]))(?P=unit){4,} ?$")
# A translation loses the glyphs nobody can read. Beyond this share of them the original says more than
# the translation could (a date whose digits are unreadable): it is kept as it is drawn.
MAX_UNREADABLE_SHARE = 0.25
# An item's or a form line's label alone: a letter ("a", which Apertium made "un"), a number and a letter
# ("9a", "77c"), a Roman numeral, bare or as "(b)", "c.", "iv)". Ordinals ("1st") are words, and so are
# Cyrillic letters alone ("в", "и"): only "в)" or "в." is a label.
_LETTER = r"[a-z]"
_NUMBERED = r"\d{1,3}[a-z]"
_ROMAN = r"(?=[ivxlc])x{0,3}(?:ix|iv|v?i{0,3})"  # i to xxxix, in either case
_CYRILLIC = r"[\u0430-\u044f\u0451]"
ITEM_LABEL = re.compile(rf"\(?(?:{_LETTER}|{_NUMBERED}|{_ROMAN})[.)]?|\(?{_CYRILLIC}[.)]", re.IGNORECASE)


def strip_cids(text: str) -> tuple[str, int]:
    """Remove unmapped-glyph markers; also return how many there were."""
    cleaned, count = CID.subn("", text)
    return cleaned, count


def clean_line(text: str) -> str:
    """Plain letters for presentation forms, NFC, whitespace collapsed, control characters dropped."""
    collapsed = " ".join(base_letters(text).split())
    return SPACE_BETWEEN_CJK.sub("", CONTROL.sub("", collapsed))


def base_letters(text: str) -> str:
    """Presentation forms ("ﬁ", "ﻻ", "ﺑ") replaced by the letters they show, then NFC."""
    plain = PRESENTATION_FORM.sub(lambda form: _plain_form(form.group()), text)
    return unicodedata.normalize("NFC", plain)


def _plain_form(form: str) -> str:
    decomposed = unicodedata.normalize("NFKC", form)
    return decomposed.lstrip(MARK_CARRIERS) or decomposed


def split_leader(text: str) -> tuple[str, str]:
    """The text without the dot leaders that close it, and their repeating unit (" ." or "."; "" if none)."""
    match = TRAILING_LEADER.search(text)
    if match is None or not text[: match.start()].strip():
        return text, ""
    return text[: match.start()].rstrip(), match.group("unit")


def closes_with_leader(text: str) -> bool:
    """Does the text close with dot leaders ("cbind . . . ." of an index's entry)?"""
    return split_leader(text)[1] != ""


def is_translatable(text: str, unmapped: int) -> bool:
    """False for text without letters (numbers, punctuation), an item's label alone, or text with too many
    glyphs we cannot read.

    `unmapped` counts the glyphs already left out of `text`: "(cid:N)" markers and misnamed fonts' glyphs.
    """
    if not any(unicodedata.category(char).startswith("L") for char in text) or ITEM_LABEL.fullmatch(text):
        return False
    glyphs = len(text.replace(" ", "")) + unmapped
    unreadable = unmapped + sum(
        1
        for char in text
        if char == "\ufffd" or (unicodedata.category(char) == "Co" and not is_formula_token(char))
    )
    return unreadable <= MAX_UNREADABLE_SHARE * glyphs


@lru_cache(maxsize=4096)
def is_latin(letter: str) -> bool:
    """Is the letter one of the Latin script's (its Unicode name says so)?"""
    return unicodedata.name(letter, "").startswith("LATIN")


def ends_sentence(text: str) -> bool:
    """Does the text end a sentence (SENTENCE_END), trailing white space aside?"""
    return SENTENCE_END.search(text.rstrip()) is not None
