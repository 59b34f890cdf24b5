"""Builds the FastAPI application; routes live in api/routes."""

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

from docrelay_common.logs import configure_logging
from docrelay_common.long_lived import freeze_long_lived_objects
from docrelay_common.telemetry import observe_publishing
from docrelay_gateway.api.routes import admin, engines, health, job_events, jobs, languages, pages
from docrelay_gateway.api.routes.web import serve_web_page
from docrelay_gateway.config import gateway_settings
from docrelay_gateway.errors import install_error_handlers
from docrelay_gateway.metrics import NOT_MEASURED, expose_metrics
from docrelay_gateway.threads import use_few_request_threads
from docrelay_gateway.upload_limit import UploadLimitMiddleware


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    use_few_request_threads()
    freeze_long_lived_objects()
    yield
    # An application started inside a longer-lived process (a test's) leaves it as it found it.
    gc.unfreeze()


def create_app() -> FastAPI:
    settings = gateway_settings()
    configure_logging(settings.log_level, settings.log_format)
    app = FastAPI(
        title="docrelay",
        version="0.1.0",
        summary="Translate PDFs and keep their layout",
        lifespan=lifespan,
    )
    app.add_middleware(UploadLimitMiddleware, max_bytes=settings.max_upload_bytes)
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(jobs.router)
    app.include_router(job_events.router)
    app.include_router(admin.router)
    app.include_router(engines.router)
    app.include_router(languages.router)
    app.include_router(pages.router)
    serve_web_page(app)
    expose_metrics(app)
    if observe_publishing("docrelay-gateway"):
        FastAPIInstrumentor.instrument_app(
            app, excluded_urls=",".join(NOT_MEASURED), exclude_spans=["receive", "send"]
        )
    return app


app = create_app()
