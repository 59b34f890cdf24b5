"""The memory cap weighs a pool process as RLIMIT_AS does: by its address space (the hardening suite's
bombs test shows the next job on the same workers running normally)."""

import mmap
from pathlib import Path

from docrelay_common.memory_cap import address_space_kb


def vm_size_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1])
    raise AssertionError("no VmSize in /proc/self/status")


def test_the_address_space_is_what_the_kernel_reports_as_vmsize() -> None:
    before = address_space_kb()
    # Threads of the test runner may map memory between the two reads.
    assert abs(before - vm_size_kb()) < 16 * 1024
    # A mapping of its own (a bytearray may reuse heap the process already has).
    with mmap.mmap(-1, 64 * 1024 * 1024):
        assert address_space_kb() - before >= 60 * 1024
