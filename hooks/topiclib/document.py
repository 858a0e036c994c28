"""The document model: one ordered list of blocks per paper, which every renderer (HTML page, print, .docx at
build time, and the browser's filled-in HTML and .docx) turns into its own format.

A document is plain data so that it travels to the browser as JSON (`Document.to_json`) unchanged:

    {"id": "bien-ban", "name": "Biên bản", "file": "3-bien-ban-<slug>", "title": "…",
     "start": "08:00",                        # the clock that {"clock": n} counts from when no start is typed
     "compact": false,                        # true: body in the smaller size (a script on two A4 sheets)
     "header": {"party": "ĐẢNG CỘNG SẢN VIỆT NAM", "higher": [inline…], "issuer": [inline…],
                "number": [inline…] | null, "place_date": [inline…]},
     "doc_type": "BIÊN BẢN", "summary": [inline…],
     "blocks": [block…],
     "signature": {"left": [[inline…], …], "right": [[inline…], …]}}     # one inline list per line

Blocks, in order, each a dict with "kind":
    {"kind": "heading", "level": 1|2|3, "text": [inline…]}      1 = a part ("I. MỤC ĐÍCH…"), 2, 3 below it
    {"kind": "paragraph", "text": [inline…]}
    {"kind": "list", "style": "bullet"|"number"|"check", "start": 1, "items": [[inline…], …]}
    {"kind": "table", "columns": ["…"], "widths": [18, 52, 20, 10],   # per cent of the text width
     "rows": [[[inline…], …], …],                                      # a row is a list of cells, or
                                                                       # {"when": field, "cells": […]}: shown
                                                                       # only when that field holds a value
     "foot": {"label": [inline…], "value": [inline…]} | null,          # label spans all columns but the last
     "stacked": true}                    # optional: on a narrow screen each row reads as one block, its cells
                                         # one under another in order, each under its column's name (the
                                         # cells carry it as data-label); print, wide screens and Word keep
                                         # the table
    {"kind": "lines", "count": n}                                        ruled lines to write on

Inlines:
    {"text": "…"} with optional "bold": true, "italic": true, "href": "https://…"
    {"field": "chi_bo"} with optional "as": a transform (FIELD_TRANSFORMS): the value the user typed for that
        form field (data/meeting_papers.yml), or "…" × the field's `blank` when nothing is known
    {"clock": 35}: the clock time 35 minutes after the start (the "gio" field, else the document's "start")
    {"break": true}: a line break within a paragraph or a table cell
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from .text import fold

Inline = dict[str, Any]
Block = dict[str, Any]
BLANK = "…"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)

# How a field's value is written on a paper. Both renderers (Python here, JavaScript in the browser:
# docs/assets/javascripts/papers.js) implement exactly these; a test compares them.
FIELD_TRANSFORMS = (
    "plain",
    "upper",
    "cell",
    "issuer",
    "date",
    "short",
    "day",
    "month",
    "year",
    "quarter",
    "hour",
    "minute",
)
# Per field id: {"blank": how many "…" an empty field prints, "prefix": words printed before the blank,
# "format": how a date is written, with {day}, {month} and {year}}.
FieldSpecs = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Document:
    """One paper: the Party-format header, its type and summary, the body blocks and the signatures."""

    id: str
    name: str
    file: str
    title: str
    doc_type: str
    summary: tuple[Inline, ...]
    blocks: tuple[Block, ...]
    header: dict[str, Any]
    signature: dict[str, Any]
    start: str = "08:00"
    compact: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "file": self.file,
            "title": self.title,
            "start": self.start,
            "compact": self.compact,
            "header": self.header,
            "doc_type": self.doc_type,
            "summary": list(self.summary),
            "blocks": list(self.blocks),
            "signature": self.signature,
        }


def text(value: str, **style: Any) -> Inline:
    return {"text": value, **{key: flag for key, flag in style.items() if flag}}


def field_ref(field_id: str, transform: str = "plain") -> Inline:
    return {"field": field_id} if transform == "plain" else {"field": field_id, "as": transform}


def field_text(inline: Inline, values: dict[str, str], fields: FieldSpecs) -> str:
    """What a field inline prints: the typed value in its transform, or the blank for its width."""
    value = clean_text(values.get(inline["field"], "")).strip()
    transform = inline.get("as", "plain")
    spec = fields.get(inline["field"], {})
    if transform in ("day", "month", "year", "date", "short", "quarter"):
        return _date_text(_iso_date(value), transform, spec.get("format", "{day}/{month}/{year}"))
    if transform in ("hour", "minute"):
        clock = _clock(value)
        if clock is None:
            return BLANK
        return f"{clock // 60:02d}" if transform == "hour" else f"{clock % 60:02d}"
    prefix = spec.get("prefix", "")
    if not value:
        value = (f"{prefix} " if prefix else "") + BLANK * spec.get("blank", 3)
    elif transform in ("cell", "issuer") and prefix and not _starts_with(value, prefix):
        value = f"{prefix} {value}"
    return value.upper() if transform in ("upper", "issuer") else value


def clock_text(offset: int, values: dict[str, str], start: str) -> str:
    """HH:MM, `offset` minutes after the typed start time (or the document's default start)."""
    begin = _clock(clean_text(values.get("gio", "")).strip())
    if begin is None:
        begin = _clock(start) or 0
    total = (begin + offset) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def inline_text(inline: Inline, values: dict[str, str], fields: FieldSpecs, start: str) -> str:
    if "field" in inline:
        return field_text(inline, values, fields)
    if "clock" in inline:
        return clock_text(int(inline["clock"]), values, start)
    return inline["text"]


def plain_text(
    inlines: list[Inline] | tuple[Inline, ...], values: dict[str, str], fields: FieldSpecs, start: str
) -> str:
    return "".join(inline_text(inline, values, fields, start) for inline in inlines if "break" not in inline)


def clean_text(value: str) -> str:
    """NFC text without the control characters that XML 1.0 forbids (what a user types is untrusted)."""
    value = unicodedata.normalize("NFC", value)
    return "".join(
        ch
        for ch in value
        if ch in "\t\n" or not (ord(ch) < 0x20 or 0xFFFE <= ord(ch) <= 0xFFFF or 0xD800 <= ord(ch) <= 0xDFFF)
    )


def _iso_date(value: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a real YYYY-MM-DD date, else None."""
    if not _ISO_DATE.fullmatch(value):
        return None
    year, month, day = (int(part) for part in value.split("-"))
    try:
        date(year, month, day)
    except ValueError:
        return None
    return year, month, day


def _month(month: int) -> str:
    """HD 36 writes months 1 and 2 with a leading zero ("tháng 02"), the others without ("tháng 3")."""
    return f"{month:02d}" if month <= 2 else str(month)


def _clock(value: str) -> int | None:
    hours, colon, minutes = value.partition(":")
    if not (colon and hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and 1 <= len(hours) <= 2):
        return None
    if int(hours) > 23 or int(minutes) > 59:
        return None
    return int(hours) * 60 + int(minutes)


def _date_text(parts: tuple[int, int, int] | None, transform: str, pattern: str) -> str:
    if parts is None:
        written = {"day": BLANK, "month": BLANK, "year": f"20{BLANK}"}
    else:
        year, month, day = parts
        written = {"day": f"{day:02d}", "month": _month(month), "year": str(year)}
    if transform == "date":
        return pattern.format(**written)
    if transform == "short":
        return "{day}/{month}/{year}".format(**written)
    if parts is None:
        return written.get(transform, BLANK)
    if transform == "quarter":
        return ("I", "II", "III", "IV")[(month - 1) // 3]
    return written[transform]


def _starts_with(value: str, prefix: str) -> bool:
    """Whether `value` starts with the word(s) `prefix`, in any case and with or without diacritics."""
    return fold(value).startswith(fold(prefix) + " ")
