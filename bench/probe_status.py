"""Status reads under load as a client of its own sees them, beside the burst clients' numbers.

    python -m bench.probe_status [--jobs 200] [--clients 50] [--every 0.01]

`make bench-load` times the burst clients' own status reads: 50 clients in one asyncio process that
also uploads, on a machine whose cores the pipeline keeps busy, so a read's time there includes that
process's own wait for the CPU. Here one more client, in a process of its own with one kept-alive
connection, reads a finished job's status every `--every` seconds through a burst of 1-page jobs; its
reads are split into the first second (the burst's uploads) and the rest. Its reads add load of their
own (~100 a second by default), which is why `make bench-load` does not run it.
"""

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench.load import FIELDS, ONE_PAGE, SAME_WORK_ENV
from bench.load_clients import multipart_submission, percentile
from bench.load_stack import Burst, one_job, run_burst
from docrelay_cli.readiness import free_port
from docrelay_cli.stack import Stack, StackConfig

# The reader: reads until its standard input closes, then prints (start, seconds) of every read as JSON.
READER = r"""
import http.client, json, sys, threading, time
host, port, path, every = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
stop = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
connection, reads = http.client.HTTPConnection(host, port), []
while not stop.is_set():
    started = time.monotonic()
    connection.request("GET", path)
    connection.getresponse().read()
    reads.append((started, time.monotonic() - started))
    stop.wait(every)
print(json.dumps(reads))
"""
# The uploads of a 200-job burst from 50 clients are all in within about half a second.
UPLOAD_SECONDS = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jobs", type=int, default=200)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--every", type=float, default=0.01, help="seconds between the reader's reads")
    arguments = parser.parse_args()
    os.environ.update(SAME_WORK_ENV)
    with tempfile.TemporaryDirectory(prefix="docrelay-probe-") as scratch:
        stack = Stack(StackConfig(data_dir=Path(scratch), port=free_port(), extra_env=SAME_WORK_ENV))
        stack.start()
        try:
            body, content_type = multipart_submission(ONE_PAGE.read_bytes(), ONE_PAGE.name, FIELDS)
            job = asyncio.run(one_job(stack.gateway_url, body, content_type))
            address = urlsplit(stack.gateway_url)
            where = [str(address.hostname), str(address.port), f"/v1/jobs/{job['id']}"]
            reader = subprocess.Popen(
                [sys.executable, "-c", READER, *where, str(arguments.every)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            time.sleep(1.0)  # the reader's connection is open and warm before the burst
            started = time.monotonic()
            burst = Burst("1-page burst", ONE_PAGE, 1, arguments.jobs, arguments.clients)
            result = run_burst(stack, burst, FIELDS, os.cpu_count() or 1, timeout=600)
            ended = time.monotonic()
            reads = json.loads(reader.communicate("")[0])
        finally:
            stack.stop()
    during = [(at, seconds) for at, seconds in reads if started <= at <= ended]
    splits = {
        "whole burst": [seconds for _, seconds in during],
        f"first {UPLOAD_SECONDS:g} s (uploads)": [s for at, s in during if at <= started + UPLOAD_SECONDS],
        "after it": [s for at, s in during if at > started + UPLOAD_SECONDS],
    }
    clients = result["status"]
    print(
        f"burst clients' own status reads: {clients['count']}, p50 {clients['p50_ms']:.1f} ms, "
        f"p99 {clients['p99_ms']:.1f} ms; submit p99 {result['submit']['p99_ms']:.0f} ms, "
        f"{result['accepted_per_second']:.0f} accepted/s, {result['jobs_per_second']:.1f} jobs/s"
    )
    for name, values in splits.items():
        print(
            f"reader of its own, {name}: {len(values)} reads, p50 {percentile(values, 0.5) * 1000:.1f} ms, "
            f"p90 {percentile(values, 0.9) * 1000:.1f} ms, p99 {percentile(values, 0.99) * 1000:.1f} ms, "
            f"max {max(values, default=0) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
