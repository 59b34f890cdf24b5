"""Translations a pair's lexical selection picks wrongly for documents, dropped by a step of our own.

A pair's bilingual dictionary gives a word every translation it knows, its lexical selection (lrx-proc)
weighs them, and structural transfer takes the first left. eng-spa puts first "cita" (an appointment)
for "date" ("Date of birth" -> "Cita de nacimiento", "Invoice date" -> "Cita de factura"), "alocución"
(a speech) for "address", "remisión" (a remittance) for "reference", "récord" (a sports record) for
"record" ("a true record" -> "Un récord cierto"), "lima" (the tool) for "file", "capa" (a layer) for
"sheet" ("Balance sheet" -> "Capa de saldo") and "muelle" (a coil) for "spring" ("in the spring" -> "En
el muelle"): in documents, forms, invoices and statements the words mean "fecha", "dirección",
"referencia", "registro", "archivo", "hoja" and "primavera". Those first translations are dropped right
after the pair's lexical selection, where another follows (in the order listed: "spring" drops
"muelle", then "fuente"), so the pair's grammar sees the word as before (a noun, its gender the new
translation's). A pair without that step is run as installed.
"mesa" for "table" is left: a price list's tables may be furniture (`apertium._KNOWN_WORDS` gets a
numbered table right).

The step is a `sed` command in a copy of the installed mode: `apertium` reads modes from a data
directory's `modes/`, so the copy is written to a directory of its own, named by its content, in a
directory only this user can write (a mode is a shell pipeline: another user must not be able to put
one there).
"""

import hashlib
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from docrelay_common.errors import ErrorCode, TransientError


@dataclass(frozen=True)
class Dropped:
    """A translation of a source lemma in a part of speech ("n" for nouns) that is not to come first."""

    lemma: str
    part_of_speech: str
    translation: str


DROPPED = {
    "eng-spa": (
        Dropped("date", "n", "cita"),
        Dropped("address", "n", "alocución"),
        Dropped("reference", "n", "remisión"),
        Dropped("record", "n", "récord"),
        Dropped("file", "n", "lima"),
        Dropped("sheet", "n", "capa"),
        Dropped("spring", "n", "muelle"),
        Dropped("spring", "n", "fuente"),
    )
}
# The pair's lexical selection step, after which the choices are made.
_LEXICAL_SELECTION = re.compile(r"(lrx-proc [^|]*\|)")


def chosen_mode(pipeline: str, dropped: tuple[Dropped, ...]) -> str:
    """The mode's pipeline with the dropped translations taken out after its lexical selection."""
    # In the stream a word reads "^Date<n><sg>/Cita<n><f><sg>/Fecha<n><f><sg>$"; matched in any case,
    # in a UTF-8 locale whatever the worker's ("ALOCUCIÓN" is "alocución" only there), each translation
    # as often as it comes (eng-spa has "récord" twice, masculine and feminine).
    expressions = " ".join(
        rf"-e 's/\(\^{word.lemma}<{word.part_of_speech}>[^/$]*\)"
        rf"\(\/{word.translation}<[^/$]*\)\{{1,\}}\//\1\//gI'"
        for word in dropped
    )
    step = f"LC_ALL=C.UTF-8 sed {expressions} |"
    return _LEXICAL_SELECTION.sub(lambda selection: f"{selection.group(1)} {step}", pipeline, count=1)


def data_dir_with(mode: str, pipeline: str) -> Path:
    """A data directory whose `modes/<mode>.mode` is `pipeline`, written once for each content."""
    base = Path(tempfile.gettempdir()) / f"docrelay-apertium-{os.getuid()}"
    base.mkdir(mode=0o700, exist_ok=True)
    info = base.lstat()
    if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise TransientError(ErrorCode.ENGINE_ERROR, f"{base} is not a directory of this user's own")
    directory = base / hashlib.sha256(pipeline.encode()).hexdigest()[:16]
    path = directory / "modes" / f"{mode}.mode"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole before it is there: another process may be running the mode already.
        written = path.with_name(f"{path.name}.{os.getpid()}")
        written.write_text(pipeline)
        os.replace(written, path)
    return directory
