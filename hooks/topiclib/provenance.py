"""Where each topic file lives and when it last changed: the "edit this page" link and the date on the page."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .uris import topic_uri
from .validate import Topic

_DATE_MARK = "\x00"


@dataclass(frozen=True)
class Provenance:
    """The repository's web address and branch (no edit link without them), and last-commit dates by file."""

    repository_url: str = ""
    branch: str = "main"
    dates: Mapping[str, str] = field(default_factory=dict)

    def edit_url(self, topic: Topic) -> str:
        """The topic's own file (under topics/, not the generated page) in GitHub's web editor, or ""."""
        if not self.repository_url:
            return ""
        return f"{self.repository_url.rstrip('/')}/edit/{self.branch}/{topic.path}"

    def last_updated(self, topic: Topic) -> str:
        """The date of the last commit that changed the file, or the front matter's `updated` if it has none."""
        return self.dates.get(topic.path, topic.updated)


def page_dates(topics: Iterable[Topic], provenance: Provenance) -> tuple[dict[str, str], str]:
    """({topic page's src_uri: the date it shows}, the newest of them, for every other page): the sitemap's dates,
    and its .gz timestamp, come from the files and not from the day of the build, so builds are reproducible."""
    dates = {topic_uri(topic): provenance.last_updated(topic) for topic in topics}
    return dates, max(dates.values(), default="")


def last_commit_dates(root: Path, folder: str = "topics") -> dict[str, str]:
    """{path from `root`: YYYY-MM-DD of the last commit touching it}, in one `git log` pass; {} without git."""
    command = [
        "git",
        "-c",
        "core.quotepath=off",
        "log",
        "--format=%x00%cs",  # git writes the NUL; the date lines start with it
        "--name-only",
        "--relative",
        "--",
        folder,
    ]
    try:
        completed = subprocess.run(command, cwd=root, capture_output=True, text=True, encoding="utf-8", check=False)
    except OSError:
        return {}
    if completed.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    date = ""
    for line in completed.stdout.splitlines():
        if line.startswith(_DATE_MARK):
            date = line[1:]
        elif line:
            dates.setdefault(line, date)  # newest commit first
    return dates


def library_date(root: Path, today: str) -> str:
    """The day of the library in `root`: its last commit's date (YEAR-MONTH-DAY), or `today` without git."""
    command = ["git", "log", "-1", "--format=%cs"]
    try:
        completed = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    except OSError:
        return today
    date = completed.stdout.strip()
    return date if completed.returncode == 0 and date else today
