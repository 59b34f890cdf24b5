"""A long-running service's startup objects, kept out of the garbage collector's full collections.

A full collection walks every object the process tracks. After its imports a gateway or status process
holds ~150,000 (FastAPI, pydantic, SQLAlchemy, OpenTelemetry, Celery), and each full collection took
60-80 ms on the 2-core VM, with the interpreter's lock held: every request in flight in that process
waited for it. Full collections are rare (a 30 s burst of 200 jobs had none after startup), but a
long-lived process has them now and then. Those objects live as long as the process, so once the
startup's garbage is collected they are moved to the permanent generation (`gc.freeze`); later
collections walk only what came after (3 ms measured in the status service).
Stage workers freeze their warmed main process before forking instead (`warm_up`).
"""

import gc


def freeze_long_lived_objects() -> None:
    gc.collect()
    gc.freeze()
