"""What a page loads first: a guide at most 0.8 of a stock Material page of the same Markdown, no script it does not
use; the search page's early loads point to files that exist."""

from __future__ import annotations

import re

import page_weight
import pytest


@pytest.fixture(scope="module")
def weights(built_site, browser, tmp_path_factory):
    """The first guide of the built site and its stock Material twin, loaded side by side (scripts/page_weight.py)."""
    return page_weight.compare(built_site, tmp_path_factory.mktemp("weight"), browser)


@pytest.mark.browser
def test_guide_page_first_load_is_at_most_0_8_of_stock_material(weights):
    """HTML, CSS, JS, fonts, images as served with gzip: the library's guide page weighs at most 0.8 of stock's."""
    assert weights["ours"]["bytes"] <= page_weight.BUDGET * weights["stock"]["bytes"], weights
    assert weights["ours"]["other_hosts"] == []


@pytest.mark.browser
def test_guide_page_loads_no_script_of_ours(weights):
    """A guide page uses none of the library's scripts (session, search, paper tools), so it loads none: only
    the theme's own bundle."""
    scripts = [path for path in weights["ours"]["files"] if path.endswith(".js")]
    assert [path.rsplit("/", 1)[-1].split(".")[0] for path in scripts] == ["bundle"], scripts


@pytest.mark.browser
def test_stock_twin_holds_the_same_guide(weights, built_site):
    """The comparison is fair: the stock page carries the same title and text as the library's."""
    stock_page = next(path for path in weights["stock"]["files"] if path.endswith("/") and path != "/")
    assert weights["page"].rstrip("/").endswith(stock_page.strip("/"))


def test_search_page_preloads_only_files_that_exist(built_site):
    """The search page starts loading the engine's files with the page (overrides/search.html): each one it names
    is in the built site, so a renamed Pagefind file shows here rather than as a wasted download."""
    html = (built_site / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<link rel="(?:module)?preload" href="([^"]+)"', html)
    assert len(hrefs) == 3, hrefs
    for href in hrefs:
        assert (built_site / "tim-kiem" / href).resolve().is_file(), href
