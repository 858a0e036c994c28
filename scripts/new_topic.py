"""Create a new topic file that passes the check at once, asking for whatever the flags don't give.

Usage: python scripts/new_topic.py [--title T] [--group G] [--kind guide|session] [--cell-type C ...]
       [--guide SLUG] [--description D] [--reference ID ...] [--tag T ...] [--contributor NAME ...] [--slug S]
Without --title it asks for each choice in turn; with it, only for a missing group (or guide of a session).
Exit status: 0 when the file was written, 1 when it was not (the message says why).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from topiclib.library import Library, load_library  # noqa: E402
from topiclib.load import display_path  # noqa: E402
from topiclib.scaffold import MESSAGES, NewTopic, ScaffoldError, create_topic, group_guides  # noqa: E402

Ask = Callable[[str], str]


def main(argv: list[str] | None = None, ask: Ask = input) -> int:
    args = _parser().parse_args(argv)
    root = Path(args.root).resolve()
    try:
        choice = _choose(args, root, ask)
        path = create_topic(root, choice, datetime.date.today())
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print(f"\n{MESSAGES['cancelled']}", file=sys.stderr)
        return 1
    print(MESSAGES["created"].format(path=display_path(path, root), kind=choice.kind))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="new_topic.py",
        description="Tạo tệp chuyên đề mới trong topics/, qua được bước kiểm tra ngay; hỏi những gì chưa ghi.",
    )
    parser.add_argument("--title", help="tiêu đề chuyên đề; tên tệp làm từ tiêu đề (chữ thường không dấu)")
    parser.add_argument("--group", help="nhóm: tên thư mục trong topics/, ví dụ ho-chi-minh")
    parser.add_argument("--kind", help="guide (gợi ý chuyên đề, mặc định) hoặc session (kịch bản buổi sinh hoạt)")
    parser.add_argument(
        "--cell-type", action="append", default=[], help="loại hình chi bộ (ghi nhiều lần); mặc định: mọi loại hình"
    )
    parser.add_argument("--guide", help="với session: tên tệp của gợi ý chuyên đề cùng nhóm mà kịch bản chạy")
    parser.add_argument("--description", help="mô tả ngắn, 40–300 ký tự (mặc định: một câu để viết lại)")
    parser.add_argument("--reference", action="append", default=[], help="mã văn bản thêm vào references")
    parser.add_argument("--tag", action="append", default=[], help="từ khóa (ghi nhiều lần)")
    parser.add_argument("--contributor", action="append", default=[], help="người, chi bộ đóng góp")
    parser.add_argument("--slug", help="tên tệp (không có .md) nếu không muốn dùng tên làm từ tiêu đề")
    parser.add_argument("--root", default=str(ROOT), help="thư mục gốc của dự án (mặc định: thư mục chứa scripts/)")
    return parser


def _choose(args: argparse.Namespace, root: Path, ask: Ask) -> NewTopic:
    """The flags, completed by questions: every question when there is no --title, else only what is missing."""
    result = load_library(root)
    if result.library is None:
        raise ScaffoldError("\n".join([MESSAGES["broken_data"], *(p.format() for p in result.problems)]))
    library = result.library
    catalog = library.catalog
    full = args.title is None
    title = args.title or _ask_until(ask, MESSAGES["ask_title"])
    kind = args.kind or "guide"
    if full and args.kind is None:
        kinds = [(k.id, k.name) for k in catalog.kinds]
        kind = _pick(ask, MESSAGES["ask_kind"].format(default=kinds[0][0]), kinds, default=kinds[0][0])
    group = args.group or _pick(ask, MESSAGES["ask_group"], [(g.id, g.name) for g in catalog.groups])
    cell_types = tuple(args.cell_type)
    if full and not cell_types:
        options = [(c.id, c.name) for c in catalog.cell_types]
        cell_types = tuple(_pick_many(ask, MESSAGES["ask_cell_types"], options))
    guide = args.guide or ""
    if kind == "session" and not guide:
        guide = _ask_guide(ask, library, group)
    description = args.description or (ask(MESSAGES["ask_description"]).strip() if full else "")
    contributors = tuple(args.contributor)
    if full and not contributors:
        contributors = tuple(_split(ask(MESSAGES["ask_contributors"])))
    return NewTopic(
        title=title.strip(),
        group=group,
        kind=kind,
        cell_types=cell_types,
        description=description,
        guide=guide,
        references=tuple(args.reference),
        tags=tuple(args.tag),
        contributors=contributors,
        slug=args.slug or "",
    )


def _ask_guide(ask: Ask, library: Library, group: str) -> str:
    guides = group_guides(library, group)
    if not guides:
        raise ScaffoldError(MESSAGES["no_guides"].format(group=group))
    titles = {topic.slug: topic.title for topic in library.topics}
    return _pick(ask, MESSAGES["ask_guide"], [(slug, titles[slug]) for slug in guides])


def _ask_until(ask: Ask, question: str) -> str:
    answer = ""
    while not answer:
        answer = ask(question).strip()
    return answer


def _pick(ask: Ask, question: str, options: list[tuple[str, str]], default: str = "") -> str:
    """A numbered list, then the answer: a number from the list, or a code (checked later with a suggestion)."""
    print("\n".join(f"  {number}. {code} — {name}" for number, (code, name) in enumerate(options, 1)))
    answer = ask(question).strip() if default else _ask_until(ask, question)
    return _option(answer, options) if answer else default


def _pick_many(ask: Ask, question: str, options: list[tuple[str, str]]) -> list[str]:
    print("\n".join(f"  {number}. {code} — {name}" for number, (code, name) in enumerate(options, 1)))
    return [_option(answer, options) for answer in _split(ask(question))]


def _option(answer: str, options: list[tuple[str, str]]) -> str:
    if answer.isdigit() and 1 <= int(answer) <= len(options):
        return options[int(answer) - 1][0]
    return answer


def _split(answer: str) -> list[str]:
    return [part.strip() for part in answer.split(",") if part.strip()]


if __name__ == "__main__":
    sys.exit(main())
