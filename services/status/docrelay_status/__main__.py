import threading

from docrelay_common.celery_app import create_celery_app
from docrelay_common.jobs import JobStore
from docrelay_common.logs import configure_logging
from docrelay_status.config import status_settings
from docrelay_status.events import EventApplier
from docrelay_status.health import serve_health
from docrelay_status.receiver import consume_events

settings = status_settings()
configure_logging(settings.log_level)
ready = threading.Event()
serve_health(settings.status_host, settings.status_port, ready)
consume_events(
    create_celery_app("docrelay-status", settings), EventApplier(JobStore(settings.database_url)), ready
)
