"""The registry a scrape reads when several processes count into prometheus_client's multiprocess files.

Stage workers (a prefork pool) and a gateway with several processes both serve it; kept apart from
`docrelay_common.metrics`, whose import defines the workers' own series.
"""

import glob
import os
from collections.abc import Iterable
from typing import Any

from prometheus_client import CollectorRegistry, multiprocess


class SizedFilesCollector(multiprocess.MultiProcessCollector):
    """prometheus_client's collector of the processes' files, without the files not yet sized.

    A process creates its file empty and only then sizes it. Scrapes in between failed (500) on the
    empty file: while the process was descheduled there (a niced pool process on a busy machine, seen in
    the tests), and for good had it been killed there. An empty file holds no counts, so none are lost.
    """

    def collect(self) -> Iterable[Any]:
        return self.merge([path for path in glob.glob(os.path.join(self._path, "*.db")) if _sized(path)])


def _sized(path: str) -> bool:
    try:
        return os.path.getsize(path) > 0
    except FileNotFoundError:
        # A dead process's live gauges, removed since the glob.
        return False


def multiprocess_registry() -> CollectorRegistry:
    """A registry of what every process counted into PROMETHEUS_MULTIPROC_DIR."""
    registry = CollectorRegistry()
    SizedFilesCollector(registry)
    return registry
