"""Large jobs in page ranges: the replicas of a stage share one job, and a failed range resumes alone.

The stack runs two workers per stage and cuts jobs into ranges of 4 pages, so the 18 pages of
dmca.pdf make 5 ranges per stage. The stage workers are the real ones behind the chaos knobs.
"""

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pdfplumber
import pytest
from redis import Redis

from docrelay_common.ledger import JobLedger, LedgerSnapshot
from docrelay_common.stages import Stage
from tests.e2e.chaos import ChaosStack, calm_client, chaos_stack, stage_entry
from tests.e2e.conftest import submit
from tests.e2e.helpers import wait_for_job
from tests.support.servers import redis_server

RANGES = ["p00001-00004", "p00005-00008", "p00009-00012", "p00013-00016", "p00017-00018"]
# Pseudo-localization: quick, and its accented letters show which text was translated.
PSEUDO = {"target_lang": "en-XA", "source_lang": "en"}


@pytest.fixture(scope="module")
def chaos(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ChaosStack, JobLedger]]:
    with redis_server() as redis_url:
        data_dir = tmp_path_factory.mktemp("ranges")
        # No test here kills a worker, so nothing needs a quick redelivery; a loaded machine can keep a
        # range waiting in a worker's prefetch for longer than the chaos stack's 12 s, and it would run twice.
        env = {"DOCRELAY_PAGES_PER_PART": "4", "DOCRELAY_VISIBILITY_TIMEOUT": "300"}
        with chaos_stack(data_dir, redis_url, env, replicas=2) as stack:
            yield stack, JobLedger(Redis.from_url(redis_url), 3600)


def ledger_of(ledger: JobLedger, job_id: str) -> LedgerSnapshot:
    snapshot = ledger.read(job_id)
    assert snapshot is not None
    return snapshot


def result_pages(gateway: httpx.Client, job_id: str, tmp_path: Path) -> list[str]:
    result = tmp_path / "result.pdf"
    result.write_bytes(gateway.get(f"/v1/jobs/{job_id}/result").content)
    with pdfplumber.open(result) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_two_replicas_share_every_stage_of_one_job(
    chaos: tuple[ChaosStack, JobLedger], corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    stack, ledger = chaos
    with calm_client(stack) as gateway:
        # Slow ranges keep one worker busy while the other takes the next range.
        for stage in (Stage.EXTRACT, Stage.TRANSLATE, Stage.RECONSTRUCT):
            stack.delay(stage, 0.5)
        job_id = submit(gateway, corpus("dmca.pdf"), **PSEUDO).json()["id"]
        job = wait_for_job(gateway, job_id)

        assert (job["status"], job["pages"], job["progress"]) == ("succeeded", 18, 100)
        snapshot = ledger_of(ledger, job_id)
        for stage in (Stage.EXTRACT, Stage.TRANSLATE, Stage.RECONSTRUCT):
            record = snapshot.stages[stage]
            assert (record.parts, sorted(record.finished_parts)) == (RANGES, RANGES)
            assert (record.done, record.total) == (18, 18)
            workers = {str(worker).split("@")[0] for worker in record.finished_parts.values()}
            assert workers == {stage.value, f"{stage.value}-2"}, f"{stage}: {record.finished_parts}"
            assert sorted(stack.runs(stage)) == RANGES
        entry = stage_entry(job, Stage.TRANSLATE)
        assert entry is not None and (entry["done"], entry["total"]) == (18, 18)
        # The neutral tone has nothing to do: no range runs.
        assert snapshot.stages[Stage.TONE].parts == RANGES and stack.runs(Stage.TONE) == []

        pages = result_pages(gateway, job_id, tmp_path)
        assert len(pages) == 18
        # Every range's pages came back translated, in their places.
        for number in (1, 5, 12, 18):
            assert "ţĥé" in pages[number - 1].lower(), f"page {number}: {pages[number - 1][:200]}"


def test_a_failed_range_is_the_only_one_run_again(
    chaos: tuple[ChaosStack, JobLedger], corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    stack, ledger = chaos
    with calm_client(stack) as gateway:
        stack.fault(Stage.RECONSTRUCT, parts=[RANGES[2]])
        job_id = submit(gateway, corpus("dmca.pdf"), **PSEUDO).json()["id"]
        failed = wait_for_job(gateway, job_id)
        assert (failed["status"], failed["error"]["stage"]) == ("failed", "reconstruct")
        record = ledger_of(ledger, job_id).stages[Stage.RECONSTRUCT]
        assert RANGES[2] not in record.finished_parts

        stack.fault(Stage.RECONSTRUCT, on=False)
        ran_before = stack.runs(Stage.RECONSTRUCT)
        assert gateway.post(f"/v1/jobs/{job_id}/retry").status_code == 202
        job = wait_for_job(gateway, job_id)

        assert job["status"] == "succeeded"
        ran_again = stack.runs(Stage.RECONSTRUCT)[len(ran_before) :]
        # The other ranges finished before the failure (or, still queued then, after it): none twice.
        finished_first = set(record.finished_parts)
        assert RANGES[2] in ran_again and not finished_first & set(ran_again)
        assert sorted(set(stack.runs(Stage.RECONSTRUCT))) == RANGES
        assert len(result_pages(gateway, job_id, tmp_path)) == 18
