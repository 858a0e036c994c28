"""Markdown from a topic body as document blocks, read with Python-Markdown's element tree (never by hand).

Headings, paragraphs with bold, italic and links, bullet and numbered lists (numbers written "1." or "1)"),
tables and block quotes become the blocks of `document.py`. The same extension is given to MkDocs, so the page
and the papers read "1)" lists alike.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from functools import lru_cache
from typing import Any

import markdown
from markdown.blockprocessors import OListProcessor, UListProcessor
from markdown.extensions import Extension
from markdown.util import ETX, STX

from .document import Block, Inline

_STASH = re.compile(f"{STX}wzxhzdk:(\\d+){ETX}")
_SPACES = re.compile(r"\s+")


class ParenthesisListExtension(Extension):
    """Numbered lists written "1)" as well as "1.", as Vietnamese documents often number them."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.parser.blockprocessors.register(_ParenthesisOList(md.parser), "olist", 40)
        md.parser.blockprocessors.register(_ParenthesisUList(md.parser), "ulist", 30)


class _ParenthesisItems:
    """List items may be numbered "1)": the child and indent patterns of Python-Markdown's list processors."""

    def _accept_parenthesis(self) -> None:
        indent = self.tab_length - 1
        self.CHILD_RE = re.compile(rf"^[ ]{{0,{indent}}}((\d+[.)])|[*+-])[ ]+(.*)")
        self.INDENT_RE = re.compile(rf"^[ ]{{{self.tab_length},{self.tab_length * 2 - 1}}}((\d+[.)])|[*+-])[ ]+.*")


class _ParenthesisOList(_ParenthesisItems, OListProcessor):
    def __init__(self, parser: Any) -> None:
        super().__init__(parser)
        self.RE = re.compile(rf"^[ ]{{0,{self.tab_length - 1}}}\d+[.)][ ]+(.*)")
        self._accept_parenthesis()


class _ParenthesisUList(_ParenthesisItems, UListProcessor):
    def __init__(self, parser: Any) -> None:
        super().__init__(parser)
        self._accept_parenthesis()


def markdown_blocks(source: str, heading_offset: int = 0) -> list[Block]:
    """The blocks of a Markdown text: `## x` is a heading of level 1 (+ `heading_offset`), `### x` of level 2…

    The result is shared between calls with the same text: treat it as read-only.
    """
    return _cached_blocks(source, heading_offset)


@lru_cache(maxsize=512)
def _cached_blocks(source: str, heading_offset: int) -> list[Block]:
    md = _markdown()
    md.reset()
    root = md.parser.parseDocument(source.split("\n")).getroot()
    for processor in md.treeprocessors:
        root = processor.run(root) or root
    blocks: list[Block] = []
    for element in root:
        blocks.extend(_blocks(element, md, heading_offset))
    return blocks


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["tables", ParenthesisListExtension()])


def _blocks(element: etree.Element, md: markdown.Markdown, heading_offset: int) -> list[Block]:
    tag = element.tag
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        level = max(1, min(3, int(tag[1]) - 1 + heading_offset))
        return [{"kind": "heading", "level": level, "text": _inlines(element, md)}]
    if tag == "p":
        text = _inlines(element, md)
        return [{"kind": "paragraph", "text": text}] if text else []
    if tag in ("ul", "ol"):
        return _list(element, md, heading_offset)
    if tag == "table":
        return [_table(element, md)]
    if tag == "blockquote":
        return [block for child in element for block in _blocks(child, md, heading_offset)]
    if tag == "pre":
        code = "".join(element.itertext()).strip("\n")
        return [{"kind": "paragraph", "text": [{"text": line}]} for line in code.split("\n") if line.strip()]
    return []


def _list(element: etree.Element, md: markdown.Markdown, heading_offset: int) -> list[Block]:
    """A list block; a list nested in an item follows as its own block (papers print one level)."""
    style = "number" if element.tag == "ol" else "bullet"
    items: list[list[Inline]] = []
    nested: list[Block] = []
    for item in element:
        if item.tag != "li":
            continue
        parts = [child for child in item if child.tag in ("ul", "ol")]
        for child in parts:
            item.remove(child)
        paragraphs = [child for child in item if child.tag == "p"]
        inlines: list[Inline] = []
        if paragraphs:
            for index, paragraph in enumerate(paragraphs):
                if index:
                    inlines.append({"text": " "})
                inlines.extend(_inlines(paragraph, md))
        else:
            inlines = _inlines(item, md)
        items.append(inlines)
        for child in parts:
            nested.extend(_list(child, md, heading_offset))
    start = int(element.get("start", "1")) if style == "number" else 1
    block: Block = {"kind": "list", "style": style, "start": start, "items": items}
    return [block, *nested]


def _table(element: etree.Element, md: markdown.Markdown) -> Block:
    head = element.find("thead")
    body = element.find("tbody")
    columns = ["".join(cell.itertext()).strip() for cell in head.iter("th")] if head is not None else []
    rows = [[_inlines(cell, md) for cell in row] for row in (body if body is not None else [])]
    rows = [row for row in rows if any(row)]
    width = len(columns) or max((len(row) for row in rows), default=1)
    widths = [round(100 / width)] * width
    return {"kind": "table", "columns": columns, "widths": widths, "rows": rows, "foot": None}


def _inlines(element: etree.Element, md: markdown.Markdown, style: dict[str, Any] | None = None) -> list[Inline]:
    """Text runs of an element: bold, italic and links kept, other markup read as its text."""
    style = style or {}
    runs: list[Inline] = []
    if element.text:
        runs.append({"text": _restore(element.text, md), **style})
    for child in element:
        child_style = dict(style)
        if child.tag in ("strong", "b"):
            child_style["bold"] = True
        elif child.tag in ("em", "i"):
            child_style["italic"] = True
        elif child.tag == "a" and child.get("href", "").startswith(("http://", "https://")):
            child_style["href"] = child.get("href")
        if child.tag == "br":
            runs.append({"text": " ", **style})
        else:
            runs.extend(_inlines(child, md, child_style))
        if child.tail:
            runs.append({"text": _restore(child.tail, md), **style})
    return _merge(runs)


def _restore(text: str, md: markdown.Markdown) -> str:
    """Text with Python-Markdown's placeholders (entities, stashed markup) put back as plain characters."""

    def stashed(match: re.Match[str]) -> str:
        index = int(match.group(1))
        raw = md.htmlStash.rawHtmlBlocks[index] if index < len(md.htmlStash.rawHtmlBlocks) else ""
        return html.unescape(str(raw))

    return _SPACES.sub(" ", _STASH.sub(stashed, text))


def _merge(runs: list[Inline]) -> list[Inline]:
    """Adjacent runs of the same style joined; the text trimmed at both ends."""
    merged: list[Inline] = []
    for run in runs:
        if not run["text"]:
            continue
        if merged and {k: v for k, v in merged[-1].items() if k != "text"} == {
            k: v for k, v in run.items() if k != "text"
        }:
            merged[-1] = {**merged[-1], "text": merged[-1]["text"] + run["text"]}
        else:
            merged.append(dict(run))
    if merged:
        merged[0] = {**merged[0], "text": merged[0]["text"].lstrip()}
        merged[-1] = {**merged[-1], "text": merged[-1]["text"].rstrip()}
    return [run for run in merged if run["text"]]
