"""What contributors read and use: generated docs and template, issue and PR templates, CI workflows, pre-commit."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, outstanding, write_topic
from topiclib.data import load_catalog
from topiclib.docs import (
    CONTRIBUTING,
    CONTRIBUTOR_FILES,
    ISSUE_FORM_PATH,
    PULL_REQUEST_TEMPLATE,
    TEMPLATE_PATH,
    block,
    field_table,
)
from topiclib.library import load_library
from topiclib.scaffold import PLACEHOLDER, template_text

SCRIPT = ROOT / "scripts" / "contributor_docs.py"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def run(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def test_generated_contributor_files_are_up_to_date():
    """CONTRIBUTING.md tables, the PR checklist, the template and the issue form match the data files."""
    result = run(sys.executable, str(SCRIPT), "--check")
    assert result.returncode == 0, result.stderr


def test_stale_files_are_reported_then_rewritten(tmp_path):
    """--check exits 1 and names stale files without touching them; the plain run rewrites them."""
    for name in CONTRIBUTOR_FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    contributing = tmp_path / CONTRIBUTING
    contributing.write_text(contributing.read_text(encoding="utf-8").replace("| `y-te` |", "| `y-tế` |"), "utf-8")
    (tmp_path / ISSUE_FORM_PATH).unlink()
    checked = run(sys.executable, str(SCRIPT), "--check", "--root", str(tmp_path))
    assert checked.returncode == 1
    assert "CONTRIBUTING.md: đã cũ" in checked.stderr and f"{ISSUE_FORM_PATH}: đã cũ" in checked.stderr
    assert "`y-tế`" in contributing.read_text(encoding="utf-8")
    assert run(sys.executable, str(SCRIPT), "--root", str(tmp_path)).returncode == 1
    assert run(sys.executable, str(SCRIPT), "--check", "--root", str(tmp_path)).returncode == 0


def test_missing_markers_are_a_clear_error(tmp_path):
    """A CONTRIBUTING.md without its markers is named in the message (exit 2), not a traceback."""
    for name in CONTRIBUTOR_FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / CONTRIBUTING).write_text("# Đóng góp\n", encoding="utf-8")
    result = run(sys.executable, str(SCRIPT), "--check", "--root", str(tmp_path))
    assert result.returncode == 2
    assert "CONTRIBUTING.md: không thấy cặp dấu <!-- field-table:start -->" in result.stderr
    assert "Traceback" not in result.stderr


def test_field_table_has_a_row_per_schema_key_in_order():
    """Every key of the JSON Schema, in its order; required keys say so; session keys say when."""
    catalog, _ = load_catalog()
    schema = catalog.topic_schema()
    rows = [row.split(" | ") for row in field_table(catalog).splitlines()[2:]]
    assert [row[0].strip("| `") for row in rows] == list(schema["properties"])
    needed = {row[0].strip("| `"): row[1] for row in rows}
    assert all(needed[key] == "có" for key in schema["required"])
    assert needed["agenda"] == "khi `kind: session`" and needed["tags"] == "không"


def test_contributing_lists_every_group_cell_type_and_document():
    """The value tables come from the data files: every id appears in CONTRIBUTING.md."""
    catalog, _ = load_catalog()
    text = (ROOT / CONTRIBUTING).read_text(encoding="utf-8")
    ids = [g.id for g in catalog.groups] + [c.id for c in catalog.cell_types] + [d.id for d in catalog.documents]
    assert [i for i in ids if f"| `{i}` |" not in text] == []
    durations = catalog.meeting["durations"]
    assert f"ít nhất {durations['minimum_minutes']} phút, hoặc {durations['combined_minimum_minutes']} phút" in text


def test_pull_request_template_carries_the_review_checklist():
    """The PR template's checklist is CONTRIBUTING.md's, word for word; every item is a checkbox."""
    contributing = block((ROOT / CONTRIBUTING).read_text(encoding="utf-8"), "review-checklist")
    template = block((ROOT / PULL_REQUEST_TEMPLATE).read_text(encoding="utf-8"), "review-checklist")
    assert template == contributing
    items = [line for line in template.splitlines() if line.startswith("- ")]
    assert len(items) >= 8 and all(line.startswith("- [ ] ") for line in items)


def test_template_is_not_a_topic_but_fills_into_one(tmp_path):
    """In topics/ the template is ignored; copied into a group folder with its blanks filled, it passes."""
    (tmp_path / "topics").mkdir()
    shutil.copy(ROOT / TEMPLATE_PATH, tmp_path / TEMPLATE_PATH)
    assert load_library(tmp_path).problems == []
    filled = {
        "title": "Nêu gương của đảng viên ở khu dân cư",
        "group": "ho-chi-minh",
        "description": "Gợi ý để chi bộ bàn cách đảng viên nêu gương trong việc làng, việc xóm hằng ngày.",
        "tags": "[nêu gương, khu dân cư]",
        "contributors": "[Chi bộ thôn Đông]",
        "updated": "2026-11-30",
    }
    text = (ROOT / TEMPLATE_PATH).read_text(encoding="utf-8")
    for key, value in filled.items():
        text, count = re.subn(rf"^{key}: .*$", f"{key}: {value}", text, flags=re.M)
        assert count == 1, key
    write_topic(tmp_path, "neu-guong-cua-dang-vien-o-khu-dan-cu", text=text)
    result = load_library(tmp_path)
    assert outstanding(result.problems) == []
    assert result.library.topics[0].title == filled["title"]


def test_template_copied_unfilled_says_what_to_fill(tmp_path):
    """Copied as it is, the template fails with one message per blank, each naming the key to fill."""
    write_topic(tmp_path, "chua-dien", text=(ROOT / TEMPLATE_PATH).read_text(encoding="utf-8"))
    problems = load_library(tmp_path).problems
    keys = {"title", "group", "description", "tags", "contributors", "updated"}
    assert {p.code for p in outstanding(problems)} <= {"F207", "F208", "F209"}
    assert all(any(f"“{key}" in p.message for p in problems) for key in keys - {"updated"})
    assert any(p.code == "F209" for p in problems)


def test_template_matches_the_generator():
    """The template is the scaffold's own text: same sections, prompts and outlines as new_topic.py."""
    catalog, _ = load_catalog()
    assert (ROOT / TEMPLATE_PATH).read_text(encoding="utf-8") == template_text(catalog, catalog.topic_schema())
    assert PLACEHOLDER in (ROOT / TEMPLATE_PATH).read_text(encoding="utf-8")


def test_issue_form_is_a_valid_github_form():
    """The issue form passes the GitHub issue-form schema vendored by check-jsonschema."""
    result = run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms", ISSUE_FORM_PATH)
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_form_offers_the_choices_of_the_data_files():
    """Groups, kinds and cell types in the form are exactly those of the data files, ids first."""
    catalog, _ = load_catalog()
    form = yaml.safe_load((ROOT / ISSUE_FORM_PATH).read_text(encoding="utf-8"))
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert len(fields) == len([item for item in form["body"] if "id" in item])

    def codes(options: list) -> list[str]:
        return [(o["label"] if isinstance(o, dict) else o).split(" — ")[0] for o in options]

    assert codes(fields["group"]["attributes"]["options"]) == [g.id for g in catalog.groups]
    assert codes(fields["kind"]["attributes"]["options"]) == [k.id for k in catalog.kinds]
    assert codes(fields["cell_types"]["attributes"]["options"]) == ["all", *(c.id for c in catalog.cell_types)]
    assert form["name"] == "Đề xuất chuyên đề"
    assert fields["title"]["validations"]["required"] and fields["description"]["validations"]["required"]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_passes_the_github_workflow_schema(workflow):
    """Each workflow file passes the GitHub workflow schema vendored by check-jsonschema."""
    result = run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow))
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_release_tag():
    """`uses:` names an exact release (vX.Y.Z), never a branch or a moving major tag."""
    uses = [u for wf in WORKFLOWS for u in re.findall(r"uses:\s*(\S+)", wf.read_text(encoding="utf-8"))]
    assert uses
    assert [u for u in uses if not re.fullmatch(r"actions/[a-z-]+@v\d+\.\d+\.\d+", u)] == []


def test_pull_request_workflow_checks_builds_tests_and_keeps_a_preview():
    """On pull requests: annotations from the check CLI, a strict build, the README's tests, the site as artifact."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))
    assert list(workflow[True]) == ["pull_request"]  # YAML 1.1 reads the key `on` as True
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    commands = "\n".join(step.get("run", "") for step in steps)
    assert "python scripts/check_topics.py --format github" in commands
    assert "mkdocs build --strict --site-dir site" in commands
    assert "bash scripts/test.sh" in commands
    setup = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "3.11"
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site"


def test_deploy_workflow_publishes_main_with_the_pages_actions():
    """On pushes to main: configure, upload and deploy with the official actions, Pages permissions, one at a time."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    uses = [step.get("uses", "").split("@")[0] for job in workflow["jobs"].values() for step in job["steps"]]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)


def test_pull_request_check_step_annotates_only_the_changed_topic(tmp_path):
    """The workflow's check step, run on a merge commit, annotates the changed file and not the others."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))
    step = next(s for s in workflow["jobs"]["check"]["steps"] if "check_topics.py" in s.get("run", ""))
    repo = tmp_path / "repo"
    for name in ("hooks", "scripts"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    write_topic(repo, "co-san", title="Chuyên đề có sẵn", kindd="lỗi cũ")  # broken, but not in this PR
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"]
    run(*git, "init", "-q", cwd=repo)
    run(*git, "add", ".", cwd=repo)
    run(*git, "commit", "-qm", "base", cwd=repo)
    run(*git, "checkout", "-qb", "pr", cwd=repo)
    write_topic(repo, "moi", title="Chuyên đề mới", kindd="lỗi mới")
    run(*git, "add", ".", cwd=repo)
    run(*git, "commit", "-qm", "pr", cwd=repo)
    run(*git, "checkout", "-q", "main", cwd=repo)
    assert run(*git, "merge", "-q", "--no-ff", "-m", "merge", "pr", cwd=repo).returncode == 0
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    result = run("bash", "-eo", "pipefail", "-c", step["run"], cwd=repo, env=env)
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=topics/ho-chi-minh/moi.md,line=9,title=F205::")
    assert "co-san" not in result.stdout


def test_pre_commit_config_is_valid_and_runs_the_check_on_topic_files(tmp_path):
    """pre-commit accepts the config; the hook takes topic files only and its command reports their problems."""
    assert run(str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml").returncode == 0
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    files = re.compile(hook["files"])
    assert files.search("topics/ho-chi-minh/a.md") and not files.search("docs/index.md")
    path = write_topic(tmp_path, "a", text="# không có phần đầu tệp\n")
    command = [str(ROOT / part) if part.startswith(".venv/") else part for part in shlex.split(hook["entry"])]
    result = run(*command, "--root", str(tmp_path), str(path))
    assert result.returncode == 1
    assert "topics/ho-chi-minh/a.md:1: F201" in result.stdout
