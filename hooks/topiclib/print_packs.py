"""Print packs: one PDF per topic group (its guides, each followed by the scripts that run it) and one of every
session script and every form, each pack one HTML page that Chromium prints (topiclib.pdf_print).

The documents are the site's own: a guide is its page's text (`pages.topic_text_markdown`, read by Python-Markdown
as MkDocs reads it), a script and a form are their papers (`papers.py` through `render/html.py`), as their pages
print them. The page links the site's stylesheets, so the papers print in the format of print_format.yml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import markdown
from jinja2.environment import TemplateModule
from markupsafe import Markup

from .data import Catalog, Group
from .library import Library
from .markdown_blocks import ParenthesisListExtension
from .pages import topic_text_markdown
from .papers import field_specs, form_document, meeting_for, script_document
from .print_css import PRINT_CSS_URI
from .render.html import document_html
from .render.templates import template
from .uris import PAPERS_PACK, group_pack_uri
from .validate import Topic

PACK_TEMPLATE = "print_pack.html"
# The site's stylesheets the pack links, in the site's order: the papers' layout and print rules, then the
# print format (font, sizes, A4 margins) generated from print_format.yml.
STYLESHEETS = ("assets/stylesheets/library.css", PRINT_CSS_URI)


@dataclass(frozen=True)
class PackDocument:
    """One document of a pack: it starts a page, and its line in the contents links to `anchor`."""

    anchor: str
    title: str
    kind_name: str
    html: Markup


@dataclass(frozen=True)
class Pack:
    """A PDF of the site: where it goes (`uri`, see uris.py), its heading and lead, its documents in order."""

    uri: str
    title: str
    short: str
    lead: str
    documents: tuple[PackDocument, ...]


def print_packs(library: Library) -> list[Pack]:
    """The packs of a library: one per group that has topics, then the scripts and forms."""
    packs = [_group_pack(group, library) for group in library.catalog.groups if library.by_group[group.id]]
    packs.append(_papers_pack(library))
    return packs


def pack_html(
    pack: Pack, catalog: Catalog, stylesheets: list[str], printed_on: str, pages: dict[str, int] | None = None
) -> str:
    """The pack as one HTML page: a first page with the contents (page numbers from `pages`, blank without),
    then every document on a new page. `stylesheets` are the URLs of STYLESHEETS; `printed_on` a date, dd/mm/yyyy."""
    strings = catalog.strings
    return str(
        _macros().page(
            pack,
            strings,
            document_title(pack, catalog),
            stylesheets,
            catalog.print_format["font"],
            strings["pack_printed"].format(date=printed_on),
            pages or {},
        )
    )


def footer_html(pack: Pack, catalog: Catalog) -> str:
    """The footer Chromium prints on every page: the pack's name and the page number."""
    strings = catalog.strings
    return str(_macros().footer(strings["site_name"], pack.short, strings["pack_page"], catalog.print_format))


def document_title(pack: Pack, catalog: Catalog) -> str:
    """The PDF's title (its metadata, from the page's <title>)."""
    strings = catalog.strings
    return strings["pack_document_title"].format(site_name=strings["site_name"], title=pack.title)


def _group_pack(group: Group, library: Library) -> Pack:
    """A group's guides in the library's order, each followed by its scripts; a script whose guide is elsewhere
    (which validation does not let through) would come last."""
    strings = library.catalog.strings
    topics = library.by_group[group.id]
    ordered: list[Topic] = []
    for guide in (topic for topic in topics if topic.kind == "guide"):
        ordered += [guide, *library.sessions_of(guide)]
    placed = {topic.slug for topic in ordered}
    ordered += [topic for topic in topics if topic.slug not in placed]
    return Pack(
        uri=group_pack_uri(group.id),
        title=strings["pack_group_title"].format(number=group.order, name=group.name),
        short=group.short,
        lead=strings["pack_group_lead"],
        documents=tuple(_topic_document(index, topic, library) for index, topic in enumerate(ordered, 1)),
    )


def _papers_pack(library: Library) -> Pack:
    catalog = library.catalog
    strings = catalog.strings
    sessions = [topic for group in catalog.groups for topic in library.by_group[group.id] if topic.kind == "session"]
    documents = [_topic_document(index, topic, library) for index, topic in enumerate(sessions, 1)]
    documents += [
        PackDocument(
            _anchor(len(sessions) + index),
            form["title"],
            strings["forms"],
            Markup(document_html(form_document(form, catalog), field_specs(catalog))),
        )
        for index, form in enumerate(catalog.forms, 1)
    ]
    return Pack(
        uri=PAPERS_PACK,
        title=strings["pack_papers_title"],
        short=strings["pack_papers_title"],
        lead=strings["pack_papers_lead"],
        documents=tuple(documents),
    )


def _topic_document(index: int, topic: Topic, library: Library) -> PackDocument:
    """A script as its paper; a guide as its page's text under its title, kind, group and cell types."""
    catalog = library.catalog
    kind_name = catalog.kind_by_id[topic.kind].name
    if topic.kind == "session":
        meeting = meeting_for(topic, library.by_slug.get(topic.guide or ""), catalog)
        html = Markup(document_html(script_document(meeting, catalog), field_specs(catalog)))
    else:
        strings = catalog.strings
        cell_types = (
            [strings["all_cell_types"]]
            if topic.for_all_cell_types
            else [catalog.cell_type_by_id[c].name for c in topic.cell_types]
        )
        html = _macros().guide(
            topic.title,
            [kind_name, catalog.group_by_id[topic.group].short, ", ".join(cell_types)],
            Markup(_markdown_html(topic_text_markdown(topic, library))),
        )
    return PackDocument(_anchor(index), topic.title, kind_name, html)


def _anchor(index: int) -> str:
    return f"tai-lieu-{index}"


def _macros() -> TemplateModule:
    """The macros of print_pack.html: the page, a guide, the footer."""
    return template(PACK_TEMPLATE).module


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions the site reads topic pages with (mkdocs.yml), less the heading ids."""
    return markdown.Markdown(extensions=["tables", ParenthesisListExtension()])


def _markdown_html(source: str) -> str:
    md = _markdown()
    md.reset()
    return md.convert(source)
