"""What the network engines share besides their HTTP client: checked answers, cached language lists."""

import time
from collections.abc import Callable
from typing import Generic, TypeVar

from docrelay_common.errors import ErrorCode, TransientError

T = TypeVar("T")

# Seconds a server's list of languages is trusted; a language installed later is picked up after this.
LANGUAGES_TTL = 300.0


def check_count(engine: str, texts: list[str], translations: list[str]) -> list[str]:
    """The translations, after checking the server answered one for each text."""
    if len(translations) != len(texts):
        message = f"{engine} answered {len(translations)} translations for {len(texts)} texts"
        raise TransientError(ErrorCode.ENGINE_ERROR, message)
    return translations


class Expiring(Generic[T]):
    """A value fetched on first use and again once it is `ttl` seconds old; a failed fetch is not kept."""

    def __init__(self, fetch: Callable[[], T], ttl: float = LANGUAGES_TTL) -> None:
        self._fetch = fetch
        self._ttl = ttl
        self._value: T | None = None
        self._expires = 0.0

    def get(self) -> T:
        if self._value is None or time.monotonic() >= self._expires:
            self._value = self._fetch()
            self._expires = time.monotonic() + self._ttl
        return self._value
