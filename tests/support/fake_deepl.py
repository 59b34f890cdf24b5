"""A fake DeepL API v2, with the checks and error answers of DeepL's own mock server (deepl-mock).

Requests need `Authorization: DeepL-Auth-Key <key>` (403 with an empty body otherwise); `/v2/translate`
takes JSON with text (a list), target_lang, source_lang, formality, preserve_formatting and tag_handling
and answers {"translations": [{"detected_source_language", "text"}]}; errors are {"message": ...}; an
account over its character quota gets 456. More than 50 texts get a 413 (DeepL documents the limit, not
the answer). With tag_handling "xml", a text is XML: its tags stay around the words they hold, as DeepL
keeps them, and its characters are escaped as entities both ways.
"""

import re
from html import unescape
from typing import Any
from xml.sax.saxutils import escape

from tests.support.fake_http import FakeService, Reply, Request
from tests.support.fake_translation import dictionary_translate

SOURCES = ["DE", "EN", "ES", "JA", "PT", "ZH"]
# Target code -> whether it has a formal register.
TARGETS = {"DE": True, "EN-GB": False, "EN-US": False, "ES": True, "JA": True, "PT-BR": True, "PT-PT": True}
NAMES = {
    "DE": "German",
    "EN": "English",
    "ES": "Spanish",
    "JA": "Japanese",
    "PT": "Portuguese",
    "ZH": "Chinese",
}
MAX_TEXTS = 50
MAX_REQUEST_BYTES = 128 * 1024
FORMALITIES = ("default", "more", "less", "prefer_more", "prefer_less")
TAG_HANDLINGS = ("xml", "html")
_TAG = re.compile(r"(<[^<>]*>)")


def fake_translation(text: str, target: str, formality: str | None = None) -> str:
    """What this fake answers for `text` in `target`, with `formality` shown when asked for."""
    marker = f"{target} {formality}" if formality and formality != "default" else target
    return f"[{marker}] {dictionary_translate(text, target)}"


def fake_xml_translation(text: str, target: str, formality: str | None = None) -> str:
    """What this fake answers for the XML `text`: the text between tags translated, the tags kept."""
    parts = [
        part if _TAG.fullmatch(part) else escape(dictionary_translate(unescape(part), target))
        for part in _TAG.split(text)
    ]
    return fake_translation("", target, formality) + "".join(parts)


class FakeDeepL(FakeService):
    def __init__(self, keys: frozenset[str], character_limit: int = 1_000_000) -> None:
        super().__init__()
        self.keys = keys
        self.character_limit = character_limit
        self.characters_used = 0

    def answer(self, request: Request) -> Reply:
        auth = request.headers.get("authorization", "")
        if not auth.startswith("DeepL-Auth-Key ") or auth.removeprefix("DeepL-Auth-Key ") not in self.keys:
            return Reply(403)
        if not request.headers.get("user-agent"):
            return _error(400, "User-Agent header missing.")
        if (request.method, request.path) == ("GET", "/v2/languages"):
            return _languages(request.query.get("type", ["source"])[0])
        if (request.method, request.path) == ("POST", "/v2/translate"):
            return self._translate(request)
        return Reply(404)

    def _translate(self, request: Request) -> Reply:
        if len(request.raw) > MAX_REQUEST_BYTES:
            return _error(413, "Request Entity Too Large")
        body = request.json()
        if not isinstance(body, dict):
            return _error(400, "Parameter 'text' not specified")
        refused = _check_translate(body)
        if refused is not None:
            return refused
        characters = sum(len(text) for text in body["text"])
        if self.characters_used + characters > self.character_limit:
            return _error(456, "Quota for this billing period has been exceeded.")
        self.characters_used += characters
        target, formality = body["target_lang"].upper(), body.get("formality")
        translate = fake_xml_translation if body.get("tag_handling") else fake_translation
        translations = [
            {"detected_source_language": (body.get("source_lang") or "EN").upper(), "text": text}
            for text in (translate(text, target, formality) for text in body["text"])
        ]
        return Reply(200, {"translations": translations})


def _check_translate(body: dict[str, Any]) -> Reply | None:
    texts = body.get("text")
    if not isinstance(texts, list) or not texts or not all(isinstance(text, str) for text in texts):
        return _error(400, "Parameter 'text' not specified")
    if len(texts) > MAX_TEXTS:
        return _error(413, f"Too many texts: at most {MAX_TEXTS} per request")
    target, source = str(body.get("target_lang", "")).upper(), body.get("source_lang")
    if target not in TARGETS:
        return _error(400, "Value for 'target_lang' not supported.")
    if source is not None and str(source).upper() not in SOURCES:
        return _error(400, "Value for 'source_lang' not supported.")
    formality = body.get("formality", "default")
    if formality not in FORMALITIES:
        return _error(400, "Value for 'formality' not supported.")
    if formality in ("more", "less") and not TARGETS[target]:
        return _error(400, "'formality' is not supported for given 'target_lang'.")
    if body.get("tag_handling", "xml") not in TAG_HANDLINGS:
        return _error(400, "Value for 'tag_handling' not supported.")
    if body.get("preserve_formatting", False) not in (True, False, "0", "1"):
        return _error(400, "Value for 'preserve_formatting' not supported.")
    return None


def _languages(side: str) -> Reply:
    if side == "source":
        return Reply(200, [{"language": code, "name": NAMES[code]} for code in SOURCES])
    if side == "target":
        targets = [
            {"language": code, "name": code, "supports_formality": formal} for code, formal in TARGETS.items()
        ]
        return Reply(200, targets)
    return _error(400, "Parameter 'type' is invalid. 'source' and 'target' are valid values.")


def _error(status: int, message: str) -> Reply:
    return Reply(status, {"message": message})
