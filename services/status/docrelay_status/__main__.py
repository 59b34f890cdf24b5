"""The status service: keeps the jobs table in step with the job ledgers, driven by Celery events."""

import threading
from typing import Any

from prometheus_client import REGISTRY

from docrelay_common.celery_app import create_celery_app, notify_job_finished
from docrelay_common.ledger import JobLedger, ledger_ttl
from docrelay_common.logs import configure_logging
from docrelay_common.long_lived import freeze_long_lived_objects
from docrelay_common.redis_client import connect_redis
from docrelay_common.telemetry import observe_publishing
from docrelay_jobs.store import JobStore
from docrelay_status.config import status_settings
from docrelay_status.events import EventApplier
from docrelay_status.health import serve_health
from docrelay_status.metrics import PipelineCollector, WorkerLiveness
from docrelay_status.pending import PendingSyncs
from docrelay_status.receiver import consume_events
from docrelay_status.sync import JobSynchronizer, reconcile_forever

settings = status_settings()
configure_logging(settings.log_level, settings.log_format)
# The status service publishes webhook tasks: their traces start here.
observe_publishing("docrelay-status")
app = create_celery_app("docrelay-status", settings)
jobs = JobStore(settings.database_url)
ledger = JobLedger(connect_redis(settings.redis_url), ledger_ttl(settings))


def job_finished(job_id: str) -> None:
    job = jobs.get(job_id)
    if job is not None and job.webhook is not None:
        notify_job_finished(app, job_id)


synchronizer = JobSynchronizer(jobs, ledger, settings, job_finished)
liveness = WorkerLiveness()
REGISTRY.register(
    PipelineCollector(jobs.count_by_status, connect_redis(settings.redis_url, attempts=1), liveness)
)
# Events only say which job changed: the consumer queues the job and never waits on the database.
pending = PendingSyncs(synchronizer.sync_many)
pending.start()
applier = EventApplier(synchronizer, pending.add)


def on_event(event: dict[str, Any]) -> None:
    liveness(event)
    applier(event)


ready = threading.Event()
serve_health(settings.status_host, settings.status_port, ready)
threading.Thread(
    target=reconcile_forever,
    args=(synchronizer, settings.reconcile_interval, lambda: False),
    name="reconcile",
    daemon=True,
).start()
freeze_long_lived_objects()
consume_events(app, on_event, ready)
