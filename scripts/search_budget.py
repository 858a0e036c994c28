"""Measure what search costs a reader: bytes over the wire and time to results, on synthetic sites; print JSON.

Usage: python scripts/search_budget.py [--topics N ...] [--query TEXT] [--throttle RATE] [--site DIR]

For each N, builds the project with N synthetic topics (as scripts/bench.py does), serves the site with gzip
like a static host (scripts/static_server.py) and drives Debian's headless Chromium with the CPU slowed
RATE times (default 4):
- search_bytes: what the search page fetches for search (search.js and Pagefind's engine, index, filter and
  result files) from opening the page until the first results of a query typed at once are shown;
- page_bytes: the rest of that page load (HTML, theme CSS and JS), for context;
- typing_to_results_ms: from the last keystroke of the query, typed as soon as the page has loaded, to the
  results on screen (the engine may still be loading when typing starts, as for a quick reader);
- url_to_results_ms: from opening /tim-kiem/?q=... to the results;
- topic_page_search_requests: search files requested by a topic page (must be 0).
Budget (issue 5): search_bytes ≤ 150 KB at N=1000 and ≤ 1.5× that at N=3000; typing_to_results_ms ≤ 1000.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from static_server import start

from bench import _build, _copy_project, write_synthetic_topics

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SEARCH_FILES = ("/pagefind/", "/assets/javascripts/search.js")
TYPING_DELAY_MS = 40  # a quick typist; the page searches once typing pauses
RESULTS_SHOWN = "document.querySelector('#search-results > li') !== null"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="search_budget.py", description=__doc__.split("\n")[0])
    parser.add_argument("--topics", type=int, nargs="+", default=[1000, 3000], help="site sizes (default 1000 3000)")
    parser.add_argument("--query", default="dang vien", help="the query to type (default: dang vien)")
    parser.add_argument("--throttle", type=float, default=4, help="CPU slow-down factor (default 4)")
    parser.add_argument("--site", help="measure this built site instead of building synthetic ones")
    args = parser.parse_args(argv)
    reports = []
    if args.site:
        reports.append({"site": args.site, **measure(Path(args.site), args.query, args.throttle)})
    for count in [] if args.site else args.topics:
        work = Path(tempfile.mkdtemp(prefix="tvcd-search-"))
        try:
            _copy_project(work)
            write_synthetic_topics(work / "topics", count)
            build_s = _build(work)
            reports.append({"topics": count, "build_s": build_s, **measure(work / "site", args.query, args.throttle)})
        finally:
            shutil.rmtree(work, ignore_errors=True)
    if len(reports) > 1 and all("topics" in r for r in reports):
        first, last = reports[0], reports[-1]
        last["search_bytes_ratio"] = round(last["search_bytes"] / first["search_bytes"], 3)
    print(json.dumps(reports, ensure_ascii=False, indent=2))
    return 0


def measure(site: Path, query: str, throttle: float, browser=None) -> dict[str, object]:
    """Load the search page and a topic page in fresh browser contexts and measure them.

    `browser` is a Playwright browser to use; without one, Debian's Chromium is started for the measurement.
    """
    base, server = start(site)
    try:
        if browser is not None:
            return _measure(browser, base, server, site, query, throttle)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return _measure(own, base, server, site, query, throttle)
            finally:
                own.close()
    finally:
        server.shutdown()


def _measure(browser, base: str, server, site: Path, query: str, throttle: float) -> dict[str, object]:
    typed = _typed_search(browser, base, server, query, throttle)
    from_url = _url_search(browser, base, query, throttle)
    topic_requests = _topic_page_requests(browser, base, server, site)
    return {**typed, "url_to_results_ms": from_url, "topic_page_search_requests": topic_requests}


def _page(browser, throttle: float):
    """A fresh page (empty cache) with the CPU slowed `throttle` times."""
    context = browser.new_context()
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    return context, page


def _is_search_file(path: str) -> bool:
    return any(part in path for part in SEARCH_FILES)


def _typed_search(browser, base: str, server, query: str, throttle: float) -> dict[str, object]:
    """Bytes are counted by the server (Pagefind fetches from a web worker, out of the page's sight)."""
    context, page = _page(browser, throttle)
    server.sent.clear()
    try:
        page.goto(base + "tim-kiem/", wait_until="load")
        page.evaluate(
            """() => {
              const input = document.getElementById('tl-search-input');
              window.__shown = [];
              input.addEventListener('input', () => { window.__typed = performance.now(); });
              new MutationObserver((changes) => {
                if (changes.some((change) => change.addedNodes.length)) window.__shown.push(performance.now());
              })
                .observe(document.getElementById('search-results'), { childList: true });
            }"""
        )
        page.locator("#tl-search-input").press_sequentially(query, delay=TYPING_DELAY_MS)
        page.wait_for_function(RESULTS_SHOWN, timeout=30_000)
        page.wait_for_load_state("networkidle")
        elapsed = page.evaluate("window.__shown.find((time) => time > window.__typed) - window.__typed")
        search = [(path, size) for path, size in server.sent if _is_search_file(path)]
        other = [(path, size) for path, size in server.sent if not _is_search_file(path)]
        return {
            "query": query,
            "search_bytes": sum(size for _, size in search),
            "search_requests": len(search),
            "search_files": {path: size for path, size in search},
            "page_bytes": sum(size for _, size in other),
            "typing_to_results_ms": round(elapsed),
            "results": page.locator("#search-results > li").count(),
        }
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
