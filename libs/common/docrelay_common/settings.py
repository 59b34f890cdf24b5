"""Configuration shared by every service, read once from `DOCRELAY_*` environment variables."""

import os
from functools import cache
from pathlib import Path
from typing import Any, Self

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from docrelay_common.logs import LogFormat
from docrelay_common.stages import STAGES, Stage

# Hard limit = soft limit + grace, so the soft limit can fail the job cleanly first (the default grace).
HARD_LIMIT_GRACE_SECONDS = 30


class CommonSettings(BaseSettings):
    """Settings every process needs; services subclass this and add their own."""

    model_config = SettingsConfigDict(env_prefix="DOCRELAY_", extra="ignore")

    # Where the embedded defaults keep their state: the jobs table and the artifact store.
    data_dir: Path = Path.home() / ".local" / "share" / "docrelay"
    redis_url: str = "redis://127.0.0.1:6379/0"
    # Empty means "SQLite file inside data_dir"; set a postgresql+psycopg:// URL for production.
    database_url: str = ""
    # Empty means "artifacts directory inside data_dir"; every process must see the same directory.
    artifact_dir: Path | None = None
    # Overrides artifact_dir: file:///abs/path (a shared directory) or s3://bucket/prefix (S3, MinIO).
    # An empty s3_endpoint_url means AWS; credentials come from the standard AWS_* variables.
    artifact_url: str = ""
    s3_endpoint_url: str = ""
    log_level: str = "INFO"
    # "json" writes one JSON object per line, with job_id, trace_id and span_id, for log collectors.
    log_format: LogFormat = "text"

    # Jobs are cut into ranges of this many pages; each range is one task that any replica may take, so
    # replicas share a large job and a worker holds one range, not the document, in memory.
    pages_per_part: int = Field(default=40, ge=1)
    # A PDF with more pages fails at once with pdf_too_many_pages, before any page is read.
    max_pages: int = Field(default=5000, ge=1)

    # Soft time limit (seconds) per stage, from DOCRELAY_<STAGE>_TIME_LIMIT or the stage table; the soft
    # limit fails the job with stage_timeout, the hard one (hard_limit_grace seconds later) kills the task.
    time_limits: dict[Stage, int] = Field(default_factory=dict)
    hard_limit_grace: int = Field(default=HARD_LIMIT_GRACE_SECONDS, ge=1)
    # Address space (MB) each task process of a stage worker may use (RLIMIT_AS); past it the job fails
    # with memory_limit_exceeded and the next task gets a fresh process. 0: no cap.
    worker_max_memory_mb: int = Field(default=3072, ge=0)
    # Transient failures are retried this many times with exponential backoff and jitter.
    max_retries: int = 5
    retry_backoff_max: int = 120
    # A task whose worker died unnoticed is redelivered after this many seconds. Keep it above the
    # longest hard time limit: a task running longer is delivered a second time while it runs (stages
    # are idempotent, so the result is the same, but the work is done twice).
    visibility_timeout: int = 3600

    # Stage workers lower their CPU priority to this niceness (never raising it), so that the gateway
    # and the status service answer at once while the workers keep every core busy; 0: unchanged.
    worker_nice: int = Field(default=10, ge=0, le=19)
    # A stage worker's pool of task processes, sized by Celery's autoscaler: at least the minimum, more
    # while tasks wait in its queue, back down after 30 s idle. 0 as the maximum: the worker's cores.
    # A `--concurrency` on the worker's command line fixes the pool instead.
    worker_min_processes: int = Field(default=1, ge=1)
    worker_max_processes: int = Field(default=0, ge=0)

    # Finished jobs, their artifacts and ledgers are deleted this long after they finished.
    retention_seconds: int = 7 * 24 * 3600
    # How often the status service reconciles unfinished jobs with the ledger.
    reconcile_interval: float = 15.0

    # Webhooks: HMAC-SHA256 key for the X-Docrelay-Signature header; deliveries retry with backoff.
    webhook_secret: SecretStr = SecretStr("")
    webhook_max_retries: int = 8
    webhook_timeout: float = 10.0
    # Callback URLs that resolve to loopback, link-local or private addresses are refused unless set.
    webhook_allow_private: bool = False

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower_case_format(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (
            init_settings,
            env_settings,
            _StageTimeLimits(settings_cls),
            dotenv_settings,
            file_secret_settings,
        )

    @field_validator("time_limits", mode="after")
    @classmethod
    def _every_stage_limited(cls, limits: dict[Stage, int]) -> dict[Stage, int]:
        return {stage: limits.get(stage, spec.time_limit) for stage, spec in STAGES.items()}

    @model_validator(mode="after")
    def _derive_paths(self) -> Self:
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'jobs.db'}"
        if self.artifact_dir is None:
            self.artifact_dir = self.data_dir / "artifacts"
        return self

    def hard_time_limit(self, stage: Stage) -> int:
        return self.soft_time_limit(stage) + self.hard_limit_grace

    @property
    def artifact_root(self) -> Path:
        assert self.artifact_dir is not None  # set by _derive_paths
        return self.artifact_dir

    def soft_time_limit(self, stage: Stage) -> int:
        return self.time_limits[stage]


class _StageTimeLimits(PydanticBaseSettingsSource):
    """DOCRELAY_<STAGE>_TIME_LIMIT of every stage in the table, gathered into `time_limits`."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        environment = {name.upper(): value for name, value in os.environ.items()}
        limits = {
            stage.value: environment[variable]
            for stage in STAGES
            if (variable := f"DOCRELAY_{stage.value.upper()}_TIME_LIMIT") in environment
        }
        return {"time_limits": limits} if limits else {}


@cache
def common_settings() -> CommonSettings:
    return CommonSettings()


# prometheus_client's own variable: the directory a worker's pool processes share their counts in.
MULTIPROC_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"


class WorkerMetricsSettings(BaseSettings):
    """Where a worker serves /metrics: DOCRELAY_METRICS_HOST and DOCRELAY_METRICS_PORT (0 turns it off)."""

    model_config = SettingsConfigDict(env_prefix="DOCRELAY_", extra="ignore")

    # All interfaces, so Prometheus and probes in other containers reach it; `docrelay up` binds loopback.
    metrics_host: str = "0.0.0.0"
    metrics_port: int = 9100
    # Empty: a fresh temporary directory per worker.
    prometheus_multiproc_dir: str = Field(default="", validation_alias=MULTIPROC_DIR_VARIABLE)


class TracingSettings(BaseSettings):
    """The standard OpenTelemetry variables, as the SDK reads them; tracing is on only with an endpoint."""

    model_config = SettingsConfigDict(extra="ignore")

    otel_exporter_otlp_endpoint: str = ""
    otel_exporter_otlp_traces_endpoint: str = ""
    otel_sdk_disabled: bool = False
    otel_service_name: str = ""

    @property
    def enabled(self) -> bool:
        endpoint = self.otel_exporter_otlp_traces_endpoint or self.otel_exporter_otlp_endpoint
        return bool(endpoint) and not self.otel_sdk_disabled
