"""Shared fixtures: the project's own site, built once per test session, and a local web server for it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from chromium import CHROMIUM, CHROMIUM_ARGS
from static_server import StaticServer, start

from helpers import ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site, built with `mkdocs build --strict` into a temporary folder."""
    site_dir = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[StaticServer]:
    """The built site served on 127.0.0.1 with gzip, as a static host serves it; `.sent` logs what it served."""
    _, server = start(built_site)
    yield server
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(site_server: StaticServer) -> str:
    return f"http://127.0.0.1:{site_server.server_address[1]}/"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's headless Chromium, driven by Playwright (browsers can't be downloaded here)."""
    if not shutil.which(CHROMIUM):
        pytest.fail("Debian's chromium is required for browser tests: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
