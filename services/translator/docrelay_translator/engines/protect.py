"""Tokens no engine should translate: addresses, paths, identifiers, numbers with letters attached,
product and order codes, a state's or province's code before its postcode, and a list item's letter.

Apertium translates the words inside them ("~/file.txt" -> "~/Lima.txt", "10am" -> "10soy",
"SO-60712" -> "TAN-60712", "Portland, OR 97210" -> "Portland, O 97210", "(a)" -> "(un)"), and
pseudo-localization should show them unchanged, as a real translation would.
"""

import re

# Emphasis marks (docrelay_common.marks) around an address are not part of it.
_URL = r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"\U0010ff00-\U0010ff0f]*[^\s<>\".,;:!?)\]}'\u2019\U0010ff00-\U0010ff0f]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# Absolute and home-relative paths, Windows paths, backslash-joined names.
_PATH = r"(?<![\w/])(?:~|\.{1,2})?/[\w.~/-]*\w|\b[A-Za-z]:\\[\w.\\-]*[\w\\]|\w+(?:\\\w+)+"
# snake_case, dotted lower-case names (file.txt, os.path.join(), example.com); not "e.g." or "i.e.".
_IDENTIFIER = r"\w*_\w+|(?-i:\b[a-z_]\w*(?:\.[a-z_]\w+)+)(?:\(\))?"
# "3a", "10am", "2x"; English ordinals ("5th") are left to the engine, which translates them.
_NUMBER_WITH_LETTERS = r"\b(?!\d+(?:st|nd|rd|th)\b)\d+(?:[.,]\d+)*[^\W\d_]\w*"

# Capitals and digits joined by hyphens or slashes, a capital and a digit among them and no part a word
# of four letters or more: "VX-PSU-600-EU", "SO-60712", "W-2", "A4/B"; not "PHASE-2" or "COVID-19" in a
# heading (words the engine translates) nor capitals alone ("STATE-OF-THE-ART").
_CODE_PART = r"(?:[A-Z]{0,3}\d[A-Z\d]*|[A-Z]{1,3})"
_CODE = rf"(?-i:\b(?=[A-Z\d/-]*\d)(?=[A-Z\d/-]*[A-Z]){_CODE_PART}(?:[-/]{_CODE_PART})+\b)"
# A US state's or Canadian province's code before a ZIP code or a postcode: "OR 97210", "ON M5V 2T6".
STATE_CODES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
    "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR AB BC MB NB NL NS NT NU ON PE QC SK YT"
)
_REGION = (
    rf"(?-i:\b(?:{'|'.join(STATE_CODES.split())})(?=\s+(?:\d{{5}}(?:-\d{{4}})?|[A-Z]\d[A-Z]\s?\d[A-Z]\d)\b))"
)
# A list item's letter or Roman numeral in brackets: "(a)", "(iv)", "(B)"; not "file(s)".
_ITEM_LETTER = r"(?<!\w)\((?:[a-z]|[ivx]{1,5})\)"

TECHNICAL_TOKEN = re.compile(
    "|".join((_URL, _EMAIL, _PATH, _IDENTIFIER, _NUMBER_WITH_LETTERS, _CODE, _REGION, _ITEM_LETTER)),
    re.IGNORECASE,
)
