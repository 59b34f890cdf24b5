"""The detector's candidate languages, from the engine catalog the translators publish in Redis.

Read at most once a minute per process. While no translator has published (or Redis cannot be read)
every language lingua knows is a candidate, so that a document is still named for what it is.
"""

import logging
import time
from functools import cache

import redis

from docrelay_common.detection_languages import detection_candidates
from docrelay_common.engine_catalog import live_entries
from docrelay_common.language_catalog import translatable_sources
from docrelay_common.redis_client import connect_redis
from docrelay_extractor.settings import extractor_settings

logger = logging.getLogger(__name__)

REFRESH_SECONDS = 60.0


class Candidates:
    """The candidates, read again once they are older than REFRESH_SECONDS."""

    def __init__(self) -> None:
        self.read_at = -REFRESH_SECONDS
        self.languages = frozenset[str]()

    def current(self) -> frozenset[str]:
        if time.monotonic() - self.read_at >= REFRESH_SECONDS:
            self.languages, self.read_at = _read_candidates(), time.monotonic()
        return self.languages

    def forget(self) -> None:
        """Read the catalog again at the next call (after a change of configuration)."""
        self.read_at = -REFRESH_SECONDS
        _catalog_redis.cache_clear()


CANDIDATES = Candidates()


def current_candidates() -> frozenset[str]:
    return CANDIDATES.current()


def _read_candidates() -> frozenset[str]:
    try:
        sources = translatable_sources(live_entries(_catalog_redis()))
    except redis.RedisError as exc:
        logger.warning("cannot read the engine catalog, detecting among all languages: %s", exc)
        sources = set()
    return detection_candidates(sources)


@cache
def _catalog_redis() -> redis.Redis:
    return connect_redis(extractor_settings().redis_url, attempts=2)
