"""No request to any host but the site's own, on every kind of page, in headless Chromium: the page loaded and
settled, the search run (titles, then the full text), the meeting papers and the year's plan with a topic chosen.
Every request of the browser context is routed (`**/*`) and recorded; one to another host is refused."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from page_kinds import SETTLED, page_kinds

pytestmark = pytest.mark.browser

FULL_TEXT_ASK = "[data-tl-fulltext-ask]"
FULL_TEXT_DONE = "/trang/.test((document.getElementById('search-fulltext-status') || {}).textContent || '')"
FOREIGN = "https://example.org/x.png"
FOREIGN_IMAGE = f"""() => new Promise((done) => {{
  const image = new Image(); image.onerror = image.onload = done; image.src = "{FOREIGN}";
}})"""


class Recorder:
    """Every URL the context asked for (its pages and their workers), by the page kind open at the time; a request
    to another host is refused, so that a failing test sends nothing out either."""

    def __init__(self, site_url: str) -> None:
        self.origin = _origin(site_url)
        self.kind = ""
        self.asked: dict[str, list[str]] = {}

    def record(self, request) -> None:
        self.asked.setdefault(self.kind, []).append(request.url)

    def route(self, route) -> None:
        if _origin(route.request.url) == self.origin:
            route.continue_()
        else:
            route.abort()

    def foreign(self) -> dict[str, list[str]]:
        return {
            kind: [url for url in urls if _origin(url) != self.origin and not url.startswith(("data:", "blob:"))]
            for kind, urls in self.asked.items()
        }


@pytest.fixture(scope="module")
def recorded(browser, site_url, built_site) -> Recorder:
    recorder = Recorder(site_url)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.route("**/*", recorder.route)
    context.on("request", recorder.record)
    page = context.new_page()
    for kind, path in page_kinds(built_site):
        recorder.kind = kind
        page.goto(site_url + path, wait_until="networkidle")
        if kind in SETTLED:
            page.wait_for_function(SETTLED[kind])
        if kind == "search" and page.locator(FULL_TEXT_ASK).is_visible():
            page.click(FULL_TEXT_ASK)
        if kind == "search":
            page.wait_for_function(FULL_TEXT_DONE)
        page.wait_for_load_state("networkidle")
    recorder.kind = "a foreign image"
    page.evaluate(FOREIGN_IMAGE)
    context.close()
    return recorder


def test_every_kind_of_page_requests_only_the_site(recorded):
    """Home, group, cell type, guide, script, form, how-to, search with its full text, meeting papers and plan:
    every request goes to the test server (or is data the page made itself)."""
    kinds = [kind for kind in recorded.asked if kind != "a foreign image"]
    assert len(kinds) == 10, kinds
    assert all(recorded.asked[kind] for kind in kinds)
    foreign = {kind: urls for kind, urls in recorded.foreign().items() if urls and kind != "a foreign image"}
    assert not foreign, foreign


def test_the_search_and_the_tools_fetched_their_data(recorded):
    """The recorder saw the work being done: the search's index and full text, the papers' and the plan's data."""
    asked = recorded.asked
    assert any("/pagefind/" in url for url in asked["search"]), asked["search"]
    assert any("/pagefind-toan-van/" in url for url in asked["search"]), asked["search"]
    assert any("/du-lieu/" in url for url in asked["papers"]), asked["papers"]
    assert any("/du-lieu/" in url for url in asked["plan"]), asked["plan"]


def test_a_request_to_another_host_would_be_seen(recorded):
    """The recorder is not blind: an image from another host, asked for on purpose, is caught (and refused)."""
    assert recorded.foreign()["a foreign image"] == [FOREIGN]


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlparse(url)
    return parts.scheme, parts.hostname or "", parts.port
