"""Configuration shared by every service, read once from `DOCRELAY_*` environment variables."""

from functools import cache
from pathlib import Path
from typing import Self

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from docrelay_common.constants import Stage


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
    log_level: str = "INFO"

    # Soft/hard time limits (seconds) per stage; the soft limit fails the job with stage_timeout.
    extract_time_limit: int = 600
    translate_time_limit: int = 1800
    tone_time_limit: int = 300
    reconstruct_time_limit: int = 900
    # Transient failures are retried this many times with exponential backoff and jitter.
    max_retries: int = 5
    retry_backoff_max: int = 120

    @model_validator(mode="after")
    def _derive_paths(self) -> Self:
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'jobs.db'}"
        if self.artifact_dir is None:
            self.artifact_dir = self.data_dir / "artifacts"
        return self

    @property
    def artifact_root(self) -> Path:
        assert self.artifact_dir is not None  # set by _derive_paths
        return self.artifact_dir

    def soft_time_limit(self, stage: Stage) -> int:
        return int(getattr(self, f"{stage.value}_time_limit"))


@cache
def common_settings() -> CommonSettings:
    return CommonSettings()
