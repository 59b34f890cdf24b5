"""The extractor's configuration, read once from `DOCRELAY_*` environment variables."""

from functools import cache
from pathlib import Path

from docrelay_common.settings import CommonSettings


class ExtractorSettings(CommonSettings):
    # The language of a document whose language is not detected; empty: such a job fails with
    # language_undetected and asks for source_lang.
    default_source_lang: str = ""
    # A word list, one word a line (Debian's wamerican): a very short Latin-script text all of whose
    # words are in it is taken for English. Missing file: the rule is off.
    english_words: Path = Path("/usr/share/dict/american-english")


@cache
def extractor_settings() -> ExtractorSettings:
    return ExtractorSettings()
