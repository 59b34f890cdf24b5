"""Gateway settings (environment prefix DOCRELAY_)."""

from functools import cache

from docrelay_common.settings import CommonSettings


class GatewaySettings(CommonSettings):
    host: str = "127.0.0.1"
    port: int = 8000
    # Uploads above this many bytes are refused with 413 file_too_large.
    max_upload_bytes: int = 50 * 1024 * 1024


@cache
def gateway_settings() -> GatewaySettings:
    return GatewaySettings()
