"""Documents in the Party's format (HD 36 header block, type, summary, body, signatures), as data and as HTML.

One model serves the printed page and the Word file: forms come from data/forms.yml, session scripts from their
topic. `docx_export` writes the same model to .docx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .data import Catalog
from .sessions import agenda_rows
from .text import escape_html
from .validate import Topic

PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
HIGHER_BODY = "ĐẢNG ỦY …"
ISSUER = "CHI BỘ …"
PLACE_DATE = "…, ngày … tháng … năm 20…"


@dataclass(frozen=True)
class Block:
    """One piece of a document body: kind is heading, paragraph, list, table or lines."""

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    lines: int = 0


@dataclass(frozen=True)
class PartyDocument:
    doc_type: str
    summary: str
    blocks: tuple[Block, ...]
    number: str | None = None
    signature: tuple[str, str] = ("", "")
    higher_body: str = HIGHER_BODY
    issuer: str = ISSUER
    place_date: str = PLACE_DATE
    fmt: dict[str, Any] = field(default_factory=dict, compare=False)


PRINT_CSS_URI = "assets/stylesheets/print-format.css"
_SIZE_CLASSES = {
    "party_name": "party",
    "higher_body": "higher",
    "issuer": "issuer",
    "number": "number",
    "place_date": "date",
    "doc_type": "type",
    "summary": "summary",
}


def print_format_css(fmt: dict[str, Any]) -> str:
    """CSS for `.tl-doc` pages from data/print_format.yml: the font, sizes and the one margin setting."""
    margins = fmt["margins_mm"]
    sizes = fmt["sizes_pt"]
    font = fmt["font"]
    rules = [
        "/* Generated from hooks/topiclib/data/print_format.yml: edit that file, not this one. */",
        f"@page party {{ size: A4; margin: {margins['top']}mm {margins['right']}mm {margins['bottom']}mm "
        f"{margins['left']}mm; }}",
        f'.md-typeset .tl-doc {{ page: party; font-family: "{font}", "Liberation Serif", "Tinos", serif; '
        f"font-size: {sizes['body']}pt; line-height: 1.4; color: #000; }}",
    ]
    rules += [f".md-typeset .tl-doc__{css} {{ font-size: {sizes[name]}pt; }}" for name, css in _SIZE_CLASSES.items()]
    return "\n".join(rules) + "\n"


def form_document(form: dict[str, Any], catalog: Catalog) -> PartyDocument:
    """A form from data/forms.yml."""
    return PartyDocument(
        doc_type=form["doc_type"],
        summary=form["summary"],
        blocks=tuple(_block(entry) for entry in form["blocks"]),
        number=f"Số …-{form['code']}/CB" if form.get("code") else None,
        signature=(form["signature"]["left"], form["signature"]["right"]),
        fmt=catalog.print_format,
    )


def session_document(topic: Topic, catalog: Catalog) -> PartyDocument:
    """A session script as a "CHƯƠNG TRÌNH" (programme, a type of Party document): blanks, roles, agenda, lists."""
    strings = catalog.strings
    meeting = catalog.meeting
    rows = tuple(
        (f"{row.begin}–{row.end}", row.step + (f" ({row.notes})" if row.notes else ""), row.lead, str(row.minutes))
        for row in agenda_rows(topic, catalog)
    )
    blocks: list[Block] = [
        Block("paragraph", f"{strings['blank_date']}: …    {strings['blank_place']}: …"),
        Block("paragraph", f"{strings['blank_attendance']}: … / … {strings['blank_members']}"),
        Block("heading", strings["session_roles"]),
        Block("list", items=tuple(f"{catalog.role_names[role]}: …" for role in topic.roles if role != "dang-vien")),
        Block("heading", strings["session_agenda"]),
        Block(
            "table",
            columns=tuple(strings[key] for key in ("col_time", "col_step", "col_lead", "col_minutes")),
            rows=(*rows, (strings["col_total"], "", "", str(topic.duration_minutes))),
        ),
        *_markdown_blocks(topic.body),
        Block("heading", strings["session_before"]),
        Block("list", items=tuple(f"☐ {item}" for item in meeting["before"])),
        Block("heading", strings["session_after"]),
        Block("list", items=tuple(f"☐ {item}" for item in meeting["after"])),
    ]
    return PartyDocument(
        doc_type="CHƯƠNG TRÌNH",
        summary=f"Sinh hoạt chuyên đề: {_subject(topic.title)}",
        blocks=tuple(blocks),
        signature=("", "T/M CHI BỘ\nBÍ THƯ\n\n\n\n…"),
        fmt=catalog.print_format,
    )


def render_html(document: PartyDocument) -> str:
    """The document as HTML for a page that prints in the Party's format (class `tl-doc`)."""
    header = (
        '<table class="tl-doc__header" role="presentation"><tr>'
        f'<td><div class="tl-doc__higher">{escape_html(document.higher_body)}</div>'
        f'<div class="tl-doc__issuer">{escape_html(document.issuer)}</div><div class="tl-doc__star">*</div>'
        + (f'<div class="tl-doc__number">{escape_html(document.number)}</div>' if document.number else "")
        + "</td>"
        f'<td><div class="tl-doc__party">{PARTY_NAME}</div>'
        f'<div class="tl-doc__date">{escape_html(document.place_date)}</div></td>'
        "</tr></table>"
    )
    title = (
        f'<p class="tl-doc__type">{escape_html(document.doc_type)}</p>'
        f'<p class="tl-doc__summary">{escape_html(document.summary)}</p>'
        '<p class="tl-doc__dash">-----</p>'
    )
    body = "".join(_block_html(block) for block in document.blocks)
    left, right = document.signature
    signature = (
        '<table class="tl-doc__signature" role="presentation"><tr>'
        f'<td class="tl-doc__signature-left">{_lines_html(left)}</td>'
        f'<td class="tl-doc__signature-right">{_lines_html(right)}</td></tr></table>'
    )
    return f'<div class="tl-doc">{header}{title}{body}{signature}</div>'


def _block(entry: dict[str, Any]) -> Block:
    kind, value = next(iter(entry.items()))
    if kind == "list":
        return Block("list", items=tuple(value))
    if kind == "table":
        return Block("table", columns=tuple(value["columns"]), rows=tuple(tuple(row) for row in value["rows"]))
    if kind == "lines":
        return Block("lines", lines=int(value))
    return Block(kind, text=str(value))


def _markdown_blocks(body: str) -> list[Block]:
    """A session's own sections (## headings, bullets, numbered items, paragraphs) as document blocks."""
    blocks: list[Block] = []
    items: list[str] = []
    for line in [*body.split("\n"), ""]:
        stripped = line.strip()
        item = _list_item(stripped)
        if item is not None:
            items.append(item)
            continue
        if items:
            blocks.append(Block("list", items=tuple(items)))
            items = []
        if stripped.startswith("## "):
            blocks.append(Block("heading", stripped[3:].strip()))
        elif stripped and not stripped.startswith("#"):
            blocks.append(Block("paragraph", stripped))
    return blocks


def _list_item(line: str) -> str | None:
    if line[:2] in ("- ", "* ", "+ "):
        return line[2:].strip()
    number, dot, rest = line.partition(". ")
    if dot and number.isdigit():
        return f"{number}. {rest.strip()}"
    return None


def _subject(title: str) -> str:
    return title.split(":", 1)[1].strip() if ":" in title else title


def _block_html(block: Block) -> str:
    if block.kind == "heading":
        return f'<p class="tl-doc__heading">{escape_html(block.text)}</p>'
    if block.kind == "paragraph":
        return f"<p>{escape_html(block.text)}</p>"
    if block.kind == "list":
        return '<ul class="tl-doc__list">' + "".join(f"<li>{escape_html(i)}</li>" for i in block.items) + "</ul>"
    if block.kind == "lines":
        return '<div class="tl-doc__lines">' + '<p class="tl-doc__line"></p>' * block.lines + "</div>"
    head = "".join(f"<th>{escape_html(c)}</th>" for c in block.columns)
    rows = "".join("<tr>" + "".join(f"<td>{escape_html(c)}</td>" for c in row) + "</tr>" for row in block.rows)
    return f'<table class="tl-doc__table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _lines_html(text: str) -> str:
    return "<br>".join(escape_html(line) for line in text.split("\n"))
