"""What `docrelay` says when something fails reaches the user whole: a worker's log quoted in the message
holds Celery's "[config]" and "[tasks]" heads, which Rich would take for its own markup (dropping them,
or stopping at a closing tag it cannot match)."""

import pytest

from docrelay_cli.main import _failed

CELERY_BANNER = "\n".join(
    [
        "-------------- extract@vm v5.4",
        "[config]",
        ".> app: docrelay",
        "[queues]",
        "[tasks]",
        "  . docrelay.extract",
    ]
)


def test_a_failure_quoting_a_log_prints_the_log_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    _failed("could not start docrelay", f"pipeline workers did not become ready\n{CELERY_BANNER}\n[/pid]")

    said = capsys.readouterr().err
    assert said.startswith("could not start docrelay: pipeline workers did not become ready\n")
    for head in ("[config]", "[queues]", "[tasks]", "[/pid]"):
        assert head in said
