"""Generated pages as Markdown strings: topic pages, the library index, group and cell-type pages."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .data import Group
from .library import Library
from .party_document import form_document, render_html
from .provenance import Provenance
from .search import render_search_page
from .sessions import session_body
from .text import escape_html, escape_markdown
from .uris import (
    CELL_TYPES_INDEX,
    FORMS_INDEX,
    LIBRARY_INDEX,
    SEARCH_PAGE,
    Links,
    cell_type_uri,
    form_docx_uri,
    form_uri,
    group_uri,
    session_docx_uri,
    topic_uri,
)
from .validate import Topic

MARKER = re.compile(r"<!--\s*topic-library:(?P<name>[a-z-]+)\s*-->")


TOPIC_TEMPLATE = "topic.html"


@dataclass(frozen=True)
class GeneratedPage:
    """A page the library adds: its Markdown, and page meta the theme template reads (HTML, escaped)."""

    src_uri: str
    markdown: str
    source_path: str | None = None
    in_nav: bool = False
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def generated_pages(
    library: Library, use_directory_urls: bool = True, provenance: Provenance | None = None
) -> list[GeneratedPage]:
    """Every page the library adds to the site: one per topic plus the browse pages."""
    links = Links(use_directory_urls)
    provenance = provenance or Provenance()
    pages = [
        GeneratedPage(
            topic_uri(topic),
            render_topic_page(topic, library),
            topic.path,
            meta=topic_chrome(topic, library, links, provenance),
        )
        for topic in library.topics
    ]
    pages.append(GeneratedPage(LIBRARY_INDEX, render_library_index(library, links), in_nav=True))
    pages.extend(
        GeneratedPage(group_uri(group.id), render_group_page(group.id, library, links), in_nav=True)
        for group in library.catalog.groups
    )
    pages.append(GeneratedPage(CELL_TYPES_INDEX, render_cell_types_index(library, links), in_nav=True))
    pages.append(GeneratedPage(FORMS_INDEX, render_forms_index(library, links), in_nav=True))
    pages.append(GeneratedPage(SEARCH_PAGE, render_search_page(library, links)))
    pages.extend(
        GeneratedPage(form_uri(form["id"]), render_form_page(form, library, links)) for form in library.catalog.forms
    )
    pages.extend(
        GeneratedPage(cell_type_uri(cell_type.id), render_cell_type_page(cell_type.id, library, links))
        for cell_type in library.catalog.cell_types
    )
    return pages


def library_nav(groups: list[Group]) -> list[str | dict[str, str]]:
    """The library's navigation section: the index, then each group page under its short name."""
    return [LIBRARY_INDEX, *({group.short: group_uri(group.id)} for group in groups)]


def expand_markers(markdown: str, library: Library, src_uri: str, use_directory_urls: bool = True) -> str:
    """Replace `<!-- topic-library:groups -->` and `<!-- topic-library:cell-types -->` in a hand-written page."""
    links = Links(use_directory_urls)
    renderers = {
        "groups": lambda: _group_cards(library, links, src_uri),
        "cell-types": lambda: _cell_type_list(library, links, src_uri),
    }

    def replace(match: re.Match[str]) -> str:
        render = renderers.get(match.group("name"))
        return render() if render else match.group(0)

    return MARKER.sub(replace, markdown)


def render_topic_page(topic: Topic, library: Library) -> str:
    """The topic's Markdown: lead paragraph, the contributor's text, references. No raw HTML, so it renders fast."""
    body = session_body(topic, library.catalog) if topic.kind == "session" else topic.body.strip("\n")
    parts = [
        _front_matter(topic.title, topic.description, template=TOPIC_TEMPLATE),
        escape_markdown(topic.description),
        "",
        body,
        "",
        _references(topic, library),
    ]
    return "\n".join(parts)


def topic_chrome(topic: Topic, library: Library, links: Links, provenance: Provenance) -> dict[str, str]:
    """HTML around a topic's text, for the `topic.html` template: breadcrumb, title and facts; credits and the
    link that opens the topic's own file for editing."""
    catalog = library.catalog
    strings = catalog.strings
    here = topic_uri(topic)
    group = catalog.group_by_id[topic.group]
    kind = catalog.kind_by_id[topic.kind]
    trail = [(strings["library"], LIBRARY_INDEX), (group.short, group_uri(group.id))]
    updated = provenance.last_updated(topic)
    header = (
        _breadcrumb(links, here, strings["breadcrumb_label"], trail)
        + f"<h1>{escape_html(topic.title)}</h1>"
        + '<p class="tl-topic-meta">'
        + f'<span class="tl-badge tl-badge--{escape_html(topic.kind)}">{escape_html(kind.name)}</span> '
        + f"{escape_html(strings['group_label'])}: "
        + f'<a href="{links.href(here, group_uri(group.id))}">{escape_html(group.short)}</a> · '
        + f"{escape_html(strings['cell_types_label'])}: {_cell_type_links(topic, library, links, here)} · "
        + f'{escape_html(strings["updated_label"])}: <time datetime="{escape_html(updated)}">'
        + f"{escape_html(_date_vi(updated))}</time></p>"
        + _related(topic, library, links, here)
        + f'<p class="tl-note">{escape_html(strings["suggestion_note"])}</p>'
    )
    footer = ""
    if topic.contributors:
        names = ", ".join(topic.contributors)
        footer = f'<p class="tl-credits">{escape_html(strings["contributors"])}: {escape_html(names)}</p>'
    edit_url = provenance.edit_url(topic)
    if edit_url:
        footer += (
            f'<p class="tl-credits"><a class="tl-edit" href="{escape_html(edit_url)}">'
            f"{escape_html(strings['edit_page'])}</a> · {escape_html(strings['edit_page_note'])}</p>"
        )
    return {"topic_header": header, "topic_footer": footer}


def _related(topic: Topic, library: Library, links: Links, here: str) -> str:
    """A session links to the guide it runs (and its length); a guide links to its session scripts."""
    strings = library.catalog.strings
    if topic.kind == "session" and topic.guide in library.by_slug:
        guide = library.by_slug[topic.guide]
        combined = f", {escape_html(strings['session_combined'])}" if topic.combined else ""
        return (
            f'<p class="tl-related">{escape_html(strings["session_runs"])}: '
            f'<a href="{links.href(here, topic_uri(guide))}">{escape_html(guide.title)}</a> · '
            f"{escape_html(strings['session_duration'])}: {topic.duration_minutes} "
            f"{escape_html(strings['minutes_unit'])}{combined} · "
            f'<a href="{links.href(here, session_docx_uri(topic))}" download>'
            f"{escape_html(strings['download_docx'])}</a></p>"
        )
    sessions = library.sessions_of(topic)
    if not sessions:
        return ""
    items = ", ".join(f'<a href="{links.href(here, topic_uri(s))}">{escape_html(s.title)}</a>' for s in sessions)
    return f'<p class="tl-related">{escape_html(strings["guide_sessions"])}: {items}</p>'


def render_forms_index(library: Library, links: Links) -> str:
    strings = library.catalog.strings
    items = "\n".join(
        f'<li><a href="{links.href(FORMS_INDEX, form_uri(form["id"]))}">{escape_html(form["title"])}</a> · '
        f'<a href="{links.href(FORMS_INDEX, form_docx_uri(form["id"]))}" download>'
        f"{escape_html(strings['download_docx'])}</a>"
        f'<br><span class="tl-muted">{escape_html(form["description"])}</span></li>'
        for form in library.catalog.forms
    )
    return _page(strings["forms"], strings["forms_intro"], f'<ul class="tl-list tl-forms">\n{items}\n</ul>')


def render_form_page(form: dict, library: Library, links: Links) -> str:
    """A form that prints in the Party's format, with its Word download."""
    strings = library.catalog.strings
    here = form_uri(form["id"])
    actions = (
        '<p class="tl-no-print tl-actions">'
        f'<a class="md-button md-button--primary" href="{links.href(here, form_docx_uri(form["id"]))}" '
        "download>"
        f"{escape_html(strings['download_docx'])}</a> "
        '<button type="button" class="md-button" data-tl-print hidden>'
        f"{escape_html(strings['form_print'])}</button></p>"
    )
    return _page(
        form["title"],
        form["description"],
        actions,
        render_html(form_document(form, library.catalog)),
        breadcrumb=_breadcrumb(links, here, strings["breadcrumb_label"], [(strings["forms"], FORMS_INDEX)]),
    )


def render_library_index(library: Library, links: Links) -> str:
    strings = library.catalog.strings
    return _page(
        strings["library"],
        strings["library_intro"],
        f"## {escape_markdown(strings['browse_by_group'])}",
        _group_cards(library, links, LIBRARY_INDEX),
        f"## {escape_markdown(strings['browse_by_cell_type'])}",
        _cell_type_list(library, links, LIBRARY_INDEX),
    )


def render_group_page(group_id: str, library: Library, links: Links) -> str:
    strings = library.catalog.strings
    group = library.catalog.group_by_id[group_id]
    here = group_uri(group_id)
    topics = library.by_group[group_id]
    return _page(
        group.name,
        group.description,
        f'<p class="tl-count">{escape_html(strings["topics_count"].format(count=len(topics)))}</p>',
        _topic_cards(topics, library, links, here) if topics else f"<p>{escape_html(strings['no_topics'])}</p>",
        breadcrumb=_breadcrumb(links, here, strings["breadcrumb_label"], [(strings["library"], LIBRARY_INDEX)]),
    )


def render_cell_types_index(library: Library, links: Links) -> str:
    strings = library.catalog.strings
    return _page(strings["cell_types"], strings["cell_types_intro"], _cell_type_list(library, links, CELL_TYPES_INDEX))


def render_cell_type_page(cell_type_id: str, library: Library, links: Links) -> str:
    strings = library.catalog.strings
    cell_type = library.catalog.cell_type_by_id[cell_type_id]
    here = cell_type_uri(cell_type_id)
    specific, general = library.for_cell_type(cell_type_id)
    sections = [
        f"## {escape_markdown(strings['specific_topics'])}",
        _topic_cards(specific, library, links, here)
        if specific
        else f"<p>{escape_html(strings['no_cell_topics'])}</p>",
    ]
    if general:
        sections += [
            f"## {escape_markdown(strings['general_topics'])}",
            _topic_list(general, library, links, here),
        ]
    return _page(
        cell_type.name,
        cell_type.description,
        *sections,
        breadcrumb=_breadcrumb(links, here, strings["breadcrumb_label"], [(strings["cell_types"], CELL_TYPES_INDEX)]),
    )


def _page(title: str, lead: str, *sections: str, breadcrumb: str = "") -> str:
    """A browse page: front matter, optional breadcrumb, heading, lead paragraph, then sections."""
    head = [
        _front_matter(title, lead) + breadcrumb,
        f"# {escape_markdown(title)}",
        f'<p class="tl-lead">{escape_html(lead)}</p>',
    ]
    return "\n\n".join([*head, *sections]) + "\n"


def _front_matter(title: str, description: str, template: str | None = None) -> str:
    # JSON strings are valid YAML; values are pre-escaped because theme templates print them unescaped.
    lines = [
        "---",
        f"title: {json.dumps(escape_html(title), ensure_ascii=False)}",
        f"description: {json.dumps(escape_html(description), ensure_ascii=False)}",
    ]
    if template:
        lines.append(f"template: {template}")
    return "\n".join([*lines, "---", ""]) + "\n"


def _breadcrumb(links: Links, here: str, label: str, trail: list[tuple[str, str]]) -> str:
    items = ' <span aria-hidden="true">›</span> '.join(
        f'<a href="{links.href(here, uri)}">{escape_html(text)}</a>' for text, uri in trail
    )
    return f'<nav class="tl-breadcrumb" aria-label="{escape_html(label)}">{items}</nav>\n'


def _topic_cards(topics: list[Topic], library: Library, links: Links, here: str) -> str:
    kinds = library.catalog.kind_by_id
    cards = []
    for topic in topics:
        cards.append(
            '<article class="tl-card">'
            f'<h3 class="tl-card__title"><a href="{links.href(here, topic_uri(topic))}">'
            f"{escape_html(topic.title)}</a></h3>"
            f'<p class="tl-card__description">{escape_html(topic.description)}</p>'
            f'<p class="tl-card__meta"><span class="tl-badge tl-badge--{escape_html(topic.kind)}">'
            f"{escape_html(kinds[topic.kind].name)}</span> "
            f"<span>{escape_html(_cell_type_names(topic, library))}</span></p>"
            "</article>"
        )
    return '<div class="tl-cards">\n' + "\n".join(cards) + "\n</div>"


def _topic_list(topics: list[Topic], library: Library, links: Links, here: str) -> str:
    groups = library.catalog.group_by_id
    items = "\n".join(
        f'<li><a href="{links.href(here, topic_uri(t))}">{escape_html(t.title)}</a> '
        f'<span class="tl-muted">· {escape_html(groups[t.group].short)}</span></li>'
        for t in topics
    )
    return f'<ul class="tl-list">\n{items}\n</ul>'


def _group_cards(library: Library, links: Links, here: str) -> str:
    strings = library.catalog.strings
    cards = []
    for group in library.catalog.groups:
        count = len(library.by_group[group.id])
        cards.append(
            '<article class="tl-card tl-card--group">'
            f'<h3 class="tl-card__title"><a href="{links.href(here, group_uri(group.id))}">'
            f'<span class="tl-card__number">{group.order}.</span> {escape_html(group.name)}</a></h3>'
            f'<p class="tl-card__description">{escape_html(group.description)}</p>'
            f'<p class="tl-card__meta"><span class="tl-count">'
            f"{escape_html(strings['topics_count'].format(count=count))}</span></p>"
            "</article>"
        )
    return '<div class="tl-cards tl-cards--groups">\n' + "\n".join(cards) + "\n</div>"


def _cell_type_list(library: Library, links: Links, here: str) -> str:
    strings = library.catalog.strings
    items = []
    for cell_type in library.catalog.cell_types:
        specific, _ = library.for_cell_type(cell_type.id)
        count = strings["topics_count"].format(count=len(specific))
        items.append(
            f'<li><a href="{links.href(here, cell_type_uri(cell_type.id))}">{escape_html(cell_type.name)}</a> '
            f'<span class="tl-muted">· {escape_html(count)}</span></li>'
        )
    return '<ul class="tl-list tl-list--cell-types">\n' + "\n".join(items) + "\n</ul>"


def _cell_type_names(topic: Topic, library: Library) -> str:
    if topic.for_all_cell_types:
        return library.catalog.strings["all_cell_types"]
    return ", ".join(library.catalog.cell_type_by_id[c].name for c in topic.cell_types)


def _cell_type_links(topic: Topic, library: Library, links: Links, here: str) -> str:
    if topic.for_all_cell_types:
        return escape_html(library.catalog.strings["all_cell_types"])
    names = library.catalog.cell_type_by_id
    return ", ".join(
        f'<a href="{links.href(here, cell_type_uri(c))}">{escape_html(names[c].name)}</a>' for c in topic.cell_types
    )


def _references(topic: Topic, library: Library) -> str:
    """Full citations on a guide; on a session script (which must print on two pages) numbers and dates in one line."""
    documents = [library.catalog.document_by_id[ref] for ref in topic.references]
    heading = f"## {escape_markdown(library.catalog.strings['references'])}"
    if topic.kind == "session":
        return heading + "\n\n" + "; ".join(escape_markdown(d.short_citation) for d in documents) + ".\n"
    items = []
    for document in documents:
        text = escape_markdown(document.citation)
        items.append(f"- [{text}](<{document.link}>)" if document.link else f"- {text}")
    return heading + "\n\n" + "\n".join(items) + "\n"


def _date_vi(value: str) -> str:
    year, month, day = value.split("-")
    return f"{day}/{month}/{year}"
