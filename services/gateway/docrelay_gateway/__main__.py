import uvicorn

from docrelay_gateway.config import gateway_settings

settings = gateway_settings()
uvicorn.run(
    "docrelay_gateway.main:app", host=settings.host, port=settings.port, log_level=settings.log_level.lower()
)
