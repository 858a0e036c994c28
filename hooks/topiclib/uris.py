"""Where generated things live on the site: one place for the URL layout, shared by pages, downloads and the hook."""

from __future__ import annotations

import posixpath

from .text import escape_html
from .validate import Topic

LIBRARY_DIR = "chuyen-de"
CELL_TYPES_DIR = "loai-chi-bo"
FORMS_DIR = "bieu-mau"
SEARCH_DIR = "tim-kiem"
PREPARE_DIR = "chuan-bi"
PLAN_DIR = "ke-hoach"
GENERATED_DIRS = (LIBRARY_DIR, CELL_TYPES_DIR, FORMS_DIR, SEARCH_DIR, PREPARE_DIR, PLAN_DIR)
LIBRARY_INDEX = f"{LIBRARY_DIR}/index.md"
CELL_TYPES_INDEX = f"{CELL_TYPES_DIR}/index.md"
FORMS_INDEX = f"{FORMS_DIR}/index.md"
SEARCH_PAGE = f"{SEARCH_DIR}/index.md"
# "Chuẩn bị buổi sinh hoạt": the form that fills in one meeting's papers in the browser. Its data are scripts
# (not JSON), so that they load from file:// too: the topic list, then one file per topic when it is chosen.
PREPARE_PAGE = f"{PREPARE_DIR}/index.md"
PREPARE_TOPICS_JS = f"{PREPARE_DIR}/du-lieu/chuyen-de.js"
PREPARE_WORD_JS = f"{PREPARE_DIR}/du-lieu/word.js"
# "Lập kế hoạch sinh hoạt chuyên đề năm": the year's plan. It uses the topic list and the Word kit above, and its
# own script: the plan's paper model, the anniversaries, the groups and cell types to filter by.
PLAN_PAGE = f"{PLAN_DIR}/index.md"
PLAN_JS = f"{PLAN_DIR}/du-lieu/ke-hoach.js"
# Pagefind's bundle (hooks/topiclib/search_index.py), written into the built site after the pages.
PAGEFIND_DIR = "pagefind/"
# The offline copy (scripts/offline_copy.py) as the published site carries it (the deploy workflow puts it there).
OFFLINE_ZIP = "ban-sao/thu-vien-chuyen-de.zip"
# Print packs (scripts/print_packs.py, after the build): one PDF per topic group, one of every script and form.
PRINT_PACKS_DIR = "ban-in"
PAPERS_PACK = f"{PRINT_PACKS_DIR}/kich-ban-va-bieu-mau.pdf"


def topic_uri(topic: Topic) -> str:
    return f"{LIBRARY_DIR}/{topic.group}/{topic.slug}.md"


def session_docx_uri(topic: Topic) -> str:
    """The Word file sits next to the session's page."""
    return topic_uri(topic).removesuffix(".md") + ".docx"


def prepare_data_uri(slug: str) -> str:
    """The papers of one topic, as a script the page loads when the topic is chosen."""
    return f"{PREPARE_DIR}/du-lieu/cd/{slug}.js"


def group_uri(group_id: str) -> str:
    return f"{LIBRARY_DIR}/{group_id}/index.md"


def group_pack_uri(group_id: str) -> str:
    """The PDF of a group's guides and scripts."""
    return f"{PRINT_PACKS_DIR}/chuyen-de-{group_id}.pdf"


def cell_type_uri(cell_type_id: str) -> str:
    return f"{CELL_TYPES_DIR}/{cell_type_id}.md"


def form_uri(form_id: str) -> str:
    return f"{FORMS_DIR}/{form_id}.md"


def form_docx_uri(form_id: str) -> str:
    return f"{FORMS_DIR}/{form_id}.docx"


class Links:
    """Relative links between generated pages, matching MkDocs' `use_directory_urls` setting."""

    def __init__(self, use_directory_urls: bool) -> None:
        self.use_directory_urls = use_directory_urls

    def url(self, src_uri: str) -> str:
        stem, extension = posixpath.splitext(src_uri)
        if extension != ".md":
            return src_uri
        directory, name = posixpath.split(stem)
        if not self.use_directory_urls:
            return f"{stem}.html"
        if name == "index":
            return f"{directory}/" if directory else ""
        return f"{stem}/"

    def href(self, from_uri: str, to_uri: str) -> str:
        """The escaped relative URL from the page built from `from_uri` to the one built from `to_uri`."""
        from_url, to_url = self.url(from_uri), self.url(to_uri)
        from_dir = from_url.rstrip("/") if from_url.endswith("/") else posixpath.dirname(from_url)
        relative = posixpath.relpath(to_url or ".", from_dir or ".")
        if (to_url.endswith("/") or not to_url) and not relative.endswith("/"):
            relative += "/"
        return escape_html(relative)
