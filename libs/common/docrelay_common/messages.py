"""What crosses the broker: small, versioned references to artifacts, never documents."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from docrelay_common.constants import OutputMode, Tone

MESSAGE_VERSION: Literal[2] = 2


class JobOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    target_lang: str
    source_lang: str | None = None
    tone: Tone = Tone.NEUTRAL
    engine: str | None = None
    output: OutputMode = OutputMode.TRANSLATED


class PageRange(BaseModel):
    """Pages `first` to `last` (counted from 1, both included): the unit of work of one part task."""

    model_config = ConfigDict(frozen=True)

    first: int = Field(ge=1)
    last: int = Field(ge=1)

    @property
    def label(self) -> str:
        """Names the range in artifact keys, task ids and the ledger; sorts in page order."""
        return f"p{self.first:05d}-{self.last:05d}"

    @property
    def pages(self) -> int:
        return self.last - self.first + 1


def page_ranges(pages: int, pages_per_part: int) -> list[PageRange]:
    """`pages` cut into ranges of `pages_per_part` pages, the last one shorter."""
    return [
        PageRange(first=first, last=min(pages, first + pages_per_part - 1))
        for first in range(1, pages + 1, pages_per_part)
    ]


class StageMessage(BaseModel):
    """Handed from one stage to the next; `artifacts` maps artifact names to store keys.

    Documents are stored in parts, one per page range: a document artifact's key is a folder, and
    `part_key` names the file of one range in it. The extractor sets `parts` once it knows the page count.
    """

    model_config = ConfigDict(extra="forbid")

    version: Literal[2] = MESSAGE_VERSION
    job_id: str
    options: JobOptions
    artifacts: dict[str, str] = Field(default_factory=dict)
    parts: list[PageRange] = Field(default_factory=list)

    def with_artifact(self, name: str, key: str) -> "StageMessage":
        return self.model_copy(update={"artifacts": {**self.artifacts, name: key}})

    def part_key(self, name: str, part: PageRange, suffix: str = ".json") -> str:
        return f"{self.artifacts[name]}/{part.label}{suffix}"

    @property
    def pages(self) -> int:
        return sum(part.pages for part in self.parts)
