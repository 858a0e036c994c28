"""Serve a built site on 127.0.0.1 the way a static host does: gzip for text files, compressed files as they are.

Usage: python scripts/static_server.py SITE_DIR [--port PORT]
Used by the search budget script and the browser tests, so bytes are counted as a reader's phone gets them.
"""

from __future__ import annotations

import argparse
import gzip
import mimetypes
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# What GitHub Pages and common nginx setups compress; Pagefind's index files are gzip already.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


class GzipHandler(SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler that gzips text responses when the client accepts it."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the base class redirects to the slash form
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        headers = {"Content-Type": kind + ("; charset=utf-8" if kind.startswith("text/") else "")}
        if "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(COMPRESSED_TYPES):
            body = gzip.compress(body, compresslevel=6)
            headers["Content-Encoding"] = "gzip"
        self.server.sent.append((self.path, len(body)))  # type: ignore[attr-defined]
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Body:
    """A file-like object over bytes, as `send_head` must return."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


class StaticServer(ThreadingHTTPServer):
    """The server, with a log of (path, body bytes sent) for every file served."""

    def __init__(self, site: Path, port: int) -> None:
        super().__init__(("127.0.0.1", port), partial(GzipHandler, directory=str(site)))
        self.sent: list[tuple[str, int]] = []

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that drops the connection mid-answer (a tab moving on) is no error; anything else is printed."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def start(site: Path, port: int = 0) -> tuple[str, StaticServer]:
    """Serve `site` in a background thread; return its base URL and the server (call `shutdown()` to stop)."""
    server = StaticServer(site, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="static_server.py", description=__doc__.split("\n")[0])
    parser.add_argument("site", help="the built site folder")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    url, server = start(Path(args.site), args.port)
    print(f"Serving {args.site} at {url} (Ctrl+C to stop)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
