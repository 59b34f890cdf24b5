"""A 300-page job through the real stack, with one and then two workers per stage.

    make bench-large        (python -m bench.large [--pages 300] [--pages-per-part 25])

The PDF is made of R-intro.pdf's pages from the corpus, repeated to the page count. Each run starts
the stack as local processes (embedded Redis, pseudo-localization so the engine costs nothing), sends
the job, and reports its wall time, each stage's time and each stage's peak worker memory (VmHWM of
every process of the worker, read from /proc before it stops). The ratio of the two wall times shows
what a second replica of each stage buys on this machine; the run fails if any worker peaks above
the 1 GB budget.
"""

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx
import pikepdf

from docrelay_cli.readiness import free_port
from docrelay_cli.stack import Stack, StackConfig
from docrelay_common.stages import PIPELINE
from tests.support.corpus import corpus_pdf

MEMORY_BUDGET_MB = 1024
SOURCE = "R-intro.pdf"


@dataclass(frozen=True)
class RunResult:
    replicas: int
    seconds: float
    stage_seconds: dict[str, float]
    # Highest peak RSS among the stage's workers (MB).
    stage_peak_mb: dict[str, float]
    # The job as the API shows it at the end.
    job: dict


def large_pdf(pages: int, destination: Path) -> Path:
    with pikepdf.open(corpus_pdf(SOURCE)) as source, pikepdf.new() as pdf:
        while len(pdf.pages) < pages:
            count = min(len(source.pages), pages - len(pdf.pages))
            pdf.add_pages_from(source, range(count), forms="strip")
        pdf.save(destination)
    return destination


def run(
    pdf: Path, replicas: int, pages_per_part: int, work_dir: Path, extra_env: dict[str, str] | None = None
) -> RunResult:
    config = StackConfig(
        data_dir=work_dir / f"replicas-{replicas}",
        port=free_port(),
        replicas=replicas,
        extra_env={
            "DOCRELAY_PAGES_PER_PART": str(pages_per_part),
            "DOCRELAY_REUSE_RESULTS": "false",
            **(extra_env or {}),
        },
    )
    stack = Stack(config)
    stack.start()
    try:
        with httpx.Client(base_url=stack.gateway_url, timeout=60) as gateway:
            started = time.perf_counter()
            files = {"file": (pdf.name, pdf.read_bytes(), "application/pdf")}
            job_id = gateway.post("/v1/jobs", files=files, data={"target_lang": "en-XA"}).json()["id"]
            job = _wait(gateway, job_id)
            seconds = time.perf_counter() - started
        peaks = {
            stage.value: max(_peak_rss_mb(stack.process(name).pid) for name in stack.worker_names(stage))
            for stage in PIPELINE
        }
    finally:
        stack.stop()
    if job["status"] != "succeeded":
        raise SystemExit(f"the job {job['status']}: {job.get('error')}")
    return RunResult(replicas, seconds, _stage_seconds(job), peaks, job)


def _wait(gateway: httpx.Client, job_id: str, timeout: float = 3600) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = gateway.get(f"/v1/jobs/{job_id}").json()
        if job["status"] in ("succeeded", "failed", "cancelled"):
            return dict(job)
        time.sleep(1)
    raise SystemExit(f"job {job_id} did not finish within {timeout:.0f} s")


def _stage_seconds(job: dict) -> dict[str, float]:
    seconds = {}
    for entry in job["stages"]:
        if entry["started_at"] and entry["finished_at"]:
            started, finished = (datetime.fromisoformat(entry[key]) for key in ("started_at", "finished_at"))
            seconds[entry["stage"]] = (finished - started).total_seconds()
    return seconds


def _peak_rss_mb(group: int) -> float:
    """The highest VmHWM among the processes of a process group (a worker and its pool children)."""
    peak_kb = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if int((proc / "stat").read_text().rsplit(")", 1)[1].split()[2]) != group:
                continue
            status = (proc / "status").read_text()
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak_kb = max(peak_kb, int(line.split()[1]))
    return peak_kb / 1024


def report(pages: int, results: list[RunResult]) -> bool:
    stages = [stage.value for stage in PIPELINE]
    print(f"\n{pages}-page job ({SOURCE} repeated), pseudo engine")
    print(f"{'replicas':>8} {'wall s':>8} " + " ".join(f"{s + ' s':>13}" for s in stages))
    for result in results:
        times = " ".join(f"{result.stage_seconds.get(stage, 0):>13.1f}" for stage in stages)
        print(f"{result.replicas:>8} {result.seconds:>8.1f} {times}")
    print(f"{'':>8} {'':>8} " + " ".join(f"{s + ' peak MB':>13}" for s in stages))
    for result in results:
        peaks = " ".join(f"{result.stage_peak_mb[stage]:>13.0f}" for stage in stages)
        print(f"{result.replicas:>8} {'':>8} {peaks}")
    one, *more = results
    for result in more:
        print(f"wall time with {result.replicas} replicas / with 1: {result.seconds / one.seconds:.2f}")
    worst = max(peak for result in results for peak in result.stage_peak_mb.values())
    within = worst <= MEMORY_BUDGET_MB
    print(f"highest worker peak: {worst:.0f} MB (budget {MEMORY_BUDGET_MB} MB): {'ok' if within else 'OVER'}")
    return within


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--pages-per-part", type=int, default=25)
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="docrelay-large-") as scratch:
        work_dir = Path(scratch)
        pdf = large_pdf(args.pages, work_dir / f"large-{args.pages}.pdf")
        results = [run(pdf, replicas, args.pages_per_part, work_dir) for replicas in args.replicas]
    sys.exit(0 if report(args.pages, results) else 1)


if __name__ == "__main__":
    main()
