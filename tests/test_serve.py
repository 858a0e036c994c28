"""`mkdocs serve` rebuilds when a topic file or a data file changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from helpers import make_site, topic_text, write_topic


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, text: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{text!r} did not appear at {url}")


@pytest.fixture
def served(tmp_path):
    site = make_site(tmp_path)
    write_topic(site, "song", title="Tiêu đề ban đầu")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=site,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield site, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_editing_a_topic_rebuilds_its_page(served):
    """Saving a topic file under topics/ shows the new title without restarting the server."""
    site, url = served
    page = f"{url}chuyen-de/ho-chi-minh/song/"
    _wait_for(page, "Tiêu đề ban đầu")
    write_topic(site, "song", text=topic_text(title="Tiêu đề đã sửa"))
    _wait_for(page, "Tiêu đề đã sửa")


def test_adding_a_topic_adds_it_to_its_group_page(served):
    """A new file in topics/ appears on its group page."""
    site, url = served
    _wait_for(f"{url}chuyen-de/ho-chi-minh/", "Tiêu đề ban đầu")
    write_topic(site, "moi", title="Chuyên đề vừa thêm")
    _wait_for(f"{url}chuyen-de/ho-chi-minh/", "Chuyên đề vừa thêm")


def test_serve_watches_topics_and_data_files(tmp_path):
    """The hook asks the dev server to watch topics/ and the data folder."""
    import importlib.util
    from types import SimpleNamespace

    from helpers import HOOK
    from topiclib.data import DATA_DIR

    spec = importlib.util.spec_from_file_location("topic_library_under_test", HOOK)
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    site = make_site(tmp_path)
    watched: list[str] = []
    server = SimpleNamespace(watch=watched.append)
    hook.on_serve(server, SimpleNamespace(config_file_path=str(site / "mkdocs.yml")), builder=None)
    assert str(site / "topics") in watched
    assert str(DATA_DIR) in watched
