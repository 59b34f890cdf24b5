import atexit
import os
import shutil
import tempfile

import uvicorn

from docrelay_common.settings import MULTIPROC_DIR_VARIABLE
from docrelay_gateway.config import gateway_settings

settings = gateway_settings()
if settings.gateway_workers > 1 and not os.environ.get(MULTIPROC_DIR_VARIABLE):
    # Several processes count requests and jobs: /metrics, whichever answers, adds up all of their files.
    # Set before any of them imports prometheus_client, which settles on its mode at first import.
    metrics_dir = tempfile.mkdtemp(prefix="docrelay-gateway-metrics-")
    os.environ[MULTIPROC_DIR_VARIABLE] = metrics_dir
    atexit.register(shutil.rmtree, metrics_dir, True)
# log_config=None: uvicorn's own loggers go through docrelay's logging setup (JSON when configured).
uvicorn.run(
    "docrelay_gateway.main:app",
    host=settings.host,
    port=settings.port,
    workers=settings.gateway_workers,
    log_level=settings.log_level.lower(),
    log_config=None,
)
