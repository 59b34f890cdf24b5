"""The translator's configuration, read once from `DOCRELAY_*` environment variables."""

from functools import cache
from pathlib import Path

from docrelay_common.settings import CommonSettings


class TranslatorSettings(CommonSettings):
    apertium_bin: str = "apertium"
    # Apertium's data directory; the installed language pairs are the `*.mode` files in its `modes/`.
    apertium_data_dir: Path = Path("/usr/share/apertium")
    # Seconds one batch may take; a batch of 30,000 characters normally takes under a second.
    apertium_timeout: float = 120.0


@cache
def translator_settings() -> TranslatorSettings:
    return TranslatorSettings()
