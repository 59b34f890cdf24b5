"""A fake LibreTranslate server speaking its HTTP API, with the checks and error answers of its app.py.

`GET /languages` lists each language with its targets; `POST /translate` takes JSON with q (a text
or a list), source, target, format and api_key, and answers {"translatedText": ...} or {"error": ...}.
"""

from typing import Any

from tests.support.fake_http import FakeService, Reply, Request
from tests.support.fake_translation import dictionary_translate

# Real servers list codes that are no standard tag too ("zt": Chinese, traditional, in older versions).
LANGUAGES = [
    {"code": "en", "name": "English", "targets": ["de", "es", "pt-BR", "zt"]},
    {"code": "es", "name": "Spanish", "targets": ["en"]},
    {"code": "de", "name": "German", "targets": ["en"]},
    {"code": "zt", "name": "Chinese (traditional)", "targets": ["en"]},
]


def fake_translation(text: str, target: str) -> str:
    """What this fake answers for `text` in `target`."""
    return f"[{target}] {dictionary_translate(text, target)}"


class FakeLibreTranslate(FakeService):
    def __init__(self, api_keys: frozenset[str] = frozenset(), batch_limit: int = -1) -> None:
        super().__init__()
        # With keys, a request must carry one of them (the server's --api-keys with --require-api-key-origin).
        self.api_keys = api_keys
        self.batch_limit = batch_limit

    def answer(self, request: Request) -> Reply:
        if (request.method, request.path) == ("GET", "/languages"):
            return Reply(200, LANGUAGES)
        if (request.method, request.path) == ("POST", "/translate"):
            return self._translate(request.json())
        return Reply(404, {"error": "Not Found"})

    def _translate(self, body: Any) -> Reply:
        if not isinstance(body, dict):
            return _error(400, "Invalid JSON format")
        refused = self._check_key(body.get("api_key")) or _check_fields(body)
        if refused is not None:
            return refused
        texts = body["q"] if isinstance(body["q"], list) else [body["q"]]
        if isinstance(body["q"], list) and -1 < self.batch_limit < len(texts):
            return _error(
                400, f"Invalid request: request ({len(texts)}) exceeds text limit ({self.batch_limit})"
            )
        source = next((language for language in LANGUAGES if language["code"] == body["source"]), None)
        if source is None:
            return _error(400, f"{body['source']} is not supported")
        if body["target"] not in source["targets"]:
            return _error(400, f"{body['target']} is not supported")
        translated = [fake_translation(text, body["target"]) for text in texts]
        return Reply(200, {"translatedText": translated if isinstance(body["q"], list) else translated[0]})

    def _check_key(self, key: object) -> Reply | None:
        if not self.api_keys:
            return None
        if key and key not in self.api_keys:
            return _error(403, "Invalid API key")
        if not key:
            return _error(400, "Please contact the server operator to get an API key")
        return None


def _check_fields(body: dict[str, Any]) -> Reply | None:
    for name in ("q", "source", "target"):
        if not body.get(name):
            return _error(400, f"Invalid request: missing {name} parameter")
    if body.get("format", "text") not in ("text", "html"):
        return _error(400, f"{body['format']} format is not supported")
    return None


def _error(status: int, message: str) -> Reply:
    return Reply(status, {"error": message})
