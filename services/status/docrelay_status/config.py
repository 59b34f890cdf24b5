"""Status service settings (environment prefix DOCRELAY_)."""

from functools import cache

from docrelay_common.settings import CommonSettings


class StatusSettings(CommonSettings):
    status_host: str = "127.0.0.1"
    # /healthz answers 200 once the service is consuming events.
    status_port: int = 8001
    # How often Beat runs retention (expiring jobs older than DOCRELAY_RETENTION_SECONDS).
    retention_interval: float = 3600.0


@cache
def status_settings() -> StatusSettings:
    return StatusSettings()
