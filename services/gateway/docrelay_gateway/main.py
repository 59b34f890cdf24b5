"""Builds the FastAPI application; routes live in api/routes."""

from fastapi import FastAPI

from docrelay_common.logs import configure_logging
from docrelay_gateway.api.routes import health, jobs
from docrelay_gateway.config import gateway_settings
from docrelay_gateway.errors import install_error_handlers
from docrelay_gateway.upload_limit import UploadLimitMiddleware


def create_app() -> FastAPI:
    settings = gateway_settings()
    configure_logging(settings.log_level)
    app = FastAPI(title="docrelay", version="0.1.0", summary="Translate PDFs and keep their layout")
    app.add_middleware(UploadLimitMiddleware, max_bytes=settings.max_upload_bytes)
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(jobs.router)
    return app


app = create_app()
