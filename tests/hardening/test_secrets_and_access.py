"""Secrets and access: only JSON crosses the broker; no secret reaches a log, trace, job row, dead letter or
Flower; Flower and the admin endpoints want credentials; artifact keys cannot leave the store."""

import io
import os
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pikepdf
import pytest

from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.celery_app import create_celery_app
from docrelay_common.redis_client import connect_redis
from docrelay_common.settings import CommonSettings
from docrelay_common.stages import Stage, queue_name, task_name
from tests.hardening.conftest import SECRETS, Hardened, sample, submit
from tests.hardening.helpers import wait_for_jobs
from tests.support.fake_http import Reply
from tests.support.hostile_pdfs import text_pdf
from tests.support.http_receiver import http_receiver

pytestmark = pytest.mark.hardening


class RunsACommand:
    """Unpickling this runs a shell command: what a pickle on the broker could do to a worker."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (os.system, (self.command,))


def eventually(check: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.3)
    raise AssertionError(f"{what} within {timeout:.0f}s")


def test_a_pickled_task_is_refused_and_never_run(
    hardened: Hardened, api: httpx.Client, tmp_path: Path
) -> None:
    stack = hardened.stack
    marker = tmp_path / "the-pickle-ran"
    app = create_celery_app("attacker", CommonSettings(redis_url=stack.redis_url))
    try:
        app.send_task(
            task_name(Stage.EXTRACT),
            args=[RunsACommand(f"touch {marker}")],
            queue=queue_name(Stage.EXTRACT),
            serializer="pickle",
        )
    finally:
        app.close()
    log = stack.process(Stage.EXTRACT.value).log_path
    eventually(
        lambda: "untrusted content of type pickle" in log.read_text(), 30, "the worker refusing the pickle"
    )
    assert not marker.exists()
    follow = submit(api, sample(), target_lang="es", source_lang="en").json()["id"]
    assert wait_for_jobs(api, [follow], timeout=120)[follow]["status"] == "succeeded"


def encrypted(content: bytes, password: str) -> bytes:
    buffer = io.BytesIO()
    with pikepdf.open(io.BytesIO(content)) as pdf:
        pdf.save(buffer, encryption=pikepdf.Encryption(user=password, owner=password))
    return buffer.getvalue()


def redis_contents(redis_url: str) -> str:
    """Every key and value in Redis: queues, ledgers, dead letters, the translation memory."""
    redis = connect_redis(redis_url)
    readers: dict[str, Any] = {
        "string": redis.get,
        "hash": redis.hgetall,
        "list": lambda key: redis.lrange(key, 0, -1),
        "set": redis.smembers,
        "zset": lambda key: redis.zrange(key, 0, -1),
    }
    parts = []
    for key in redis.scan_iter():
        kind = redis.type(key)
        read = readers[kind.decode() if isinstance(kind, bytes) else kind]
        parts.append(f"{key!r}={read(key)!r}")
    redis.close()
    return "\n".join(parts)


def sinks(hardened: Hardened) -> dict[str, str]:
    stack, data_dir = hardened.stack, hardened.stack.config.data_dir
    flower = httpx.get(f"{stack.flower_url}/api/tasks", auth=("flower", SECRETS.flower_password), timeout=30)
    database = b"".join(path.read_bytes() for path in data_dir.glob("jobs.db*"))
    return {
        "logs": "\n".join(path.read_text(errors="replace") for path in stack.config.log_dir.glob("*.log")),
        "traces": "\n".join(repr(span) for span in hardened.traces.received()),
        "job rows": database.decode("latin-1"),
        "redis (queues, ledgers, dead letters)": redis_contents(stack.redis_url),
        "flower task arguments": flower.text,
    }


def test_no_secret_reaches_any_sink(hardened: Hardened, api: httpx.Client) -> None:
    with http_receiver() as webhook:
        fields = {"target_lang": "es", "source_lang": "en", "callback_url": f"{webhook.url}/hook"}
        protected = submit(
            api, encrypted(sample(), SECRETS.pdf_password), password=SECRETS.pdf_password, **fields
        )
        by_openai = submit(api, sample(), engine="openai", **fields)
        # DeepL fails past every retry: the job's message becomes a dead letter. Text of its own, so that
        # the translation memory cannot answer for DeepL.
        hardened.deepl.fail_next(*[Reply(503, b'{"message": "overloaded"}')] * 20)
        unseen = text_pdf([f"A letter to the harbour master, number {uuid.uuid4().hex}."])
        dead = submit(api, unseen, engine="deepl", **fields)
        ids = [answer.json()["id"] for answer in (protected, by_openai, dead)]
        jobs = wait_for_jobs(api, ids, timeout=180)
        webhook.wait_for(3, timeout=60)
    hardened.deepl.scripted.clear()
    assert [jobs[job_id]["status"] for job_id in ids] == ["succeeded", "succeeded", "failed"], jobs
    admin = {"Authorization": f"Bearer {SECRETS.admin_key}"}
    letters = api.get("/v1/admin/dead-letters", headers=admin).json()
    assert any(letter["job_id"] == ids[2] for letter in letters), letters

    found = sinks(hardened)
    assert all(found.values()), [name for name, text in found.items() if not text]
    assert ids[0] in found["flower task arguments"] and ids[0] in found["job rows"]
    leaks = [
        (secret, sink)
        for secret, value in SECRETS.all().items()
        for sink, text in found.items()
        if value in text
    ]
    assert not leaks, leaks


def test_flower_and_the_admin_endpoints_want_credentials(hardened: Hardened) -> None:
    flower = hardened.stack.flower_url
    assert httpx.get(f"{flower}/api/workers", timeout=30).status_code == 401
    wrong = httpx.get(f"{flower}/api/workers", auth=("flower", "guess"), timeout=30)
    assert wrong.status_code == 401
    assert (
        httpx.get(f"{flower}/api/workers", auth=("flower", SECRETS.flower_password), timeout=30).status_code
        == 200
    )

    expected = {
        None: (401, "unauthorized"),
        SECRETS.api_key: (403, "forbidden"),
        SECRETS.admin_key: (200, None),
    }
    for key, (status, code) in expected.items():
        with hardened.client(key) as client:
            for answer in (
                client.get("/v1/admin/dead-letters"),
                client.post("/v1/admin/dead-letters/x/retry"),
            ):
                if status == 200:
                    assert answer.status_code in (200, 404), answer.text
                else:
                    assert (answer.status_code, answer.json()["error"]["code"]) == (status, code)


ESCAPING_KEYS = [
    "../outside",
    "jobs/../../outside",
    "/etc/passwd",
    "jobs//x",
    "jobs/./x",
    "jobs/a/../../../x",
    "",
]


@pytest.mark.parametrize("key", ESCAPING_KEYS)
def test_artifact_keys_cannot_leave_the_store(tmp_path: Path, key: str) -> None:
    store = LocalArtifactStore(tmp_path / "store")
    with pytest.raises(ValueError, match="escapes the store"):
        store.write_bytes(key, b"x")
    with pytest.raises(ValueError, match="escapes the store"):
        store.read_bytes(key)
    assert [path.name for path in tmp_path.iterdir()] == ["store"]


def test_hostile_file_names_stay_names(hardened: Hardened, api: httpx.Client) -> None:
    outside = hardened.stack.config.data_dir / "escaped.pdf"
    answer = submit(api, sample(), name="../../escaped.pdf", target_lang="es", source_lang="en")
    job_id = answer.json()["id"]
    assert wait_for_jobs(api, [job_id], timeout=120)[job_id]["status"] == "succeeded"
    assert not outside.exists()
    stored = list(hardened.stack.config.data_dir.rglob("escaped*"))
    assert stored == [], stored
    result = api.get(f"/v1/jobs/{job_id}/result")
    assert result.status_code == 200 and "/" not in result.headers["content-disposition"]
    for path in (
        "/v1/jobs/..%2F..%2Fjobs.db/result",
        "/v1/jobs/%2Fetc%2Fpasswd",
        "/v1/jobs/../../openapi.json/result",
    ):
        refused = api.get(path)
        assert refused.status_code in (404, 422) and refused.json()["error"]["code"], (path, refused.text)
