"""Write the extractor's names of months and weekdays (docrelay_extractor/calendar_names.json) from CLDR.

    uv run python scripts/build_calendar_names.py

Every language the extractor detects (docrelay_common.detection_languages), in full and abbreviated, as
dates and alone, case-folded. Babel (a development dependency) reads CLDR; the workers read the file
instead, because Babel's data of ~80 languages costs a process ~75 MB. A unit test checks the file
against Babel, so a new detected language or a new Babel tells to run this again.
"""

import json
from pathlib import Path

from babel import Locale, UnknownLocaleError

from docrelay_common.detection_languages import DETECTOR_LANGUAGES

OUT = Path(__file__).resolve().parent.parent / "services/extractor/docrelay_extractor/calendar_names.json"


def cldr_names() -> dict[str, list[str]]:
    names: dict[str, set[str]] = {"months": set(), "weekdays": set()}
    for language in sorted(DETECTOR_LANGUAGES):
        try:
            locale = Locale.parse(language)
        except UnknownLocaleError:
            continue
        for kind, calendar in (("months", locale.months), ("weekdays", locale.days)):
            for context in ("format", "stand-alone"):
                for width in ("wide", "abbreviated"):
                    names[kind].update(
                        name.casefold().rstrip(".") for name in calendar[context][width].values()
                    )
    return {kind: sorted(found) for kind, found in names.items()}


def main() -> None:
    OUT.write_text(json.dumps(cldr_names(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
