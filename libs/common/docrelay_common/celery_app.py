"""The one Celery base configuration every docrelay process starts from."""

from typing import Any

from celery import Celery

from docrelay_common.constants import Stage, queue_name, task_id, task_name
from docrelay_common.messages import StageMessage
from docrelay_common.settings import CommonSettings

BASE_CONFIG: dict[str, Any] = {
    # JSON only: a pickle payload from the broker would be remote code execution.
    "task_serializer": "json",
    "accept_content": ["json"],
    "result_serializer": "json",
    "event_serializer": "json",
    # A task is acknowledged only once it finished, and requeued if its worker dies mid-way.
    "task_acks_late": True,
    "task_reject_on_worker_lost": True,
    "worker_prefetch_multiplier": 1,
    # The status service builds the jobs table from these events.
    "worker_send_task_events": True,
    "task_send_sent_event": True,
    # Results travel through the artifact store, not a result backend.
    "task_ignore_result": True,
    "broker_connection_retry_on_startup": True,
    # Longer than the longest hard time limit, so a slow task is not redelivered while it runs.
    "broker_transport_options": {"visibility_timeout": 7200},
    "worker_hijack_root_logger": False,
    "worker_cancel_long_running_tasks_on_connection_loss": False,
}


def create_celery_app(name: str, settings: CommonSettings) -> Celery:
    app = Celery(name, broker=settings.redis_url, set_as_current=False)
    app.conf.update(BASE_CONFIG)
    return app


def send_to_stage(app: Celery, stage: Stage, message: StageMessage) -> None:
    """Hand a job to a stage by task name and queue; the sender never imports the receiver."""
    app.send_task(
        task_name(stage),
        args=[message.model_dump(mode="json")],
        queue=queue_name(stage),
        task_id=task_id(message.job_id, stage),
    )
