"""The gateway's wheel carries the web page: a deployment installed from wheels serves it too."""

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

from docrelay_gateway.api.routes.web import PAGE_DIR
from tests.support.corpus import REPO_ROOT


def test_the_gateway_wheel_holds_every_file_of_the_web_page(tmp_path: Path) -> None:
    # `uv run` tells its children where uv is; the tests run under it (README, Makefile).
    uv = os.environ.get("UV") or shutil.which("uv")
    assert uv, "uv is needed to build the wheel"
    subprocess.run(
        [uv, "build", "--wheel", "--quiet", str(REPO_ROOT / "services" / "gateway"), "-o", str(tmp_path)],
        check=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("docrelay_gateway-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = set(archive.namelist())
    page_files = {f"docrelay_gateway/web/{path.name}" for path in PAGE_DIR.iterdir() if path.is_file()}
    assert "docrelay_gateway/web/index.html" in page_files
    assert page_files <= shipped
