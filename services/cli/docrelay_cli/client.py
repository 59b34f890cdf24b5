"""A small client of the gateway's HTTP API."""

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

FINAL = {"succeeded", "failed", "cancelled"}


class ClientError(Exception):
    """A failure to show the user as it is: code and message from the server when there is one."""

    def __init__(self, code: str, message: str, stage: str | None = None) -> None:
        where = f" in stage {stage}" if stage else ""
        super().__init__(f"{code}{where}: {message}")
        self.code, self.message, self.stage = code, message, stage


def _raise_for_error(response: httpx.Response) -> None:
    if response.is_success:
        return
    try:
        error = response.json()["error"]
        raise ClientError(error["code"], error["message"])
    except (ValueError, KeyError, TypeError):
        raise ClientError(f"http_{response.status_code}", response.text[:300]) from None


class GatewayClient:
    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=timeout)

    def submit(self, pdf: Path, fields: dict[str, str]) -> dict[str, Any]:
        with pdf.open("rb") as handle:
            response = self.http.post(
                "/v1/jobs", files={"file": (pdf.name, handle, "application/pdf")}, data=fields
            )
        _raise_for_error(response)
        return dict(response.json())

    def job(self, job_id: str) -> dict[str, Any]:
        response = self.http.get(f"/v1/jobs/{job_id}")
        _raise_for_error(response)
        return dict(response.json())

    def wait(
        self, job_id: str, on_update: Callable[[dict[str, Any]], None], poll: float = 0.5
    ) -> dict[str, Any]:
        while True:
            job = self.job(job_id)
            on_update(job)
            if job["status"] in FINAL:
                return job
            time.sleep(poll)

    def languages(self) -> dict[str, Any]:
        response = self.http.get("/v1/languages")
        _raise_for_error(response)
        return dict(response.json())

    def download(self, job_id: str, destination: Path) -> None:
        with self.http.stream("GET", f"/v1/jobs/{job_id}/result") as response:
            if not response.is_success:
                response.read()
                _raise_for_error(response)
            with destination.open("wb") as out:
                for chunk in response.iter_bytes():
                    out.write(chunk)
