"""A stage that overruns its soft time limit fails its job with stage_timeout, naming the stage."""

import sys
import time
from pathlib import Path

from docrelay_cli.processes import ManagedProcess, stop_all
from docrelay_common.celery_app import create_celery_app, send_to_stage
from docrelay_common.constants import StageState
from docrelay_common.ledger import JobLedger
from docrelay_common.messages import JobOptions, StageMessage
from docrelay_common.redis_client import connect_redis
from docrelay_common.settings import CommonSettings
from docrelay_common.stages import Stage
from tests.support.servers import redis_server


def test_the_soft_time_limit_fails_the_stage_with_stage_timeout(tmp_path: Path) -> None:
    knobs = tmp_path / "chaos"
    knobs.mkdir()
    (knobs / "tone.delay").write_text("30")
    with redis_server() as redis_url:
        env = {
            "PATH": "/usr/bin:/bin",
            "DOCRELAY_DATA_DIR": str(tmp_path / "data"),
            "DOCRELAY_REDIS_URL": redis_url,
            "DOCRELAY_TONE_TIME_LIMIT": "1",
            "CHAOS_DIR": str(knobs),
            # No metrics server: the default port may be taken by a test running alongside.
            "DOCRELAY_METRICS_PORT": "0",
        }
        argv = [sys.executable, "-m", "tests.support.chaos_worker", "tone", "--concurrency=1"]
        worker = ManagedProcess("tone", argv, env, tmp_path / "tone.log")
        worker.start()
        app = create_celery_app("test", CommonSettings(redis_url=redis_url, data_dir=tmp_path / "data"))
        ledger = JobLedger(connect_redis(redis_url), ttl_seconds=600)
        try:
            message = StageMessage(
                job_id="slow-job", options=JobOptions(target_lang="es"), artifacts={"translated": "x"}
            )
            send_to_stage(app, Stage.TONE, message)
            deadline = time.monotonic() + 60
            record = None
            while time.monotonic() < deadline:
                record = ledger.stage("slow-job", Stage.TONE)
                if record is not None and record.state == StageState.FAILED:
                    break
                time.sleep(0.2)
        finally:
            app.close()
            stop_all([worker])
    assert record is not None and record.state == StageState.FAILED, worker.log_tail()
    assert record.error_code == "stage_timeout"
    assert record.error_message == "the tone stage ran out of time"
    assert record.finished_at is not None and record.started_at is not None
    assert record.finished_at - record.started_at < 10, "failed at the soft limit, not the hard one"
