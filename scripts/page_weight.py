"""First-load bytes of a guide page against a stock Material page of the same Markdown, side by side; print JSON.

Usage: python scripts/page_weight.py [--site DIR]

Builds the project (or takes a built site) and a stock mkdocs-material site holding the same guide (the first
guide in file order): Material's defaults (its search plugin, no custom_dir, its default fonts), `language: vi`,
the guide's page Markdown (title, description, the contributor's text, references) and a home page. Serves each
with gzip like a static host (scripts/static_server.py), opens the guide in Debian's headless Chromium with an
empty cache, waits until the network is idle and sums the bytes the server sent (gzip bodies, as a reader's phone
gets them): HTML, CSS, JS, fonts, the search index, images: everything the page requests on first load.
Requests to other hosts are not made (the stock theme's Google Fonts): they are listed and not counted, as
/work/shared/MEASUREMENTS.md counted the stock page (`font: false`, 84 KB), so the stock figure is its least.
`ratio` is ours over stock; the budget is 0.8 (issue 14); exits 1 above it.
"""

from __future__ import annotations

import argparse
import json
import posixpath
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from chromium import CHROMIUM, CHROMIUM_ARGS
from site_pages import build_site, sample_pages
from static_server import start

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from topiclib.library import load_library  # noqa: E402
from topiclib.pages import render_topic_page  # noqa: E402

BUDGET = 0.8
KINDS = {
    ".html": "html",
    ".css": "css",
    ".js": "js",
    ".mjs": "js",
    ".woff2": "font",
    ".woff": "font",
    ".ttf": "font",
    ".json": "search",
    ".png": "image",
    ".svg": "image",
    ".ico": "image",
}
STOCK_CONFIG = "site_name: Thư viện chuyên đề\ntheme:\n  name: material\n  language: vi\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="page_weight.py", description=__doc__.split("\n")[0])
    parser.add_argument("--site", help="the project's built site (default: build it into a temporary folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tvcd-weight-") as work:
        site = Path(args.site) if args.site else build_site(ROOT, Path(work) / "site")
        report = compare(site, Path(work))
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0 if report["ratio"] <= BUDGET else 1


def compare(site: Path, work: Path, browser=None) -> dict[str, object]:
    """Build the stock twin of `site`'s first guide in `work`, load both guide pages in `browser` (a Playwright
    browser; default Debian's Chromium) and report their first-load bytes side by side."""
    guide = sample_pages(site)["guide"]
    slug = posixpath.basename(guide.rstrip("/"))
    stock_site = build_site(stock_project(work / "stock", slug), work / "stock-site")
    if browser is not None:
        return _compare(browser, site, guide, stock_site, f"{slug}/")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        own = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return _compare(own, site, guide, stock_site, f"{slug}/")
        finally:
            own.close()


def first_load(browser, site: Path, path: str) -> dict[str, object]:
    """Serve `site`, open `path` with an empty cache until the network is idle: the bytes sent (gzip bodies) in
    all and by kind, each file's, and the requests to other hosts (refused, not counted)."""
    base, server = start(site)
    context = browser.new_context()
    other_hosts: list[str] = []
    host = urlsplit(base).netloc

    def refuse(route) -> None:
        other_hosts.append(route.request.url)
        route.abort()

    context.route(lambda url: urlsplit(url).netloc != host, refuse)
    try:
        page = context.new_page()
        page.goto(base + path, wait_until="networkidle")
        sent = list(server.sent)
    finally:
        context.close()
        server.shutdown()
    files: dict[str, int] = {}
    for url, size in sent:
        files[urlsplit(url).path] = files.get(urlsplit(url).path, 0) + size
    return {
        "bytes": sum(files.values()),
        "by_kind": by_kind(files),
        "files": files,
        "other_hosts": other_hosts,
    }


def by_kind(files: dict[str, int]) -> dict[str, int]:
    """Bytes by kind of file (html, css, js, font, search, image, other); a path ending in / is a page (HTML)."""
    totals: dict[str, int] = {}
    for path, size in files.items():
        kind = "html" if path.endswith("/") else KINDS.get(posixpath.splitext(path)[1].lower(), "other")
        totals[kind] = totals.get(kind, 0) + size
    return dict(sorted(totals.items()))


def stock_project(project: Path, slug: str) -> Path:
    """A stock Material project holding the guide `slug`'s page Markdown (as the library renders it, its front
    matter replaced by its title as a heading) and a home page."""
    library = load_library(ROOT).library
    if library is None:
        raise SystemExit("the library does not load: run scripts/check_topics.py")
    topic = next((t for t in library.topics if t.slug == slug), None)
    if topic is None:
        raise SystemExit(f"no topic {slug} in {ROOT / 'topics'}")
    _, _, body = render_topic_page(topic, library).removeprefix("---\n").partition("\n---\n")
    docs = project / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Thư viện chuyên đề\n", encoding="utf-8")
    (docs / f"{slug}.md").write_text(f"# {topic.title}\n\n{body.lstrip()}", encoding="utf-8")
    (project / "mkdocs.yml").write_text(STOCK_CONFIG, encoding="utf-8")
    return project


def _compare(browser, site: Path, guide: str, stock_site: Path, stock_guide: str) -> dict[str, object]:
    ours = first_load(browser, site, guide)
    stock = first_load(browser, stock_site, stock_guide)
    return {
        "page": guide,
        "ours": ours,
        "stock": stock,
        "ratio": round(ours["bytes"] / stock["bytes"], 3),  # type: ignore[operator]
        "budget": BUDGET,
    }


if __name__ == "__main__":
    sys.exit(main())
