"""One page of every kind a reader meets, found in the built site by what the page holds, not by its slug.

Used by the phone tests (test_phone.py) and the request tests (test_requests.py): both hold whatever topics,
forms and how-to pages the library has.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

from site_pages import sample_pages

from topiclib.uris import CELL_TYPES_DIR, FORMS_DIR, LIBRARY_DIR, PLAN_DIR, PREPARE_DIR, SEARCH_DIR

HOW_TO_DIR = "huong-dan"  # the hand-written section "Cách tổ chức" (docs/huong-dan/)
TABLE_IN_PAPER = 'class="tl-doc__table'  # a table in a paper's body (its header is a table too)
# What the page shows once its script has done its work (the tools fill in, the search answers).
SETTLED = {
    "search": "/kết quả/.test((document.getElementById('search-status') || {}).textContent || '')",
    "papers": "document.querySelectorAll('[data-tl-output] .tl-paper .tl-doc').length === 5",
    "plan": "!/^…/.test((document.querySelector('[data-tl-sheet] [data-field=\"q1_1_cd\"]') || {}).textContent || '…')",
}


class PageKind(NamedTuple):
    kind: str
    path: str  # from the site's root, with the query the page needs


def page_kinds(site: Path) -> list[PageKind]:
    """Home, a group, a cell type, a guide, a session script, a form, a how-to page, the search with a query,
    the meeting papers of the script and the year's plan holding it. Forms and how-to pages: one with a table
    where there is one (the widest content of their kind)."""
    samples = sample_pages(site)  # the first guide and script, as the measuring scripts find them
    guide, script = (site / samples[kind] / "index.html" for kind in ("guide", "session"))
    slug = script.parent.name
    return [
        PageKind("home", ""),
        PageKind("group", _path(site, sorted(site.glob(f"{LIBRARY_DIR}/*/index.html"))[0])),
        PageKind("cell type", _path(site, sorted(site.glob(f"{CELL_TYPES_DIR}/*/index.html"))[0])),
        PageKind("guide", _path(site, guide)),
        PageKind("script", _path(site, script)),
        PageKind("form", _path(site, _holding(sorted(site.glob(f"{FORMS_DIR}/*/index.html")), TABLE_IN_PAPER))),
        PageKind("how-to", _path(site, _holding(sorted(site.glob(f"{HOW_TO_DIR}/*/index.html")), "<table>"))),
        PageKind("search", f"{SEARCH_DIR}/?" + urlencode({"q": _two_words(guide)})),
        PageKind("papers", f"{PREPARE_DIR}/?" + urlencode({"cd": slug})),
        PageKind("plan", f"{PLAN_DIR}/?" + urlencode({"nam": "2027", "q1": slug})),
    ]


def _holding(pages: list[Path], mark: str) -> Path:
    """The first page holding `mark`, else the first page."""
    return next((page for page in pages if mark in page.read_text(encoding="utf-8")), pages[0])


def _path(site: Path, page: Path) -> str:
    return page.parent.relative_to(site).as_posix() + "/"


def _two_words(page: Path) -> str:
    """The first two words of the page's title: a query that finds it."""
    title = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
    assert title, page
    return " ".join(re.findall(r"\w+", unescape(re.sub(r"<[^>]+>", "", title.group(1))))[:2])
