from pathlib import Path

import pytest
from xdist.remote import Producer

from tests.support.corpus import corpus_pdf
from tests.support.scheduling import SharedStackScheduling


def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> SharedStackScheduling:
    """`make test`'s two processes: see tests/support/scheduling.py."""
    return SharedStackScheduling(config, log)


@pytest.fixture(scope="session")
def corpus():
    """Callable fixture: corpus("naacl06-shinyama.pdf") -> Path of that real-world PDF."""
    return corpus_pdf


@pytest.fixture(scope="session")
def sample_pdf() -> Path:
    return Path(__file__).resolve().parents[1] / "samples" / "sample-en.pdf"
