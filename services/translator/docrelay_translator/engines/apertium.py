"""Apertium, the rule-based translator, run as one subprocess per batch of segments.

Segments travel as paragraphs of its stream format (apertium_stream): Apertium ends a sentence at each,
so no word moves from one segment into the next (with single newlines it does: "piece of data /
analysis." comes back as "pieza de análisis / de datos."). Emphasised words keep their style, bound to
them.
"""

import os
import re
import shutil
import signal
import subprocess
from pathlib import Path
from subprocess import PIPE

from docrelay_common.errors import ErrorCode, PermanentError, TransientError
from docrelay_translator.engines.apertium_choices import DROPPED, chosen_mode, data_dir_with
from docrelay_translator.engines.apertium_modes import pairs_from_mode
from docrelay_translator.engines.apertium_stream import from_stream, to_stream
from docrelay_translator.engines.apertium_text import KnownWords, prepare, restore

# Words an installed pair's dictionaries lack, by mode, with their translations. eng-spa reads "March" as
# the verb or the noun ("14 March 2025" -> "14 Marcha 2025", "Informe para Marcha"), or leaves it ("the
# month of March" -> "El mes de March"), and takes "April" and "August" for names after a preposition
# ("from April" -> "De April", "in August" -> "En August"); the other months it knows. Its rules know a
# date after "on" ("on 3 March" -> "el 3 de marzo"), left to it, and a month's name before a capitalised
# word is a person's ("April Jones"). It knows a table and a figure as furniture and a number
# only ("Table 1: Results" -> "Mesa 1: Resultados", "Figure 2" -> "Cifra 2", "Fig. 3" -> "Higo. 3"):
# before a number, a numeral or a letter and a number, they are a document's tables and figures. A
# letter's "Dear" before a title it makes an adjective after the title ("Dear Mr Wood" -> "Señor querido
# Wood", "Dear Ms Fox" -> "Señora querida Fox"), and "Madam" it lacks: "Estimado Señor Wood". A letter's
# closing it takes word by word ("Yours sincerely," -> "El vuestro sinceramente,", "Kind regards," ->
# "Consideraciones amables,"): where the closing ends its line, it is Spanish's own. It capitalises the
# word after "Thank you" ("Gracias Para vuestro orden"), whose "for" is "por". A request's "Please" it
# makes the verb ("Please complete this form" -> "Complacer completar esta forma"): opening a line, it
# is "Por favor" (further on, a placeholder after a full stop is no sentence's start to it: "cobrado .
# por favor Paga").
_NOT_BEFORE_A_NAME = r"(?![ \u00a0][A-Z][a-z])"
_BEFORE_A_VERB = r"[ \u00a0][a-z]"
_ENDS_THE_LINE = r",?[ \u00a0]*$"
_REFERENCE = r"[ \u00a0](?:[A-Z]?\d|[IVX]+\b)"
_HIS_TITLE = r"[ \u00a0](?:Mr|Sir|Dr|Prof|Professor)\b"
_HER_TITLE = r"[ \u00a0](?:Ms|Mrs|Miss|Madam)\b"
_KNOWN_WORDS = {
    "eng-spa": (
        KnownWords(
            {
                **{"March": "marzo", "MARCH": "MARZO", "April": "abril", "APRIL": "ABRIL"},
                **{"August": "agosto", "AUGUST": "AGOSTO"},
            },
            except_after=(r"\b[Oo]n \d ", r"\b[Oo]n \d\d "),
            only_before=_NOT_BEFORE_A_NAME,
        ),
        KnownWords(
            {
                **{"table": "tabla", "Table": "Tabla", "tables": "tablas", "Tables": "Tablas"},
                **{"figure": "figura", "Figure": "Figura", "figures": "figuras", "Figures": "Figuras"},
                **{"TABLE": "TABLA", "TABLES": "TABLAS", "FIGURE": "FIGURA", "FIGURES": "FIGURAS"},
                **{"Fig.": "Fig.", "Figs.": "Figs.", "fig.": "fig.", "figs.": "figs."},
            },
            only_before=_REFERENCE,
        ),
        KnownWords({"Dear": "estimado"}, only_before=_HIS_TITLE),
        KnownWords({"Dear": "estimada"}, only_before=_HER_TITLE),
        KnownWords({"Madam": "señora"}),
        KnownWords(
            {
                **{"Yours sincerely": "atentamente", "Yours faithfully": "atentamente"},
                **{"Kind regards": "un cordial saludo", "Best regards": "un cordial saludo"},
                **{"With kind regards": "con un cordial saludo", "Best wishes": "un saludo afectuoso"},
                **{"Many thanks": "muchas gracias"},
            },
            only_before=_ENDS_THE_LINE,
        ),
        KnownWords({"Thank you for": "gracias por"}),
        KnownWords({"Please": "por favor"}, only_before=_BEFORE_A_VERB, opening=True),
    )
}
# The data files a mode's pipeline reads, quoted absolute paths.
_DATA_FILE = re.compile(r"'(/[^']+)'")


class ApertiumEngine:
    name = "apertium"
    # Each call starts ~0.2s of pipeline; 30,000 characters then take ~0.5s, a progress step a second.
    batch_chars = 30_000
    # Emphasis marks (docrelay_common.emphasis) come back on the words they were bound to.
    keeps_marks = True

    def __init__(
        self, binary: str, data_dir: Path, timeout: float, exclude: frozenset[str] = frozenset()
    ) -> None:
        self.binary = binary
        self.data_dir = data_dir
        self.timeout = timeout
        # Mode names never used, however installed (`DOCRELAY_APERTIUM_EXCLUDE`).
        self.exclude = exclude

    def is_available(self) -> bool:
        return shutil.which(self.binary) is not None and bool(self._modes())

    def language_pairs(self) -> list[tuple[str, str]]:
        return sorted(self._modes())

    def supports(self, source: str, target: str) -> bool:
        return (source, target) in self._modes()

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        mode = self._modes().get((source, target))
        if mode is None:
            raise PermanentError(ErrorCode.UNSUPPORTED_LANGUAGE_PAIR, f"apertium has no {source}->{target}")
        segments = [prepare(text, _KNOWN_WORDS.get(mode, ())) for text in texts]
        lines = iter(self._translate_lines(mode, [segment.line for segment in segments if segment.line]))
        return [
            restore(segment, next(lines)) if segment.line else text
            for segment, text in zip(segments, texts, strict=True)
        ]

    def _modes(self) -> dict[tuple[str, str], str]:
        """Installed pairs, read at each call so that a pair installed later is picked up."""
        modes = {}
        for path in sorted((self.data_dir / "modes").glob("*.mode")):
            pairs = [] if path.stem in self.exclude else pairs_from_mode(path.stem)
            if pairs and _complete(path):
                modes.update(dict.fromkeys(pairs, path.stem))
        return modes

    def _translate_lines(self, mode: str, lines: list[str]) -> list[str]:
        """Translate in one call; if segments merged or split on the way, retry in halves."""
        if not lines:
            return []
        outputs = self._run(mode, lines)
        if len(outputs) == len(lines):
            return outputs
        if len(lines) == 1:
            if not outputs:
                # A broken pair (a crashing step of the pipeline) prints nothing and exits 0.
                message = f"apertium {mode} printed nothing for a segment: the installed pair is broken"
                raise PermanentError(ErrorCode.ENGINE_ERROR, message)
            return [" ".join(outputs)]
        middle = len(lines) // 2
        return self._translate_lines(mode, lines[:middle]) + self._translate_lines(mode, lines[middle:])

    def _run(self, mode: str, lines: list[str]) -> list[str]:
        returncode, stdout, stderr = self._communicate(mode, to_stream(lines))
        if returncode != 0:
            detail = stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
            message = f"apertium {mode} failed with exit code {returncode}: {detail[0]}"
            raise TransientError(ErrorCode.ENGINE_ERROR, message)
        return from_stream(stdout.decode(errors="replace"))

    def _data_dir_of(self, mode: str) -> Path:
        """The installed data directory, or one with the mode's translations chosen (apertium_choices)."""
        dropped = DROPPED.get(mode)
        if not dropped:
            return self.data_dir
        installed = (self.data_dir / "modes" / f"{mode}.mode").read_text(errors="replace")
        return data_dir_with(mode, chosen_mode(installed, dropped))

    def _communicate(self, mode: str, data: bytes) -> tuple[int, bytes, bytes]:
        """Run apertium; on timeout, kill its whole pipeline (lt-proc, transfer, ...), not just the shell."""
        command = [self.binary, "-u", "-f", "none", "-d", str(self._data_dir_of(mode)), mode]
        try:
            process = subprocess.Popen(command, stdin=PIPE, stdout=PIPE, stderr=PIPE, start_new_session=True)
        except OSError as exc:
            raise TransientError(ErrorCode.ENGINE_ERROR, f"apertium could not start: {exc}") from exc
        with process:
            try:
                stdout, stderr = process.communicate(data, timeout=self.timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
                message = f"apertium {mode} did not finish within {self.timeout:g}s"
                raise TransientError(ErrorCode.ENGINE_ERROR, message) from None
        return process.returncode, stdout, stderr


def _complete(mode: Path) -> bool:
    """True when every data file the mode reads is installed: Debian's apertium-eo-es ships an es-eo
    mode whose es-eo.antaux4_t2x.bin is missing, so that direction would fail on every batch."""
    return all(Path(file).exists() for file in _DATA_FILE.findall(mode.read_text(errors="replace")))
