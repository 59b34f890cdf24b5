"""A tiny HTTP endpoint: /healthz is 200 while the service consumes events, 503 otherwise."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def serve_health(host: str, port: int, ready: threading.Event) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path != "/healthz":
                self.send_error(404)
                return
            body = b'{"status": "ok"}' if ready.is_set() else b'{"status": "starting"}'
            self.send_response(200 if ready.is_set() else 503)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: object) -> None:  # probes every second would flood the log
            pass

    server = ThreadingHTTPServer((host, port), Handler)
    threading.Thread(target=server.serve_forever, name="health", daemon=True).start()
    return server
