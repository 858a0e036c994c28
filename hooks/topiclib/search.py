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

from .data import Catalog
from .library import Library
from .text import escape_html, unify_tone_placement
from .uris import LIBRARY_INDEX, PAGEFIND_DIR, SEARCH_DIR, SEARCH_PAGE, Links, topic_uri
from .validate import Topic

STROKE = "\u0335"
SEARCH_TEMPLATE = "search.html"
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


def index_form(text: str) -> str:
    """Text as the index holds it: one tone placement, "đ" spelt "d" + U+0335 (folds to "d")."""
    return unify_tone_placement(text).replace("đ", "d" + STROKE).replace("Đ", "D" + STROKE)


def topic_record(topic: Topic, library: Library, url: str) -> SearchRecord:
    """The document Pagefind indexes for a topic page: its title, description and tags, weighted.

    The indexed text is lower-case: Pagefind's bonus for a word typed with the page's own diacritics compares
    words as they stand, so "Đảng" at the start of a title would miss it. What a result shows travels as
    metadata in its real case (index form: `search.js` restores "đ" and marks the matched words). Pagefind
    also boosts pages whose title metadata holds a query word. Filters carry the facet values of the search
    page. Everything from front matter is HTML-escaped.
    """
    catalog = library.catalog
    meta = {
        "title": topic.title,
        "description": topic.description,
        "tags": ", ".join(topic.tags),
        "group": catalog.group_by_id[topic.group].short,
        "kind": catalog.kind_by_id[topic.kind].name,
    }
    head = [
        f'<meta data-pagefind-meta="{key}[content]" content="{escape_html(index_form(value))}">'
        for key, value in meta.items()
        if value
    ]
    filters = {"group": [topic.group], "cell_type": list(topic.cell_types), "kind": [topic.kind]}
    head += [
        f'<meta data-pagefind-filter="{name}[content]" content="{escape_html(value)}">'
        for name, values in filters.items()
        for value in values
    ]
    body = [f"<h1>{_indexed(topic.title)}</h1>"]
    body.append(f'<p data-pagefind-weight="{WEIGHT_DESCRIPTION}">{_indexed(topic.description)}</p>')
    if topic.tags:
        body.append(f'<p data-pagefind-weight="{WEIGHT_TAGS}">{_indexed(meta["tags"])}</p>')
    html = (
        '<!DOCTYPE html><html lang="vi"><head>'
        + "".join(head)
        + "</head><body><main data-pagefind-body>"
        + "\n".join(body)
        + "</main></body></html>"
    )
    return SearchRecord(url, html)


def _indexed(text: str) -> str:
    return escape_html(index_form(text).lower())


def search_records(library: Library, links: Links) -> list[SearchRecord]:
    """One record per topic page, at the URL the page is built to."""
    return [topic_record(topic, library, links.url(topic_uri(topic))) for topic in library.topics]


def render_search_page(library: Library, links: Links) -> str:
    """The search page: a form that works as a plain GET, facet checkboxes with counts, the results list.

    The counts are the library's totals; `search.js` replaces them with the counts for the current query. The
    words `search.js` shows come from the strings data file, passed in `data-tl-strings`.
    """
    catalog = library.catalog
    strings = catalog.strings
    here = SEARCH_PAGE
    totals = facet_totals(library)
    labels = facet_labels(library)
    fieldsets = []
    for facet in FACETS:
        options = "\n".join(
            f'<label class="tl-facet__option"><input type="checkbox" name="{facet}" value="{escape_html(value)}">'
            f" <span>{escape_html(label)}</span>"
            f' <span class="tl-facet__count" data-tl-count>{totals[facet].get(value, 0)}</span></label>'
            for value, label in labels[facet].items()
        )
        fieldsets.append(
            f'<fieldset class="tl-facet" data-tl-facet="{facet}">'
            f"<legend>{escape_html(strings[f'search_facet_{facet}'])}</legend>\n{options}\n</fieldset>"
        )
    pagefind = links.href(here, PAGEFIND_DIR)
    root = links.href(here, "index.md")
    library_href = links.href(here, LIBRARY_INDEX)
    script_strings = {key[len("search_js_") :]: value for key, value in strings.items() if key.startswith("search_js_")}
    title = strings["search_title"]
    return (
        "---\n"
        f'title: "{escape_html(title)}"\n'
        f'description: "{escape_html(strings["search_intro"])}"\n'
        f"template: {SEARCH_TEMPLATE}\n"
        "---\n\n"
        f"# {escape_html(title)}\n\n"
        f'<form class="tl-search" role="search" method="get" action="./" data-tl-search'
        f' data-tl-pagefind="{pagefind}" data-tl-root="{root}"'
        f' data-tl-strings="{escape_html(json.dumps(script_strings, ensure_ascii=False))}">\n'
        f'<label class="tl-search__label" for="tl-search-input">{escape_html(strings["search_label"])}</label>\n'
        '<div class="tl-search__box">'
        f'<input id="tl-search-input" class="tl-search__input" type="search" name="{QUERY_PARAM}"'
        ' autocomplete="off" autocapitalize="off" spellcheck="false" enterkeyhint="search"'
        f' aria-describedby="tl-search-hint" aria-controls="{RESULTS_ID}"'
        f' placeholder="{escape_html(strings["search_placeholder"])}">'
        f'<button class="md-button md-button--primary" type="submit">{escape_html(strings["search_button"])}</button>'
        "</div>\n"
        f'<p id="tl-search-hint" class="tl-search__hint">{escape_html(strings["search_hint"])}</p>\n'
        '<details class="tl-facets" data-tl-facets>'
        f"<summary>{escape_html(strings['search_filters'])} <span data-tl-chosen></span></summary>\n"
        + "\n".join(fieldsets)
        + "\n</details>\n</form>\n"
        '<p id="search-status" class="tl-search__status" role="status" aria-live="polite" aria-atomic="true"></p>\n'
        f'<ol id="{RESULTS_ID}" class="tl-search__results"></ol>\n'
        f'<button type="button" class="md-button tl-search__more" data-tl-more hidden>'
        f"{escape_html(strings['search_more'])}</button>\n"
        f'<noscript><p class="tl-search__status">{escape_html(strings["search_noscript"])} '
        f'<a href="{library_href}">{escape_html(strings["browse_by_group"])}</a></p></noscript>\n'
        f"<template data-tl-empty><p>{escape_html(strings['search_empty'])}</p><ul>"
        f"<li>{escape_html(strings['search_empty_fewer'])}</li>"
        f"<li>{escape_html(strings['search_empty_filters'])}</li>"
        f'<li><a href="{library_href}">{escape_html(strings["search_empty_browse"])}</a></li></ul></template>\n'
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
