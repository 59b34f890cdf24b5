"""The translation memory: translated segments kept in Redis and shared by every translator replica.

A key holds everything the translation depends on: the engine (for a pivot, the whole path, e.g.
"apertium:fr-es,apertium:es-en"), the language pair, the tone, the segment (whitespace collapsed,
NFC) and the spans it protects, glossary target terms included, so a translation made without a
glossary term is never reused with it. The segment part is a SHA-256 digest, so keys stay short
however long the segment; the readable prefix lets an operator drop one engine's entries
(`redis-cli --scan --pattern 'docrelay:tm:5:apertium*'`) after upgrading it.

The memory only speeds jobs up: when Redis cannot be reached the job is translated without it.
"""

import hashlib
import json
import logging
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, partial
from typing import TypeVar, cast

import redis

from docrelay_translator.settings import TranslatorSettings

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Bump when normalisation, protection or an engine's own handling change what a segment's translation is
# (2: Apertium's eng-spa is given "March" as a month, which it had translated "Marcha"; 3: and "Table 1"
# and "Figure 2" as a document's, which it had translated "Mesa 1" and "Cifra 2"; 4: and a letter's
# "Dear Mr", which it had translated "Señor querido"; 5: and "April", "August", a letter's closing, a
# request's "Please", a time's "am", a word in capitals alone, and "date", "address", "reference",
# "record", "file", "sheet" and "spring" in their documents' sense).
KEY_PREFIX = "docrelay:tm:5"
# Keys per MGET: one round trip per few hundred segments, and no request of unbounded size.
LOOKUP_CHUNK = 500
# A memory that does not answer quickly is treated as down: it must never hold a job up for long.
REDIS_TIMEOUT_SECONDS = 2.0


def normalize_segment(text: str) -> str:
    """The form a segment is translated and remembered in: NFC, whitespace runs as one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass(frozen=True)
class MemoryScope:
    """What the translations of one job depend on besides the segment itself."""

    # The engine of a direct pair, or the whole path of a pivot (`EngineRoute.memory_name`).
    engine: str
    source: str
    target: str
    tone: str

    def key(self, segment: str, spans: Sequence[str] = ()) -> str:
        digest = hashlib.sha256(json.dumps([segment, list(spans)]).encode()).hexdigest()
        return f"{KEY_PREFIX}:{self.engine}:{self.source}:{self.target}:{self.tone}:{digest}"


class TranslationMemory:
    """Translations by key in Redis; after the first Redis error it stays quiet for the rest of the job."""

    def __init__(self, client: redis.Redis, ttl_seconds: int) -> None:
        self.client: redis.Redis | None = client
        self.ttl_seconds = ttl_seconds

    def lookup(self, keys: Sequence[str]) -> dict[str, str]:
        """The remembered translation of every key found, one MGET per LOOKUP_CHUNK keys."""
        found: dict[str, str] = {}
        for start in range(0, len(keys), LOOKUP_CHUNK):
            chunk = keys[start : start + LOOKUP_CHUNK]
            values = self._call(partial(_get_many, keys=chunk)) or []
            found.update((key, value) for key, value in zip(chunk, values, strict=False) if value is not None)
        return found

    def remember(self, translations: dict[str, str]) -> None:
        """Store translations with the TTL, in one pipelined round trip."""
        if translations:
            self._call(partial(_set_many, translations=translations, ttl_seconds=self.ttl_seconds))

    def _call(self, operation: Callable[[redis.Redis], T]) -> T | None:
        if self.client is None:
            return None
        try:
            return operation(self.client)
        except redis.RedisError as exc:
            logger.warning("translation memory unavailable, translating without it: %s", exc)
            self.client = None
            return None


def _get_many(client: redis.Redis, keys: Sequence[str]) -> list[str | None]:
    # decode_responses=True: values come back as text.
    return cast(list[str | None], client.mget(keys))


def _set_many(client: redis.Redis, translations: dict[str, str], ttl_seconds: int) -> None:
    pipeline = client.pipeline(transaction=False)
    for key, translation in translations.items():
        pipeline.set(key, translation, ex=ttl_seconds)
    pipeline.execute()


@contextmanager
def open_memory(settings: TranslatorSettings) -> Iterator[TranslationMemory | None]:
    """The memory for one job, or None when it is disabled."""
    if not settings.translation_cache_enabled:
        yield None
        return
    client = _client(settings.translation_cache_url or settings.redis_url)
    yield TranslationMemory(client, settings.translation_cache_ttl * 86_400)


@cache
def _client(url: str) -> redis.Redis:
    """One client per process and URL: its connections serve every job, not one each.

    redis-py's pool notices a fork and opens new connections in the child.
    """
    return redis.Redis.from_url(
        url,
        decode_responses=True,
        socket_timeout=REDIS_TIMEOUT_SECONDS,
        socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
    )
