"""S3 for tests: moto's server speaks S3's HTTP API, so boto3 talks to it exactly as to S3 or MinIO."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import boto3
from moto.server import ThreadedMotoServer

# Any values do for moto; they only have to be present for boto3 to sign requests.
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "docrelay-test",
    "AWS_SECRET_ACCESS_KEY": "docrelay-test-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@contextmanager
def s3_server() -> Iterator[str]:
    """Yield the endpoint URL of a fresh S3 server on a free port of 127.0.0.1."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def s3_client(endpoint_url: str) -> Any:
    """A plain boto3 client, to set up and inspect a bucket behind the store's back."""
    return boto3.session.Session().client("s3", endpoint_url=endpoint_url)


def object_names(endpoint_url: str, bucket: str, prefix: str = "") -> set[str]:
    """The names of every object in the bucket under `prefix`."""
    pages = s3_client(endpoint_url).get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
    return {item["Key"] for page in pages for item in page.get("Contents", [])}


@contextmanager
def overloaded_s3_server() -> Iterator[tuple[str, list[str]]]:
    """Yield the endpoint URL of a server that answers 503 SlowDown, as an overloaded S3 does.

    Also yields the list of the requests it got, as "METHOD /path".
    """
    requests: list[str] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _slow_down_handler(requests))
    # A short poll interval makes shutdown quick.
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _slow_down_handler(requests: list[str]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _slow_down(self) -> None:
            requests.append(f"{self.command} {self.path}")
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(503)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(SLOW_DOWN)))
            self.end_headers()
            # A HEAD answer has headers only, as from S3.
            if self.command != "HEAD":
                self.wfile.write(SLOW_DOWN)

        do_HEAD = do_GET = do_PUT = do_POST = do_DELETE = _slow_down

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the tests look at the list of requests instead."""

    return Handler


SLOW_DOWN = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
)
