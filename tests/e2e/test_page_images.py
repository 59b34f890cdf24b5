"""GET /v1/jobs/{id}/pages/{n}.png on the real stack: each side of every layout, errors, the cache."""

from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import httpx
from PIL import Image, ImageChops, ImageStat

from docrelay_cli.stack import Stack
from tests.e2e.conftest import submit
from tests.e2e.helpers import wait_for_job

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def page_image(gateway: httpx.Client, job_id: str, number: int, side: str) -> Image.Image:
    answer = gateway.get(f"/v1/jobs/{job_id}/pages/{number}.png", params={"side": side})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "image/png" and answer.content.startswith(PNG_SIGNATURE)
    return Image.open(BytesIO(answer.content)).convert("L")


def difference(first: Image.Image, second: Image.Image) -> float:
    """Mean absolute grey-level difference of two images of (nearly) one size, 0-255."""
    box = (0, 0, min(first.width, second.width), min(first.height, second.height))
    return float(ImageStat.Stat(ImageChops.difference(first.crop(box), second.crop(box))).mean[0])


def error_of(answer: httpx.Response) -> tuple[int, str]:
    return answer.status_code, answer.json()["error"]["code"]


def test_the_result_side_shows_the_translated_page_alone_in_every_layout(
    gateway: httpx.Client, sample_pdf: Path
) -> None:
    ids = {
        layout: submit(gateway, sample_pdf, target_lang="es", output=layout).json()["id"]
        for layout in ("translated", "bilingual", "alternating")
    }
    for job_id in ids.values():
        assert wait_for_job(gateway, job_id)["status"] == "succeeded"
    source = page_image(gateway, ids["translated"], 1, "source")
    translated = page_image(gateway, ids["translated"], 1, "result")
    # The translation redraws the text: the page changes, but keeps its size.
    assert translated.size == source.size
    assert difference(source, translated) > 1.0
    for layout in ("bilingual", "alternating"):
        result = page_image(gateway, ids[layout], 1, "result")
        # The right half of a bilingual page, the second page of a pair: the same translated page.
        assert abs(result.width - translated.width) <= 2 and abs(result.height - translated.height) <= 2
        assert difference(result, translated) < 1.0, layout
        assert difference(page_image(gateway, ids[layout], 1, "source"), source) < 1.0


def test_pages_that_cannot_be_drawn_get_their_own_error_codes(
    gateway: httpx.Client, sample_pdf: Path, corpus: Callable[[str], Path]
) -> None:
    done = submit(gateway, sample_pdf, target_lang="es").json()["id"]
    scan = submit(gateway, corpus("francais-scan.pdf"), target_lang="es", source_lang="fr", ocr="off").json()[
        "id"
    ]
    assert wait_for_job(gateway, done)["status"] == "succeeded"
    assert wait_for_job(gateway, scan)["error"]["code"] == "pdf_no_text"
    for number in (0, 2):
        assert error_of(gateway.get(f"/v1/jobs/{done}/pages/{number}.png")) == (404, "page_out_of_range")
    assert error_of(gateway.get(f"/v1/jobs/{done}/pages/two.png")) == (422, "invalid_request")
    assert error_of(gateway.get(f"/v1/jobs/{done}/pages/1.png?side=both")) == (422, "invalid_request")
    assert error_of(gateway.get("/v1/jobs/0123456789abcdef/pages/1.png")) == (404, "job_not_found")
    # A scan has no translation, but its pages can still be looked at.
    assert error_of(gateway.get(f"/v1/jobs/{scan}/pages/1.png?side=result")) == (409, "result_not_ready")
    assert page_image(gateway, scan, 1, "source").width > 0


def test_page_images_are_cached_in_the_job_folder_and_removed_with_the_job(
    gateway: httpx.Client, stack: Stack, corpus: Callable[[str], Path]
) -> None:
    job_id = submit(gateway, corpus("R-intro.pdf"), target_lang="es").json()["id"]
    cached = stack.config.data_dir / "artifacts" / "jobs" / job_id / "previews" / "source-2.png"
    # The original's pages can be looked at while the job runs.
    first = gateway.get(f"/v1/jobs/{job_id}/pages/2.png").content
    assert cached.read_bytes() == first
    # A marker in the cache is served as it is: the page is not drawn again.
    cached.write_bytes(PNG_SIGNATURE + b"cached")
    assert gateway.get(f"/v1/jobs/{job_id}/pages/2.png").content == PNG_SIGNATURE + b"cached"
    assert gateway.delete(f"/v1/jobs/{job_id}").json()["status"] == "cancelled"
    # Cancelling deletes the job's folder before it answers; a preview drawn meanwhile is removed too.
    assert not cached.parent.exists()
    assert error_of(gateway.get(f"/v1/jobs/{job_id}/pages/2.png")) == (410, "job_expired")
