"""Days named with their month ("Wednesday 3 April", "mercredi 3 avril", "Monday, April 1"), told by the
names of months and weekdays in every language the extractor detects, from CLDR (calendar_names.json,
written by scripts/build_calendar_names.py).

A table may set such days one under the other, each a row of its own (a timesheet's day with its hours
left empty). Their shape alone says too little: "Model 3 Standard", "Chapter 3 Results" and "3 Bedrooms"
are words beside a number too, and are wrapped lines of one cell where they stand one under another.
"""

import json
import re
from functools import cache
from importlib.resources import files

# Weekday first or not, the day before its month ("3 April", "3rd of April", "1er avril", "3 de abril",
# "3. April") or after it ("April 3"), and the year or not.
_DAY_THEN_MONTH = re.compile(
    r"(?:(?P<weekday>[^\W\d_]+)\.?,?\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?"
    r"(?P<month>[^\W\d_]+)\.?(?:,?\s+\d{4})?"
)
_MONTH_THEN_DAY = re.compile(
    r"(?:(?P<weekday>[^\W\d_]+)\.?,?\s+)?(?P<month>[^\W\d_]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+\d{4})?"
)
LAST_DAY_OF_A_MONTH = 31
# Weekdays abbreviated to two letters are little words of other languages: Danish's "to" (Thursday) begins
# "to 31 Mar 2024", the end of a range under its start, and Dutch's "do" or "di" as much.
MIN_WEEKDAY_LETTERS = 3


def is_named_day(text: str) -> bool:
    """Is the text a day of a month named in words, with or without its weekday and year?"""
    text = text.strip()
    names = calendar_names()
    for shape in (_DAY_THEN_MONTH, _MONTH_THEN_DAY):
        found = shape.fullmatch(text)
        if found is None or not 1 <= int(found["day"]) <= LAST_DAY_OF_A_MONTH:
            continue
        weekday = found["weekday"]
        if found["month"].casefold() in names["months"] and (
            weekday is None
            or (len(weekday) >= MIN_WEEKDAY_LETTERS and weekday.casefold() in names["weekdays"])
        ):
            return True
    return False


def weekday_names() -> frozenset[str]:
    """Every detected language's weekdays, in full and abbreviated, case-folded."""
    return calendar_names()["weekdays"]


@cache
def calendar_names() -> dict[str, frozenset[str]]:
    """Every detected language's "months" and "weekdays", in full and abbreviated, as dates and alone,
    case-folded."""
    names = json.loads(files(__package__).joinpath("calendar_names.json").read_text(encoding="utf-8"))
    return {kind: frozenset(found) for kind, found in names.items()}
