"""Topic pages link to the topic's own file for editing and show when it last changed, from git history."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from helpers import build, make_site, topic_text, write_topic
from topiclib.library import load_library
from topiclib.provenance import Provenance, last_commit_dates


def git(root: Path, *args: str, date: str = "2026-03-15T10:00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Chi bộ thử",
        "GIT_AUTHOR_EMAIL": "chibo@example.org",
        "GIT_COMMITTER_NAME": "Chi bộ thử",
        "GIT_COMMITTER_EMAIL": "chibo@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_dates_come_from_the_last_commit_touching_each_file(tmp_path):
    first = write_topic(tmp_path, "mot")
    write_topic(tmp_path, "hai")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first", date="2026-01-05T08:00:00")
    first.write_text(first.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "second", date="2026-02-20T08:00:00")
    dates = last_commit_dates(tmp_path)
    assert dates == {"topics/ho-chi-minh/mot.md": "2026-02-20", "topics/ho-chi-minh/hai.md": "2026-01-05"}


def test_without_git_history_the_front_matter_date_stands(tmp_path):
    write_topic(tmp_path, "mot", updated="2025-12-01")
    assert last_commit_dates(tmp_path) == {}
    result = load_library(tmp_path)
    assert result.library is not None
    (topic,) = result.library.topics
    assert Provenance(dates={}).last_updated(topic) == "2025-12-01"
    assert Provenance().edit_url(topic) == ""
    url = Provenance("https://github.com/to-chuc/thu-vien/", "trunk").edit_url(topic)
    assert url == "https://github.com/to-chuc/thu-vien/edit/trunk/topics/ho-chi-minh/mot.md"


def test_topic_page_links_its_own_file_and_shows_the_commit_date(tmp_path):
    root = make_site(tmp_path)
    write_topic(root, "noi-di-doi-voi-lam", text=topic_text(title="Nói đi đôi với làm", updated="2025-12-01"))
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("extra:\n  repository_url: https://github.com/to-chuc/thu-vien\n  repository_branch: trunk\n")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "topic", date="2026-03-15T10:00:00")
    result = build(root)
    assert result.returncode == 0, result.stderr
    page = (root / "site" / "chuyen-de" / "ho-chi-minh" / "noi-di-doi-voi-lam" / "index.html").read_text("utf-8")
    edit = "https://github.com/to-chuc/thu-vien/edit/trunk/topics/ho-chi-minh/noi-di-doi-voi-lam.md"
    assert f'<a class="tl-edit" href="{edit}">Sửa trang này</a>' in page
    assert 'Cập nhật lần cuối: <time datetime="2026-03-15">15/03/2026</time>' in page


def test_real_site_has_no_edit_link_when_the_repository_is_not_configured(built_site):
    page = next((built_site / "chuyen-de").glob("*/*/index.html")).read_text(encoding="utf-8")
    assert "Cập nhật lần cuối" in page and "tl-edit" not in page
