"""Size and work limits: the upload limit while streaming, the page limit, the paid engines' budget."""

import socket
from uuid import uuid4

import httpx
import pytest

from tests.hardening.conftest import MAX_CHARS, MAX_PAGES, SECRETS, UPLOAD_LIMIT, Hardened, submit
from tests.hardening.helpers import error_code, memory_kb, wait_for_jobs
from tests.support.hostile_pdfs import many_pages_pdf, text_pdf

pytestmark = pytest.mark.hardening

# What the client would send without the limit: 2 GB, never declared.
ENDLESS_BYTES = 2 * 1024**3
CHUNK = 256 * 1024


def chunked_upload(host: str, port: int) -> tuple[int, bytes]:
    """Stream a 2 GB multipart body in chunks without Content-Length; stop once the server answers.

    Returns the bytes sent before the answer came, and the answer.
    """
    boundary = "hardening-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="target_lang"\r\n\r\nes\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n%PDF-1.7\n"
    ).encode()
    request = (
        f"POST /v1/jobs HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {SECRETS.api_key}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()
    sent, answer = 0, b""
    with socket.create_connection((host, port), timeout=30) as connection:
        connection.sendall(request)
        body = head
        while sent < ENDLESS_BYTES and not answer:
            connection.sendall(b"%x\r\n" % len(body) + body + b"\r\n")
            sent += len(body)
            body = b"0" * CHUNK
            connection.setblocking(False)
            try:
                answer = connection.recv(65536)
            except BlockingIOError:
                pass
            except ConnectionResetError:
                break
            finally:
                connection.setblocking(True)
        connection.settimeout(10)
        try:
            while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
                more = connection.recv(65536)
                if not more:
                    break
                answer += more
        except (TimeoutError, ConnectionResetError):
            pass
    return sent, answer


def test_a_chunked_upload_is_cut_off_at_the_limit_and_memory_stays_flat(hardened: Hardened) -> None:
    gateway = hardened.stack.process("gateway")
    before = memory_kb(gateway.pid)
    sent, answer = chunked_upload("127.0.0.1", hardened.stack.config.port)
    after, peak = memory_kb(gateway.pid), memory_kb(gateway.pid, "VmHWM")

    status_line, _, rest = answer.partition(b"\r\n")
    assert status_line.startswith(b"HTTP/1.1 413"), answer[:300]
    assert b'"code":"file_too_large"' in rest.replace(b" ", b"")
    # Cut off early: a few chunks past the limit, not the 2 GB the client meant to send.
    assert sent < UPLOAD_LIMIT + 32 * CHUNK, sent
    # The body was never held in memory: the gateway grew by less than the limit itself.
    assert after - before < UPLOAD_LIMIT // 1024, (before, after)
    assert peak - before < 2 * UPLOAD_LIMIT // 1024 + 20_000, (before, peak)


def test_a_declared_oversized_upload_is_refused_before_it_is_read(api: httpx.Client) -> None:
    answer = submit(api, b"%PDF-1.7\n" + b"0" * (UPLOAD_LIMIT + 1), target_lang="es")
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "file_too_large"


def test_too_many_pages_fail_early_with_pdf_too_many_pages(api: httpx.Client) -> None:
    job_id = submit(api, many_pages_pdf(MAX_PAGES + 1), target_lang="es", source_lang="en").json()["id"]
    job = wait_for_jobs(api, [job_id], timeout=120)[job_id]
    assert (job["status"], error_code(job), job["error"]["stage"]) == (
        "failed",
        "pdf_too_many_pages",
        "extract",
    )
    assert f"{MAX_PAGES + 1} pages" in job["error"]["message"]
    # Refused before any page was read: the extract stage counted none.
    extract = next(stage for stage in job["stages"] if stage["stage"] == "extract")
    assert extract["done"] == 0


def long_text(characters: int) -> bytes:
    lines = [f"Line {number} of the harbour authority's yearly report on ships." for number in range(999)]
    text, taken = [], 0
    for line in lines:
        if taken > characters:
            break
        text.append(line)
        taken += len(line)
    return text_pdf(*(text[index : index + 40] for index in range(0, len(text), 40)))


@pytest.mark.parametrize("engine", ["deepl", "openai"])
def test_paid_engines_refuse_a_job_over_the_character_budget_before_any_request(
    hardened: Hardened, api: httpx.Client, engine: str
) -> None:
    fake = hardened.deepl if engine == "deepl" else hardened.openai
    translate_path = "/v2/translate" if engine == "deepl" else "/v1/chat/completions"
    before = len(fake.requests_to("POST", translate_path))
    over = submit(api, long_text(MAX_CHARS * 2), target_lang="es", source_lang="en", engine=engine)
    # Text of its own: the translation memory, shared by the suite's jobs, cannot answer it for the engine.
    note = text_pdf([f"A short note about the budget of the {engine} engine, {uuid4().hex}."])
    within = submit(api, note, target_lang="es", source_lang="en", engine=engine)
    jobs = wait_for_jobs(api, [over.json()["id"], within.json()["id"]], timeout=180)

    refused, accepted = jobs[over.json()["id"]], jobs[within.json()["id"]]
    assert (refused["status"], error_code(refused), refused["error"]["stage"]) == (
        "failed",
        "char_limit_exceeded",
        "translate",
    )
    assert f"{MAX_CHARS:,}" in refused["error"]["message"] and engine in refused["error"]["message"]
    assert accepted["status"] == "succeeded", accepted
    # The engine saw the small job's requests only: the large one was refused before any was made.
    sent = [request.json() for request in fake.requests_to("POST", translate_path)[before:]]
    assert sent, "the job within the budget reached the engine"
    assert all("harbour authority" not in str(body) for body in sent)
