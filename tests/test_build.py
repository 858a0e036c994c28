"""Building a small site in a temporary folder with the real hook, as `mkdocs build --strict` does."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest

from helpers import VALID_BODY, appended_line, build, make_site, topic_text, write_topic


@pytest.fixture
def site(tmp_path):
    return make_site(tmp_path)


def test_topics_become_pages_reached_from_browse_pages(site):
    """Each topic file becomes a page; group and library pages link to it; it is not in the sidebar."""
    write_topic(site, "neu-guong", title="Nêu gương ở khu dân cư")
    write_topic(site, "chong-tham-nhung", group="xay-dung-dang", title="Phòng, chống tham nhũng ở đơn vị")
    result = build(site)
    assert result.returncode == 0, result.stderr
    out = site / "site"
    page = (out / "chuyen-de/ho-chi-minh/neu-guong/index.html").read_text(encoding="utf-8")
    assert "Nêu gương ở khu dân cư" in page
    assert 'class="tl-breadcrumb"' in page
    group = (out / "chuyen-de/ho-chi-minh/index.html").read_text(encoding="utf-8")
    assert 'href="neu-guong/"' in group
    assert (out / "chuyen-de/xay-dung-dang/chong-tham-nhung/index.html").exists()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "1 chuyên đề" in home
    assert "neu-guong/" not in home.split('class="md-content"')[0], "topic pages must stay out of the sidebar"


def test_each_group_and_cell_type_has_a_page(site):
    """Browse pages exist even for empty groups, with a friendly note."""
    result = build(site)
    assert result.returncode == 0, result.stderr
    for group in ("ho-chi-minh", "nghi-quyet-phap-luat", "loai-hinh-chi-bo"):
        assert (site / "site" / "chuyen-de" / group / "index.html").exists()
    empty = (site / "site/chuyen-de/lich-su-truyen-thong/index.html").read_text(encoding="utf-8")
    assert "chưa có chuyên đề" in empty
    assert (site / "site/loai-chi-bo/thon-to-dan-pho/index.html").exists()


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        (topic_text(kindd="guide"), "F205", 9),
        (topic_text(group="xay-dung-dang"), "F211", 4),
        (topic_text(references="[hd-12-2018, khong-co]"), "X303", 7),
        (topic_text(description="Hai chấm: ở đây: là lỗi cú pháp YAML trong phần đầu tệp"), "F202", 5),
        (topic_text(body=VALID_BODY + "<script>alert(1)</script>\n"), "T103", appended_line()),
    ],
    ids=["unknown-key", "wrong-group", "missing-reference", "yaml-syntax", "script"],
)
def test_broken_topic_fails_the_build_with_code_and_line(site, text, code, line):
    """The build stops once, naming file, line and code, with no traceback."""
    write_topic(site, "loi", text=text)
    result = build(site)
    assert result.returncode != 0
    assert f"topics/ho-chi-minh/loi.md:{line}: {code} " in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_non_utf8_file_fails_the_build_with_code_and_line(site):
    """A Windows-1258 file stops the build with T101 and its line, no traceback."""
    path = write_topic(site, "loi")
    path.write_bytes(topic_text(body=VALID_BODY + "Đảng\n").encode().replace("Đảng\n".encode(), b"\xd0\xe1ng\n"))
    result = build(site)
    assert result.returncode != 0
    assert f"topics/ho-chi-minh/loi.md:{appended_line()}: T101 " in result.stderr
    assert "Traceback" not in result.stderr


def test_all_problems_are_reported_at_once(site):
    """Two broken files: both are in the one error message."""
    write_topic(site, "mot", text=topic_text(title="Một", kindd="x"))
    write_topic(site, "hai", text=topic_text(title="Chuyên đề hai", group="sai-nhom"))
    result = build(site)
    assert result.returncode != 0
    assert "topics/ho-chi-minh/mot.md:" in result.stderr
    assert "topics/ho-chi-minh/hai.md:" in result.stderr
    assert (result.stdout + result.stderr).count("Thư viện chuyên đề: ") == 1


def test_warning_fails_only_strict_builds(site):
    """A stray non-Markdown file is a warning: reported, and counted by --strict."""
    write_topic(site, "tot")
    (site / "topics" / "ho-chi-minh" / "ghi-chu.txt").write_text("x", encoding="utf-8")
    strict = build(site)
    assert strict.returncode != 0
    assert "ghi-chu.txt:1: T106" in strict.stderr
    relaxed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=site, capture_output=True, text=True, timeout=300
    )
    assert relaxed.returncode == 0, relaxed.stderr
    assert "WARNING" in relaxed.stderr and "T106" in relaxed.stderr


def test_nfd_topic_builds_in_nfc(site):
    """A decomposed file builds (strict) and its page is in NFC."""
    path = write_topic(site, "nfd", title="Tư tưởng về đạo đức")
    path.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")
    result = build(site)
    assert result.returncode == 0, result.stderr
    html = (site / "site/chuyen-de/ho-chi-minh/nfd/index.html").read_text(encoding="utf-8")
    assert "Tư tưởng về đạo đức" in html


def test_hostile_front_matter_is_escaped_in_html(site):
    """HTML and quotes in a title and description are shown as text, never run."""
    write_topic(
        site,
        "xau",
        text=topic_text(
            title="'<img src=x onerror=alert(1)> \"trích\"'",
            description="'\"><script>alert(1)</script> mô tả đủ dài để vượt qua giới hạn bốn mươi ký tự'",
        ),
    )
    result = build(site)
    assert result.returncode == 0, result.stderr
    for page in (site / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<img src=x" not in html, page
        assert "<script>alert(1)" not in html, page


def test_docs_page_clashing_with_a_generated_page_is_an_error(site):
    """X306: a hand-written page cannot take a generated page's address."""
    (site / "docs" / "chuyen-de").mkdir()
    (site / "docs" / "chuyen-de" / "index.md").write_text("# Trùng\n", encoding="utf-8")
    result = build(site)
    assert result.returncode != 0
    assert "X306" in result.stderr
    assert "Traceback" not in result.stderr
