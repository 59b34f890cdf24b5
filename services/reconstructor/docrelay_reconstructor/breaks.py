# The punctuation below is full-width CJK punctuation on purpose; ruff's confusables check takes it for ASCII.
# ruff: noqa: RUF001
"""Where a line may break inside a word: Chinese and Japanese are written without spaces, so a line may end
after any of their characters, except before closing punctuation or small kana and after an opening
bracket (the kinsoku rules). Korean puts spaces between words and breaks only there.
"""

import re

from docrelay_common.marks import CLOSE, OPENINGS

# Kana and CJK ideographs, the extension planes included.
_BREAKABLE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_NO_BREAK_BEFORE = frozenset(
    ",.!?:;)]}、。，．・：；？！ー～」』）］｝〕〉》】〙〗〟’”｠»ゝゞヽヾ々"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
)
_NO_BREAK_AFTER = frozenset("([{「『（［｛〔〈《【〘〖〝‘“｟«")
# An emphasis mark stays with the character it marks (docrelay_common.emphasis): none is a line alone.
_NO_BREAK_BEFORE |= {CLOSE}
_NO_BREAK_AFTER |= OPENINGS


def segments(word: str) -> list[str]:
    """The word cut wherever a line may break inside it; the pieces join back without spaces."""
    pieces: list[str] = []
    for char in word:
        if pieces and not _may_break(pieces[-1][-1], char):
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def _may_break(before: str, after: str) -> bool:
    ideographic = _BREAKABLE.match(before) is not None or _BREAKABLE.match(after) is not None
    return ideographic and after not in _NO_BREAK_BEFORE and before not in _NO_BREAK_AFTER
