"""What the translate stage needs from an engine."""

from typing import Protocol, TypeGuard, runtime_checkable

from docrelay_common.constants import Tone


class Engine(Protocol):
    name: str
    # How many characters of text one `translate_batch` call should carry.
    batch_chars: int

    def is_available(self) -> bool:
        """True when the engine can run on this machine now (binary and language data installed)."""
        ...

    def language_pairs(self) -> list[tuple[str, str]]:
        """(source, target) BCP 47 tags the engine translates; source may be ANY_LANGUAGE."""
        ...

    def supports(self, source: str, target: str) -> bool: ...

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        """One translation per text, in the same order."""
        ...


@runtime_checkable
class ToneEngine(Engine, Protocol):
    """An engine that can write the translation in a tone itself (DeepL's formality parameter)."""

    def native_tone(self, source: str, target: str) -> bool:
        """True when the engine writes formal and informal `target` text for this pair."""
        ...

    def translate_batch(
        self, texts: list[str], source: str, target: str, tone: Tone = Tone.NEUTRAL
    ) -> list[str]:
        """One translation per text, in the same order, in `tone`."""
        ...


def keeps_marks(engine: Engine) -> bool:
    """True when the engine gives emphasis marks (docrelay_common.emphasis) back on the words they were
    on (its class says `keeps_marks = True`); every other engine gets text without them."""
    return bool(getattr(engine, "keeps_marks", False))


def writes_tone(engine: Engine, source: str, target: str, tone: Tone) -> TypeGuard[ToneEngine]:
    """True when `engine` writes `tone` itself for this pair, so the toner has nothing left to do."""
    return tone != Tone.NEUTRAL and isinstance(engine, ToneEngine) and engine.native_tone(source, target)
