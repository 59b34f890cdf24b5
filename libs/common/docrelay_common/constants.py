"""Names every process shares: job and stage states, tones, output and OCR modes, events, maintenance tasks.

Everything about the stages themselves (queues, task names, order) is in `docrelay_common.stages`.
"""

from enum import StrEnum


class Tone(StrEnum):
    NEUTRAL = "neutral"
    FORMAL = "formal"
    INFORMAL = "informal"


class OutputMode(StrEnum):
    """What the result PDF holds: the translation alone, or the original pages beside it."""

    TRANSLATED = "translated"
    # Original and translated page side by side on one page twice as wide.
    BILINGUAL = "bilingual"
    # Each original page followed by its translation.
    ALTERNATING = "alternating"


class OcrMode(StrEnum):
    """When the extractor reads a page's text from its image (Tesseract) instead of its text layer."""

    # Pages without readable text (scans, pictures of text).
    AUTO = "auto"
    OFF = "off"
    # Every page, even one with a text layer: OCR's text replaces it.
    FORCE = "force"


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    # Finished long ago: its result and artifacts were deleted by retention.
    EXPIRED = "expired"


FINAL_STATUSES = frozenset({JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.EXPIRED})


class StageState(StrEnum):
    """One stage of one job, as the ledger and the stages table record it."""

    QUEUED = "queued"
    RUNNING = "running"
    # Failed transiently; another attempt is scheduled.
    RETRYING = "retrying"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


# A message header every publisher sets (Unix time), so a worker can tell how long a task waited.
SENT_AT_HEADER = "docrelay_sent_at"

# Custom Celery events sent by stages (Task.send_event); the status service consumes them.
EVENT_PROGRESS = "docrelay-progress"
EVENT_INFO = "docrelay-info"
EVENT_FAILED = "docrelay-failed"

# Housekeeping tasks (retention, webhook delivery) run on their own queue, beside the stages.
MAINTENANCE_QUEUE = "maintenance"
# Redis hash: dead-letter id -> JSON entry (stage message, error, traceback) of a task that gave up.
DEAD_LETTERS_KEY = "docrelay:dead-letters"
# Maintenance tasks, sent by name like the stages.
RETENTION_TASK = "docrelay.retention"
WEBHOOK_TASK = "docrelay.webhook"
