"""What a reader sees, in real headless Chromium (Debian's chromium): requests, navigation, printing."""

from __future__ import annotations

import io
import shutil
import unicodedata
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from pypdf import PdfReader

from helpers import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM):
        pytest.fail("Debian's chromium is required for browser tests: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


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


def test_pages_request_nothing_from_other_hosts(page, site_url):
    """Home, a group page and a topic page load every resource from the site itself."""
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname or request.url.split(":")[0]))
    for url in (site_url, f"{site_url}chuyen-de/ho-chi-minh/", _a_topic_url(site_url)):
        page.goto(url, wait_until="networkidle")
    assert hosts <= {"127.0.0.1", "data", "blob"}, hosts


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
