"""Where a 1-page job's time goes in each process of the stack: py-spy on every service during a burst.

    python -m bench.profile_stack [--jobs 100] [--clients 20] [--gil] [--rate 100] [--out bench/out/profile]

Starts the stack as `docrelay up` does, attaches `py-spy record` (pip install py-spy; it must be on
PATH, and may need root) to the gateway, the status service and each stage worker with its pool
processes, sends a burst of 1-page jobs, and prints each process's most expensive functions, by the
share of its samples they were on the stack (inclusive) and on top of it (own time). The collapsed
stacks stay in the output folder, for flame graphs.
"""

import argparse
import asyncio
import shutil
import signal
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from bench.load import FIELDS, ONE_PAGE, SAME_WORK_ENV
from bench.load_clients import Latencies, multipart_submission
from bench.load_stack import Burst, submit_and_follow
from docrelay_cli.readiness import free_port
from docrelay_cli.stack import Stack, StackConfig
from docrelay_common.stages import PIPELINE

TOP = 12


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jobs", type=int, default=100)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out" / "profile")
    parser.add_argument(
        "--gil",
        action="store_true",
        help="sample only threads holding the GIL: a CPU profile (py-spy otherwise counts a thread waiting "
        "in a socket read as busy)",
    )
    parser.add_argument(
        "--rate", type=int, default=100, help="samples a second (more: finer numbers for the light stages)"
    )
    arguments = parser.parse_args()
    spy = shutil.which("py-spy")
    if spy is None:
        raise SystemExit("py-spy is not on PATH: pip install py-spy (or uv tool install py-spy)")
    arguments.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docrelay-profile-") as scratch:
        stack = Stack(StackConfig(data_dir=Path(scratch), port=free_port(), extra_env=SAME_WORK_ENV))
        stack.start()
        try:
            names = ["gateway", "status", *(name for stage in PIPELINE for name in stack.worker_names(stage))]
            spies = {
                name: _record(spy, stack.process(name).pid, arguments.out / f"{name}.txt", arguments)
                for name in names
            }
            body, content_type = multipart_submission(ONE_PAGE.read_bytes(), ONE_PAGE.name, FIELDS)
            burst = Burst("profile", ONE_PAGE, 1, arguments.jobs, arguments.clients)
            asyncio.run(
                submit_and_follow(stack.gateway_url, body, content_type, burst, Latencies(), float("inf"))
            )
            for process in spies.values():
                process.send_signal(signal.SIGINT)
            for process in spies.values():
                process.wait(timeout=60)
        finally:
            stack.stop()
    for name in spies:
        _report(name, arguments.out / f"{name}.txt")


def _record(spy: str, pid: int, destination: Path, arguments: argparse.Namespace) -> subprocess.Popen[bytes]:
    command = [spy, "record", "--pid", str(pid), "--subprocesses", "--format", "raw"]
    command += ["--rate", str(arguments.rate)]
    if arguments.gil:
        command += ["--gil"]
    return subprocess.Popen(
        [*command, "--output", str(destination)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _report(name: str, collapsed: Path) -> None:
    """The functions on most samples of the process (inclusive), and those most often on top (own)."""
    inclusive, own, total = Counter[str](), Counter[str](), 0
    for line in collapsed.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = [
            frame.split(" (")[0] + " " + frame.rsplit("/", 1)[-1].rstrip(")") for frame in stack.split(";")
        ]
        samples = int(count)
        total += samples
        for frame in set(frames[1:]):
            inclusive[frame] += samples
        own[frames[-1]] += samples
    print(f"\n{name}: {total} samples")
    for frame, samples in inclusive.most_common(TOP):
        print(f"  {samples / total:>6.1%} incl  {frame[:110]}")
    for frame, samples in own.most_common(TOP // 2):
        print(f"  {samples / total:>6.1%} own   {frame[:110]}")


if __name__ == "__main__":
    main()
