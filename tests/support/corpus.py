"""The development corpus of real-world PDFs: fetched by get_corpus.sh, cached outside the repo."""

import os
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
GET_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "get_corpus.sh"


def corpus_dir() -> Path:
    return Path(os.environ.get("DOCRELAY_CORPUS_DIR", Path.home() / ".cache" / "docrelay-corpus"))


def ensure_corpus() -> Path:
    """The corpus directory, fetched first if this machine has not got it yet."""
    return _fetched(corpus_dir() / "manifest.tsv").parent


def corpus_pdf(name: str) -> Path:
    """Path of one corpus file, fetching the corpus first if this machine has not got it yet."""
    return _fetched(corpus_dir() / "pdfs" / name)


def _fetched(path: Path) -> Path:
    """`path`, a file of the corpus, after fetching the corpus if the file is not there."""
    if not path.is_file():
        subprocess.run(["bash", str(GET_CORPUS), str(corpus_dir())], check=True)
    return path
