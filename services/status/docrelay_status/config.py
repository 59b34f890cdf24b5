"""Status service settings (environment prefix DOCRELAY_)."""

from functools import cache

from docrelay_common.settings import CommonSettings


class StatusSettings(CommonSettings):
    status_host: str = "127.0.0.1"
    # /healthz answers 200 once the service is consuming events.
    status_port: int = 8001
    # How often Beat runs retention (expiring jobs older than DOCRELAY_RETENTION_SECONDS).
    retention_interval: float = 3600.0
    # Slack on top of the redelivery delay (visibility timeout + hard time limit) before a step that
    # started and fell silent counts as lost. Work waiting in its queue is never lost, however long.
    lost_worker_grace: int = 120


@cache
def status_settings() -> StatusSettings:
    return StatusSettings()
