"""A long-running service's startup objects, kept out of the garbage collector's full collections.

A full collection walks every object the process tracks. After its imports a gateway or status process
holds ~150,000 (FastAPI, pydantic, SQLAlchemy, OpenTelemetry, Celery), and each full collection took
60-80 ms on the 2-core VM, with the interpreter's lock held: every request in flight in that process
waited for it (a few such pauses per process in a 30 s burst, which is where the status read's p99
came from). Those objects live as long as the process, so once the startup's garbage is collected they
are moved to the permanent generation (`gc.freeze`); later collections walk only what came after.
Stage workers freeze their warmed main process before forking instead (`warm_up`).
"""

import gc


def freeze_long_lived_objects() -> None:
    gc.collect()
    gc.freeze()
