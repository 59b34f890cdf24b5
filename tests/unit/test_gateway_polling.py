"""When the gateway tells a polling client to read a job again (`Retry-After`)."""

import pytest

from docrelay_common.constants import FINAL_STATUSES, JobStatus
from docrelay_gateway.eta import POLL_AFTER_SECONDS, poll_after_seconds

FEWEST, MOST = POLL_AFTER_SECONDS


@pytest.mark.parametrize("status", sorted(FINAL_STATUSES))
def test_an_ended_job_needs_no_more_reads(status: JobStatus) -> None:
    assert poll_after_seconds(status, 0) is None
    assert poll_after_seconds(status, None) is None


def test_a_job_asks_to_be_read_again_after_half_of_what_it_should_still_take() -> None:
    assert poll_after_seconds(JobStatus.RUNNING, 20) == 10
    assert poll_after_seconds(JobStatus.RUNNING, 7) == 4


def test_soon_when_nothing_is_known_or_little_is_left_and_never_later_than_the_cap() -> None:
    assert poll_after_seconds(JobStatus.QUEUED, None) == FEWEST
    assert poll_after_seconds(JobStatus.RUNNING, 0) == FEWEST
    assert poll_after_seconds(JobStatus.RUNNING, 1) == FEWEST
    assert poll_after_seconds(JobStatus.RUNNING, 3600) == MOST
