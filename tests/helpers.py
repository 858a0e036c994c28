"""Small real files for tests: valid topics, a minimal site wired to the project's hook."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from topiclib.data import load_catalog

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "hooks" / "topic_library.py"

VALID_META = {
    "title": "Nêu gương của đảng viên ở khu dân cư",
    "kind": "guide",
    "group": "ho-chi-minh",
    "description": "Gợi ý để chi bộ bàn cách đảng viên nêu gương trong việc làng, việc xóm hằng ngày.",
    "cell_types": "all",
    "references": "[hd-12-2018, ct-05-2016]",
    "updated": "2026-11-30",
}
# The guide's required headings, from the data file that the validator reads (test_data pins them).
SECTIONS = tuple(section["heading"] for section in load_catalog()[0].content_rules["guide"]["sections"])
PARAGRAPH = " ".join(["Đảng viên nói đi đôi với làm, gương mẫu trong công việc và đời sống ở khu dân cư."] * 6)
VALID_BODY = "".join(f"## {heading}\n\n{PARAGRAPH}\n\n" for heading in SECTIONS)


def topic_text(body: str = VALID_BODY, drop: tuple[str, ...] = (), **meta: str) -> str:
    """A topic file: VALID_META updated with `meta` (None values and `drop` keys removed)."""
    values = {**VALID_META, **meta}
    lines = [f"{key}: {value}" for key, value in values.items() if key not in drop and value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


SESSION_BODY = "".join(
    f"## {heading}\n\n{PARAGRAPH}\n\n" for heading in ("Mục đích, yêu cầu", "Câu hỏi thảo luận", "Gợi ý điều hành")
)
SESSION_META = {
    "kind": "session",
    "duration_minutes": "120",
    "start_time": '"19:30"',
    "roles": "[chu-tri, trinh-bay, thu-ky, dang-vien]",
    "agenda": (
        "\n  - {step: khai-mac, minutes: 5, lead: chu-tri}"
        "\n  - {step: muc-dich-yeu-cau, minutes: 10, lead: chu-tri}"
        "\n  - {step: trinh-bay-du-thao, minutes: 30, lead: trinh-bay}"
        '\n  - {step: thao-luan, minutes: 55, lead: dang-vien, notes: "Mời người ít phát biểu nói trước."}'
        "\n  - {step: ket-luan, minutes: 15, lead: chu-tri}"
        "\n  - {step: be-mac, minutes: 5, lead: chu-tri}"
    ),
}


def session_text(guide: str, body: str = SESSION_BODY, drop: tuple[str, ...] = (), **meta: str) -> str:
    """A valid session script running `guide`; `meta` overrides SESSION_META and VALID_META."""
    return topic_text(body=body, drop=drop, **{**SESSION_META, "guide": guide, **meta})


def outstanding(problems: list) -> list:
    """Problems other than the reminder that a new file's outline part I is still the template's (C504, a warning:
    the check passes and the strict build waits until the writer has written it)."""
    return [p for p in problems if not (p.code == "C504" and p.severity == "warning")]


def appended_line(offset: int = 0) -> int:
    """The file line of text appended right after a default topic (`topic_text(body=VALID_BODY + text)`)."""
    return topic_text().count("\n") + 1 + offset


def write_topic(root: Path, slug: str, group: str = "ho-chi-minh", text: str | None = None, **meta: str) -> Path:
    """Write topics/<group>/<slug>.md under `root`; the title defaults to one unique per slug."""
    meta.setdefault("group", group)
    meta.setdefault("title", f"Chuyên đề thử {slug}")
    meta.setdefault("description", f"{VALID_META['description']} ({group}/{slug})")
    path = root / "topics" / group / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text is not None else topic_text(**meta), encoding="utf-8")
    return path


def make_site(root: Path, home: str = "# Trang chủ\n\n<!-- topic-library:groups -->\n") -> Path:
    """A minimal MkDocs project in `root` that uses the real hook, theme and stylesheet."""
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets", dirs_exist_ok=True)
    (root / "docs" / "index.md").write_text(home, encoding="utf-8")
    (root / "topics").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(
        "site_name: Thư viện thử\n"
        f"theme:\n  name: material\n  language: vi\n  font: false\n  custom_dir: {(ROOT / 'overrides').as_posix()}\n"
        "extra_css: [assets/stylesheets/library.css]\n"
        "plugins: []\n"
        f"hooks:\n  - {HOOK.as_posix()}\n"
        "nav:\n  - Trang chủ: index.md\n  - Thư viện: chuyen-de/index.md\n  - Loại hình: loai-chi-bo/index.md\n",
        encoding="utf-8",
    )
    return root


def build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` in `root` as a person would, capturing its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def check(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run scripts/check_topics.py against the project in `root`."""
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_topics.py"), "--root", str(root), *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
