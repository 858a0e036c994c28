"""scripts/check_topics.py: the same rules as the build, for contributors and CI."""

from __future__ import annotations

import unicodedata

from helpers import ROOT, check, topic_text, write_topic


def test_clean_library_exits_zero(tmp_path):
    """Exit 0 and a one-line summary when every file is valid."""
    write_topic(tmp_path, "a")
    result = check(tmp_path)
    assert result.returncode == 0
    assert result.stdout == ""
    assert "1 tệp chuyên đề: không có lỗi" in result.stderr


def test_errors_exit_one_with_path_line_code(tmp_path):
    """Exit 1; one `path:line: CODE message hint` line per problem."""
    write_topic(tmp_path, "a", text=topic_text(kindd="guide", group="xay-dung-dang"))
    result = check(tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("topics/ho-chi-minh/a.md:4: F211 ")
    assert lines[1].startswith("topics/ho-chi-minh/a.md:9: F205 ")
    assert "Traceback" not in result.stderr


def test_github_format_prints_annotations(tmp_path):
    """--format github prints workflow commands that annotate the file and line."""
    write_topic(tmp_path, "a", text=topic_text(kindd="guide"))
    result = check(tmp_path, "--format", "github")
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=topics/ho-chi-minh/a.md,line=9,title=F205::")


def test_github_format_is_automatic_on_github_actions(tmp_path):
    """GITHUB_ACTIONS=true switches to annotations without a flag."""
    write_topic(tmp_path, "a", text=topic_text(kindd="guide"))
    result = check(tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::error ")


def test_warnings_and_notices_do_not_fail(tmp_path):
    """A notice (NFD text) is printed but the exit code stays 0."""
    path = write_topic(tmp_path, "a")
    path.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")
    result = check(tmp_path)
    assert result.returncode == 0
    assert ": T104 " in result.stdout


def test_fix_rewrites_nfd_files_in_nfc(tmp_path):
    """--fix stores decomposed files in NFC; the notice is gone afterwards."""
    path = write_topic(tmp_path, "a")
    path.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")
    result = check(tmp_path, "--fix")
    assert result.returncode == 0
    assert unicodedata.is_normalized("NFC", path.read_text(encoding="utf-8"))
    assert "T104" not in result.stdout


def test_files_argument_limits_the_report_but_not_the_rules(tmp_path):
    """Naming a file reports only its problems, still checked against the whole library (duplicates)."""
    write_topic(tmp_path, "a", title="Cùng một tiêu đề")
    write_topic(tmp_path, "b", title="Cùng một tiêu đề")
    write_topic(tmp_path, "c", text=topic_text(title="Tiêu đề khác", kindd="x"))
    result = check(tmp_path, str(tmp_path / "topics/ho-chi-minh/b.md"))
    assert result.returncode == 1
    assert [line.split(": ")[1].split()[0] for line in result.stdout.splitlines()] == ["X302"]


def test_the_project_library_is_clean():
    """The library in this repository passes its own check."""
    result = check(ROOT)
    assert result.returncode == 0, result.stdout
