"""A gateway process's startup objects are frozen out of the collector's full collections once its
application starts (the status service's main does the same before it consumes events)."""

import json
import subprocess
import sys
from pathlib import Path

# Run in a process of its own: freezing is for the life of a process, and this one is pytest's.
STARTED_GATEWAY = """
import asyncio, gc, json
from docrelay_gateway.main import app

async def start() -> None:
    async with app.router.lifespan_context(app):
        print(json.dumps({"frozen": gc.get_freeze_count(), "tracked": len(gc.get_objects())}))

asyncio.run(start())
"""


def test_a_started_gateway_leaves_full_collections_only_what_came_after_its_start(tmp_path: Path) -> None:
    env = {"DOCRELAY_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-c", STARTED_GATEWAY], capture_output=True, text=True, env=env, timeout=120
    )
    assert run.returncode == 0, run.stderr
    counts = json.loads(run.stdout.splitlines()[-1])
    # FastAPI, pydantic, SQLAlchemy, OpenTelemetry: a full collection walked all of them (60-80 ms).
    assert counts["frozen"] > 50_000
    assert counts["tracked"] < counts["frozen"] / 10
