"""The Jinja2 environment for every piece of HTML the library generates: autoescaping on, templates beside it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, select_autoescape

TEMPLATE_DIR = Path(__file__).parent / "templates"


@cache
def environment() -> Environment:
    """Autoescaping for .html templates, undefined names are errors, and no stray whitespace between tags."""
    return Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(["html"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def template(name: str) -> Template:
    return environment().get_template(name)


def render(name: str, **context: object) -> str:
    return template(name).render(**context)
