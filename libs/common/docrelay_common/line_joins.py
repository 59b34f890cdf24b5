"""Lines of text joined into one: the lines of a paragraph (the extractor), and the parts of a sentence
that runs on into the next column or page (the translator), joined the same way."""

import re
from collections.abc import Iterable

# A letter, then a hyphen (ASCII, soft or Unicode) closing the line: the word may go on below.
LINE_END_HYPHEN = re.compile(r"\w[-\u00ad\u2010]$")
# Kana, CJK ideographs and punctuation, full-width forms: these scripts put no spaces between words.
CJK_CHARS = r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
CJK = re.compile(CJK_CHARS)


def join_lines(lines: Iterable[str]) -> str:
    """Join the lines of a paragraph, re-joining words hyphenated across a line end."""
    text = ""
    for line in filter(None, lines):
        text = _join(text, line) if text else line
    return text


def _join(left: str, right: str) -> str:
    if LINE_END_HYPHEN.search(left):
        # "Ex-" + "isting" is one word; "non-" + "English" and "COVID-" + "19" keep their hyphen.
        if right[0].islower() or left[-1] == "\u00ad":
            return left[:-1] + right
        return left + right
    return spaced(left, right)


def spaced(left: str, right: str) -> str:
    """Two runs of words put together: a space between them, but beside a CJK character."""
    if CJK.match(left[-1]) or CJK.match(right[0]):
        return left + right
    return f"{left} {right}"
