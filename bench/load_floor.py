"""The floor of `make bench-load`: the stage functions the workers run, called in one process pool.

No broker, no services: each job goes plan -> parts -> finish through every stage of the table, in one
pool process, on an artifact directory. The pool has `nproc` processes, so the floor is what the same
work costs on the same cores when nothing hands anything on.
"""

import logging
import multiprocessing
import os
import secrets
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

from docrelay_common.artifacts import Artifact, artifact_key
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.messages import JobOptions, StageMessage
from docrelay_common.settings import common_settings
from docrelay_common.stage import StageContext, StageWork, part_context
from docrelay_common.stages import PIPELINE, Stage
from docrelay_common.worker_pool import lower_priority


@dataclass(frozen=True)
class FloorResult:
    jobs: int
    pages: int
    seconds: float
    processes: int
    # Seconds of one job alone in a warm process (the stages' own work), median over the lone runs.
    lone_job_seconds: float

    @property
    def jobs_per_second(self) -> float:
        return self.jobs / self.seconds

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds


class _NoEvents:
    """Events go nowhere: the floor has no status service to tell."""

    def send_event(self, type_: str, **fields: Any) -> None:
        return None


def _stage_works() -> dict[Stage, StageWork]:
    # The worker modules: the very functions the Celery tasks call.
    from docrelay_extractor import worker as extractor
    from docrelay_reconstructor import worker as reconstructor
    from docrelay_toner import worker as toner
    from docrelay_translator import worker as translator

    works = [extractor.work, translator.work, toner.work, reconstructor.work]
    return dict(zip(PIPELINE, works, strict=True))


def _settle_candidates() -> None:
    """The detection candidates a live translator would publish, without Redis to read them from."""
    from datetime import UTC, datetime

    from docrelay_common.detection_languages import detection_candidates
    from docrelay_common.engine_catalog import CatalogEntry
    from docrelay_common.language_catalog import translatable_sources
    from docrelay_extractor.candidates import CANDIDATES
    from docrelay_translator.capabilities import capabilities

    entry = CatalogEntry(worker="floor", published_at=datetime.now(UTC), engines=capabilities())
    CANDIDATES.languages = detection_candidates(translatable_sources([entry]))
    CANDIDATES.read_at = float("inf")


_WORKS: dict[Stage, StageWork] = {}


def _init_process(root: str, warm_up_source: str, options: dict[str, Any]) -> None:
    os.environ["DOCRELAY_ARTIFACT_DIR"] = root
    # At the stage workers' priority: on a shared machine both then get the cores the same way.
    lower_priority(common_settings().worker_nice)
    # The workers log to files; here their INFO lines (WeasyPrint's steps) would flood the table.
    logging.disable(logging.INFO)
    _WORKS.update(_stage_works())
    _settle_candidates()
    # Imports, fonts and models load here, once per process, before it takes any measured job.
    run_job(warm_up_source, root, options)


def run_job(source: str, root: str, options: dict[str, Any]) -> tuple[int, float]:
    """One job through every stage in this process; returns its pages and seconds."""
    started = time.perf_counter()
    store = LocalArtifactStore(Path(root))
    job_id = secrets.token_hex(16)
    source_key = artifact_key(job_id, Artifact.SOURCE)
    store.write_file(source_key, Path(source))
    message = StageMessage(
        job_id=job_id, options=JobOptions.model_validate(options), artifacts={Artifact.SOURCE: source_key}
    )
    events = _NoEvents()
    for stage in PIPELINE:
        work = _WORKS[stage]
        ctx = StageContext(stage=stage, store=store, task=events, job_id=job_id)
        plan = work.plan(message, ctx)
        for part in plan.parts:
            work.run_part(plan.message, part, part_context(ctx, part))
        message = work.finish(plan.message, ctx)
    store.delete_job(job_id)
    return message.pages, time.perf_counter() - started


def measure_floor(
    sources: list[Path], options: dict[str, Any], root: Path, processes: int, lone_runs: int = 0
) -> FloorResult:
    """Every source as a job, `processes` at a time; then `lone_runs` jobs of the first source alone."""
    root.mkdir(parents=True, exist_ok=True)
    # Spawned, not forked: this process holds the running stack's Redis connections, which kombu closes
    # in a forked child after the fork, and a child that closes one waiting on a reply hangs for ever.
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        processes, mp_context=spawn, initializer=_init_process, initargs=(str(root), str(sources[0]), options)
    ) as pool:
        # A spawned pool starts a process per job waiting for one: these start them all before the clock.
        started_all = [str(sources[0])] * processes
        list(pool.map(run_job, started_all, repeat(str(root)), repeat(options)))
        started = time.perf_counter()
        done = list(pool.map(run_job, map(str, sources), repeat(str(root)), repeat(options)))
        seconds = time.perf_counter() - started
        lone = [pool.submit(run_job, str(sources[0]), str(root), options).result() for _ in range(lone_runs)]
    lone_seconds = statistics.median(seconds for _, seconds in lone) if lone else 0.0
    return FloorResult(len(sources), sum(pages for pages, _ in done), seconds, processes, lone_seconds)
