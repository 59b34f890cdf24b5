"""Tokens no engine should translate: addresses, paths, identifiers and numbers with letters attached.

Apertium translates the words inside them ("~/file.txt" -> "~/Lima.txt", "10am" -> "10soy"),
and pseudo-localization should show them unchanged, as a real translation would.
"""

import re

_URL = r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]}'\u2019]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# Absolute and home-relative paths, Windows paths, backslash-joined names.
_PATH = r"(?<![\w/])(?:~|\.{1,2})?/[\w.~/-]*\w|\b[A-Za-z]:\\[\w.\\-]*[\w\\]|\w+(?:\\\w+)+"
# snake_case, dotted lower-case names (file.txt, os.path.join(), example.com); not "e.g." or "i.e.".
_IDENTIFIER = r"\w*_\w+|(?-i:\b[a-z_]\w*(?:\.[a-z_]\w+)+)(?:\(\))?"
# "3a", "10am", "2x"; English ordinals ("5th") are left to the engine, which translates them.
_NUMBER_WITH_LETTERS = r"\b(?!\d+(?:st|nd|rd|th)\b)\d+(?:[.,]\d+)*[^\W\d_]\w*"

TECHNICAL_TOKEN = re.compile(
    "|".join((_URL, _EMAIL, _PATH, _IDENTIFIER, _NUMBER_WITH_LETTERS)), re.IGNORECASE
)
