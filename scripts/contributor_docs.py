"""Regenerate what contributors read from the data files and the JSON Schema.

Usage: python scripts/contributor_docs.py [--check] [--root DIR]
Writes the tables of CONTRIBUTING.md (front-matter keys, groups, cell types, documents, meeting steps, required
sections), copies its review checklist into .github/PULL_REQUEST_TEMPLATE.md, and rewrites the topic template
topics/MAU-CHUYEN-DE.md and the issue form .github/ISSUE_TEMPLATE/de-xuat-chuyen-de.yml.
Exit status: 0 when everything was already up to date, 1 when something was stale (rewritten, or only reported
with --check), 2 when a file lacks its markers or the data files are broken.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from topiclib.data import load_catalog  # noqa: E402
from topiclib.docs import CONTRIBUTOR_FILES, contributor_files  # noqa: E402
from topiclib.scaffold import template_text  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="contributor_docs.py", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only report which files are stale")
    parser.add_argument("--root", default=str(ROOT), help="project folder (default: the one holding scripts/)")
    args = parser.parse_args(argv)
    root = Path(args.root)
    catalog, problems = load_catalog()
    if catalog is None:
        print("\n".join(p.format() for p in problems), file=sys.stderr)
        return 2
    current = {name: _read(root / name) for name in CONTRIBUTOR_FILES}
    try:
        wanted = contributor_files(current, catalog, template_text(catalog, catalog.topic_schema()))
    except ValueError as error:
        print(f"{error}", file=sys.stderr)
        return 2
    stale = [name for name in CONTRIBUTOR_FILES if wanted[name] != current[name]]
    for name in stale:
        if args.check:
            print(f"{name}: đã cũ; chạy python scripts/contributor_docs.py", file=sys.stderr)
        else:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(wanted[name], encoding="utf-8")
            print(f"{name}: đã cập nhật", file=sys.stderr)
    return 1 if stale else 0


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


if __name__ == "__main__":
    sys.exit(main())
