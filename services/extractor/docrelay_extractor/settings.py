"""The extractor's configuration, read once from `DOCRELAY_*` environment variables."""

from functools import cache
from pathlib import Path

from pydantic import Field, PositiveFloat

from docrelay_common.settings import CommonSettings


class ExtractorSettings(CommonSettings):
    # The language of a document whose language is not detected; empty: such a job fails with
    # language_undetected and asks for source_lang.
    default_source_lang: str = ""
    # A word list, one word a line (Debian's wamerican): a very short Latin-script text all of whose
    # words are in it is taken for English, and its names tell people in a table's column under a role
    # (data_cells). Missing file: those rules are off.
    english_words: Path = Path("/usr/share/dict/american-english")

    # OCR of scanned pages (Tesseract's command line).
    tesseract_bin: str = "tesseract"
    # Seconds one Tesseract run may take; a dense 300 dpi page takes 2-5 s on one core.
    ocr_page_timeout: PositiveFloat = 120.0
    # Pages to OCR per page range: ~3 s each, so that ranges spread over the replicas and stay far
    # inside the extract stage's time limit. Digital pages still come `pages_per_part` to a range.
    ocr_pages_per_part: int = Field(default=4, ge=1)


@cache
def extractor_settings() -> ExtractorSettings:
    return ExtractorSettings()
