"""Checking named files: the same problems as the whole library's, without validating every file."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from helpers import VALID_BODY, check, session_text, topic_text, write_topic
from topiclib import library
from topiclib.data import DATA_DIR
from topiclib.library import check_files, load_library
from topiclib.load import peek_title


def messy_library(root: Path) -> None:
    """Valid topics and every kind of cross-file clash, plus files that are broken on their own."""
    write_topic(root, "goc", title="Hòa giải ở cơ sở")
    write_topic(root, "trung-tieu-de", title="hoà  giải ở cơ sở")  # X302 against goc
    write_topic(root, "trung-tieu-de-loi", title="Hòa giải ở cơ sở", kindd="x")  # invalid: no X302 for anyone
    write_topic(root, "goc", group="xay-dung-dang", title="Một tiêu đề khác hẳn")  # X301 against ho-chi-minh/goc
    write_topic(root, "kich-ban-tot", text=session_text("goc", title="Kịch bản tốt"))
    write_topic(root, "kich-ban-thieu", text=session_text("khong-co", title="Kịch bản thiếu gợi ý"))  # X304
    write_topic(root, "kich-ban-kich-ban", text=session_text("kich-ban-tot", title="Kịch bản chạy kịch bản"))  # X305
    write_topic(
        root,
        "kich-ban-khac-nhom",
        group="lich-su-truyen-thong",
        text=session_text("goc", title="Kịch bản khác nhóm", group="lich-su-truyen-thong"),
    )  # X308 (guide goc is in ho-chi-minh; xay-dung-dang/goc is the duplicate)
    write_topic(root, "kich-ban-go-nham", text=session_text("gox", title="Kịch bản gõ nhầm"))  # X304, “goc”?
    write_topic(root, "kich-ban-tien-to", text=session_text("nhieu", title="Kịch bản tiền tố"))  # X304, prefix
    write_topic(root, "trich-dan", text=topic_text(title='"Tiêu đề: có dấu hai chấm"'))
    write_topic(root, "trich-dan-2", text=topic_text(title="'tiêu đề: có dấu hai chấm'"))  # X302, quoted
    write_topic(root, "nhieu-dong", text=topic_text(title="Tiêu đề viết\n  trên hai dòng"))
    write_topic(root, "nhieu-dong-2", text=topic_text(title="Tiêu đề viết trên hai dòng"))  # X302, folded
    write_topic(root, "sau-agenda", text=session_text("goc", drop=("title",)) + "")
    sau = root / "topics/ho-chi-minh/sau-agenda.md"
    sau.write_text(sau.read_text(encoding="utf-8").replace("updated:", "title: Kịch bản tốt\nupdated:"), "utf-8")
    write_topic(root, "cu-phap", text=topic_text(title="Kịch bản tốt", description="a: b: c"))  # F202
    write_topic(root, "nfd", text=unicodedata.normalize("NFD", topic_text(title="Nêu gương ở khu dân cư")))
    bom = write_topic(root, "bom", text=topic_text(title="nêu gương ở khu dân cư"))
    bom.write_bytes(b"\xef\xbb\xbf" + bom.read_bytes().replace(b"\n", b"\r\n"))
    write_topic(root, "Sai_Ten", title="Tên tệp sai")
    (root / "topics" / "lac.md").write_text(topic_text(title="Tệp nằm sai chỗ"), encoding="utf-8")
    (root / "topics" / "ho-chi-minh" / "ghi-chu.txt").write_text("ghi chú", encoding="utf-8")


def test_named_file_gets_exactly_the_problems_of_a_full_check(tmp_path):
    """For every file, checking it alone reports what checking the whole library reports for it."""
    messy_library(tmp_path)
    full = load_library(tmp_path).problems
    files = sorted(p for p in (tmp_path / "topics").rglob("*") if p.is_file())
    assert {p.code for p in full} >= {"X301", "X302", "X304", "X305", "X308", "F202", "T104", "T105", "T106", "T107"}
    assert {p.hint.split("”")[0] for p in full if p.code == "X304"} >= {
        "Có phải ý bạn là “goc",
        "Có phải ý bạn là “nhieu-dong",
    }
    for path in files:
        display = path.relative_to(tmp_path).as_posix()
        expected = [p for p in full if p.path == display]
        assert check_files(tmp_path, [path]).problems == expected, display


def test_several_named_files_are_checked_together(tmp_path):
    """Naming two files reports the problems of both, as a full check does."""
    messy_library(tmp_path)
    names = ["topics/ho-chi-minh/trung-tieu-de.md", "topics/xay-dung-dang/goc.md"]
    full = [p for p in load_library(tmp_path).problems if p.path in names]
    assert check_files(tmp_path, [tmp_path / name for name in names]).problems == full
    assert [p.code for p in full] == ["X302", "X301"]


def test_only_files_that_may_clash_are_validated(tmp_path, monkeypatch):
    """Other files are read for their title only; the named file and those sharing its title are validated."""
    for index in range(30):
        write_topic(tmp_path, f"chuyen-de-{index}", title=f"Chuyên đề số {index}")
    write_topic(tmp_path, "trung", title="chuyên đề SỐ 7")
    read = []
    real = library.read_topic
    monkeypatch.setattr(library, "read_topic", lambda path, root: read.append(path.stem) or real(path, root))
    result = check_files(tmp_path, [tmp_path / "topics/ho-chi-minh/trung.md"])
    assert [p.code for p in result.problems] == ["X302"]
    assert sorted(read) == ["chuyen-de-7", "trung"]
    assert result.files == 31


def test_broken_data_file_is_reported_whatever_the_file_named(tmp_path):
    """A broken data file stops every check, so it is reported even when only a topic is named."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "groups.yml").write_text("- id: [không hợp lệ\n", encoding="utf-8")
    path = write_topic(tmp_path, "a")
    problems = check_files(tmp_path, [path], data_dir=data).problems
    assert [p.code for p in problems] == ["D401"]


@pytest.mark.parametrize(
    ("front", "title"),
    [
        ("title: Nêu gương", "Nêu gương"),
        ('title: "Nêu gương: ở khu dân cư"', "Nêu gương: ở khu dân cư"),
        ("title: Nêu gương\n  ở khu dân cư", "Nêu gương ở khu dân cư"),
        (
            "kind: session\nagenda:\n  - {step: a, minutes: 5}\n  - [x, {y: z}]\ntitle: Sau chương trình",
            "Sau chương trình",
        ),
        ("a: &ten Tiêu đề dùng lại\ntitle: *ten", "Tiêu đề dùng lại"),
        ("title: 2026-01-01", "2026-01-01"),
        ("title: [một, hai]", None),
        ("title: !!binary YWJj", None),
        ("kind: guide", None),
        ("- title", None),
    ],
)
def test_peek_title_reads_what_the_full_loader_reads(tmp_path, front, title):
    """peek_title gives the title the loader would give, or None when there is no text title."""
    path = tmp_path / "a.md"
    path.write_text(f"---\n{front}\n---\n\nNội dung.\n", encoding="utf-8")
    assert peek_title(path) == title


def test_peek_title_stops_at_the_title(tmp_path):
    """A syntax error after the title is left to validation: the title is still read."""
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Tiêu đề\ndescription: a: b\n---\n", encoding="utf-8")
    assert peek_title(path) == "Tiêu đề"


def test_peek_title_needs_a_front_matter(tmp_path):
    """No --- block, not UTF-8, or no file at all: no title."""
    (tmp_path / "a.md").write_text("title: Không có dấu ---\n", encoding="utf-8")
    (tmp_path / "b.md").write_bytes(b"---\ntitle: T\xd4i\n---\n")
    assert [peek_title(tmp_path / name) for name in ("a.md", "b.md", "c.md")] == [None, None, None]


def test_cli_reports_cross_file_problems_of_a_named_session(tmp_path):
    """The check CLI on one session still finds that its guide is missing (X304)."""
    write_topic(tmp_path, "goi-y", text=topic_text(title="Gợi ý có thật", body=VALID_BODY))
    path = write_topic(tmp_path, "kich-ban", text=session_text("goi-y-khac", title="Kịch bản thử"))
    result = check(tmp_path, str(path))
    assert result.returncode == 1
    assert result.stdout.startswith("topics/ho-chi-minh/kich-ban.md:19: X304 ")
    assert "“goi-y”" in result.stdout


def test_cli_refuses_a_file_that_does_not_exist(tmp_path):
    """A mistyped path is a usage error in Vietnamese, not a silent “no error”."""
    write_topic(tmp_path, "a")
    result = check(tmp_path, str(tmp_path / "topics/ho-chi-minh/khong-co.md"))
    assert result.returncode == 2
    assert "Không thấy tệp" in result.stderr
    assert "Traceback" not in result.stderr
