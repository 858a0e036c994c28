"""Search: what each page gives the Pagefind indexes, and the search page.

Two Pagefind bundles. The short index (`pagefind/`) holds, for every page a reader may look for, its title,
description and keywords: the topics, and the site's own pages (forms, how-to pages, the glossary, the
meeting-papers and plan tools; `search_pages.py` reads those from the built site). It is what a first search
fetches. The full-text index (`pagefind-toan-van/`, `search_pages.full_text_records`) holds the text of
every page and is fetched only when the short index finds too few pages or the reader asks for it.

Pagefind folds diacritics by decomposing words and dropping combining marks. "đ" has no decomposition, so
"dang vien" would not find "đảng viên". The indexed text therefore spells "đ" as "ḏ" (U+1E0F, d with line
below): a letter of its own, which Pagefind folds to "d" like any "d" with a mark, while an exact query keeps
it. `search.js` spells the query the same way and turns "ḏ" back into "đ" in what it shows. "ḏ" is a
precomposed letter, not "d" followed by a combining mark: a mark inside a word makes Pagefind index the word
twice at one position, which doubled the postings of every "đ" word. Tone placement is unified on both sides
too, so "hoà" and "hòa" are the same word, exact match included.

Words of several syllables. Vietnamese writes "dân chủ" as two syllables, and Pagefind matches each one
anywhere. So the short index also holds every pair of adjacent syllables of a title, description, keyword
or heading as one token of its own (`pair_tokens`): "ŋdanxchux", or "ŋdanxchuq" when the pair is in the
title. `search.js` looks up the pairs of the query and puts the pages holding more of them first. Pagefind's
own quoted search cannot do it: it finds nothing on a page that holds two spellings of a word ("dân" and
"dẫn"). The tokens are folded (no diacritics, no case, "đ" as "d"), start with "ŋ", which begins no word a
reader types (a query never reaches them, nor they its chunks), and end each syllable with "x" and the pair
with "x" or "q", letters no Vietnamese syllable ends with, so that "dân chủ" is not a prefix of "dân chúng".
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from markupsafe import Markup

from .data import Catalog
from .library import Library
from .render.templates import render
from .text import escape_html, escape_markdown, fold, unify_tone_placement
from .uris import LIBRARY_INDEX, PAGEFIND_DIR, SEARCH_DIR, SEARCH_PAGE, Links, topic_uri
from .validate import Topic

INDEX_D = "\u1e0f"  # ḏ: how the index spells "đ"
INDEX_D_CAPITAL = "\u1e0e"  # Ḏ
# A pair token: PAIR_START, the first word, PAIR_WORD_END, the second word, PAIR_WORD_END or, in a title,
# TITLE_PAIR_END. No word a reader types begins with "ŋ", and no syllable ends with "x" or "q".
PAIR_START = "ŋ"
PAIR_WORD_END = "x"
TITLE_PAIR_END = "q"
# Between the section headings of a page, in what a result shows.
SECTION_SEPARATOR = " · "
SEARCH_TEMPLATE = "search.html"
PAGE_TEMPLATE = "pages/search_page.html"
RECORD_TEMPLATE = "pages/search_record.html"
# The full-text bundle, beside Pagefind's own (uris.PAGEFIND_DIR) in the built site.
FULL_TEXT_DIR = "pagefind-toan-van/"
# The offline copy's indexes (hooks/topiclib/offline.py): scripts, not JSON, so that they load from file://.
OFFLINE_INDEX_JS = f"{SEARCH_DIR}/du-lieu/chi-muc.js"
OFFLINE_FULL_TEXT_JS = f"{SEARCH_DIR}/du-lieu/toan-van.js"
# URL parameters of the search page; the facets are also the Pagefind filter names.
QUERY_PARAM = "q"
FACETS = ("group", "cell_type", "kind")
# Kinds of the site's own pages, beside the topic kinds of kinds.yml (values of the `kind` facet; their
# labels are the strings search_kind_<id>): forms, how-to pages (the glossary included), and the tools that
# fill in papers (the meeting-papers page, the year's plan).
PAGE_KINDS = ("form", "howto", "tool")
RESULTS_ID = "search-results"
FULL_TEXT_RESULTS_ID = "search-fulltext"
# What the short index holds of a topic, and Pagefind weights (its <h1> weighs 7): the title counts most, then
# the description, then the tags. The body stays out of it. Pagefind stores every position of every word, and
# the body's common words ("đảng", "viên", "chi", "bộ") made the first search for "dang vien" at 1000
# synthetic topics fetch 846 KB; the body is in the full-text index, fetched only when wanted. Contributors
# put the words a reader would search for in the title, the description and `tags`.
WEIGHT_DESCRIPTION = 5
WEIGHT_TAGS = 3


@dataclass(frozen=True)
class SearchRecord:
    """One page for Pagefind: its URL from the site root and the HTML document to index."""

    url: str
    html: str


class FacetOption(NamedTuple):
    value: str
    label: str
    count: int | None  # None: known only once the index is loaded (search.js fills it in)


class Facet(NamedTuple):
    """A fieldset of the search page: the facet's name (URL parameter, Pagefind filter), legend and options."""

    name: str
    legend: str
    options: list[FacetOption]


def index_form(text: str) -> str:
    """Text as the indexes hold it: NFC, one tone placement, "đ" spelt "ḏ" (Pagefind folds it to "d")."""
    return unify_tone_placement(text).replace("đ", INDEX_D).replace("Đ", INDEX_D_CAPITAL)


def display_form(text: str) -> str:
    """Index-form text as a reader sees it ("ḏ" back to "đ"), as `search.js` shows it."""
    return text.replace(INDEX_D, "đ").replace(INDEX_D_CAPITAL, "Đ")


def topic_record(topic: Topic, library: Library, url: str) -> SearchRecord:
    """The document the short index holds for a topic page: its title, description and tags, weighted.

    What a result shows travels as metadata (index form: `search.js` restores "đ" and marks the matched
    words); Pagefind also boosts pages whose title metadata holds a query word. Filters carry the facet
    values of the search page. The template escapes everything.
    """
    catalog = library.catalog
    tags = ", ".join(topic.tags)
    meta = {
        "title": topic.title,
        "description": topic.description,
        "tags": tags,
        "group": catalog.group_by_id[topic.group].short,
        "kind": catalog.kind_by_id[topic.kind].name,
    }
    filters = {"group": [topic.group], "cell_type": list(topic.cell_types), "kind": [topic.kind]}
    fields = [(WEIGHT_DESCRIPTION, topic.description), (WEIGHT_TAGS, tags)]
    return SearchRecord(url, record_html(meta, filters, title=topic.title, fields=fields))


def record_html(
    meta: dict[str, str],
    filters: dict[str, list[str]],
    *,
    title: str = "",
    fields: list[tuple[int, str]] | None = None,
    body: str | None = None,
) -> str:
    """A document for Pagefind: metadata and filters in the head, the indexed text in the body.

    Short-index records: the title (<h1>, weight 7), `fields` as (weight, text), and the pair tokens of all
    of them. Full-text records: `body`, HTML already in index form (a page's article). The template escapes.
    """
    fields = [(weight, text) for weight, text in fields or [] if text]
    pairs = (
        []
        if body is not None
        else [*pair_tokens(title, in_title=True), *(p for _, t in fields for p in pair_tokens(t))]
    )
    return render(
        RECORD_TEMPLATE,
        meta=[(key, index_form(value)) for key, value in meta.items() if value],
        filters=[(name, value) for name, values in filters.items() for value in values],
        title=index_form(title),
        fields=[(weight, index_form(text)) for weight, text in fields],
        pairs=" ".join(dict.fromkeys(pairs)),
        body=Markup(body) if body is not None else None,
    )


def phrase_words(text: str) -> list[str | None]:
    """The words of a text as Pagefind places them, folded, with None where punctuation ends a phrase.

    One word per whitespace-separated token, its letters and digits only: "nhân dân, chủ động" gives
    nhan, dan, None, chu, dong. `search.js` phraseWords does the same with a query (tested for parity).
    """
    words: list[str | None] = []
    for token in text.split():
        word = "".join(char for char in fold(token) if char.isalnum())
        if not token[0].isalnum():
            words.append(None)
        if word:
            words.append(word)
        if not token[-1].isalnum() and not unicodedata.combining(token[-1]):
            words.append(None)
    return words


def pair_tokens(text: str, in_title: bool = False) -> list[str]:
    """The index tokens of the text's adjacent word pairs, in order: "Nhân dân, chủ động" → ŋnhanxdanx, ŋchuxdongx."""
    words = phrase_words(text)
    end = TITLE_PAIR_END if in_title else PAIR_WORD_END
    return [f"{PAIR_START}{first}{PAIR_WORD_END}{second}{end}" for first, second in pairwise(words) if first and second]


def search_records(library: Library, links: Links) -> list[SearchRecord]:
    """One short-index record per topic page, at the URL the page is built to."""
    return [topic_record(topic, library, links.url(topic_uri(topic))) for topic in library.topics]


def render_search_page(library: Library, links: Links) -> str:
    """The search page: a form that works as a plain GET, facet checkboxes with counts, the result lists.

    The counts are the library's totals (the site's own pages are counted by `search.js` from the index, once
    the filters are opened); `search.js` replaces them with the counts for the current query. The words
    `search.js` shows come from the strings data file, passed in `data-tl-strings`.
    """
    strings = library.catalog.strings
    here = SEARCH_PAGE
    totals = facet_totals(library)
    labels = facet_labels(library)
    facets = [
        Facet(
            facet,
            strings[f"search_facet_{facet}"],
            [FacetOption(value, label, _count(totals, facet, value)) for value, label in labels[facet].items()],
        )
        for facet in FACETS
    ]
    script_strings = {key[len("search_js_") :]: value for key, value in strings.items() if key.startswith("search_js_")}
    title = strings["search_title"]
    form = render(
        PAGE_TEMPLATE,
        strings=strings,
        facets=facets,
        query_param=QUERY_PARAM,
        results_id=RESULTS_ID,
        full_text_results_id=FULL_TEXT_RESULTS_ID,
        script_strings=json.dumps(script_strings, ensure_ascii=False),
        # Links.href escapes already: marked safe so the template does not escape twice.
        pagefind_href=Markup(links.href(here, PAGEFIND_DIR)),
        full_text_href=Markup(links.href(here, FULL_TEXT_DIR)),
        root_href=Markup(links.href(here, "index.md")),
        self_href=Markup(links.href(here, here)),
        library_href=Markup(links.href(here, LIBRARY_INDEX)),
    )
    # Front matter values are pre-escaped: theme templates print them unescaped.
    return (
        "---\n"
        f"title: {json.dumps(escape_html(title), ensure_ascii=False)}\n"
        f"description: {json.dumps(escape_html(strings['search_intro']), ensure_ascii=False)}\n"
        f"template: {SEARCH_TEMPLATE}\n"
        f"offline_index_js: {OFFLINE_INDEX_JS}\n"
        f"offline_full_text_js: {OFFLINE_FULL_TEXT_JS}\n"
        "---\n\n"
        f"# {escape_markdown(title)}\n\n"
        f"{form}\n"
    )


def header_search(catalog: Catalog, links: Links) -> dict[str, str]:
    """What the header search box template needs: where the search page is (a file offline) and its words."""
    strings = catalog.strings
    return {
        "search_url": links.url(SEARCH_PAGE),
        "search_label": strings["search_header_label"],
        "search_placeholder": strings["search_header_placeholder"],
        "search_button": strings["search_button"],
    }


def facet_labels(library: Library) -> dict[str, dict[str, str]]:
    """Facet values in display order with their labels, from the data files."""
    catalog = library.catalog
    return {
        "group": {group.id: group.short for group in catalog.groups},
        "cell_type": {
            **{cell_type.id: cell_type.name for cell_type in catalog.cell_types},
            "all": catalog.strings["all_cell_types"],
        },
        "kind": {
            **{kind.id: kind.name for kind in catalog.kinds},
            **{kind: catalog.strings[f"search_kind_{kind}"] for kind in PAGE_KINDS},
        },
    }


def facet_totals(library: Library) -> dict[str, dict[str, int]]:
    """How many topics carry each facet value (the site's own pages are not known before the build)."""
    totals: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for topic in library.topics:
        for facet, values in (("group", [topic.group]), ("cell_type", topic.cell_types), ("kind", [topic.kind])):
            for value in values:
                totals[facet][value] = totals[facet].get(value, 0) + 1
    return totals


def _count(totals: dict[str, dict[str, int]], facet: str, value: str) -> int | None:
    """A facet option's count on the page: None for the site's own pages, which search.js counts."""
    if facet == "kind" and value in PAGE_KINDS:
        return None
    return totals[facet].get(value, 0)
