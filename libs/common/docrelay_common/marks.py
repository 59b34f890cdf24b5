"""The characters that mark emphasised words in a text being rewritten (docrelay_common.emphasis).

Characters of Supplementary Private Use Area-B: no PDF maps its glyphs there and no engine translates
them. Defined apart from the emphasis module, which needs the document model, so that the joining of
lines and the cutting of sentences into words (which the model's module needs) can step over them.
"""

OPENING_BASE = 0x10FF00
# A face's code is 4 * underline + 2 * bold + italic (0 to 7); its opening mark is OPENING_BASE + code.
# One closing mark for all.
FACE_CODES = 8
OPENINGS = frozenset(chr(OPENING_BASE + code) for code in range(FACE_CODES))
CLOSE = chr(0x10FF0F)
# The marks as regular expression character classes: the opening ones, and all.
OPENING_CLASS = f"[{chr(OPENING_BASE)}-{chr(OPENING_BASE + FACE_CODES - 1)}]"
MARK_CLASS = f"[{chr(OPENING_BASE)}-{chr(OPENING_BASE + FACE_CODES - 1)}{CLOSE}]"


def opening_of(code: int) -> str:
    """The opening mark of the face whose code is `code`."""
    return chr(OPENING_BASE + code)


def code_of(opening: str) -> int:
    """The code of the face an opening mark opens."""
    return ord(opening) - OPENING_BASE


def unmarked_end(text: str) -> str:
    """The text without the marks at its end."""
    return text.rstrip("".join(OPENINGS) + CLOSE)


def unmarked_start(text: str) -> str:
    """The text without the marks at its start."""
    return text.lstrip("".join(OPENINGS) + CLOSE)
