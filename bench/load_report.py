"""The table `make bench-load` prints, and the issue's goals checked against a run's numbers."""

from typing import Any

# Goals of issue 15 (measured here, never in timed tests).
BURST_RATIO_MIN = 0.8
SUBMIT_P99_MS_MAX = 200.0
ACCEPTED_PER_SECOND_MIN = 300.0
STATUS_P99_MS_MAX = 20.0
HAND_OFF_MS_MAX = 20.0
LARGE_FLATNESS = 0.2
PROGRESS_ERROR_MAX = 0.2
# Every worker process of a large job stays under this (bench.large's budget).
MEMORY_BUDGET_MB = 1024


def goals(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each goal: what was measured, the bound, and whether it holds."""
    floor, stack = results["floor"], results["stack"]
    burst = stack["one_page_burst"]
    found = [
        _goal("1-page burst / floor (jobs/s)", _ratio(burst, floor["one_page"]), ">=", BURST_RATIO_MIN),
        _goal(
            "multi-page burst / floor (pages/s)",
            stack["multi_page_burst"]["pages_per_second"] / floor["multi_page"]["pages_per_second"],
            ">=",
            BURST_RATIO_MIN,
        ),
        _goal("submit p99 under load (ms)", burst["submit"]["p99_ms"], "<=", SUBMIT_P99_MS_MAX),
        _goal("accepted submissions/s", burst["accepted_per_second"], ">=", ACCEPTED_PER_SECOND_MIN),
        _goal("status GET p99 under load (ms)", burst["status"]["p99_ms"], "<=", STATUS_P99_MS_MAX),
        _goal("lone job hand-off overhead (ms)", stack["lone"]["overhead_median_ms"], "<=", HAND_OFF_MS_MAX),
    ]
    large = results.get("large") or []
    if len(large) > 1:
        rates = [run["pages_per_second"] for run in large]
        found.append(
            _goal("large: slowest / fastest pages/s", min(rates) / max(rates), ">=", 1 - LARGE_FLATNESS)
        )
    errors = [
        abs(check[key])
        for run in large
        for check in run["progress_checks"]
        for key in ("progress_error", "eta_error")
        if check[key] is not None
    ]
    if errors:
        found.append(_goal("large: worst progress/ETA error", max(errors), "<=", PROGRESS_ERROR_MAX))
    peaks = [mb for run in large for mb in run["peak_mb"].values()]
    if peaks:
        found.append(_goal("large: highest worker peak (MB)", max(peaks), "<=", MEMORY_BUDGET_MB))
    return found


def _ratio(burst: dict[str, Any], floor: dict[str, Any]) -> float:
    return float(burst["jobs_per_second"] / floor["jobs_per_second"])


def _goal(name: str, value: float, relation: str, bound: float) -> dict[str, Any]:
    held = value >= bound if relation == ">=" else value <= bound
    return {"goal": name, "value": value, "relation": relation, "bound": bound, "met": held}


def print_report(results: dict[str, Any]) -> None:
    machine, floor, stack = results["machine"], results["floor"], results["stack"]
    load = ", ".join(f"{value:.1f}" for value in machine["load_average_before"])
    print(
        f"\nbench-load {results['started_at']} on {machine['host']} ({machine['cores']} cores, load {load})"
    )
    print(f"{'':<34}{'jobs':>6}{'s':>8}{'jobs/s':>9}{'pages/s':>9}{'ratio':>7}")
    _throughput("floor, 1-page jobs", floor["one_page"])
    _throughput("stack, 1-page burst", stack["one_page_burst"], floor["one_page"])
    _throughput("floor, multi-page documents", floor["multi_page"])
    _throughput("stack, multi-page burst", stack["multi_page_burst"], floor["multi_page"])
    lone = stack["lone"]
    print(
        f"\nlone 1-page job: {lone['stack_median_ms']:.0f} ms through the stack, "
        f"{lone['work_median_ms']:.0f} ms of stage work in one process: "
        f"hand-off overhead {lone['overhead_median_ms']:.0f} ms (median)"
    )
    print("  " + "; ".join(f"{span} {ms:.0f}" for span, ms in lone.get("median_ms", {}).items()))
    if "first_ms" in lone:
        print(f"  the stack's first job: {lone['first_ms']:.0f} ms")
    for name in ("one_page_burst", "multi_page_burst"):
        _latencies_and_stages(name.replace("_", " "), stack[name])
    for run in results.get("large", []):
        _large(run)
    print("\ngoals:")
    for goal in results["goals"]:
        mark = "ok  " if goal["met"] else "MISS"
        print(f"  {mark} {goal['goal']:<40}{goal['value']:>10.2f} {goal['relation']} {goal['bound']}")


def _throughput(name: str, numbers: dict[str, Any], floor: dict[str, Any] | None = None) -> None:
    ratio = f"{numbers['pages_per_second'] / floor['pages_per_second']:>7.2f}" if floor else f"{'':>7}"
    print(
        f"{name:<34}{numbers['jobs']:>6}{numbers['seconds']:>8.1f}{numbers['jobs_per_second']:>9.2f}"
        f"{numbers['pages_per_second']:>9.2f}{ratio}"
    )


def _latencies_and_stages(name: str, burst: dict[str, Any]) -> None:
    submit, status = burst["submit"], burst["status"]
    # Runs kept before clients followed Retry-After looked every 0.5 s.
    poll = burst.get("poll_seconds", 0.5)
    polling = "as Retry-After says" if poll is None else f"every {poll:g} s"
    print(
        f"\n{name} ({burst['jobs']} jobs, {burst['clients']} clients looking {polling}): "
        f"submit p50 {submit['p50_ms']:.0f} / p99 {submit['p99_ms']:.0f} ms, "
        f"{burst['accepted_per_second']:.0f} accepted/s; status GET p50 "
        f"{status['p50_ms']:.1f} / p99 {status['p99_ms']:.1f} ms ({status['count']} reads)"
    )
    if "seen_by_clients_seconds" in burst:  # runs kept before timed the burst to when clients saw it end
        print(f"  the clients saw the last job end after {burst['seen_by_clients_seconds']:.1f} s")
    if "cpu_ms_per_job" in burst:  # runs kept before it was measured have none
        spent = ", ".join(f"{name} {ms:.0f}" for name, ms in burst["cpu_ms_per_job"].items())
        print(f"  CPU per job (ms): {spent}; {burst['cpu_share']:.0%} of the cores in all")
    print(f"  {'stage':<13}{'busy share':>11}{'tasks':>7}{'wait mean':>11}{'p50':>8}{'p99 ms':>8}")
    for stage, numbers in burst["stages"].items():
        print(
            f"  {stage:<13}{numbers['busy_share']:>11.0%}{numbers['tasks']:>7.0f}"
            f"{numbers['queue_wait_mean_ms']:>11.0f}{numbers['queue_wait_p50_ms']:>8.0f}"
            f"{numbers['queue_wait_p99_ms']:>8.0f}"
        )


def _large(run: dict[str, Any]) -> None:
    peaks = ", ".join(f"{name} {mb:.0f}" for name, mb in run["peak_mb"].items())
    print(
        f"\nlarge {run['pages']} pages: {run['seconds']:.1f} s, {run['pages_per_second']:.2f} pages/s; "
        f"peak MB: {peaks}"
    )
    for check in run["progress_checks"]:
        eta = "-" if check["eta_seconds"] is None else f"{check['eta_seconds']:.0f}"
        eta_error = "" if check["eta_error"] is None else f" ({check['eta_error']:+.0%})"
        print(
            f"  at {check['at_share']:.0%} of the time: progress {check['progress']} "
            f"(true {check['true_progress']:.0f}, {check['progress_error']:+.0%}), "
            f"ETA {eta} s (true {check['true_eta_seconds']:.0f}){eta_error}"
        )
