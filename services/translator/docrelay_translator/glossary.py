"""A job's glossary: source terms whose translation is fixed, whatever the engine would say.

Terms match as whole words, case-insensitively, longest first ("machine learning" before "machine");
the words of a term may be separated by any whitespace.
"""

import json
import re
from collections.abc import Mapping

from docrelay_common.errors import ErrorCode, PermanentError

_INVALID = "the glossary must be a JSON object mapping source terms to target terms, both non-empty text"


def _canonical(term: str) -> str:
    # lower(), not casefold(): it agrees with how re.IGNORECASE compares ("straße" is not "strasse").
    return " ".join(term.split()).lower()


class Glossary:
    def __init__(self, entries: Mapping[str, str]) -> None:
        self.entries = {_canonical(source): " ".join(target.split()) for source, target in entries.items()}
        if "" in self.entries or "" in self.entries.values():
            raise ValueError(_INVALID)
        terms = sorted(self.entries, key=len, reverse=True)
        alternatives = "|".join(r"\s+".join(map(re.escape, term.split())) for term in terms)
        # Empty when there are no terms: the caller then leaves the alternative out of its pattern.
        self.pattern = rf"(?<!\w)(?:{alternatives})(?!\w)" if terms else ""

    @classmethod
    def from_json(cls, data: bytes) -> "Glossary":
        """The glossary artifact: a JSON object source term -> target term."""
        try:
            entries = json.loads(data)
        except ValueError:
            raise PermanentError(ErrorCode.INVALID_REQUEST, _INVALID) from None
        if not isinstance(entries, dict) or not all(isinstance(value, str) for value in entries.values()):
            raise PermanentError(ErrorCode.INVALID_REQUEST, _INVALID)
        try:
            return cls(entries)
        except ValueError:
            raise PermanentError(ErrorCode.INVALID_REQUEST, _INVALID) from None

    def target(self, matched: str) -> str:
        """The target term of a match of `pattern`, in the case of the match when the term is lower case.

        "Library" at the start of a sentence gives "Mediateca"; a target like "iPhone" stays as written.
        """
        target = self.entries[_canonical(matched)]
        if target != target.lower():
            return target
        if len(matched) > 1 and matched.isupper():
            return target.upper()
        return target[:1].upper() + target[1:] if matched[:1].isupper() else target
