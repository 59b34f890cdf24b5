"""Dead letters: stage messages that failed for good after their last retry, kept for an operator.

Redis has no native dead-letter exchange, so the stage wrapper stores the message itself, with the
error and traceback, in one hash; an operator lists them and re-enqueues one once the fault is fixed.
"""

import secrets
import time
from typing import Any

from pydantic import BaseModel, Field
from redis import Redis

from docrelay_common.constants import DEAD_LETTERS_KEY
from docrelay_common.stages import Stage


class DeadLetter(BaseModel):
    id: str = Field(default_factory=lambda: secrets.token_hex(8))
    job_id: str
    stage: Stage
    # The stage message as the task received it: re-enqueued unchanged.
    message: dict[str, Any]
    error_code: str
    error_message: str
    traceback: str
    attempts: int
    failed_at: float = Field(default_factory=time.time)


class DeadLetterStore:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    def add(self, letter: DeadLetter) -> None:
        self.redis.hset(DEAD_LETTERS_KEY, letter.id, letter.model_dump_json())

    def all(self) -> list[DeadLetter]:
        """Every dead letter, oldest first."""
        letters = [DeadLetter.model_validate_json(raw) for raw in self.redis.hvals(DEAD_LETTERS_KEY)]
        return sorted(letters, key=lambda letter: letter.failed_at)

    def get(self, letter_id: str) -> DeadLetter | None:
        raw = self.redis.hget(DEAD_LETTERS_KEY, letter_id)
        return DeadLetter.model_validate_json(raw) if raw else None

    def remove(self, letter_id: str) -> bool:
        return bool(self.redis.hdel(DEAD_LETTERS_KEY, letter_id))

    def remove_job(self, job_id: str) -> None:
        """Forget a job's dead letters (it was cancelled, resumed or expired)."""
        stale = [letter.id for letter in self.all() if letter.job_id == job_id]
        if stale:
            self.redis.hdel(DEAD_LETTERS_KEY, *stale)
