"""Lighthouse (mobile preset) on a guide page, a session script and the search page with a query; print the scores.

Usage: python scripts/lighthouse.py [--site DIR] [--runs N] [--json]

Builds the project (or takes a built site), serves it with gzip like a static host (scripts/static_server.py)
and runs Lighthouse 12.2.3, pinned in scripts/lighthouse/ (`npm ci --prefix scripts/lighthouse` once), with
Debian's headless Chromium, N times a page (default 3): the machine is shared, so each score is the median of
the runs. Prints the four scores per page, the audits that failed in any run, and whether the targets hold
(accessibility, best practices and SEO 1.0 everywhere; performance 0.98 on the guide and the script, 0.95 on
the search page); exits 1 when one does not.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from chromium import CHROMIUM, CHROMIUM_ARGS
from site_pages import build_site, sample_pages
from static_server import start

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "scripts" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The score at which Lighthouse shows an audit as passed, by the audit's kind.
PASS_SCORES = {"binary": 1.0, "numeric": 0.9, "metricSavings": 0.9}
# The lowest score each page may have in each category.
TARGETS = {
    "guide": {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0},
    "session": {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0},
    "search": {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0},
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lighthouse.py", description=__doc__.split("\n")[0])
    parser.add_argument("--site", help="a built site (default: build the project into a temporary folder)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs a page; the median counts (default 3)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"Lighthouse is not installed: npm ci --prefix {LIGHTHOUSE.parents[2]}")
    if args.site:
        summary = audit_site(Path(args.site), max(1, args.runs))
    else:
        with tempfile.TemporaryDirectory(prefix="tvcd-lighthouse-") as work:
            site = Path(work) / "site"
            build_site(ROOT, site)
            summary = audit_site(site, max(1, args.runs))
    print(json.dumps(summary, ensure_ascii=False, indent=2) if args.json else format_summary(summary))
    return 0 if all(page["meets_targets"] for page in summary.values()) else 1


def audit_site(site: Path, runs: int) -> dict[str, dict[str, object]]:
    """Serve `site` and audit each page kind `runs` times; the summary of each (see `summarize`)."""
    base, server = start(site)
    try:
        return {
            kind: summarize([_lighthouse(base + path) for _ in range(runs)], TARGETS[kind]) | {"path": path}
            for kind, path in sample_pages(site).items()
        }
    finally:
        server.shutdown()


def summarize(reports: list[dict], targets: dict[str, float]) -> dict[str, object]:
    """The median score of each category over Lighthouse `reports` (its JSON), every run's scores, the audits that
    failed in any run (id: title), and whether the medians meet `targets`."""
    runs = [{name: report["categories"][name]["score"] for name in CATEGORIES} for report in reports]
    medians = {name: statistics.median(run[name] for run in runs) for name in CATEGORIES}
    failing: dict[str, str] = {}
    for report in reports:
        failing.update(failing_audits(report))
    return {
        "scores": medians,
        "runs": runs,
        "failing_audits": dict(sorted(failing.items())),
        "meets_targets": all(medians[name] >= target for name, target in targets.items()),
    }


def failing_audits(report: dict) -> dict[str, str]:
    """The audits of a Lighthouse report that count towards a category score and failed, as Lighthouse shows them
    (id: title, with the measured value of a metric): a pass/fail audit below 1, a metric below 0.9."""
    counted = {ref["id"] for name in CATEGORIES for ref in report["categories"][name]["auditRefs"] if ref["weight"]}
    failing = {}
    for audit_id, audit in report["audits"].items():
        mode, score = audit["scoreDisplayMode"], audit["score"]
        if audit_id not in counted or score is None or mode not in PASS_SCORES:
            continue
        if score < PASS_SCORES[mode]:
            value = audit.get("displayValue")
            failing[audit_id] = f"{audit['title']} ({value})" if value else audit["title"]
    return failing


def format_summary(summary: dict[str, dict[str, object]]) -> str:
    """A table: one line per page (median scores), then each page's failing audits."""
    lines = [f"{'page':<8} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'seo':>5}  targets  path"]
    for kind, page in summary.items():
        scores = page["scores"]
        figures = " ".join(f"{scores[name]:>5.2f}" for name in CATEGORIES)  # type: ignore[index]
        verdict = "met" if page["meets_targets"] else "MISSED"
        lines.append(f"{kind:<8} {figures}  {verdict:<7}  {page['path']}")
    runs = len(next(iter(summary.values()))["runs"])  # type: ignore[arg-type]
    lines.append(f"(median of {runs} run{'s' if runs > 1 else ''} a page)")
    for kind, page in summary.items():
        for audit_id, title in page["failing_audits"].items():  # type: ignore[union-attr]
            lines.append(f"{kind}: {audit_id}: {title}")
    return "\n".join(lines)


def _lighthouse(url: str) -> dict:
    """One Lighthouse run (mobile preset, default throttling) on `url`: its JSON report."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    completed = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    if completed.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{completed.stderr[-4000:]}")
    return json.loads(completed.stdout)


if __name__ == "__main__":
    sys.exit(main())
