"""Typed failures with stable codes: transient ones are retried, permanent ones fail the job at once."""

from enum import StrEnum


class ErrorCode(StrEnum):
    # input documents
    PDF_ENCRYPTED = "pdf_encrypted"
    PDF_CORRUPT = "pdf_corrupt"
    PDF_NO_TEXT = "pdf_no_text"
    PDF_EMPTY = "pdf_empty"
    PDF_TOO_MANY_PAGES = "pdf_too_many_pages"
    # translation
    UNSUPPORTED_LANGUAGE_PAIR = "unsupported_language_pair"
    LANGUAGE_UNDETECTED = "language_undetected"
    ENGINE_UNAVAILABLE = "engine_unavailable"
    ENGINE_ERROR = "engine_error"
    # More characters than DOCRELAY_MAX_CHARS_PER_JOB for an engine that bills by the character.
    CHAR_LIMIT_EXCEEDED = "char_limit_exceeded"
    # pipeline
    ARTIFACT_MISSING = "artifact_missing"
    STAGE_TIMEOUT = "stage_timeout"
    RENDER_FAILED = "render_failed"
    # A task needed more memory than the worker's cap (DOCRELAY_WORKER_MAX_MEMORY_MB).
    MEMORY_LIMIT_EXCEEDED = "memory_limit_exceeded"
    INTERNAL_ERROR = "internal_error"
    # The worker running the stage died and the task was never redelivered.
    WORKER_LOST = "worker_lost"
    # HTTP API
    INVALID_REQUEST = "invalid_request"
    NOT_A_PDF = "not_a_pdf"
    EMPTY_FILE = "empty_file"
    PDF_PASSWORD_INCORRECT = "pdf_password_incorrect"
    FILE_TOO_LARGE = "file_too_large"
    JOB_NOT_FOUND = "job_not_found"
    # No endpoint at that path (a mistyped URL), as opposed to a job that does not exist.
    ROUTE_NOT_FOUND = "route_not_found"
    RESULT_NOT_READY = "result_not_ready"
    # A page preview was asked for a page the document does not have.
    PAGE_OUT_OF_RANGE = "page_out_of_range"
    UNAVAILABLE = "service_unavailable"
    # At start-up: the jobs tables match no migration (an operator's error, not a user's).
    DATABASE_SCHEMA_UNKNOWN = "database_schema_unknown"
    INVALID_GLOSSARY = "invalid_glossary"
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    JOB_EXPIRED = "job_expired"
    JOB_NOT_RETRYABLE = "job_not_retryable"
    JOB_ALREADY_FINISHED = "job_already_finished"
    DEAD_LETTER_NOT_FOUND = "dead_letter_not_found"
    INVALID_CALLBACK_URL = "invalid_callback_url"


class DocrelayError(Exception):
    """A failure a user can act on: a stable code plus a human message."""

    transient = False

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[type["DocrelayError"], tuple[ErrorCode, str]]:
        # Celery pickles a task's exception to test it; without this it gets a stand-in wrapper type
        # that loses the code and defeats `throws=(DocrelayError,)`.
        return (type(self), (self.code, self.message))


class PermanentError(DocrelayError):
    """Retrying cannot help (corrupt input, unsupported language pair): fail the job now."""


class TransientError(DocrelayError):
    """May succeed on a later attempt (engine overloaded, network blip): retry with backoff."""

    transient = True
