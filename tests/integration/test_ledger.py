"""The job ledger against a real Redis: what each writer records, and what a reader makes of it."""

import time
import uuid
from pathlib import Path

import pytest
from redis import Redis

from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.constants import StageState
from docrelay_common.ledger import FinishEnd, JobLedger, ledger_key, ledger_ttl
from docrelay_common.messages import JobOptions, PageRange, StageMessage
from docrelay_common.settings import CommonSettings
from docrelay_common.stage import StageContext, part_context
from docrelay_common.stages import PIPELINE, Stage
from tests.support.stage import RecordingTask

TTL = 3600


@pytest.fixture
def ledger(redis: Redis) -> JobLedger:
    return JobLedger(redis, TTL)


@pytest.fixture
def job_id() -> str:
    return uuid.uuid4().hex


def message(job_id: str, **artifacts: str) -> StageMessage:
    return StageMessage(job_id=job_id, options=JobOptions(target_lang="es"), artifacts=artifacts)


def test_an_unknown_job_has_no_ledger(ledger: JobLedger, job_id: str) -> None:
    assert ledger.read(job_id) is None
    assert ledger.stage(job_id, Stage.EXTRACT) is None


def test_the_submission_is_the_first_stage_input(ledger: JobLedger, job_id: str) -> None:
    submitted = message(job_id, source=f"jobs/{job_id}/source.pdf")
    with ledger.redis.pipeline() as pipe:
        ledger.submitted(submitted, pipe)
        # Queued with the gateway's other keys: nothing is written until the pipeline runs.
        assert ledger.read(job_id) is None
        pipe.execute()
    snapshot = ledger.read(job_id)
    assert snapshot is not None
    assert (snapshot.submitted, snapshot.stages, snapshot.info, snapshot.cancelled) == (
        submitted,
        {},
        {},
        False,
    )
    assert snapshot.first_unfinished() == Stage.EXTRACT
    assert snapshot.input_of(Stage.EXTRACT) == submitted
    assert snapshot.input_of(Stage.TRANSLATE) is None


def test_a_stage_attempt_is_recorded_from_start_to_success(ledger: JobLedger, job_id: str) -> None:
    before = time.time()
    ledger.stage_started(job_id, Stage.EXTRACT, "extract@host", attempt=1)
    running = ledger.stage(job_id, Stage.EXTRACT)
    assert running is not None and running.started_at is not None
    assert (running.state, running.attempts, running.worker, running.finished_at) == (
        StageState.RUNNING,
        1,
        "extract@host",
        None,
    )
    assert before <= running.started_at <= time.time()

    ledger.stage_planned(job_id, Stage.EXTRACT, ["p00001-00005"], 5)
    ledger.part_progress(job_id, Stage.EXTRACT, "p00001-00005", 2)
    progressed = ledger.stage(job_id, Stage.EXTRACT)
    assert progressed is not None and (progressed.state, progressed.done, progressed.total) == (
        StageState.RUNNING,
        2,
        5,
    )

    output = message(job_id, source="s", extracted=f"jobs/{job_id}/extracted.json")
    ledger.stage_succeeded(job_id, Stage.EXTRACT, output)
    snapshot = ledger.read(job_id)
    assert snapshot is not None
    done = snapshot.stages[Stage.EXTRACT]
    assert (done.state, done.output, done.done, done.total, done.error_code) == (
        StageState.SUCCEEDED,
        output,
        2,
        5,
        None,
    )
    assert done.finished_at is not None and done.finished_at >= running.started_at
    assert snapshot.first_unfinished() == Stage.TRANSLATE
    assert snapshot.input_of(Stage.TRANSLATE) == output


def test_a_retry_and_the_next_attempt(ledger: JobLedger, job_id: str) -> None:
    ledger.stage_started(job_id, Stage.TRANSLATE, "translate@a", attempt=1)
    ledger.stage_planned(job_id, Stage.TRANSLATE, ["p00001-00010"], 10)
    ledger.part_progress(job_id, Stage.TRANSLATE, "p00001-00010", 3)
    ledger.stage_retrying(job_id, Stage.TRANSLATE, "engine_unavailable", "the engine did not answer")
    retrying = ledger.stage(job_id, Stage.TRANSLATE)
    assert retrying is not None
    assert (retrying.state, retrying.attempts, retrying.error_code, retrying.error_message) == (
        StageState.RETRYING,
        1,
        "engine_unavailable",
        "the engine did not answer",
    )
    ledger.stage_started(job_id, Stage.TRANSLATE, "translate@b", attempt=2)
    again = ledger.stage(job_id, Stage.TRANSLATE)
    assert again is not None
    # The part's progress stands until the new attempt reports its own.
    assert (again.state, again.attempts, again.worker, again.done, again.total) == (
        StageState.RUNNING,
        2,
        "translate@b",
        3,
        10,
    )


def test_parts_add_up_and_exactly_one_finisher_is_chosen(ledger: JobLedger, job_id: str) -> None:
    labels = ["p00001-00040", "p00041-00080", "p00081-00100"]
    ledger.stage_started(job_id, Stage.TRANSLATE, "translate@a", attempt=1)
    ledger.stage_planned(job_id, Stage.TRANSLATE, labels, 100)
    ledger.part_progress(job_id, Stage.TRANSLATE, labels[0], 12.5)
    ledger.part_progress(job_id, Stage.TRANSLATE, labels[1], 20)
    record = ledger.stage(job_id, Stage.TRANSLATE)
    assert record is not None and (record.parts, record.done, record.total) == (labels, 32, 100)

    assert ledger.part_finished(job_id, Stage.TRANSLATE, labels[1], 40, "translate@b") == {labels[1]}
    assert ledger.part_finished(job_id, Stage.TRANSLATE, labels[0], 40, "translate@a") == set(labels[:2])
    finished = ledger.part_finished(job_id, Stage.TRANSLATE, labels[2], 20, "translate@b")
    assert finished == set(labels)
    record = ledger.stage(job_id, Stage.TRANSLATE)
    assert record is not None and record.done == 100
    assert record.finished_parts == {
        labels[0]: "translate@a",
        labels[1]: "translate@b",
        labels[2]: "translate@b",
    }

    # The one claimant finishes; asking again (a redelivery of its task) is still yes; others are refused.
    assert ledger.claim_finish(job_id, Stage.TRANSLATE, "task-3")
    assert ledger.claim_finish(job_id, Stage.TRANSLATE, "task-3")
    assert not ledger.claim_finish(job_id, Stage.TRANSLATE, "task-1")
    # A resumed stage may be finished again, by whoever gets there; its finished parts stay finished.
    ledger.reopen(job_id, Stage.TRANSLATE)
    assert ledger.claim_finish(job_id, Stage.TRANSLATE, "task-9")
    record = ledger.stage(job_id, Stage.TRANSLATE)
    assert record is not None and set(record.finished_parts) == set(labels)


def test_a_failure_keeps_its_code_and_a_bounded_message(ledger: JobLedger, job_id: str) -> None:
    ledger.stage_started(job_id, Stage.EXTRACT, "extract@host", attempt=1)
    ledger.stage_failed(job_id, Stage.EXTRACT, "pdf_corrupt", "x" * 5000)
    failed = ledger.stage(job_id, Stage.EXTRACT)
    assert failed is not None and failed.finished_at is not None
    assert (failed.state, failed.error_code, failed.error_message) == (
        StageState.FAILED,
        "pdf_corrupt",
        "x" * 2000,
    )
    snapshot = ledger.read(job_id)
    assert snapshot is not None and snapshot.first_unfinished() == Stage.EXTRACT


def test_a_failed_stage_keeps_its_first_failure_against_a_stale_copy_of_its_task(
    ledger: JobLedger, job_id: str
) -> None:
    # Two copies of one task (the original and a redelivered one) each give up, one after the other.
    assert ledger.stage_started(job_id, Stage.EXTRACT, "extract@a", attempt=4, began="plan") == 1
    assert ledger.stage_failed(job_id, Stage.EXTRACT, "worker_lost", "died 3 times")
    # The later copy's start neither reopens the stage nor counts an attempt; its give-up is not kept.
    assert ledger.stage_started(job_id, Stage.EXTRACT, "extract@b", attempt=5, began="plan") is None
    assert ledger.part_started(job_id, Stage.EXTRACT, "extract@b", "p00001-00002") is None
    assert not ledger.stage_failed(job_id, Stage.EXTRACT, "worker_lost", "died 4 times")
    # A copy that started before the failure neither retries nor succeeds over it, and its finish learns
    # that the stage failed: it hands nothing on.
    assert not ledger.stage_retrying(job_id, Stage.EXTRACT, "engine_unavailable", "down")
    assert not ledger.stage_succeeded(job_id, Stage.EXTRACT, None)
    ledger.step_began(job_id, Stage.EXTRACT, "finish")
    assert ledger.finish_ended(job_id, Stage.EXTRACT, "finish") == FinishEnd(cancelled=False, failed=True)
    failed = ledger.stage(job_id, Stage.EXTRACT)
    assert failed is not None
    assert (failed.state, failed.attempts, failed.worker, failed.error_message) == (
        StageState.FAILED,
        4,
        "extract@a",
        "died 3 times",
    )
    # Resumed, the stage starts again.
    ledger.reopen(job_id, Stage.EXTRACT)
    assert ledger.stage_started(job_id, Stage.EXTRACT, "extract@c", attempt=5, began="plan") == 1
    running = ledger.stage(job_id, Stage.EXTRACT)
    assert running is not None and (running.state, running.attempts) == (StageState.RUNNING, 5)


def test_reopen_queues_a_failed_stage_again(ledger: JobLedger, job_id: str) -> None:
    submitted = message(job_id, source="s")
    with ledger.redis.pipeline() as pipe:
        ledger.submitted(submitted, pipe)
        pipe.execute()
    output = message(job_id, source="s", extracted="e")
    ledger.stage_started(job_id, Stage.EXTRACT, "w", attempt=1)
    ledger.stage_succeeded(job_id, Stage.EXTRACT, output)
    ledger.stage_started(job_id, Stage.TRANSLATE, "w", attempt=1)
    ledger.stage_failed(job_id, Stage.TRANSLATE, "engine_unavailable", "down")

    ledger.reopen(job_id, Stage.TRANSLATE)
    snapshot = ledger.read(job_id)
    assert snapshot is not None
    reopened = snapshot.stages[Stage.TRANSLATE]
    assert (reopened.state, reopened.error_code, reopened.error_message, reopened.finished_at) == (
        StageState.QUEUED,
        None,
        None,
        None,
    )
    # The attempts so far still count; the resumed stage gets what the extractor left.
    assert reopened.attempts == 1
    assert snapshot.stages[Stage.EXTRACT].state == StageState.SUCCEEDED
    assert snapshot.first_unfinished() == Stage.TRANSLATE
    assert snapshot.input_of(Stage.TRANSLATE) == output


def test_a_job_whose_stages_all_succeeded_has_nothing_left_to_run(ledger: JobLedger, job_id: str) -> None:
    for stage in PIPELINE:
        ledger.stage_started(job_id, stage, "w", attempt=1)
        ledger.stage_succeeded(job_id, stage, None)
    snapshot = ledger.read(job_id)
    assert snapshot is not None and snapshot.first_unfinished() is None
    assert snapshot.stages[Stage.RECONSTRUCT].output is None


def test_cancel_flags_the_job_and_leaves_its_stages_as_they_were(ledger: JobLedger, job_id: str) -> None:
    ledger.stage_started(job_id, Stage.TONE, "tone@host", attempt=1)
    # A stage's finish learns of a cancel as its step ends.
    ledger.step_began(job_id, Stage.TONE, "finish")
    assert ledger.finish_ended(job_id, Stage.TONE, "finish") == FinishEnd(cancelled=False, failed=False)
    ledger.step_began(job_id, Stage.TONE, "finish")
    ledger.cancel(job_id)
    assert ledger.finish_ended(job_id, Stage.TONE, "finish") == FinishEnd(cancelled=True, failed=False)
    snapshot = ledger.read(job_id)
    assert snapshot is not None and snapshot.cancelled is True
    assert snapshot.stages[Stage.TONE].state == StageState.RUNNING
    assert snapshot.stages[Stage.TONE].running == {}


def test_info_fields_merge_and_a_later_value_wins(ledger: JobLedger, job_id: str) -> None:
    ledger.info(job_id, pages=3, source_lang="en", pages_without_text=[2], notices=[])
    ledger.info(job_id, engine="apertium", source_lang="fr")
    snapshot = ledger.read(job_id)
    assert snapshot is not None
    assert snapshot.info == {
        "pages": 3,
        "source_lang": "fr",
        "pages_without_text": [2],
        "notices": [],
        "engine": "apertium",
    }
    assert snapshot.stages == {}
    # The info alone, and the notices alone, read without the stages' records.
    ledger.stage_started(job_id, Stage.EXTRACT, "w", attempt=1)
    assert ledger.info_of(job_id) == snapshot.info
    assert ledger.notices(job_id) == []


def test_every_write_sets_and_refreshes_the_ttl(ledger: JobLedger, redis: Redis, job_id: str) -> None:
    key = ledger_key(job_id)
    ledger.stage_started(job_id, Stage.EXTRACT, "w", attempt=1)
    assert TTL - 5 <= redis.ttl(key) <= TTL
    redis.expire(key, 10)
    ledger.part_progress(job_id, Stage.EXTRACT, "p00001-00002", 1)
    assert TTL - 5 <= redis.ttl(key) <= TTL
    redis.expire(key, 10)
    ledger.cancel(job_id)
    assert TTL - 5 <= redis.ttl(key) <= TTL
    redis.expire(key, 10)
    ledger.stage_failed(job_id, Stage.EXTRACT, "pdf_corrupt", "bad")
    assert TTL - 5 <= redis.ttl(key) <= TTL


def test_a_ledger_outlives_retention_by_a_day() -> None:
    assert ledger_ttl(CommonSettings(retention_seconds=600)) == 600 + 24 * 3600


def test_notices_of_later_stages_add_to_the_earlier_ones(
    ledger: JobLedger, job_id: str, tmp_path: Path
) -> None:
    task = RecordingTask()
    extract = StageContext(Stage.EXTRACT, LocalArtifactStore(tmp_path), task, job_id, ledger)
    assumed = "the language was not detected: taken to be es"
    extract.notice(assumed)
    translate = StageContext(Stage.TRANSLATE, LocalArtifactStore(tmp_path), task, job_id, ledger)
    translate.notice("1 block in en translated from en", "the language was not detected: taken to be es")
    snapshot = ledger.read(job_id)
    assert snapshot is not None
    assert snapshot.info["notices"] == [assumed, "1 block in en translated from en"]


def test_a_notice_reads_only_the_notices_and_nothing_when_it_has_nothing_to_add(
    ledger: JobLedger, redis: Redis, job_id: str, tmp_path: Path
) -> None:
    task = RecordingTask()
    extract = StageContext(Stage.EXTRACT, LocalArtifactStore(tmp_path), task, job_id, ledger)
    before = _commands(redis)
    extract.notice()
    assert _commands(redis) == before and task.events == []
    extract.notice("page 2 could not be read")
    extract.notice("page 2 could not be read")
    assert ledger.notices(job_id) == ["page 2 could not be read"]
    used = {name: calls - before.get(name, 0) for name, calls in _commands(redis).items()}
    # The notices field read by each notice and the check; one write; never the whole ledger.
    assert (used.get("hget"), used.get("hset"), used.get("hgetall", 0)) == (3, 1, 0)


def test_progress_told_again_unchanged_is_not_written_again(
    ledger: JobLedger, redis: Redis, job_id: str, tmp_path: Path
) -> None:
    task = RecordingTask()
    context = StageContext(Stage.RECONSTRUCT, LocalArtifactStore(tmp_path), task, job_id, ledger)
    rendering = part_context(context, PageRange(first=1, last=4))
    before = _commands(redis)
    # A step that tells its last page twice (once as it renders it, once as it returns).
    for done in (2, 4, 4):
        rendering.progress(done, 4)
    used = {name: calls - before.get(name, 0) for name, calls in _commands(redis).items()}
    assert (used.get("hset"), task.progress()) == (2, [(2, 4), (4, 4)])
    record = ledger.stage(job_id, Stage.RECONSTRUCT)
    assert record is not None and record.done == 4


def _commands(redis: Redis) -> dict[str, int]:
    """How often Redis ran each command so far (INFO itself left out)."""
    stats = redis.info("commandstats")
    return {
        name.removeprefix("cmdstat_"): fields["calls"]
        for name, fields in stats.items()
        if name != "cmdstat_info" and fields["calls"]
    }
