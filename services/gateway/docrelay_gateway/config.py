"""Gateway settings (environment prefix DOCRELAY_)."""

from functools import cache

from pydantic import Field, SecretStr

from docrelay_common.settings import CommonSettings
from docrelay_gateway.loop_dependencies import on_the_loop


class GatewaySettings(CommonSettings):
    host: str = "127.0.0.1"
    port: int = 8000
    # Uploads above this many bytes are refused with 413 file_too_large.
    max_upload_bytes: int = 50 * 1024 * 1024
    # Comma-separated API keys. Empty: no authentication. Set: every /v1 request needs one of them
    # (`Authorization: Bearer <key>` or `X-API-Key`), and each key sees only the jobs it created.
    api_keys: SecretStr = SecretStr("")
    # Comma-separated keys that may also use /v1/admin (dead letters). With api_keys empty and this
    # empty, the admin endpoints are open like the rest of the API.
    admin_api_keys: SecretStr = SecretStr("")
    # The same file with the same options (and key) again gets the earlier result without a new run.
    reuse_results: bool = True
    # How often an SSE stream looks for changes in its job.
    events_poll_interval: float = 0.5
    # Processes serving the port (uvicorn's workers): each takes requests while the others are busy.
    gateway_workers: int = Field(default=1, ge=1)

    def key_set(self, admin: bool = False) -> frozenset[str]:
        raw = (self.admin_api_keys if admin else self.api_keys).get_secret_value()
        return frozenset(key.strip() for key in raw.split(",") if key.strip())


@cache
def gateway_settings() -> GatewaySettings:
    return GatewaySettings()


# The one dependency that stands for the settings (tests override it).
settings_dependency = on_the_loop(gateway_settings)
