"""Search as a reader uses it, in headless Chromium against built sites served on 127.0.0.1."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qs, quote, urlparse

import pytest
from static_server import StaticServer, start

from helpers import ROOT, VALID_BODY, build, make_site, topic_text, write_topic
from topiclib.library import load_library
from topiclib.search import display_form, index_form, pair_tokens, phrase_words
from topiclib.search_pages import built_pages
from topiclib.text import fold

pytestmark = pytest.mark.browser

SEARCH = "tim-kiem/"
LIBRARY = "/chuyen-de/"
STATUS_DONE = "document.getElementById('search-status').textContent.includes('kết quả')"
QUERY_DONE = "(q) => document.getElementById('search-status').textContent.includes('“' + q.trim() + '”')"
FULL_TEXT_DONE = "/trang/.test(document.getElementById('search-fulltext-status').textContent)"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def old_tone_placement(text: str) -> str:
    """The other way of placing tones that people type: "hòa" → "hoà", "thủy" → "thuỷ" (open syllables)."""
    moved = re.sub(r"([oOuU])([\u0300\u0301\u0303\u0309\u0323])([aAeEyY])(?![\w\u0300-\u036f])", r"\1\3\2", nfd(text))
    return unicodedata.normalize("NFC", moved)


def spellings(query: str) -> list[str]:
    """A query as readers type it: with diacritics, without, decomposed (NFD), in capitals, old tone placement."""
    forms = [query, fold(query), nfd(query), query.upper(), old_tone_placement(query)]
    return list(dict.fromkeys(forms))


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
    """Open `url`, wait for the search to finish and return the result pages, best first (paths from the root)."""
    page.goto(url)
    return shown(page)


def shown(page, list_id: str = "search-results") -> list[str]:
    page.wait_for_function(STATUS_DONE)
    if list_id == "search-fulltext":
        page.wait_for_function(FULL_TEXT_DONE)
    hrefs = page.eval_on_selector_all(f"#{list_id} > li a.tl-result__title", "links => links.map(a => a.href)")
    root = page.evaluate("new URL(document.querySelector('[data-tl-root]').dataset.tlRoot, location.href).pathname")
    return [urlparse(href).path.removeprefix(root) for href in hrefs]


def slugs(paths: list[str]) -> list[str]:
    return [path.rstrip("/").rsplit("/", 1)[-1] for path in paths]


def search_url(site_url: str, query: str = "", **facets: str) -> str:
    params = [f"q={quote(query)}"] if query else []
    params += [f"{name}={quote(value)}" for name, value in facets.items()]
    return site_url + SEARCH + "?" + "&".join(params)


@pytest.fixture(scope="module")
def library():
    result = load_library(ROOT)
    assert result.library is not None
    return result.library


# The page that must come first for a query of two or more syllables, at least one per kind of page: a path for
# the site's own pages, (kind, words its title holds) for topics, which are looked up when the test runs.
PLAN = "plan"
QUERY_TABLE = [
    ("biên bản", "bieu-mau/bien-ban-sinh-hoat-chuyen-de/"),
    ("thông báo kết luận", "bieu-mau/thong-bao-ket-luan/"),
    ("kế hoạch năm", PLAN),
    ("chuẩn bị buổi sinh hoạt", "chuan-bi/"),
    ("thuật ngữ", "huong-dan/thuat-ngu/"),
    ("chọn chủ đề", "huong-dan/chon-chuyen-de/"),
    ("tập trung dân chủ", ("guide", "tap trung dan chu")),
    ("chuyển đổi số", ("guide", "chuyen doi so")),
    ("kịch bản hòa giải", ("session", "hoa giai")),
]


def wanted_pages(expected: str | tuple[str, str], library, has_plan: bool) -> set[str]:
    """The pages a QUERY_TABLE row accepts first, as paths from the site root (the test is skipped when the
    library has no topic of the row's kind and words)."""
    if expected == PLAN:  # the plan page if the site has it, else the how-to page on the year's plan or the form
        return {"ke-hoach/"} if has_plan else {"huong-dan/ke-hoach-nam/", "bieu-mau/ke-hoach-sinh-hoat-chuyen-de-nam/"}
    if isinstance(expected, tuple):
        kind, words = expected
        wanted = {f"chuyen-de/{t.group}/{t.slug}/" for t in library.topics if t.kind == kind and words in fold(t.title)}
        if not wanted:
            pytest.skip(f"no {kind} titled with “{words}” in the library")
        return wanted
    return {expected}


@pytest.mark.parametrize(("query", "expected"), QUERY_TABLE, ids=[query for query, _ in QUERY_TABLE])
def test_query_table_puts_the_page_first_in_every_spelling(page, site_url, built_site, library, query, expected):
    """The first spelling comes in the page's address, the others are typed into its box as a reader would."""
    wanted = wanted_pages(expected, library, (built_site / "ke-hoach" / "index.html").exists())
    first, *others = spellings(query)
    found = results(page, search_url(site_url, first))
    assert found and found[0] in wanted, (first, found[:3])
    for spelling in others:
        page.fill("#tl-search-input", spelling)
        page.press("#tl-search-input", "Enter")
        page.wait_for_function(QUERY_DONE, arg=spelling)
        found = shown(page)
        assert found and found[0] in wanted, (spelling, found[:3])


@pytest.mark.parametrize(
    "spellings_of_one_query",
    [
        ("hòa giải", "hoà giải", nfd("hoà giải"), "Hòa Giải"),
        ("chi ủy", "chi uỷ", nfd("chi uỷ")),
        ("đảng viên trẻ", "Đảng viên trẻ", nfd("Đảng viên trẻ"), "dang vien tre"),
    ],
)
def test_spellings_of_the_same_words_give_the_same_results(page, site_url, spellings_of_one_query):
    lists = [results(page, search_url(site_url, spelling)) for spelling in spellings_of_one_query]
    assert lists[0] and all(found == lists[0] for found in lists)


def test_every_query_word_must_match(page, site_url):
    both = results(page, search_url(site_url, "hòa giải"))
    page.goto(search_url(site_url, "hòa giải tàu vũ trụ"))
    page.wait_for_function("document.getElementById('search-status').textContent.startsWith('0 kết quả')")
    assert both and page.locator("#search-results a.tl-result__title").count() == 0


def test_query_is_spelt_and_split_like_the_index(page, site_url):
    """search.js and hooks/topiclib/search.py write words and pairs the same way (tone, "đ", NFC, punctuation)."""
    words = ["Đảng viên", nfd("Hoà giải"), "THUỶ LỢI", "quý", "hoàn thành", "Khoẻ", "đoàn kết"]
    phrases = ["Nhân dân, chủ động", nfd("Hoà giải ở cơ sở"), "(xem Nghị quyết 57-NQ/TW)", "“Tự diễn biến”, Đảng"]
    page.goto(site_url + SEARCH)
    spelt = page.evaluate(
        "async ([words, phrases]) => { const m = await import('../assets/javascripts/search.js');"
        " return [words.map(m.indexForm), words.map((w) => m.displayForm(m.indexForm(w))), phrases.map(m.phraseWords),"
        " phrases.map((p) => m.wordPairs(p).map((pair) => m.pairToken(pair)))]; }",
        [words, phrases],
    )
    assert spelt[0] == [index_form(word) for word in words]
    assert spelt[1] == [display_form(index_form(word)) for word in words]
    assert spelt[2] == [phrase_words(phrase) for phrase in phrases]
    assert spelt[3] == [list(dict.fromkeys(pair_tokens(phrase))) for phrase in phrases]


# A small site where the words of a query stand together on some pages and apart on pages with stronger titles.
DESCRIPTION = "Gợi ý để chi bộ bàn cách đảng viên làm gương trong việc chung, {} hằng ngày."


@pytest.fixture(scope="module")
def ranking_site(tmp_path_factory):
    """Built once, served for the module: (base URL, server)."""
    root = make_site(tmp_path_factory.mktemp("ranking"))
    topics = {
        "dan-van": ("Dân vận khéo, làm chủ việc làng", "vận động bà con"),
        "phat-huy": ("Chi bộ bàn việc chung của thôn", "phát huy dân chủ ở cơ sở khi bàn việc của thôn"),
        "thuc-hanh-dan-chu": ("Thực hành dân chủ trong chi bộ", "nói thẳng, nói thật trong họp"),
        "nhan-dan": ("Nhân dân, chủ thể của mọi việc ở thôn", "lắng nghe bà con"),
        "chuyen-doi-so": ("Chi bộ cơ quan và việc làm mới", "lãnh đạo chuyển đổi số ở cơ quan"),
        "chuyen-huong": ("Chuyển hướng làm việc, đổi mới cách nghĩ về số liệu", "rà soát cách làm"),
        "dang-bai": ("Dạng bài tập thực hành", "làm bài tập"),
        "dang-vien-thuc-hanh": ("Đảng viên thực hành", "thực hành ở xóm"),
        "khuyen-nong": ("Khuyến nông ở thôn bản", "giúp bà con làm ăn"),
    }
    for slug, (title, words) in topics.items():
        write_topic(root, slug, text=topic_text(title=title, description=DESCRIPTION.format(words)))
    write_topic(root, "neu-guong-ban", title="Nêu gương ở bản", tags="[khuyến nông]")
    well = VALID_BODY + "Chi bộ lập nhóm Zalo để nhắc bà con lịch nạo vét giếng làng.\n"
    description = DESCRIPTION.format("giữ sạch nguồn nước")
    write_topic(root, "nhom-zalo", text=topic_text(title="Giữ sạch nguồn nước", description=description, body=well))
    write_topic(root, "tieu-de-la", title='Chi bộ <img src=x onerror="window.pwned=1"> & "nhân dân"')
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    base, server = start(root / "site")
    yield base, server
    server.shutdown()


@pytest.mark.parametrize("query", spellings("dân chủ"))
def test_words_standing_together_rank_above_words_apart(page, ranking_site, query):
    found = slugs(results(page, search_url(ranking_site[0], query)))
    # Together in the title, then together in the description; apart (or across a comma) after, not left out.
    assert found[:2] == ["thuc-hanh-dan-chu", "phat-huy"]
    assert set(found[2:]) >= {"dan-van", "nhan-dan"}


def test_three_words_together_rank_above_a_stronger_title_that_has_them_apart(page, ranking_site):
    for query in spellings("chuyển đổi số"):
        assert slugs(results(page, search_url(ranking_site[0], query)))[:2] == ["chuyen-doi-so", "chuyen-huong"]


def test_exact_diacritics_rank_above_folded_matches_and_titles_above_tags(page, ranking_site):
    base = ranking_site[0]
    assert slugs(results(page, search_url(base, "dạng")))[0] == "dang-bai"
    assert slugs(results(page, search_url(base, "đảng viên thực hành")))[0] == "dang-vien-thuc-hanh"
    assert set(slugs(results(page, search_url(base, "dang")))[:2]) == {"dang-bai", "dang-vien-thuc-hanh"}
    assert slugs(results(page, search_url(base, "khuyen nong"))) == ["khuyen-nong", "neu-guong-ban"]


def test_typed_and_stored_markup_stays_text(page, ranking_site):
    base = ranking_site[0]
    assert slugs(results(page, search_url(base, "nhân dân img"))) == ["tieu-de-la"]
    assert (
        page.locator("a.tl-result__title").first.inner_text()
        == 'Chi bộ <img src=x onerror="window.pwned=1"> & "nhân dân"'
    )
    query = '<img src=x onerror="window.pwned=1"> đảng'
    page.goto(search_url(base, query))
    page.wait_for_function(STATUS_DONE)
    assert page.evaluate("window.pwned") is None
    assert page.locator("#search-results img, #search-fulltext img").count() == 0
    assert query in page.inner_text("#search-status")


def test_full_text_comes_in_when_titles_find_too_few(page, ranking_site):
    base, server = ranking_site
    server.sent.clear()
    page.goto(search_url(base, "nhóm Zalo"))  # a name no title, description or keyword holds
    full = slugs(shown(page, "search-fulltext"))
    assert page.inner_text("#search-status").startswith("0 kết quả")
    assert full == ["nhom-zalo"]
    item = page.locator("#search-fulltext > li").first
    assert item.locator(".tl-result__excerpt mark").all_inner_texts() == ["nhóm", "Zalo"]
    assert "Gợi ý chuyên đề" in item.locator(".tl-result__meta").inner_text()
    assert "\u1e0f" not in page.inner_text("#search-fulltext")
    # The full text has no engine of its own: the short index's one searches it.
    fetched = [path for path, _ in server.sent if "pagefind" in path]
    assert not [path for path in fetched if "toan-van" in path and "pagefind.js" in path]
    assert any("pagefind-toan-van/index/" in path for path in fetched)


def test_full_text_on_request(page, ranking_site):
    base, server = ranking_site
    server.sent.clear()
    page.goto(search_url(base, "dân chủ"))
    shown(page)
    ask = page.get_by_role("button", name="Tìm trong toàn bộ nội dung")
    assert ask.is_visible() and page.locator("[data-tl-fulltext-section]").is_hidden()
    page.wait_for_load_state("networkidle")
    assert not [path for path, _ in server.sent if "pagefind-toan-van" in path]  # not fetched before it is wanted
    ask.click()
    full = slugs(shown(page, "search-fulltext"))
    assert full[:2] == ["thuc-hanh-dan-chu", "phat-huy"]
    assert page.evaluate("document.activeElement.closest('#search-fulltext') !== null")
    excerpt = page.locator("#search-fulltext > li").nth(1).locator(".tl-result__excerpt")
    assert "phát huy dân chủ" in excerpt.inner_text() and excerpt.locator("mark").count() >= 2


def test_kind_facet_tells_the_sites_own_pages_apart(page, site_url, built_site, library):
    pages = built_pages(built_site)
    forms = {p.url for p in pages if p.kind == "form"}
    assert set(results(page, search_url(site_url, "", kind="form"))) == forms
    assert set(page.locator("#search-results .tl-badge").all_inner_texts()) == {"Biểu mẫu"}
    found = results(page, search_url(site_url, "sinh hoạt", kind="howto"))
    assert found and all(path.startswith(("huong-dan/", "gioi-thieu")) for path in found)
    page.goto(site_url + SEARCH)
    page.click("[data-tl-facets] summary")  # the totals of the site's own pages come from the index
    for kind in ("form", "howto", "tool"):
        count = page.locator(f"input[name=kind][value={kind}] ~ [data-tl-count]")
        expected = str(sum(1 for p in pages if p.kind == kind))
        page.wait_for_function("([el, n]) => el.textContent === n", arg=[count.element_handle(), expected])


def test_facets_combine_show_counts_and_live_in_the_url(page, site_url, library):
    group = library.catalog.group_by_id["loai-hinh-chi-bo"].short
    found = results(page, search_url(site_url, "", group="loai-hinh-chi-bo", kind="session"))
    sessions = {
        f"chuyen-de/{t.group}/{t.slug}/" for t in library.topics if (t.group, t.kind) == ("loai-hinh-chi-bo", "session")
    }
    assert set(found) == sessions or (len(found) == 10 and set(found) <= sessions)
    assert page.locator("[data-tl-facets]").get_attribute("open") is not None
    assert all(group in text for text in page.locator("#search-results .tl-result__meta").all_inner_texts())
    page.goto(search_url(site_url, "đoàn kết"))
    before = len(shown(page))
    page.click("[data-tl-facets] summary")  # closed by default, as on a phone
    page.locator("input[name=group][value=xay-dung-dang]").check()
    page.wait_for_function(f"document.querySelectorAll('#search-results > li').length < {before}")
    found = shown(page)
    assert found and all(path.startswith("chuyen-de/xay-dung-dang/") for path in found)
    count = page.locator("input[name=group][value=xay-dung-dang] ~ [data-tl-count]").inner_text()
    assert count == str(len(found))
    # A facet's counts ignore its own choice: what ticking another group would add.
    other = page.locator("input[name=group][value=ho-chi-minh] ~ [data-tl-count]").inner_text()
    assert int(other) >= 1
    query = parse_qs(urlparse(page.url).query)
    assert query == {"q": ["đoàn kết"], "group": ["xay-dung-dang"]}
    # The shared URL opens on the same results.
    assert results(page, page.url) == found


def test_results_show_why_they_matched_with_real_diacritics(page, site_url):
    results(page, search_url(site_url, "ke hoach nam"))
    item = page.locator("#search-results > li").first
    assert item.locator("a.tl-result__title mark").all_inner_texts() == ["kế", "hoạch", "năm"]
    assert item.locator(".tl-badge").inner_text()
    assert "\u1e0f" not in page.inner_text("#search-results")
    results(page, search_url(site_url, "biên bản"))
    glossary = page.locator("#search-results > li", has=page.locator("a[href$='thuat-ngu/']"))
    sections = glossary.locator(".tl-result__tags")
    assert sections.inner_text().startswith("Mục: ") and "Biên bản" in sections.inner_text()
    assert "Biên" in sections.locator("mark").all_inner_texts()
    first = page.locator("#search-results > li").first
    assert {"Biên", "bản"} <= set(first.locator(".tl-result__excerpt mark").all_inner_texts())


def test_no_result_gives_a_helpful_message(page, site_url):
    page.goto(search_url(site_url, "qqzx vvkk"))
    page.wait_for_function("document.getElementById('search-status').textContent.startsWith('0 kết quả')")
    help_text = page.locator("#search-results").inner_text()
    assert "Bỏ bớt từ" in help_text and "bộ lọc" in help_text
    assert page.locator("#search-results a").get_attribute("href").endswith(LIBRARY)
    page.wait_for_function(FULL_TEXT_DONE)  # the full text is searched too, and says so
    assert page.inner_text("#search-fulltext-status") == "Không có trang nào mang đủ các từ này trong nội dung."


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
    page.wait_for_url(f"**/{first}")


def test_search_page_fits_a_small_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(search_url(site_url, "máy bay trực thăng"))  # few results: the full text shows too
        shown(page, "search-fulltext")
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


def test_budget_script_measures_the_built_site(browser, built_site):
    """scripts/search_budget.py on the real site: what a first search fetches, the full text asked for, nothing
    for a topic page."""
    from search_budget import measure

    report = measure(built_site, "dang vien", throttle=1, browser=browser)
    assert report["results"] > 0
    assert 0 < report["search_bytes"] < 150_000
    assert any("wasm" in path for path in report["search_files"])
    assert not any("toan-van" in path for path in report["search_files"])
    assert report["full_text_on_request"]["full_text_bytes"] > 0
    assert report["full_text_on_request"]["full_text_results"] > 0
    assert report["topic_page_search_requests"] == 0
