"""Segments written in Apertium's stream format, and its output read back.

Apertium's own text formatter (`-f txt`) would escape the brackets that bind a style to a word, so the
engine runs unformatted (`-f none`) on text formatted here as `apertium-destxt` formats it, found by
running it: the characters the stream reserves escaped with a backslash, tildes as blanks, and each
paragraph closed by a full stop and the blanks `[][\\n\\n]` (the full stop ends its sentence for the
tagger; `apertium-retxt` drops it again). Here a paragraph closes with two full stops, a blank between
them, `.[ ].`: a segment ending in a word Apertium knows as an abbreviation ("14 Jan", "beats/min",
"Customer Ref No") took the one full stop for the abbreviation's own, so its sentence went on into the
next segment and transfer moved words across the two ("14 Jan" / "Delivery by" came back "14 Entrega" /
"de Ene. por"); the second ends the sentence whatever the first became.

An emphasised word (docrelay_common.emphasis) becomes a word-bound blank, `[[e2]]word[[/]]`, which
Apertium moves with its word when transfer reorders words ("the <b>red</b> car" -> "el coche
<b>rojo</b>").
"""

import re

from docrelay_common.emphasis import CLOSE, MARK, MARKED_WORD
from docrelay_common.marks import code_of, opening_of

_RESERVED = re.compile(r"([\\\[\]^$/@<>{}])")
# The pieces of Apertium's output: an escaped character, a word-bound blank's bracket ("[[e2]]" before its
# word, "[[/]]" after), a blank, or plain text.
_STREAM_PIECE = re.compile(
    r"\\(?P<escaped>.)|\[\[(?P<bound>[^\]]*)\]\]|\[(?P<blank>[^\]]*)\]|(?P<plain>[^\\\[]+|.)", re.DOTALL
)
# Tildes join the words of a multiword in the stream: as apertium-destxt does, a tilde and the white
# space around it travel as a blank ("y ~ x" is R's formula, not one word).
_TILDES = re.compile(r"\s*~[\s~]*")
_SENTENCE_END = ".[ ]."
_BLANKS = "[][\n\n]"
_PARAGRAPH_END = _SENTENCE_END + _BLANKS
# Where a word's letters and digits start and end inside its punctuation: "(Form)," -> "(", "Form", "),".
_CORE = re.compile(r"^(\W*)(.*?\w)(\W*)$", re.DOTALL)
_FACE_CODE = re.compile(r"e([0-7])")


def to_stream(lines: list[str]) -> bytes:
    """The lines as one stream, a paragraph each."""
    return "".join(_formatted(line) + _PARAGRAPH_END for line in lines).encode()


def from_stream(output: str) -> list[str]:
    """Apertium's output for a stream of `to_stream`: the lines back, styles as marks again."""
    paragraphs = output.split(_BLANKS)
    if paragraphs and not paragraphs[-1].strip():
        paragraphs.pop()
    return [_read(_without_sentence_end(paragraph)) for paragraph in paragraphs]


def _without_sentence_end(paragraph: str) -> str:
    """The paragraph without the `.[ ].` its segment was closed with (the first full stop gone where
    Apertium's translation of an abbreviation ends without one: "Jan." -> "Ene")."""
    return paragraph.removesuffix(".").removesuffix("[ ]").removesuffix(".")


def _formatted(line: str) -> str:
    parts, start = [], 0
    for word in MARKED_WORD.finditer(line):
        parts += [_escaped(line[start : word.start()]), _bound(word.group(1), word.group(2))]
        start = word.end()
    return "".join([*parts, _escaped(line[start:])])


def _bound(mark: str, word: str) -> str:
    """The word with its letters in a word-bound blank of its face; without one when it has no letter
    or digit (a protected span's placeholder)."""
    core = _CORE.match(word)
    if core is None:
        return _escaped(word)
    before, letters, after = core.groups()
    code = code_of(mark)
    return f"{_escaped(before)}[[e{code}]]{_escaped(letters)}[[/]]{_escaped(after)}"


def _escaped(text: str) -> str:
    escaped = _RESERVED.sub(r"\\\1", MARK.sub("", text))
    return _TILDES.sub(lambda tildes: f"[{tildes.group()}]", escaped)


def _read(paragraph: str) -> str:
    """A paragraph of output as text: word-bound blanks as marks around their words, other blanks as what
    they hold, escaped characters as themselves; read left to right in one pass, so that an escaped
    bracket ("\\[") is never taken for the start of a blank. A word Apertium cut into tokens comes with
    each token in the word's blank ("[[e2]]192.168[[/]][[e2]].[[/]][[e2]]1.1[[/]]"): it is one marked word
    again, so that the number check sees it whole."""
    parts: list[str] = []
    for piece in _STREAM_PIECE.finditer(paragraph):
        escaped, bound, blank, plain = piece.group("escaped", "bound", "blank", "plain")
        if escaped is not None:
            parts.append(escaped)
        elif bound is not None:
            parts.append(_mark_of(bound))
        elif blank is not None:
            parts.append(blank)
        else:
            parts.append(plain)
    return _rejoined("".join(parts))


def _rejoined(text: str) -> str:
    """The text without a closing mark and the same opening mark straight after it."""
    parts: list[str] = []
    opened = ""
    for piece in filter(None, re.split(f"({MARK.pattern})", text)):
        if piece != CLOSE and MARK.fullmatch(piece):
            if parts and parts[-1] == CLOSE and piece == opened:
                parts.pop()
                continue
            opened = piece
        parts.append(piece)
    return "".join(parts)


def _mark_of(content: str) -> str:
    """The mark a word-bound blank stands for: the closing one for "/", else the opening one of the first
    face it names (where Apertium merged words, their contents are joined by "; "); none for others."""
    if content == "/":
        return CLOSE
    face = _FACE_CODE.search(content)
    if face is None:
        return ""
    return opening_of(int(face.group(1)))
