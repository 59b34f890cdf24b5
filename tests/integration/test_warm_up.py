"""A stage worker's main process warms up before its pool forks, so every task process starts warm.

A real worker process (tests/support/warm_worker.py, the production `create_stage_app` and
`run_worker`) on a real Redis; each stage's own warm-up on the files it makes.
"""

import io
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pdfplumber
import pytest

from docrelay_common.celery_app import create_celery_app, send_to_stage
from docrelay_common.messages import JobOptions, StageMessage
from docrelay_common.settings import CommonSettings
from docrelay_common.stages import Stage
from docrelay_extractor import warm_up as extractor_warm_up
from docrelay_extractor import worker as extractor_worker
from docrelay_extractor.warm_up import read_warm_up_page
from docrelay_reconstructor import warm_up as reconstructor_warm_up
from docrelay_reconstructor import worker as reconstructor_worker
from docrelay_reconstructor.warm_up import translate_warm_up_page

ROOT = Path(__file__).resolve().parents[2]
# Seconds a worker may take to start (importing Celery, forking its pool) and run one empty task.
TASK_DEADLINE = 60


@pytest.fixture
def warm_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "warm"
    directory.mkdir()
    return directory


@pytest.fixture
def start_worker(
    redis_url: str, warm_dir: Path, tmp_path: Path
) -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "WARM_DIR": str(warm_dir),
            "DOCRELAY_REDIS_URL": redis_url,
            "DOCRELAY_DATA_DIR": str(tmp_path / "data"),
        }
        with (tmp_path / "worker.log").open("wb") as log:
            worker = subprocess.Popen(
                [sys.executable, "-m", "tests.support.warm_worker", "--concurrency=1", "--loglevel=INFO"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.terminate()
        worker.wait(timeout=30)


def _task_seen(redis_url: str, warm_dir: Path) -> dict[str, int | None]:
    app = create_celery_app("warm-up-test", CommonSettings(redis_url=redis_url))
    # A job of its own per test: the ledger ignores a stage that already succeeded for a job.
    message = StageMessage(job_id=uuid.uuid4().hex, options=JobOptions(target_lang="fr"))
    send_to_stage(app, Stage.TONE, message)
    report = warm_dir / "task.json"
    deadline = time.monotonic() + TASK_DEADLINE
    while not report.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert report.exists(), f"the worker ran no task within {TASK_DEADLINE} s"
    seen: dict[str, int | None] = json.loads(report.read_text())
    return seen


def test_a_task_process_has_what_the_main_process_warmed_up(
    start_worker: Callable[[], subprocess.Popen[bytes]], redis_url: str, warm_dir: Path
) -> None:
    worker = start_worker()
    seen = _task_seen(redis_url, warm_dir)
    assert seen["task_pid"] != worker.pid, "the task ran in a pool process, not the worker's main process"
    assert seen["warmed_in"] == worker.pid
    assert seen["frozen"], "what the main process held was frozen out of the collector's reach"


def test_a_worker_whose_warm_up_fails_serves_all_the_same(
    start_worker: Callable[[], subprocess.Popen[bytes]], redis_url: str, warm_dir: Path, tmp_path: Path
) -> None:
    (warm_dir / "fail").touch()
    start_worker()
    seen = _task_seen(redis_url, warm_dir)
    assert seen["warmed_in"] is None
    assert "could not warm up; its task processes start cold" in (tmp_path / "worker.log").read_text()


def test_the_extract_and_reconstruct_workers_warm_up_with_their_own_pages() -> None:
    assert extractor_worker.work.warm_up is extractor_warm_up.warm_up
    assert reconstructor_worker.work.warm_up is reconstructor_warm_up.warm_up


def test_the_extractor_warms_up_on_a_page_read_as_a_job_is() -> None:
    blocks = read_warm_up_page().blocks()
    texts = [block.text for block in blocks]
    assert texts[0] == "Warming up the extractor"
    # The paragraph's two lines are one block, and its language was detected among every language.
    paragraph = next(block for block in blocks if block.style.font == "Times-Roman")
    assert paragraph.line_count == 2
    assert paragraph.text.endswith("as it does for every document.")
    assert paragraph.lang == "en"


def test_the_reconstructor_warms_up_on_a_page_rewritten_as_a_job_is() -> None:
    with pdfplumber.open(io.BytesIO(translate_warm_up_page())) as pdf:
        text = pdf.pages[0].extract_text()
    assert text.count("Une ligne de texte, réécrite dans une autre langue.") == 5
    assert "A line of text" not in text
