"""Measure what "Chuẩn bị buổi sinh hoạt" costs a secretary: keystrokes, seconds and bytes; print JSON.

Usage: python scripts/prepare_budget.py [--site DIR] [--throttle RATE] [--key-seconds S]

Builds the project (or takes a built site), serves it with gzip like a static host (scripts/static_server.py)
and drives Debian's headless Chromium, the CPU slowed RATE times (default 4, a mid-range phone), through the
page as a keyboard user: from opening /chuan-bi/?cd=<the first session script> to holding the .zip of the
five papers.
- new_cell: nothing remembered, the address holds only the topic: one click into "Tên chi bộ", then the
  keyboard alone types every field, moves on with Tab and presses Enter on "Tải cả năm giấy tờ (.zip)";
- remembered_cell: the next meeting in the same browser: the cell's details come back from local storage;
  one click into "Ngày sinh hoạt", then the meeting's own details;
- full_link: an address that holds everything (the link a secretary sends the presenter): one click on the
  .zip button.
For each: `keystrokes` (key presses: characters typed, Tab, Enter; dates and times typed into the browser's
own boxes, digits and the AM/PM letter), `telex_keystrokes` (the same with each Vietnamese letter typed in
Telex: "ộ" is three keys), `clicks`, `machine_s` (opening the page to the .zip saved, keys pressed at
once), `estimated_s` (machine_s plus S seconds per key press, default 0.3).
`url_to_papers_ms`: opening the page until the five papers are on screen.
`bytes` (gzip, as served, a first visit with an empty cache to the full link): `page_bytes` in all, of which
`own_bytes` are the page's own files (HTML, prepare.css, prepare.js, form-kit.js, papers.js, fflate, the data scripts:
nothing more is fetched to make the Word files) and `theme_bytes` Material's and the site's shared CSS and JS.
`other_pages_own_requests`: files of this page requested by the home page and a topic page (must be 0).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from urllib.parse import urlencode, urljoin

from chromium import CHROMIUM, CHROMIUM_ARGS
from site_pages import build_site
from static_server import start

ROOT = Path(__file__).resolve().parent.parent
PAGE = "chuan-bi/"
OWN_FILES = ("/chuan-bi/", "papers.js", "fflate", "form-kit.js", "prepare.js", "prepare.css")
PAPERS_SHOWN = "document.querySelectorAll('[data-tl-output] .tl-paper .tl-doc').length === 5"
ZIP_BUTTON = "Tải cả năm giấy tờ (.zip)"
# What a secretary types (labels as on the page); dates and times as keys into Chromium's own boxes
# (month, day, year; hours, minutes, AM/PM) with the value they must give.
CELL = [("Tên chi bộ", "Chi bộ thôn Nà Khoang"), ("Cấp ủy cấp trên trực tiếp", "Đảng ủy xã Tà Xùa"),
        ("Địa danh", "Tà Xùa"), ("Tổng số đảng viên", "18")]  # fmt: skip
MEETING = [("Ngày sinh hoạt", "02202027"), ("Giờ bắt đầu", "0745A"), ("Địa điểm", "Nhà văn hóa thôn"),
           ("Chủ trì", "Lò Văn Pọm"), ("Đảng viên trình bày dự thảo", "Hoàng Thị Nhung"),
           ("Thư ký", "Vàng A Chứ")]  # fmt: skip
EXPECTED = {"Ngày sinh hoạt": "2027-02-20", "Giờ bắt đầu": "07:45"}
URL_VALUES = {"chi_bo": "Chi bộ thôn Nà Khoang", "cap_tren": "Đảng ủy xã Tà Xùa", "dia_danh": "Tà Xùa",
              "tong_so": "18", "ngay": "2027-02-20", "gio": "07:45", "dia_diem": "Nhà văn hóa thôn",
              "chu_tri": "Lò Văn Pọm", "trinh_bay": "Hoàng Thị Nhung", "thu_ky": "Vàng A Chứ"}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    return run_cli(argv, "prepare_budget.py", __doc__, _measure)


def run_cli(argv: list[str] | None, prog: str, doc: str, walk) -> int:
    """The command line of a page's budget: build the site (or take --site), `walk` the page, print the JSON."""
    parser = argparse.ArgumentParser(prog=prog, description=doc.split("\n")[0])
    parser.add_argument("--site", help="a built site (default: build the project into a temporary folder)")
    parser.add_argument("--throttle", type=float, default=4, help="CPU slow-down factor (default 4)")
    parser.add_argument("--key-seconds", type=float, default=0.3, help="a person's seconds per key (default 0.3)")
    args = parser.parse_args(argv)
    if args.site:
        report = measure(Path(args.site), args.throttle, args.key_seconds, walk=walk)
    else:
        with tempfile.TemporaryDirectory(prefix="tvcd-budget-") as work:
            site = Path(work) / "site"
            build_site(ROOT, site)
            report = measure(site, args.throttle, args.key_seconds, walk=walk)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


def measure(site: Path, throttle: float, key_seconds: float, browser=None, walk=None) -> dict[str, object]:
    """Serve `site` and `walk` a page (default: this one's three ways and the other-pages check) in `browser`,
    a Playwright browser, or in Debian's Chromium."""
    walk = walk or _measure
    base, server = start(site)
    try:
        if browser is not None:
            return walk(browser, base, server, throttle, key_seconds)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return walk(own, base, server, throttle, key_seconds)
            finally:
                own.close()
    finally:
        server.shutdown()


def _measure(browser, base: str, server, throttle: float, key_seconds: float) -> dict[str, object]:
    context = browser.new_context(viewport={"width": 1024, "height": 800}, accept_downloads=True)
    try:
        page = _page(context, throttle)
        page.goto(base + PAGE)
        slug, href = page.evaluate(
            "(() => { const r = TLData.topics.find((r) => r[2] === 'session'); return [r[0], r[5]]; })()"
        )
        page.evaluate("localStorage.clear()")
        page.close()
        report: dict[str, object] = {"topic": slug, "throttle": throttle}
        report["new_cell"] = _run(context, base, server, throttle, key_seconds, slug, CELL + MEETING)
        report["remembered_cell"] = _run(context, base, server, throttle, key_seconds, slug, MEETING)
        report["full_link"] = _run(context, base, server, throttle, key_seconds, slug, [], URL_VALUES)
        topic_url = urljoin(base + PAGE, href)
        report["other_pages_own_requests"] = other_pages_requests(context, server, [base, topic_url], _is_own)
    finally:
        context.close()
    full_link = base + PAGE + "?" + urlencode({"cd": slug, **URL_VALUES})
    report["bytes"] = page_bytes(browser, server, full_link, PAPERS_SHOWN, _is_own)
    return report


def page_bytes(browser, server, url: str, shown: str, is_own) -> dict[str, object]:
    """What a first visit (empty cache) to `url` fetches, gzip as served, until `shown` holds; `is_own(path)` tells
    the page's own files from the theme's."""
    context = browser.new_context()
    page = context.new_page()
    server.sent.clear()
    try:
        page.goto(url, wait_until="networkidle")
        page.wait_for_function(shown)
        page.wait_for_load_state("networkidle")
        sent = list(server.sent)
    finally:
        context.close()
    own = [(path.split("?")[0], size) for path, size in sent if is_own(path)]
    return {
        "page_bytes": sum(size for _, size in sent),
        "own_bytes": sum(size for _, size in own),
        "theme_bytes": sum(size for path, size in sent if not is_own(path)),
        "own_files": dict(own),
        "theme_files": {path: size for path, size in sent if not is_own(path)},
    }


def _page(context, throttle: float):
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    return page


def _run(context, base, server, throttle, key_seconds, slug, typed, values=None) -> dict[str, object]:
    """Open the page, fill in `typed` with the keyboard (after one click), press Enter on the .zip button."""
    page = _page(context, throttle)
    start = time.perf_counter()
    try:
        page.goto(base + PAGE + "?" + urlencode({"cd": slug, **(values or {})}))
        page.wait_for_function(PAPERS_SHOWN, timeout=60_000)
        papers_ms = round((time.perf_counter() - start) * 1000)
        tally = Tally(page)
        for position, (label, text) in enumerate(typed):
            box = page.get_by_label(label, exact=True)
            tally.type_into(box, text, click=position == 0)
            if label in EXPECTED and box.input_value() != EXPECTED[label]:
                raise SystemExit(f"{label}: typed {text!r}, the box holds {box.input_value()!r}")
        with page.expect_download() as download:
            tally.press(page.get_by_role("button", name=ZIP_BUTTON, exact=True), keyboard=bool(typed))
        download.value.path()  # saved
        return {
            **tally.figures(time.perf_counter() - start, key_seconds),
            "url_to_papers_ms": papers_ms,
            "zip": download.value.suggested_filename,
        }
    finally:
        page.close()


class Tally:
    """What a keyboard user does on `page`: key presses (characters, Tab, Enter), the same with Telex, clicks."""

    def __init__(self, page) -> None:
        self.page = page
        self.keys = self.telex = self.clicks = 0

    def type_into(self, box, text: str, click: bool = False) -> None:
        """Click into `box` (or Tab to it), then type `text`."""
        if click:
            box.click()
            self.clicks += 1
        else:
            self.tab_to(box)
        self.type(text)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.keys += len(text)
        self.telex += _telex_keys(text) - len(text)

    def tab_to(self, target) -> None:
        self.keys += _tab_to(self.page, target)

    def press(self, target, keyboard: bool) -> None:
        """Tab to `target` and press Enter, or (keyboard False) click it."""
        if keyboard:
            self.tab_to(target)
            self.enter()
        else:
            target.click()
            self.clicks += 1

    def enter(self) -> None:
        self.page.keyboard.press("Enter")
        self.keys += 1

    def figures(self, seconds: float, key_seconds: float) -> dict[str, object]:
        machine_s = round(seconds, 2)
        return {
            "keystrokes": self.keys,
            "telex_keystrokes": self.keys + self.telex,
            "clicks": self.clicks,
            "machine_s": machine_s,
            "estimated_s": round(machine_s + key_seconds * self.keys, 1),
        }


def _tab_to(page, target) -> int:
    """Press Tab until `target` has the focus; the number of presses."""
    handle = target.element_handle()
    for count in range(1, 60):
        page.keyboard.press("Tab")
        if page.evaluate("(element) => document.activeElement === element", handle):
            return count
    raise SystemExit("Tab never reached the next control")


def _telex_keys(text: str) -> int:
    """Keys to type `text` with Telex: one per letter, one more per mark ("ộ" = o, o, j; "đ" = d, d)."""
    keys = 0
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        keys += len(decomposed) + (char in "đĐ")
    return keys


def _is_own(path: str) -> bool:
    return any(part in path for part in OWN_FILES)


def other_pages_requests(context, server, urls: list[str], is_own) -> int:
    """How many files `is_own` claims the pages at `urls` request."""
    page = context.new_page()
    server.sent.clear()
    try:
        for url in urls:
            page.goto(url, wait_until="networkidle")
        return sum(1 for path, _ in server.sent if is_own(path))
    finally:
        page.close()


if __name__ == "__main__":
    sys.exit(main())
