"""Search as a reader uses it, in headless Chromium against the built site served on 127.0.0.1."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest
from static_server import StaticServer, start

from helpers import build, make_site, topic_text, write_topic

pytestmark = pytest.mark.browser

SEARCH = "tim-kiem/"
LIBRARY = "/chuyen-de/"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors


def results(page, url: str) -> list[str]:
    """Open `url`, wait for the search to finish and return the slugs of the result links, best first."""
    page.goto(url)
    return shown(page)


def shown(page) -> list[str]:
    page.wait_for_function("document.getElementById('search-status').textContent.includes('kết quả')")
    page.wait_for_function("document.querySelectorAll('#search-results > li').length > 0")
    hrefs = page.eval_on_selector_all("#search-results > li a.tl-result__title", "links => links.map(a => a.href)")
    return [urlparse(href).path.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]


def search_url(site_url: str, query: str = "", **facets: str) -> str:
    params = [f"q={quote(query)}"] if query else []
    params += [f"{name}={quote(value)}" for name, value in facets.items()]
    return site_url + SEARCH + "?" + "&".join(params)


# (query, the topic that must come first): with and without marks, "đ" words, NFD, two and more words.
TOP_RESULTS = [
    ("phát triển đảng viên", "tao-nguon-boi-duong-quan-chung-uu-tu-phat-trien-dang-vien"),
    ("phat trien dang vien", "tao-nguon-boi-duong-quan-chung-uu-tu-phat-trien-dang-vien"),
    (nfd("Phát triển Đảng viên"), "tao-nguon-boi-duong-quan-chung-uu-tu-phat-trien-dang-vien"),
    ("PHÁT TRIỂN ĐẢNG VIÊN", "tao-nguon-boi-duong-quan-chung-uu-tu-phat-trien-dang-vien"),
    ("đền ơn đáp nghĩa", "uong-nuoc-nho-nguon-chi-bo-voi-cong-tac-den-on-dap-nghia"),
    ("den on dap nghia", "uong-nuoc-nho-nguon-chi-bo-voi-cong-tac-den-on-dap-nghia"),
    ("đạo đức lối sống mạng xã hội", "giu-gin-dao-duc-loi-song-cua-dang-vien-tren-mang-xa-hoi"),
    ("dao duc loi song mang xa hoi", "giu-gin-dao-duc-loi-song-cua-dang-vien-tren-mang-xa-hoi"),
    ("sổ tay điện tử", "su-dung-so-tay-dang-vien-dien-tu-theo-quy-dinh-339-qd-tw"),
    ("so tay dien tu", "su-dung-so-tay-dang-vien-dien-tu-theo-quy-dinh-339-qd-tw"),
    ("hòa giải", "chi-bo-lanh-dao-xay-dung-khu-dan-cu-doan-ket-van-minh"),
    ("hoà giải", "chi-bo-lanh-dao-xay-dung-khu-dan-cu-doan-ket-van-minh"),
    ("hoa giai", "chi-bo-lanh-dao-xay-dung-khu-dan-cu-doan-ket-van-minh"),
    ("y đức", "chi-bo-lanh-dao-giu-gin-y-duc-tan-tinh-phuc-vu-nguoi-benh"),
]


@pytest.mark.parametrize(("query", "first"), TOP_RESULTS)
def test_query_finds_the_right_topic_first(page, site_url, query, first):
    assert results(page, search_url(site_url, query))[0] == first


@pytest.mark.parametrize(
    "spellings",
    [
        ("hòa giải", "hoà giải", nfd("hoà giải"), "Hòa Giải"),
        ("chi ủy", "chi uỷ", nfd("chi uỷ")),
        ("đảng viên trẻ", "Đảng viên trẻ", nfd("Đảng viên trẻ")),
    ],
)
def test_spellings_of_the_same_words_give_the_same_results(page, site_url, spellings):
    lists = [results(page, search_url(site_url, spelling)) for spelling in spellings]
    assert lists[0] and all(found == lists[0] for found in lists)


def test_every_query_word_must_match(page, site_url):
    both = results(page, search_url(site_url, "hòa giải"))
    page.goto(search_url(site_url, "hòa giải tàu vũ trụ"))
    page.wait_for_function("document.getElementById('search-status').textContent.startsWith('0 kết quả')")
    assert both and page.locator("#search-results a.tl-result__title").count() == 0


def test_results_show_title_group_and_highlighted_excerpt_with_real_diacritics(page, site_url):
    results(page, search_url(site_url, "dang vien tre"))
    item = page.locator("#search-results > li", has_text="Giáo dục truyền thống cho đảng viên trẻ")
    title = "Giáo dục truyền thống cho đảng viên trẻ, đoàn viên thanh niên"
    assert item.locator("a.tl-result__title").inner_text() == title
    assert item.locator("a.tl-result__title mark").all_inner_texts() == ["đảng", "viên", "trẻ", "viên"]
    assert "Lịch sử, truyền thống cách mạng" in item.locator(".tl-result__meta").inner_text()
    assert "đảng" in [mark.lower() for mark in item.locator(".tl-result__excerpt mark").all_inner_texts()]
    text = page.locator("#search-results").inner_text()
    assert "\u0335" not in text and "Đảng viên" in text


def test_query_is_spelt_like_the_index(page, site_url):
    """search.js and hooks/topiclib/search.py write words the same way (tone placement, "đ", case, NFC)."""
    from topiclib.search import index_form

    words = ["Đảng viên", nfd("Hoà giải"), "THUỶ LỢI", "quý", "hoàn thành", "Khoẻ", "đoàn kết"]
    page.goto(site_url + SEARCH)
    spelt = page.evaluate(
        "async (words) => { const m = await import('../assets/javascripts/search.js');"
        " return words.map(m.indexForm); }",
        words,
    )
    assert spelt == [index_form(word).lower() for word in words]


def test_exact_diacritics_rank_above_folded_matches_and_titles_above_tags(browser, tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("ranking"))
    description = "Gợi ý để chi bộ bàn cách làm gương trong việc làng, việc xóm hằng ngày."
    write_topic(root, "dang-bai", text=topic_text(title="Dạng bài tập thực hành", description=description))
    write_topic(root, "dang-vien-thuc-hanh", text=topic_text(title="Đảng viên thực hành", description=description))
    write_topic(root, "khuyen-nong", text=topic_text(title="Khuyến nông ở thôn bản"))
    write_topic(root, "neu-guong-ban", text=topic_text(title="Nêu gương ở bản", tags="[khuyến nông]"))
    hostile = 'Chi bộ <img src=x onerror="window.pwned=1"> & "nhân dân"'
    write_topic(root, "tieu-de-la", text=topic_text(title=hostile))
    assert build(root).returncode == 0
    with _served(root / "site") as base:
        context = browser.new_context()
        page = context.new_page()
        try:
            assert results(page, search_url(base, "dạng"))[0] == "dang-bai"
            assert results(page, search_url(base, "đảng"))[0] == "dang-vien-thuc-hanh"
            assert set(results(page, search_url(base, "dang"))[:2]) == {"dang-bai", "dang-vien-thuc-hanh"}
            assert results(page, search_url(base, "khuyen nong")) == ["khuyen-nong", "neu-guong-ban"]
            assert results(page, search_url(base, "nhân dân img")) == ["tieu-de-la"]
            assert page.locator("a.tl-result__title").inner_text() == hostile
            assert page.evaluate("window.pwned") is None
        finally:
            context.close()


def test_facets_combine_show_counts_and_live_in_the_url(page, site_url):
    found = results(page, search_url(site_url, "", group="loai-hinh-chi-bo", kind="session"))
    assert found == ["kich-ban-khu-dan-cu-doan-ket-van-minh"]
    assert page.locator("[data-tl-facets]").get_attribute("open") is not None
    page.goto(search_url(site_url, "đoàn kết"))
    shown(page)
    before = page.locator("#search-results > li").count()
    page.click("[data-tl-facets] summary")  # closed by default, as on a phone
    page.locator("input[name=group][value=xay-dung-dang]").check()
    page.wait_for_function(f"document.querySelectorAll('#search-results > li').length < {before}")
    found = shown(page)
    assert set(found) == {"nang-cao-chat-luong-tu-phe-binh-va-phe-binh", "kich-ban-tu-phe-binh-va-phe-binh"}
    count = page.locator("input[name=group][value=xay-dung-dang] ~ [data-tl-count]").inner_text()
    assert count == "2"
    # A facet's counts ignore its own choice: what ticking another group would add.
    other = page.locator("input[name=group][value=ho-chi-minh] ~ [data-tl-count]").inner_text()
    assert int(other) >= 1
    query = parse_qs(urlparse(page.url).query)
    assert query == {"q": ["đoàn kết"], "group": ["xay-dung-dang"]}
    # The shared URL opens on the same results.
    assert results(page, page.url) == found


def test_no_result_gives_a_helpful_message(page, site_url):
    page.goto(search_url(site_url, "máy bay trực thăng"))
    page.wait_for_function("document.getElementById('search-status').textContent.startsWith('0 kết quả')")
    help_text = page.locator("#search-results").inner_text()
    assert "Bỏ bớt từ" in help_text and "bộ lọc" in help_text
    assert page.locator("#search-results a").get_attribute("href").endswith(LIBRARY)


def test_header_box_leads_to_the_same_results(page, site_url):
    direct = results(page, search_url(site_url, "nêu gương"))
    page.goto(site_url + "huong-dan/")
    page.fill("#tl-header-q", "nêu gương")
    page.press("#tl-header-q", "Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    assert shown(page) == direct
    assert page.input_value("#tl-search-input") == "nêu gương"


def test_keyboard_alone_searches_and_opens_a_result(page, site_url):
    page.goto(site_url + SEARCH)
    assert page.evaluate("document.activeElement.id") == "tl-search-input"
    page.keyboard.type("so tay dang vien")
    first = shown(page)[0]
    assert page.get_attribute("#search-status", "aria-live") == "polite"
    assert "kết quả cho “so tay dang vien”" in page.inner_text("#search-status")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('tl-result__title')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{first}/")


def test_search_page_fits_a_small_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        results(page, search_url(site_url, "dang vien"))
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert page.locator(".tl-header-search__button").is_visible()
        box = page.locator("#tl-search-input").bounding_box()
        assert box is not None and box["width"] > 200
    finally:
        context.close()


def test_pages_that_are_not_searched_load_no_index(page, site_url, site_server: StaticServer):
    site_server.sent.clear()
    for path in ("", "chuyen-de/ho-chi-minh/noi-di-doi-voi-lam-theo-phong-cach-ho-chi-minh/", "huong-dan/"):
        page.goto(site_url + path, wait_until="networkidle")
    requested = [path for path, _ in site_server.sent]
    assert requested and not [p for p in requested if "pagefind" in p or "search" in p], requested


def test_search_page_without_javascript_points_to_the_browse_pages(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(search_url(site_url, "dang vien"))
        assert page.locator("noscript").count() == 1
        html = page.content()
        assert "Tìm kiếm cần bật JavaScript" in html
    finally:
        context.close()


@contextmanager
def _served(site: Path) -> Iterator[str]:
    """Serve a folder for the duration of a `with` block; yield its base URL."""
    url, server = start(site)
    try:
        yield url
    finally:
        server.shutdown()


def test_typed_markup_stays_text(page, site_url):
    query = '<img src=x onerror="window.pwned=1"> đảng'
    page.goto(search_url(site_url, query))
    page.wait_for_function("document.getElementById('search-status').textContent.includes('kết quả')")
    assert page.evaluate("window.pwned") is None
    assert page.locator("#search-results img").count() == 0
    assert query in page.inner_text("#search-status")


def test_budget_script_measures_the_built_site(browser, built_site):
    """scripts/search_budget.py on the real site: what a first search fetches, and nothing for a topic page."""
    from search_budget import measure

    report = measure(built_site, "dang vien", throttle=1, browser=browser)
    assert report["results"] > 0
    assert 0 < report["search_bytes"] < 150_000
    assert any("wasm" in path for path in report["search_files"])
    assert report["topic_page_search_requests"] == 0
