"""Words in another weight or slant, or underlined, carried through the stages that rewrite a block's text.

A block's emphasis (`TextBlock.emphasis`) is a list of runs by offsets into its text, which every
rewrite would break. So a stage that rewrites text (translation, tone, the reconstructor's cuts between
the blocks of a sentence) works on the text *marked*: each word of a run between an opening mark of its
style and a closing mark, as HTML's `<b>word</b>`, in characters of Supplementary Private Use Area-B
that no PDF maps its glyphs to and no engine translates. Marks are put around each word, not around the
run, so that they move with their words: Apertium reorders words with the styles bound to them ("the
<b>red</b> car" -> "el coche <b>rojo</b>"), and a line may break between any two of them. After the
rewrite, `unmarked` gives the text and its runs back.
"""

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from docrelay_common.document import Emphasis
from docrelay_common.marks import CLOSE, MARK_CLASS, OPENING_CLASS, code_of, opening_of


class Face(NamedTuple):
    """How a word is set: its weight, its slant, and whether the source draws a line under it."""

    bold: bool
    italic: bool
    underline: bool = False


_WORD = re.compile(r"\S+")
MARK = re.compile(MARK_CLASS)
# A marked word as `marked` writes it: an opening mark, the word (no mark, no white space), the closing
# mark. A mark left without its pair (a protected span took the other) is part of no marked word.
MARKED_WORD = re.compile(rf"({OPENING_CLASS})((?:(?!{MARK_CLASS})\S)*){CLOSE}")


def opening(face: Face) -> str:
    return opening_of(4 * face.underline + 2 * face.bold + face.italic)


def face_of_code(code: int) -> Face:
    return Face(bool(code & 2), bool(code & 1), bool(code & 4))


def face_of_run(run: Emphasis) -> Face:
    return Face(run.bold, run.italic, run.underline)


def _face_of(mark: str) -> Face | None:
    """The face a mark opens; None for the closing mark."""
    return None if mark == CLOSE else face_of_code(code_of(mark))


def marked(text: str, emphasis: Sequence[Emphasis]) -> str:
    """`text` with each word of each run between its face's opening mark and the closing mark. Runs that
    overlap one before them or reach past the text are left out."""
    parts, at = [], 0
    for run in sorted(emphasis, key=lambda run: run.start):
        if run.start < at or run.end > len(text) or run.end <= run.start:
            continue
        mark = opening(face_of_run(run))
        parts += [
            text[at : run.start],
            _WORD.sub(rf"{mark}\g<0>{CLOSE}", text[run.start : run.end]),
        ]
        at = run.end
    return "".join([*parts, text[at:]])


def unmarked(text: str) -> tuple[str, list[Emphasis]]:
    """The text without marks, and its runs: from each opening mark to the closing mark after it. A mark
    whose pair an engine lost is dropped, with no run; runs of one face that only white space parts
    become one."""
    pieces: list[str] = []
    spans: list[tuple[int, int, Face]] = []
    face: Face | None = None
    start = length = 0
    for piece in _pieces(text):
        if MARK.fullmatch(piece) is None:
            pieces.append(piece)
            length += len(piece)
            continue
        opened = _face_of(piece)
        if face is not None and opened is None:
            spans.append((start, length, face))
        face, start = opened, length
    plain = "".join(pieces)
    return plain, joined_runs(plain, spans)


def without_marks(text: str) -> str:
    return MARK.sub("", text)


def faced_parts(text: str) -> Iterator[tuple[Face | None, str]]:
    """The text in parts, each with the face its marks give it (None: the block's own), marks left out. A
    part opened and not closed (a line that breaks inside a run) keeps its face to the end; a closing mark
    without its opening one (the rest of that run, on the next line) ends nothing."""
    face: Face | None = None
    for piece in _pieces(text):
        if MARK.fullmatch(piece) is None:
            yield face, piece
        else:
            face = _face_of(piece)


def balanced(lines: Sequence[str]) -> list[str]:
    """Lines of a marked text broken inside a run (a word cut to fit), each closing what it opened and
    opening again what the line before left open, so each can be read alone."""
    result, face = [], None
    for line in lines:
        reopened = (opening(face) if face is not None else "") + line
        for mark in MARK.findall(line):
            face = _face_of(mark)
        result.append(reopened + (CLOSE if face is not None else ""))
    return result


def _pieces(text: str) -> list[str]:
    """The text cut before and after every mark: marks alone, the rest between them."""
    return [piece for piece in re.split(f"({MARK.pattern})", text) if piece]


def joined_runs(text: str, spans: Sequence[tuple[int, int, Face]]) -> list[Emphasis]:
    """The runs of `text` that spans (start, end, face) in order make: each without white space at its
    ends, those of one face that only white space parts joined."""
    runs: list[Emphasis] = []
    for start, end, face in spans:
        words = _WORD.findall(text, start, end)
        if not words:
            continue
        start = text.index(words[0], start)
        end = text.rindex(words[-1], start, end) + len(words[-1])
        last = runs[-1] if runs else None
        if last is not None and face_of_run(last) == face and not text[last.end : start].strip():
            runs[-1] = last.model_copy(update={"end": end})
        else:
            runs.append(
                Emphasis(start=start, end=end, bold=face.bold, italic=face.italic, underline=face.underline)
            )
    return runs
