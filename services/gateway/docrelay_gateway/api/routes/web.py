"""The web page for people, at `/`: plain HTML, CSS and JavaScript shipped inside this package."""

import os
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

PAGE_DIR = Path(__file__).resolve().parents[2] / "web"

# Everything the page loads comes from this origin: its own files, the API, and blob: URLs of the
# page images and downloads it fetched with the API key.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
        "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # Revalidated on each load (ETag), so an upgraded gateway serves its own page at once.
    "Cache-Control": "no-cache",
}

router = APIRouter(include_in_schema=False)


class PageFiles(StaticFiles):
    """The page's files, with the same security headers as the page."""

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers.update(SECURITY_HEADERS)
        return response


@router.get("/")
def web_page() -> FileResponse:
    """The page: drop PDFs, follow every stage, compare pages, download."""
    return FileResponse(PAGE_DIR / "index.html", headers=SECURITY_HEADERS)


def serve_web_page(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/web", PageFiles(directory=PAGE_DIR), name="web")
