"""Webhook rules shared by the gateway (which accepts a callback URL) and the worker that calls it."""

import hashlib
import hmac
import ipaddress
import socket
from urllib.parse import urlsplit

# `sha256=<hex HMAC-SHA256 of the raw body>`, as GitHub signs its webhooks.
SIGNATURE_HEADER = "X-Docrelay-Signature"
EVENT_HEADER = "X-Docrelay-Event"


class CallbackRefused(ValueError):
    """The callback URL may not be called; the message says why."""


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(body: bytes, secret: str, signature: str) -> bool:
    return hmac.compare_digest(sign(body, secret), signature)


def check_callback_url(url: str, allow_private: bool) -> None:
    """Refuse URLs that are not http(s), or that resolve to loopback, link-local or private addresses.

    Checked when a job is submitted and again before each delivery, since DNS answers can change.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CallbackRefused("callback_url must be an absolute http:// or https:// URL")
    if len(url) > 2000:
        raise CallbackRefused("callback_url is longer than 2000 characters")
    try:
        port = parts.port
    except ValueError:
        raise CallbackRefused("callback_url has an invalid port; use a number from 1 to 65535") from None
    if allow_private:
        return
    try:
        answers = socket.getaddrinfo(parts.hostname, port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise CallbackRefused(f"callback_url host {parts.hostname!r} does not resolve") from None
    for *_, sockaddr in answers:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if not address.is_global or address.is_multicast:
            raise CallbackRefused(
                f"callback_url host {parts.hostname!r} resolves to {address}, a loopback, link-local or "
                "private address; set DOCRELAY_WEBHOOK_ALLOW_PRIVATE=true to allow it"
            )
