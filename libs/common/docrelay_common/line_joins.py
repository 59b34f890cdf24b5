"""Lines of text joined into one: the lines of a paragraph (the extractor), and the parts of a sentence
that runs on into the next column or page (the translator), joined the same way."""

import re
from collections.abc import Iterable

from docrelay_common.marks import MARK_CLASS, unmarked_end, unmarked_start

# A letter, then a hyphen (ASCII, soft or Unicode) closing the line: the word may go on below. Emphasis
# marks (a translated part of a sentence being rewritten, marks) may stand around the hyphen.
LINE_END_HYPHEN = re.compile(rf"\w{MARK_CLASS}*(?P<hyphen>[-\u00ad\u2010]){MARK_CLASS}*$")
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
    hyphen = LINE_END_HYPHEN.search(left)
    if hyphen is not None:
        # "Ex-" + "isting" is one word; "non-" + "English" and "COVID-" + "19" keep their hyphen.
        if unmarked_start(right)[:1].islower() or hyphen.group("hyphen") == "\u00ad":
            return left[: hyphen.start("hyphen")] + left[hyphen.end("hyphen") :] + right
        return left + right
    return spaced(left, right)


def spaced(left: str, right: str) -> str:
    """Two runs of words put together: a space between them, but beside a CJK character."""
    if CJK.match(unmarked_end(left)[-1:] or " ") or CJK.match(unmarked_start(right)[:1] or " "):
        return left + right
    return f"{left} {right}"
