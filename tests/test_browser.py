"""What a reader sees, in headless Chromium (Debian's chromium): navigation, printing (requests: test_requests.py)."""

from __future__ import annotations

import io
import unicodedata

import pytest
from pypdf import PdfReader

from helpers import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    yield tab
    context.close()


def _squeeze(text: str) -> str:
    """PDF text without whitespace, in NFC: the PDF text layer splits Vietnamese letters with spaces."""
    return unicodedata.normalize("NFC", "".join(text.split()))


def _a_topic_url(site_url: str) -> str:
    path = sorted((ROOT / "topics").glob("ho-chi-minh/*.md"))[0]
    return f"{site_url}chuyen-de/ho-chi-minh/{path.stem}/"


def test_reader_goes_from_home_to_a_topic_and_back_to_its_group(page, site_url):
    """Home → group card → topic card → breadcrumb back to the group, by clicking."""
    page.goto(site_url)
    page.click(".tl-card--group a[href='chuyen-de/ho-chi-minh/']")
    page.wait_for_url("**/chuyen-de/ho-chi-minh/")
    page.click(".tl-card__title a")
    assert page.locator("h1").inner_text()
    page.click(".tl-breadcrumb a >> nth=1")
    page.wait_for_url("**/chuyen-de/ho-chi-minh/")


def test_print_hides_site_chrome_and_uses_dark_text(page, site_url):
    """In print, header, sidebars, search and footer are hidden and headings are near-black."""
    page.goto(_a_topic_url(site_url))
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none", selector
    for selector in ("h1", "h2", "article p"):
        color = page.locator(selector).first.evaluate("e => getComputedStyle(e).color")
        red, green, blue = (int(part) for part in color[color.index("(") + 1 : color.index(")")].split(",")[:3])
        assert max(red, green, blue) <= 64, (selector, color)


def test_printed_topic_has_no_navigation_and_no_blank_last_page(page, site_url):
    """An A4 print of a topic contains the topic, not the site navigation, and ends without a blank page."""
    page.goto(_a_topic_url(site_url))
    title = page.locator("h1").inner_text()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    texts = [_squeeze(sheet.extract_text() or "") for sheet in pdf.pages]
    everything = "".join(texts)
    assert _squeeze(title) in everything
    assert _squeeze("Tìm kiếm") not in everything
    assert _squeeze("Loại hình chi bộ") not in texts[0].split(_squeeze(title))[0]
    assert texts[-1], "the last printed page is blank"


def test_short_page_prints_on_one_sheet(page, site_url):
    """A short page prints on exactly one A4 sheet (no trailing blank page)."""
    page.goto(f"{site_url}loai-chi-bo/")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1


def test_topic_page_fits_a_small_phone(page, site_url):
    """At 360 px wide nothing on a topic page scrolls sideways."""
    page.goto(_a_topic_url(site_url))
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def _session_urls(site_url: str) -> list[str]:
    paths = sorted((ROOT / "topics").glob("*/kich-ban-*.md"))
    assert len(paths) >= 6, "one model session script per topic group"
    return [f"{site_url}chuyen-de/{path.parent.name}/{path.stem}/" for path in paths]


def test_every_session_script_prints_on_at_most_two_a4_pages(page, site_url):
    """Each script prints in full on one or two A4 sheets, without the site's navigation or buttons."""
    for url in _session_urls(site_url):
        page.goto(url)
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
        sheets = [_squeeze(sheet.extract_text() or "") for sheet in pdf.pages]
        text = "".join(sheets)
        assert len(pdf.pages) <= 2, (url, len(pdf.pages))
        assert sheets[-1], (url, "blank last page")
        for chrome in ("Tìm kiếm", "Cách tổ chức", "Giới thiệu", "In kịch bản", "Giờ bắt đầu"):
            assert _squeeze(chrome) not in text, (url, chrome)
        for content in ("Chương trình buổi sinh hoạt", "Câu hỏi thảo luận", "Việc cần làm sau buổi sinh hoạt"):
            assert _squeeze(content) in text, (url, content)


def test_start_time_field_recomputes_the_agenda(page, site_url):
    """Typing a start time updates every clock time; the print button is shown only with JavaScript."""
    page.goto(_session_urls(site_url)[0])
    assert page.locator("[data-tl-print]").is_visible()
    page.fill("[data-tl-start]", "07:00")
    clocks = page.locator(".tl-doc .tl-clock")
    offsets = [int(value) for value in clocks.evaluate_all("cells => cells.map(c => c.dataset.clock)")]
    times = clocks.all_inner_texts()
    assert times[0] == "07:00"
    assert times[-1] == f"{7 + max(offsets) // 60:02d}:{max(offsets) % 60:02d}"
    assert page.locator('.tl-doc [data-field="gio"][data-as="hour"]').first.inner_text() == "07"


def test_session_without_javascript_shows_default_times_and_no_dead_controls(browser, site_url):
    """With JavaScript off the printed times are there and the controls stay hidden."""
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(_session_urls(site_url)[0])
    assert tab.locator(".tl-doc .tl-clock").first.inner_text()[:2].isdigit()
    assert not tab.locator("[data-tl-print]").is_visible()
    context.close()


def test_forms_print_in_party_format_without_site_chrome(page, site_url):
    """Each form prints as a Party document (Times, the header block) without navigation or buttons."""
    from topiclib.data import load_catalog

    catalog, _ = load_catalog()
    for form in catalog.forms:
        page.goto(f"{site_url}bieu-mau/{form['id']}/")
        page.emulate_media(media="print")
        font = page.locator(".tl-doc").evaluate("e => getComputedStyle(e).fontFamily")
        assert "Times New Roman" in font, font
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
        text = "".join(_squeeze(sheet.extract_text() or "") for sheet in pdf.pages)
        assert len(pdf.pages) <= 2, (form["id"], len(pdf.pages))
        assert _squeeze("ĐẢNG CỘNG SẢN VIỆT NAM") in text, form["id"]
        assert _squeeze(form.get("doc_type", "(DỰ THẢO)")) in text, form["id"]
        for chrome in ("Tìm kiếm", "Tải bản Word", "In biểu mẫu", "Cách tổ chức"):
            assert _squeeze(chrome) not in text, (form["id"], chrome)


def test_printed_script_holds_the_word_files_blocks_in_the_same_order(page, site_url, built_site):
    """The A4 print of a session page reads the blocks of its .docx one after the other, in the same order."""
    from docx import Document

    url = _session_urls(site_url)[0]
    slug = url.rstrip("/").rsplit("/", 1)[-1]
    word = Document(str(next(built_site.glob(f"chuyen-de/*/{slug}.docx"))))
    # Body paragraphs in order (headings, paragraphs, list items; tables are compared in test_papers.py).
    blocks = [_squeeze(p.text).lstrip("-☐") for p in word.paragraphs if _squeeze(p.text)]
    page.goto(url)
    sheets = PdfReader(io.BytesIO(page.pdf(format="A4"))).pages
    printed = "".join(_squeeze(sheet.extract_text() or "") for sheet in sheets)
    position = 0
    for block in blocks:
        found = printed.find(block[:40], position)
        assert found >= 0, (block[:60], printed[position : position + 200])
        position = found + len(block[:40])
