"""The steps a stopping worker hands back to the queue, read from its task's id and message."""

from docrelay_common.messages import JobOptions, StageMessage, page_ranges
from docrelay_common.shutdown import unfinished_steps
from docrelay_common.stages import Stage, part_task_id, task_id


def message(pages: int) -> dict[str, object]:
    options = JobOptions(target_lang="es")
    return StageMessage(job_id="j", options=options, parts=page_ranges(pages, 40)).model_dump(mode="json")


def test_a_part_task_is_in_its_range_or_the_finish() -> None:
    assert unfinished_steps(part_task_id("j", Stage.EXTRACT, "p00041-00080"), []) == [
        "p00041-00080",
        "finish",
    ]


def test_the_stage_task_plans_runs_the_only_range_of_a_small_job_and_finishes() -> None:
    assert unfinished_steps(task_id("j", Stage.EXTRACT), [message(12)]) == ["plan", "p00001-00012", "finish"]


def test_the_stage_task_of_a_large_job_only_plans_and_finishes_there() -> None:
    assert unfinished_steps(task_id("j", Stage.EXTRACT), [message(100)]) == ["plan", "finish"]
    assert unfinished_steps(task_id("j", Stage.EXTRACT), []) == ["plan", "finish"]
