"""Print the library's figures: guides and scripts per group and per cell type, suggested quarters, and how many
guides' outline part I is substantive.

Usage: python scripts/library_stats.py [--root DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from topiclib.library import load_library  # noqa: E402
from topiclib.stats import library_stats, stats_markdown  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="library_stats.py", description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this repository)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown tables")
    args = parser.parse_args(argv)
    result = load_library(args.root)
    if result.library is None:
        print("\n".join(p.format() for p in result.problems if p.is_error), file=sys.stderr)
        return 1
    stats = library_stats(result.library)
    print(json.dumps(stats, ensure_ascii=False, indent=2) if args.json else stats_markdown(stats), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
