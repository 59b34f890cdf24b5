"""How a stage worker sizes its pool and lowers its priority before Celery starts."""

import os
import subprocess
import sys

import pytest

from docrelay_common.settings import CommonSettings
from docrelay_common.worker_pool import SESSION_GROUP, pool_flags, session_group_niceness


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


# A child that lowers its priority and tells what the kernel then holds for it.
LOWER_AND_REPORT = """
from docrelay_common.worker_pool import lower_priority, session_group_niceness
import os
lower_priority(7)
print(os.getpriority(os.PRIO_PROCESS, 0), session_group_niceness())
"""


def lowered_child(own_session: bool) -> tuple[int, int | None]:
    answer = subprocess.run(
        [sys.executable, "-c", LOWER_AND_REPORT],
        capture_output=True,
        text=True,
        check=True,
        start_new_session=own_session,
    ).stdout.split()
    return int(answer[0]), None if answer[1] == "None" else int(answer[1])


@pytest.mark.skipif(not SESSION_GROUP.exists(), reason="the kernel has no session scheduling groups")
def test_a_worker_leading_its_session_lowers_its_session_group_too() -> None:
    # `docrelay up` starts each worker in a session of its own; without the group's niceness, the
    # scheduler would share the CPU equally between the worker's session and the gateway's.
    assert lowered_child(own_session=True) == (max(7, os.getpriority(os.PRIO_PROCESS, 0)), 7)


@pytest.mark.skipif(not SESSION_GROUP.exists(), reason="the kernel has no session scheduling groups")
def test_a_worker_sharing_its_session_leaves_the_group_to_the_others_in_it() -> None:
    ours = session_group_niceness()
    assert lowered_child(own_session=False) == (max(7, os.getpriority(os.PRIO_PROCESS, 0)), ours)
    assert session_group_niceness() == ours
