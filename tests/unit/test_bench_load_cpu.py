"""The load benchmark's CPU accounting: a process group's CPU, children it reaped included."""

import os
import subprocess
import sys

from bench.load_cpu import cpu_by_process_group, cpu_per_job_ms

BURN = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass"


def test_a_group_keeps_the_cpu_of_the_children_it_reaped() -> None:
    group = os.getpgrp()
    before = cpu_by_process_group()[group]
    subprocess.run([sys.executable, "-c", BURN], check=True)
    # The child is gone; its 0.3 s of CPU now count in this process's cutime, in the same group. Counted
    # in clock ticks and subtracted as floats, it may read a hundredth short (4.14 - 3.84 < 0.3).
    assert cpu_by_process_group()[group] - before >= 0.29


def test_cpu_per_job_is_the_difference_spread_over_the_jobs_most_first() -> None:
    before = {"gateway": 1.0, "extract": 2.0}
    after = {"gateway": 3.0, "extract": 2.5, "clients": 0.2}
    assert cpu_per_job_ms(before, after, jobs=10) == {"gateway": 200.0, "extract": 50.0, "clients": 20.0}
