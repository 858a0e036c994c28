"""The built site of the measuring scripts (lighthouse.py, page_weight.py, prepare_budget.py): how they build it,
and the pages they load, one of each kind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SEARCH_WITH_QUERY = "tim-kiem/?q=%C4%91%E1%BA%A3ng+vi%C3%AAn"  # "đảng viên"
TOPIC_KINDS = ("guide", "session")


def sample_pages(site: Path) -> dict[str, str]:
    """Paths from the site root: the first guide and the first session script (in file order), and the search
    page with a query. A topic page says its kind in its badge (`tl-badge--guide`, `tl-badge--session`)."""
    found: dict[str, str] = {}
    for page in sorted((site / "chuyen-de").glob("*/*/index.html")):
        html = page.read_text(encoding="utf-8")
        for kind in TOPIC_KINDS:
            if kind not in found and f"tl-badge--{kind}" in html:
                found[kind] = page.parent.relative_to(site).as_posix() + "/"
    missing = [kind for kind in TOPIC_KINDS if kind not in found]
    if missing:
        raise SystemExit(f"{site}: no page of kind {', '.join(missing)}")
    return {**found, "search": SEARCH_WITH_QUERY}


def build_site(project: Path, site: Path) -> Path:
    """`mkdocs build` of `project` into `site`; exit with MkDocs' report if it fails."""
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    completed = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)
    if completed.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {project}:\n{completed.stderr[-4000:]}")
    return site
