"""Generated pages: links, escaping of hostile front matter, browse pages."""

from __future__ import annotations

from helpers import topic_text, write_topic
from topiclib.library import load_library
from topiclib.pages import _Links, expand_markers, generated_pages

HOSTILE_TITLE = '<img src=x onerror=alert(1)> [bấm](javascript:x) "quote" & *sao*'


def test_relative_links_follow_use_directory_urls():
    """Links between generated pages work with and without directory URLs."""
    assert _Links(True).href("chuyen-de/g/s.md", "chuyen-de/index.md") == "../../"
    assert _Links(True).href("index.md", "chuyen-de/g/index.md") == "chuyen-de/g/"
    assert _Links(False).href("chuyen-de/g/s.md", "chuyen-de/index.md") == "../index.html"
    assert _Links(False).href("loai-chi-bo/x.md", "chuyen-de/g/s.md") == "../chuyen-de/g/s.html"


def test_every_topic_and_browse_page_is_generated(tmp_path):
    """One page per topic, the library index, one per group and one per cell type."""
    write_topic(tmp_path, "a")
    write_topic(tmp_path, "b", group="xay-dung-dang")
    library = load_library(tmp_path).library
    uris = {page.src_uri for page in generated_pages(library)}
    assert {"chuyen-de/ho-chi-minh/a.md", "chuyen-de/xay-dung-dang/b.md", "chuyen-de/index.md"} <= uris
    assert {f"chuyen-de/{g.id}/index.md" for g in library.catalog.groups} <= uris
    assert {f"loai-chi-bo/{c.id}.md" for c in library.catalog.cell_types} <= uris


def test_hostile_front_matter_is_escaped_everywhere(tmp_path):
    """A title or description with HTML and Markdown syntax reaches pages only as text."""
    write_topic(
        tmp_path,
        "a",
        text=topic_text(
            title=f"'{HOSTILE_TITLE}'",
            description="'<script>alert(1)</script> mô tả đủ dài để vượt qua giới hạn bốn mươi ký tự.'",
        ),
    )
    library = load_library(tmp_path).library
    for page in generated_pages(library):
        for text in (page.markdown, *page.meta.values()):
            assert "<img" not in text, page.src_uri
            assert "<script" not in text, page.src_uri
        headings = [line for line in page.markdown.splitlines() if line.startswith("#")]
        assert not any("](javascript" in line for line in headings), page.src_uri


def test_group_page_lists_its_topics_with_cards(tmp_path):
    """A group page has a card per topic: title link, description, kind and cell types."""
    write_topic(tmp_path, "a", title="Chuyên đề thôn bản", cell_types="[thon-to-dan-pho]")
    library = load_library(tmp_path).library
    page = next(p for p in generated_pages(library) if p.src_uri == "chuyen-de/ho-chi-minh/index.md")
    assert '<a href="a/">Chuyên đề thôn bản</a>' in page.markdown
    assert "Gợi ý chuyên đề" in page.markdown
    assert "Chi bộ thôn, bản, tổ dân phố" in page.markdown
    assert "1 chuyên đề" in page.markdown


def test_cell_type_page_separates_specific_and_general_topics(tmp_path):
    """A cell-type page lists topics written for it, then topics for every cell type."""
    write_topic(tmp_path, "rieng", title="Chuyên đề riêng", cell_types="[y-te]")
    write_topic(tmp_path, "chung", title="Chuyên đề chung")
    library = load_library(tmp_path).library
    page = next(p for p in generated_pages(library) if p.src_uri == "loai-chi-bo/y-te.md").markdown
    assert page.index("Chuyên đề riêng") < page.index("Dùng được cho mọi loại hình") < page.index("Chuyên đề chung")
    other = next(p for p in generated_pages(library) if p.src_uri == "loai-chi-bo/truong-hoc.md").markdown
    assert "Chuyên đề riêng" not in other


def test_topic_page_has_breadcrumb_references_and_credit(tmp_path):
    """A topic page links back to the library and its group, lists its references and credits."""
    write_topic(tmp_path, "a", contributors="[Chi bộ thôn Nà Hin]")
    library = load_library(tmp_path).library
    page = next(p for p in generated_pages(library) if p.src_uri == "chuyen-de/ho-chi-minh/a.md")
    assert 'href="../../"' in page.meta["topic_header"]
    assert 'href="../"' in page.meta["topic_header"]
    assert "template: topic.html" in page.markdown
    assert "Hướng dẫn 12\\-HD/BTCTW, ngày 06/7/2018, của Ban Tổ chức Trung ương" in page.markdown
    assert "Chi bộ thôn Nà Hin" in page.meta["topic_footer"]


def test_topic_markdown_has_no_raw_html(tmp_path):
    """A topic's own text is plain Markdown: the chrome is in the template, so pages render and index fast."""
    write_topic(tmp_path, "a")
    library = load_library(tmp_path).library
    page = next(p for p in generated_pages(library) if p.src_uri == "chuyen-de/ho-chi-minh/a.md")
    assert "<" not in page.markdown


def test_markers_in_hand_written_pages_are_expanded(tmp_path):
    """`<!-- topic-library:groups -->` becomes the six groups with their counts."""
    write_topic(tmp_path, "a")
    library = load_library(tmp_path).library
    html = expand_markers("A\n<!-- topic-library:groups -->\nB", library, "index.md")
    assert html.count('class="tl-card tl-card--group"') == 6
    assert 'href="chuyen-de/ho-chi-minh/"' in html
    assert "1 chuyên đề" in html and "0 chuyên đề" in html
    assert expand_markers("<!-- topic-library:unknown -->", library, "index.md") == "<!-- topic-library:unknown -->"
