"""Emphasis marks (docrelay_common.emphasis) as XML tags, for engines that keep tags on their words.

DeepL translates XML (`tag_handling=xml`) and keeps each tag around the words it holds where the
translation moves them, as Apertium keeps its word-bound blanks. An emphasised word goes as
`<e2>word</e2>` (its face's code: 1 italic, 2 bold, 4 underlined, added up: 3 bold italic; 0 none), the
rest of the text escaped as XML; the answer comes back as marks and plain text.
"""

import re
from html import unescape
from xml.sax.saxutils import escape

from docrelay_common.emphasis import CLOSE, MARK, MARKED_WORD
from docrelay_common.marks import code_of, opening_of

_TAG = re.compile(r"<(/?)e([0-7])>")


def has_marks(text: str) -> bool:
    return MARK.search(text) is not None


def as_xml(text: str) -> str:
    """The text as XML: each marked word in a tag of its face, the rest escaped; a mark without its pair
    is left out."""
    parts, start = [], 0
    for word in MARKED_WORD.finditer(text):
        code = code_of(word.group(1))
        parts += [_escaped(text[start : word.start()]), f"<e{code}>{_escaped(word.group(2))}</e{code}>"]
        start = word.end()
    return "".join([*parts, _escaped(text[start:])])


def from_xml(text: str) -> str:
    """An engine's XML answer as text: tags of faces as marks, entities as characters."""

    def mark(tag: re.Match[str]) -> str:
        return CLOSE if tag.group(1) else opening_of(int(tag.group(2)))

    return unescape(_TAG.sub(mark, text))


def _escaped(text: str) -> str:
    return escape(MARK.sub("", text))
