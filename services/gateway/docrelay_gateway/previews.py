"""Page images for the side-by-side preview: one page of the source or of the result, as a PNG.

Pages are rendered by poppler's pdftoppm in a subprocess with a time limit, so a hostile PDF can stall
or crash only that process, never the gateway. Images are bounded in pixels whatever the page size.
"""

import os
import subprocess
import threading
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import pikepdf

from docrelay_common.artifacts import Artifact, artifact_key, job_key
from docrelay_common.constants import OutputMode
from docrelay_common.errors import ErrorCode
from docrelay_gateway.errors import ApiError

# The longer side of a preview image, in pixels, and the sharpest resolution worth rendering at.
PREVIEW_BOX_PIXELS = 1400
MAX_DPI = 150.0
RENDER_TIMEOUT_SECONDS = 60
POINTS_PER_INCH = 72.0
# Drawing is CPU-bound: a burst of page requests waits for a free core rather than starting a process
# per request in the server's thread pool.
_RENDER_SLOTS = threading.BoundedSemaphore(os.cpu_count() or 2)


class Side(StrEnum):
    SOURCE = "source"
    RESULT = "result"


@dataclass(frozen=True)
class SideLayout:
    """How the pages of one side sit in a stored PDF."""

    pdf_key: str
    # Stored pages per document page, and which of them (0-based) holds the side's page.
    stride: int = 1
    offset: int = 0
    # The side's page is the right half of the stored page (bilingual output: original | translation).
    right_half: bool = False

    def stored_index(self, number: int) -> int:
        return (number - 1) * self.stride + self.offset


def preview_key(job_id: str, side: Side, number: int) -> str:
    """Inside the job's folder, so cancelling or expiring the job deletes its previews too."""
    return job_key(job_id, f"previews/{side.value}-{number}.png")


def layout_of(job_id: str, side: Side, output: OutputMode) -> SideLayout:
    """The result side shows the translation of a page alone, whatever the output layout."""
    if side == Side.SOURCE:
        return SideLayout(artifact_key(job_id, Artifact.SOURCE))
    result = artifact_key(job_id, Artifact.RESULT)
    if output == OutputMode.ALTERNATING:
        return SideLayout(result, stride=2, offset=1)
    return SideLayout(result, right_half=output == OutputMode.BILINGUAL)


def render_page(pdf: Path, layout: SideLayout, number: int) -> bytes:
    """Page `number` (1-based) of the side as a PNG; ApiError when there is no such page or it fails."""
    width, height = _page_size(pdf, layout, number)
    if layout.right_half:
        width /= 2
    dpi = min(MAX_DPI, PREVIEW_BOX_PIXELS * POINTS_PER_INCH / max(width, height, 1.0))
    command = ["pdftoppm", "-png", "-singlefile", "-cropbox", "-r", f"{dpi:.3f}"]
    page = str(layout.stored_index(number) + 1)
    command += ["-f", page, "-l", page]
    if layout.right_half:
        pixels = [round(value * dpi / POINTS_PER_INCH) for value in (width, width, height)]
        command += ["-x", str(pixels[0]), "-y", "0", "-W", str(pixels[1]), "-H", str(pixels[2])]
    try:
        with _RENDER_SLOTS:
            done = subprocess.run(
                [*command, str(pdf)], capture_output=True, timeout=RENDER_TIMEOUT_SECONDS, check=False
            )
    except FileNotFoundError:
        raise ApiError(
            503, ErrorCode.UNAVAILABLE, "page images need poppler's pdftoppm, which this server lacks"
        ) from None
    except subprocess.TimeoutExpired:
        raise _render_failed(number, f"rendering took longer than {RENDER_TIMEOUT_SECONDS} s") from None
    if done.returncode != 0 or not done.stdout:
        reason = done.stderr.decode(errors="replace").strip().splitlines()
        raise _render_failed(number, reason[-1] if reason else f"pdftoppm exited with {done.returncode}")
    return done.stdout


def _page_size(pdf: Path, layout: SideLayout, number: int) -> tuple[float, float]:
    """The width and height in points of the side's page, after checking that the page exists."""
    try:
        with pikepdf.open(pdf) as document:
            pages = len(document.pages) // layout.stride
            if not 1 <= number <= pages:
                held = f"pages are 1 to {pages}" if pages else "the document has no pages"
                raise ApiError(404, ErrorCode.PAGE_OUT_OF_RANGE, f"page {number} does not exist: {held}")
            x0, y0, x1, y1 = (float(value) for value in document.pages[layout.stored_index(number)].cropbox)
            return abs(x1 - x0), abs(y1 - y0)
    except pikepdf.PasswordError:
        raise ApiError(
            422, ErrorCode.PDF_ENCRYPTED, "the PDF needs a password, so its pages cannot be shown"
        ) from None
    except pikepdf.PdfError as exc:
        raise ApiError(422, ErrorCode.PDF_CORRUPT, f"the PDF cannot be read: {exc}") from None


def _render_failed(number: int, reason: str) -> ApiError:
    return ApiError(422, ErrorCode.RENDER_FAILED, f"page {number} could not be drawn as an image: {reason}")
