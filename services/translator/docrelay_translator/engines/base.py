"""What the translate stage needs from an engine."""

from typing import Protocol

# Source language wildcard in `language_pairs()`: the engine accepts text in any language.
ANY_LANGUAGE = "*"


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


def describe_pairs(engine: Engine) -> str:
    """The engine's pairs for an error message, e.g. "apertium: en->es, es->en"."""
    pairs = ", ".join(f"{source}->{target}" for source, target in engine.language_pairs())
    return f"{engine.name}: {pairs or 'no language pairs installed'}"
