"""Regenerate the problem-code table in README.md from hooks/topiclib/data/problems.yml.

Usage: python scripts/problem_table.py [--check]
Exit status: 0 when the table was already up to date, 1 when it was stale (rewritten, or only reported
with --check), so CI catches a catalogue change that was not carried into the README.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from topiclib.docs import problem_table, replace_between  # noqa: E402

MARKER = "problem-table"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="problem_table.py", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only report whether README.md is stale")
    parser.add_argument("--readme", default=str(ROOT / "README.md"))
    args = parser.parse_args(argv)
    readme = Path(args.readme)
    current = readme.read_text(encoding="utf-8")
    try:
        wanted = replace_between(current, MARKER, problem_table())
    except ValueError as error:
        print(f"{readme.name}: {error}", file=sys.stderr)
        return 2
    if wanted == current:
        return 0
    if args.check:
        print(f"{readme.name}: bảng mã lỗi đã cũ; chạy python scripts/problem_table.py", file=sys.stderr)
    else:
        readme.write_text(wanted, encoding="utf-8")
        print(f"{readme.name}: đã cập nhật bảng mã lỗi", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
