"""Tone by a chat model: every translatable block rewritten in the register the job asks for.

Batches go out as numbered JSON objects, as the translator's openai engine sends them; an answer that
cannot be read, or holds the wrong number of segments, is asked again in halves. The model is told to
keep numbers, URLs and e-mail addresses; a rewrite that lost one, or a formula token, is not trusted,
and its block gets the rule-based rewrite instead (the text as it is, for a language without rules).
"""

import re
from collections import Counter
from collections.abc import Iterable

from docrelay_common.chat import ChatClient
from docrelay_common.chat_segments import chunked, clean_answer, numbered_segments, parse_segments
from docrelay_common.constants import Tone
from docrelay_common.document import Document, code_occurrences
from docrelay_common.languages import language_name
from docrelay_toner.tone import ProgressCallback, apply_tone

# Small batches keep the answer within the output limits of small local models.
BATCH_CHARS = 3_000
BATCH_TEXTS = 20
REGISTERS = {
    Tone.FORMAL: "formal and polite: address the reader formally (usted, Sie, vous, Lei), with no "
    "contractions or slang",
    Tone.INFORMAL: "informal and friendly: address the reader familiarly (tú, du, tu), with contractions "
    "where they are natural",
}
# What a rewrite must keep: digit runs (so "1,5" may become "1.5"), URLs, e-mail addresses and the
# tokens of the formulas the reconstructor draws where they end up.
_KEPT = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"]*[\w/]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\d+|[\U000f0000-\U000ffffd]",
    re.I,
)


def prompt(texts: list[str], lang: str, tone: Tone) -> list[dict[str, str]]:
    """Chat messages asking for `texts`, numbered from 1, rewritten in `tone`, as a JSON array."""
    instructions = (
        f"You are an editor of {language_name(lang)} text. Rewrite each segment of the JSON object the "
        f"user sends so that its register is {REGISTERS[tone]}. Change only the register: keep the meaning "
        "and the language, and keep numbers, URLs, e-mail addresses, code and symbols exactly as they are. "
        "The segments are consecutive pieces of one document: rewrite each on its own, even when it is a "
        "fragment of a sentence, and give a segment with nothing to change back as it is. "
        f"Answer with only a JSON array of {len(texts)} strings, the rewritten segments in the same order."
    )
    return [
        {"role": "system", "content": instructions},
        {"role": "user", "content": numbered_segments(texts)},
    ]


def keeps_protected_spans(text: str, rewrite: str, code: Iterable[str] = ()) -> bool:
    """True when `rewrite` still has every number, URL, e-mail address and formula token of `text`, and
    each word of its blocks' inline code (TextBlock.code) as often."""
    kept = not Counter(_KEPT.findall(text)) - Counter(_KEPT.findall(rewrite))
    return kept and all(code_occurrences(word, rewrite) >= code_occurrences(word, text) for word in code)


class LlmToner:
    """Gives documents a tone with one chat model."""

    def __init__(self, model: ChatClient) -> None:
        self.model = model

    def tone_document(
        self, document: Document, lang: str, tone: Tone, on_progress: ProgressCallback
    ) -> Document:
        """A copy of `document` with every translatable block rewritten; progress is counted in blocks."""
        toned = document.model_copy(deep=True)
        blocks = [block for block in toned.blocks() if block.translatable and block.text.strip()]
        # A running header on forty pages is asked for once.
        counts = Counter(block.text for block in blocks)
        code: dict[str, set[str]] = {}
        for block in blocks:
            code.setdefault(block.text, set()).update(block.code)
        rewrites: dict[str, str] = {}
        for batch in chunked(list(counts), BATCH_CHARS, BATCH_TEXTS):
            for text, rewrite in zip(batch, self._rewrite(batch, lang, tone), strict=True):
                trusted = bool(rewrite.strip()) and keeps_protected_spans(text, rewrite, code[text])
                rewrites[text] = rewrite if trusted else apply_tone(text, lang, tone)
            on_progress(sum(counts[text] for text in rewrites), len(blocks))
        for block in blocks:
            rewrite = rewrites[block.text]
            if rewrite != block.text:
                # The model writes plain text: which of its words stand for the emphasised ones is unknown.
                block.text, block.emphasis = rewrite, []
        return toned

    def _rewrite(self, texts: list[str], lang: str, tone: Tone) -> list[str]:
        answer = self.model.complete(prompt(texts, lang, tone))
        rewrites = parse_segments(answer)
        if rewrites is not None and len(rewrites) == len(texts):
            return rewrites
        if len(texts) == 1:
            # What the model wrote, even if not as the JSON asked for; checked like any other rewrite.
            return [" ".join(rewrites) if rewrites else clean_answer(answer)]
        middle = len(texts) // 2
        return self._rewrite(texts[:middle], lang, tone) + self._rewrite(texts[middle:], lang, tone)
