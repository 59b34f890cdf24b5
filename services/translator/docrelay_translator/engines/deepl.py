"""DeepL's API v2: `POST /v2/translate` with up to 50 texts, `GET /v2/languages` for each side.

DeepL's source codes are languages ("EN", "PT") and its target codes may be regional ("EN-US",
"PT-BR", "ZH-HANS"): "en" goes to "EN-US" and "pt" to "PT-BR", their likeliest regions.
"""

from typing import Any, Literal

from pydantic import BaseModel, TypeAdapter

from docrelay_translator.engines.http_api import Expiring, JsonApi, check_count, chunked
from docrelay_translator.engines.language_codes import ServerLanguages, standard_codes

FREE_API = "https://api-free.deepl.com"
PRO_API = "https://api.deepl.com"
# DeepL's own register control, for the tone stage: "more"/"less" fail for targets without a formal
# register, "prefer_more"/"prefer_less" fall back to the default there.
Formality = Literal["more", "less", "prefer_more", "prefer_less"]


class _Language(BaseModel):
    language: str


class _Translation(BaseModel):
    text: str


class _Translations(BaseModel):
    translations: list[_Translation]


_LANGUAGES = TypeAdapter(list[_Language])
_TRANSLATIONS = TypeAdapter(_Translations)


def deepl_url(api_key: str) -> str:
    """The API a key belongs to: keys of the free plan end in ":fx"."""
    return FREE_API if api_key.endswith(":fx") else PRO_API


class DeepLEngine:
    name = "deepl"
    # A request may carry 128 KiB; 20,000 characters stay under it even at 4 bytes each in UTF-8.
    batch_chars = 20_000
    max_texts = 50

    def __init__(self, api_key: str, url: str, *, timeout: float, retry_after_max: float) -> None:
        self.api_key = api_key
        self.api = JsonApi(
            self.name,
            url or deepl_url(api_key),
            timeout=timeout,
            retry_after_max=retry_after_max,
            headers={"Authorization": f"DeepL-Auth-Key {api_key}"},
        )
        self._languages = Expiring(self._fetch_languages)

    def is_available(self) -> bool:
        return bool(self.api_key)

    def language_pairs(self) -> list[tuple[str, str]]:
        return self._languages.get().pairs()

    def supports(self, source: str, target: str) -> bool:
        return self._languages.get().codes(source, target) is not None

    def translate_batch(
        self, texts: list[str], source: str, target: str, formality: Formality | None = None
    ) -> list[str]:
        """One translation per text, in order; `formality` None leaves the register to DeepL."""
        codes = self._languages.get().require(self.name, source, target)
        chunks = chunked(texts, self.batch_chars, self.max_texts)
        return [translation for chunk in chunks for translation in self._translate(chunk, *codes, formality)]

    def _translate(
        self, texts: list[str], source_code: str, target_code: str, formality: Formality | None
    ) -> list[str]:
        body: dict[str, Any] = {
            "text": texts,
            "source_lang": source_code,
            "target_lang": target_code,
            # Blocks are often pieces of a sentence: DeepL must not capitalise or punctuate them.
            "preserve_formatting": True,
        }
        if formality is not None:
            body["formality"] = formality
        answer = self.api.post("/v2/translate", _TRANSLATIONS, body)
        return check_count(self.name, texts, [translation.text for translation in answer.translations])

    def _fetch_languages(self) -> ServerLanguages:
        sources = self._codes("source")
        targets = self._codes("target")
        return ServerLanguages(sources=sources, targets=dict.fromkeys(sources.values(), targets))

    def _codes(self, side: Literal["source", "target"]) -> dict[str, str]:
        languages = self.api.get("/v2/languages", _LANGUAGES, params={"type": side})
        return standard_codes(language.language for language in languages)
