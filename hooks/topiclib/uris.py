"""Where generated things live on the site: one place for the URL layout, shared by pages, downloads and the hook."""

from __future__ import annotations

from .validate import Topic

LIBRARY_DIR = "chuyen-de"
CELL_TYPES_DIR = "loai-chi-bo"
FORMS_DIR = "bieu-mau"
GENERATED_DIRS = (LIBRARY_DIR, CELL_TYPES_DIR, FORMS_DIR)
LIBRARY_INDEX = f"{LIBRARY_DIR}/index.md"
CELL_TYPES_INDEX = f"{CELL_TYPES_DIR}/index.md"
FORMS_INDEX = f"{FORMS_DIR}/index.md"


def topic_uri(topic: Topic) -> str:
    return f"{LIBRARY_DIR}/{topic.group}/{topic.slug}.md"


def session_docx_uri(topic: Topic) -> str:
    """The Word file sits next to the session's page."""
    return topic_uri(topic).removesuffix(".md") + ".docx"


def group_uri(group_id: str) -> str:
    return f"{LIBRARY_DIR}/{group_id}/index.md"


def cell_type_uri(cell_type_id: str) -> str:
    return f"{CELL_TYPES_DIR}/{cell_type_id}.md"


def form_uri(form_id: str) -> str:
    return f"{FORMS_DIR}/{form_id}.md"


def form_docx_uri(form_id: str) -> str:
    return f"{FORMS_DIR}/{form_id}.docx"
