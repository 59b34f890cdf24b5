"""The engines resource: what the running translator workers can translate, from their Redis catalog."""

import redis
from fastapi import APIRouter
from pydantic import BaseModel

from docrelay_common.engine_catalog import EngineInfo, read_catalog
from docrelay_common.errors import ErrorCode
from docrelay_gateway.api.deps import CatalogRedisDep
from docrelay_gateway.errors import ApiError

router = APIRouter(prefix="/v1/engines", tags=["engines"])


class EnginesView(BaseModel):
    engines: list[EngineInfo]
    # The first available engine in the translators' order of preference; test engines never are.
    default: str | None


@router.get("", response_model=EnginesView)
def list_engines(client: CatalogRedisDep) -> EnginesView:
    """Every engine the translators know, whether it is installed, and the language pairs it has."""
    try:
        engines = read_catalog(client)
    except redis.RedisError:
        raise ApiError(503, ErrorCode.UNAVAILABLE, "the engine catalog in Redis is unreachable") from None
    if not engines:
        raise ApiError(503, ErrorCode.UNAVAILABLE, "no translator worker is running; start one and try again")
    default = next((e.name for e in engines if e.available and e.kind != "test"), None)
    return EnginesView(engines=engines, default=default)
