"""The prompt a chat model gets for a batch of segments, and the translations read back from its answer.

Models wrap their JSON in code fences, put chatter or a reasoning block around it, answer with an
object instead of an array, or fall back to numbered lines; all of these are read. An answer that
cannot be read gives None, and the engine asks again with fewer segments.
"""

import json
import re

from docrelay_common.languages import language_name

_THINKING = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_FENCED = re.compile(r"```[\w-]*[^\S\n]*\n?(.*?)```", re.DOTALL)
_JSON_START = re.compile(r"[\[{]")
_NUMBERED_LINE = re.compile(r"^\s*(?:\[(\d+)\]|(\d+)[.):])\s*(.*?)\s*$")


def prompt(texts: list[str], source: str, target: str) -> list[dict[str, str]]:
    """Chat messages asking for the translation of `texts`, numbered from 1, as a JSON array."""
    instructions = (
        f"You are a professional translator. Translate each segment of the JSON object the user sends "
        f"from {language_name(source)} to {language_name(target)}. The segments are consecutive pieces "
        "of one document: translate each on its own, even when it is a fragment of a sentence. Keep "
        "markup, URLs, e-mail addresses, code, numbers and symbols exactly as they are; characters from "
        "U+E000 to U+F8FF are placeholders for such spans: copy each one to its place in the translation. "
        f"Answer with only a JSON array of {len(texts)} strings, the translations in the same order."
    )
    numbered = {str(number): text for number, text in enumerate(texts, start=1)}
    return [
        {"role": "system", "content": instructions},
        {"role": "user", "content": json.dumps(numbered, ensure_ascii=False)},
    ]


def clean_answer(answer: str) -> str:
    """The answer without a reasoning block and, when it has one, only the inside of its code fence."""
    answer = _THINKING.sub("", answer)
    fenced = _FENCED.search(answer)
    return (fenced.group(1) if fenced else answer).strip()


def parse_translations(answer: str) -> list[str] | None:
    """The translations in a model's answer, or None when it holds none in a form we know."""
    text = clean_answer(answer)
    found = _from_json(text)
    return found if found is not None else _from_numbered_lines(text)


def _from_json(text: str) -> list[str] | None:
    """The first JSON array or object in `text` that holds translations; chatter around it is skipped."""
    decoder = json.JSONDecoder()
    for start in _JSON_START.finditer(text):
        try:
            value, _ = decoder.raw_decode(text, start.start())
        except json.JSONDecodeError:
            continue
        translations = _translations_in(value)
        if translations is not None:
            return translations
    return None


def _translations_in(value: object) -> list[str] | None:
    if isinstance(value, dict):
        keys = [str(number) for number in range(1, len(value) + 1)]
        if "translations" in value:
            value = value["translations"]
        elif set(value) == set(keys):  # the numbered object of the question, answered in kind
            value = [value[key] for key in keys]
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return value
    return None


def _from_numbered_lines(text: str) -> list[str] | None:
    """Lines "1. ...", "2) ...", "[3] ..." numbered from 1 without a gap; other lines are chatter."""
    translations: list[str] = []
    for line in text.splitlines():
        match = _NUMBERED_LINE.match(line)
        if match is None:
            continue
        number, content = int(match.group(1) or match.group(2)), match.group(3)
        if number != len(translations) + 1:
            return None
        translations.append(_unquoted(content))
    return translations or None


def _unquoted(content: str) -> str:
    if len(content) >= 2 and content[0] == content[-1] == '"':
        try:
            decoded = json.loads(content)
        except json.JSONDecodeError:
            return content
        return decoded if isinstance(decoded, str) else content
    return content
