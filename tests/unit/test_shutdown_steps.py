"""The steps a stopping worker hands back to the queue, read from its task's id and the stage's ledger."""

from docrelay_common.ledger import StageRecord
from docrelay_common.messages import page_ranges
from docrelay_common.shutdown import unfinished_steps
from docrelay_common.stages import Stage, part_task_id, task_id


def planned(pages: int, finished: int = 0) -> StageRecord:
    """The stage's record once planned: its ranges of 40 pages, the first `finished` of them done."""
    labels = [part.label for part in page_ranges(pages, 40)]
    return StageRecord(parts=labels, finished_parts={label: "w" for label in labels[:finished]})


def test_a_part_task_is_in_its_range_or_the_finish() -> None:
    assert unfinished_steps(part_task_id("j", Stage.EXTRACT, "p00041-00080"), planned(100)) == [
        "p00041-00080",
        "finish",
    ]


def test_the_stage_task_plans_runs_the_only_range_of_a_small_job_and_finishes() -> None:
    assert unfinished_steps(task_id("j", Stage.EXTRACT), planned(12)) == ["plan", "p00001-00012", "finish"]


def test_the_stage_task_of_a_resumed_job_runs_its_one_range_left() -> None:
    assert unfinished_steps(task_id("j", Stage.EXTRACT), planned(100, finished=2)) == [
        "plan",
        "p00081-00100",
        "finish",
    ]


def test_the_stage_task_of_a_large_job_only_plans_and_finishes_there() -> None:
    assert unfinished_steps(task_id("j", Stage.EXTRACT), planned(100)) == ["plan", "finish"]
    # Not planned yet, or a range's end written: the plan or the finish.
    assert unfinished_steps(task_id("j", Stage.EXTRACT), None) == ["plan", "finish"]
    assert unfinished_steps(task_id("j", Stage.EXTRACT), planned(12, finished=1)) == ["plan", "finish"]
