"""Spans no engine may change, hidden from every engine before translation and put back after it.

URLs, e-mail addresses, paths, identifiers (the engines' own TECHNICAL_TOKEN), inline code (in backticks,
or set in a monospaced font: a block's `code`), calls like `parse()`, simple formulas, a label's letter A,
a person's name after a courtesy title ("Ms Fox", whom Apertium made "Señora Zorro"), companies, streets
and postal towns (names_and_places) and glossary terms become Private Use Area characters, the
placeholders that Apertium copies through as blanks and pseudo-localization leaves alone. After
translation each one becomes its span again, or the glossary's target term; a span whose placeholder the
engine lost is appended, so no token is ever lost.

Plain numbers, dates and times stay visible: engines translate the words around a number better when
they see it (Apertium gives "cuesta 3.50 euros" for "costs 3.50 euros", but "Los euros de costes" when
the number is a blank). They are checked instead: a number the engine changed is put back in its place,
one it dropped is appended.
"""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from docrelay_common.courtesy_titles import TITLED_NAME
from docrelay_common.document import code_pattern
from docrelay_common.emphasis import MARK
from docrelay_translator.engines.protect import TECHNICAL_TOKEN
from docrelay_translator.glossary import Glossary
from docrelay_translator.names_and_places import COMPANY_NAME, POSTAL_TOWN, STREET

_PLACEHOLDER_BASE = 0xE000
_PLACEHOLDER_COUNT = 0xF8FF - _PLACEHOLDER_BASE + 1
# Private Use characters already in the text are protected too, so none is mistaken for a placeholder;
# among them the extractor's formula tokens (Supplementary Private Use Area-A), which the engine then
# copies through as placeholders.
_PLACEHOLDER = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd]")
_INLINE_CODE = r"`[^`\n]+`"
_CALL = r"\b[^\W\d]\w*\(\)"
# An operand is a number or a one-letter variable, with an optional power: 3.5, x, x^2.
_OPERAND = r"(?:\d+(?:[.,]\d+)*|(?<!\w)[^\W\d_](?!\w))(?:\^\w+)?"
# "-" and "/" alone make ranges, dates and "w/o", not formulas; those are left to the engine.
_FORMULA_SIGNS = frozenset("+*^=<>\u00d7\u00f7\u00b1\u2264\u2265\u2260\u2248")
_OPERATOR = rf"[-/{re.escape(''.join(sorted(_FORMULA_SIGNS)))}]"
_EXPRESSION = rf"(?P<expression>{_OPERAND}(?:[^\S\n]*{_OPERATOR}[^\S\n]*{_OPERAND})+)"
# A capital A after a word and before none is a label's letter, never the article, which ends no phrase:
# "Hall A", "Vitamin A", "Section A, row 3", "Grade: A" (Apertium: "Sala Un", "Vitamina Un"). So is a
# grade's A with its signs, alone too ("A*", "A+": "Un*").
_LETTER_A = r"(?<=\S[ \u00a0])(?-i:A)(?![ \u00a0]*\w)|(?<!\S)(?-i:A)(?=[*+\u2212-]+(?!\S))"
_SPANS = "|".join(
    (
        _PLACEHOLDER.pattern,
        _INLINE_CODE,
        _CALL,
        # Before the technical tokens: a house number "221B" is a street's, not a number with letters.
        COMPANY_NAME,
        STREET,
        POSTAL_TOWN,
        TECHNICAL_TOKEN.pattern,
        _EXPRESSION,
        _LETTER_A,
        TITLED_NAME,
    )
)
# Numbers, decimals, dates and times; atomic, so that "3.5a" is not read as the number "3".
_NUMBER = re.compile(r"(?<![\w.,:/-])(?>\d+(?:[.,:/-]\d+)*)(?!\w)")


@dataclass(frozen=True)
class Protected:
    """A segment as an engine gets it, and what is needed to turn the engine's output back."""

    line: str
    # What placeholder n becomes after translation: its original span, or a glossary target term.
    spans: tuple[str, ...]
    # The numbers left visible in `line`, in order.
    numbers: tuple[str, ...]


class Protector:
    """Protects segments for one job, whose glossary terms are protected like the other spans."""

    def __init__(self, glossary: Glossary | None = None) -> None:
        self.glossary = glossary
        self.terms = [f"(?P<term>{glossary.pattern})"] if glossary and glossary.pattern else []
        # Terms first: at one position a glossary term wins; a span starting earlier (a URL) wins anyway.
        self.pattern = re.compile("|".join([*self.terms, _SPANS]), re.IGNORECASE)
        self._code_patterns: dict[tuple[str, ...], re.Pattern[str]] = {}

    def protect(self, text: str, code: Sequence[str] = ()) -> Protected:
        """`text` with its spans hidden; `code` (a block's inline code) is hidden wherever it stands
        alone, before all else and as it is written.

        Spans are found in the text without its emphasis marks (emphasis), which stand around each
        emphasised word and would part a glossary term or a formula of several words: a span's marks
        inside it go with it, those around it stay there (a term in bold is a placeholder in bold).
        """
        spans: list[str] = []
        pattern = self._with_code(tuple(code)) if code else self.pattern
        # Where each character of the text without marks stands in `text`.
        places = [index for index, char in enumerate(text) if MARK.fullmatch(char) is None]
        plain = "".join(text[index] for index in places)
        parts, start = [], 0
        for match in pattern.finditer(plain):
            span = self._replacement(match)
            # Past 6,400 spans in one segment the rest stay as they are: there are no more placeholders.
            if span is None or len(spans) == _PLACEHOLDER_COUNT or match.end() == match.start():
                continue
            spans.append(span)
            first, last = places[match.start()], places[match.end() - 1]
            parts += [text[start:first], chr(_PLACEHOLDER_BASE + len(spans) - 1)]
            start = last + 1
        line = "".join([*parts, text[start:]])
        return Protected(line, tuple(spans), tuple(_NUMBER.findall(line)))

    def _with_code(self, code: tuple[str, ...]) -> re.Pattern[str]:
        """The pattern with `code` first, built once per job for each block's code."""
        if code not in self._code_patterns:
            # Case-sensitive: "TRUE" in code, "true" in the text around it.
            alternatives = [f"(?P<code>(?-i:{code_pattern(code)}))", *self.terms, _SPANS]
            self._code_patterns[code] = re.compile("|".join(alternatives), re.IGNORECASE)
        return self._code_patterns[code]

    def _replacement(self, match: re.Match[str]) -> str | None:
        """What the placeholder for `match` stands for, or None when the match is to stay as it is."""
        if match.lastgroup == "code":
            return match.group()
        if match.lastgroup == "term":
            assert self.glossary is not None  # the group exists only with a glossary
            return self.glossary.target(match.group())
        if match.lastgroup == "expression" and not _FORMULA_SIGNS.intersection(match.group()):
            return None
        return match.group()


def restore(protected: Protected, translation: str) -> str:
    """The engine's output for `protected` with its numbers checked and its spans put back."""
    text = _repair_numbers(protected.numbers, translation)
    restored: set[int] = set()

    def span(match: re.Match[str]) -> str:
        index = ord(match.group()) - _PLACEHOLDER_BASE
        if index >= len(protected.spans):
            return ""  # not a placeholder of ours: the engine made it up
        restored.add(index)
        return protected.spans[index]

    text = _PLACEHOLDER.sub(span, text)
    lost = [span for index, span in enumerate(protected.spans) if index not in restored]
    return " ".join([text, *lost]) if lost else text


def _repair_numbers(numbers: tuple[str, ...], output: str) -> str:
    """Numbers the engine changed ("3.50" -> "3,50") become the source's again; dropped ones are appended."""
    found = _NUMBER.findall(output)
    missing = list((Counter(numbers) - Counter(found)).elements())
    if not missing:
        return output
    changed = Counter(found) - Counter(numbers)

    def put_back(match: re.Match[str]) -> str:
        if not missing or changed[match.group()] == 0:
            return match.group()
        changed[match.group()] -= 1
        return missing.pop(0)

    repaired = _NUMBER.sub(put_back, output)
    return " ".join([repaired, *missing]) if missing else repaired
