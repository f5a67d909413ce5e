"""A local stand-in for the GitHub issue-comments API, for the action's tests (no network)."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeGitHub:
    """Serves list/create/edit of issue comments for any repository; records every request."""

    def __init__(self) -> None:
        self.comments: list[dict[str, Any]] = []
        self.requests: list[tuple[str, str]] = []
        self.next_id = 1000
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _send(self, code: int, payload: Any) -> None:
                data = json.dumps(payload).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self) -> dict[str, Any]:
                n = int(self.headers.get("Content-Length") or 0)
                return json.loads(self.rfile.read(n)) if n else {}

            def do_GET(self) -> None:
                fake.requests.append(("GET", self.path))
                m = re.match(r"/repos/[^/]+/[^/]+/issues/\d+/comments\?per_page=(\d+)&page=(\d+)",
                             self.path)
                if not m or self.headers.get("Authorization") != "Bearer t0ken":
                    self._send(404, {"message": "Not Found"})
                    return
                per, page = int(m.group(1)), int(m.group(2))
                self._send(200, fake.comments[(page - 1) * per: page * per])

            def do_POST(self) -> None:
                fake.requests.append(("POST", self.path))
                fake.next_id += 1
                c = {"id": fake.next_id, "body": self._body()["body"]}
                fake.comments.append(c)
                self._send(201, c)

            def do_PATCH(self) -> None:
                fake.requests.append(("PATCH", self.path))
                cid = int(self.path.rsplit("/", 1)[1])
                for c in fake.comments:
                    if c["id"] == cid:
                        c["body"] = self._body()["body"]
                        self._send(200, c)
                        return
                self._send(404, {"message": "Not Found"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
