"""The extractor's OCR configuration, read once from `DOCRELAY_*` environment variables."""

from functools import cache

from pydantic import Field, PositiveFloat

from docrelay_common.settings import CommonSettings


class OcrSettings(CommonSettings):
    tesseract_bin: str = "tesseract"
    # Seconds one Tesseract run may take; a dense 300 dpi page takes 2-5 s on one core.
    ocr_page_timeout: PositiveFloat = 120.0
    # Pages to OCR per page range: ~3 s each, so that ranges spread over the replicas and stay far
    # inside the extract stage's time limit. Digital pages still come `pages_per_part` to a range.
    ocr_pages_per_part: int = Field(default=4, ge=1)


@cache
def ocr_settings() -> OcrSettings:
    return OcrSettings()
