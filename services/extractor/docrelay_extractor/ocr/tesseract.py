"""The Tesseract command line: a page image in (PNM on stdin), hOCR or orientation and script out.

One thread per run (OMP_THREAD_LIMIT=1): Tesseract's OpenMP threads spin-wait and, on a busy machine,
made a page 5x slower. OCR scales with extract replicas instead.
"""

import io
import logging
import os
import re
import shutil
import signal
import subprocess
from dataclasses import dataclass
from functools import cached_property
from subprocess import PIPE

from PIL import Image

logger = logging.getLogger(__name__)

# "Rotate: 90" etc., as `tesseract --psm 0` prints them.
_OSD_FIELD = re.compile(r"^(Rotate|Orientation confidence|Script|Script confidence): (.+)$", re.MULTILINE)
_ENVIRONMENT = {**os.environ, "OMP_THREAD_LIMIT": "1"}


class TesseractFailed(Exception):
    """One run failed or ran out of time: the page is kept as it is."""


@dataclass(frozen=True)
class Orientation:
    """What Tesseract's orientation and script detection saw on a page."""

    # Degrees to turn the image clockwise to set its text upright.
    rotate: int
    confidence: float
    script: str | None
    script_confidence: float


UNKNOWN_ORIENTATION = Orientation(rotate=0, confidence=0.0, script=None, script_confidence=0.0)


class Tesseract:
    def __init__(self, binary: str, timeout: float) -> None:
        self.binary = binary
        self.timeout = timeout

    @cached_property
    def available(self) -> bool:
        found = shutil.which(self.binary) is not None
        if not found:
            logger.warning("%s is not installed: scanned pages are kept untranslated", self.binary)
        return found

    @cached_property
    def installed_packs(self) -> frozenset[str]:
        """The language packs Tesseract finds (`--list-langs`), e.g. {"eng", "fra", "osd"}."""
        listed = subprocess.run([self.binary, "--list-langs"], capture_output=True, timeout=self.timeout)
        lines = listed.stdout.decode(errors="replace").splitlines()
        return frozenset(line.strip() for line in lines[1:] if line.strip())

    def hocr(self, image: Image.Image, packs: str, dpi: float) -> bytes:
        """The page's words as hOCR (XHTML), read with the language packs `packs` ("fra", "rus+eng")."""
        return self._run(["-l", packs, "--dpi", str(round(dpi)), "--psm", "3", "hocr"], image)

    def orientation(self, image: Image.Image, dpi: float) -> Orientation:
        """How the page is turned and its script; unknown for a page with too little text to tell."""
        try:
            output = self._run(["--dpi", str(round(dpi)), "--psm", "0"], image)
        except TesseractFailed:
            # Tesseract fails on pages with too few characters ("Too few characters. Skipping this page").
            return UNKNOWN_ORIENTATION
        found = dict(_OSD_FIELD.findall(output.decode(errors="replace")))
        if "Rotate" not in found:
            return UNKNOWN_ORIENTATION
        return Orientation(
            rotate=int(found["Rotate"]) % 360,
            confidence=float(found.get("Orientation confidence", 0)),
            script=found.get("Script"),
            script_confidence=float(found.get("Script confidence", 0)),
        )

    def _run(self, arguments: list[str], image: Image.Image) -> bytes:
        """Run on `image`, given as PNM on stdin (no dpi in it, hence --dpi), killing it on timeout."""
        buffer = io.BytesIO()
        image.save(buffer, format="PPM")
        command = [self.binary, "stdin", "stdout", *arguments]
        try:
            process = subprocess.Popen(
                command, stdin=PIPE, stdout=PIPE, stderr=PIPE, env=_ENVIRONMENT, start_new_session=True
            )
        except OSError as exc:
            raise TesseractFailed(f"{self.binary} could not start: {exc}") from exc
        with process:
            try:
                stdout, stderr = process.communicate(buffer.getvalue(), timeout=self.timeout)
            except subprocess.TimeoutExpired:
                _kill(process)
                raise TesseractFailed(f"it took longer than {self.timeout:g} s") from None
            except BaseException:
                # The stage's soft time limit, a cancel: Tesseract must not run on, orphaned.
                _kill(process)
                raise
        if process.returncode != 0:
            detail = stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
            raise TesseractFailed(f"tesseract exited with code {process.returncode}: {detail[0]}")
        return stdout


def _kill(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
