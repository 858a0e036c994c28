"""Search: what each topic page gives the Pagefind index, and the search page.

Pagefind folds diacritics by decomposing words and dropping combining marks. "đ" has no decomposition, so
"dang vien" would not find "đảng viên". The indexed text therefore spells "đ" as "d" followed by a combining
short stroke (U+0335): Pagefind folds that to "d", and an exact query keeps it. `search.js` spells the query
the same way and turns the stroke back into "đ" in the excerpts it shows. Tone placement is unified on both
sides too, so "hoà" and "hòa" are the same word, exact match included.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import NamedTuple

from markupsafe import Markup

from .data import Catalog
from .library import Library
from .render.templates import render
from .text import escape_html, escape_markdown, unify_tone_placement
from .uris import LIBRARY_INDEX, PAGEFIND_DIR, SEARCH_DIR, SEARCH_PAGE, Links, topic_uri
from .validate import Topic

STROKE = "\u0335"
SEARCH_TEMPLATE = "search.html"
PAGE_TEMPLATE = "pages/search_page.html"
RECORD_TEMPLATE = "pages/search_record.html"
# URL parameters of the search page; the facets are also the Pagefind filter names.
QUERY_PARAM = "q"
FACETS = ("group", "cell_type", "kind")
RESULTS_ID = "search-results"
# What the index holds of a topic, and Pagefind weights (its <h1> weighs 7): the title counts most, then the
# description, then the tags. The body stays out. Pagefind stores every position of every word, and the
# body's common words ("đảng", "viên", "chi", "bộ") made the first search for "dang vien" at 1000 synthetic
# topics fetch 846 KB; even the outline's part headings alone added 11 KB to the 137 KB it fetches now
# (scripts/search_budget.py; the budget is 150 KB). Contributors put the words a reader would search for in
# the title, the description and `tags`.
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
    count: int


class Facet(NamedTuple):
    """A fieldset of the search page: the facet's name (URL parameter, Pagefind filter), legend and options."""

    name: str
    legend: str
    options: list[FacetOption]


def index_form(text: str) -> str:
    """Text as the index holds it: one tone placement, "đ" spelt "d" + U+0335 (folds to "d")."""
    return unify_tone_placement(text).replace("đ", "d" + STROKE).replace("Đ", "D" + STROKE)


def topic_record(topic: Topic, library: Library, url: str) -> SearchRecord:
    """The document Pagefind indexes for a topic page: its title, description and tags, weighted.

    The indexed text is lower-case: Pagefind's bonus for a word typed with the page's own diacritics compares
    words as they stand, so "Đảng" at the start of a title would miss it. What a result shows travels as
    metadata in its real case (index form: `search.js` restores "đ" and marks the matched words). Pagefind
    also boosts pages whose title metadata holds a query word. Filters carry the facet values of the search
    page. The template escapes everything.
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
    html = render(
        RECORD_TEMPLATE,
        meta=[(key, index_form(value)) for key, value in meta.items() if value],
        filters=[(name, value) for name, values in filters.items() for value in values],
        title=_indexed(topic.title),
        description=_indexed(topic.description),
        tags=_indexed(tags),
        weight_description=WEIGHT_DESCRIPTION,
        weight_tags=WEIGHT_TAGS,
    )
    return SearchRecord(url, html)


def _indexed(text: str) -> str:
    return index_form(text).lower()


def search_records(library: Library, links: Links) -> list[SearchRecord]:
    """One record per topic page, at the URL the page is built to."""
    return [topic_record(topic, library, links.url(topic_uri(topic))) for topic in library.topics]


def render_search_page(library: Library, links: Links) -> str:
    """The search page: a form that works as a plain GET, facet checkboxes with counts, the results list.

    The counts are the library's totals; `search.js` replaces them with the counts for the current query. The
    words `search.js` shows come from the strings data file, passed in `data-tl-strings`.
    """
    strings = library.catalog.strings
    here = SEARCH_PAGE
    totals = facet_totals(library)
    labels = facet_labels(library)
    facets = [
        Facet(
            facet,
            strings[f"search_facet_{facet}"],
            [FacetOption(value, label, totals[facet].get(value, 0)) for value, label in labels[facet].items()],
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
        script_strings=json.dumps(script_strings, ensure_ascii=False),
        # Links.href escapes already: marked safe so the template does not escape twice.
        pagefind_href=Markup(links.href(here, PAGEFIND_DIR)),
        root_href=Markup(links.href(here, "index.md")),
        library_href=Markup(links.href(here, LIBRARY_INDEX)),
    )
    # Front matter values are pre-escaped: theme templates print them unescaped.
    return (
        "---\n"
        f"title: {json.dumps(escape_html(title), ensure_ascii=False)}\n"
        f"description: {json.dumps(escape_html(strings['search_intro']), ensure_ascii=False)}\n"
        f"template: {SEARCH_TEMPLATE}\n"
        "---\n\n"
        f"# {escape_markdown(title)}\n\n"
        f"{form}\n"
    )


def header_search(catalog: Catalog) -> dict[str, str]:
    """What the header search box template needs: where the search page is and its words."""
    strings = catalog.strings
    return {
        "search_url": SEARCH_DIR + "/",
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
        "kind": {kind.id: kind.name for kind in catalog.kinds},
    }


def facet_totals(library: Library) -> dict[str, dict[str, int]]:
    """How many topics carry each facet value."""
    totals: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for topic in library.topics:
        for facet, values in (("group", [topic.group]), ("cell_type", topic.cell_types), ("kind", [topic.kind])):
            for value in values:
                totals[facet][value] = totals[facet].get(value, 0) + 1
    return totals
