"""The words of a block set in another weight or slant than its style, or underlined: a term in italics,
"Form 1040" in bold inside a regular sentence, a link (`TextBlock.emphasis`).

The block's text is its lines' text cleaned and joined (hyphens dropped, ligatures opened, formulas as
tokens), so its characters are matched to the lines' glyphs as two sequences, a line at a time, and
each word takes the face its matched letters share.
"""

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from docrelay_common.document import Emphasis, TextStyle, is_formula_token
from docrelay_common.emphasis import Face, joined_runs
from docrelay_extractor.lines import TextLine
from docrelay_extractor.rtl import has_rtl
from docrelay_extractor.style import is_monospace

_WORD = re.compile(r"\S+")
# Characters of the text a line's glyphs may be looked for beyond their own count: the formula tokens,
# opened ligatures and joined hyphens between a line and the block's text.
LINE_SLACK = 24


def block_emphasis(
    lines: Sequence[TextLine], text: str, style: TextStyle, code: Sequence[str]
) -> list[Emphasis]:
    """Runs of words in one face other than the style's, by offsets into `text`. None in a monospaced
    block (code, or typewritten prose) or in right-to-left text; a word holding a formula or kept as
    code (`code`) is never one."""
    own = Face(style.bold, style.italic)
    if is_monospace(style.font) or all(not line.faces and _line_face(line) == own for line in lines):
        return []
    if any(has_rtl(line.text) for line in lines):
        return []
    letters = [(index, char) for index, char in enumerate(text) if not char.isspace()]
    faces: dict[int, Face | None] = {}
    # Line by line, each matched to the stretch of the text where it goes on: matching the whole block
    # at once takes time that grows with the square of its length (2 s for a 9,000-character paragraph).
    cursor = 0
    for line in lines:
        glyphs = [(char, face) for char, face in _glyph_faces(line) if not char.isspace()]
        window = letters[cursor : cursor + len(glyphs) + LINE_SLACK]
        matcher = SequenceMatcher(
            None, "".join(char for char, _ in glyphs), "".join(char for _, char in window), autojunk=False
        )
        for tag, glyph_start, glyph_end, letter_start, letter_end in matcher.get_opcodes():
            if tag == "equal" or (tag == "replace" and glyph_end - glyph_start == letter_end - letter_start):
                for offset in range(letter_end - letter_start):
                    faces[window[letter_start + offset][0]] = glyphs[glyph_start + offset][1]
        matched = [block.b + block.size for block in matcher.get_matching_blocks() if block.size]
        cursor += max(matched, default=0)
    spans = []
    for word in _WORD.finditer(text):
        face = _word_face(word, faces, code)
        if face is not None and face != own:
            spans.append((word.start(), word.end(), face))
    return joined_runs(text, spans)


def _line_face(line: TextLine) -> Face | None:
    return None if is_monospace(line.style.font) else Face(line.style.bold, line.style.italic)


def _glyph_faces(line: TextLine) -> list[tuple[str, Face | None]]:
    """The line's characters with their faces: its glyphs' when it mixes faces, else its style's."""
    if not line.faces:
        face = _line_face(line)
        return [(char, face) for char in line.text]
    return [(char, face) for text, face in line.faces for char in text]


def _word_face(word: re.Match[str], faces: dict[int, Face | None], code: Sequence[str]) -> Face | None:
    """The face all the word's matched letters and digits share; None when they differ, when none was
    matched, or when the word is code or holds a formula."""
    if any(is_formula_token(char) for char in word.group()) or word.group().strip(".,;:!?()[]\"'") in code:
        return None
    found = {
        faces[word.start() + offset]
        for offset, char in enumerate(word.group())
        if char.isalnum() and word.start() + offset in faces
    }
    return found.pop() if len(found) == 1 else None
