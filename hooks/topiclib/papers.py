"""The papers of one thematic meeting, built once as document models (document.py) from the data and the topic.

- `script_document`: the session script (a session topic's own agenda, or the standard order of
  meeting_steps.yml with HD 42 minutes for a guide that has no script);
- `draft_document`: the guide's outline (its "Dàn ý dự thảo") as a draft in the Party format;
- `form_document`: a form of forms.yml, blank, or with the topic and the agenda put in (minutes, conclusion,
  report).
Fields the user types (meeting_papers.yml) stay fields: the renderers print them blank or filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from .agenda import AgendaItem
from .content import section_headings, section_text
from .data import Catalog
from .document import Block, Document, FieldSpecs, Inline, text
from .markdown_blocks import markdown_blocks
from .validate import Topic

_PLACEHOLDER = re.compile(r"\{([a-z_]+)(?::([a-z]+))?\}")
TOPIC_NAME = "chuyen_de"


@dataclass(frozen=True)
class Meeting:
    """What the papers of one meeting are made from: the topic, the guide it runs, its agenda and length."""

    topic: Topic | None
    guide: Topic | None
    agenda: tuple[AgendaItem, ...]
    combined: bool
    start: str

    @property
    def duration(self) -> int:
        return sum(item.minutes for item in self.agenda)


def field_specs(catalog: Catalog) -> FieldSpecs:
    """Blank widths and prefixes of the form's fields, and of the topic's title."""
    papers = catalog.meeting_papers
    specs = {f["id"]: {key: f[key] for key in ("blank", "prefix", "format") if key in f} for f in papers["fields"]}
    specs[TOPIC_NAME] = {"blank": papers["topic_blank"]}
    return specs


def meeting_for(topic: Topic, guide: Topic | None, catalog: Catalog, combined: bool | None = None) -> Meeting:
    """The meeting a topic is run in; `combined` (with the monthly meeting) defaults to the script's own choice.

    A session keeps its agenda, with the monthly meeting's step added before the closing (or taken out) when
    `combined` differs from the script. A guide gets the standard order with each step's default minutes.
    """
    papers = catalog.meeting_papers
    step_id, extra = papers["combined_step"], papers["combined_minutes"]
    if topic.kind == "session":
        agenda = list(topic.agenda)
        own = bool(topic.combined)
        start = topic.start_time or catalog.meeting["default_start_time"]
    else:
        steps = catalog.meeting["steps"]
        agenda = [AgendaItem(s["id"], s["minutes"], s["lead"], s["description"]) for s in steps if "minutes" in s]
        own = False
        start = catalog.meeting["default_start_time"]
    combined = own if combined is None else combined
    has_step = any(item.step == step_id for item in agenda)
    if combined and not has_step:
        step = next(s for s in catalog.meeting["steps"] if s["id"] == step_id)
        closing = next((i for i, item in enumerate(agenda) if item.step == "be-mac"), len(agenda))
        agenda.insert(
            closing, AgendaItem(step_id, extra, step["lead"], step["description"] if topic.kind != "session" else "")
        )
    elif not combined and has_step:
        agenda = [item for item in agenda if item.step != step_id]
    return Meeting(topic, guide, tuple(agenda), combined, start)


def script_document(meeting: Meeting, catalog: Catalog) -> Document:
    """The session script: time and place, purpose, roles, the timed agenda, the topic's other sections, checklists."""
    paper = _paper(catalog, "kich-ban")
    strings = catalog.strings
    topic = meeting.topic
    context = _context(meeting)
    sections = catalog.meeting_papers["sections"]
    if topic is not None and topic.kind == "session":
        purpose, rest = _first_section(topic.body)
    else:
        guide_body = meeting.guide.body if meeting.guide else ""
        purpose = _section(guide_body, sections["purpose"], with_heading=True)
        rest = _section(guide_body, sections["questions"], with_heading=True)
    role_fields = catalog.meeting_papers["role_fields"]
    roles = (
        topic.roles if topic is not None and topic.kind == "session" else [r["id"] for r in catalog.meeting["roles"]]
    )
    blocks: list[Block] = [
        _paragraph(paper["time_line"], context),
        _paragraph(paper["attendance_line"], context),
        *markdown_blocks(purpose),
        _heading(strings["session_roles"]),
        {
            "kind": "list",
            "style": "bullet",
            "start": 1,
            "items": [
                expand(
                    paper["role_line"].replace("{name}", "{" + role_fields[role] + "}"),
                    {"role": catalog.role_names[role]},
                )
                for role in roles
                if role in role_fields
            ],
        },
        _heading(strings["session_agenda"]),
        agenda_table(meeting, catalog),
        *markdown_blocks(rest),
        _heading(strings["session_before"]),
        _checklist(catalog.meeting["before"]),
        _heading(strings["session_after"]),
        _checklist(catalog.meeting["after"]),
    ]
    document = _document(paper, meeting, catalog, blocks, context, paper["summary"], None, [], paper["signature_right"])
    return replace(document, compact=True)


def agenda_table(meeting: Meeting, catalog: Catalog) -> Block:
    """The agenda as a table: clock times from the start, the step (with its notes), who leads it, minutes."""
    strings = catalog.strings
    rows = []
    offset = 0
    for item in meeting.agenda:
        content: list[Inline] = [text(catalog.step_names[item.step])]
        if item.notes:
            content += [{"break": True}, text(item.notes, italic=True)]
        rows.append(
            [
                [{"clock": offset}, text("–"), {"clock": offset + item.minutes}],
                content,
                [text(catalog.role_names[item.lead])],
                [text(str(item.minutes))],
            ]
        )
        offset += item.minutes
    label = strings["col_total"] + (f" ({strings['session_combined']})" if meeting.combined else "")
    return {
        "kind": "table",
        "columns": [strings[key] for key in ("col_time", "col_step", "col_lead", "col_minutes")],
        "widths": [17, 55, 19, 9],
        "rows": rows,
        "foot": {"label": [text(label)], "value": [text(str(meeting.duration))]},
        "stacked": True,
    }


def draft_document(meeting: Meeting, catalog: Catalog) -> Document:
    """The guide's outline as the draft the presenter writes: who prepares it, the outline, the questions."""
    paper = _paper(catalog, "du-thao")
    sections = catalog.meeting_papers["sections"]
    context = _context(meeting)
    body = meeting.guide.body if meeting.guide else ""
    title = meeting.guide.title if meeting.guide else None
    context = {**context, TOPIC_NAME: title} if title else context
    questions = markdown_blocks(_section(body, sections["questions"]))
    blocks: list[Block] = [
        _paragraph(paper["presenter_line"], context),
        *markdown_blocks(_section(body, sections["outline"]), heading_offset=-1),
    ]
    if questions:
        blocks += [_heading(paper["questions_heading"]), *questions]
    return _document(
        paper,
        meeting,
        catalog,
        blocks,
        context,
        paper["summary"],
        None,
        paper["signature_left"],
        paper["signature_right"],
    )


def meeting_documents(meeting: Meeting, catalog: Catalog) -> list[Document]:
    """The papers of a meeting in the order of meeting_papers.yml: the script and the draft from the topic, the
    others from their forms."""
    builders = {"kich-ban": script_document, "du-thao": draft_document}
    return [
        meeting_form(paper["id"], meeting, catalog) if "form" in paper else builders[paper["id"]](meeting, catalog)
        for paper in catalog.meeting_papers["papers"]
    ]


def meeting_form(paper_id: str, meeting: Meeting, catalog: Catalog) -> Document:
    """Minutes, conclusion or report: the form of forms.yml with this meeting's topic and agenda."""
    paper = _paper(catalog, paper_id)
    form = next(f for f in catalog.forms if f["id"] == paper["form"])
    return form_document(form, catalog, meeting, paper)


def form_document(
    form: dict[str, Any], catalog: Catalog, meeting: Meeting | None = None, paper: dict[str, Any] | None = None
) -> Document:
    """A form of forms.yml: blank (no meeting) or with the meeting's topic and agenda put in."""
    context = _context(meeting) if meeting else {}
    blocks: list[Block] = []
    for entry in form["blocks"]:
        blocks.extend(_form_blocks(entry, context, meeting, catalog))
    left = form["signature"]["left"].split("\n")
    right = form["signature"]["right"].split("\n")
    number = f"Số …-{form['code']}/CB" if form.get("code") else None
    descriptor = paper or {"id": form["id"], "name": form["title"], "file": form["id"]}
    return _document(
        descriptor, meeting, catalog, blocks, context, form["summary"], number, left, right, form.get("doc_type", "")
    )


def _form_blocks(
    entry: dict[str, Any], context: dict[str, str], meeting: Meeting | None, catalog: Catalog
) -> list[Block]:
    kind, value = next(iter(entry.items()))
    if kind == "heading":
        return [{"kind": "heading", "level": 1, "text": expand(value, context)}]
    if kind == "paragraph":
        return [{"kind": "paragraph", "text": expand(value, context)}]
    if kind == "list":
        return [{"kind": "list", "style": "bullet", "start": 1, "items": [expand(item, context) for item in value]}]
    if kind == "lines":
        return [{"kind": "lines", "count": int(value)}]
    if kind == "plan_table":
        return [plan_table(value)]
    if kind == "table":
        columns = list(value["columns"])
        return [
            {
                "kind": "table",
                "columns": columns,
                "widths": [round(100 / len(columns))] * len(columns),
                "rows": [[expand(cell, context) for cell in row] for row in value["rows"]],
                "foot": None,
            }
        ]
    return _agenda_steps(value["lines"], meeting, catalog)


QUARTERS = ("I", "II", "III", "IV")
# The fields of one planned meeting in the plan's table (plan page: q<quarter>_<k>_<name>), and their blanks.
PLAN_MEETING_FIELDS = {"cd": 4, "nhom": 2, "nguoi": 3, "ngay": 2, "ghi_chu": 0}


def plan_field(quarter: int, meeting: int, name: str) -> str:
    return f"q{quarter}_{meeting}_{name}"


def plan_table(config: dict[str, Any]) -> Block:
    """The year's plan: for each quarter, a row per planned meeting; rows after a quarter's first are shown only
    when the plan holds a topic for them (`when`), so a blank form prints one row a quarter."""
    rows: list[Any] = []
    for quarter, numeral in enumerate(QUARTERS, 1):
        for meeting in range(1, config["meetings_per_quarter"] + 1):
            name = {key: plan_field(quarter, meeting, key) for key in PLAN_MEETING_FIELDS}
            cells = [
                [text(numeral)] if meeting == 1 else [],
                [{"field": name["cd"]}, {"break": True}, {"field": name["nhom"]}],
                [{"field": name["nguoi"]}],
                [{"field": name["ngay"], "as": "short"}, {"break": True}, {"field": name["ghi_chu"]}],
            ]
            rows.append(cells if meeting == 1 else {"when": plan_field(quarter, meeting, "cd"), "cells": cells})
    return {
        "kind": "table",
        "columns": list(config["columns"]),
        "widths": list(config["widths"]),
        "rows": rows,
        "foot": None,
    }


def plan_field_specs(config: dict[str, Any]) -> FieldSpecs:
    """Blank widths of the plan table's fields."""
    return {
        plan_field(quarter, meeting, name): {"blank": blank}
        for quarter in range(1, 5)
        for meeting in range(1, config["meetings_per_quarter"] + 1)
        for name, blank in PLAN_MEETING_FIELDS.items()
    }


def _agenda_steps(lines: dict[str, int], meeting: Meeting | None, catalog: Catalog) -> list[Block]:
    """Each agenda step, numbered, with its clock times when the meeting is known, then lines to write on."""
    if meeting is None:
        items = [
            AgendaItem(s["id"], s.get("minutes", 0), s["lead"]) for s in catalog.meeting["steps"] if "minutes" in s
        ]
    else:
        items = list(meeting.agenda)
    blocks: list[Block] = []
    offset = 0
    for number, item in enumerate(items, 1):
        head: list[Inline] = [text(f"{number}. ")]
        if meeting is not None:
            head += [{"clock": offset}, text("–"), {"clock": offset + item.minutes}, text(". ")]
        head += [text(catalog.step_names[item.step], bold=True), text(f" ({catalog.role_names[item.lead]}):")]
        blocks.append({"kind": "paragraph", "text": head})
        count = lines.get(item.step, lines.get("default", 1))
        if count:
            blocks.append({"kind": "lines", "count": count})
        offset += item.minutes
    return blocks


def expand(template: str, context: dict[str, str]) -> list[Inline]:
    """Text with {field} / {field:transform} placeholders as inlines; {chuyen_de} is the topic when known."""
    inlines: list[Inline] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        if match.start() > position:
            inlines.append(text(template[position : match.start()]))
        name, transform = match.group(1), match.group(2)
        if name in context:
            inlines.append(text(context[name]))
        else:
            inlines.append({"field": name, **({"as": transform} if transform else {})})
        position = match.end()
    if position < len(template):
        inlines.append(text(template[position:]))
    return inlines


def _document(
    paper: dict[str, Any],
    meeting: Meeting | None,
    catalog: Catalog,
    blocks: list[Block],
    context: dict[str, str],
    summary: str,
    number: str | None,
    left: list[str],
    right: list[str],
    doc_type: str | None = None,
) -> Document:
    header = catalog.meeting_papers["header"]
    topic = meeting.topic if meeting else None
    named = meeting.guide or topic if meeting else None
    slug = f"-{named.slug}" if named else ""
    title = f"{paper['name']}: {topic.title}" if topic else paper["name"]
    return Document(
        id=paper["id"],
        name=paper["name"],
        file=f"{paper['file']}{slug}",
        title=title,
        doc_type=paper.get("doc_type", "") if doc_type is None else doc_type,
        summary=tuple(expand(summary, context)),
        blocks=tuple(blocks),
        header={
            "party": header["party"],
            "higher": expand(header["higher"], context),
            "issuer": expand(header["issuer"], context),
            "number": [text(number)] if number else None,
            "place_date": expand(header["place_date"], context),
        },
        signature={
            "left": [expand(line, context) for line in left],
            "right": [expand(line, context) for line in right],
        },
        start=meeting.start if meeting else catalog.meeting["default_start_time"],
    )


def _paper(catalog: Catalog, paper_id: str) -> dict[str, Any]:
    return next(p for p in catalog.meeting_papers["papers"] if p["id"] == paper_id)


def _context(meeting: Meeting | None) -> dict[str, str]:
    """What is known when the papers are built: the topic's title (the subject after "Kịch bản …: ")."""
    if meeting is None or meeting.topic is None:
        return {}
    if meeting.guide:
        return {TOPIC_NAME: meeting.guide.title}
    title = meeting.topic.title
    # A session script's title reads "Kịch bản …: <subject>"; without its guide at hand, the subject is the topic.
    return {TOPIC_NAME: title.split(":", 1)[1].strip() if meeting.topic.kind == "session" and ":" in title else title}


def _paragraph(template: str, context: dict[str, str]) -> Block:
    return {"kind": "paragraph", "text": expand(template, context)}


def _heading(value: str, level: int = 1) -> Block:
    return {"kind": "heading", "level": level, "text": [text(value)]}


def _checklist(items: list[str]) -> Block:
    return {"kind": "list", "style": "check", "start": 1, "items": [[text(item)] for item in items]}


def _first_section(body: str) -> tuple[str, str]:
    """(the first `## ` section, everything after it)."""
    headings = section_headings(body)
    if len(headings) < 2:
        return body, ""
    lines = body.split("\n")
    cut = headings[1][0] - 1
    return "\n".join(lines[:cut]), "\n".join(lines[cut:])


def _section(body: str, heading: str, with_heading: bool = False) -> str:
    """The Markdown under the `## heading` of a body (content.section_text), or "" when there is none."""
    found = section_text(body, heading, with_heading)
    return found[0] if found else ""
