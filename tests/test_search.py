"""Search core: the text form of the indexes, the records Pagefind gets, the site's own pages, the search page."""

from __future__ import annotations

import gzip
import json
import os
import re
import unicodedata
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import ROOT, build, make_site, topic_text, write_topic
from topiclib import search_index
from topiclib.library import load_library
from topiclib.search import (
    FACETS,
    FULL_TEXT_DIR,
    INDEX_D,
    PAGE_KINDS,
    RESULTS_ID,
    display_form,
    facet_totals,
    index_form,
    pair_tokens,
    phrase_words,
    render_search_page,
    search_records,
    topic_record,
)
from topiclib.search_index import WASM_STUB, SearchIndexError, write_search_index
from topiclib.search_pages import BuiltPage, built_pages, full_text_records, page_records, read_page
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


def test_index_form_spells_d_as_one_letter_that_folds_to_d():
    assert index_form("Đảng viên đoàn kết") == f"{INDEX_D.upper()}ảng viên {INDEX_D}oàn kết"
    # Pagefind folds by decomposing and dropping combining marks; so does topiclib's fold.
    assert fold(index_form("Đảng viên")) == "dang vien"
    assert index_form(unicodedata.normalize("NFD", "Đảng uỷ")) == index_form("Đảng ủy")
    # A precomposed letter, not d + a combining mark: Pagefind keeps such a word whole.
    assert unicodedata.is_normalized("NFC", index_form("đ")) and len(index_form("đ")) == 1
    assert display_form(index_form("Đảng viên đoàn kết, hoà giải")) == "Đảng viên đoàn kết, hòa giải"


def test_phrase_words_are_folded_and_broken_at_punctuation():
    assert phrase_words("Nhân dân, chủ động") == ["nhan", "dan", None, "chu", "dong"]
    assert phrase_words("(xem Nghị quyết 57-NQ/TW)") == [None, "xem", "nghi", "quyet", "57nqtw", None]
    spellings = [
        "Hoà giải ở cơ sở",
        "hòa giải ở cơ sở",
        "HÒA GIẢI Ở CƠ SỞ",
        unicodedata.normalize("NFD", "hoà giải ở cơ sở"),
    ]
    assert all(phrase_words(spelling) == ["hoa", "giai", "o", "co", "so"] for spelling in spellings)


def test_pair_tokens_name_adjacent_words_and_the_title():
    assert pair_tokens("Tập trung dân chủ") == ["ŋtapxtrungx", "ŋtrungxdanx", "ŋdanxchux"]
    assert pair_tokens("Đảng viên", in_title=True) == ["ŋdangxvienq"]
    assert pair_tokens("nhân dân, chủ động") == ["ŋnhanxdanx", "ŋchuxdongx"]
    assert pair_tokens("dân") == []
    # Each word ends in a letter no syllable ends with: "dân chủ" is no prefix of "dân chúng".
    assert not pair_tokens("dân chúng")[0].startswith(pair_tokens("dân chủ")[0])


def test_record_carries_escaped_metadata_filters_weighted_text_and_pairs(library):
    topic = library.by_slug["chi-bo-lanh-dao-xay-dung-khu-dan-cu-doan-ket-van-minh"]
    record = topic_record(topic, library, "chuyen-de/loai-hinh-chi-bo/x/")
    parsed = _Collect()
    parsed.feed(record.html)
    assert parsed.meta["title"] == [index_form(topic.title)]
    assert parsed.meta["tags"] == [index_form(", ".join(topic.tags))]
    assert parsed.meta["group"] == [index_form(library.catalog.group_by_id[topic.group].short)]
    assert parsed.filters == {"group": [topic.group], "cell_type": list(topic.cell_types), "kind": [topic.kind]}
    assert f"<h1>{index_form(topic.title)}</h1>" in record.html
    assert f'<p data-pagefind-weight="5">{index_form(topic.description)}</p>' in record.html
    assert "đ" not in parsed.body_text
    # The pair tokens, each once, in a paragraph of their own after the text.
    tokens = [
        *pair_tokens(topic.title, in_title=True),
        *pair_tokens(topic.description),
        *pair_tokens(", ".join(topic.tags)),
    ]
    assert f"<p>{' '.join(dict.fromkeys(tokens))}</p>" in record.html


def test_front_matter_reaching_the_index_is_escaped(tmp_path):
    write_topic(tmp_path, "thu-tieu-de", title='Chi bộ <img src=x onerror="alert(1)"> & "nhân dân"')
    result = load_library(tmp_path)
    assert result.library is not None, [p.format() for p in result.problems]
    (record,) = search_records(result.library, Links(True))
    assert "<img" not in record.html
    assert 'content="Chi bộ &lt;img src=x onerror=&#34;alert(1)&#34;&gt; &amp; &#34;nhân dân&#34;"' in record.html
    assert "<h1>Chi bộ &lt;img src=x onerror=&#34;alert(1)&#34;&gt; &amp; &#34;nhân dân&#34;</h1>" in record.html


def test_records_use_the_page_urls_mkdocs_builds(library):
    records = {record.url for record in search_records(library, Links(True))}
    assert "chuyen-de/ho-chi-minh/noi-di-doi-voi-lam-theo-phong-cach-ho-chi-minh/" in records
    flat = {record.url for record in search_records(library, Links(False))}
    assert "chuyen-de/ho-chi-minh/noi-di-doi-voi-lam-theo-phong-cach-ho-chi-minh.html" in flat
    assert len(records) == len(library.topics)


def test_search_page_has_the_form_facets_with_totals_and_result_lists(library):
    page = render_search_page(library, Links(True))
    totals = facet_totals(library)
    assert f'id="{RESULTS_ID}"' in page and 'aria-live="polite"' in page and 'id="search-fulltext"' in page
    assert 'name="q"' in page and 'action="./"' in page and 'data-tl-pagefind="../pagefind/"' in page
    assert f'data-tl-fulltext="../{FULL_TEXT_DIR}"' in page
    for facet in FACETS:
        assert f'data-tl-facet="{facet}"' in page
    for group in library.catalog.groups:
        count = totals["group"][group.id]
        assert re.search(rf'name="group" value="{group.id}">.*?data-tl-count>{count}<', page)
    assert sum(totals["kind"].values()) == len(library.topics)
    # The site's own pages are counted from the index: the page leaves their counts empty.
    for kind, label in zip(PAGE_KINDS, ("Biểu mẫu", "Hướng dẫn", "Công cụ"), strict=True):
        assert re.search(rf'name="kind" value="{kind}"> <span>{label}</span> <span[^>]*data-tl-count></span>', page)
    strings = json.loads(unescape(re.search(r'data-tl-strings="([^"]*)"', page).group(1)))
    assert strings["count"] == "{count} kết quả" and "fulltext_count" in strings


def test_index_is_written_with_the_engine_only(tmp_path, library):
    records = search_records(library, Links(True))
    count = write_search_index(records, tmp_path / "pagefind")
    names = {path.name for path in (tmp_path / "pagefind").iterdir()}
    assert count == len(records)
    assert {"pagefind.js", "pagefind-entry.json", "wasm.unknown.pagefind", "index", "fragment"} <= names
    assert not {name for name in names if "-ui" in name or "highlight" in name}
    # Small index chunks (search_index.CHUNK_SIZE), set for Pagefind's process only.
    assert len(list((tmp_path / "pagefind" / "index").iterdir())) > 1
    assert "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE" not in os.environ


def test_every_file_of_the_bundle_is_whole_when_the_index_returns(tmp_path, library):
    """Pagefind's files are all on disk, whole, once write_search_index has returned (its service answered before
    its last writes had landed: CI once shipped an empty pagefind-entry.json)."""
    write_search_index(search_records(library, Links(True)), tmp_path / "pagefind")
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = tmp_path / "pagefind" / f"pagefind.{entry['languages']['vi']['hash']}.pf_meta"
    files = [meta, *(tmp_path / "pagefind").glob("*/*.pf_*")]
    assert len(files) > 3
    assert all(gzip.decompress(path.read_bytes()).startswith(b"pagefind_dcd") for path in files)
    assert all(path.stat().st_size for path in (tmp_path / "pagefind").rglob("*") if path.is_file())


def test_an_empty_file_left_by_pagefind_fails_the_index(tmp_path, library, monkeypatch):
    """A write that did not land (the service once left pagefind.js empty) stops the build, naming the file."""
    run = search_index._run_pagefind

    def losing_a_write(site, output_dir, exclude_selectors):
        run(site, output_dir, exclude_selectors)
        (output_dir / "pagefind.js").write_bytes(b"")

    monkeypatch.setattr(search_index, "_run_pagefind", losing_a_write)
    with pytest.raises(SearchIndexError, match=r"pagefind\.js"):
        write_search_index(search_records(library, Links(True))[:2], tmp_path / "pagefind")


def test_no_records_give_an_empty_bundle_that_the_engine_can_open(tmp_path):
    count = write_search_index([], tmp_path / "pagefind")
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert count == 0 and entry["languages"] == {}
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    assert not list((tmp_path / "pagefind").glob("*.pf_meta")) and not (tmp_path / "pagefind" / "fragment").exists()


def test_pagefind_failing_is_reported_as_such(tmp_path, library, monkeypatch):
    monkeypatch.setattr(search_index.pagefind_bin, "get_executable", lambda: Path("/bin/false"))
    with pytest.raises(SearchIndexError):
        write_search_index(search_records(library, Links(True))[:2], tmp_path / "pagefind")


def test_a_bundle_without_engine_carries_a_stub_for_its_webassembly(tmp_path, library):
    records = search_records(library, Links(True))[:3]
    write_search_index(records, tmp_path / "text", engine=False)
    names = {path.name for path in (tmp_path / "text").iterdir()}
    assert "pagefind.js" not in names and "pagefind-entry.json" in names
    assert (tmp_path / "text" / "wasm.unknown.pagefind").read_bytes() == WASM_STUB


PAGE = """<html><head><meta name="description" content="Mẫu biên bản &amp; cách ghi."></head><body>
<nav>Thư viện</nav><article class="md-content__inner md-typeset"><h1 id="x">Biên bản <a class="headerlink">¶</a></h1>
<h2>Phần mở đầu</h2><p><strong>Thư ký:</strong> người ghi biên bản.</p><p>Ghi <strong>đủ</strong> ý kiến.</p>
<ul><li><strong>Chủ trì</strong> điều hành</li></ul></article></body></html>"""


def test_a_built_page_gives_its_title_description_and_headings():
    text = read_page(PAGE)
    assert text is not None
    assert text.title == "Biên bản" and text.description == "Mẫu biên bản & cách ghi."
    assert text.headings == ("Phần mở đầu", "Thư ký", "Chủ trì")  # bold words inside a sentence are no heading
    assert read_page(PAGE, site_description="Mẫu biên bản & cách ghi.").description == ""
    assert read_page("<html><body><p>Không có bài</p></body></html>") is None


def test_built_pages_are_the_sites_own_pages_with_their_kind(tmp_path):
    for path in (
        "bieu-mau/index.html",
        "bieu-mau/bien-ban/index.html",
        "huong-dan/thuat-ngu/index.html",
        "chuan-bi/index.html",
        "chuan-bi/du-lieu/x.html",
        "gioi-thieu.html",
        "chuyen-de/a/b/index.html",
    ):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("<html></html>", encoding="utf-8")
    pages = {page.url: page.kind for page in built_pages(tmp_path)}
    assert pages == {
        "bieu-mau/": "form",
        "bieu-mau/bien-ban/": "form",
        "chuan-bi/": "tool",
        "gioi-thieu.html": "howto",
        "huong-dan/thuat-ngu/": "howto",
    }


def test_page_records_carry_the_kind_escaped_text_and_pairs(tmp_path, library):
    path = tmp_path / "bien-ban.html"
    path.write_text(PAGE.replace("Phần mở đầu", "<script>x</script> Phần đầu"), encoding="utf-8")
    (record,) = page_records([BuiltPage("bieu-mau/bien-ban/", path, "form")], library.catalog)
    parsed = _Collect()
    parsed.feed(record.html)
    assert record.url == "bieu-mau/bien-ban/" and parsed.filters == {"kind": ["form"]}
    assert parsed.meta["kind"] == ["Biểu mẫu"] and parsed.meta["title"] == ["Biên bản"]
    assert parsed.meta["sections"] == ["Phần ḏầu · Thư ký · Chủ trì"]
    assert "<script>" not in record.html and "ŋbienxbanq" in record.html


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """A site with one topic, built with the hook: (project folder, built site)."""
    root = make_site(tmp_path_factory.mktemp("small"))
    write_topic(root, "noi-di-doi-voi-lam", text=topic_text(title="Nói đi đôi với làm"))
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root, root / "site"


def test_full_text_records_hold_the_articles_in_index_form(small_site):
    root, site = small_site
    result = load_library(root)
    assert result.library is not None
    records = {r.url: r.html for r in full_text_records(site, result.library, Links(True), built_pages(site))}
    topic = records["chuyen-de/ho-chi-minh/noi-di-doi-voi-lam/"]
    assert "<article" in topic and f"Nói {INDEX_D}i {INDEX_D}ôi với làm" in topic and "đ" not in topic
    assert 'data-pagefind-filter="group[content]" content="ho-chi-minh"' in topic
    assert "ke-hoach/" in records and "bieu-mau/bien-ban-sinh-hoat-chuyen-de/" in records
    # The built site has both bundles; the full-text one without an engine of its own.
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / FULL_TEXT_DIR / "pagefind-entry.json").is_file()
    assert not (site / FULL_TEXT_DIR / "pagefind.js").exists()


def test_built_site_has_search_page_and_index_but_no_material_search(small_site):
    _, site = small_site
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
