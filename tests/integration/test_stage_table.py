"""The pipeline built from the stage table, and every consumer of the table agreeing with it.

A job runs through each stage's real steps (its worker module's `work`), in table order, on a real PDF
and a real artifact directory; each stage must hand on the artifact its row names and read what the row
before it wrote. Then the workers' Celery apps, the CLI's stack, settings, ETA priors and the status
service's queue metrics are checked against the same rows.
"""

import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from docrelay_cli.stack import stage_worker_command
from docrelay_common.artifacts import Artifact, artifact_key
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.messages import JobOptions, StageMessage
from docrelay_common.settings import HARD_LIMIT_GRACE_SECONDS, CommonSettings
from docrelay_common.stages import PIPELINE, STAGES, Stage, input_of, next_stage
from docrelay_jobs.eta import StagePace, stage_paces
from docrelay_jobs.progress import overall_progress
from docrelay_status.metrics import QUEUES
from docrelay_translator.settings import translator_settings
from tests.support.stage import recording_context, run_in_process

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "sample-en.pdf"


def test_the_table_orders_the_pipeline_and_its_weights_fill_the_bar() -> None:
    assert tuple(STAGES) == PIPELINE and len(set(PIPELINE)) == len(Stage)
    assert sum(spec.weight for spec in STAGES.values()) == 100
    assert overall_progress(PIPELINE[-1], 1.0) == 100
    assert [next_stage(stage) for stage in PIPELINE] == [*PIPELINE[1:], None]
    outputs = [spec.output for spec in STAGES.values()]
    assert len(set(outputs)) == len(outputs), "two stages may not write the same artifact"


@pytest.fixture
def without_translation_memory(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This test checks what the stages hand on, not what Redis remembers."""
    monkeypatch.setenv("DOCRELAY_TRANSLATION_CACHE_ENABLED", "false")
    translator_settings.cache_clear()
    yield
    translator_settings.cache_clear()


@pytest.mark.usefixtures("without_translation_memory")
def test_a_job_flows_through_every_stage_as_the_table_says(tmp_path: Path) -> None:
    store = LocalArtifactStore(tmp_path)
    job_id = "table-job"
    source_key = artifact_key(job_id, Artifact.SOURCE)
    store.write_bytes(source_key, SAMPLE.read_bytes())
    options = JobOptions(target_lang="en-XA", source_lang="en", engine="pseudo")
    message = StageMessage(job_id=job_id, options=options, artifacts={Artifact.SOURCE: source_key})
    for stage, spec in STAGES.items():
        assert input_of(stage) in message.artifacts, f"{stage} would find no input"
        work = importlib.import_module(f"{spec.module}.worker").work
        ctx, _ = recording_context(stage, store)
        message = run_in_process(work, message, ctx)
        # A stage with nothing to change (the toner, for the neutral tone) hands its input on as its output.
        assert message.artifacts[spec.output] in (
            artifact_key(job_id, spec.output),
            message.artifacts[input_of(stage)],
        )
        assert all(used in message.artifacts for used in spec.uses if used != Artifact.GLOSSARY)
        if spec.output != Artifact.RESULT:
            assert all(store.exists(message.part_key(spec.output, part)) for part in message.parts)
    assert store.read_bytes(message.artifacts[Artifact.RESULT]).startswith(b"%PDF-")


@pytest.mark.parametrize("stage", list(Stage))
def test_each_worker_serves_the_tasks_and_queue_of_its_row(stage: Stage) -> None:
    spec = STAGES[stage]
    app = importlib.import_module(f"{spec.module}.worker").app
    assert {spec.task, spec.part_task} <= set(app.tasks)
    assert app.conf.task_default_queue == spec.queue
    assert stage_worker_command(stage)[-1] == spec.module


def test_settings_eta_and_status_read_the_same_rows() -> None:
    settings = CommonSettings()
    assert set(settings.time_limits) == set(STAGES)
    assert {stage: settings.soft_time_limit(stage) for stage in STAGES} == {
        stage: spec.time_limit for stage, spec in STAGES.items()
    }
    assert stage_paces([]) == {
        stage: StagePace(0.0, spec.prior_seconds_per_page) for stage, spec in STAGES.items()
    }
    assert {spec.queue for spec in STAGES.values()} <= set(QUEUES)


def test_a_stage_time_limit_comes_from_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCRELAY_TONE_TIME_LIMIT", "7")
    settings = CommonSettings()
    assert settings.soft_time_limit(Stage.TONE) == 7
    assert settings.soft_time_limit(Stage.EXTRACT) == STAGES[Stage.EXTRACT].time_limit
    assert settings.hard_time_limit(Stage.TONE) == 7 + HARD_LIMIT_GRACE_SECONDS


def test_the_hard_limit_follows_the_soft_one_by_the_configured_grace(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCRELAY_HARD_LIMIT_GRACE", "4")
    settings = CommonSettings()
    assert {stage: settings.hard_time_limit(stage) for stage in STAGES} == {
        stage: spec.time_limit + 4 for stage, spec in STAGES.items()
    }
