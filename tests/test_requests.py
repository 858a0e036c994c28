"""No request to any host but the site's own, on every kind of page, in headless Chromium: the page loaded and
settled, the search run (titles, then the full text), the meeting papers and the year's plan with a topic chosen.
Every request of the browser context is routed (`**/*`) and recorded; one to another host is refused."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from page_kinds import SETTLED, page_kinds
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

FULL_TEXT_ASK = "[data-tl-fulltext-ask]"
FULL_TEXT_DONE = "/trang/.test((document.getElementById('search-fulltext-status') || {}).textContent || '')"
FOREIGN = "https://example.org/x.png"
FOREIGN_IMAGE = f"""() => new Promise((done) => {{
  const image = new Image(); image.onerror = image.onload = done; image.src = "{FOREIGN}";
}})"""


class Recorder:
    """Every URL asked for, by the kind of page that asked (its tab), and all that the context asked for (workers
    included); a request to another host is refused, so that a failing test sends nothing out either."""

    def __init__(self, site_url: str) -> None:
        self.origin = _origin(site_url)
        self.asked: dict[str, list[str]] = {}
        self.everything: list[str] = []

    def recorder(self, kind: str):
        return lambda request: self.asked.setdefault(kind, []).append(request.url)

    def route(self, route) -> None:
        if _origin(route.request.url) == self.origin:
            route.continue_()
        else:
            route.abort()

    def foreign(self, urls: list[str]) -> list[str]:
        return [url for url in urls if _origin(url) != self.origin and not url.startswith(("data:", "blob:"))]


@pytest.fixture(scope="module")
def recorded(browser, site_url, built_site) -> Recorder:
    """Every kind of page in its own tab, all loading at once; each waited for until it has settled."""
    recorder = Recorder(site_url)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.route("**/*", recorder.route)
    context.on("request", lambda request: recorder.everything.append(request.url))
    tabs = []
    for kind, path in page_kinds(built_site):
        tab = context.new_page()
        tab.on("request", recorder.recorder(kind))
        tab.goto(site_url + path, wait_until="commit")
        tabs.append((kind, tab))
    for kind, tab in tabs:
        tab.wait_for_load_state("networkidle")
        if kind in SETTLED:
            _settle(kind, tab, SETTLED[kind])
        if kind == "search":
            if tab.locator(FULL_TEXT_ASK).is_visible():
                tab.click(FULL_TEXT_ASK)
            _settle("search, its full text", tab, FULL_TEXT_DONE)
            tab.wait_for_load_state("networkidle")
    probe = context.new_page()
    probe.on("request", recorder.recorder("a foreign image"))
    probe.goto(site_url)
    probe.evaluate(FOREIGN_IMAGE)
    context.close()
    return recorder


def _settle(kind: str, tab, done: str) -> None:
    """Wait until the page shows `done`; else fail naming the page, what it asked for and what it said."""
    try:
        tab.wait_for_function(done, timeout=60_000)
    except PlaywrightTimeout:
        text = tab.evaluate("() => (document.querySelector('main, article') || document.body).innerText.slice(0, 600)")
        pytest.fail(f"{kind} ({tab.url}) did not settle in 60 s: {done}\nit shows: {text}")


def test_every_kind_of_page_requests_only_the_site(recorded):
    """Home, group, cell type, guide, script, form, how-to, search with its full text, meeting papers and plan:
    every request goes to the test server (or is data the page made itself)."""
    kinds = [kind for kind in recorded.asked if kind != "a foreign image"]
    assert len(kinds) == 10, kinds
    assert all(recorded.asked[kind] for kind in kinds)
    foreign = {kind: recorded.foreign(urls) for kind, urls in recorded.asked.items() if kind != "a foreign image"}
    assert not any(foreign.values()), foreign
    assert recorded.foreign(recorded.everything) == [FOREIGN], "workers and pages alike ask only the site"


def test_the_search_and_the_tools_fetched_their_data(recorded):
    """The recorder saw the work being done: the search's index and full text, the papers' and the plan's data."""
    asked = recorded.asked
    assert any("/pagefind/" in url for url in asked["search"]), asked["search"]
    assert any("/pagefind-toan-van/" in url for url in asked["search"]), asked["search"]
    assert any("/du-lieu/" in url for url in asked["papers"]), asked["papers"]
    assert any("/du-lieu/" in url for url in asked["plan"]), asked["plan"]


def test_a_request_to_another_host_would_be_seen(recorded):
    """The recorder is not blind: an image from another host, asked for on purpose, is caught (and refused)."""
    assert recorded.foreign(recorded.asked["a foreign image"]) == [FOREIGN]


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlparse(url)
    return parts.scheme, parts.hostname or "", parts.port
