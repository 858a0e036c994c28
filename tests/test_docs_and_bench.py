"""Generated documentation stays in sync; the benchmark runs and reports its fields."""

from __future__ import annotations

import json
import subprocess
import sys

import bench
from helpers import ROOT
from topiclib.docs import problem_table, replace_between
from topiclib.problems import catalogue


def test_readme_problem_table_is_up_to_date():
    """README's table is exactly what scripts/problem_table.py generates from problems.yml."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "problem_table.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_problem_table_has_a_row_per_code():
    """One row per code, in catalogue order."""
    table = problem_table()
    assert [line.split("|")[1].strip() for line in table.splitlines()[2:]] == list(catalogue())


def test_stale_table_is_detected_and_rewritten(tmp_path):
    """problem_table.py exits 1 when the README is stale; --check leaves it, the plain run fixes it."""
    readme = tmp_path / "README.md"
    readme.write_text("x\n<!-- problem-table:start -->\nold\n<!-- problem-table:end -->\n", encoding="utf-8")
    script = str(ROOT / "scripts" / "problem_table.py")
    assert subprocess.run([sys.executable, script, "--check", "--readme", str(readme)]).returncode == 1
    assert "old" in readme.read_text(encoding="utf-8")
    assert subprocess.run([sys.executable, script, "--readme", str(readme)]).returncode == 1
    assert subprocess.run([sys.executable, script, "--readme", str(readme)]).returncode == 0
    assert replace_between(readme.read_text(encoding="utf-8"), "problem-table", problem_table()) == readme.read_text(
        encoding="utf-8"
    )


def test_synthetic_topics_are_valid(tmp_path):
    """The benchmark's generated topics pass every rule."""
    from topiclib.library import load_library

    bench.write_synthetic_topics(tmp_path / "topics", 12)
    result = load_library(tmp_path)
    assert result.problems == []
    assert len(result.library.topics) == 12


def test_bench_prints_the_promised_fields():
    """`bench.py --topics N` prints one JSON object with the figures used in notes."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--topics", "6"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["topics"] == 6
    for key in ("build_s", "validate_s", "check_one_s", "site_bytes", "topic_page_bytes"):
        assert report[key] > 0, key
