"""Artifact keys, the choice of store from the settings, and what only the local store does.

What both stores do alike is tested once for both, in tests/integration/test_artifacts_s3.py.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

from docrelay_common.artifact_backends import open_artifact_store
from docrelay_common.artifacts import check_key, job_folder, job_key
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.artifacts_s3 import S3ArtifactStore
from docrelay_common.settings import CommonSettings


@pytest.mark.parametrize("key", ["jobs/j1/source.pdf", "jobs/j1/pages/1.png", "glossary.json", "a..b/c."])
def test_keys_inside_the_store_are_accepted(key: str) -> None:
    assert check_key(key) == key


@pytest.mark.parametrize("key", ["", "/abs", "..", "../x", "jobs/../x", "jobs/./x", "jobs//x", "jobs/j1/"])
def test_keys_that_could_escape_the_store_are_refused(key: str) -> None:
    with pytest.raises(ValueError, match="escapes the store"):
        check_key(key)


def test_a_job_folder_holds_exactly_that_jobs_keys() -> None:
    assert job_key("j1", "source.pdf").startswith(job_folder("j1"))
    assert not job_key("j10", "source.pdf").startswith(job_folder("j1"))
    with pytest.raises(ValueError):
        job_folder("..")


def test_without_a_url_artifacts_go_to_the_artifact_directory(tmp_path: Path) -> None:
    store = open_artifact_store(CommonSettings(data_dir=tmp_path, artifact_url=""))
    assert isinstance(store, LocalArtifactStore) and store.root == tmp_path / "artifacts"


@pytest.mark.parametrize("host", ["", "localhost"])
def test_a_file_url_names_the_directory(tmp_path: Path, host: str) -> None:
    shared = tmp_path / "shared dir"
    # as_uri() quotes the space: the store must unquote it.
    url = shared.as_uri().replace("file://", f"file://{host}", 1)
    store = open_artifact_store(CommonSettings(data_dir=tmp_path, artifact_url=url))
    assert isinstance(store, LocalArtifactStore) and store.root == shared


@pytest.mark.parametrize(
    ("url", "endpoint", "prefix", "expected_endpoint"),
    [
        ("s3://artifacts", "", "", None),
        ("s3://artifacts/", "", "", None),
        ("s3://artifacts/prod/docrelay/", "http://minio:9000", "prod/docrelay/", "http://minio:9000"),
    ],
)
def test_an_s3_url_names_the_bucket_and_prefix(
    url: str, endpoint: str, prefix: str, expected_endpoint: str | None
) -> None:
    store = open_artifact_store(CommonSettings(artifact_url=url, s3_endpoint_url=endpoint))
    assert isinstance(store, S3ArtifactStore)
    assert (store.bucket, store.prefix, store.endpoint_url) == ("artifacts", prefix, expected_endpoint)


@pytest.mark.parametrize("url", ["s3://", "file://relative/dir", "file:relative", "https://bucket.example/x"])
def test_an_unsupported_url_is_refused_with_the_accepted_forms(url: str) -> None:
    with pytest.raises(ValueError) as refused:
        open_artifact_store(CommonSettings(artifact_url=url))
    assert "DOCRELAY_ARTIFACT_URL" in str(refused.value)
    assert "s3://bucket/prefix" in str(refused.value)


def test_local_files_are_the_artifacts_themselves(tmp_path: Path) -> None:
    store = LocalArtifactStore(tmp_path)
    store.write_bytes(job_key("j1", "base.pdf"), b"%PDF-1.7")
    with store.local_file(job_key("j1", "base.pdf")) as path:
        assert path == tmp_path / "jobs" / "j1" / "base.pdf"


def test_a_failed_local_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"partial"
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        LocalArtifactStore(tmp_path).write_chunks(job_key("j1", "base.pdf"), chunks())
    assert list((tmp_path / "jobs" / "j1").iterdir()) == []
