"""Housekeeping on its own queue: retention (scheduled by an embedded Celery Beat) and webhooks.

Run exactly one: `python -m docrelay_status.maintenance` starts a worker on the maintenance queue
with Beat inside it; a second Beat would schedule retention twice (harmless, but wasteful).
"""

import json
import logging
import random
import sys
from datetime import timedelta
from typing import Any

import httpx
from celery import Celery, Task

from docrelay_common.artifact_backends import open_artifact_store
from docrelay_common.celery_app import create_celery_app
from docrelay_common.constants import MAINTENANCE_QUEUE, RETENTION_TASK, WEBHOOK_TASK
from docrelay_common.dead_letters import DeadLetterStore
from docrelay_common.logs import configure_logging
from docrelay_common.redis_client import connect_redis
from docrelay_common.worker_observability import observe_worker
from docrelay_jobs.store import JobStore
from docrelay_jobs.tables import utcnow
from docrelay_jobs.webhooks import EVENT_HEADER, SIGNATURE_HEADER, CallbackRefused, check_callback_url, sign
from docrelay_status.config import StatusSettings, status_settings

logger = logging.getLogger(__name__)


def create_maintenance_app(settings: StatusSettings) -> Celery:
    app = create_celery_app("docrelay-maintenance", settings)
    app.conf.task_default_queue = MAINTENANCE_QUEUE
    app.conf.beat_schedule = {
        "retention": {
            "task": RETENTION_TASK,
            "schedule": timedelta(seconds=settings.retention_interval),
            "options": {"queue": MAINTENANCE_QUEUE},
        }
    }
    jobs = JobStore(settings.database_url)
    store = open_artifact_store(settings)
    dead_letters = DeadLetterStore(connect_redis(settings.redis_url))

    @app.task(name=RETENTION_TASK, shared=False)
    def expire_old_jobs() -> int:
        """Jobs that ended more than the retention period ago lose their artifacts and say `expired`."""
        expired = jobs.expire_finished_before(utcnow() - timedelta(seconds=settings.retention_seconds))
        for job_id in expired:
            store.delete_job(job_id)
            dead_letters.remove_job(job_id)
        if expired:
            logger.info("retention expired %d jobs", len(expired))
        return len(expired)

    @app.task(name=WEBHOOK_TASK, bind=True, max_retries=settings.webhook_max_retries, shared=False)
    def deliver_webhook(task: Task, job_id: str) -> None:
        job = jobs.get(job_id)
        if job is None or job.webhook is None:
            return
        url = job.webhook.url
        body = json.dumps({"event": "job.finished", "job": job.model_dump(mode="json")}).encode()
        try:
            check_callback_url(url, settings.webhook_allow_private)
            _post(url, body, settings.webhook_secret.get_secret_value(), settings.webhook_timeout)
        except CallbackRefused as exc:
            logger.warning("job %s: webhook to %s refused: %s", job_id, url, exc)
            jobs.webhook_attempted(job_id, "failed")
            return
        except (httpx.HTTPError, _DeliveryRefused) as exc:
            final = task.request.retries >= task.max_retries
            jobs.webhook_attempted(job_id, "failed" if final else "pending")
            if final:
                logger.warning("job %s: webhook to %s failed for good: %s", job_id, url, exc)
                return
            raise task.retry(exc=exc, countdown=_backoff(task.request.retries)) from exc
        jobs.webhook_attempted(job_id, "delivered")

    return app


class _DeliveryRefused(Exception):
    """The receiver answered, but not with 2xx."""


def _post(url: str, body: bytes, secret: str, timeout: float) -> None:
    headers: dict[str, Any] = {"Content-Type": "application/json", EVENT_HEADER: "job.finished"}
    if secret:
        headers[SIGNATURE_HEADER] = sign(body, secret)
    # No redirects: a redirect could point the signed body at an address check_callback_url refuses.
    response = httpx.post(url, content=body, headers=headers, timeout=timeout, follow_redirects=False)
    if not response.is_success:
        raise _DeliveryRefused(f"HTTP {response.status_code}")


def _backoff(retries: int) -> float:
    """Exponential with full jitter, 1 s up to 10 min."""
    return random.uniform(1, min(600, 2 ** (retries + 1)))


def main(argv: list[str]) -> None:
    # First: prometheus_client picks its multiprocess mode when it is first imported.
    observe_worker(MAINTENANCE_QUEUE, "docrelay-maintenance")
    settings = status_settings()
    configure_logging(settings.log_level, settings.log_format)
    app = create_maintenance_app(settings)
    schedule = settings.data_dir / "celerybeat-schedule"
    schedule.parent.mkdir(parents=True, exist_ok=True)
    app.worker_main(
        [
            "worker",
            "--beat",
            f"--schedule={schedule}",
            f"--queues={MAINTENANCE_QUEUE}",
            "--hostname=maintenance@%h",
            "--concurrency=2",
            *argv,
        ]
    )


if __name__ == "__main__":
    main(sys.argv[1:])
