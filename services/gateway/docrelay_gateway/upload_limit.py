"""Refuses oversized uploads while they stream in, before the multipart parser spools them.

A body without `Content-Length` (chunked) is counted as it arrives. The limit is raised as an HTTP
exception because FastAPI turns any other error inside its form parser into `400 invalid_request`;
an HTTP exception it passes on, and the error handlers answer it with `413 file_too_large`.
"""

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from docrelay_common.errors import ErrorCode
from docrelay_gateway.errors import error_response


class UploadTooLarge(HTTPException):
    def __init__(self, max_bytes: int) -> None:
        limit_mb = max_bytes / (1024 * 1024)
        message = f"the file is larger than the {limit_mb:g} MB limit of this server; split it or compress it"
        super().__init__(413, message)


class UploadLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise UploadTooLarge(self.max_bytes)
            return message

        try:
            await self.app(scope, counting_receive, send)
        except UploadTooLarge:
            # Raised outside FastAPI's handlers (a route reading the body itself): answer it here.
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        refusal = UploadTooLarge(self.max_bytes)
        await error_response(413, ErrorCode.FILE_TOO_LARGE, refusal.detail)(scope, receive, send)
