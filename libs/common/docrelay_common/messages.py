"""What crosses the broker: small, versioned references to artifacts, never documents."""

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from docrelay_common.constants import OcrMode, OutputMode, Tone
from docrelay_common.language_routes import Hop

MESSAGE_VERSION: Literal[2] = 2


class JobOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    target_lang: str
    source_lang: str | None = None
    tone: Tone = Tone.NEUTRAL
    engine: str | None = None
    output: OutputMode = OutputMode.TRANSLATED
    ocr: OcrMode = OcrMode.AUTO
    # Settled by the translator's plan: the hops every part of the job takes, on whichever replica.
    route: tuple[Hop, ...] = ()


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


def weighted_page_ranges(costs: Sequence[float], budget: float) -> list[PageRange]:
    """Pages (costs[0] is page 1's) cut into contiguous ranges costing at most `budget` each; a page
    costing more has a range of its own. With every cost 1 this is `page_ranges(len(costs), budget)`."""
    ranges: list[PageRange] = []
    first, spent = 1, 0.0
    for number, cost in enumerate(costs, start=1):
        if number > first and spent + cost > budget:
            ranges.append(PageRange(first=first, last=number - 1))
            first, spent = number, 0.0
        spent += cost
    if costs:
        ranges.append(PageRange(first=first, last=len(costs)))
    return ranges


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
