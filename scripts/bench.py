"""Benchmark the site build on N synthetic topics; print one JSON object.

Usage: python scripts/bench.py --topics N [--baseline] [--print-packs] [--runs R] [--keep]

Copies the project to a temporary folder, adds N valid synthetic topics (about 840 words each), times the
library's validation alone (`validate_s`), the check CLI run on one topic file as a contributor or a pull
request runs it (`check_one_s`: wall time of the whole process, cross-file rules included) and a full
`mkdocs build` (`build_s`), and reports the bytes of the site (and of the meeting-papers page's data: the topic
list it loads and one topic's papers, gzip). With --baseline it also builds the same pages
with stock Material for MkDocs (pages put in docs/, default navigation listing every page) for comparison.
With --print-packs it builds the site for the print packs and times `scripts/print_packs.py` on it (wall time,
Chromium's start included), with each PDF's documents, pages and bytes.
With --runs R every figure is the fastest of R runs, which is the least noisy estimate on a shared machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from topiclib.data import load_catalog  # noqa: E402
from topiclib.library import load_library  # noqa: E402

WORDS = (
    "chi bộ đảng viên sinh hoạt chuyên đề nghị quyết thực hiện lãnh đạo nhân dân khu dân cư gương mẫu "
    "trách nhiệm đoàn kết kỷ luật tự phê bình phê bình học tập làm theo tư tưởng đạo đức phong cách "
    "Hồ Chí Minh xây dựng chỉnh đốn phòng chống tham nhũng lãng phí tiêu cực suy thoái tự diễn biến "
    "tự chuyển hóa truyền thống cách mạng địa phương đơn vị nhiệm vụ chính trị kế hoạch kiểm tra giám sát "
    "nêu gương cán bộ công việc đời sống hòa giải ủy ban thủy lợi đường làng ngõ xóm vệ sinh môi trường"
).split()
BODY_WORDS = 840


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.py", description=__doc__.split("\n")[0])
    parser.add_argument("--topics", type=int, default=100, help="number of synthetic topics (default 100)")
    parser.add_argument("--baseline", action="store_true", help="also build the same pages with stock Material")
    parser.add_argument("--print-packs", action="store_true", help="also print the print packs (PDF) and time them")
    parser.add_argument("--runs", type=int, default=1, help="build this many times and report the fastest (default 1)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders and print their paths")
    args = parser.parse_args(argv)
    report = run(args.topics, baseline=args.baseline, keep=args.keep, runs=max(1, args.runs), packs=args.print_packs)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


def run(
    count: int, baseline: bool = False, keep: bool = False, runs: int = 1, packs: bool = False
) -> dict[str, object]:
    """Measure our build on `count` synthetic topics (and the stock baseline, the print packs when asked); fastest
    of `runs`."""
    work = Path(tempfile.mkdtemp(prefix="tvcd-bench-"))
    try:
        project = work / "project"
        _copy_project(project)
        generated = write_synthetic_topics(project / "topics", count)
        report: dict[str, object] = {"topics": count, "runs": runs}
        timings = []
        for _ in range(runs):
            start = time.perf_counter()
            result = load_library(project)
            timings.append(time.perf_counter() - start)
        report["validate_s"] = round(min(timings), 3)
        if not result.ok:
            raise SystemExit("synthetic topics failed validation:\n" + "\n".join(p.format() for p in result.problems))
        report["check_one_s"] = min(_check_one(project, generated[len(generated) // 2]) for _ in range(runs))
        report["build_s"] = min(_build(project) for _ in range(runs))
        report.update(_sizes(project / "site", [f"chuyen-de/{p.parent.name}/{p.stem}/index.html" for p in generated]))
        report["validate_share"] = round(report["validate_s"] / report["build_s"], 3)  # type: ignore[operator]
        if packs:
            report.update(_print_packs(project, runs))
        if baseline:
            stock = work / "baseline"
            _baseline_project(stock, project / "topics")
            report["baseline_build_s"] = min(_build(stock) for _ in range(runs))
            sizes = _sizes(stock / "site", [f"{p.parent.name}/{p.stem}/index.html" for p in generated])
            report.update({f"baseline_{key}": value for key, value in sizes.items()})
            report["build_ratio"] = round(report["build_s"] / report["baseline_build_s"], 3)  # type: ignore[operator]
        if keep:
            report["work_dir"] = str(work)
        return report
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def write_synthetic_topics(topics_dir: Path, count: int, seed: int = 12) -> list[Path]:
    """Write `count` valid guides spread over every group and cell type; return their paths."""
    catalog, problems = load_catalog()
    if catalog is None:
        raise SystemExit("\n".join(p.format() for p in problems))
    rng = random.Random(seed)
    groups = [g.id for g in catalog.groups]
    cell_types = [c.id for c in catalog.cell_types]
    # Documents whose `names` a citing guide must carry (C507) are left out: the synthetic bodies do not name them.
    documents = [d.id for d in catalog.documents if not d.names]
    sections = [section["heading"] for section in catalog.content_rules["guide"]["sections"]]
    paths = []
    for index in range(count):
        group = groups[index % len(groups)]
        words = " ".join(rng.choice(WORDS) for _ in range(6))
        title = f"Chuyên đề mẫu số {index + 1}: {words}"
        chosen = "all" if index % 3 == 0 else "[" + ", ".join(rng.sample(cell_types, 2)) + "]"
        references = ", ".join(rng.sample(documents, 3))
        body = _synthetic_body(rng, sections)
        text = (
            f'---\ntitle: "{title}"\nkind: guide\ngroup: {group}\n'
            f"description: Gợi ý mẫu để đo thời gian dựng trang, {words}.\n"
            f"cell_types: {chosen}\nreferences: [{references}]\ntags: [mẫu, đo hiệu năng]\n"
            f"contributors: [Máy sinh dữ liệu mẫu]\nupdated: 2026-11-30\n---\n\n{body}"
        )
        path = topics_dir / group / f"chuyen-de-mau-so-{index + 1}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _synthetic_body(rng: random.Random, sections: list[str]) -> str:
    per_section = BODY_WORDS // len(sections)
    parts = []
    for section in sections:
        sentences = []
        remaining = per_section
        while remaining > 0:
            length = min(remaining, rng.randint(8, 20))
            sentence = " ".join(rng.choice(WORDS) for _ in range(length))
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
            remaining -= length
        parts.append(f"## {section}\n\n" + " ".join(sentences) + "\n")
    return "\n".join(parts)


def _copy_project(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache")
    for name in ("docs", "hooks", "overrides", "topics"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, target / name, ignore=ignore)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")


def _baseline_project(target: Path, topics_dir: Path) -> None:
    """Stock Material: the same topic files as plain pages in docs/, every page in the default navigation."""
    docs = target / "docs"
    for path in sorted(topics_dir.rglob("*.md")):
        destination = docs / path.relative_to(topics_dir)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
    (docs / "index.md").write_text("# Thư viện chuyên đề\n", encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        "site_name: Thư viện chuyên đề\ntheme:\n  name: material\n  language: vi\n", encoding="utf-8"
    )


_BUILD = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir"]


def _build(project: Path) -> float:
    return _timed([*_BUILD, "site"], project, f"mkdocs build failed in {project}")


def _print_packs(project: Path, runs: int) -> dict[str, object]:
    """The site built with the packs' links, then `scripts/print_packs.py` on it: its wall time and its figures."""
    _timed([*_BUILD, "site"], project, f"mkdocs build failed in {project}", {"TVCD_PRINT_PACKS": "true"})
    command = [sys.executable, str(ROOT / "scripts" / "print_packs.py"), "--site", "site", "--root", ".", "--json"]
    timings, figures = [], {}
    for _ in range(runs):
        start = time.perf_counter()
        completed = subprocess.run(command, cwd=project, capture_output=True, text=True, env=_env())
        timings.append(round(time.perf_counter() - start, 3))
        if completed.returncode != 0:
            raise SystemExit(f"print_packs.py failed in {project}:\n{completed.stderr[-4000:]}")
        figures = json.loads(completed.stdout)
    return {
        "print_packs_s": min(timings),
        "print_packs": figures["packs"],
        "print_packs_pages": sum(pack["pages"] for pack in figures["packs"]),
        "print_packs_bytes": sum(pack["bytes"] for pack in figures["packs"]),
    }


def _check_one(project: Path, topic: Path) -> float:
    """Wall time of `scripts/check_topics.py <one topic>`, start-up and imports included."""
    command = [sys.executable, str(ROOT / "scripts" / "check_topics.py"), "--root", str(project), str(topic)]
    return _timed(command, project, f"check_topics.py failed on {topic}")


def _timed(command: list[str], cwd: Path, failure: str, env: dict[str, str] | None = None) -> float:
    """Seconds the command took (with `env` added to the environment); exit with its output when it fails."""
    start = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**_env(), **(env or {})})
    elapsed = round(time.perf_counter() - start, 3)
    if completed.returncode != 0:
        raise SystemExit(f"{failure}:\n{completed.stdout[-2000:]}{completed.stderr[-4000:]}")
    return elapsed


def _sizes(site: Path, topic_pages: list[str]) -> dict[str, int]:
    site_bytes = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    sizes = [(site / page).stat().st_size for page in topic_pages if (site / page).exists()]
    # Material's one-file index (the baseline), or all of Pagefind's short-index files (the full-text bundle apart),
    # whose index parts are gzip already;
    # what a search actually fetches is measured by scripts/search_budget.py.
    index = site / "search" / "search_index.json"
    pagefind = [path for path in (site / "pagefind").rglob("*") if path.is_file()]
    fulltext = [path for path in (site / "pagefind-toan-van").rglob("*") if path.is_file()]
    raw = index.read_bytes() if index.exists() else b""
    # The meeting-papers page (chuan-bi/): its topic list is loaded with the page, one topic's papers when chosen.
    prepare = site / "chuan-bi" / "du-lieu"
    papers = sorted((prepare / "cd").glob("*.js")) if prepare.exists() else []
    return {
        "site_bytes": site_bytes,
        "topic_page_bytes": round(sum(sizes) / len(sizes)) if sizes else 0,
        "search_index_bytes": len(raw) or sum(path.stat().st_size for path in pagefind),
        "search_index_gzip_bytes": len(gzip.compress(raw)) if raw else sum(_gzip_size(path) for path in pagefind),
        "search_fulltext_bytes": sum(path.stat().st_size for path in fulltext),
        "prepare_data_bytes": sum(p.stat().st_size for p in prepare.rglob("*") if p.is_file()) if papers else 0,
        "prepare_topic_list_gzip_bytes": _gzip_size(prepare / "chuyen-de.js") if papers else 0,
        "prepare_papers_gzip_bytes": round(sum(_gzip_size(path) for path in papers) / len(papers)) if papers else 0,
    }


def _gzip_size(path: Path) -> int:
    data = path.read_bytes()
    return min(len(data), len(gzip.compress(data)))


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


if __name__ == "__main__":
    sys.exit(main())
