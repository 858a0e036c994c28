"""The built site in search: the site's own pages in the short index, and every page in the full-text index.

Hand-written and generated pages other than topics (forms, how-to pages, the glossary, the meeting-papers and
plan tools) have no front matter the library knows, so their records are read from the built HTML after the
build: the article's <h1>, the description meta, the section headings, and for the full-text index the
article itself. Everything here is a function of the site folder and the list of pages; the hook wires it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import html as lxml_html

from .data import Catalog
from .library import Library
from .search import (
    FULL_TEXT_DIR,
    SECTION_SEPARATOR,
    WEIGHT_DESCRIPTION,
    WEIGHT_TAGS,
    SearchRecord,
    index_form,
    record_html,
    search_records,
)
from .search_index import IndexJob
from .uris import FORMS_DIR, PAGEFIND_DIR, PLAN_DIR, PREPARE_DIR, Links, topic_uri

# Where the site's own pages live, and the value of the `kind` facet they get (search.PAGE_KINDS).
PAGE_SECTIONS = (
    (FORMS_DIR, "form"),
    ("huong-dan", "howto"),
    ("gioi-thieu", "howto"),
    (PREPARE_DIR, "tool"),
    (PLAN_DIR, "tool"),
)
# Parts of a built page that are not its text: the breadcrumb, a topic's header line, links and notes that
# every topic page repeats, heading anchors. Pagefind leaves them out of the full-text index.
FULL_TEXT_EXCLUDED = (
    ".tl-breadcrumb",
    ".tl-topic-meta",
    ".tl-related",
    ".tl-no-print",
    ".tl-note",
    ".tl-credits",
    ".headerlink",
    "script",
    "template",
)
_ARTICLE_START = re.compile(r"<article\b[^>]*>")
_DESCRIPTION = re.compile(r'<meta\s+name="description"\s+content="([^"]*)"')


@dataclass(frozen=True)
class BuiltPage:
    """A page of the built site that search indexes: its URL from the site root, its file and its kind."""

    url: str
    path: Path
    kind: str


@dataclass(frozen=True)
class PageText:
    """What the short index needs of a built page."""

    title: str
    description: str
    headings: tuple[str, ...]  # section headings, and the terms that open a paragraph or item in bold


def search_index_jobs(site_dir: Path, library: Library, links: Links, site_description: str = "") -> list[IndexJob]:
    """The two bundles of a built site: the short index (topics, then the site's own pages) and the full text."""
    pages = built_pages(site_dir)
    return [
        IndexJob(
            site_dir / PAGEFIND_DIR,
            lambda: [*search_records(library, links), *page_records(pages, library.catalog, site_description)],
        ),
        IndexJob(
            site_dir / FULL_TEXT_DIR,
            lambda: full_text_records(site_dir, library, links, pages),
            exclude_selectors=FULL_TEXT_EXCLUDED,
            engine=False,
        ),
    ]


def built_pages(site_dir: Path) -> list[BuiltPage]:
    """The site's own pages that search indexes (PAGE_SECTIONS), in URL order; data folders are left out."""
    pages = []
    for section, kind in PAGE_SECTIONS:
        candidates = [site_dir / f"{section}.html"]
        folder = site_dir / section
        if folder.is_dir():
            candidates += sorted(folder.rglob("*.html"))
        for path in candidates:
            if path.is_file() and "du-lieu" not in path.relative_to(site_dir).parts:
                pages.append(BuiltPage(_url(path.relative_to(site_dir).as_posix()), path, kind))
    return sorted(pages, key=lambda page: page.url)


def read_page(source: str, site_description: str = "") -> PageText | None:
    """A built page's title (its article's <h1>), description meta and headings; None without a title.

    Headings are the h2 and h3 and the bold words a paragraph or list item opens with: the glossary's terms.

    Material falls back to the site's description when a page has none: that one is not the page's own.
    """
    article = _article(source)
    if article is None:
        return None
    tree = lxml_html.fragment_fromstring(article)
    for element in [*tree.find_class("headerlink"), *tree.iter("script", "style", "template")]:
        element.drop_tree()
    title = next((_text(element) for element in tree.iter("h1")), "")
    if not title:
        return None
    match = _DESCRIPTION.search(source[: source.find("</head>")])
    description = html.unescape(match.group(1)) if match else ""
    if description == site_description:
        description = ""
    headings = tuple(dict.fromkeys(text for element in tree.iter("h2", "h3", "strong") if (text := _heading(element))))
    return PageText(title, description, headings)


def page_records(pages: Iterable[BuiltPage], catalog: Catalog, site_description: str = "") -> list[SearchRecord]:
    """Short-index records of the site's own pages: title, description and section headings, weighted as a
    topic's title, description and tags. Pages without an article title are left out."""
    records = []
    for page in pages:
        text = read_page(page.path.read_text(encoding="utf-8"), site_description)
        if text is None:
            continue
        sections = SECTION_SEPARATOR.join(text.headings)
        meta = {
            "title": text.title,
            "description": text.description,
            "sections": sections,
            "kind": catalog.strings[f"search_kind_{page.kind}"],
        }
        fields = [(WEIGHT_DESCRIPTION, text.description), (WEIGHT_TAGS, sections)]
        records.append(
            SearchRecord(page.url, record_html(meta, {"kind": [page.kind]}, title=text.title, fields=fields))
        )
    return records


def full_text_records(site_dir: Path, library: Library, links: Links, pages: Iterable[BuiltPage]) -> list[SearchRecord]:
    """Full-text records: the article of every topic page and of the site's own pages, in index form.

    Metadata carry what a full-text result shows besides its excerpt (title, kind, group); filters the facets.
    """
    catalog = library.catalog
    records = []
    for topic in library.topics:
        url = links.url(topic_uri(topic))
        article = _article(_built_file(site_dir, url).read_text(encoding="utf-8"))
        if article is None:
            continue
        meta = {
            "title": topic.title,
            "group": catalog.group_by_id[topic.group].short,
            "kind": catalog.kind_by_id[topic.kind].name,
        }
        filters = {"group": [topic.group], "cell_type": list(topic.cell_types), "kind": [topic.kind]}
        records.append(SearchRecord(url, record_html(meta, filters, body=index_form(article))))
    for page in pages:
        source = page.path.read_text(encoding="utf-8")
        article, text = _article(source), read_page(source)
        if article is None or text is None:
            continue
        meta = {"title": text.title, "kind": catalog.strings[f"search_kind_{page.kind}"]}
        records.append(SearchRecord(page.url, record_html(meta, {"kind": [page.kind]}, body=index_form(article))))
    return records


def _article(source: str) -> str | None:
    """The page's <article> element (Material's content), as HTML."""
    start = _ARTICLE_START.search(source)
    end = source.find("</article>", start.end()) if start else -1
    if start is None or end < 0:
        return None
    return source[start.start() : end] + "</article>"


def _heading(element: lxml_html.HtmlElement) -> str:
    if element.tag == "strong":
        parent = element.getparent()
        opens = parent is not None and parent.tag in ("p", "li") and parent.index(element) == 0
        if not opens or (parent.text or "").strip():
            return ""
    return _text(element).rstrip(":")


def _text(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _url(path: str) -> str:
    """The URL Pagefind records for a built file: "a/index.html" is "a/", as the site links to it."""
    if path == "index.html":
        return ""
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def _built_file(site_dir: Path, url: str) -> Path:
    return site_dir / (url + "index.html" if url.endswith("/") or not url else url)
