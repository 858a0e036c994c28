"""'Lập kế hoạch sinh hoạt chuyên đề năm' (ke-hoach/) as a secretary uses it, in headless Chromium on the built site.

The topics are taken from the built site's own topic list (window.TLData.topics), so the tests hold whatever topics
the library has. Messages come from plan.yml (through the catalog); the controls' labels are a contract (issue 11)
and written here.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import NamedTuple
from urllib.parse import parse_qs, urlencode, urljoin, urlparse

import icalendar
import pytest
import test_prepare_browser
from docx import Document as WordDocument
from playwright.sync_api import expect
from pypdf import PdfReader
from static_server import StaticServer
from test_prepare_browser import assert_word_file, flat, fold, nfc, tab_to

from topiclib.data import load_catalog
from topiclib.document import field_text
from topiclib.plan_page import page_strings

pytestmark = pytest.mark.browser

PAGE = "ke-hoach/"
NUMERALS = ("I", "II", "III", "IV")
# The labels are a contract (issue 11): tools and screen readers find the controls by these words.
TOPIC, DATE, PERSON, COMBINED = "Chuyên đề", "Ngày sinh hoạt", "Đảng viên chuẩn bị", "Kết hợp sinh hoạt thường kỳ"
YEAR, CELL_TYPE = "Năm", "Loại hình chi bộ"
CELL_LABELS = {"chi_bo": "Tên chi bộ", "cap_tren": "Cấp ủy cấp trên trực tiếp", "dia_danh": "Địa danh"}
CELL = {"chi_bo": "Chi bộ thôn Nà Khoang", "cap_tren": "Đảng ủy xã Tà Xùa", "dia_danh": "Tà Xùa"}
NAM = "2027"
# Per quarter, the meetings' dates and the members who prepare them (Q2 has two meetings).
DATES = {1: ["2027-02-20"], 2: ["2027-05-15", "2027-06-12"], 3: ["2027-08-21"], 4: ["2027-11-20"]}
PEOPLE = {1: ["Hoàng Thị Nhung"], 2: ["Lò Văn Pọm", "Vàng A Chứ"], 3: ["Hoàng Thị Nhung"], 4: ["Lò Thị Mai"]}
HOSTILE = "</script><img src=x onerror=alert(1)> \"Đảng\" 'ủy' & ; , \\ <b>"
PLAN_FILES = ("ke-hoach/", "plan.js", "plan.css", "ke-hoach.js")

CATALOG = load_catalog()[0]
STRINGS = page_strings(CATALOG)  # plan.yml's words and those it shares with chuan-bi/
CELL_TYPE_IDS = [cell_type.id for cell_type in CATALOG.cell_types]


class Row(NamedTuple):
    slug: str
    title: str
    group: str
    group_id: str


@pytest.fixture(scope="module")
def topics(browser, site_url) -> dict[str, list[Row]]:
    """From the site's topic list: `plan`, five topics of different groups where the library allows (one per
    planned meeting, in order), and `one_group`, four topics of one group."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + PAGE)
    rows = [Row(row[0], row[1], row[3], row[6]) for row in page.evaluate("TLData.topics")]
    context.close()
    by_group: dict[str, list[Row]] = {}
    for row in rows:
        by_group.setdefault(row.group_id, []).append(row)
    spread = [row for group in by_group.values() for row in group[:1]]
    plan = (spread + [row for row in rows if row not in spread])[:5]
    one_group = next(group for group in by_group.values() if len(group) >= 4)[:4]
    return {"plan": plan, "one_group": one_group}


# A tab of this module's `context` that fails the test on a script error or on any dialog (as on chuan-bi/).
page = test_prepare_browser.page


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 800}, accept_downloads=True)
    context.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    yield context
    context.close()


# ---- Helpers ----


def plan_url(site_url: str, params: list[tuple[str, str]] | None = None) -> str:
    return site_url + PAGE + ("?" + urlencode(params) if params else "")


def full_plan(topics: dict, **cell: str) -> list[tuple[str, str]]:
    """The plan of DATES and PEOPLE with the `plan` topics, as URL parameters (repeatable keys for Q2)."""
    params = [("nam", NAM), *{**CELL, **cell}.items()]
    rows = iter(topics["plan"])
    for quarter, dates in DATES.items():
        for date, person in zip(dates, PEOPLE[quarter], strict=True):
            params += [(f"q{quarter}", next(rows).slug), (f"q{quarter}_ngay", date), (f"q{quarter}_nguoi", person)]
    return params


def quarter(page, number: int):
    return page.get_by_role("group", name=f"Quý {NUMERALS[number - 1]}", exact=True)


def meeting(page, number: int, k: int = 1):
    return quarter(page, number).get_by_role("group", name=f"Buổi sinh hoạt {k}", exact=True)


def chooser(scope):
    return scope.get_by_role("combobox", name=TOPIC, exact=True)


def choose(scope, title: str, typed: str | None = None) -> None:
    """Type (by default the title without diacritics) and pick the title with the arrow keys and Enter."""
    box = chooser(scope)
    box.fill(typed if typed is not None else fold(title))
    listbox = scope.get_by_role("listbox")
    listbox.wait_for()
    titles = listbox.get_by_role("option").locator(".tl-combobox__title").all_inner_texts()
    assert title in titles, titles
    for _ in range(titles.index(title)):
        box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value(title)


def type_plan(page, topics: dict) -> None:
    """Type the whole plan of DATES and PEOPLE into an empty page, adding Q2's second meeting with its button."""
    for field_id, value in CELL.items():
        page.get_by_label(CELL_LABELS[field_id], exact=True).fill(value)
    page.get_by_label(YEAR, exact=True).fill(NAM)
    rows = iter(topics["plan"])
    for number, dates in DATES.items():
        for k, (date, person) in enumerate(zip(dates, PEOPLE[number], strict=True), 1):
            if k > 1:
                quarter(page, number).get_by_role("button", name=STRINGS["add_meeting"], exact=True).click()
            scope = meeting(page, number, k)
            row = next(rows)
            if number == 1:
                chooser(scope).press_sequentially(fold(row.title)[:25])  # key by key, no diacritics
                chooser(scope).press("Escape")
            choose(scope, row.title)
            scope.get_by_label(DATE, exact=True).fill(date)
            scope.get_by_label(PERSON, exact=True).fill(person)
    meeting(page, 2, 2).get_by_label(COMBINED, exact=True).check()


def controls(page) -> list[list[object]]:
    """Every control of the form with its quarter and its value (checked for a checkbox), in order."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-tl-plan] input, [data-tl-plan] select')].map((e) => [
          (e.closest('[data-tl-quarter]') || {dataset: {}}).dataset.tlQuarter || '',
          e.getAttribute('data-tl-meeting-field') || e.getAttribute('data-tl-field')
            || e.getAttribute('data-tl-filter'),
          e.type === 'checkbox' ? e.checked : e.value])"""
    )


def paper_text(page) -> str:
    # The paper is redrawn once typing pauses; the sheet is aria-busy until then.
    page.wait_for_function("!document.querySelector('[data-tl-sheet]').hasAttribute('aria-busy')")
    return nfc(page.locator("[data-tl-sheet]").inner_text())


def download(page, name: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.get_by_role("button", name=name, exact=True).click()
    got = info.value
    return got.suggested_filename, Path(got.path()).read_bytes()


def message(template: str, **values: object) -> str:
    return template.format(**values)


def assert_error(page, box, text: str) -> None:
    """`box` is marked invalid and its description holds `text`, which is visible."""
    expect(box).to_have_attribute("aria-invalid", "true")
    assert text in descriptions(page, box)
    expect(page.get_by_text(text, exact=True)).to_be_visible()


def assert_clear(page, box, text: str) -> None:
    expect(page.get_by_text(text, exact=True)).to_have_count(0)
    assert box.get_attribute("aria-invalid") is None
    assert text not in descriptions(page, box)


def descriptions(page, box) -> list[str]:
    ids = (box.get_attribute("aria-describedby") or "").split()
    return [nfc(page.locator(f"#{ident}").inner_text()) for ident in ids]


def short(date: str) -> str:
    """A date as the plan's table writes it (the build's own rule)."""
    return field_text({"field": "d", "as": "short"}, {"d": date}, {})


# ---- Tests ----


def test_typing_a_full_plan_fills_the_paper_the_address_and_the_links(page, site_url, topics, browser):
    """Typed from an empty page (a second meeting in Q2): the KẾ HOẠCH holds every meeting, the address holds the
    plan with repeatable keys, every meeting links to chuan-bi/ with what is known; the link rebuilds the plan."""
    page.goto(plan_url(site_url))
    type_plan(page, topics)
    text = paper_text(page)
    assert "CHI BỘ THÔN NÀ KHOANG" in text and "ĐẢNG ỦY XÃ TÀ XÙA" in text
    assert f"Sinh hoạt chuyên đề năm {NAM}" in text
    for row in topics["plan"]:
        assert row.title in flat(text) and row.group in flat(text)
    for number, dates in DATES.items():
        for date, person in zip(dates, PEOPLE[number], strict=True):
            assert short(date) in text and person in text
    assert STRINGS["js_combined_note"] in text
    page.wait_for_function("new URLSearchParams(location.search).getAll('q2_ket_hop').length === 2")
    query = parse_qs(urlparse(page.url).query)
    assert query["q2"] == [row.slug for row in topics["plan"][1:3]]
    assert query["q2_ngay"] == DATES[2] and query["q2_nguoi"] == PEOPLE[2] and query["q2_ket_hop"] == ["0", "1"]
    assert query["nam"] == [NAM] and query["chi_bo"] == [CELL["chi_bo"]]
    link = meeting(page, 2, 2).get_by_role("link", name=CATALOG.strings["prepare_this"], exact=True)
    href = link.get_attribute("href")
    assert href.startswith("../chuan-bi/?")
    linked = parse_qs(urlparse(href).query)
    assert linked == {
        "cd": [topics["plan"][2].slug],
        "ngay": [DATES[2][1]],
        "trinh_bay": [PEOPLE[2][1]],
        "ket_hop": ["1"],
        **{key: [value] for key, value in CELL.items()},
    }
    typed = controls(page)
    fresh = browser.new_context()  # nothing remembered: the address alone
    try:
        again = fresh.new_page()
        again.goto(page.url)
        expect(chooser(meeting(again, 2, 2))).to_have_value(topics["plan"][2].title)
        assert controls(again) == typed
        assert paper_text(again) == text
    finally:
        fresh.close()
    link.click()
    page.wait_for_url("**/chuan-bi/**")
    expect(page.get_by_label("Đảng viên trình bày dự thảo", exact=True)).to_have_value(PEOPLE[2][1])
    expect(page.get_by_role("combobox", name=TOPIC, exact=True)).to_have_value(topics["plan"][2].title)


def test_errors_from_a_link_are_marked_and_clear_as_they_are_fixed(page, site_url, topics):
    """Opened from a link: an empty quarter, dates outside their quarter and year, a topic twice, a topic with no
    one to prepare it are errors next to their field (aria-invalid, aria-describedby); fixing each clears it."""
    first, second = topics["plan"][:2]
    params = [("nam", NAM), ("q1", first.slug), ("q1_ngay", "2027-05-02"), ("q1_nguoi", "Lò Văn Pọm")]
    params += [("q2", second.slug), ("q2_ngay", "2028-05-02"), ("q3", first.slug), ("q3_nguoi", "Vàng A Chứ")]
    page.goto(plan_url(site_url, params))
    empty = message(STRINGS["js_quarter_empty"], quarter="IV")
    outside_quarter = message(
        STRINGS["js_date_quarter"],
        date=short("2027-05-02"),
        quarter="I",
        first=short("2027-01-01"),
        last=short("2027-03-31"),
    )
    outside_year = message(STRINGS["js_date_year"], date=short("2028-05-02"), year=NAM)
    twice = message(STRINGS["js_topic_twice"], quarter="I", k=1)
    no_one = STRINGS["js_no_one"]
    checks = [
        (chooser(meeting(page, 4)), empty),
        (meeting(page, 1).get_by_label(DATE, exact=True), outside_quarter),
        (meeting(page, 2).get_by_label(DATE, exact=True), outside_year),
        (chooser(meeting(page, 3)), twice),
        (meeting(page, 2).get_by_label(PERSON, exact=True), no_one),
    ]
    for box, text in checks:
        assert_error(page, box, text)
    assert quarter(page, 4).get_attribute("aria-describedby") == "tl-p-q4-error"
    missing = page.evaluate(
        "[...document.querySelectorAll('[aria-describedby], [aria-controls], label[for]')].flatMap((e) =>"
        " `${e.getAttribute('aria-describedby') || ''} ${e.getAttribute('aria-controls') || ''} ${e.htmlFor || ''}`"
        ".split(' ').filter((id) => id && !document.getElementById(id)))"
    )
    assert missing == []
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map((e) => e.id)")
    assert len(ids) == len(set(ids))
    assert chooser(meeting(page, 1)).get_attribute("aria-invalid") is None  # the first of the two is right
    choose(meeting(page, 4), topics["plan"][3].title)
    meeting(page, 4).get_by_label(PERSON, exact=True).fill("Lò Thị Mai")
    meeting(page, 1).get_by_label(DATE, exact=True).fill("2027-02-20")
    meeting(page, 2).get_by_label(DATE, exact=True).fill("2027-05-15")
    choose(meeting(page, 3), topics["plan"][2].title)
    meeting(page, 2).get_by_label(PERSON, exact=True).fill("Hoàng Thị Nhung")
    for box, text in checks:
        assert_clear(page, box, text)
    assert quarter(page, 4).get_attribute("aria-describedby") is None


def test_errors_appear_while_typing(page, site_url, topics):
    """Typed: a date outside its quarter once typing pauses, the same topic at once, an empty quarter and a
    missing member once the quarter or meeting is left; a wrong year too."""
    page.goto(plan_url(site_url, [("nam", NAM)]))
    first = topics["plan"][0]
    date = meeting(page, 1).get_by_label(DATE, exact=True)
    date.fill("2027-07-01")
    bounds = {"first": short("2027-01-01"), "last": short("2027-03-31")}
    assert_error(page, date, message(STRINGS["js_date_quarter"], date=short("2027-07-01"), quarter="I", **bounds))
    date.fill("2027-03-31")
    assert date.get_attribute("aria-invalid") is None
    choose(meeting(page, 1), first.title)
    expect(quarter(page, 1).get_by_text(STRINGS["js_no_one"], exact=True)).to_have_count(0)  # not yet: still here
    choose(meeting(page, 2), first.title)
    assert_error(page, chooser(meeting(page, 2)), message(STRINGS["js_topic_twice"], quarter="I", k=1))
    assert_error(page, meeting(page, 1).get_by_label(PERSON, exact=True), STRINGS["js_no_one"])
    chooser(meeting(page, 2)).fill("")
    chooser(meeting(page, 2)).blur()  # the box left empty: no topic, and the quarter is left
    assert_error(page, chooser(meeting(page, 2)), message(STRINGS["js_quarter_empty"], quarter="II"))
    year = page.get_by_label(YEAR, exact=True)
    year.fill("27")
    year.blur()
    assert_error(page, year, CATALOG.plan["fields"][0]["error"])
    year.fill(NAM)
    assert year.get_attribute("aria-invalid") is None


def test_warnings_are_shown_and_announced_but_not_errors(page, site_url, topics):
    """One member preparing every meeting, four quarters in one group: a warning in a status region, tied to the
    fields, never aria-invalid; gone once the plan changes."""
    params = [("nam", NAM)]
    for number, row in enumerate(topics["one_group"], 1):
        params += [(f"q{number}", row.slug), (f"q{number}_ngay", DATES[number][0]), (f"q{number}_nguoi", "Lò Văn Pọm")]
    page.goto(plan_url(site_url, params))
    member = message(STRINGS["js_one_member"], count=4, name="Lò Văn Pọm")
    group = message(STRINGS["js_one_group"], group=topics["one_group"][0].group)
    status = page.locator("[data-tl-warnings]")
    assert status.get_attribute("role") == "status"
    for text in (member, group):
        expect(status.get_by_text(text, exact=True)).to_be_visible()
    person = meeting(page, 3).get_by_label(PERSON, exact=True)
    assert member in descriptions(page, person) and person.get_attribute("aria-invalid") is None
    assert group in descriptions(page, chooser(meeting(page, 1)))
    assert page.locator("[aria-invalid=true]").count() == 0
    person.fill("Vàng A Chứ")
    choose(
        meeting(page, 4), next(row for row in topics["plan"] if row.group_id != topics["one_group"][0].group_id).title
    )
    for text in (member, group):
        expect(status.get_by_text(text, exact=True)).to_have_count(0)


def test_suggestions_say_why_and_fill_the_chooser(page, site_url, topics):
    """Each quarter suggests topics with their reasons (the chosen cell type first, the quarter's anniversaries with
    a link to their source); one suggestion, chosen with the keyboard, fills the quarter's free chooser."""
    page.goto(plan_url(site_url, [("nam", NAM), ("loai", CELL_TYPE_IDS[0])]))
    assert page.get_by_label(CELL_TYPE, exact=True).input_value() == CELL_TYPE_IDS[0]
    rows = page.evaluate("TLData.topics")
    own = {row[1] for row in rows if CELL_TYPE_IDS[0] in row[7]}
    box = quarter(page, 3).locator("[data-tl-suggest]")
    buttons = box.locator(".tl-plan__suggestion-button")
    expect(buttons.first).to_be_visible()
    titles = buttons.all_inner_texts()
    assert titles and (titles[0] in own or not own)
    reasons = box.locator(".tl-plan__reason").all_inner_texts()
    assert len(reasons) == len(titles) and all(reasons)
    if own:
        cell_name = CATALOG.cell_types[0].name
        assert message(STRINGS["js_reason_cell"], cell=cell_name).lower() in reasons[0].lower()
    days = [day for day in CATALOG.anniversaries if 7 <= day["month"] <= 9]
    for day in days:
        assert day["name"] in box.inner_text()
        assert box.get_by_role("link").nth(days.index(day)).get_attribute("href") == day["sources"][0]
    assert [buttons.nth(i).get_attribute("tabindex") for i in range(len(titles))] == ["0"] + ["-1"] * (len(titles) - 1)
    buttons.first.focus()
    page.keyboard.press("ArrowDown")  # one Tab stop: the arrow keys move between the suggestions
    expect(buttons.nth(1)).to_be_focused()
    page.keyboard.press("Enter")
    expect(chooser(meeting(page, 3))).to_have_value(titles[1])
    expect(chooser(meeting(page, 3))).to_be_focused()
    assert titles[1] not in quarter(page, 3).locator(".tl-plan__suggestion-button").all_inner_texts()


@pytest.mark.parametrize(
    "per_quarter",
    [2, 3],
)
def test_print_shows_only_the_paper_on_at_most_two_pages(page, site_url, per_quarter):
    """Printed (A4, print media) with several meetings in every quarter, each combined with the monthly meeting: the
    paper alone, the four quarters and the cell's name, at most two pages; the print button prints."""
    page.goto(plan_url(site_url))
    rows = page.evaluate("TLData.topics")
    params = [("nam", NAM), *CELL.items()]
    for number in range(1, 5):
        for k in range(per_quarter):
            row = rows[(number - 1) * per_quarter + k]
            params += [(f"q{number}", row[0]), (f"q{number}_ngay", f"{NAM}-{3 * number:02d}-{10 + k}")]
            params += [(f"q{number}_nguoi", "Hoàng Thị Nhung"), (f"q{number}_ket_hop", "1")]
    page.goto(plan_url(site_url, params))
    expect(chooser(meeting(page, 4, per_quarter))).to_have_value(rows[4 * per_quarter - 1][1])
    page.get_by_role("button", name=STRINGS["print"], exact=True).click()
    assert page.evaluate("window.__printed") == 1
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert len(reader.pages) <= 2
    text = flat(" ".join(sheet.extract_text() for sheet in reader.pages))
    assert "CHI BỘ THÔN NÀ KHOANG" in text and "KẾ HOẠCH" in text
    squeezed = "".join(text.split())  # a long title wraps inside its cell, sometimes after a hyphen
    for row in rows[: 4 * per_quarter]:
        assert "".join(flat(row[1]).split()) in squeezed, row[1]
    lines = [line.strip() for sheet in reader.pages for line in nfc(sheet.extract_text()).splitlines()]
    for numeral in NUMERALS:  # each quarter's first row starts with its numeral
        assert any(line.startswith(numeral + " ") for line in lines), numeral
    for screen_only in (STRINGS["title"], STRINGS["paper_heading"], STRINGS["calendar_download"], STRINGS["lead"]):
        assert flat(screen_only)[:40] not in text
    assert flat(message(STRINGS["js_suggest_heading"], quarter="I")) not in text


def test_word_file_is_a4_times_new_roman_with_the_typed_plan_in_nfc(page, site_url, topics):
    """The .docx made in the browser: A4, Times New Roman, the typed values (one typed decomposed) in NFC."""
    params = full_plan(topics)
    page.goto(plan_url(site_url, params))
    meeting(page, 4).get_by_label(PERSON, exact=True).fill(unicodedata.normalize("NFD", "Lò Thị Mai"))
    name, data = download(page, STRINGS["js_download_docx"])
    assert name == message(STRINGS["js_docx_name"], year=NAM)
    text = assert_word_file(data)
    assert "CHI BỘ THÔN NÀ KHOANG" in text and "Lò Thị Mai" in text and "Lò Văn Pọm" in text
    for row in topics["plan"]:
        assert row.title in text
    for dates in DATES.values():
        for date in dates:
            assert short(date) in text
    assert len(WordDocument(io.BytesIO(data)).tables) >= 2  # the header and the plan's table


def calendar_of(data: bytes) -> icalendar.Calendar:
    """The .ics parsed by icalendar, after checking the raw lines: CRLF only, none over 75 octets."""
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    return icalendar.Calendar.from_ical(data)


def test_calendar_file_has_an_event_and_a_reminder_per_dated_meeting(page, site_url, topics):
    """The .ics (RFC 5545, parsed by icalendar): one all-day event per dated meeting with its topic, member and
    link; a reminder at 09:00 the day before; a week-before one when chosen; the same UIDs the next time."""
    page.goto(plan_url(site_url, full_plan(topics)))
    name, data = download(page, STRINGS["calendar_download"])
    assert name == message(STRINGS["js_calendar_name"], year=NAM)
    calendar = calendar_of(data)
    assert (str(calendar["VERSION"]), str(calendar["CALSCALE"]), str(calendar["METHOD"])) == (
        "2.0",
        "GREGORIAN",
        "PUBLISH",
    )
    assert str(calendar["PRODID"])
    events = calendar.walk("VEVENT")
    dates = [date for number in DATES for date in DATES[number]]
    assert [event.decoded("DTSTART").isoformat() for event in events] == dates
    people = [person for number in PEOPLE for person in PEOPLE[number]]
    for event, row, person in zip(events, topics["plan"], people, strict=True):
        start = event.decoded("DTSTART")
        assert (event.decoded("DTEND") - start).days == 1 and not hasattr(start, "hour")
        assert row.title in str(event["SUMMARY"]) and person in str(event["DESCRIPTION"])
        assert "chuan-bi/?" in str(event["DESCRIPTION"]) and row.slug in str(event["UID"])
        assert event.decoded("DTSTAMP").tzinfo is not None
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY" and str(alarms[0]["DESCRIPTION"])
        assert alarms[0].decoded("TRIGGER").total_seconds() == -15 * 3600  # 09:00 the day before
        assert "Sổ tay đảng viên điện tử" in str(alarms[0]["DESCRIPTION"])
    page.get_by_label(STRINGS["calendar_week"], exact=True).check()
    _, again = download(page, STRINGS["calendar_download"])
    events_again = calendar_of(again).walk("VEVENT")
    assert [str(event["UID"]) for event in events_again] == [str(event["UID"]) for event in events]
    for event in events_again:
        triggers = sorted(alarm.decoded("TRIGGER").total_seconds() for alarm in event.walk("VALARM"))
        assert triggers == [-(6 * 24 + 15) * 3600, -15 * 3600]  # 09:00 a week before, and the day before


def test_hostile_text_stays_text_on_the_page_in_the_word_file_and_the_calendar(page, site_url, topics):
    """Markup, quotes, "&", ";", "," and "\\" typed or linked stay text: no element, no dialog, valid files."""
    page.goto(plan_url(site_url, full_plan(topics, chi_bo=HOSTILE)))
    meeting(page, 1).get_by_label(PERSON, exact=True).fill(HOSTILE)
    text = paper_text(page)
    assert HOSTILE.strip() in text and HOSTILE.upper().strip() in text
    page.wait_for_timeout(200)  # an injected onerror handler would have fired by now
    assert page.evaluate("document.querySelectorAll('img[src=x], img[onerror], [data-tl-sheet] b').length") == 0
    _, data = download(page, STRINGS["js_download_docx"])
    assert HOSTILE.strip() in assert_word_file(data)
    _, ics = download(page, STRINGS["calendar_download"])
    first = calendar_of(ics).walk("VEVENT")[0]
    assert HOSTILE.strip() in str(first["DESCRIPTION"])
    href = meeting(page, 1).get_by_role("link", name=CATALOG.strings["prepare_this"], exact=True).get_attribute("href")
    assert parse_qs(urlparse(href).query)["trinh_bay"] == [HOSTILE.strip()]
    page.wait_for_function("new URLSearchParams(location.search).get('q1_nguoi') !== null")
    assert parse_qs(urlparse(page.url).query)["chi_bo"] == [HOSTILE.strip()]


def test_cell_details_are_shared_with_the_meeting_papers_page_and_the_plan_is_kept(page, site_url, topics):
    """The cell typed here comes back on chuan-bi/ (and its total stays there); the plan comes back without a
    link; "Xóa kế hoạch" forgets the plan, not the cell."""
    page.goto(site_url + "chuan-bi/")
    page.get_by_label("Tổng số đảng viên", exact=True).fill("18")
    page.goto(plan_url(site_url))
    for field_id, value in CELL.items():
        page.get_by_label(CELL_LABELS[field_id], exact=True).fill(value)
    choose(meeting(page, 1), topics["plan"][0].title)
    page.wait_for_function("localStorage.getItem('tl-ke-hoach') !== null")
    page.goto(site_url + "chuan-bi/")
    for field_id, value in CELL.items():
        expect(page.get_by_label(CELL_LABELS[field_id], exact=True)).to_have_value(value)
    expect(page.get_by_label("Tổng số đảng viên", exact=True)).to_have_value("18")
    page.goto(plan_url(site_url))
    expect(chooser(meeting(page, 1))).to_have_value(topics["plan"][0].title)
    page.get_by_role("button", name=STRINGS["clear_plan"], exact=True).click()
    expect(chooser(meeting(page, 1))).to_have_value("")
    expect(page.get_by_label(CELL_LABELS["chi_bo"], exact=True)).to_have_value(CELL["chi_bo"])
    assert page.evaluate("localStorage.getItem('tl-ke-hoach')") is None
    page.reload()
    expect(chooser(meeting(page, 1))).to_have_value("")


def test_meetings_are_added_and_removed_with_the_keyboard(page, site_url, topics):
    """Tab to the chooser, type and Enter; Enter on "add" makes a second meeting (focus in its chooser); Enter on
    "remove" takes it away; Tab reaches the Word button, Enter downloads."""
    page.goto(plan_url(site_url, [("nam", NAM)]))
    tab_to(page, "document.activeElement.getAttribute('role') === 'combobox'")
    page.keyboard.type(fold(topics["plan"][0].title))
    page.keyboard.press("Enter")
    expect(chooser(meeting(page, 1))).to_have_value(topics["plan"][0].title)
    date = meeting(page, 1).get_by_label(DATE, exact=True)
    tab_to(page, "document.activeElement.type === 'date'")
    page.keyboard.type("02202027")  # month, day, year into the browser's own date box (en-US)
    expect(date).to_have_value("2027-02-20")
    add = STRINGS["add_meeting"]
    tab_to(page, f"document.activeElement.textContent === {add!r}")
    page.keyboard.press("Enter")
    expect(chooser(meeting(page, 1, 2))).to_be_focused()
    limit = page.evaluate("TLData.plan.meetings_per_quarter")
    for _ in range(limit - 2):
        quarter(page, 1).get_by_role("button", name=add, exact=True).press("Enter")
    expect(quarter(page, 1).get_by_role("button", name=add, exact=True)).to_be_hidden()
    for k in range(limit, 1, -1):
        meeting(page, 1, k).get_by_role("button", name=STRINGS["remove_meeting"], exact=True).press("Enter")
    expect(meeting(page, 1, 2)).to_have_count(0)
    expect(meeting(page, 1).get_by_role("button", name=STRINGS["remove_meeting"], exact=True)).to_be_hidden()
    word = STRINGS["js_download_docx"]
    tab_to(page, f"document.activeElement.textContent === {word!r}", limit=200)
    with page.expect_download() as got:
        page.keyboard.press("Enter")
    assert got.value.suggested_filename == message(STRINGS["js_docx_name"], year=NAM)


def test_phone_width_has_no_sideways_scroll(browser, site_url, topics):
    """At 360 px the page does not scroll sideways: a full plan, a long name, the chooser's list and filters open."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(plan_url(site_url, full_plan(topics, chi_bo="Nà" * 300)))
        expect(chooser(meeting(page, 2, 2))).to_have_value(topics["plan"][2].title)
        meeting(page, 1).locator("summary").click()
        chooser(meeting(page, 1)).fill("d")
        for _ in range(2):
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
            page.mouse.wheel(0, 4000)
        sheet = page.locator("[data-tl-sheet]").bounding_box()
        assert sheet["x"] >= 0 and sheet["x"] + sheet["width"] <= 360
    finally:
        context.close()


def test_page_works_opened_from_a_file(page, built_site, topics):
    """Opened as file://…/ke-hoach/index.html?…: the paper is filled, the Word file is made, and each meeting links
    to chuan-bi/index.html (a folder opened from a file would show its listing)."""
    query = urlencode(full_plan(topics))
    page.goto(f"file://{built_site}/ke-hoach/index.html?{query}")
    assert "CHI BỘ THÔN NÀ KHOANG" in paper_text(page)
    _, data = download(page, STRINGS["js_download_docx"])
    assert "CHI BỘ THÔN NÀ KHOANG" in assert_word_file(data)
    href = meeting(page, 1).get_by_role("link", name=CATALOG.strings["prepare_this"], exact=True).get_attribute("href")
    assert href.startswith("../chuan-bi/index.html?")


def test_other_pages_load_nothing_of_the_plan_page(page, site_url, topics, site_server: StaticServer):
    """The home page, a topic page, a group page and chuan-bi/ fetch none of this page's scripts, styles or data."""
    page.goto(site_url + "chuan-bi/")
    href = page.evaluate("TLData.topics[0][5]")
    site_server.sent.clear()
    for url in (site_url, urljoin(site_url + "chuan-bi/", href), site_url + "chuyen-de/", site_url + "chuan-bi/"):
        page.goto(url, wait_until="networkidle")
    requested = [path for path, _ in site_server.sent]
    assert requested and not [path for path in requested if any(name in path for name in PLAN_FILES)], requested
