"""The languages resource: every source -> target the running translators reach, and what detection knows."""

import redis
from fastapi import APIRouter
from pydantic import BaseModel

from docrelay_common.detection_languages import detection_candidates
from docrelay_common.engine_catalog import live_entries
from docrelay_common.errors import ErrorCode
from docrelay_common.language_catalog import LanguageRoute, catalog_routes, translatable_sources
from docrelay_gateway.api.deps import CatalogRedisDep
from docrelay_gateway.errors import ApiError

router = APIRouter(prefix="/v1/languages", tags=["languages"])


class LanguagesView(BaseModel):
    # How many source -> target pairs `routes` lists.
    count: int
    # Each pair with its engine and hops: one hop for a direct pair, more through bridge languages.
    routes: list[LanguageRoute]
    # The languages the extractor's detection chooses among when a job names no source_lang.
    detectable: list[str]


@router.get("", response_model=LanguagesView)
def list_languages(client: CatalogRedisDep) -> LanguagesView:
    """What the translators can translate now, directly or through bridge languages."""
    try:
        entries = live_entries(client)
    except redis.RedisError:
        raise ApiError(503, ErrorCode.UNAVAILABLE, "the engine catalog in Redis is unreachable") from None
    if not entries:
        raise ApiError(503, ErrorCode.UNAVAILABLE, "no translator worker is running; start one and try again")
    routes = catalog_routes(entries)
    detectable = sorted(detection_candidates(translatable_sources(entries)))
    return LanguagesView(count=len(routes), routes=routes, detectable=detectable)
