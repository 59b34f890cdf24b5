"""A stage worker's main process warms up before it forks its pool, so no pool process starts cold.

Celery's prefork pool forks its task processes from the worker's main process: whatever that process
loaded, every task process has from its first task on. The first task of a process otherwise pays for
loading fonts, parsers, models and their caches (0.2-0.4 s in extract and in reconstruct, per
process), and pool processes start often: the autoscaler adds processes when a queue grows and takes
them away when it drains, and a process past its memory share is replaced after its task.

What the main process holds is then frozen out of the garbage collector's reach (`gc.freeze`): a
collection in a task process would otherwise write to every inherited object and so copy the pages
the processes share (measured: a warmed process's second reconstruct took twice its first without it).
The collector is off during the warm-up, as the `gc.freeze` documentation advises: a collection there
would leave free slots in those pages, which the task processes would fill and so copy.
"""

import gc
import logging
import time
from collections.abc import Callable
from typing import Any

from celery import Celery
from celery.signals import worker_init

from docrelay_common.stages import Stage

logger = logging.getLogger(__name__)


def warm_before_forking(app: Celery, stage: Stage, warm_up: Callable[[], None] | None) -> None:
    """When a worker of `app` starts, run `warm_up` in its main process and freeze what that process
    holds, before the pool starts. A warm-up that fails leaves the task processes to start cold."""

    def prepare(sender: Any = None, **_: Any) -> None:
        if getattr(sender, "app", None) is not app:
            return
        gc.disable()
        try:
            if warm_up is not None:
                _warm(stage, warm_up)
            gc.freeze()
        finally:
            gc.enable()

    worker_init.connect(prepare, weak=False)


def _warm(stage: Stage, warm_up: Callable[[], None]) -> None:
    started = time.perf_counter()
    try:
        warm_up()
    except Exception:
        logger.warning("the %s worker could not warm up; its task processes start cold", stage, exc_info=True)
        return
    logger.info("the %s worker warmed up in %.2f s", stage, time.perf_counter() - started)
