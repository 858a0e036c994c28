"""Generated pages as Markdown strings: topic pages, the library index, group and cell-type pages.

The Markdown (front matter, headings, a topic's own text) is written here; every piece of HTML comes from the
autoescaping templates in `render/templates/pages/`: `browse.html` (the blocks of the Markdown pages) and
`topic_header.html`, `topic_footer.html` (the chrome around a topic's text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import quote

from jinja2.environment import TemplateModule
from markupsafe import Markup

from .data import Group
from .library import Library
from .papers import field_specs, form_document
from .plan_page import plan_page_markdown
from .prepare_page import prepare_page_markdown
from .provenance import Provenance
from .render.front_matter import front_matter
from .render.html import document_html
from .render.templates import render, template
from .search import render_search_page
from .sessions import session_body
from .text import escape_markdown
from .uris import (
    CELL_TYPES_INDEX,
    FORMS_INDEX,
    LIBRARY_INDEX,
    PAPERS_PACK,
    PLAN_PAGE,
    PREPARE_PAGE,
    SEARCH_PAGE,
    Links,
    cell_type_uri,
    form_docx_uri,
    form_uri,
    group_pack_uri,
    group_uri,
    session_docx_uri,
    topic_uri,
)
from .validate import Topic

MARKER = re.compile(r"<!--\s*topic-library:(?P<name>[a-z-]+)\s*-->")


TOPIC_TEMPLATE = "topic.html"
# The pages that use session.js (start time, print button) load it through their template; no other page does.
SESSION_TEMPLATE = "session.html"
FORM_TEMPLATE = "form.html"
BROWSE_BLOCKS = "pages/browse.html"
TOPIC_HEADER = "pages/topic_header.html"
TOPIC_FOOTER = "pages/topic_footer.html"
# Kinds whose page links to "Chuẩn bị buổi sinh hoạt" with the topic chosen (`?cd=<slug>`).
PREPARE_KINDS = ("guide", "session")


@dataclass(frozen=True)
class GeneratedPage:
    """A page the library adds: its Markdown, and page meta the theme template reads (HTML, escaped)."""

    src_uri: str
    markdown: str
    source_path: str | None = None
    in_nav: bool = False
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


class Link(NamedTuple):
    """A link for a template: its text (escaped there) and its href (escaped already, by `Links.href`)."""

    text: str
    href: Markup


class TopicCard(NamedTuple):
    link: Link
    description: str
    kind: str
    kind_name: str
    cell_types: str


class GroupCard(NamedTuple):
    link: Link
    number: int
    description: str
    count: str


class NotedLink(NamedTuple):
    """A list item: a link and the muted note after it."""

    link: Link
    note: str


class FormItem(NamedTuple):
    link: Link
    docx_href: Markup
    description: str


def generated_pages(
    library: Library, use_directory_urls: bool = True, provenance: Provenance | None = None, print_packs: bool = False
) -> list[GeneratedPage]:
    """Every page the library adds to the site: one per topic plus the browse pages. With `print_packs` (a site
    that scripts/print_packs.py prints into) the group pages and the forms page link to their PDF."""
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
        GeneratedPage(group_uri(group.id), render_group_page(group.id, library, links, print_packs), in_nav=True)
        for group in library.catalog.groups
    )
    pages.append(GeneratedPage(CELL_TYPES_INDEX, render_cell_types_index(library, links), in_nav=True))
    pages.append(GeneratedPage(FORMS_INDEX, render_forms_index(library, links, print_packs), in_nav=True))
    pages.append(GeneratedPage(SEARCH_PAGE, render_search_page(library, links)))
    prepare_markdown, prepare_meta = prepare_page_markdown(library, links)
    pages.append(GeneratedPage(PREPARE_PAGE, prepare_markdown, in_nav=True, meta=prepare_meta))
    plan_markdown, plan_meta = plan_page_markdown(library, links)
    pages.append(GeneratedPage(PLAN_PAGE, plan_markdown, in_nav=True, meta=plan_meta))
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
    template = SESSION_TEMPLATE if topic.kind == "session" else TOPIC_TEMPLATE
    head = front_matter(topic.title, topic.description, template=template)
    return "\n".join([head, topic_text_markdown(topic, library)])


def topic_text_markdown(topic: Topic, library: Library) -> str:
    """The text of a topic's page (the print packs print it too): lead, the contributor's text, references."""
    if topic.kind == "session":
        body = session_body(topic, library.catalog, library.by_slug.get(topic.guide or ""))
    else:
        body = topic.body.strip("\n")
    return "\n".join([escape_markdown(topic.description), "", body, "", _references(topic, library)])


def topic_chrome(topic: Topic, library: Library, links: Links, provenance: Provenance) -> dict[str, str]:
    """HTML around a topic's text, for the `topic.html` template: breadcrumb, title and facts, related topics
    and the link that prepares a meeting on it; credits and the link that opens the topic's own file for editing."""
    catalog = library.catalog
    strings = catalog.strings
    here = topic_uri(topic)
    group = catalog.group_by_id[topic.group]
    updated = provenance.last_updated(topic)
    header = render(
        TOPIC_HEADER,
        strings=strings,
        trail=_trail(links, here, [(strings["library"], LIBRARY_INDEX), (group.short, group_uri(group.id))]),
        title=topic.title,
        kind=topic.kind,
        kind_name=catalog.kind_by_id[topic.kind].name,
        group=_link(links, here, group.short, group_uri(group.id)),
        cell_types=_cell_type_links(topic, library, links, here),
        updated=updated,
        updated_vi=_date_vi(updated),
        prepare_href=_prepare_href(topic, links, here),
        **_related(topic, library, links, here),
    )
    footer = render(
        TOPIC_FOOTER, strings=strings, contributors=list(topic.contributors), edit_url=provenance.edit_url(topic)
    )
    return {"topic_header": header, "topic_footer": footer}


def render_forms_index(library: Library, links: Links, print_packs: bool = False) -> str:
    strings = library.catalog.strings
    forms = [
        FormItem(
            _link(links, FORMS_INDEX, form["title"], form_uri(form["id"])),
            _href(links, FORMS_INDEX, form_docx_uri(form["id"])),
            form["description"],
        )
        for form in library.catalog.forms
    ]
    sections = [_blocks().form_list(forms, strings["download_docx"])]
    if print_packs:
        sections.append(_blocks().pack_link(_href(links, FORMS_INDEX, PAPERS_PACK), strings["pack_papers_link"]))
    return _page(strings["forms"], strings["forms_intro"], *sections)


def render_form_page(form: dict, library: Library, links: Links) -> str:
    """A form that prints in the Party's format, with its Word download."""
    strings = library.catalog.strings
    here = form_uri(form["id"])
    actions = _blocks().form_actions(
        _href(links, here, form_docx_uri(form["id"])), strings["download_docx"], strings["form_print"]
    )
    return _page(
        form["title"],
        form["description"],
        actions,
        document_html(form_document(form, library.catalog), field_specs(library.catalog)),
        breadcrumb=_breadcrumb(links, here, strings["breadcrumb_label"], [(strings["forms"], FORMS_INDEX)]),
        template=FORM_TEMPLATE,
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


def render_group_page(group_id: str, library: Library, links: Links, print_packs: bool = False) -> str:
    """A group's topic cards; the link to the group's PDF when the site carries the print packs (a group without
    topics has none)."""
    strings = library.catalog.strings
    group = library.catalog.group_by_id[group_id]
    here = group_uri(group_id)
    topics = library.by_group[group_id]
    sections = [_blocks().paragraph(strings["topics_count"].format(count=len(topics)), "tl-count")]
    if print_packs and topics:
        sections.append(_blocks().pack_link(_href(links, here, group_pack_uri(group_id)), strings["pack_group_link"]))
    sections.append(_topic_cards(topics, library, links, here) if topics else _blocks().paragraph(strings["no_topics"]))
    return _page(
        group.name,
        group.description,
        *sections,
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
        _topic_cards(specific, library, links, here) if specific else _blocks().paragraph(strings["no_cell_topics"]),
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


def _page(title: str, lead: str, *sections: str, breadcrumb: str = "", template: str | None = None) -> str:
    """A browse page: front matter (with its theme template, if not the default), optional breadcrumb, heading,
    lead paragraph, then sections."""
    head = [
        front_matter(title, lead, template) + breadcrumb,
        f"# {escape_markdown(title)}",
        _blocks().paragraph(lead, "tl-lead"),
    ]
    return "\n\n".join([*head, *sections]) + "\n"


def _blocks() -> TemplateModule:
    """The macros of `pages/browse.html`; each returns one block of HTML (Markup)."""
    return template(BROWSE_BLOCKS).module


def _breadcrumb(links: Links, here: str, label: str, trail: list[tuple[str, str]]) -> str:
    return str(_blocks().page_breadcrumb(label, _trail(links, here, trail))) + "\n"


def _related(topic: Topic, library: Library, links: Links, here: str) -> dict[str, object]:
    """A session links to the guide it runs (and its length, and its Word file); a guide to its session scripts."""
    if topic.kind == "session" and topic.guide in library.by_slug:
        guide = library.by_slug[topic.guide]
        return {
            "guide": _link(links, here, guide.title, topic_uri(guide)),
            "duration_minutes": topic.duration_minutes,
            "combined": topic.combined,
            "docx_href": _href(links, here, session_docx_uri(topic)),
            "sessions": [],
        }
    sessions = [_link(links, here, s.title, topic_uri(s)) for s in library.sessions_of(topic)]
    return {"guide": None, "sessions": sessions}


def _prepare_href(topic: Topic, links: Links, here: str) -> Markup | None:
    """ "Chuẩn bị buổi sinh hoạt" with this topic chosen, from its page; None for kinds that have no meeting."""
    if topic.kind not in PREPARE_KINDS:
        return None
    return _href(links, here, PREPARE_PAGE) + f"?cd={quote(topic.slug)}"


def _topic_cards(topics: list[Topic], library: Library, links: Links, here: str) -> str:
    kinds = library.catalog.kind_by_id
    cards = [
        TopicCard(
            _link(links, here, topic.title, topic_uri(topic)),
            topic.description,
            topic.kind,
            kinds[topic.kind].name,
            _cell_type_names(topic, library),
        )
        for topic in topics
    ]
    return _blocks().topic_cards(cards)


def _topic_list(topics: list[Topic], library: Library, links: Links, here: str) -> str:
    groups = library.catalog.group_by_id
    items = [NotedLink(_link(links, here, t.title, topic_uri(t)), groups[t.group].short) for t in topics]
    return _blocks().link_list(items)


def _group_cards(library: Library, links: Links, here: str) -> str:
    strings = library.catalog.strings
    cards = [
        GroupCard(
            _link(links, here, group.name, group_uri(group.id)),
            group.order,
            group.description,
            strings["topics_count"].format(count=len(library.by_group[group.id])),
        )
        for group in library.catalog.groups
    ]
    return _blocks().group_cards(cards)


def _cell_type_list(library: Library, links: Links, here: str) -> str:
    strings = library.catalog.strings
    items = [
        NotedLink(
            _link(links, here, cell_type.name, cell_type_uri(cell_type.id)),
            strings["topics_count"].format(count=len(library.for_cell_type(cell_type.id)[0])),
        )
        for cell_type in library.catalog.cell_types
    ]
    return _blocks().link_list(items, "tl-list tl-list--cell-types")


def _cell_type_names(topic: Topic, library: Library) -> str:
    if topic.for_all_cell_types:
        return library.catalog.strings["all_cell_types"]
    return ", ".join(library.catalog.cell_type_by_id[c].name for c in topic.cell_types)


def _cell_type_links(topic: Topic, library: Library, links: Links, here: str) -> list[Link]:
    """Links to the topic's cell-type pages; none for a topic for every cell type (the template says so)."""
    if topic.for_all_cell_types:
        return []
    names = library.catalog.cell_type_by_id
    return [_link(links, here, names[c].name, cell_type_uri(c)) for c in topic.cell_types]


def _trail(links: Links, here: str, trail: list[tuple[str, str]]) -> list[Link]:
    return [_link(links, here, text, uri) for text, uri in trail]


def _link(links: Links, here: str, text: str, uri: str) -> Link:
    return Link(text, _href(links, here, uri))


def _href(links: Links, here: str, uri: str) -> Markup:
    """`Links.href` escapes the URL already: marked safe, so the template does not escape it twice."""
    return Markup(links.href(here, uri))


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
