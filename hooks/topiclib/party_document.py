"""Temporary bridge for pages.py while it moves to papers/render (removed in the next commit)."""

from __future__ import annotations

from typing import Any

from .data import Catalog
from .papers import field_specs
from .papers import form_document as _form_document
from .render.html import document_html


def form_document(form: dict[str, Any], catalog: Catalog) -> str:
    return document_html(_form_document(form, catalog), field_specs(catalog))


def render_html(html: str) -> str:
    return html
