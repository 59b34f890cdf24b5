"""What crosses the broker: small, versioned references to artifacts, never documents."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from docrelay_common.constants import OutputMode, Tone

MESSAGE_VERSION: Literal[1] = 1

# Optional artifact of a job with a glossary: a JSON object source term -> target term.
GLOSSARY_ARTIFACT = "glossary"


class JobOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    target_lang: str
    source_lang: str | None = None
    tone: Tone = Tone.NEUTRAL
    engine: str | None = None
    output: OutputMode = OutputMode.TRANSLATED


class StageMessage(BaseModel):
    """Handed from one stage to the next; `artifacts` maps artifact names to store keys."""

    model_config = ConfigDict(extra="forbid")

    version: Literal[1] = MESSAGE_VERSION
    job_id: str
    options: JobOptions
    artifacts: dict[str, str] = Field(default_factory=dict)

    def with_artifact(self, name: str, key: str) -> "StageMessage":
        return self.model_copy(update={"artifacts": {**self.artifacts, name: key}})
