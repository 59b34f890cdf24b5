"""Any OpenAI-compatible chat-completions server as a translator: vLLM, Ollama, llama.cpp, OpenAI.

A batch of segments goes out as one numbered JSON object and comes back as a JSON array. When the
answer cannot be read or holds the wrong number of translations, the batch is asked again in
halves, down to single segments, whose answer is then taken as it is.
"""

from docrelay_common.chat import ChatClient, ChatServerSettings
from docrelay_common.chat_segments import chunked, clean_answer, parse_segments
from docrelay_common.errors import ErrorCode, TransientError
from docrelay_common.language_routes import ANY_LANGUAGE
from docrelay_common.languages import PSEUDO_LOCALES, normalize_language
from docrelay_translator.engines.openai_text import prompt


def is_language(tag: str) -> bool:
    """A language a model can write: a valid tag that is not a pseudo-locale."""
    try:
        return normalize_language(tag) not in PSEUDO_LOCALES
    except ValueError:
        return False


class OpenAIEngine:
    name = "openai"
    # Small batches keep the answer within the output limits of small local models.
    batch_chars = 3_000
    max_texts = 20

    def __init__(self, server: ChatServerSettings, *, timeout: float, retry_after_max: float) -> None:
        self.server = server
        self.model = server.model
        self.chat = ChatClient(server, described=self.name, timeout=timeout, retry_after_max=retry_after_max)

    def is_available(self) -> bool:
        return self.server.configured

    def language_pairs(self) -> list[tuple[str, str]]:
        return [(ANY_LANGUAGE, ANY_LANGUAGE)]

    def supports(self, source: str, target: str) -> bool:
        return is_language(source) and is_language(target)

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        chunks = chunked(texts, self.batch_chars, self.max_texts)
        return [translation for chunk in chunks for translation in self._translate(chunk, source, target)]

    def _translate(self, texts: list[str], source: str, target: str) -> list[str]:
        answer = self.chat.complete(prompt(texts, source, target))
        translations = parse_segments(answer)
        if translations is not None and len(translations) == len(texts):
            return translations
        if len(texts) == 1:
            return [self._single(texts[0], answer, translations)]
        middle = len(texts) // 2
        first, second = texts[:middle], texts[middle:]
        return self._translate(first, source, target) + self._translate(second, source, target)

    def _single(self, text: str, answer: str, translations: list[str] | None) -> str:
        """The translation of one segment: what the model wrote, even if not as the JSON asked for."""
        single = " ".join(translations) if translations else clean_answer(answer)
        if not single.strip():
            message = f"{self.name} model {self.model} gave no translation for {text[:60]!r}"
            raise TransientError(ErrorCode.ENGINE_ERROR, message)
        return single
