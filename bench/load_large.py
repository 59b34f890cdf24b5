"""The large-document part of `make bench-load`: one long job at a time through the running stack.

For each size it reports pages/s, every worker's peak memory during that job (VmHWM, reset before the
job through /proc/PID/clear_refs), and the progress and ETA the API showed at 25, 50 and 75% of the
job's wall time against the truth (the share of the wall time gone, and the seconds still to go).
"""

import time
from pathlib import Path
from typing import Any

import httpx

from docrelay_cli.stack import Stack
from docrelay_common.stages import PIPELINE

POLL_SECONDS = 0.5
CHECKPOINTS = (0.25, 0.5, 0.75)
FINAL = ("succeeded", "failed", "cancelled")
# Peaks are read every this many polls.
PEAK_EVERY = 6


def run_large(stack: Stack, pdf: Path, pages: int, fields: dict[str, str], timeout: float) -> dict[str, Any]:
    groups = {name: stack.process(name).pid for stage in PIPELINE for name in stack.worker_names(stage)}
    for group in groups.values():
        _reset_peaks(group)
    samples: list[tuple[float, int, int | None]] = []
    peaks = dict.fromkeys(groups, 0.0)
    with httpx.Client(base_url=stack.gateway_url, timeout=120) as gateway:
        started = time.monotonic()
        files = {"file": (pdf.name, pdf.read_bytes(), "application/pdf")}
        job = gateway.post("/v1/jobs", files=files, data=fields).json()
        while job["status"] not in FINAL and time.monotonic() - started < timeout:
            time.sleep(POLL_SECONDS)
            job = gateway.get(f"/v1/jobs/{job['id']}").json()
            samples.append((time.monotonic() - started, job["progress"], job["eta_seconds"]))
            # Read on the way too: an autoscaled pool may end a process before the job ends.
            if len(samples) % PEAK_EVERY == 0:
                _update_peaks(peaks, groups)
    _update_peaks(peaks, groups)
    seconds = time.monotonic() - started
    if job["status"] != "succeeded":
        raise SystemExit(
            f"the {pages}-page job ended {job['status']} after {seconds:.0f} s: {job.get('error')}"
        )
    return {
        "pages": pages,
        "seconds": seconds,
        "pages_per_second": pages / seconds,
        "peak_mb": peaks,
        "progress_checks": [_check(samples, seconds, share) for share in CHECKPOINTS],
    }


def _update_peaks(peaks: dict[str, float], groups: dict[str, int]) -> None:
    for name, group in groups.items():
        peaks[name] = max(peaks[name], _peak_rss_mb(group))


def _check(samples: list[tuple[float, int, int | None]], wall: float, share: float) -> dict[str, Any]:
    """The sample nearest `share` of the wall time, against what was true then."""
    at, progress, eta = min(samples, key=lambda sample: abs(sample[0] - share * wall))
    left = wall - at
    return {
        "at_share": share,
        "true_progress": 100 * at / wall,
        "progress": progress,
        "progress_error": (progress - 100 * at / wall) / (100 * at / wall),
        "true_eta_seconds": left,
        "eta_seconds": eta,
        "eta_error": None if eta is None else (eta - left) / left,
    }


def _processes_of(group: int) -> list[Path]:
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if int((proc / "stat").read_text().rsplit(")", 1)[1].split()[2]) == group:
                found.append(proc)
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
    return found


def _reset_peaks(group: int) -> None:
    for proc in _processes_of(group):
        try:
            # 5: reset the peak resident set size (VmHWM) to the current one.
            (proc / "clear_refs").write_text("5")
        except OSError:
            continue


def _peak_rss_mb(group: int) -> float:
    """The highest VmHWM among the processes of a process group (a worker and its pool children)."""
    peak_kb = 0
    for proc in _processes_of(group):
        try:
            status = (proc / "status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak_kb = max(peak_kb, int(line.split()[1]))
    return peak_kb / 1024
