"""HTML from the autoescaping templates: hostile front matter shows only as text; the link that prepares a meeting."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from helpers import session_text, topic_text, write_topic
from topiclib.library import Library, load_library
from topiclib.pages import generated_pages, topic_chrome
from topiclib.provenance import Provenance
from topiclib.search import search_records
from topiclib.uris import Links

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onmouseover="x'
ENTITY = "&amp;"
HOSTILE = (SCRIPT, ATTRIBUTE, ENTITY)
HOSTILE_TEXT = " ".join(HOSTILE)
GUIDE = "chuyen-de/ho-chi-minh/huong-dan.md"
SESSION = "chuyen-de/ho-chi-minh/kich-ban.md"


@pytest.fixture
def library(tmp_path) -> Library:
    """A guide and a session whose title, description, tags and contributors carry HTML, quotes and an entity."""
    hostile = {
        "description": json.dumps(f"Mô tả đủ dài để vượt qua giới hạn bốn mươi ký tự {HOSTILE_TEXT}"),
        "tags": json.dumps(list(HOSTILE)),
        "contributors": json.dumps([HOSTILE_TEXT, "Chi bộ thôn Nà Hin"]),
    }
    write_topic(
        tmp_path,
        "huong-dan",
        text=topic_text(title=json.dumps(f"Gợi ý {HOSTILE_TEXT}"), cell_types="[y-te]", **hostile),
    )
    write_topic(tmp_path, "kich-ban", text=session_text("huong-dan", title=json.dumps(f"Kịch bản {HOSTILE_TEXT}")))
    result = load_library(tmp_path)
    assert result.ok and result.library is not None, [p.format() for p in result.problems]
    return result.library


def test_browse_pages_show_hostile_front_matter_only_as_text(library):
    """Group, cell-type and index pages show the hostile title and description as text, with no tag or handler."""
    pages = {page.src_uri: page.markdown for page in generated_pages(library) if page.src_uri not in (GUIDE, SESSION)}
    for uri, markdown in pages.items():
        _assert_inert(_Parsed(markdown), uri)
    group = _Parsed(pages["chuyen-de/ho-chi-minh/index.md"])
    assert f"Gợi ý {HOSTILE_TEXT}" in group.texts
    assert f"Mô tả đủ dài để vượt qua giới hạn bốn mươi ký tự {HOSTILE_TEXT}" in group.texts
    assert f"Gợi ý {HOSTILE_TEXT}" in _Parsed(pages["loai-chi-bo/y-te.md"]).texts


def test_topic_header_shows_hostile_front_matter_only_as_text(library):
    """A topic's header chrome shows its own and its related topics' hostile titles as text."""
    for uri, related in ((GUIDE, "Kịch bản"), (SESSION, "Gợi ý")):
        header = _Parsed(_chrome(library, uri)["topic_header"])
        _assert_inert(header, uri)
        assert f"{related} {HOSTILE_TEXT}" in header.texts, uri


def test_topic_footer_shows_hostile_contributors_only_as_text(library):
    """The credits line shows hostile contributor names as text."""
    footer = _Parsed(_chrome(library, GUIDE)["topic_footer"])
    _assert_inert(footer, GUIDE)
    assert any(f"{HOSTILE_TEXT}, Chi bộ thôn Nà Hin" in text for text in footer.texts)


def test_search_record_shows_hostile_front_matter_only_as_text(library):
    """What Pagefind indexes carries hostile title, description and tags only as attribute values and text."""
    record = next(r for r in search_records(library, Links(True)) if r.url == "chuyen-de/ho-chi-minh/huong-dan/")
    parsed = _Parsed(record.html)
    _assert_inert(parsed, record.url)
    meta = {
        attrs["data-pagefind-meta"]: attrs["content"] for attrs in parsed.attributes if "data-pagefind-meta" in attrs
    }
    assert HOSTILE_TEXT in meta["title[content]"] and HOSTILE_TEXT in meta["description[content]"]
    assert meta["tags[content]"] == ", ".join(HOSTILE)
    body = [text for text in parsed.texts if HOSTILE_TEXT in text or text == ", ".join(HOSTILE)]
    assert len(body) == 3  # the indexed title, description and tags


@pytest.mark.parametrize(("uri", "slug"), [(GUIDE, "huong-dan"), (SESSION, "kich-ban")])
def test_guide_and_session_link_to_the_prepare_page_with_the_topic_chosen(library, uri, slug):
    """A guide's and a session's header link to chuan-bi/ with ?cd=<slug>, as a button hidden in print."""
    header = _chrome(library, uri)["topic_header"]
    expected = (
        f'<a class="md-button tl-prepare-link" href="../../../chuan-bi/?cd={slug}">Chuẩn bị buổi sinh hoạt này</a>'
    )
    assert f'<p class="tl-no-print">{expected}</p>' in header


def test_prepare_link_follows_use_directory_urls(library):
    """Without directory URLs the link points at chuan-bi/index.html, still with the topic chosen."""
    header = _chrome(library, SESSION, use_directory_urls=False)["topic_header"]
    assert 'href="../../chuan-bi/index.html?cd=kich-ban"' in header


def _chrome(library: Library, uri: str, use_directory_urls: bool = True) -> dict[str, str]:
    topic = next(t for t in library.topics if f"chuyen-de/{t.group}/{t.slug}.md" == uri)
    provenance = Provenance(repository_url="https://example.org/repo")
    return topic_chrome(topic, library, Links(use_directory_urls), provenance)


def _assert_inert(parsed: _Parsed, where: str) -> None:
    assert "script" not in parsed.tags, where
    assert not any(name.startswith("on") for attrs in parsed.attributes for name in attrs), where
    assert "<script" not in parsed.source and ATTRIBUTE not in parsed.source, where


class _Parsed(HTMLParser):
    """A browser's view of some HTML: tag names, each tag's attributes and the text, entities decoded."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.tags: list[str] = []
        self.attributes: list[dict[str, str]] = []
        self.texts: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.append({name: value or "" for name, value in attrs})

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
