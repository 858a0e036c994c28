"""A guide page's first load: at most 0.8 of a stock Material page of the same Markdown; no script it does not use."""

from __future__ import annotations

import page_weight
import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def weights(built_site, browser, tmp_path_factory):
    """The first guide of the built site and its stock Material twin, loaded side by side (scripts/page_weight.py)."""
    return page_weight.compare(built_site, tmp_path_factory.mktemp("weight"), browser)


def test_guide_page_first_load_is_at_most_0_8_of_stock_material(weights):
    """HTML, CSS, JS, fonts, images as served with gzip: the library's guide page weighs at most 0.8 of stock's."""
    assert weights["ours"]["bytes"] <= page_weight.BUDGET * weights["stock"]["bytes"], weights
    assert weights["ours"]["other_hosts"] == []


def test_guide_page_loads_no_script_of_ours(weights):
    """A guide page uses none of the library's scripts (session, search, paper tools), so it loads none: only
    the theme's own bundle."""
    scripts = [path for path in weights["ours"]["files"] if path.endswith(".js")]
    assert [path.rsplit("/", 1)[-1].split(".")[0] for path in scripts] == ["bundle"], scripts


def test_stock_twin_holds_the_same_guide(weights, built_site):
    """The comparison is fair: the stock page carries the same title and text as the library's."""
    stock_page = next(path for path in weights["stock"]["files"] if path.endswith("/") and path != "/")
    assert weights["page"].rstrip("/").endswith(stock_page.strip("/"))
