"""Webhook signatures and the callback URLs a job may name."""

import hashlib
import hmac

import pytest

from docrelay_jobs.webhooks import CallbackRefused, check_callback_url, sign, verify

BODY = b'{"event":"job.finished","job":{"id":"j1"}}'


def test_a_signature_is_the_hmac_of_the_body_and_verifies() -> None:
    signature = sign(BODY, "s3cret")
    assert signature == "sha256=" + hmac.new(b"s3cret", BODY, hashlib.sha256).hexdigest()
    assert verify(BODY, "s3cret", signature)


@pytest.mark.parametrize(
    ("body", "secret"),
    [(BODY + b" ", "s3cret"), (BODY, "other")],
    ids=["altered body", "other secret"],
)
def test_a_signature_does_not_verify_another_body_or_secret(body: bytes, secret: str) -> None:
    assert not verify(body, secret, sign(BODY, "s3cret"))


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com/hook", "file:///etc/passwd", "javascript:alert(1)", "/relative/hook", "http://"],
)
def test_only_absolute_http_urls_are_accepted(url: str) -> None:
    with pytest.raises(CallbackRefused, match="http:// or https://"):
        check_callback_url(url, allow_private=True)


@pytest.mark.parametrize("allow_private", [False, True])
@pytest.mark.parametrize("url", ["https://93.184.215.14:99999/hook", "http://127.0.0.1:http/hook"])
def test_an_invalid_port_is_refused(url: str, allow_private: bool) -> None:
    with pytest.raises(CallbackRefused, match="invalid port"):
        check_callback_url(url, allow_private=allow_private)


def test_an_overlong_url_is_refused() -> None:
    with pytest.raises(CallbackRefused, match="longer than 2000"):
        check_callback_url("https://93.184.215.14/" + "a" * 2000, allow_private=True)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://[::1]/hook",
        "http://localhost/hook",
        "https://10.1.2.3/hook",
        "https://192.168.0.10/hook",
        "https://172.16.5.4/hook",
        "https://172.31.255.255/hook",
        # The cloud metadata service: the classic server-side request forgery target.
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://2130706433/hook",
    ],
)
def test_loopback_private_and_link_local_hosts_are_refused(url: str) -> None:
    with pytest.raises(CallbackRefused, match="DOCRELAY_WEBHOOK_ALLOW_PRIVATE"):
        check_callback_url(url, allow_private=False)


def test_a_host_that_does_not_resolve_is_refused() -> None:
    with pytest.raises(CallbackRefused, match="does not resolve"):
        check_callback_url("https://no-such-host.invalid/hook", allow_private=False)


@pytest.mark.parametrize("url", ["https://93.184.215.14/hook", "http://[2606:4700:4700::1111]:8443/x"])
def test_a_public_address_is_accepted(url: str) -> None:
    check_callback_url(url, allow_private=False)


@pytest.mark.parametrize("url", ["http://127.0.0.1:9000/hook", "http://localhost/hook", "http://10.0.0.1/"])
def test_allow_private_accepts_internal_receivers(url: str) -> None:
    check_callback_url(url, allow_private=True)
