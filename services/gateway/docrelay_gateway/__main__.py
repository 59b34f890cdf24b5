import uvicorn

from docrelay_gateway.config import gateway_settings

settings = gateway_settings()
# log_config=None: uvicorn's own loggers go through docrelay's logging setup (JSON when configured).
uvicorn.run(
    "docrelay_gateway.main:app",
    host=settings.host,
    port=settings.port,
    log_level=settings.log_level.lower(),
    log_config=None,
)
