"""A real OTLP/HTTP trace receiver on 127.0.0.1: decodes the protobuf exporters send and keeps the spans."""

import gzip
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from opentelemetry.proto.common.v1.common_pb2 import AnyValue, KeyValue

from tests.support.fake_http import serve_handler


@dataclass(frozen=True)
class ReceivedSpan:
    trace_id: str
    span_id: str
    # Empty for a root span.
    parent_span_id: str
    name: str
    # The `service.name` of the resource that sent it.
    service: str
    attributes: dict[str, Any]


def _value(value: AnyValue) -> Any:
    kind = value.WhichOneof("value")
    if kind == "array_value":
        return [_value(item) for item in value.array_value.values]
    if kind == "kvlist_value":
        return _attributes(value.kvlist_value.values)
    return getattr(value, kind) if kind else None


def _attributes(pairs: Iterable[KeyValue]) -> dict[str, Any]:
    return {pair.key: _value(pair.value) for pair in pairs}


def decode_spans(body: bytes) -> list[ReceivedSpan]:
    """The spans of one ExportTraceServiceRequest, as the OTLP/HTTP exporter posts it."""
    request = ExportTraceServiceRequest.FromString(body)
    spans = []
    for resource_spans in request.resource_spans:
        service = str(_attributes(resource_spans.resource.attributes).get("service.name", ""))
        for scope_spans in resource_spans.scope_spans:
            for span in scope_spans.spans:
                spans.append(
                    ReceivedSpan(
                        trace_id=span.trace_id.hex(),
                        span_id=span.span_id.hex(),
                        parent_span_id=span.parent_span_id.hex(),
                        name=span.name,
                        service=service,
                        attributes=_attributes(span.attributes),
                    )
                )
    return spans


class OtlpReceiver:
    """Accepts `POST /v1/traces` with `application/x-protobuf` bodies, as an OpenTelemetry collector does."""

    def __init__(self) -> None:
        self.spans: list[ReceivedSpan] = []
        self._lock = threading.Lock()
        self.url = ""

    def received(self) -> list[ReceivedSpan]:
        with self._lock:
            return list(self.spans)

    def wait_for(
        self, found: Callable[[list[ReceivedSpan]], bool], timeout: float = 30.0
    ) -> list[ReceivedSpan]:
        """The spans received once `found` holds for them; AssertionError after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            spans = self.received()
            if found(spans):
                return spans
            time.sleep(0.2)
        raise AssertionError(f"the expected spans did not arrive within {timeout:.0f}s")

    def accept(self, content_type: str, encoding: str, body: bytes) -> int:
        """Keep the spans of one export request; the HTTP status to answer with."""
        if content_type != "application/x-protobuf":
            return 415
        spans = decode_spans(gzip.decompress(body) if encoding == "gzip" else body)
        with self._lock:
            self.spans.extend(spans)
        return 200


@contextmanager
def otlp_receiver() -> Iterator[OtlpReceiver]:
    """Yield a receiver listening on a free port; its `url` is what OTEL_EXPORTER_OTLP_ENDPOINT takes."""
    receiver = OtlpReceiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.path != "/v1/traces":
                self.send_error(404)
                return
            status = receiver.accept(
                self.headers.get("Content-Type", ""), self.headers.get("Content-Encoding", ""), body
            )
            reply = ExportTraceServiceResponse().SerializeToString() if status == 200 else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/x-protobuf")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *_: object) -> None:
            pass

    with serve_handler(Handler) as url:
        receiver.url = url
        yield receiver
