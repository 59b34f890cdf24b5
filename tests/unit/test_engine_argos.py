"""The argos engine where argostranslate is missing. With it, the engine is tested on the real library
and real packages in tests/integration/test_engine_argos_real.py.
"""

import sys

import pytest

from docrelay_translator.engines.argos import ArgosEngine


def test_without_argostranslate_the_engine_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "argostranslate", None)  # what an absent package gives import
    engine = ArgosEngine()
    assert not engine.is_available()
    assert engine.language_pairs() == []
    assert not engine.supports("en", "es")
