"""How jobs are cut into page ranges, and how every task id leads back to its job and stage."""

import pytest
from pydantic import ValidationError

from docrelay_common.messages import JobOptions, PageRange, StageMessage, page_ranges
from docrelay_common.stages import Stage, parse_task_id, part_task_id, task_id


def spans(pages: int, per_part: int) -> list[tuple[int, int]]:
    return [(part.first, part.last) for part in page_ranges(pages, per_part)]


def test_pages_are_cut_into_ranges_the_last_one_shorter() -> None:
    assert spans(1, 40) == [(1, 1)]
    assert spans(40, 40) == [(1, 40)]
    assert spans(41, 40) == [(1, 40), (41, 41)]
    assert spans(300, 25) == [(first, first + 24) for first in range(1, 300, 25)]
    assert spans(18, 4) == [(1, 4), (5, 8), (9, 12), (13, 16), (17, 18)]
    assert sum(part.pages for part in page_ranges(299, 7)) == 299


def test_labels_sort_in_page_order_and_name_the_part_files() -> None:
    labels = [part.label for part in page_ranges(250, 9)]
    assert labels == sorted(labels) and labels[0] == "p00001-00009"
    message = StageMessage(
        job_id="j1",
        options=JobOptions(target_lang="es"),
        artifacts={"extracted": "jobs/j1/extracted"},
        parts=page_ranges(12, 5),
    )
    assert message.pages == 12
    assert message.part_key("extracted", message.parts[2]) == "jobs/j1/extracted/p00011-00012.json"


def test_a_range_starts_at_page_one_or_later() -> None:
    with pytest.raises(ValidationError):
        PageRange(first=0, last=3)


def test_stage_and_part_task_ids_lead_back_to_the_job_and_stage() -> None:
    assert parse_task_id(task_id("abc123", Stage.TONE)) == ("abc123", Stage.TONE)
    assert parse_task_id(part_task_id("abc123", Stage.TRANSLATE, "p00041-00080")) == (
        "abc123",
        Stage.TRANSLATE,
    )
    # Other tasks of the job (its webhook) and foreign ids are not stage tasks.
    assert parse_task_id("abc123.webhook") is None
    assert parse_task_id("3f2c-uuid-of-someone-else") is None
