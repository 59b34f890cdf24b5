"""Segments for a chat model as one numbered JSON object, the list read back from its answer, the
answer's shape, and the batching of texts into requests.

The translator's engines and the toner's model speak this way. Models wrap their JSON in code
fences, put chatter or a reasoning block around it, answer with an object instead of an array, or fall
back to numbered lines; all of these are read. An answer that cannot be read gives None, and the
caller asks again with fewer segments.
"""

import json
import re
from collections.abc import Iterator

from pydantic import BaseModel

_THINKING = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_FENCED = re.compile(r"```[\w-]*[^\S\n]*\n?(.*?)```", re.DOTALL)
_JSON_START = re.compile(r"[\[{]")
_NUMBERED_LINE = re.compile(r"^\s*(?:\[(\d+)\]|(\d+)[.):])\s*(.*?)\s*$")


def numbered_segments(texts: list[str]) -> str:
    """The user message: {"1": first text, "2": second text, ...}."""
    return json.dumps({str(number): text for number, text in enumerate(texts, start=1)}, ensure_ascii=False)


def clean_answer(answer: str) -> str:
    """The answer without a reasoning block and, when it has one, only the inside of its code fence."""
    answer = _THINKING.sub("", answer)
    fenced = _FENCED.search(answer)
    return (fenced.group(1) if fenced else answer).strip()


def parse_segments(answer: str) -> list[str] | None:
    """The segments in a model's answer, or None when it holds none in a form we know."""
    text = clean_answer(answer)
    found = _from_json(text)
    return found if found is not None else _from_numbered_lines(text)


def _from_json(text: str) -> list[str] | None:
    """The first JSON array or object in `text` that holds segments; chatter around it is skipped."""
    decoder = json.JSONDecoder()
    for start in _JSON_START.finditer(text):
        try:
            value, _ = decoder.raw_decode(text, start.start())
        except json.JSONDecodeError:
            continue
        segments = _segments_in(value)
        if segments is not None:
            return segments
    return None


def _segments_in(value: object) -> list[str] | None:
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
    segments: list[str] = []
    for line in text.splitlines():
        match = _NUMBERED_LINE.match(line)
        if match is None:
            continue
        number, content = int(match.group(1) or match.group(2)), match.group(3)
        if number != len(segments) + 1:
            return None
        segments.append(_unquoted(content))
    return segments or None


def _unquoted(content: str) -> str:
    if len(content) >= 2 and content[0] == content[-1] == '"':
        try:
            decoded = json.loads(content)
        except json.JSONDecodeError:
            return content
        return decoded if isinstance(decoded, str) else content
    return content


class ChatMessage(BaseModel):
    content: str | None = None


class ChatChoice(BaseModel):
    message: ChatMessage


class ChatCompletion(BaseModel):
    """The part of an OpenAI-compatible chat-completions answer that docrelay reads."""

    choices: list[ChatChoice]


def chunked(texts: list[str], max_chars: int, max_count: int) -> Iterator[list[str]]:
    """Consecutive runs of at most `max_count` texts and `max_chars` characters; a longer text goes alone."""
    chunk: list[str] = []
    size = 0
    for text in texts:
        if chunk and (len(chunk) == max_count or size + len(text) > max_chars):
            yield chunk
            chunk, size = [], 0
        chunk.append(text)
        size += len(text)
    if chunk:
        yield chunk
