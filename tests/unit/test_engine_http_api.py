"""The pieces the network engines share, on answers built in memory: messages, Retry-After, batching."""

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from docrelay_common.chat_segments import chunked
from docrelay_common.errors import TransientError
from docrelay_common.json_api import retry_after, server_message
from docrelay_translator.engines.answers import Expiring, check_count


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (
            httpx.Response(400, json={"error": "Invalid request: missing q parameter"}),
            "Invalid request: missing q parameter",
        ),
        (httpx.Response(456, json={"message": "Quota Exceeded"}), "Quota Exceeded"),
        (
            httpx.Response(401, json={"error": {"message": "Incorrect API key", "code": "x"}}),
            "Incorrect API key",
        ),
        (httpx.Response(422, json={"detail": "bad field"}), "bad field"),
        (httpx.Response(403), "Forbidden"),
        (httpx.Response(502, text="<html>Bad gateway</html>"), "Bad Gateway"),
        (httpx.Response(456), "no message"),
    ],
)
def test_server_message_is_the_servers_own_words(response: httpx.Response, message: str) -> None:
    assert server_message(response) == message


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after(httpx.Response(429, headers={"Retry-After": "7"})) == 7
    in_a_minute = format_datetime(datetime.now(UTC) + timedelta(seconds=60), usegmt=True)
    delay = retry_after(httpx.Response(503, headers={"Retry-After": in_a_minute}))
    assert delay is not None and 55 < delay <= 60
    past = format_datetime(datetime.now(UTC) - timedelta(seconds=60), usegmt=True)
    assert retry_after(httpx.Response(503, headers={"Retry-After": past})) == 0
    assert retry_after(httpx.Response(429, headers={"Retry-After": "soon"})) is None
    assert retry_after(httpx.Response(429)) is None


def test_chunks_respect_count_and_characters_and_keep_order() -> None:
    texts = ["a" * 10, "b" * 10, "c" * 10, "d" * 50, "e", "f", "g"]
    assert [len(chunk) for chunk in chunked(texts, 25, 2)] == [2, 1, 1, 2, 1]
    assert [text for chunk in chunked(texts, 25, 2) for text in chunk] == texts
    assert list(chunked([], 10, 2)) == []


def test_a_wrong_number_of_translations_is_transient() -> None:
    assert check_count("x", ["a", "b"], ["A", "B"]) == ["A", "B"]
    with pytest.raises(TransientError, match="x answered 1 translations for 2 texts"):
        check_count("x", ["a", "b"], ["A"])


def test_expiring_value_is_fetched_again_only_after_its_time() -> None:
    fetched: list[int] = []

    def fetch() -> int:
        fetched.append(len(fetched))
        return len(fetched)

    lasting, expired = Expiring(fetch, ttl=60), Expiring(fetch, ttl=0)
    assert lasting.get() == lasting.get() == 1
    assert expired.get() == 2 and expired.get() == 3


def test_a_failed_fetch_is_not_kept() -> None:
    calls: list[int] = []

    def fetch() -> int:
        calls.append(1)
        if len(calls) == 1:
            raise ValueError("server down")
        return 5

    cached = Expiring(fetch)
    with pytest.raises(ValueError):
        cached.get()
    assert cached.get() == 5
