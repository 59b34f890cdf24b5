"""The one Celery base configuration every docrelay process starts from."""

from typing import Any
from urllib.parse import urlsplit

from celery import Celery

from docrelay_common.broker_transport import TRANSPORT_PATH
from docrelay_common.constants import MAINTENANCE_QUEUE, WEBHOOK_TASK
from docrelay_common.messages import PageRange, StageMessage
from docrelay_common.settings import CommonSettings
from docrelay_common.stages import Stage, part_task_id, part_task_name, queue_name, task_id, task_name

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
    # The status service builds the jobs table from these events. Nothing reads task-sent events, and
    # each would cost every submission and hand-on another round trip to Redis.
    "worker_send_task_events": True,
    "task_send_sent_event": False,
    # Results travel through the artifact store, not a result backend.
    "task_ignore_result": True,
    "broker_connection_retry_on_startup": True,
    "worker_hijack_root_logger": False,
    "worker_cancel_long_running_tasks_on_connection_loss": False,
}


# Seconds a dead worker's sweep lock holds back the restoring of killed tasks (broker_transport_options).
UNACKED_MUTEX_EXPIRE = 5


# A stage that finished keeps trying to hand its result on for about three minutes while Redis is
# away (a restart, a failover), instead of failing a job whose work is done.
FORWARD_RETRY_POLICY = {"max_retries": 40, "interval_start": 0.5, "interval_step": 1.0, "interval_max": 5.0}


def create_celery_app(name: str, settings: CommonSettings) -> Celery:
    app = Celery(name, broker=settings.redis_url, set_as_current=False)
    app.conf.update(BASE_CONFIG)
    if urlsplit(settings.redis_url).scheme == "redis":
        app.conf.broker_transport = TRANSPORT_PATH
    app.conf.broker_transport_options = {
        "visibility_timeout": settings.visibility_timeout,
        # Every worker looks for tasks of dead workers (unacknowledged past the visibility timeout) this
        # often; kombu's default sweep runs only every 100 s, slower than a short timeout needs.
        "unacked_restore_interval": max(1, min(10, settings.visibility_timeout // 6)),
        "unacked_restore_throttle": 1,
        # A sweep holds a lock in Redis so that workers do not restore one task twice; a worker killed
        # while it held it left the lock to kombu's default 300 s, and no killed task came back before
        # that (a kill -9 of all four stage workers at once hit it now and then). A sweep takes
        # milliseconds.
        "unacked_mutex_expire": UNACKED_MUTEX_EXPIRE,
    }
    return app


def send_to_stage(app: Celery, stage: Stage, message: StageMessage, *, patient: bool = False) -> None:
    """Hand a job to a stage by task name and queue; the sender never imports the receiver.

    `patient` senders (stages forwarding finished work) ride out a broker outage; the gateway fails fast.
    """
    app.send_task(
        task_name(stage),
        args=[message.model_dump(mode="json")],
        argsrepr=_summary(message),
        queue=queue_name(stage),
        task_id=task_id(message.job_id, stage),
        retry=True,
        retry_policy=FORWARD_RETRY_POLICY if patient else None,
    )


def send_part(app: Celery, stage: Stage, message: StageMessage, part: PageRange) -> None:
    """Queue one page range of a job on its stage's queue, where any replica of the stage may take it."""
    app.send_task(
        part_task_name(stage),
        args=[message.model_dump(mode="json"), part.model_dump(mode="json")],
        argsrepr=f"{_summary(message)}, pages {part.label}",
        queue=queue_name(stage),
        task_id=part_task_id(message.job_id, stage, part.label),
        retry=True,
        retry_policy=FORWARD_RETRY_POLICY,
    )


def _summary(message: StageMessage) -> str:
    """What Flower and the task headers show of a stage task's arguments. Celery would otherwise write
    a safe repr of the whole message, a third of the CPU of each hand-on."""
    return f"job {message.job_id}"


def notify_job_finished(app: Celery, job_id: str) -> None:
    """Queue the webhook delivery of a job that ended; the task does nothing for jobs without one."""
    app.send_task(WEBHOOK_TASK, args=[job_id], queue=MAINTENANCE_QUEUE, task_id=f"{job_id}.webhook")
