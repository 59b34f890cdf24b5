"""API errors: every non-2xx answer is `{"error": {"code", "message"}}` with a stable code."""

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError
from starlette.exceptions import HTTPException as StarletteHTTPException

from docrelay_common.errors import ErrorCode

# Starlette's own HTTP errors (unknown route, body over the upload limit) by status.
HTTP_STATUS_CODES = {404: ErrorCode.ROUTE_NOT_FOUND, 413: ErrorCode.FILE_TOO_LARGE}


class ApiError(Exception):
    def __init__(self, status_code: int, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.status_code, self.code, self.message = status_code, code, message


def error_response(status_code: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status_code, content={"error": {"code": code, "message": message}})


def _describe(error: RequestValidationError) -> str:
    problems = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"] if part not in ("body", "query", "path"))
        problems.append(f"{field or 'request'}: {item['msg']}")
    return "; ".join(problems)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status_code, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, ErrorCode.INVALID_REQUEST, _describe(exc))

    @app.exception_handler(RedisError)
    @app.exception_handler(OperationalError)
    async def _broker_down(_: Request, exc: Exception) -> JSONResponse:
        # Redis holds the queues and the job ledgers: without it nothing can be queued or changed.
        message = "the job queue is unreachable; try again shortly"
        return error_response(503, ErrorCode.UNAVAILABLE, message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = HTTP_STATUS_CODES.get(exc.status_code, ErrorCode.INVALID_REQUEST)
        message = str(exc.detail)
        if code == ErrorCode.ROUTE_NOT_FOUND:
            message = f"there is no {request.method} {request.url.path}; the API is described at /docs"
        return error_response(exc.status_code, code, message)
