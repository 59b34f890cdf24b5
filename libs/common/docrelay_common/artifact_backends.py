"""The artifact store a deployment configured: a shared directory or an S3-compatible store."""

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from docrelay_common.artifacts import ArtifactStore
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.settings import CommonSettings


def open_artifact_store(settings: CommonSettings) -> ArtifactStore:
    """The store `artifact_url` names: empty or file:///abs/path is a directory, s3://bucket/prefix S3."""
    if not settings.artifact_url:
        return LocalArtifactStore(settings.artifact_root)
    url = urlsplit(settings.artifact_url)
    if url.scheme == "file" and url.netloc in ("", "localhost") and url.path.startswith("/"):
        return LocalArtifactStore(Path(url2pathname(url.path)))
    if url.scheme == "s3" and url.netloc:
        # Imported here so that only deployments storing artifacts in S3 load boto3.
        from docrelay_common.artifacts_s3 import S3ArtifactStore

        return S3ArtifactStore(url.netloc, url.path, endpoint_url=settings.s3_endpoint_url or None)
    raise ValueError(
        f"DOCRELAY_ARTIFACT_URL={settings.artifact_url!r} is not supported: "
        "use file:///absolute/path or s3://bucket/prefix, or leave it empty for DOCRELAY_ARTIFACT_DIR"
    )
