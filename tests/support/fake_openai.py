"""A fake OpenAI-compatible chat-completions server whose "model" translates with a tiny dictionary.

`POST /v1/chat/completions` checks what OpenAI checks (Bearer key, known model, messages, no
unknown parameters) and answers in OpenAI's shapes, errors as {"error": {"message", "type", "code"}}.
The model reads the numbered JSON object of the user message and the target language named in the
system message, or, asked to rewrite text in a formal or informal register, swaps a few phrases;
`style` picks how it writes its answer, tidy or messy as real models do.
"""

import json
import re
from typing import Any

from tests.support.fake_http import FakeService, Reply, Request
from tests.support.fake_translation import dictionary_translate

LANGUAGE_CODES = {"Spanish": "es", "German": "de", "English": "en", "Portuguese": "pt"}
PARAMETERS = {"model", "messages", "temperature", "max_tokens", "top_p", "seed", "stream", "response_format"}
_TARGET = re.compile(r"\bto ([A-Z][a-z]+)")
_REGISTER = re.compile(r"\bregister is (formal|informal)\b")
# The fake model's idea of each register: phrases no rule set of the toner writes, so tests can tell.
REGISTER_PHRASES = {
    "formal": {"hola": "buenos días", "gracias": "le agradecemos", "hi": "good morning"},
    "informal": {"buenos días": "hola", "le agradecemos": "gracias", "good morning": "hi"},
}


def fake_translation(text: str, language_name: str) -> str:
    """What this fake model answers for `text` when asked for `language_name` ("Spanish")."""
    return dictionary_translate(text, LANGUAGE_CODES.get(language_name, ""))


def fake_rewrite(text: str, register: str) -> str:
    """What this fake model answers for `text` when asked for the `register` ("formal")."""
    phrases = REGISTER_PHRASES[register]
    alternatives = "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))

    def replace(match: re.Match[str]) -> str:
        rewritten = phrases[match.group().lower()]
        return rewritten[0].upper() + rewritten[1:] if match.group()[0].isupper() else rewritten

    return re.sub(rf"(?<!\w)(?:{alternatives})(?!\w)", replace, text, flags=re.IGNORECASE)


def _styled(translations: list[str], style: str) -> str:
    """The model's answer in one of the forms real models write."""
    array = json.dumps(translations, ensure_ascii=False)
    numbered = {str(number): text for number, text in enumerate(translations, start=1)}
    return {
        "array": array,
        "fenced": f"```json\n{array}\n```",
        "chatter": f"Sure! Here are the translations [as asked]:\n{array}\nAnything else?",
        "thinking": f'<think>The user wants ["json"]; {{fine}}.</think>\n{array}',
        "object": json.dumps({"translations": translations}, ensure_ascii=False),
        "numbered_object": json.dumps(numbered, ensure_ascii=False),
        "numbered_lines": "Translations:\n" + "\n".join(f"{n}. {text}" for n, text in numbered.items()),
        # Loses the last segment of any batch of more than one, as models do with long batches.
        "drops_one": json.dumps(translations[:-1] if len(translations) > 1 else translations),
        # Plain text, no JSON at all.
        "prose": " ".join(translations),
        # Writes numbers out in words, against the instructions.
        "spells_numbers": json.dumps([re.sub(r"\d+", "some", text) for text in translations]),
    }[style]


class FakeOpenAI(FakeService):
    def __init__(self, models: frozenset[str], api_key: str = "", style: str = "array") -> None:
        super().__init__()
        self.models = models
        # Empty: no key needed, as with Ollama or a local vLLM.
        self.api_key = api_key
        self.style = style

    def answer(self, request: Request) -> Reply:
        if (request.method, request.path) != ("POST", "/v1/chat/completions"):
            return _error(
                404, f"Unknown request URL: {request.method} {request.path}", "invalid_request_error"
            )
        if self.api_key and request.headers.get("authorization") != f"Bearer {self.api_key}":
            return _error(401, "Incorrect API key provided.", "invalid_api_key")
        body = request.json()
        refused = self._check(body)
        if refused is not None:
            return refused
        return Reply(200, _completion(body["model"], self._reply_to(body["messages"])))

    def _check(self, body: Any) -> Reply | None:
        if not isinstance(body, dict):
            return _error(400, "We could not parse the JSON body of your request.", "invalid_request_error")
        unknown = sorted(set(body) - PARAMETERS)
        if unknown:
            return _error(
                400, f"Unrecognized request argument supplied: {unknown[0]}", "invalid_request_error"
            )
        if body.get("model") not in self.models:
            return _error(404, f"The model `{body.get('model')}` does not exist.", "model_not_found")
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages or not all(_is_message(m) for m in messages):
            return _error(400, "'messages' must be a non-empty list of messages.", "invalid_request_error")
        if not 0 <= body.get("temperature", 1) <= 2:
            return _error(400, "'temperature' must be between 0 and 2.", "invalid_request_error")
        return None

    def _reply_to(self, messages: list[dict[str, str]]) -> str:
        system = next(message["content"] for message in messages if message["role"] == "system")
        numbered = json.loads(messages[-1]["content"])
        register = _REGISTER.search(system)
        if register:
            return _styled([fake_rewrite(text, register.group(1)) for text in numbered.values()], self.style)
        target = _TARGET.search(system)
        language = target.group(1) if target else ""
        return _styled([fake_translation(text, language) for text in numbered.values()], self.style)


def _is_message(message: object) -> bool:
    return (
        isinstance(message, dict)
        and message.get("role") in ("system", "user", "assistant")
        and isinstance(message.get("content"), str)
    )


def _completion(model: str, content: str) -> dict[str, Any]:
    choice = {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [choice],
    }


def _error(status: int, message: str, code: str) -> Reply:
    return Reply(status, {"error": {"message": message, "type": "invalid_request_error", "code": code}})
