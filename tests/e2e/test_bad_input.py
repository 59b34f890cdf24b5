"""Every bad input gets a stable error code, and no worker dies of it."""

import httpx
import pytest

from docrelay_cli.stack import Stack
from tests.e2e.conftest import TEST_UPLOAD_LIMIT, submit
from tests.e2e.helpers import wait_for_job


@pytest.mark.parametrize(
    ("content", "fields", "status", "code"),
    [
        (b"", {"target_lang": "es"}, 400, "empty_file"),
        (b"Hello, I am a text file with a .pdf name", {"target_lang": "es"}, 415, "not_a_pdf"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, {"target_lang": "es"}, 415, "not_a_pdf"),
        (b"%PDF-1.4 tiny", {}, 422, "invalid_request"),
        (b"%PDF-1.4 tiny", {"target_lang": "klingon-ish"}, 422, "invalid_request"),
        (b"%PDF-1.4 tiny", {"target_lang": "es", "tone": "rude"}, 422, "invalid_request"),
        (b"%PDF-1.4 tiny", {"target_lang": "es", "output": "sideways"}, 422, "invalid_request"),
        (b"%PDF-1.4 tiny", {"target_lang": "es", "engine": "Robert'); DROP"}, 422, "invalid_request"),
    ],
)
def test_refused_uploads(gateway: httpx.Client, content: bytes, fields: dict, status: int, code: str) -> None:
    response = submit(gateway, content, **fields)
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]


def test_oversized_upload_is_refused(gateway: httpx.Client) -> None:
    response = submit(gateway, b"%PDF-1.4\n" + b"0" * (TEST_UPLOAD_LIMIT + 1), target_lang="es")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "file_too_large"


def test_unknown_job_and_unready_result(gateway: httpx.Client, corpus) -> None:
    missing = gateway.get("/v1/jobs/0123456789abcdef")
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "job_not_found")
    assert gateway.get("/v1/jobs/0123456789abcdef/result").status_code == 404
    job = submit(gateway, corpus("camlidl-manual.pdf"), target_lang="es").json()
    early = gateway.get(f"/v1/jobs/{job['id']}/result")
    assert (early.status_code, early.json()["error"]["code"]) == (409, "result_not_ready")
    # Cancelled rather than translated to the end: the 26 pages would only load the tests after it.
    assert gateway.delete(f"/v1/jobs/{job['id']}").json()["status"] == "cancelled"
    assert wait_for_job(gateway, job["id"])["status"] == "cancelled"


@pytest.mark.parametrize(
    ("name", "fields", "code", "stage"),
    [
        ("pdfminer-aes-256.pdf", {"target_lang": "es"}, "pdf_encrypted", "extract"),
        ("fuzz-small.pdf", {"target_lang": "es"}, "pdf_corrupt", "extract"),
        ("zero-pages.pdf", {"target_lang": "es"}, "pdf_empty", "extract"),
        ("francais-scan.pdf", {"target_lang": "es", "ocr": "off"}, "pdf_no_text", "extract"),
        ("naacl06-shinyama.pdf", {"target_lang": "de"}, "unsupported_language_pair", "translate"),
        (
            "naacl06-shinyama.pdf",
            {"target_lang": "es", "engine": "nosuchengine"},
            "engine_unavailable",
            "translate",
        ),
    ],
)
def test_bad_documents_fail_the_job_with_a_code_and_the_stage(
    gateway: httpx.Client, stack: Stack, corpus, name: str, fields: dict, code: str, stage: str
) -> None:
    response = submit(gateway, corpus(name), name=name, **fields)
    assert response.status_code == 202, response.text
    job = wait_for_job(gateway, response.json()["id"])
    assert job["status"] == "failed"
    assert (job["error"]["code"], job["error"]["stage"]) == (code, stage)
    assert job["error"]["message"]
    assert stack.dead_processes() == []


def test_workers_still_work_after_bad_documents(gateway: httpx.Client, stack: Stack, sample_pdf) -> None:
    pids_before = {p.name: p.pid for p in stack.processes}
    job = wait_for_job(gateway, submit(gateway, sample_pdf, target_lang="es").json()["id"])
    assert job["status"] == "succeeded"
    assert {p.name: p.pid for p in stack.processes} == pids_before
    assert stack.dead_processes() == []
