"""What a hand-on to a stage puts on the broker: the whole message as the argument, a one-line
summary where Celery would write a repr of it (Flower and the task headers show that)."""

import base64
import json
from typing import Any

import redis

from docrelay_common.celery_app import create_celery_app, send_part, send_to_stage
from docrelay_common.constants import Tone
from docrelay_common.messages import JobOptions, PageRange, StageMessage
from docrelay_common.settings import CommonSettings
from docrelay_common.stages import Stage, queue_name


def _queued(redis_url: str, stage: Stage) -> list[dict[str, Any]]:
    raw = redis.Redis.from_url(redis_url).lrange(queue_name(stage), 0, -1)
    return [json.loads(entry) for entry in raw]


def test_a_hand_on_carries_the_message_and_shows_only_its_job(redis_url: str) -> None:
    app = create_celery_app("hand-on-test", CommonSettings(redis_url=redis_url))
    options = JobOptions(target_lang="es", tone=Tone.FORMAL)
    message = StageMessage(job_id="a" * 32, options=options, artifacts={"source": "jobs/a/source.pdf"})
    send_to_stage(app, Stage.TRANSLATE, message)
    send_part(app, Stage.TRANSLATE, message, PageRange(first=1, last=40))

    # Redis lists are pushed on the left: the first message sent is the last entry.
    part, whole = _queued(redis_url, Stage.TRANSLATE)
    assert whole["headers"]["argsrepr"] == f"job {message.job_id}"
    assert part["headers"]["argsrepr"] == f"job {message.job_id}, pages p00001-00040"
    args, _kwargs, _embed = json.loads(base64.b64decode(whole["body"]))
    assert StageMessage.model_validate(args[0]) == message
    app.close()
