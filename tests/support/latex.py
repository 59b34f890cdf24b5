"""PDFs typeset by pdflatex from the committed sources in tests/data/math, for tests and the fidelity
report: formulas whose glyphs, fonts and places are known. The PDFs are made where they are needed,
never committed.
"""

import os
import shutil
import subprocess
from pathlib import Path

MATH_SOURCES = Path(__file__).resolve().parents[1] / "data" / "math"
# The test paper in Computer Modern and in Latin Modern: same text, other fonts, other line breaks.
PAPERS = ("paper-cm.tex", "paper-lm.tex")
TYPESET_TIMEOUT_S = 60


def pdflatex_missing() -> str | None:
    """Why nothing can be typeset here, or None when pdflatex is installed."""
    if shutil.which("pdflatex") is None:
        return "pdflatex is not installed (scripts/install-system-deps.sh installs texlive-latex-base)"
    return None


def typeset(source_name: str, out_dir: Path) -> Path:
    """The PDF of tests/data/math/<source_name>, typeset in out_dir (twice, for its references)."""
    environment = {**os.environ, "TEXINPUTS": f"{MATH_SOURCES}:"}
    command = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", str(MATH_SOURCES / source_name)]
    for _ in range(2):
        subprocess.run(
            command, cwd=out_dir, env=environment, check=True, capture_output=True, timeout=TYPESET_TIMEOUT_S
        )
    return out_dir / Path(source_name).with_suffix(".pdf").name
