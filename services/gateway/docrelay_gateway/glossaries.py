"""A job's glossary as sent to the gateway: a JSON object, or CSV/TSV lines "source term,target term".

It comes either as the `glossary` form field or as a `glossary_file` upload (UTF-8, with or without a
byte order mark, and an optional `source,target` header row). The translate stage reads the result
as its JSON glossary artifact.
"""

import csv
import io
import json
from collections.abc import Iterable
from pathlib import PurePath

from docrelay_common.errors import ErrorCode
from docrelay_gateway.errors import ApiError

MAX_GLOSSARY_ENTRIES = 5_000
MAX_GLOSSARY_BYTES = 256 * 1024
HEADER = ["source", "target"]
# Semicolons are what spreadsheets write as CSV where the comma is the decimal separator.
DELIMITERS = ",\t;"


class GlossaryError(Exception):
    """A problem at one place of the glossary; `parse_glossary` names where."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")


def parse_glossary(text: str | None, upload: bytes | None, filename: str | None) -> dict[str, str] | None:
    """The source term -> target term mapping of the form field or the upload; None when neither has one.

    Raises ApiError 422 invalid_glossary naming the line (or the JSON entry) that is wrong.
    """
    # An HTML form sends an empty field and an empty file part when the user left them alone.
    text = text if text and text.strip() else None
    upload = upload if upload and upload.strip() else None
    if text is not None and upload is not None:
        raise _invalid("send the glossary either as the glossary field or as glossary_file, not both")
    if upload is not None:
        name = PurePath(filename or "").name
        return _parse(upload, f"glossary_file {name}".rstrip(), name)
    if text is not None:
        return _parse(text.encode(), "glossary", "")
    return None


def _parse(data: bytes, origin: str, filename: str) -> dict[str, str]:
    if len(data) > MAX_GLOSSARY_BYTES:
        limit = f"{MAX_GLOSSARY_BYTES // 1024} KiB"
        raise _invalid(f"{origin} is larger than {limit}; keep the terms this document needs")
    try:
        content = _decode(data)
        entries = _json_entries(content) if content.lstrip().startswith("{") else _rows(content, filename)
        glossary = _collect(entries)
    except GlossaryError as exc:
        raise _invalid(f"{origin}, {exc}") from None
    if not glossary:
        raise _invalid(f"{origin} has no entries; write one 'source term,target term' pair per line")
    return glossary


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GlossaryError(f"line {line}", "is not UTF-8 text; save the glossary as UTF-8") from None


def _json_entries(content: str) -> list[tuple[str, str, str]]:
    """(where, source, target) of each member of a JSON object; every member, repeated keys included."""
    try:
        members = json.loads(content, object_pairs_hook=lambda pairs: pairs)
    except json.JSONDecodeError as exc:
        raise GlossaryError(f"line {exc.lineno}", f"is not valid JSON: {exc.msg}") from None
    entries = []
    for key, value in members:
        if not isinstance(value, str):
            raise GlossaryError(f"entry {key!r}", "the target term must be text")
        entries.append((f"entry {key!r}", key, value))
    return entries


def _rows(content: str, filename: str) -> list[tuple[str, str, str]]:
    """(where, source, target) of each CSV or TSV row; blank lines and a header row are skipped."""
    # newline="": a quoted term may hold a line break; a row is named by the line it starts on.
    # Only the delimiter is guessed: quoting stays standard CSV, where "" inside quotes is a quote.
    delimiter = _delimiter(content, filename)
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter, strict=True)
    rows, start = [], 1
    try:
        for row in reader:
            if row:
                rows.append((f"line {start}", row))
            start = reader.line_num + 1
    except csv.Error as exc:  # a quote left open, or a term longer than the csv module's limit
        raise GlossaryError(f"line {start}", f"cannot be read as CSV: {exc}") from None
    if rows and [cell.strip().lower() for cell in rows[0][1]] == HEADER:
        rows = rows[1:]
    for where, row in rows:
        if len(row) != 2:
            columns = f"{len(row)} column{'s' if len(row) > 1 else ''}"
            raise GlossaryError(where, f"has {columns}; write 'source term,target term'")
    return [(where, source, target) for where, (source, target) in rows]


def _delimiter(content: str, filename: str) -> str:
    """Tab for a .tsv upload; else the csv module's guess among DELIMITERS."""
    if PurePath(filename).suffix.lower() == ".tsv":
        return "\t"
    try:
        return csv.Sniffer().sniff(content[:4096], delimiters=DELIMITERS).delimiter
    except csv.Error:  # rows of different shapes: the row check then says which one is wrong
        return "\t" if "\t" in content else ","


def _collect(entries: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """The entries as a mapping; the same term twice is refused unless its target is the same too."""
    glossary: dict[str, str] = {}
    seen: dict[str, tuple[str, str]] = {}  # matching form of a source term -> (where, target)
    for where, source, target in entries:
        source, target = " ".join(source.split()), " ".join(target.split())
        if not source or not target:
            raise GlossaryError(where, f"the {'source' if not source else 'target'} term is empty")
        # The stage matches terms case-insensitively, so "Cat" and "cat" are one term to it.
        key = source.lower()
        if key in seen:
            first, known = seen[key]
            if known != target:
                raise GlossaryError(where, f"{source!r} is already translated as {known!r} at {first}")
            continue
        seen[key] = (where, target)
        glossary[source] = target
        if len(glossary) > MAX_GLOSSARY_ENTRIES:
            raise GlossaryError(where, f"the glossary has more than {MAX_GLOSSARY_ENTRIES} entries")
    return glossary


def _invalid(message: str) -> ApiError:
    return ApiError(422, ErrorCode.INVALID_GLOSSARY, message)
