"""Fast under load: the stack against the floor of the same work in one process pool.

    make bench-load         (python -m bench.load [--quick] [--large 100 1000 2500] [--out FILE])

1. The floor: the stage functions the workers run, called in a pool of `nproc` processes on the same
   documents (no broker, no services), in jobs/s and pages/s; and one job alone (the stages' own work).
2. The stack as `docrelay up` starts it: lone 1-page jobs (hand-off overhead = their end-to-end time
   minus the floor's lone job), a burst of 1-page jobs from many concurrent clients, and a burst of
   multi-page documents: jobs/s and pages/s as a ratio to the floor, submit and status latency p50/p99
   as the clients saw them, each stage's busy share of the cores and its queue wait.
3. Large documents one at a time: pages/s by size, every worker's peak memory, and the progress and
   ETA the API showed at 25/50/75% of the wall time against the truth.

Every job is pseudo-localized from English (`en` -> `en-XA`), result reuse and the translation memory
off, so the stack and the floor do the same work. The run is kept as JSON (default bench/out/load.json).
"""

import argparse
import json
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.large import large_pdf
from bench.load_floor import FloorResult, measure_floor
from bench.load_large import run_large
from bench.load_report import goals, print_report
from bench.load_stack import Burst, hand_off_overhead, lone_jobs, run_burst
from docrelay_cli.readiness import free_port
from docrelay_cli.stack import Stack, StackConfig

ONE_PAGE = Path(__file__).resolve().parents[1] / "samples" / "sample-en.pdf"
FIELDS = {"target_lang": "en-XA", "source_lang": "en", "engine": "pseudo"}
# The same work in both: no reuse of earlier results, no translation memory shared between jobs.
SAME_WORK_ENV = {"DOCRELAY_REUSE_RESULTS": "false", "DOCRELAY_TRANSLATION_CACHE_ENABLED": "false"}
DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "load.json"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes: a check that it all runs (~3 min)")
    parser.add_argument("--jobs", type=int, default=200, help="1-page jobs in the burst")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients of the 1-page burst")
    parser.add_argument(
        "--poll",
        type=float,
        help="seconds between a client's looks at each of its jobs (default: when Retry-After says)",
    )
    parser.add_argument("--documents", type=int, default=20, help="multi-page documents in their burst")
    parser.add_argument("--document-pages", type=int, default=20)
    parser.add_argument("--large", type=int, nargs="*", default=[100, 1000, 2500], help="large sizes (pages)")
    parser.add_argument("--lone", type=int, default=10, help="lone 1-page jobs, one after the other")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds any one phase may take")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--report", type=Path, help="print the table of a kept run (its goals checked again)")
    arguments = parser.parse_args()
    if arguments.quick:
        arguments.jobs, arguments.clients, arguments.documents = 40, 20, 4
        arguments.document_pages, arguments.large, arguments.lone = 10, [40, 200], 5
    return arguments


def main() -> None:
    arguments = _arguments()
    if arguments.report:
        kept = json.loads(arguments.report.read_text())
        print_report({**kept, "goals": goals(kept)})
        return
    os.environ.update(SAME_WORK_ENV)
    cores = os.cpu_count() or 1
    results: dict[str, Any] = {"started_at": datetime.now(UTC).isoformat(timespec="seconds")}
    results["machine"] = _machine(cores)
    results["command"] = "python -m bench.load " + " ".join(sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="docrelay-load-") as scratch:
        work = Path(scratch)
        document = large_pdf(arguments.document_pages, work / f"document-{arguments.document_pages}.pdf")
        stack = Stack(StackConfig(data_dir=work / "stack", port=free_port(), extra_env=SAME_WORK_ENV))
        stack.start()
        try:
            # Each floor right before its burst: the machine's other load changes less in between.
            results["floor"], results["stack"] = _bursts(stack, arguments, work, document, cores)
            results["large"] = [
                run_large(
                    stack, large_pdf(pages, work / f"large-{pages}.pdf"), pages, FIELDS, arguments.timeout
                )
                for pages in arguments.large
            ]
        finally:
            stack.stop()
    results["load_average_after"] = os.getloadavg()
    results["goals"] = goals(results)
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    arguments.out.write_text(json.dumps(results, indent=2))
    print_report(results)
    print(f"\nkept as {arguments.out}")


def _floor(work: Path, sources: list[Path], cores: int, lone: int) -> FloorResult:
    return measure_floor(sources, FIELDS, work / "floor", cores, lone)


def _floor_numbers(floor: FloorResult) -> dict[str, float]:
    return {
        "jobs": floor.jobs,
        "pages": floor.pages,
        "seconds": floor.seconds,
        "jobs_per_second": floor.jobs_per_second,
        "pages_per_second": floor.pages_per_second,
        "lone_job_seconds": floor.lone_job_seconds,
    }


def _bursts(
    stack: Stack, arguments: argparse.Namespace, work: Path, document: Path, cores: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The floor and the stack, 1-page jobs and then multi-page documents, each pair back to back."""
    one_page = _floor(work, [ONE_PAGE] * arguments.jobs, cores, arguments.lone)
    lone = lone_jobs(stack, ONE_PAGE, FIELDS, arguments.lone)
    one_page_burst = Burst("1-page burst", ONE_PAGE, 1, arguments.jobs, arguments.clients, arguments.poll)
    one_page_stack = run_burst(stack, one_page_burst, FIELDS, cores, arguments.timeout)
    multi_page = _floor(work, [document] * arguments.documents, cores, 0)
    multi_page_burst = Burst(
        "multi-page burst",
        document,
        arguments.document_pages,
        arguments.documents,
        arguments.documents,
        arguments.poll,
    )
    floor = {"one_page": _floor_numbers(one_page), "multi_page": _floor_numbers(multi_page)}
    return floor, {
        "lone": hand_off_overhead(lone, one_page.lone_job_seconds),
        "one_page_burst": one_page_stack,
        "multi_page_burst": run_burst(stack, multi_page_burst, FIELDS, cores, arguments.timeout),
    }


def _machine(cores: int) -> dict[str, Any]:
    return {
        "host": platform.node(),
        "cores": cores,
        "processor": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "load_average_before": os.getloadavg(),
    }


if __name__ == "__main__":
    main()
