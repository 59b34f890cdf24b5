"""How a stage worker sizes its pool and lowers its priority before Celery starts."""

import os

from docrelay_common.settings import CommonSettings
from docrelay_common.worker_pool import pool_flags


def test_the_pool_autoscales_from_the_settings_unless_the_command_line_sizes_it() -> None:
    settings = CommonSettings(worker_min_processes=1, worker_max_processes=3)
    assert pool_flags([], settings) == ["--autoscale=3,1"]
    assert pool_flags(["--loglevel=INFO"], settings) == ["--autoscale=3,1"]
    for sized in (["--concurrency=2"], ["-c", "2"], ["-c2"], ["--autoscale=4,2"]):
        assert pool_flags(sized, settings) == []


def test_by_default_the_pool_grows_to_the_cores_the_worker_may_use() -> None:
    cores = len(os.sched_getaffinity(0))
    assert pool_flags([], CommonSettings()) == [f"--autoscale={cores},1"]
    # A minimum above the maximum wins: the pool never shrinks below it.
    assert pool_flags([], CommonSettings(worker_min_processes=4, worker_max_processes=2)) == [
        "--autoscale=4,4"
    ]
