"""The "translation" every fake engine server does: a tiny dictionary, so tests can assert exact output."""

import re

DICTIONARY = {
    "es": {"hello": "hola", "world": "mundo", "the": "la", "house": "casa", "green": "verde"},
    "de": {"hello": "hallo", "world": "Welt", "the": "das", "house": "Haus", "green": "grün"},
    "pt": {"hello": "olá", "world": "mundo", "the": "a", "house": "casa", "green": "verde"},
    "en": {"hola": "hello", "mundo": "world", "hallo": "hello", "welt": "world"},
}
_WORD = re.compile(r"[^\W\d_]+")


def dictionary_translate(text: str, language: str) -> str:
    """`text` with each dictionary word of `language` ("es", "PT-BR", ...) replaced, keeping its case."""
    words = DICTIONARY.get(language.split("-")[0].lower(), {})

    def replace(match: re.Match[str]) -> str:
        word = match.group()
        translated = words.get(word.lower(), word)
        return translated[0].upper() + translated[1:] if word[0].isupper() else translated

    return _WORD.sub(replace, text)
