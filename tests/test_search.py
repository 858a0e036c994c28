"""Search core: the text form of the index, the records Pagefind gets, the search page, and the built site."""

from __future__ import annotations

import json
import re
import unicodedata
from html import unescape
from html.parser import HTMLParser

import pytest

from helpers import ROOT, build, make_site, topic_text, write_topic
from topiclib.library import load_library
from topiclib.search import (
    FACETS,
    RESULTS_ID,
    STROKE,
    facet_totals,
    index_form,
    render_search_page,
    search_records,
    topic_record,
)
from topiclib.search_index import write_search_index
from topiclib.text import fold, unify_tone_placement
from topiclib.uris import Links


@pytest.fixture(scope="module")
def library():
    result = load_library(ROOT)
    assert result.library is not None
    return result.library


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hoà giải", "hòa giải"),
        ("Hoà bình", "Hòa bình"),
        ("HOÀ", "HÒA"),
        ("khoẻ mạnh", "khỏe mạnh"),
        ("thuỷ lợi", "thủy lợi"),
        ("Uỷ ban", "Ủy ban"),
        ("toạ đàm.", "tọa đàm."),
        # spelt one way only: closed syllables, "qu", a third vowel, other marks on the vowel
        ("hoàn thành", "hoàn thành"),
        ("quý, quỹ", "quý, quỹ"),
        ("khuỷu tay", "khuỷu tay"),
        ("hoặc", "hoặc"),
        ("hoài niệm", "hoài niệm"),
        ("hòa", "hòa"),
    ],
)
def test_tone_placement_is_unified_only_where_spelling_varies(text, expected):
    assert unify_tone_placement(text) == expected
    assert unify_tone_placement(unicodedata.normalize("NFD", text)) == expected


def test_index_form_spells_d_with_a_mark_that_folds_to_d():
    assert index_form("Đảng viên đoàn kết") == f"D{STROKE}ảng viên d{STROKE}oàn kết"
    # Pagefind folds by decomposing and dropping combining marks; so does topiclib's fold.
    assert fold(index_form("Đảng viên")) == "dang vien"
    assert index_form(unicodedata.normalize("NFD", "Đảng uỷ")) == index_form("Đảng ủy")


def test_record_carries_escaped_metadata_filters_and_weighted_text(library):
    topic = library.by_slug["chi-bo-lanh-dao-xay-dung-khu-dan-cu-doan-ket-van-minh"]
    record = topic_record(topic, library, "chuyen-de/loai-hinh-chi-bo/x/")
    parsed = _Collect()
    parsed.feed(record.html)
    assert parsed.meta["title"] == [index_form(topic.title)]
    assert parsed.meta["tags"] == [index_form(", ".join(topic.tags))]
    assert parsed.meta["group"] == [index_form(library.catalog.group_by_id[topic.group].short)]
    assert parsed.filters == {"group": [topic.group], "cell_type": list(topic.cell_types), "kind": [topic.kind]}
    assert f'<p data-pagefind-weight="5">{index_form(topic.description).lower()}</p>' in record.html
    # Lower case, so Pagefind's bonus for exact diacritics sees "Đảng" at the start of a title as "đảng".
    assert parsed.body_text == parsed.body_text.lower()
    assert "hòa giải" in parsed.body_text and "đ" not in parsed.body_text


def test_front_matter_reaching_the_index_is_escaped(tmp_path):
    write_topic(tmp_path, "thu-tieu-de", title='Chi bộ <img src=x onerror="alert(1)"> & "nhân dân"')
    result = load_library(tmp_path)
    assert result.library is not None, [p.format() for p in result.problems]
    (record,) = search_records(result.library, Links(True))
    assert "<img" not in record.html
    assert 'content="Chi bộ &lt;img src=x onerror=&#34;alert(1)&#34;&gt; &amp; &#34;nhân dân&#34;"' in record.html
    assert "<h1>chi bộ &lt;img src=x onerror=&#34;alert(1)&#34;&gt; &amp; &#34;nhân dân&#34;</h1>" in record.html


def test_records_use_the_page_urls_mkdocs_builds(library):
    records = {record.url for record in search_records(library, Links(True))}
    assert "chuyen-de/ho-chi-minh/noi-di-doi-voi-lam-theo-phong-cach-ho-chi-minh/" in records
    flat = {record.url for record in search_records(library, Links(False))}
    assert "chuyen-de/ho-chi-minh/noi-di-doi-voi-lam-theo-phong-cach-ho-chi-minh.html" in flat
    assert len(records) == len(library.topics)


def test_search_page_has_the_form_facets_with_totals_and_result_list(library):
    page = render_search_page(library, Links(True))
    totals = facet_totals(library)
    assert f'id="{RESULTS_ID}"' in page and 'aria-live="polite"' in page
    assert 'name="q"' in page and 'action="./"' in page and 'data-tl-pagefind="../pagefind/"' in page
    for facet in FACETS:
        assert f'data-tl-facet="{facet}"' in page
    for group in library.catalog.groups:
        count = totals["group"][group.id]
        assert re.search(rf'name="group" value="{group.id}">.*?data-tl-count>{count}<', page)
    assert sum(totals["kind"].values()) == len(library.topics)
    strings = json.loads(unescape(re.search(r'data-tl-strings="([^"]*)"', page).group(1)))
    assert strings["count"] == "{count} kết quả"


def test_index_is_written_with_the_engine_only(tmp_path, library):
    records = search_records(library, Links(True))
    count = write_search_index(records, tmp_path / "pagefind")
    names = {path.name for path in (tmp_path / "pagefind").iterdir()}
    assert count == len(records)
    assert {"pagefind.js", "pagefind-entry.json", "wasm.unknown.pagefind", "index", "fragment"} <= names
    assert not {name for name in names if "-ui" in name or "highlight" in name}


def test_built_site_has_search_page_and_index_but_no_material_search(tmp_path):
    root = make_site(tmp_path)
    write_topic(root, "noi-di-doi-voi-lam", text=topic_text(title="Nói đi đôi với làm"))
    result = build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    search_page = (site / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    assert f'id="{RESULTS_ID}"' in search_page and "assets/javascripts/search.js" in search_page
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not (site / "search" / "search_index.json").exists()
    topic_page = (site / "chuyen-de" / "ho-chi-minh" / "noi-di-doi-voi-lam" / "index.html").read_text("utf-8")
    assert "search.js" not in topic_page and "pagefind" not in topic_page
    assert re.search(r'<form class="tl-header-search"[^>]*action="\.\./\.\./\.\./tim-kiem/"', topic_page)


class _Collect(HTMLParser):
    """Pagefind's view of a record: metadata, filters and the indexed text."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.filters: dict[str, list[str]] = {}
        self.body_text = ""
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for attribute, into in (("data-pagefind-meta", self.meta), ("data-pagefind-filter", self.filters)):
            if attribute in values:
                name = (values[attribute] or "").removesuffix("[content]")
                into.setdefault(name, []).append(values.get("content") or "")
        if "data-pagefind-body" in values:
            self._in_body = True

    def handle_data(self, data: str) -> None:
        if self._in_body:
            self.body_text += data
