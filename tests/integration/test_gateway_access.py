"""The gateway's job API without workers: API keys, listing, callback and glossary checks, expiry.

A real gateway process on a real Redis and SQLite; jobs stay queued since no stage worker runs.
"""

import json
import sqlite3
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from docrelay_cli.processes import ManagedProcess, stop_all
from docrelay_cli.readiness import free_port, http_ok, wait_until
from docrelay_common.stages import Stage
from docrelay_gateway.threads import REQUEST_THREADS
from docrelay_jobs.store import JobStore
from docrelay_jobs.tables import utcnow
from tests.support.servers import redis_server

ALICE, BOB, OPS = "alice-key-0123456789", "bob-key-0123456789", "ops-key-0123456789"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gateway-access")


@pytest.fixture(scope="module")
def base_url(data_dir: Path) -> Iterator[str]:
    port = free_port()
    with redis_server() as redis_url:
        env = {
            "PATH": "/usr/bin:/bin",
            "DOCRELAY_DATA_DIR": str(data_dir),
            "DOCRELAY_REDIS_URL": redis_url,
            "DOCRELAY_PORT": str(port),
            "DOCRELAY_API_KEYS": f"{ALICE},{BOB}",
            "DOCRELAY_ADMIN_API_KEYS": OPS,
            "DOCRELAY_METRICS_PORT": "0",
        }
        gateway = ManagedProcess(
            "gateway", [sys.executable, "-m", "docrelay_gateway"], env, data_dir / "gw.log"
        )
        gateway.start()
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until(http_ok(f"{url}/healthz"), "gateway", 30, alive=lambda: gateway.exit_code() is None)
            yield url
        finally:
            stop_all([gateway])


def client(base_url: str, key: str | None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.Client(base_url=base_url, headers=headers, timeout=30)


def submit(http: httpx.Client, pdf: Path, **fields: str) -> httpx.Response:
    files = {"file": ("doc.pdf", pdf.read_bytes(), "application/pdf")}
    return http.post("/v1/jobs", files=files, data={"target_lang": "es", **fields})


def test_without_a_key_every_job_endpoint_answers_401(base_url: str, sample_pdf: Path) -> None:
    with client(base_url, None) as anonymous, client(base_url, "not-a-key") as stranger:
        for http in (anonymous, stranger):
            answer = submit(http, sample_pdf)
            assert answer.status_code == 401 and answer.json()["error"]["code"] == "unauthorized"
            assert http.get("/v1/jobs").status_code == 401
        assert anonymous.get("/healthz").status_code == 200


def test_a_job_belongs_to_the_key_that_created_it(base_url: str, sample_pdf: Path) -> None:
    with client(base_url, ALICE) as alice, client(base_url, BOB) as bob:
        job_id = submit(alice, sample_pdf).json()["id"]
        assert len(job_id) == 32
        assert alice.get(f"/v1/jobs/{job_id}").status_code == 200
        for answer in (
            bob.get(f"/v1/jobs/{job_id}"),
            bob.get(f"/v1/jobs/{job_id}/result"),
            bob.delete(f"/v1/jobs/{job_id}"),
            bob.post(f"/v1/jobs/{job_id}/retry"),
            bob.get(f"/v1/jobs/{job_id}/events"),
        ):
            assert answer.status_code == 404 and answer.json()["error"]["code"] == "job_not_found"
        assert job_id not in {job["id"] for job in bob.get("/v1/jobs").json()["jobs"]}
        assert job_id in {job["id"] for job in alice.get("/v1/jobs").json()["jobs"]}


def test_a_mistyped_path_is_a_missing_route_not_a_missing_job(base_url: str) -> None:
    with client(base_url, ALICE) as alice:
        answer = alice.get("/v1/jbos")
    assert answer.status_code == 404
    assert answer.json()["error"] == {
        "code": "route_not_found",
        "message": "there is no GET /v1/jbos; the API is described at /docs",
    }


def test_admin_endpoints_need_an_admin_key(base_url: str) -> None:
    with client(base_url, ALICE) as alice, client(base_url, OPS) as ops:
        answer = alice.get("/v1/admin/dead-letters")
        assert answer.status_code == 403 and answer.json()["error"]["code"] == "forbidden"
        assert ops.get("/v1/admin/dead-letters").json() == []
        missing = ops.post("/v1/admin/dead-letters/nope/retry")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "dead_letter_not_found"


def test_listing_pages_through_every_job_once_newest_first(base_url: str, sample_pdf: Path) -> None:
    with client(base_url, BOB) as bob:
        created = [submit(bob, sample_pdf).json()["id"] for _ in range(5)]
        seen: list[str] = []
        cursor = None
        while True:
            params: dict[str, str | int] = {"limit": 2, "status": "queued"}
            if cursor:
                params["cursor"] = cursor
            page = bob.get("/v1/jobs", params=params).json()
            seen += [job["id"] for job in page["jobs"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert seen[:5] == list(reversed(created))
        assert len(seen) == len(set(seen))
        assert bob.get("/v1/jobs", params={"status": "succeeded"}).json()["jobs"] == []
        bad = bob.get("/v1/jobs", params={"cursor": "%%%"})
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_request"
        assert bob.get("/v1/jobs", params={"limit": 500}).status_code == 422


def test_a_queued_job_has_an_eta_from_its_page_count_once_known(base_url: str, sample_pdf: Path) -> None:
    with client(base_url, ALICE) as alice:
        job = submit(alice, sample_pdf).json()
        assert job["status"] == "queued" and job["stage"] == "extract"
        # No worker has reported the page count yet: nothing to estimate from.
        assert alice.get(f"/v1/jobs/{job['id']}").json()["eta_seconds"] is None


def test_a_job_that_has_not_ended_tells_its_client_when_to_read_it_again(
    base_url: str, sample_pdf: Path, data_dir: Path
) -> None:
    with client(base_url, ALICE) as alice:
        submitted = submit(alice, sample_pdf)
        job_id = submitted.json()["id"]
        # Nothing is known of its pace yet: soon.
        assert submitted.headers["Retry-After"] == "1"
        assert alice.get(f"/v1/jobs/{job_id}").headers["Retry-After"] == "1"
    jobs = JobStore(f"sqlite:///{data_dir / 'jobs.db'}")
    jobs.fail(job_id, Stage.EXTRACT, "pdf_corrupt", "for the test")
    jobs.close()
    with client(base_url, ALICE) as alice:
        ended = alice.get(f"/v1/jobs/{job_id}")
        assert ended.json()["status"] == "failed" and "Retry-After" not in ended.headers


def test_callback_urls_to_private_addresses_are_refused(base_url: str, sample_pdf: Path) -> None:
    with client(base_url, ALICE) as alice:
        for url in ("http://127.0.0.1:9/hook", "http://169.254.169.254/latest", "ftp://example.com/x"):
            answer = submit(alice, sample_pdf, callback_url=url)
            assert answer.status_code == 422, url
            assert answer.json()["error"]["code"] == "invalid_callback_url"


def test_a_glossary_is_checked_and_stored_for_the_translator(
    base_url: str, sample_pdf: Path, data_dir: Path
) -> None:
    with client(base_url, ALICE) as alice:
        bad = submit(alice, sample_pdf, glossary="only-one-column")
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_glossary"
        good = submit(alice, sample_pdf, glossary="invoice,factura\nPython,Python")
        assert good.status_code == 202, good.text
        stored = data_dir / "artifacts" / "jobs" / good.json()["id"] / "glossary.json"
        assert json.loads(stored.read_text()) == {"invoice": "factura", "Python": "Python"}


def test_an_expired_job_says_so_and_its_result_is_gone(
    base_url: str, sample_pdf: Path, data_dir: Path
) -> None:
    with client(base_url, ALICE) as alice:
        job_id = submit(alice, sample_pdf).json()["id"]
    jobs = JobStore(f"sqlite:///{data_dir / 'jobs.db'}")
    jobs.fail(job_id, Stage.EXTRACT, "pdf_corrupt", "for the test")
    assert jobs.expire_finished_before(utcnow() + timedelta(seconds=1)).count(job_id) == 1
    jobs.close()
    with client(base_url, ALICE) as alice:
        assert alice.get(f"/v1/jobs/{job_id}").json()["status"] == "expired"
        gone = alice.get(f"/v1/jobs/{job_id}/result")
        assert gone.status_code == 410 and gone.json()["error"]["code"] == "job_expired"
        assert alice.post(f"/v1/jobs/{job_id}/retry").json()["error"]["code"] == "job_not_retryable"
        assert alice.delete(f"/v1/jobs/{job_id}").json()["error"]["code"] == "job_already_finished"


def test_a_status_read_answers_while_every_request_thread_waits_on_the_database(
    base_url: str, sample_pdf: Path, data_dir: Path
) -> None:
    # Uploads hold the gateway's request threads until their row is written; reads have threads of
    # their own, so a client following its job is answered even while every upload waits.
    with client(base_url, ALICE) as alice:
        job_id = submit(alice, sample_pdf).json()["id"]
    jobs_dir = data_dir / "artifacts" / "jobs"
    before = set(jobs_dir.iterdir())
    database = sqlite3.connect(data_dir / "jobs.db", isolation_level=None)
    database.execute("BEGIN IMMEDIATE")  # the write lock: no row can be inserted until it is let go
    uploads = REQUEST_THREADS + 4
    with ThreadPoolExecutor(uploads) as pool:
        try:
            answers = [pool.submit(_submit_one, base_url, sample_pdf) for _ in range(uploads)]
            # Each upload is stored before its row is written: every request thread then waits.
            wait_until(
                lambda: len(set(jobs_dir.iterdir()) - before) >= REQUEST_THREADS, "uploads", 5, lambda: True
            )
            with client(base_url, ALICE) as alice:
                # Well within SQLite's 10 s busy timeout, after which the waiting uploads would fail.
                read = alice.get(f"/v1/jobs/{job_id}", timeout=3)
            assert read.status_code == 200 and read.json()["id"] == job_id
        finally:
            database.execute("ROLLBACK")
            database.close()
        assert [answer.result() for answer in answers] == [202] * uploads


def _submit_one(base_url: str, pdf: Path) -> int:
    with client(base_url, ALICE) as alice:
        return submit(alice, pdf).status_code
