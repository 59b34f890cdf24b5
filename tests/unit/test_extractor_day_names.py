"""Days named with their month, in any language the extractor detects, told from words beside a number."""

import json
import runpy
from pathlib import Path

import pytest

from docrelay_extractor.day_names import is_named_day

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "text",
    [
        "Monday 1 April",
        "Tue, 2nd April",
        "Monday, April 1",
        "Monday, 1 April 2024",
        "31 March",
        "April 1",
        "lundi 1er avril",
        "mercredi 3 avril",
        "1 de abril",
        "3. April",
        "понедельник 1 апреля",
        "Pazartesi 1 Nisan",
    ],
)
def test_a_day_with_its_month_named_is_a_named_day(text: str) -> None:
    assert is_named_day(text)


@pytest.mark.parametrize(
    "text",
    [
        # Words beside a number: shaped as days, none names a month or a weekday.
        "Model 3 Standard",
        "Chapter 3 Results",
        "3 Bedrooms",
        "Toy Story 3",
        "Room 12",
        # A weekday that is none, a day that is none.
        "Meeting 1 April",
        "Monday 32 April",
        "Monday 0 April",
        "Monday 1 April at noon",
        # Danish's Thursday, abbreviated, is the "to" of a range's end.
        "to 31 Mar 2024",
    ],
)
def test_words_beside_a_number_are_no_named_day(text: str) -> None:
    assert not is_named_day(text)


def test_the_names_are_those_cldr_gives_every_detected_language() -> None:
    # The file is written by scripts/build_calendar_names.py: run it again when this fails.
    built = runpy.run_path(str(ROOT / "scripts/build_calendar_names.py"))["cldr_names"]()
    kept = json.loads((ROOT / "services/extractor/docrelay_extractor/calendar_names.json").read_text("utf-8"))

    assert kept == built
    assert {"april", "avril", "abril", "апреля"} <= set(kept["months"])
    assert {"monday", "tue", "lundi", "понедельник"} <= set(kept["weekdays"])
