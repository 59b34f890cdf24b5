"""One chat completion from an OpenAI-compatible server: vLLM, Ollama, llama.cpp, OpenAI.

429, 5xx, timeouts and lost connections are transient: the stage retries them with backoff. Any other
4xx (a wrong key, an unknown model, a refused request) is permanent and carries the server's message,
because retrying cannot help and the message says what to fix.
"""

from typing import Any

import httpx
from pydantic import ValidationError

from docrelay_common.chat_segments import ChatCompletion
from docrelay_common.errors import ErrorCode, PermanentError, TransientError
from docrelay_toner.settings import ChatServer


class ChatModel:
    def __init__(self, server: ChatServer, *, timeout: float) -> None:
        self.url = server.base_url.rstrip("/") + "/chat/completions"
        self.model = server.model
        self.headers = {"Authorization": f"Bearer {server.api_key}"} if server.api_key else {}
        self.timeout = timeout
        # How error messages name the server, so that an operator knows which setting to check.
        self.described = f"the tone model {server.model} at {server.base_url}"

    def complete(self, messages: list[dict[str, str]]) -> str:
        """The model's answer to `messages`, at temperature 0 so that a retried job gets the same text."""
        body: dict[str, Any] = {"model": self.model, "messages": messages, "temperature": 0}
        try:
            response = httpx.post(self.url, json=body, headers=self.headers, timeout=self.timeout)
        except httpx.TransportError as exc:  # refused, reset, timed out, name not found
            detail = str(exc) or type(exc).__name__
            raise TransientError(ErrorCode.ENGINE_ERROR, f"{self.described} failed: {detail}") from exc
        self._check_status(response)
        try:
            completion = ChatCompletion.model_validate_json(response.content)
        except ValidationError as exc:
            message = f"{self.described} answered in an unexpected form: {exc.errors()[0]['msg']}"
            raise TransientError(ErrorCode.ENGINE_ERROR, message) from exc
        if not completion.choices:
            raise TransientError(ErrorCode.ENGINE_ERROR, f"{self.described} answered without a choice")
        return completion.choices[0].message.content or ""

    def _check_status(self, response: httpx.Response) -> None:
        if response.is_success:
            return
        message = f"{_server_message(response)} (HTTP {response.status_code})"
        if response.status_code == 429 or response.status_code >= 500:
            raise TransientError(ErrorCode.ENGINE_ERROR, f"{self.described} is unavailable: {message}")
        raise PermanentError(ErrorCode.ENGINE_ERROR, f"{self.described} refused the request: {message}")


def _server_message(response: httpx.Response) -> str:
    """OpenAI's {"error": {"message"}}, as compatible servers also answer; else the reason phrase."""
    try:
        body = response.json()
    except ValueError:
        body = None
    error = body.get("error") if isinstance(body, dict) else None
    message = error.get("message") if isinstance(error, dict) else error
    if isinstance(message, str) and message.strip():
        return message.strip()
    return response.reason_phrase or "no message"
