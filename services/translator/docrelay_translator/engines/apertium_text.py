"""Turning a text block into one line Apertium translates faithfully, and its output back into text.

What Apertium's text mode does to raw input, found by running it:
- ASCII quotes before a word starting with "s" read as a possessive: "'single'" -> " esingle'";
  a closing U+2019 quote comes back as ASCII "'"; numbers with letters lose them ("3a" -> "3un").
- Control characters shift words between lines or vanish; ligatures (U+FB01 "ﬁ") are unknown words.
- It adds leading and double spaces, and capitalises the first word of every paragraph.
Brackets, backslashes, ^ $ / < > @ { } * # and URLs come through as they are.

Text that must not change is swapped for Private Use Area characters, which Apertium copies
verbatim as blanks, and swapped back afterwards. A blank keeps no word-bound blank around it: a span
that was an emphasised word (docrelay_common.emphasis) gets its marks back with it.
"""

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from docrelay_common.emphasis import CLOSE, MARKED_WORD
from docrelay_translator.engines.protect import TECHNICAL_TOKEN

_PLACEHOLDER_BASE = 0xE000
_TYPOGRAPHIC_APOSTROPHE = "\u2019"
_PRIVATE_USE = r"[\ue000-\uf8ff]"
# A quote not between two letters, i.e. not an apostrophe inside a word ("don't" stays as it is).
_QUOTES = "['\u2018\u2019`]"
_QUOTE = rf"(?<![^\W\d_]){_QUOTES}|{_QUOTES}(?![^\W\d_])"
# A time's "am" or "pm" after its number ("11 am", "9pm", "10:30 a.m."): Apertium reads "am" as the verb
# ("11 soy", "9soy"). The number stays visible to it.
_TIME_OF_DAY = r"(?:(?<=\d)|(?<=\d[ \u00a0]))(?:[ap]\.m\.|[ap]m)(?!\w)"
_PROTECTED = re.compile(f"{_PRIVATE_USE}|{TECHNICAL_TOKEN.pattern}|{_QUOTE}|{_TIME_OF_DAY}", re.IGNORECASE)
_PLACEHOLDER = re.compile(_PRIVATE_USE)
_LONE_PLACEHOLDER = re.compile(r"[^\w\ue000-\uf8ff]*([\ue000-\uf8ff])[^\w\ue000-\uf8ff]*")
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f\u2028\u2029]+")
_LIGATURES = re.compile("[\ufb00-\ufb06]")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Segment:
    line: str
    protected: tuple[str, ...]
    # The opening mark of each protected span that was an emphasised word alone, by its placeholder.
    faces: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class KnownWords:
    """Words a pair's dictionaries lack, with their translations; not after the lookbehind patterns of
    `except_after` (each of one width), where the pair's own rules know them; and, given `only_before`,
    only before what it matches (a word the pair knows in another sense: "Table" before a number); and,
    `opening`, only where they open the line (a placeholder the pair reads as the start of a sentence
    only there)."""

    words: Mapping[str, str]
    except_after: tuple[str, ...] = ()
    only_before: str = ""
    opening: bool = False


def prepare(text: str, known: Sequence[KnownWords] = ()) -> Segment:
    """One line without control characters, protected spans replaced by placeholders; and the `known`
    words (whole, as written, but where the pair knows them), which the pair's dictionaries lack, by
    placeholders for their translations (capitalised where the line starts with one)."""
    line = _LIGATURES.sub(lambda match: unicodedata.normalize("NFKC", match.group()), text)
    line = _CONTROL_OR_SPACE.sub(" ", line).strip()
    protected: list[str] = []

    def placeholder(match: re.Match[str]) -> str:
        protected.append(match.group())
        return chr(_PLACEHOLDER_BASE + len(protected) - 1)

    def translated(words: KnownWords) -> Callable[[re.Match[str]], str]:
        def placeholder_for(match: re.Match[str]) -> str:
            translation = words.words[match.group()]
            protected.append(translation[:1].upper() + translation[1:] if match.start() == 0 else translation)
            return chr(_PLACEHOLDER_BASE + len(protected) - 1)

        return placeholder_for

    line = _PROTECTED.sub(placeholder, line)
    for words in known:
        pattern = _whole_words(tuple(words.words), words.except_after, words.only_before, words.opening)
        line = pattern.sub(translated(words), line)
    # Marked words that are a placeholder, punctuation around it aside ("jobs@example.com,").
    faces = {}
    for word in MARKED_WORD.finditer(line):
        lone = _LONE_PLACEHOLDER.fullmatch(word.group(2))
        if lone is not None:
            faces[lone.group(1)] = word.group(1)
    return Segment(line, tuple(protected), faces)


@cache
def _whole_words(
    words: tuple[str, ...], except_after: tuple[str, ...], only_before: str, opening: bool
) -> re.Pattern[str]:
    start = "^" if opening else r"(?<!\w)"
    exceptions = "".join(f"(?<!{pattern})" for pattern in except_after)
    context = f"(?={only_before})" if only_before else ""
    alternatives = "|".join(map(re.escape, words))
    return re.compile(rf"{start}{exceptions}(?:{alternatives})(?!\w){context}")


def restore(segment: Segment, output: str) -> str:
    """Apertium's output for `segment` with spacing, first-letter case, apostrophes and spans restored."""
    text = " ".join(output.split())
    text = _match_first_letter_case(segment.line, text)
    if segment.line.count(_TYPOGRAPHIC_APOSTROPHE) > segment.line.count("'"):
        text = text.replace("'", _TYPOGRAPHIC_APOSTROPHE)

    def span(match: re.Match[str]) -> str:
        protected = segment.protected[ord(match.group()) - _PLACEHOLDER_BASE]
        face = segment.faces.get(match.group())
        return f"{face}{protected}{CLOSE}" if face else protected

    return _PLACEHOLDER.sub(span, text)


def _match_first_letter_case(source: str, output: str) -> str:
    # Every paragraph starts a sentence for Apertium; a block continuing a sentence must stay lower case.
    source_letter, output_letter = _LETTER.search(source), _LETTER.search(output)
    if source_letter is None or output_letter is None or not source_letter.group().islower():
        return output
    index = output_letter.start()
    return output[:index] + output[index].lower() + output[index + 1 :]
