"""Links (issue 15): Debian's LinkChecker crawls the built site from its home page over HTTP, anchors included, and
finds no broken internal link, asset, download or anchor. External links are not fetched (no network here)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from static_server import GzipHandler, StaticServer

LINKCHECKER = "/usr/bin/linkchecker"
# AnchorCheck: every "#name" must be an id on its page. The request rate is not limited for a server that answers
# with a "LinkChecker" header (else LinkChecker waits up to 0.6 s between two requests to one host).
CONFIG = """[checking]
maxrequestspersecond=1000
threads=2
[filtering]
checkextern=0
ignore=
  ^data:
  ^mailto:
[AnchorCheck]
"""


class _Handler(GzipHandler):
    def end_headers(self) -> None:
        self.send_header("LinkChecker", "allowed")
        super().end_headers()


@pytest.fixture(scope="module")
def crawled_url(built_site: Path) -> Iterator[str]:
    server = StaticServer(built_site, 0)
    server.RequestHandlerClass = partial(_Handler, directory=str(built_site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_no_broken_link_or_anchor_in_the_built_site(crawled_url: str) -> None:
    """Every link, asset and anchor a page holds leads somewhere that exists."""
    if not shutil.which(LINKCHECKER):
        pytest.fail("Debian's linkchecker is required: apt-get install linkchecker")
    # Run as root, LinkChecker becomes "nobody": its configuration must be readable by anyone.
    with tempfile.NamedTemporaryFile("w", suffix=".ini", encoding="utf-8", delete=False) as config:
        config.write(CONFIG)
    os.chmod(config.name, 0o644)
    try:
        result = subprocess.run(
            [LINKCHECKER, "--config", config.name, "--no-status", "--no-robots", "--output", "csv", crawled_url],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
        )
    finally:
        os.unlink(config.name)
    table = "\n".join(line for line in result.stdout.splitlines() if not line.startswith("#"))
    rows = list(csv.DictReader(io.StringIO(table), delimiter=";"))
    problems = [f"{row['parentname']}: {row['urlname']} — {row['result']} {row['warningstring']}" for row in rows]
    assert result.returncode == 0 and not problems, "\n".join(problems) or result.stderr
