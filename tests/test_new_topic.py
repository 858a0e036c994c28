"""scripts/new_topic.py and its core: a new file that passes the check at once, never over an existing one."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import sys
import unicodedata

import pytest

import new_topic
from helpers import ROOT, check, outstanding, write_topic
from topiclib.content import word_count
from topiclib.data import DATA_DIR, load_catalog
from topiclib.library import load_library
from topiclib.scaffold import NewTopic, ScaffoldError, body_text, create_topic, session_agenda

TODAY = datetime.date(2026, 11, 30)


def run_new_topic(root, *args: str) -> subprocess.CompletedProcess[str]:
    """Run scripts/new_topic.py for the project in `root`, as a contributor would."""
    script = str(ROOT / "scripts" / "new_topic.py")
    return subprocess.run([sys.executable, script, "--root", str(root), *args], capture_output=True, text=True)


def test_new_guide_passes_the_check(tmp_path):
    """A guide made from a title and a group loads with no error; the one warning asks for part I to be written."""
    path = create_topic(tmp_path, NewTopic(title="Nêu gương ở khu dân cư", group="ho-chi-minh"), TODAY)
    assert path == tmp_path / "topics/ho-chi-minh/neu-guong-o-khu-dan-cu.md"
    result = load_library(tmp_path)
    assert [(p.code, p.severity) for p in result.problems] == [("C504", "warning")]
    topic = result.library.topics[0]
    assert (topic.title, topic.kind, topic.cell_types, topic.updated) == (
        "Nêu gương ở khu dân cư",
        "guide",
        ("all",),
        "2026-11-30",
    )


def test_new_guide_has_every_required_section_in_order(tmp_path):
    """The headings are those of content_rules.yml, in order, each with its prompt."""
    catalog, _ = load_catalog()
    path = create_topic(tmp_path, NewTopic(title="Chuyên đề có đủ mục", group="xay-dung-dang"), TODAY)
    text = path.read_text(encoding="utf-8")
    sections = catalog.content_rules["guide"]["sections"]
    positions = [text.index(f"## {s['heading']}\n\n> {s['prompt']}") for s in sections]
    assert positions == sorted(positions)


def test_new_session_runs_a_guide_of_its_group_and_passes(tmp_path):
    """A session script gets the agenda of meeting_steps.yml and passes the agenda rules (S601–S605)."""
    write_topic(tmp_path, "goi-y", title="Gợi ý có sẵn")
    choice = NewTopic(title="Kịch bản cho gợi ý có sẵn", group="ho-chi-minh", kind="session", guide="goi-y")
    create_topic(tmp_path, choice, TODAY)
    result = load_library(tmp_path)
    assert outstanding(result.problems) == []
    session = result.library.by_slug["kich-ban-cho-goi-y-co-san"]
    assert (session.guide, session.duration_minutes) == ("goi-y", 90)


def test_vietnamese_title_gives_an_ascii_file_name(tmp_path):
    """đ becomes d, marks are dropped, punctuation becomes dashes; the title keeps its letters."""
    choice = NewTopic(title="Đảng viên: đi đầu, đổi mới!", group="xay-dung-dang", cell_types=("y-te",))
    path = create_topic(tmp_path, choice, TODAY)
    assert path.name == "dang-vien-di-dau-doi-moi.md"
    assert load_library(tmp_path).library.topics[0].title == "Đảng viên: đi đầu, đổi mới!"


def test_decomposed_input_is_stored_composed(tmp_path):
    """A title typed in NFD (Windows' own keyboard) is written in NFC: no T104 notice, same file name."""
    title = unicodedata.normalize("NFD", "Nêu gương ở khu dân cư")
    path = create_topic(tmp_path, NewTopic(title=title, group="ho-chi-minh"), TODAY)
    assert path.name == "neu-guong-o-khu-dan-cu.md"
    assert unicodedata.is_normalized("NFC", path.read_text(encoding="utf-8"))
    assert outstanding(load_library(tmp_path).problems) == []


def test_an_existing_file_is_never_replaced(tmp_path):
    """The second time, nothing is written and the message says the file exists."""
    choice = NewTopic(title="Nêu gương ở khu dân cư", group="ho-chi-minh")
    path = create_topic(tmp_path, choice, TODAY)
    path.write_text("nội dung của người viết", encoding="utf-8")
    with pytest.raises(ScaffoldError, match=re.escape("Đã có tệp topics/ho-chi-minh/neu-guong-o-khu-dan-cu.md")):
        create_topic(tmp_path, choice, TODAY)
    assert path.read_text(encoding="utf-8") == "nội dung của người viết"


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        (
            NewTopic(title="Tiêu đề thử", group="ho-chi-mnh"),
            "Không có nhóm “ho-chi-mnh”. Có phải ý bạn là “ho-chi-minh”?",
        ),
        (NewTopic(title="Tiêu đề thử", group="ho-chi-minh", kind="guid"), "Có phải ý bạn là “guide”?"),
        (NewTopic(title="Tiêu đề thử", group="ho-chi-minh", cell_types=("y-tế",)), "Có phải ý bạn là “y-te”?"),
        (NewTopic(title="Tiêu đề thử", group="ho-chi-minh", references=("ct-05-2106",)), "“ct-05-2016”?"),
        (NewTopic(title="Tiêu đề thử", group="ho-chi-minh", guide="a"), "chỉ dùng cho kịch bản"),
        (NewTopic(title="Kịch bản thử", group="ho-chi-minh", kind="session"), "Các gợi ý chuyên đề trong nhóm"),
        (NewTopic(title="Kịch bản thử", group="ho-chi-minh", kind="session", guide="goi-y-x"), "“goi-y”?"),
        (NewTopic(title="Gợi ý có sẵn", group="xay-dung-dang"), "X302"),
        (NewTopic(title="Ngắn", group="ho-chi-minh"), "F208"),
        (NewTopic(title="!!!", group="ho-chi-minh"), "Không tạo được tên tệp"),
    ],
)
def test_bad_choices_get_a_friendly_message_and_no_file(tmp_path, choice, message):
    """Unknown codes get a suggestion; what would fail the check is reported before any file is made."""
    write_topic(tmp_path, "goi-y", title="Gợi ý có sẵn")
    with pytest.raises(ScaffoldError, match=re.escape(message)):
        create_topic(tmp_path, choice, TODAY)
    assert sorted(p.name for p in (tmp_path / "topics").rglob("*.md")) == ["goi-y.md"]


def test_a_session_must_run_a_guide_of_its_own_group(tmp_path):
    """A guide of another group is not offered: the session would fail X308."""
    write_topic(tmp_path, "goi-y", group="xay-dung-dang", title="Gợi ý nhóm khác")
    with pytest.raises(ScaffoldError, match=re.escape("Nhóm ho-chi-minh không có gợi ý chuyên đề “goi-y”")):
        create_topic(tmp_path, NewTopic(title="Kịch bản", group="ho-chi-minh", kind="session", guide="goi-y"), TODAY)


def test_scaffold_text_is_long_enough_for_every_kind():
    """The prompts and outlines alone meet each kind's minimum length, so a new file passes C503."""
    catalog, _ = load_catalog()
    for kind, rules in catalog.content_rules.items():
        words = word_count(body_text(catalog, kind))
        assert rules["word_count"]["min"] <= words <= rules["word_count"]["max"], kind


def test_new_session_agenda_has_every_required_step_and_the_minimum_duration():
    """The suggested minutes in meeting_steps.yml cover the required steps and add up to at least HD 42's minimum."""
    catalog, _ = load_catalog()
    agenda = session_agenda(catalog)
    required = [step["id"] for step in catalog.meeting["steps"] if step["required"]]
    assert [item["step"] for item in agenda if item["step"] in required] == required
    assert sum(item["minutes"] for item in agenda) >= catalog.meeting["durations"]["minimum_minutes"]


def test_cli_with_flags_writes_the_file_and_says_what_next(tmp_path):
    """The flags are enough; the message names the file and the check command; the check passes."""
    result = run_new_topic(
        tmp_path,
        *("--title", "Đoàn kết trong chi bộ", "--group", "ho-chi-minh"),
        *("--cell-type", "thon-to-dan-pho", "--cell-type", "truong-hoc"),
        *("--reference", "ct-05-2016", "--contributor", "Chi bộ thôn Đông"),
    )
    assert result.returncode == 0, result.stderr
    assert "Đã tạo topics/ho-chi-minh/doan-ket-trong-chi-bo.md" in result.stdout
    assert "python scripts/check_topics.py topics/ho-chi-minh/doan-ket-trong-chi-bo.md" in result.stdout
    topic = load_library(tmp_path).library.topics[0]
    assert topic.cell_types == ("thon-to-dan-pho", "truong-hoc")
    assert topic.references == ("hd-12-2018", "ct-05-2016")
    assert topic.contributors == ("Chi bộ thôn Đông",)
    assert check(tmp_path, str(tmp_path / "topics/ho-chi-minh/doan-ket-trong-chi-bo.md")).returncode == 0


def test_cli_bad_group_is_explained_without_a_traceback(tmp_path):
    """Exit 1 and one Vietnamese sentence with the suggestion; nothing written."""
    result = run_new_topic(tmp_path, "--title", "Tiêu đề thử", "--group", "xay-dung")
    assert result.returncode == 1
    assert "Có phải ý bạn là “xay-dung-dang”?" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "topics").exists()


def test_cli_asks_for_each_choice_without_a_title(tmp_path, capsys):
    """With no flags it asks title, kind, group, cell types, guide, description, contributors, by number or code."""
    write_topic(tmp_path, "goi-y", title="Gợi ý có sẵn")
    answers = iter(["Kịch bản hỏi đáp", "2", "1", "1, y-te", "1", "", "Chi bộ A, Chi bộ B"])
    assert new_topic.main(["--root", str(tmp_path)], ask=lambda question: next(answers)) == 0
    session = load_library(tmp_path).library.by_slug["kich-ban-hoi-dap"]
    assert (session.kind, session.group, session.guide) == ("session", "ho-chi-minh", "goi-y")
    assert session.cell_types == ("thon-to-dan-pho", "y-te")
    assert session.contributors == ("Chi bộ A", "Chi bộ B")
    assert "1. ho-chi-minh — Học tập và làm theo" in capsys.readouterr().out


def test_cli_asks_only_for_what_is_missing(tmp_path):
    """With --title, only the missing group is asked; the rest takes its default."""
    questions = []
    code = new_topic.main(
        ["--root", str(tmp_path), "--title", "Chuyên đề hỏi ít"],
        ask=lambda question: questions.append(question) or "xay-dung-dang",
    )
    assert code == 0
    assert len(questions) == 1
    assert load_library(tmp_path).library.topics[0].group == "xay-dung-dang"


def test_cli_stops_cleanly_when_input_ends(tmp_path, capsys):
    """Closing the input (Ctrl-D) stops without a file and without a traceback."""

    def no_more(question: str) -> str:
        raise EOFError

    assert new_topic.main(["--root", str(tmp_path)], ask=no_more) == 1
    assert "chưa tạo tệp nào" in capsys.readouterr().err
    assert not (tmp_path / "topics").exists()


def test_quoted_titles_survive_the_front_matter(tmp_path):
    """Titles YAML would misread (a colon, a leading quote or dash) are quoted and read back unchanged."""
    for title in ("Chuyên đề: nói và làm", "“Dân biết, dân bàn”", "- gạch đầu dòng", "Số 19 # không phải chú thích"):
        create_topic(tmp_path, NewTopic(title=title, group="ho-chi-minh"), TODAY)
    result = load_library(tmp_path)
    assert outstanding(result.problems) == []
    assert len(result.library.topics) == 4


def test_starting_references_must_be_citable(tmp_path):
    """content_rules.yml may only start new files with complete registry entries (D401 otherwise)."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    rules = data / "content_rules.yml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("[hd-12-2018]", "[khong-co]"), encoding="utf-8")
    catalog, problems = load_catalog(data)
    assert catalog is None
    assert [p.code for p in problems] == ["D401"]
    assert "guide.new_file.references" in problems[0].message
