"""Liveness and readiness probes."""

import redis
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from docrelay_gateway.api.deps import JobStoreDep, SettingsDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is alive."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(settings: SettingsDep, jobs: JobStoreDep) -> JSONResponse:
    """Redis and the jobs database are reachable."""
    checks = {"redis": "ok", "database": "ok"}
    try:
        redis.Redis.from_url(settings.redis_url, socket_timeout=2, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        checks["redis"] = f"unreachable: {exc}"
    try:
        jobs.ping()
    except SQLAlchemyError as exc:
        checks["database"] = f"unreachable: {type(exc).__name__}"
    ready = all(value == "ok" for value in checks.values())
    return JSONResponse(status_code=200 if ready else 503, content={"ready": ready, "checks": checks})
