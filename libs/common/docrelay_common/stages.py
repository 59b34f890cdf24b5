"""The stage table: every fact about a pipeline stage, in one row each.

Queues, task names, the pipeline's order, progress weights, ETA priors, time limits, the artifact each
stage hands on and the service that runs it are all read from `STAGES`; nothing else lists the stages.
Adding a stage is a member of `Stage`, a row here, a service package and its deploy files.
"""

from dataclasses import dataclass
from enum import StrEnum

from docrelay_common.artifacts import Artifact


class Stage(StrEnum):
    EXTRACT = "extract"
    TRANSLATE = "translate"
    TONE = "tone"
    RECONSTRUCT = "reconstruct"


@dataclass(frozen=True)
class StageSpec:
    stage: Stage
    # The Python package of the stage's worker (`python -m <module>`).
    module: str
    # The service's name in docker-compose.yml and deploy/k8s (one Deployment each).
    service: str
    # The artifact the stage hands on; the next stage reads it. Documents are folders of page ranges.
    output: Artifact
    # Other artifacts the stage reads besides its predecessor's output.
    uses: tuple[Artifact, ...]
    # Share of the job's progress bar the stage owns (the weights add up to 100).
    weight: int
    # Seconds per page before any job was measured: Apertium on one core, a text-heavy page.
    prior_seconds_per_page: float
    # Default soft time limit in seconds (DOCRELAY_<STAGE>_TIME_LIMIT overrides it).
    time_limit: int

    @property
    def queue(self) -> str:
        return self.stage.value

    @property
    def task(self) -> str:
        return f"docrelay.{self.stage.value}"

    @property
    def part_task(self) -> str:
        """The task that does one page range of a job, on the same queue as the stage's task."""
        return f"docrelay.{self.stage.value}.part"


STAGES: dict[Stage, StageSpec] = {
    spec.stage: spec
    for spec in (
        StageSpec(
            stage=Stage.EXTRACT,
            module="docrelay_extractor",
            service="extractor",
            output=Artifact.EXTRACTED,
            uses=(),
            weight=10,
            prior_seconds_per_page=0.3,
            time_limit=600,
        ),
        StageSpec(
            stage=Stage.TRANSLATE,
            module="docrelay_translator",
            service="translator",
            output=Artifact.TRANSLATED,
            uses=(Artifact.GLOSSARY,),
            weight=55,
            prior_seconds_per_page=1.5,
            time_limit=1800,
        ),
        StageSpec(
            stage=Stage.TONE,
            module="docrelay_toner",
            service="toner",
            output=Artifact.TONED,
            uses=(),
            weight=10,
            prior_seconds_per_page=0.05,
            time_limit=300,
        ),
        StageSpec(
            stage=Stage.RECONSTRUCT,
            module="docrelay_reconstructor",
            service="reconstructor",
            output=Artifact.RESULT,
            uses=(Artifact.BASE, Artifact.RANGES),
            weight=25,
            prior_seconds_per_page=0.6,
            time_limit=900,
        ),
    )
}

PIPELINE: tuple[Stage, ...] = tuple(STAGES)


def input_of(stage: Stage) -> Artifact:
    """The artifact a stage works on: the upload for the first stage, else its predecessor's output."""
    index = PIPELINE.index(stage)
    return Artifact.SOURCE if index == 0 else STAGES[PIPELINE[index - 1]].output


def next_stage(stage: Stage) -> Stage | None:
    index = PIPELINE.index(stage)
    return PIPELINE[index + 1] if index + 1 < len(PIPELINE) else None


def queue_name(stage: Stage) -> str:
    return STAGES[stage].queue


def task_name(stage: Stage) -> str:
    return STAGES[stage].task


def part_task_name(stage: Stage) -> str:
    return STAGES[stage].part_task


def task_id(job_id: str, stage: Stage) -> str:
    """Deterministic task id, so any task event can be traced back to its job and stage."""
    return f"{job_id}.{stage.value}"


def part_task_id(job_id: str, stage: Stage, part_label: str) -> str:
    return f"{job_id}.{stage.value}.{part_label}"


def parse_task_id(value: str) -> tuple[str, Stage] | None:
    """The job and stage of a stage task's or a part task's id (job ids hold no dots)."""
    job_id, _, rest = value.partition(".")
    stage = rest.partition(".")[0]
    if not job_id or stage not in Stage._value2member_map_:
        return None
    return job_id, Stage(stage)
