"""LibreTranslate, the self-hosted open-source translation server, over its HTTP API.

`POST /translate` takes a list of texts in `q` and answers a list in `translatedText`, in order;
`GET /languages` lists each source language with the codes it translates into.
"""

from typing import Any

from pydantic import BaseModel, Field, TypeAdapter

from docrelay_common.chat_segments import chunked
from docrelay_common.json_api import JsonApi
from docrelay_translator.engines.answers import Expiring, check_count
from docrelay_translator.engines.language_codes import ServerLanguages, standard_codes


class _Language(BaseModel):
    code: str
    targets: list[str]


class _Translations(BaseModel):
    translated_text: list[str] = Field(alias="translatedText")


_LANGUAGES = TypeAdapter(list[_Language])
_TRANSLATIONS = TypeAdapter(_Translations)


class LibreTranslateEngine:
    name = "libretranslate"
    # Argos models translate a few sentences a second on a CPU: a batch takes seconds, not minutes.
    batch_chars = 4_000
    # Servers may cap the texts per request (--batch-limit); keep under the caps public servers use.
    max_texts = 16

    def __init__(self, url: str, api_key: str, *, timeout: float, retry_after_max: float) -> None:
        self.api = JsonApi(self.name, url, timeout=timeout, retry_after_max=retry_after_max)
        self.api_key = api_key
        self._languages = Expiring(self._fetch_languages)

    def is_available(self) -> bool:
        return bool(self.api.base_url)

    def language_pairs(self) -> list[tuple[str, str]]:
        return self._languages.get().pairs()

    def supports(self, source: str, target: str) -> bool:
        return self._languages.get().codes(source, target) is not None

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        codes = self._languages.get().require(self.name, source, target)
        chunks = chunked(texts, self.batch_chars, self.max_texts)
        return [translation for chunk in chunks for translation in self._translate(chunk, *codes)]

    def _translate(self, texts: list[str], source_code: str, target_code: str) -> list[str]:
        body: dict[str, Any] = {"q": texts, "source": source_code, "target": target_code, "format": "text"}
        if self.api_key:
            body["api_key"] = self.api_key
        answer = self.api.post("/translate", _TRANSLATIONS, body)
        return check_count(self.name, texts, answer.translated_text)

    def _fetch_languages(self) -> ServerLanguages:
        languages = self.api.get("/languages", _LANGUAGES)
        return ServerLanguages(
            sources=standard_codes(language.code for language in languages),
            targets={language.code: standard_codes(language.targets) for language in languages},
        )
