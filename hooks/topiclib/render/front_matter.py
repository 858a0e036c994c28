"""The front matter of a generated page, and the Markdown of a page whose body a theme template prints."""

from __future__ import annotations

import json

from ..text import escape_html, escape_markdown


def front_matter(title: str, description: str, template: str | None = None) -> str:
    """YAML front matter (JSON strings are valid YAML); values are pre-escaped because theme templates print them
    unescaped."""
    lines = [
        "---",
        f"title: {json.dumps(escape_html(title), ensure_ascii=False)}",
        f"description: {json.dumps(escape_html(description), ensure_ascii=False)}",
    ]
    if template:
        lines.append(f"template: {template}")
    return "\n".join([*lines, "---", ""]) + "\n"


def tool_page_markdown(title: str, description: str, template: str) -> str:
    """A page whose content comes from page meta through its theme template: front matter and its heading only."""
    return front_matter(title, description, template) + f"# {escape_markdown(title)}\n"
