"""A job row as the gateway creates it for an upload, for the tests of what happens to it next."""

from docrelay_common.jobs import JobRow, JobStore


def new_job(store: JobStore, job_id: str) -> None:
    store.create(
        JobRow(
            id=job_id,
            status="queued",
            progress=0,
            target_lang="es",
            tone="neutral",
            filename="a.pdf",
            size_bytes=10,
        )
    )
