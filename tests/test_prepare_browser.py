"""'Chuẩn bị buổi sinh hoạt' (chuan-bi/) as a secretary uses it, in headless Chromium against the built site.

The topic is the first session script of the built site's own topic list, so the tests hold whatever topics the
library has. The expected words come from the page's data (the papers' models in window.TLData) and from
meeting_papers.yml, never from a copy of them here, except the controls' labels: other tools rely on those.
"""

from __future__ import annotations

import io
import json
import unicodedata
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlparse
from xml.etree import ElementTree

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn
from playwright.sync_api import expect
from pypdf import PdfReader
from static_server import StaticServer

from topiclib.data import load_catalog

pytestmark = pytest.mark.browser

PAGE = "chuan-bi/"
# The labels are a contract (issue 10): other tools find the controls by these exact words.
LABELS = {
    "chi_bo": "Tên chi bộ",
    "cap_tren": "Cấp ủy cấp trên trực tiếp",
    "dia_danh": "Địa danh",
    "ngay": "Ngày sinh hoạt",
    "gio": "Giờ bắt đầu",
    "dia_diem": "Địa điểm",
    "chu_tri": "Chủ trì",
    "trinh_bay": "Đảng viên trình bày dự thảo",
    "thu_ky": "Thư ký",
    "tong_so": "Tổng số đảng viên",
    "ket_hop": "Kết hợp sinh hoạt thường kỳ",
}
TOPIC_LABEL = "Chuyên đề"
CELL = {"chi_bo": "Chi bộ thôn Nà Khoang", "cap_tren": "Đảng ủy xã Tà Xùa", "dia_danh": "Tà Xùa", "tong_so": "18"}
MEETING = {
    "ngay": "2027-02-20",
    "gio": "07:45",
    "dia_diem": "Nhà văn hóa thôn",
    "chu_tri": "Lò Văn Pọm",
    "trinh_bay": "Hoàng Thị Nhung",
    "thu_ky": "Vàng A Chứ",
}
VALUES = {**CELL, **MEETING}
DATE_WRITTEN = "ngày 20 tháng 02 năm 2027"
DAY_BEFORE_WRITTEN = "ngày 19 tháng 02 năm 2027"
HOSTILE = "</script><img src=x onerror=alert(1)> \"Đảng\" 'ủy' & <b>" + "Nà Khoang " * 200
PAPERS_SHOWN = "document.querySelectorAll('[data-tl-output] .tl-paper .tl-doc').length === 5"
DOCX_BUTTON = "Tải bản Word (.docx)"
ZIP_BUTTON = "Tải cả năm giấy tờ (.zip)"
PAPER_FILES = ("chuan-bi/", "papers.js", "fflate", "form-kit.js", "prepare.js", "prepare.css")

CATALOG = load_catalog()[0]
PAPERS = CATALOG.meeting_papers
ERRORS = {field["id"]: field["error"] for field in PAPERS["fields"] if field.get("error")}
STRINGS = PAPERS["page"]
KIND_NAMES = {kind.id: kind.name for kind in CATALOG.kinds}
ATTENDANCE = next(paper["attendance_line"] for paper in PAPERS["papers"] if "attendance_line" in paper)


@pytest.fixture(scope="module")
def topic(browser, site_url) -> dict:
    """The first session script of the site's topic list, with its papers' models (window.TLData)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + PAGE)
    row = page.evaluate("TLData.topics.find((row) => row[2] === 'session')")
    page.goto(site_url + PAGE + "?" + urlencode({"cd": row[0]}))
    page.wait_for_function(PAPERS_SHOWN)
    data = page.evaluate("(slug) => TLData.papers[slug]", row[0])
    guide = page.evaluate("(slug) => (TLData.topics.find((row) => row[0] === slug) || [])[1]", data["guide"])
    context.close()
    return {"slug": row[0], "title": row[1], "href": row[5], "subject": guide or row[1], "data": data}


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 800}, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(context):
    """A tab that fails the test on a script error or on any dialog (alert() from injected markup)."""
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"error: {error}"))
    tab.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield tab
    assert not problems


def prepare_url(site_url: str, **params: str) -> str:
    return site_url + PAGE + ("?" + urlencode(params) if params else "")


def open_papers(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(PAPERS_SHOWN)


def control(page, field_id: str):
    return page.get_by_label(LABELS[field_id], exact=True)


def docs(topic: dict, combined: bool = False) -> list[dict]:
    return topic["data"]["papers"]["1" if combined else "0"]


def sections(page):
    return page.locator("[data-tl-output] .tl-paper")


def papers_text(page) -> str:
    # The papers are redrawn once typing pauses; the region is aria-busy until then.
    page.wait_for_function("!document.querySelector('[data-tl-output]').hasAttribute('aria-busy')")
    return nfc(page.locator("[data-tl-output]").inner_text())


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def flat(text: str) -> str:
    """Text with every run of white space as one space, for text that a page or a PDF wraps."""
    return " ".join(nfc(text).split())


def clock_offsets(doc: dict) -> list[int]:
    """The minutes after the start of every clock time a paper's model holds, in order of first use."""
    found: list[int] = []

    def walk(item: object) -> None:
        if isinstance(item, dict):
            if "clock" in item and item["clock"] not in found:
                found.append(item["clock"])
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(doc["blocks"])
    return found


def clock(start: str, offset: int) -> str:
    hours, minutes = (int(part) for part in start.split(":"))
    total = (hours * 60 + minutes + offset) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def pdf_pages(page) -> list[list[str]]:
    """The page printed to PDF (print media, A4), as the lines of text of each sheet."""
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    return [[line.strip() for line in nfc(sheet.extract_text()).splitlines() if line.strip()] for sheet in reader.pages]


def download(page, name: str, scope=None) -> tuple[str, bytes]:
    with page.expect_download() as info:
        (scope or page).get_by_role("button", name=name, exact=True).click()
    got = info.value
    return got.suggested_filename, Path(got.path()).read_bytes()


def word_text(data: bytes) -> str:
    """Every paragraph of a .docx (tables included), one a line."""
    body = WordDocument(io.BytesIO(data)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


def assert_word_file(data: bytes) -> str:
    """A valid .docx on A4 in Times New Roman, its text NFC; returns the text."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                ElementTree.fromstring(archive.read(name))  # well-formed XML, whatever was typed
    document = WordDocument(io.BytesIO(data))
    for section in document.sections:
        assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    fonts = {element.get(qn("w:ascii")) for element in document.styles.element.iter(qn("w:rFonts"))}
    fonts |= {element.get(qn("w:ascii")) for element in document.element.body.iter(qn("w:rFonts"))}
    assert fonts - {None} == {"Times New Roman"}
    text = word_text(data)
    assert unicodedata.is_normalized("NFC", text)
    return text


def test_url_fills_every_control_the_papers_and_the_deadline(page, site_url, topic):
    """/chuan-bi/?cd=…&chi_bo=… fills every labelled control and every paper; a reload gives the same."""
    url = prepare_url(site_url, cd=topic["slug"], ket_hop="1", **VALUES)
    open_papers(page, url)
    for _ in range(2):
        for field_id, value in VALUES.items():
            assert control(page, field_id).input_value() == value
        assert control(page, "ket_hop").is_checked()
        assert page.get_by_label(TOPIC_LABEL, exact=True).input_value() == topic["title"]
        assert page.get_by_role("combobox", name=TOPIC_LABEL, exact=True).count() == 1
        text = papers_text(page)
        assert "CHI BỘ THÔN NÀ KHOANG" in text and "ĐẢNG ỦY XÃ TÀ XÙA" in text
        assert DATE_WRITTEN in text and topic["subject"] in flat(text)
        for value in MEETING.values():
            assert value in text or value == MEETING["ngay"]
        names = sections(page).locator("h2").all_inner_texts()
        assert names == [doc["name"] for doc in docs(topic, combined=True)]
        missing = page.evaluate(
            "[...document.querySelectorAll('[aria-describedby], [aria-controls]')].flatMap((e) =>"
            " `${e.getAttribute('aria-describedby') || ''} ${e.getAttribute('aria-controls') || ''}`"
            ".split(' ').filter((id) => id && !document.getElementById(id)))"
        )
        assert missing == []
        deadline = page.locator("[data-tl-deadline]").inner_text()
        assert "Sổ tay đảng viên điện tử" in deadline and DAY_BEFORE_WRITTEN in deadline
        page.reload()
        page.wait_for_function(PAPERS_SHOWN)
    assert parse_qs(urlparse(page.url).query)["chi_bo"] == [VALUES["chi_bo"]]


def test_typing_fills_the_papers_and_the_address(page, site_url, topic):
    """Typed values reach the papers and the URL (NFC); "Kết hợp" follows the script until it is ticked."""
    page.goto(prepare_url(site_url))
    assert STRINGS["papers_intro"] in page.locator("[data-tl-output]").inner_text()
    choose_topic(page, topic)
    page.wait_for_function(PAPERS_SHOWN)
    assert control(page, "ket_hop").is_checked() == bool(topic["data"]["combined"])
    for field_id, value in VALUES.items():
        typed = unicodedata.normalize("NFD", value) if field_id == "thu_ky" else value
        control(page, field_id).fill(typed)
    control(page, "ket_hop").set_checked(not topic["data"]["combined"])
    text = papers_text(page)
    assert "CHI BỘ THÔN NÀ KHOANG" in text and VALUES["thu_ky"] in text and DATE_WRITTEN in text
    page.wait_for_function("new URLSearchParams(location.search).has('ket_hop')")  # once typing pauses
    query = parse_qs(urlparse(page.url).query)
    assert query["cd"] == [topic["slug"]]
    assert {key: query[key][0] for key in VALUES} == VALUES
    assert query["ket_hop"] == ["0" if topic["data"]["combined"] else "1"]
    names = sections(page).locator("h2").all_inner_texts()
    assert names == [doc["name"] for doc in docs(topic, combined=not topic["data"]["combined"])]


def choose_topic(page, topic: dict, query: str | None = None) -> None:
    """Type the topic's title without diacritics and pick it with the arrow keys and Enter."""
    box = page.get_by_label(TOPIC_LABEL, exact=True)
    box.press_sequentially(query or fold(topic["title"]))
    listbox = page.get_by_role("listbox")
    listbox.wait_for()
    titles = listbox.get_by_role("option").locator(".tl-combobox__title").all_inner_texts()
    assert topic["title"] in titles, titles
    for _ in range(titles.index(topic["title"])):
        box.press("ArrowDown")
    assert page.locator("[aria-selected=true] .tl-combobox__title").inner_text() == topic["title"]
    box.press("Enter")
    assert box.get_attribute("aria-expanded") == "false"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def test_chooser_finds_topics_with_or_without_diacritics_sessions_first(page, site_url, topic):
    """Every typed word is a prefix of a word of the title or keywords, however it is typed; sessions come first."""
    page.goto(prepare_url(site_url))
    box = page.get_by_label(TOPIC_LABEL, exact=True)
    words = topic["title"].split()[-4:]  # the end of a title tells it from the others
    spellings = [
        " ".join(words),
        fold(" ".join(words)),
        unicodedata.normalize("NFD", " ".join(words).upper()),
        " ".join(fold(word)[: max(1, len(word) - 1)] for word in words),
    ]
    for spelling in spellings:
        box.fill(spelling)
        titles = page.get_by_role("option").locator(".tl-combobox__title").all_inner_texts()
        assert topic["title"] in titles, spelling
    box.fill("")
    box.press("ArrowDown")  # the whole list
    kinds = page.get_by_role("option").locator(".tl-combobox__meta").all_inner_texts()
    names = [KIND_NAMES[kind] for kind in ("session", "guide")]
    order = [0 if meta.startswith(names[0]) else 1 for meta in kinds]
    assert order == sorted(order) and 0 in order and 1 in order
    box.press("Escape")
    assert page.get_by_role("listbox").is_hidden()
    box.fill("zzqx khong co")
    assert page.get_by_role("option").count() == 0
    assert "zzqx khong co" in page.locator("[data-tl-more]").inner_text()


def test_a_guide_gives_the_five_papers_and_an_unknown_topic_is_said(page, site_url):
    """A guide without a script of its own has its five papers too; a slug the library lacks is named."""
    page.goto(prepare_url(site_url))
    guide = page.evaluate("TLData.topics.find((row) => row[2] === 'guide')")
    open_papers(page, prepare_url(site_url, cd=guide[0], **CELL))
    assert "CHI BỘ THÔN NÀ KHOANG" in papers_text(page)
    assert page.get_by_label(TOPIC_LABEL, exact=True).input_value() == guide[1]
    page.goto(prepare_url(site_url, cd="khong-co-chuyen-de-nay"))
    said = page.locator("[data-tl-chosen]").inner_text()
    assert said == STRINGS["js_topic_unknown"].format(slug="khong-co-chuyen-de-nay")
    assert STRINGS["papers_intro"] in page.locator("[data-tl-output]").inner_text()


DRAFT_MARK = "(DỰ THẢO)"  # the draft has no document type line: its title line ends with this


def paper_mark(doc: dict) -> str:
    """The line that names a printed paper: its document type, or the draft's title mark."""
    return doc["doc_type"] or DRAFT_MARK


def marks_in(lines: list[str], marks: set[str]) -> set[str]:
    """The paper marks printed in these lines (a type is a line of its own; the draft's mark ends a line)."""
    return {mark for mark in marks for line in lines if line == mark or (mark == DRAFT_MARK and line.endswith(mark))}


def test_each_paper_prints_alone_and_all_print_one_after_another(page, site_url, topic):
    """A4 PDF of each paper alone (its print button), then of all five, each on its own sheet."""
    open_papers(page, prepare_url(site_url, cd=topic["slug"], ket_hop="0", **VALUES))
    page.evaluate(
        "window.__printed = []; window.print = () => window.__printed.push({body: document.body.className,"
        " targets: [...document.querySelectorAll('.tl-print-target')].map((s) => s.dataset.tlPaper)})"
    )
    models = docs(topic)
    types = {paper_mark(doc) for doc in models}
    for position, doc in enumerate(models):
        sections(page).nth(position).get_by_role("button", name=STRINGS["js_print_one"], exact=True).click()
        printed = page.evaluate("window.__printed.pop()")
        assert "tl-print-one" in printed["body"] and printed["targets"] == [doc["id"]]
        sheets = pdf_pages(page)
        lines = [line for sheet in sheets for line in sheet]
        text = flat(" ".join(lines))
        assert marks_in(lines, types) == {paper_mark(doc)}, doc["id"]
        assert "CHI BỘ THÔN NÀ KHOANG" in text, doc["id"]
        assert topic["subject"].casefold() in text.casefold(), doc["id"]  # the draft's title is in capitals
        offsets = clock_offsets(doc)
        for offset in offsets[:3]:
            assert clock(VALUES["gio"], offset) in text, (doc["id"], offset)
        if doc["id"] in ("kich-ban", "bien-ban"):
            assert len(offsets) > 1 and clock(VALUES["gio"], 0) == VALUES["gio"]
        assert len(sheets) <= 4
    page.get_by_role("button", name=STRINGS["js_print_all"], exact=True).click()
    assert page.evaluate("window.__printed.pop()")["targets"] == []
    sheets = pdf_pages(page)
    starts = [next(i for i, sheet in enumerate(sheets) if paper_mark(doc) in marks_in(sheet, types)) for doc in models]
    assert starts == sorted(set(starts)), starts
    for start, doc in zip(starts, models, strict=True):
        assert marks_in(sheets[start], types) == {paper_mark(doc)}
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".tl-print-target").count() == 0


def test_word_files_and_the_zip_hold_the_values(page, site_url, topic):
    """Each "Tải bản Word" gives a valid A4 Times New Roman .docx with the values; the .zip holds all five."""
    open_papers(page, prepare_url(site_url, cd=topic["slug"], ket_hop="0", **VALUES))
    texts = []
    for position, doc in enumerate(docs(topic)):
        name, data = download(page, DOCX_BUTTON, sections(page).nth(position))
        assert name == doc["file"] + ".docx"
        text = assert_word_file(data)
        assert "CHI BỘ THÔN NÀ KHOANG" in text and "ĐẢNG ỦY XÃ TÀ XÙA" in text, doc["id"]
        texts.append(text)
    assert clock(VALUES["gio"], 0) in texts[0] and topic["subject"] in flat(texts[0])
    everything = "\n".join(texts)
    for value in [*VALUES.values(), DATE_WRITTEN]:
        assert value in everything or value == VALUES["ngay"], value
    name, data = download(page, ZIP_BUTTON)
    assert name == STRINGS["js_zip_name"].format(slug=topic["slug"])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == [doc["file"] + ".docx" for doc in docs(topic)]
        for doc_name, text in zip(archive.namelist(), texts, strict=True):
            assert assert_word_file(archive.read(doc_name)) == text


def test_cell_details_are_remembered_and_the_clear_button_forgets_them(page, site_url, topic):
    """The cell's name, committee, place and total come back on the next visit; "Xóa" forgets them."""
    page.goto(prepare_url(site_url))
    for field_id, value in CELL.items():
        control(page, field_id).fill(value)
    control(page, "chu_tri").fill("Lò Văn Pọm")
    open_papers(page, prepare_url(site_url, cd=topic["slug"]))
    for field_id, value in CELL.items():
        assert control(page, field_id).input_value() == value
    assert control(page, "chu_tri").input_value() == ""
    query = parse_qs(urlparse(page.url).query)
    assert query["chi_bo"] == [CELL["chi_bo"]]  # the address holds them too, ready to be sent
    assert "CHI BỘ THÔN NÀ KHOANG" in papers_text(page)
    open_papers(page, prepare_url(site_url, cd=topic["slug"], chi_bo="Chi bộ khu phố 3"))
    assert control(page, "chi_bo").input_value() == "Chi bộ khu phố 3"  # the address comes first
    assert control(page, "cap_tren").input_value() == CELL["cap_tren"]
    page.get_by_role("button", name=STRINGS["forget"], exact=True).click()
    for field_id in CELL:
        assert control(page, field_id).input_value() == ""
    assert page.evaluate("localStorage.length") == 0
    assert STRINGS["js_forgotten"] in page.locator("[data-tl-forget-status]").inner_text()
    open_papers(page, prepare_url(site_url, cd=topic["slug"]))
    assert control(page, "cap_tren").input_value() == ""


def test_storage_that_throws_does_not_break_the_page(context, site_url, topic):
    """With localStorage refusing (privacy mode, file://), the form still fills the papers."""
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('no', 'SecurityError'); }});"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_papers(page, prepare_url(site_url, cd=topic["slug"]))
    control(page, "chi_bo").fill("Nà Khoang")
    page.get_by_role("button", name=STRINGS["forget"], exact=True).click()
    control(page, "chi_bo").fill("Nà Khoang")
    assert "CHI BỘ NÀ KHOANG" in papers_text(page) and not errors


def test_the_papers_say_they_are_busy_until_typing_pauses(page, site_url, topic):
    """While a redraw waits for typing to pause, the papers are aria-busy (screen readers wait for the new text)."""
    open_papers(page, prepare_url(site_url, cd=topic["slug"]))
    output = page.locator("[data-tl-output]")
    assert output.get_attribute("aria-busy") is None
    control(page, "chi_bo").press_sequentially("Nà", delay=10)
    assert output.get_attribute("aria-busy") == "true"
    assert "CHI BỘ NÀ" in papers_text(page)
    assert output.get_attribute("aria-busy") is None


def test_hostile_input_stays_text_on_the_page_and_in_the_word_file(page, site_url, topic):
    """Markup, quotes, "&" and 2,000 characters typed or linked stay text: no element, no dialog, valid XML."""
    open_papers(page, prepare_url(site_url, cd=topic["slug"], ket_hop="0", dia_diem=HOSTILE))
    control(page, "chi_bo").fill(HOSTILE)
    control(page, "chu_tri").fill(HOSTILE)
    text = papers_text(page)
    assert text.count(HOSTILE.strip()) >= 2 and text.count(HOSTILE.upper().strip()) >= 1
    assert page.evaluate("document.querySelectorAll('img[src=x], img[onerror], [data-tl-output] b').length") == 0
    assert control(page, "dia_diem").input_value() == HOSTILE
    page.wait_for_timeout(200)  # an injected onerror handler would have fired by now
    biên_bản = next(i for i, doc in enumerate(docs(topic)) if doc["id"] == "bien-ban")
    _, data = download(page, DOCX_BUTTON, sections(page).nth(biên_bản))
    text = assert_word_file(data)
    assert HOSTILE.strip() in text
    assert parse_qs(urlparse(page.url).query)["chi_bo"] == [HOSTILE]


@pytest.mark.parametrize("field_id", ["ngay", "gio", "tong_so"])
def test_wrong_date_time_or_total_is_explained_next_to_its_field(page, site_url, topic, field_id):
    """A date that is not a date, a time that is not HH:MM, a total that is not a positive whole number: the
    Vietnamese message, tied to the control for screen readers; blank on the papers; gone once it is right."""
    wrong = {"ngay": "2027-02-30", "gio": "25:61", "tong_so": "0"}[field_id]
    right = {"ngay": "2027-02-20", "gio": "07:45", "tong_so": "18"}[field_id]
    open_papers(page, prepare_url(site_url, cd=topic["slug"], **{field_id: wrong}))
    box = control(page, field_id)
    assert_invalid(page, box, field_id)
    assert box.input_value() == wrong  # kept in the box, so the user sees what to fix
    text = flat(papers_text(page))
    assert (wrong not in text or field_id == "tong_so") and attendance("0") not in text and attendance("") in text
    box.fill(right)
    assert_valid(box, field_id)
    if field_id == "tong_so":
        for typed in ("abc", "-3", "1.5"):
            box.fill(typed)
            box.blur()
            assert_invalid(page, box, field_id)
        box.fill("18")
        assert_valid(box, field_id)
        assert attendance("18") in flat(papers_text(page))
    if field_id == "ngay":
        assert DATE_WRITTEN in papers_text(page)
        assert DAY_BEFORE_WRITTEN in page.locator("[data-tl-deadline]").inner_text()


def attendance(total: str) -> str:
    """The script's attendance line with `total` members, or with its blank when `total` is empty."""
    blank = "…" * next(field["blank"] for field in PAPERS["fields"] if field["id"] == "tong_so")
    return ATTENDANCE.format(tong_so=total or blank)


def assert_invalid(page, box, field_id: str) -> None:
    expect(box).to_have_attribute("aria-invalid", "true")
    described = box.get_attribute("aria-describedby").split()
    messages = [page.locator(f"#{ident}").inner_text() for ident in described]
    assert ERRORS[field_id] in messages
    assert page.get_by_text(ERRORS[field_id], exact=True).is_visible()


def assert_valid(box, field_id: str) -> None:
    assert box.get_attribute("aria-invalid") is None
    described = (box.get_attribute("aria-describedby") or "").split()
    assert not [ident for ident in described if ident.endswith("-error")]
    assert box.page.get_by_text(ERRORS[field_id], exact=True).is_hidden()


def test_phone_width_has_no_sideways_scroll(browser, site_url, topic):
    """At 360 px the page does not scroll sideways, with the list open and with long words in the papers."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        open_papers(page, prepare_url(site_url, cd=topic["slug"], chi_bo="Nà" * 300, **MEETING))
        page.get_by_label(TOPIC_LABEL, exact=True).fill(fold(topic["title"]).split()[0])
        for _ in range(2):
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
            page.get_by_label(TOPIC_LABEL, exact=True).press("Escape")
            page.mouse.wheel(0, 3000)
        box = sections(page).first.locator(".tl-paper__sheet").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    finally:
        context.close()


def test_keyboard_alone_chooses_a_topic_and_downloads(page, site_url, topic):
    """Tab to the chooser, type, arrows and Enter; Tab on to the .zip and to a paper's Word button, Enter."""
    page.goto(prepare_url(site_url))
    tab_to(page, "document.activeElement.getAttribute('role') === 'combobox'")
    choose_topic(page, topic)
    page.wait_for_function(PAPERS_SHOWN)
    tab_to(page, f"document.activeElement.textContent === {json.dumps(ZIP_BUTTON)}")
    with page.expect_download() as zipped:
        page.keyboard.press("Enter")
    assert zipped.value.suggested_filename.endswith(".zip")
    tab_to(page, f"document.activeElement.textContent === {json.dumps(DOCX_BUTTON)}")
    with page.expect_download() as word:
        page.keyboard.press("Enter")
    assert word.value.suggested_filename == docs(topic, topic["data"]["combined"])[0]["file"] + ".docx"


def tab_to(page, condition: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return
    pytest.fail(f"Tab never reached: {condition}")


def test_page_works_opened_from_a_file(page, built_site, topic):
    """Opened as file://…/chuan-bi/index.html?cd=…, the page fills the papers and makes a Word file."""
    query = urlencode({"cd": topic["slug"], "ket_hop": "0", **CELL})
    open_papers(page, f"file://{built_site}/chuan-bi/index.html?{query}")
    assert "CHI BỘ THÔN NÀ KHOANG" in papers_text(page)
    _, data = download(page, DOCX_BUTTON, sections(page).first)
    assert "CHI BỘ THÔN NÀ KHOANG" in assert_word_file(data)


def test_other_pages_load_nothing_of_the_papers(page, site_url, topic, site_server: StaticServer):
    """The home page and a topic page fetch none of this page's scripts, styles or data."""
    topic_url = page_url_of(site_url, topic)
    site_server.sent.clear()
    for url in (site_url, topic_url, site_url + "chuyen-de/"):
        page.goto(url, wait_until="networkidle")
    requested = [path for path, _ in site_server.sent]
    assert requested and not [path for path in requested if any(name in path for name in PAPER_FILES)], requested


def page_url_of(site_url: str, topic: dict) -> str:
    """The topic's own page, from the chooser's row (its URL is relative to chuan-bi/)."""
    return urljoin(site_url + PAGE, topic["href"])
