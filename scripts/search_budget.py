"""Measure what search costs a reader: bytes over the wire and time to results, on synthetic sites; print JSON.

Usage: python scripts/search_budget.py [--topics N ...] [--query TEXT] [--full-text-query TEXT]
                                       [--throttle RATE] [--site DIR]

For each N, builds the project with N synthetic topics (as scripts/bench.py does), serves the site with gzip
like a static host (scripts/static_server.py) and drives Debian's headless Chromium with the CPU slowed
RATE times (default 4):
- search_bytes: what the search page fetches for search (search.js and Pagefind's engine, index, filter and
  result files) from opening the page until the first results of a query typed at once are shown;
- page_bytes: the rest of that page load (HTML, theme CSS and JS), for context;
- typing_to_results_ms: from the last keystroke of the query, typed as soon as the page has loaded, to the
  results on screen (the engine may still be loading when typing starts, as for a quick reader);
- url_to_results_ms: from opening /tim-kiem/?q=... to the results;
- full_text: the same for a query the short index finds in fewer than three pages (--full-text-query), so
  that the page searches the full text by itself: search_bytes from opening the page to the full-text
  results, full_text_bytes the part of them from the full-text bundle, typing_to_results_ms from the last
  keystroke to the full-text results;
- full_text_on_request: the query of --query, then "Tìm trong toàn bộ nội dung": the full-text bundle's bytes
  and the time from the click to its results;
- topic_page_search_requests: search files requested by a topic page (must be 0).
Budget (issue 5): search_bytes ≤ 150 KB at N=1000 and ≤ 1.5× that at N=3000; typing_to_results_ms ≤ 1000.
The full text has no budget: its figures are reported (issue 13).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from chromium import CHROMIUM, CHROMIUM_ARGS
from static_server import start

from bench import _build, _copy_project, write_synthetic_topics

SHORT_INDEX = "/pagefind/"
FULL_TEXT_INDEX = "/pagefind-toan-van/"
SEARCH_FILES = (SHORT_INDEX, FULL_TEXT_INDEX, "/assets/javascripts/search.js")
TYPING_DELAY_MS = 40  # a quick typist; the page searches once typing pauses
RESULTS_SHOWN = "document.querySelector('#search-results > li') !== null"
FULL_TEXT_SHOWN = "document.querySelector('#search-fulltext > li') !== null"
# The short results are shown and the page has not gone on to the full text (it found enough pages).
NO_FULL_TEXT = (
    "document.getElementById('search-status').textContent.includes('kết quả')"
    " && document.querySelector('[data-tl-fulltext-section]').hidden"
)
# Words of the synthetic topics that seldom meet in one title and description, but do in a body.
FULL_TEXT_QUERY = "thủy lợi ngõ xóm kỷ luật giám sát"
# Times every keystroke and every change of a result list (performance.now()).
_WATCH = """() => {
  window.__typed = 0;
  window.__shown = { 'search-results': [], 'search-fulltext': [] };
  document.getElementById('tl-search-input').addEventListener('input', () => { window.__typed = performance.now(); });
  for (const id of Object.keys(window.__shown)) {
    new MutationObserver((changes) => {
      if (changes.some((change) => change.addedNodes.length)) window.__shown[id].push(performance.now());
    }).observe(document.getElementById(id), { childList: true });
  }
}"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="search_budget.py", description=__doc__.split("\n")[0])
    parser.add_argument("--topics", type=int, nargs="+", default=[1000, 3000], help="site sizes (default 1000 3000)")
    parser.add_argument("--query", default="dang vien", help="the query to type (default: dang vien)")
    parser.add_argument(
        "--full-text-query", default=FULL_TEXT_QUERY, help=f"a query for the full text (default: {FULL_TEXT_QUERY})"
    )
    parser.add_argument("--throttle", type=float, default=4, help="CPU slow-down factor (default 4)")
    parser.add_argument("--site", help="measure this built site instead of building synthetic ones")
    args = parser.parse_args(argv)
    reports = []
    if args.site:
        report = measure(Path(args.site), args.query, args.throttle, full_text_query=args.full_text_query)
        reports.append({"site": args.site, **report})
    for count in [] if args.site else args.topics:
        work = Path(tempfile.mkdtemp(prefix="tvcd-search-"))
        try:
            _copy_project(work)
            write_synthetic_topics(work / "topics", count)
            build_s = _build(work)
            report = measure(work / "site", args.query, args.throttle, full_text_query=args.full_text_query)
            reports.append({"topics": count, "build_s": build_s, **report})
        finally:
            shutil.rmtree(work, ignore_errors=True)
    if len(reports) > 1 and all("topics" in r for r in reports):
        first, last = reports[0], reports[-1]
        last["search_bytes_ratio"] = round(last["search_bytes"] / first["search_bytes"], 3)
    print(json.dumps(reports, ensure_ascii=False, indent=2))
    return 0


def measure(site: Path, query: str, throttle: float, browser=None, full_text_query: str | None = None) -> dict:
    """Load the search page and a topic page in fresh browser contexts and measure them.

    `browser` is a Playwright browser to use; without one, Debian's Chromium is started for the measurement.
    Without `full_text_query` the full text is measured on request only.
    """
    base, server = start(site)
    try:
        if browser is not None:
            return _measure(browser, base, server, site, query, throttle, full_text_query)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return _measure(own, base, server, site, query, throttle, full_text_query)
            finally:
                own.close()
    finally:
        server.shutdown()


def _measure(browser, base, server, site: Path, query: str, throttle: float, full_text_query: str | None) -> dict:
    report = {
        **_typed_search(browser, base, server, query, throttle),
        "url_to_results_ms": _url_search(browser, base, query, throttle),
        "full_text_on_request": _full_text_on_request(browser, base, server, query, throttle),
    }
    if full_text_query:
        report["full_text"] = _typed_search(browser, base, server, full_text_query, throttle, full_text=True)
    report["topic_page_search_requests"] = _topic_page_requests(browser, base, server, site)
    return report


def _page(browser, throttle: float):
    """A fresh page (empty cache) with the CPU slowed `throttle` times."""
    context = browser.new_context()
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    return context, page


def _is_search_file(path: str) -> bool:
    return any(part in path for part in SEARCH_FILES)


def _typed_search(browser, base: str, server, query: str, throttle: float, full_text: bool = False) -> dict:
    """Bytes are counted by the server, as a reader's phone receives them."""
    context, page = _page(browser, throttle)
    server.sent.clear()
    try:
        page.goto(base + "tim-kiem/", wait_until="load")
        page.evaluate(_WATCH)
        page.locator("#tl-search-input").press_sequentially(query, delay=TYPING_DELAY_MS)
        page.wait_for_function(
            f"({FULL_TEXT_SHOWN}) || ({NO_FULL_TEXT})" if full_text else RESULTS_SHOWN, timeout=60_000
        )
        page.wait_for_load_state("networkidle")
        if full_text and not page.evaluate(FULL_TEXT_SHOWN):
            results = page.locator("#search-results > li").count()
            return {"query": query, "skipped": f"the short index finds {results} or more pages: no full text"}
        shown = "search-fulltext" if full_text else "search-results"
        elapsed = page.evaluate(f"window.__shown['{shown}'].find((time) => time > window.__typed) - window.__typed")
        search = [(path, size) for path, size in server.sent if _is_search_file(path)]
        other = [(path, size) for path, size in server.sent if not _is_search_file(path)]
        report = {
            "query": query,
            "search_bytes": sum(size for _, size in search),
            "search_requests": len(search),
        }
        if full_text:
            report["full_text_bytes"] = sum(size for path, size in search if FULL_TEXT_INDEX in path)
            report["results"] = page.locator("#search-results > li:not(.tl-result--empty)").count()
            report["full_text_results"] = page.locator("#search-fulltext > li").count()
        else:
            report["search_files"] = {path: size for path, size in search}
            report["page_bytes"] = sum(size for _, size in other)
            report["results"] = page.locator("#search-results > li").count()
        report["typing_to_results_ms"] = round(elapsed)
        return report
    finally:
        context.close()


def _url_search(browser, base: str, query: str, throttle: float) -> int:
    context, page = _page(browser, throttle)
    try:
        page.goto(base + "tim-kiem/?q=" + quote(query), wait_until="commit")
        page.wait_for_function(RESULTS_SHOWN, timeout=30_000)
        return round(page.evaluate("performance.now()"))
    finally:
        context.close()


def _full_text_on_request(browser, base: str, server, query: str, throttle: float) -> dict:
    """The query's results, then the full text asked for: its bytes and the time from the click to its results."""
    context, page = _page(browser, throttle)
    try:
        page.goto(base + "tim-kiem/?q=" + quote(query), wait_until="load")
        page.evaluate(_WATCH)
        page.wait_for_function(RESULTS_SHOWN, timeout=30_000)
        page.wait_for_load_state("networkidle")
        server.sent.clear()
        asked = page.evaluate(
            "() => { document.querySelector('[data-tl-fulltext-ask]').click(); return performance.now(); }"
        )
        page.wait_for_function(FULL_TEXT_SHOWN, timeout=60_000)
        page.wait_for_load_state("networkidle")
        shown = page.evaluate("window.__shown['search-fulltext'][0]")
        fetched = [(path, size) for path, size in server.sent if FULL_TEXT_INDEX in path]
        return {
            "query": query,
            "full_text_bytes": sum(size for _, size in fetched),
            "full_text_requests": len(fetched),
            "click_to_results_ms": round(shown - asked),
            "full_text_results": page.locator("#search-fulltext > li").count(),
        }
    finally:
        context.close()


def _topic_page_requests(browser, base: str, server, site: Path) -> int:
    topic = next((site / "chuyen-de").glob("*/*/index.html"))
    context, page = _page(browser, 1)
    server.sent.clear()
    try:
        page.goto(base + topic.parent.relative_to(site).as_posix() + "/", wait_until="networkidle")
        return sum(1 for path, _ in server.sent if _is_search_file(path) or "search_index" in path)
    finally:
        context.close()


if __name__ == "__main__":
    sys.exit(main())
