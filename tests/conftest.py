from pathlib import Path

import pytest

from tests.support.corpus import corpus_pdf


@pytest.fixture(scope="session")
def corpus():
    """Callable fixture: corpus("naacl06-shinyama.pdf") -> Path of that real-world PDF."""
    return corpus_pdf


@pytest.fixture(scope="session")
def sample_pdf() -> Path:
    return Path(__file__).resolve().parents[1] / "samples" / "sample-en.pdf"
