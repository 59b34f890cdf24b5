"""Consumes the Celery event stream forever, reconnecting when the broker goes away."""

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from celery import Celery
from celery.events.receiver import EventReceiver

logger = logging.getLogger(__name__)

RECONNECT_DELAY_MAX = 10.0


class _ReadyReceiver(EventReceiver):
    """Signals `ready` once its queue is bound, i.e. from the moment no event can be missed."""

    def __init__(self, *args: Any, ready: threading.Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ready = ready

    def on_consume_ready(self, *args: Any, **kwargs: Any) -> None:
        super().on_consume_ready(*args, **kwargs)
        self.ready.set()


def consume_events(app: Celery, apply: Callable[[dict[str, Any]], None], ready: threading.Event) -> None:
    delay = 1.0
    while True:
        connection = app.connection_for_read()
        try:
            with connection:
                receiver = _ReadyReceiver(connection, handlers={"*": apply}, app=app, ready=ready)
                delay = 1.0
                receiver.capture(limit=None, timeout=None, wakeup=True)
        except (*connection.connection_errors, *connection.channel_errors, OSError) as exc:
            ready.clear()
            logger.warning("event stream lost (%s); reconnecting in %.0fs", exc, delay)
            time.sleep(delay)
            delay = min(delay * 2, RECONNECT_DELAY_MAX)
