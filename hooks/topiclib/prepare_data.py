"""The data of the meeting-papers page (chuan-bi/) as scripts the browser loads, from file:// too:

- `chuyen-de.js`: the topics it can choose from (sessions and guides), one short row each;
- `word.js`: the fixed parts of a .docx and the page layout in Word units (render/docx.py `docx_kit`), and the
  blanks and prefixes of the fields;
- `cd/<slug>.js`: the five papers of a meeting on that topic, as document models, without and with the monthly
  meeting combined ("0", "1"). Loaded only when the topic is chosen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .library import Library
from .papers import field_specs, meeting_documents, meeting_for
from .render.docx import docx_kit
from .uris import PREPARE_PAGE, PREPARE_TOPICS_JS, PREPARE_WORD_JS, Links, prepare_data_uri, topic_uri
from .validate import Topic


@dataclass(frozen=True)
class DataScript:
    src_uri: str
    content: str


def prepare_data(library: Library, links: Links) -> list[DataScript]:
    """Every data script of the meeting-papers page."""
    catalog = library.catalog
    topics = [topic for topic in library.topics if topic.kind in ("session", "guide")]
    scripts = [
        DataScript(PREPARE_TOPICS_JS, _script("topics", [topic_row(t, library, links) for t in topics])),
        DataScript(PREPARE_WORD_JS, _script("kit", docx_kit(catalog.print_format), fields=field_specs(catalog))),
    ]
    scripts.extend(
        DataScript(prepare_data_uri(t.slug), _papers_script(t.slug, meeting_papers(t, library))) for t in topics
    )
    return scripts


def topic_row(topic: Topic, library: Library, links: Links) -> list[Any]:
    """[slug, title, kind, group's short name, words to match besides the title, page URL from chuan-bi/,
    group id, cell types ("all" or ids), quarters the guide suggests (a session: its guide's), the guide it is
    about (a guide: itself; a session: the guide it runs)]."""
    catalog = library.catalog
    cell_types = [catalog.cell_type_by_id[c].name for c in topic.cell_types if c in catalog.cell_type_by_id]
    keywords = " ".join([*topic.tags, catalog.group_by_id[topic.group].short, *cell_types])
    return [
        topic.slug,
        topic.title,
        topic.kind,
        catalog.group_by_id[topic.group].short,
        keywords,
        links.href(PREPARE_PAGE, topic_uri(topic)),
        topic.group,
        list(topic.cell_types),
        list(_quarters(topic, library)),
        topic.guide if topic.kind == "session" and topic.guide else topic.slug,
    ]


def _quarters(topic: Topic, library: Library) -> tuple[int, ...]:
    guide = library.by_slug.get(topic.guide or "") if topic.kind == "session" else None
    return topic.quarters or (guide.quarters if guide else ())


def meeting_papers(topic: Topic, library: Library) -> dict[str, Any]:
    """The five papers of a meeting on `topic`, for ket_hop 0 and 1, as JSON-ready document models."""
    catalog = library.catalog
    guide = library.by_slug.get(topic.guide) if topic.kind == "session" else topic
    by_combined: dict[str, list[Any]] = {}
    for key, combined in (("0", False), ("1", True)):
        meeting = meeting_for(topic, guide, catalog, combined=combined)
        by_combined[key] = [document.to_json() for document in meeting_documents(meeting, catalog)]
    default = meeting_for(topic, guide, catalog)
    return {
        "slug": topic.slug,
        "title": topic.title,
        "kind": topic.kind,
        "guide": guide.slug if guide else None,
        "start": default.start,
        "combined": default.combined,
        "papers": by_combined,
    }


def _script(key: str, value: Any, **more: Any) -> str:
    """`window.TLData.<key> = …;` (and the `more` keys): JSON is valid JavaScript; "<" is escaped, so no text in
    it can close a script element."""
    lines = ["(window.TLData = window.TLData || {});"]
    for name, item in {key: value, **more}.items():
        lines.append(f"window.TLData.{name} = {script_json(item)};")
    return "\n".join(lines) + "\n"


def _papers_script(slug: str, papers: dict[str, Any]) -> str:
    """The papers of one topic; a paper that is the same with and without the monthly meeting is written once
    (null in "1") and filled back in by the script itself."""
    first, second = papers["papers"]["0"], papers["papers"]["1"]
    compact = {
        **papers,
        "papers": {"0": first, "1": [None if b == a else b for a, b in zip(first, second, strict=True)]},
    }
    return (
        "(window.TLData = window.TLData || {}).papers = window.TLData.papers || {};\n"
        f"window.TLData.papers[{script_json(slug)}] = (function (p) {{\n"
        '  p.papers["1"] = p.papers["1"].map(function (d, i) { return d || p.papers["0"][i]; });\n'
        "  return p;\n"
        f"}})({script_json(compact)});\n"
    )


def script_json(value: Any) -> str:
    """JSON to put in a script: "<" and the line separators escaped, so no text can close the script element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
