"""The project's own site: strict build, every topic on it, no third-party requests."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import ROOT

EXTERNAL_RESOURCE = re.compile(
    r"<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=\"https?://|<link\b[^>]*\bhref=\"https?://", re.I
)


def test_every_topic_file_has_a_page(built_site: Path):
    """Each file under topics/ is published at chuyen-de/<group>/<slug>/."""
    topics = sorted((ROOT / "topics").glob("*/*.md"))
    assert topics, "the library has seed topics"
    for path in topics:
        page = built_site / "chuyen-de" / path.parent.name / path.stem / "index.html"
        assert page.exists(), path


def test_every_group_has_at_least_one_topic():
    """Seed content: no group page is empty."""
    from topiclib.library import load_library

    library = load_library(ROOT).library
    assert all(library.by_group.values()), {g: len(t) for g, t in library.by_group.items()}


def test_no_page_loads_anything_from_another_host(built_site: Path):
    """No Google Fonts, CDN scripts or styles: every resource is on the site itself."""
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not EXTERNAL_RESOURCE.search(html), page
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
    for sheet in built_site.rglob("*.css"):
        assert not re.search(r"@import\s+url\(['\"]?https?:|url\(['\"]?https?://", sheet.read_text(encoding="utf-8"))


def test_pages_are_vietnamese(built_site: Path):
    """The site declares Vietnamese and uses Material's Vietnamese labels."""
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in home
    assert "Sáu nhóm chuyên đề" in home


def test_home_lists_the_six_groups_with_counts(built_site: Path):
    """The home page's group cards link to each group page and show a count."""
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert home.count('class="tl-card tl-card--group"') == 6
    assert len(re.findall(r"\d+ chuyên đề", home)) >= 6


def test_topic_pages_stay_out_of_the_navigation(built_site: Path):
    """The sidebar lists browse pages, not individual topics (which made builds quadratic)."""
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index("md-sidebar--primary") : home.index("md-sidebar--secondary")]
    for path in (ROOT / "topics").glob("*/*.md"):
        assert f"{path.stem}/" not in nav
    assert "chuyen-de/ho-chi-minh/" in nav


def test_library_has_five_guides_per_group_and_one_per_cell_type():
    """Groups 1–5 have at least five guides; group 6 has a guide for every cell type in the data file."""
    from topiclib.library import load_library

    library = load_library(ROOT).library
    guides = {g: [t for t in topics if t.kind == "guide"] for g, topics in library.by_group.items()}
    for group in library.catalog.groups[:5]:
        assert len(guides[group.id]) >= 5, group.id
    covered = {c for t in guides["loai-hinh-chi-bo"] for c in t.cell_types}
    assert {c.id for c in library.catalog.cell_types} <= covered


def test_how_to_pages_are_in_the_navigation(built_site: Path):
    """The how-to section takes a secretary through the year, linked from the sidebar."""
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for page in (
        "ke-hoach-nam",
        "chon-chuyen-de",
        "chuan-bi-du-thao",
        "to-chuc-buoi-sinh-hoat",
        "ket-luan-va-bao-cao",
        "han-che-thuong-gap",
        "thay-doi-2025-2026",
        "thuat-ngu",
    ):
        assert f"huong-dan/{page}/" in home, page


def test_footer_credit_is_in_vietnamese(built_site):
    """No page keeps the theme's English credit line: the footer says it in Vietnamese."""
    from topiclib.data import load_catalog

    words = load_catalog()[0].strings["footer_made_with"]
    for page in (
        built_site / "index.html",
        built_site / "chuan-bi" / "index.html",
        built_site / "tim-kiem" / "index.html",
    ):
        html = page.read_text(encoding="utf-8")
        assert "Made with" not in html and words in html, page
