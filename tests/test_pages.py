"""Generated pages: links, escaping of hostile front matter, browse pages."""

from __future__ import annotations

from helpers import topic_text, write_topic
from topiclib.library import load_library
from topiclib.pages import expand_markers, generated_pages
from topiclib.uris import Links

HOSTILE_TITLE = '<img src=x onerror=alert(1)> [bấm](javascript:x) "quote" & *sao*'


def test_relative_links_follow_use_directory_urls():
    """Links between generated pages work with and without directory URLs."""
    assert Links(True).href("chuyen-de/g/s.md", "chuyen-de/index.md") == "../../"
    assert Links(True).href("index.md", "chuyen-de/g/index.md") == "chuyen-de/g/"
    assert Links(False).href("chuyen-de/g/s.md", "chuyen-de/index.md") == "../index.html"
    assert Links(False).href("loai-chi-bo/x.md", "chuyen-de/g/s.md") == "../chuyen-de/g/s.html"


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


def test_session_page_has_timed_agenda_roles_and_checklists(tmp_path):
    """A session shows blanks, roles, the agenda with clock times from its start time, and both checklists."""
    from helpers import session_text

    write_topic(tmp_path, "huong-dan", title="Gợi ý thật")
    write_topic(tmp_path, "kich-ban", text=session_text("huong-dan", title="Kịch bản mẫu"))
    library = load_library(tmp_path).library
    pages = {p.src_uri: p for p in generated_pages(library)}
    session = pages["chuyen-de/ho-chi-minh/kich-ban.md"]
    assert '<span class="tl-clock" data-clock="0">19:30</span>–<span class="tl-clock" data-clock="5">19:35</span>' in (
        session.markdown
    )
    assert '<span class="tl-clock" data-clock="120">21:30</span>' in session.markdown
    assert "Thư ký ghi biên bản" in session.markdown
    assert "Mời người ít phát biểu nói trước." in session.markdown
    assert "Sổ tay đảng viên điện tử" in session.markdown
    assert "Báo cáo kết quả với cấp ủy cấp trên trực tiếp." in session.markdown
    assert session.markdown.index(">Mục đích, yêu cầu<") < session.markdown.index('class="tl-doc__table')
    assert 'href="../huong-dan/"' in session.meta["topic_header"]
    guide = pages["chuyen-de/ho-chi-minh/huong-dan.md"]
    assert 'href="../kich-ban/"' in guide.meta["topic_header"]
