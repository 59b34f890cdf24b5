"""DeepL's API v2: `POST /v2/translate` with up to 50 texts, `GET /v2/languages` for each side.

DeepL's source codes are languages ("EN", "PT") and its target codes may be regional ("EN-US",
"PT-BR", "ZH-HANS"): "en" goes to "EN-US" and "pt" to "PT-BR", their likeliest regions.
"""

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, TypeAdapter

from docrelay_common.chat_segments import chunked
from docrelay_common.constants import Tone
from docrelay_common.json_api import JsonApi
from docrelay_translator.engines.answers import Expiring, check_count
from docrelay_translator.engines.emphasis_tags import as_xml, from_xml, has_marks
from docrelay_translator.engines.language_codes import ServerLanguages, standard_codes

FREE_API = "https://api-free.deepl.com"
PRO_API = "https://api.deepl.com"
# DeepL's register control. "more"/"less" fail for a target without a formal register; the "prefer_"
# forms fall back to the default there, so a job never fails over the tone.
FORMALITY = {Tone.FORMAL: "prefer_more", Tone.INFORMAL: "prefer_less"}


class _Language(BaseModel):
    language: str
    # Only in the target list: whether `formality` works for this target (DE, FR, ES, JA, ... per DeepL).
    supports_formality: bool = False


class _Translation(BaseModel):
    text: str


class _Translations(BaseModel):
    translations: list[_Translation]


_LANGUAGES = TypeAdapter(list[_Language])
_TRANSLATIONS = TypeAdapter(_Translations)


@dataclass(frozen=True)
class _Catalogue:
    languages: ServerLanguages
    # Target codes with a formal register: DeepL's own list, so a language it adds is used at once.
    formal_targets: frozenset[str]


def deepl_url(api_key: str) -> str:
    """The API a key belongs to: keys of the free plan end in ":fx"."""
    return FREE_API if api_key.endswith(":fx") else PRO_API


class DeepLEngine:
    name = "deepl"
    # A request may carry 128 KiB; 20,000 characters stay under it even at 4 bytes each in UTF-8.
    batch_chars = 20_000
    max_texts = 50
    # Emphasis marks go as XML tags (emphasis_tags), which DeepL keeps on the words they hold.
    keeps_marks = True

    def __init__(self, api_key: str, url: str, *, timeout: float, retry_after_max: float) -> None:
        self.api_key = api_key
        self.api = JsonApi(
            self.name,
            url or deepl_url(api_key),
            timeout=timeout,
            retry_after_max=retry_after_max,
            headers={"Authorization": f"DeepL-Auth-Key {api_key}"},
        )
        self._catalogue = Expiring(self._fetch_catalogue)

    def is_available(self) -> bool:
        return bool(self.api_key)

    def language_pairs(self) -> list[tuple[str, str]]:
        return self._catalogue.get().languages.pairs()

    def supports(self, source: str, target: str) -> bool:
        return self._catalogue.get().languages.codes(source, target) is not None

    def native_tone(self, source: str, target: str) -> bool:
        catalogue = self._catalogue.get()
        codes = catalogue.languages.codes(source, target)
        return codes is not None and codes[1] in catalogue.formal_targets

    def translate_batch(
        self, texts: list[str], source: str, target: str, tone: Tone = Tone.NEUTRAL
    ) -> list[str]:
        """One translation per text, in order; the neutral tone leaves the register to DeepL."""
        codes = self._catalogue.get().languages.require(self.name, source, target)
        chunks = chunked(texts, self.batch_chars, self.max_texts)
        formality = FORMALITY.get(tone)
        return [translation for chunk in chunks for translation in self._translate(chunk, *codes, formality)]

    def _translate(
        self, texts: list[str], source_code: str, target_code: str, formality: str | None
    ) -> list[str]:
        # A request holding emphasis goes as XML: its texts escaped, its marked words in tags.
        tagged = any(has_marks(text) for text in texts)
        body: dict[str, Any] = {
            "text": [as_xml(text) for text in texts] if tagged else texts,
            "source_lang": source_code,
            "target_lang": target_code,
            # Blocks are often pieces of a sentence: DeepL must not capitalise or punctuate them.
            "preserve_formatting": True,
        }
        if tagged:
            body["tag_handling"] = "xml"
        if formality is not None:
            body["formality"] = formality
        answer = self.api.post("/v2/translate", _TRANSLATIONS, body)
        translations = [translation.text for translation in answer.translations]
        return check_count(
            self.name, texts, [from_xml(text) for text in translations] if tagged else translations
        )

    def _fetch_catalogue(self) -> _Catalogue:
        sources = self._codes(self._list("source"))
        targets = self._list("target")
        # Every source language translates into every target language.
        languages = ServerLanguages(sources, dict.fromkeys(sources.values(), self._codes(targets)))
        formal = frozenset(language.language for language in targets if language.supports_formality)
        return _Catalogue(languages, formal)

    def _list(self, side: Literal["source", "target"]) -> list[_Language]:
        return self.api.get("/v2/languages", _LANGUAGES, params={"type": side})

    @staticmethod
    def _codes(languages: list[_Language]) -> dict[str, str]:
        return standard_codes(language.language for language in languages)
