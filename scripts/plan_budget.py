"""Measure what "Lập kế hoạch sinh hoạt chuyên đề năm" costs a secretary: keystrokes, seconds and bytes; print JSON.

Usage: python scripts/plan_budget.py [--site DIR] [--throttle RATE] [--key-seconds S]

Builds the project (or takes a built site), serves it with gzip like a static host (scripts/static_server.py)
and drives Debian's headless Chromium, the CPU slowed RATE times (default 4, a mid-range phone), through
/ke-hoach/ as a keyboard user, from an empty page to a downloaded .docx and a printed plan (window.print is
recorded, not run), with one meeting a quarter and the year the page proposes:
- new_cell: nothing remembered: one click into "Tên chi bộ", then the keyboard alone types the cell's details,
  and for each quarter Tab to "Chuyên đề", the first letters of the topic's title without diacritics until it
  is the first match, Enter, Tab, the date (keys into the browser's own date box), Tab, the member's name; then
  Tab to "Tải bản Word (.docx)", Enter, Tab to "In kế hoạch", Enter;
- remembered_cell: the cell's details come back from local storage (typed once on chuan-bi/ or here): one click
  into Quý I's "Chuyên đề", then the same;
- full_link: an address that holds the whole plan (a district's suggested plan, or the link a secretary keeps):
  one click on the Word button, one on the print button.
For each: `keystrokes` (key presses: characters, Tab, Enter, the date's digits), `telex_keystrokes` (the same with
each Vietnamese letter typed in Telex), `clicks`, `machine_s` (opening the page to the plan printed, keys pressed
at once), `estimated_s` (machine_s plus S seconds per key press, default 0.3), `url_to_paper_ms` (opening the
page until the paper is on screen).
`bytes` (gzip, as served, a first visit with an empty cache to the full link): `page_bytes` in all, of which
`own_bytes` are the page's own files (HTML, its CSS and scripts, the data scripts) and `theme_bytes` Material's and
the site's shared CSS and JS. `other_pages_own_requests`: files of this page requested by the home page, a topic
page and chuan-bi/ (must be 0; form-kit.js, papers.js, fflate and the shared data scripts are chuan-bi/'s too).
"""

from __future__ import annotations

import sys
import time
from urllib.parse import urlencode, urljoin

from prepare_budget import Tally, _page, other_pages_requests, page_bytes, run_cli

PAGE = "ke-hoach/"
OWN_FILES = ("/ke-hoach/", "plan.js", "plan.css", "prepare.css", "form-kit.js", "papers.js", "fflate", "/du-lieu/")
PLAN_ONLY = ("/ke-hoach/", "plan.js", "plan.css")  # what no other page may request
PAPER_SHOWN = "document.querySelectorAll('[data-tl-sheet] .tl-doc').length === 1"
DOCX_BUTTON = "Tải bản Word (.docx)"
PRINT_BUTTON = "In kế hoạch"
CELL = [("Tên chi bộ", "Chi bộ thôn Nà Khoang"), ("Cấp ủy cấp trên trực tiếp", "Đảng ủy xã Tà Xùa"),
        ("Địa danh", "Tà Xùa")]  # fmt: skip
# A quarter's meeting: the month and day (typed into Chromium's date box as MMDD then the year) and the member.
MEETINGS = [("02", "20", "Hoàng Thị Nhung"), ("05", "15", "Lò Văn Pọm"), ("08", "21", "Vàng A Chứ"),
            ("11", "20", "Lò Thị Mai")]  # fmt: skip
NUMERALS = ("I", "II", "III", "IV")
# The topics planned: the first guide of each of four groups, as [slug, title].
FIRST_GUIDES = """(() => {
  const seen = {};
  return TLData.topics.filter((r) => r[2] === "guide" && !seen[r[6]] && (seen[r[6]] = true))
    .slice(0, 4).map((r) => [r[0], r[1]]);
})()"""


def main(argv: list[str] | None = None) -> int:
    return run_cli(argv, "plan_budget.py", __doc__, _measure)


def _measure(browser, base: str, server, throttle: float, key_seconds: float) -> dict[str, object]:
    context = browser.new_context(viewport={"width": 1024, "height": 800}, accept_downloads=True)
    context.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    try:
        page = _page(context, 1)
        page.goto(base + PAGE)
        topics = page.evaluate(FIRST_GUIDES)
        year = page.locator("[data-tl-field=nam]").input_value()
        href = page.evaluate("TLData.topics[0][5]")
        page.evaluate("localStorage.clear()")
        page.close()
        report: dict[str, object] = {"year": year, "topics": [slug for slug, _ in topics], "throttle": throttle}
        report["new_cell"] = _run(context, base, throttle, key_seconds, topics, year, CELL)
        _forget_plan(context, base)  # the cell stays remembered, the plan does not: next year's
        report["remembered_cell"] = _run(context, base, throttle, key_seconds, topics, year, [])
        report["full_link"] = _run(context, base, throttle, key_seconds, topics, year, None)
        urls = [base, urljoin(base + "chuan-bi/", href), base + "chuan-bi/"]
        report["other_pages_own_requests"] = other_pages_requests(context, server, urls, _plan_only)
    finally:
        context.close()
    full_link = base + PAGE + "?" + urlencode(_plan_params(topics, year))
    report["bytes"] = page_bytes(browser, server, full_link, PAPER_SHOWN, _is_own)
    return report


def _forget_plan(context, base: str) -> None:
    page = context.new_page()
    page.goto(base + PAGE)
    page.evaluate("localStorage.removeItem('tl-ke-hoach')")
    page.close()


def _run(context, base, throttle, key_seconds, topics, year, cell) -> dict[str, object]:
    """From opening the page to the .docx saved and the plan printed; `cell` None: the link holds everything."""
    page = _page(context, throttle)
    start = time.perf_counter()
    try:
        page.goto(base + PAGE + ("?" + urlencode(_plan_params(topics, year)) if cell is None else ""))
        page.wait_for_function(PAPER_SHOWN, timeout=60_000)
        paper_ms = round((time.perf_counter() - start) * 1000)
        tally = Tally(page)
        for position, (label, text) in enumerate(cell or []):
            tally.type_into(page.get_by_label(label, exact=True), text, click=position == 0)
        if cell is not None:
            for number, ((_, title), meeting) in enumerate(zip(topics, MEETINGS, strict=True), 1):
                _type_meeting(page, tally, number, title, meeting, year, click=not cell and number == 1)
        with page.expect_download() as download:
            tally.press(page.get_by_role("button", name=DOCX_BUTTON, exact=True), keyboard=cell is not None)
        download.value.path()  # saved
        tally.press(page.get_by_role("button", name=PRINT_BUTTON, exact=True), keyboard=cell is not None)
        page.wait_for_function("window.__printed === 1")
        return {
            **tally.figures(time.perf_counter() - start, key_seconds),
            "url_to_paper_ms": paper_ms,
            "docx": download.value.suggested_filename,
        }
    finally:
        page.close()


def _type_meeting(page, tally: Tally, number: int, title: str, meeting, year: str, click: bool) -> None:
    """Quý `number`: the topic (letters until it comes first, Enter), the date's keys, the member's name."""
    month, day, person = meeting
    scope = page.get_by_role("group", name=f"Quý {NUMERALS[number - 1]}", exact=True)
    chooser = scope.get_by_role("combobox", name="Chuyên đề", exact=True)
    if click:
        chooser.click()
        tally.clicks += 1
    else:
        tally.tab_to(chooser)
    _type_until_first(page, tally, chooser, title)
    tally.enter()
    if chooser.input_value() != title:
        raise SystemExit(f"Quý {number}: chose {chooser.input_value()!r}, not {title!r}")
    date = scope.get_by_label("Ngày sinh hoạt", exact=True)
    tally.type_into(date, month + day + year)
    if date.input_value() != f"{year}-{month}-{day}":
        raise SystemExit(f"Quý {number}: the date box holds {date.input_value()!r}")
    tally.type_into(scope.get_by_label("Đảng viên chuẩn bị", exact=True), person)


def _type_until_first(page, tally: Tally, chooser, title: str) -> None:
    """Type the title without diacritics, letter by letter, until it is the chooser's first (selected) match."""
    for letter in page.evaluate("(text) => TLPapers.fold(text)", title):
        tally.type(letter)
        selected = chooser.get_attribute("aria-activedescendant")
        if selected and page.locator(f"#{selected} .tl-combobox__title").inner_text() == title:
            return
    raise SystemExit(f"{title!r} never came first")


def _plan_params(topics, year: str) -> list[tuple[str, str]]:
    params = [("nam", year), *((_field(label), text) for label, text in CELL)]
    for number, ((slug, _), (month, day, person)) in enumerate(zip(topics, MEETINGS, strict=True), 1):
        params += [(f"q{number}", slug), (f"q{number}_ngay", f"{year}-{month}-{day}"), (f"q{number}_nguoi", person)]
    return params


def _field(label: str) -> str:
    return {"Tên chi bộ": "chi_bo", "Cấp ủy cấp trên trực tiếp": "cap_tren", "Địa danh": "dia_danh"}[label]


def _is_own(path: str) -> bool:
    return any(part in path for part in OWN_FILES)


def _plan_only(path: str) -> bool:
    return any(part in path for part in PLAN_ONLY)


if __name__ == "__main__":
    sys.exit(main())
