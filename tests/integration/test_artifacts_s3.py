"""Both artifact stores pass one suite: a shared directory, and S3 spoken over HTTP to moto's S3 server."""

import asyncio
import random
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from uuid import uuid4

import pikepdf
import pytest

from docrelay_cli.readiness import free_port
from docrelay_common.artifact_backends import open_artifact_store
from docrelay_common.artifacts import ArtifactStore, job_key
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.artifacts_s3 import S3ArtifactStore
from docrelay_common.errors import ErrorCode, PermanentError, TransientError
from docrelay_common.messages import JobOptions, StageMessage
from docrelay_common.settings import CommonSettings
from docrelay_common.stages import Stage
from docrelay_extractor.worker import work
from tests.support.documents import text_document
from tests.support.s3 import CREDENTIALS, object_names, overloaded_s3_server, s3_client, s3_server
from tests.support.stage import read_document, recording_context, run_in_process

BUCKET = "docrelay-artifacts"
KEY = job_key("j1", "source.pdf")
MIB = 1 << 20


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    with pytest.MonkeyPatch.context() as env:
        for name, value in CREDENTIALS.items():
            env.setenv(name, value)
        with s3_server() as endpoint:
            s3_client(endpoint).create_bucket(Bucket=BUCKET)
            yield endpoint


def s3_store(endpoint: str) -> S3ArtifactStore:
    """A store under a prefix of its own, so that tests share the bucket but see nothing of each other."""
    return S3ArtifactStore(BUCKET, f"tests/{uuid4().hex}", endpoint_url=endpoint)


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The directory temporary files go to during the test, to see what is left there."""
    directory = tmp_path / "scratch"
    directory.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(directory))
    return directory


@pytest.fixture(params=["local", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path, scratch: Path) -> ArtifactStore:
    if request.param == "local":
        return LocalArtifactStore(tmp_path / "artifacts")
    return s3_store(request.getfixturevalue("s3_endpoint"))


def some_bytes(size: int) -> bytes:
    return random.Random(size).randbytes(size)


def failing_after(data: bytes) -> Iterator[bytes]:
    yield data
    raise ConnectionResetError("the client went away")


def test_written_bytes_read_back(store: ArtifactStore) -> None:
    assert not store.exists(KEY)
    store.write_bytes(KEY, b"%PDF-1.7 first")
    assert store.exists(KEY)
    assert (store.read_bytes(KEY), store.size(KEY)) == (b"%PDF-1.7 first", 14)


def test_chunks_are_joined_and_counted(store: ArtifactStore) -> None:
    assert store.write_chunks(KEY, [b"ab", b"", b"cde"]) == 5
    assert store.read_bytes(KEY) == b"abcde"


def test_async_chunks_are_joined_and_counted(store: ArtifactStore) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for chunk in (b"%PDF", b"-1.7", b" async"):
            await asyncio.sleep(0)
            yield chunk

    assert asyncio.run(store.write_async_chunks(KEY, chunks())) == 14
    assert store.read_bytes(KEY) == b"%PDF-1.7 async"


def test_an_overwrite_replaces_the_whole_artifact(store: ArtifactStore) -> None:
    store.write_bytes(KEY, b"a much longer first version")
    store.write_chunks(KEY, [b"second"])
    assert store.read_bytes(KEY) == b"second"


def test_a_failed_write_leaves_the_previous_artifact_whole(store: ArtifactStore, scratch: Path) -> None:
    store.write_bytes(KEY, b"previous")
    with pytest.raises(ConnectionResetError):
        store.write_chunks(KEY, failing_after(b"partial"))
    assert store.read_bytes(KEY) == b"previous"
    with pytest.raises(ConnectionResetError):
        store.write_chunks(job_key("j1", "new.pdf"), failing_after(b"partial"))
    assert not store.exists(job_key("j1", "new.pdf"))
    assert list(scratch.iterdir()) == []


def test_a_failed_async_write_stores_nothing(store: ArtifactStore) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b"partial"
        raise ConnectionResetError("the client went away")

    with pytest.raises(ConnectionResetError):
        asyncio.run(store.write_async_chunks(KEY, chunks()))
    assert not store.exists(KEY)


def test_missing_artifacts_fail_with_their_code(store: ArtifactStore) -> None:
    reads: list[Callable[[], object]] = [
        lambda: store.read_bytes(KEY),
        lambda: store.read_document(KEY),
        lambda: store.size(KEY),
        # Before any chunk: a download route can still answer with an error status.
        lambda: store.iter_chunks(KEY),
        lambda: store.local_file(KEY).__enter__(),
    ]
    for read in reads:
        with pytest.raises(PermanentError) as missing:
            read()
        assert missing.value.code == ErrorCode.ARTIFACT_MISSING
        assert KEY in missing.value.message
    store.delete(KEY)


def test_documents_round_trip(store: ArtifactStore) -> None:
    document = text_document(["Hello", "world"], ["Página dos"], source_lang="en", target_lang="es")
    store.write_document(job_key("j1", "extracted.json"), document)
    assert store.read_document(job_key("j1", "extracted.json")) == document


def test_chunks_stream_in_the_size_asked_for(store: ArtifactStore) -> None:
    data = some_bytes(2 * 1000 + 500)
    store.write_bytes(KEY, data)
    chunks = list(store.iter_chunks(KEY, chunk_size=1000))
    assert [len(chunk) for chunk in chunks] == [1000, 1000, 500]
    assert b"".join(chunks) == data


def test_a_local_file_holds_the_artifact_and_a_download_is_removed(
    store: ArtifactStore, scratch: Path, sample_pdf: Path
) -> None:
    store.write_file(KEY, sample_pdf)
    with store.local_file(KEY) as path, pikepdf.open(path) as pdf:
        assert path.read_bytes() == sample_pdf.read_bytes()
        assert len(pdf.pages) >= 1
    with pytest.raises(RuntimeError), store.local_file(KEY) as path:
        raise RuntimeError("the library failed")
    # The local store hands out the artifact itself; S3 a download that must not outlive the block.
    assert path.exists() == isinstance(store, LocalArtifactStore)
    assert list(scratch.iterdir()) == []


def test_a_big_artifact_round_trips(store: ArtifactStore) -> None:
    data = some_bytes(9 * MIB + 123)
    chunks = (data[start : start + MIB] for start in range(0, len(data), MIB))
    assert store.write_chunks(KEY, chunks) == len(data)
    assert store.size(KEY) == len(data)
    assert b"".join(store.iter_chunks(KEY)) == data
    with store.local_file(KEY) as path:
        assert path.read_bytes() == data


def test_delete_removes_one_artifact(store: ArtifactStore) -> None:
    store.write_bytes(job_key("j1", "a"), b"a")
    store.write_bytes(job_key("j1", "b"), b"b")
    store.delete(job_key("j1", "a"))
    assert (store.exists(job_key("j1", "a")), store.exists(job_key("j1", "b"))) == (False, True)


def test_delete_job_removes_that_job_only(store: ArtifactStore) -> None:
    doomed = [job_key("j1", "source.pdf"), job_key("j1", "pages/1.png")]
    kept = [job_key("j10", "source.pdf"), job_key("j2", "source.pdf"), "jobs/j1.pdf"]
    for key in doomed + kept:
        store.write_bytes(key, key.encode())
    store.delete_job("j1")
    assert [store.exists(key) for key in doomed] == [False, False]
    assert [store.read_bytes(key) for key in kept] == [key.encode() for key in kept]
    store.delete_job("never-existed")


ESCAPING_KEYS = ["../outside", "/etc/passwd", "jobs/../../outside", "jobs//x", "jobs/j1/", ""]


@pytest.mark.parametrize("key", ESCAPING_KEYS)
def test_keys_that_could_escape_the_store_are_refused(store: ArtifactStore, key: str) -> None:
    calls: list[Callable[[], object]] = [
        lambda: store.write_bytes(key, b"x"),
        lambda: store.write_file(key, Path(__file__)),
        lambda: store.read_bytes(key),
        lambda: store.exists(key),
        lambda: store.size(key),
        lambda: store.iter_chunks(key),
        lambda: store.local_file(key).__enter__(),
        lambda: store.delete(key),
    ]
    for call in calls:
        with pytest.raises(ValueError, match="escapes the store"):
            call()
    for job_id in ("..", "", "."):
        with pytest.raises(ValueError, match="escapes the store"):
            store.delete_job(job_id)


def test_the_s3_store_keeps_artifacts_under_its_prefix(s3_endpoint: str) -> None:
    store = s3_store(s3_endpoint)
    store.write_bytes(KEY, b"here")
    assert object_names(s3_endpoint, BUCKET) >= {f"{store.prefix}{KEY}"}
    neighbour = s3_store(s3_endpoint)
    neighbour.write_bytes(KEY, b"there")
    store.delete_job("j1")
    assert (store.exists(KEY), neighbour.read_bytes(KEY)) == (False, b"there")


def test_big_s3_writes_are_multipart_uploads(s3_endpoint: str) -> None:
    store = s3_store(s3_endpoint)
    store.write_bytes(KEY, some_bytes(9 * MIB))
    etag = s3_client(s3_endpoint).head_object(Bucket=BUCKET, Key=store.prefix + KEY)["ETag"]
    # S3 gives a multipart upload's object the ETag "<md5 of the parts' md5s>-<number of parts>".
    assert etag.strip('"').endswith("-2")


def test_delete_job_on_s3_deletes_past_one_listing_page(s3_endpoint: str) -> None:
    store = s3_store(s3_endpoint)
    client = s3_client(s3_endpoint)
    # 1000 is the most one listing page or one DeleteObjects request holds.
    names = [store.prefix + job_key("j1", f"pages/{index}") for index in range(1001)]
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda name: client.put_object(Bucket=BUCKET, Key=name, Body=b"p"), names))
    store.write_bytes(job_key("j2", "source.pdf"), b"kept")
    store.delete_job("j1")
    assert object_names(s3_endpoint, BUCKET, store.prefix) == {store.prefix + job_key("j2", "source.pdf")}


def test_a_missing_bucket_is_a_configuration_error(s3_endpoint: str) -> None:
    store = S3ArtifactStore("no-such-bucket", endpoint_url=s3_endpoint)
    calls: list[Callable[[], object]] = [
        lambda: store.exists(KEY),
        lambda: store.write_bytes(KEY, b"x"),
        lambda: store.delete_job("j1"),
    ]
    for call in calls:
        with pytest.raises(PermanentError) as refused:
            call()
        assert refused.value.code == ErrorCode.INTERNAL_ERROR
        assert "'no-such-bucket' does not exist" in refused.value.message
        assert "DOCRELAY_ARTIFACT_URL" in refused.value.message


def test_an_unreachable_s3_is_a_transient_error(s3_endpoint: str) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(TransientError) as unreachable:
        S3ArtifactStore(BUCKET, endpoint_url=endpoint).read_bytes(KEY)
    assert unreachable.value.code == ErrorCode.UNAVAILABLE
    assert f"the artifact store at {endpoint} is unreachable" in unreachable.value.message


def test_an_overloaded_s3_is_retried_then_a_transient_error(s3_endpoint: str) -> None:
    with overloaded_s3_server() as (endpoint, requests), pytest.raises(TransientError) as overloaded:
        S3ArtifactStore(BUCKET, endpoint_url=endpoint).read_bytes(KEY)
    assert overloaded.value.code == ErrorCode.UNAVAILABLE
    assert f"the artifact store at {endpoint} is unavailable" in overloaded.value.message
    # botocore's standard retry mode: three attempts in all.
    assert requests == [f"HEAD /{BUCKET}"] * 3


def test_an_s3_url_in_the_settings_stores_artifacts_in_that_bucket(s3_endpoint: str) -> None:
    prefix = f"deploy-{uuid4().hex}"
    settings = CommonSettings(artifact_url=f"s3://{BUCKET}/{prefix}/", s3_endpoint_url=s3_endpoint)
    open_artifact_store(settings).write_bytes(KEY, b"in S3")
    assert object_names(s3_endpoint, BUCKET, prefix) == {f"{prefix}/{KEY}"}


def test_the_extract_stage_works_through_s3_alone(s3_endpoint: str, scratch: Path, sample_pdf: Path) -> None:
    store = s3_store(s3_endpoint)
    store.write_file(KEY, sample_pdf)
    context, task = recording_context(Stage.EXTRACT, store)
    message = StageMessage(job_id="j1", options=JobOptions(target_lang="es"), artifacts={"source": KEY})

    result = run_in_process(work, message, context)

    extracted = [job_key("j1", f"extracted/{part.label}.json") for part in result.parts]
    # Each range's own PDF, cut at plan time for the extract and reconstruct parts.
    ranges = [job_key("j1", f"ranges/{part.label}.pdf") for part in result.parts]
    assert object_names(s3_endpoint, BUCKET, store.prefix) == {
        store.prefix + key for key in (KEY, job_key("j1", "base.pdf"), *extracted, *ranges)
    }
    document = read_document(store, result, "extracted")
    with store.local_file(result.artifacts["base"]) as base, pikepdf.open(base) as pdf:
        assert len(document.pages) == len(pdf.pages) == result.pages and document.blocks()
    assert document.target_lang == "es" and result.options.source_lang == "en"
    assert task.progress()[-1] == (len(document.pages), len(document.pages))
    assert list(scratch.iterdir()) == []
