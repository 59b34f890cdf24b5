"""Which engines the per-job character budget applies to, and what it counts."""

import pytest

from docrelay_common.errors import PermanentError
from docrelay_translator.budget import characters_to_send, is_metered, require_within_budget
from docrelay_translator.engines.libretranslate import LibreTranslateEngine
from docrelay_translator.engines.pseudo import PseudoEngine
from tests.support.documents import text_document

HTTP = {"timeout": 1.0, "retry_after_max": 1.0}


def test_a_libretranslate_server_is_metered_only_when_it_wants_a_key() -> None:
    assert is_metered(LibreTranslateEngine("https://libretranslate.com", "key", **HTTP))
    assert not is_metered(LibreTranslateEngine("http://127.0.0.1:5000", "", **HTTP))
    assert not is_metered(PseudoEngine())


def test_repeated_text_counts_once_and_untranslatable_text_not_at_all() -> None:
    header = "Annual report  of the harbour"
    document = text_document([header, "First page."], [header.replace("  ", " "), "Second page."])
    document.pages[1].blocks[1].translatable = False
    assert characters_to_send([document]) == len("Annual report of the harbour") + len("First page.")
    # The same text keeping other inline code is sent again.
    document.pages[1].blocks[0].code = ["harbour"]
    assert characters_to_send([document]) == 2 * len("Annual report of the harbour") + len("First page.")


def test_a_metered_engine_over_the_budget_is_refused_and_others_are_not() -> None:
    document = text_document(["x" * 50])
    deepl_like = LibreTranslateEngine("https://libretranslate.com", "key", **HTTP)
    with pytest.raises(PermanentError, match="50 characters") as refused:
        require_within_budget([deepl_like], [document], max_chars=49)
    assert refused.value.code == "char_limit_exceeded"
    require_within_budget([deepl_like], [document], max_chars=50)
    require_within_budget([deepl_like], [document], max_chars=0)
    require_within_budget([PseudoEngine()], [document], max_chars=1)
