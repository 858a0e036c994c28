"""Check every topic file with the same rules as the site build, without building.

Usage: python scripts/check_topics.py [FILE ...] [--format text|github] [--fix] [--root DIR]
Exit status: 0 when there is no error, 1 when there is at least one, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from topiclib.library import check_files, load_library  # noqa: E402
from topiclib.load import display_path  # noqa: E402
from topiclib.problems import Problem  # noqa: E402
from topiclib.text import nfc  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = Path(args.root).resolve()
    output_format = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    missing = [path for path in args.files if not os.path.lexists(path)]
    if missing:
        print(f"Không thấy tệp: {', '.join(missing)}. Kiểm tra lại đường dẫn.", file=sys.stderr)
        return 2
    if args.fix:
        _fix_normal_form(root / "topics", root)
    # Named files get a fast path: the same problems as the whole library's, without validating every file.
    result = check_files(root, [Path(path) for path in args.files]) if args.files else load_library(root)
    problems = result.problems
    for item in problems:
        print(item.github() if output_format == "github" else item.format())
    print(_summary(problems, result.files, len(args.files)), file=sys.stderr)
    return 1 if any(p.is_error for p in problems) else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="check_topics.py",
        description="Kiểm tra các tệp chuyên đề trong topics/ theo đúng quy tắc khi dựng trang.",
    )
    parser.add_argument("files", nargs="*", help="chỉ báo lỗi của các tệp này (quy tắc liên tệp vẫn xét cả thư viện)")
    parser.add_argument(
        "--format",
        choices=("text", "github"),
        help="text: đường-dẫn:dòng: MÃ lời nhắn; github: chú thích GitHub Actions (mặc định khi GITHUB_ACTIONS=true)",
    )
    parser.add_argument("--fix", action="store_true", help="chuyển tệp có chữ tổ hợp (NFD) sang dạng dựng sẵn (NFC)")
    parser.add_argument("--root", default=str(ROOT), help="thư mục gốc của dự án (mặc định: thư mục chứa scripts/)")
    return parser


def _fix_normal_form(topics_dir: Path, root: Path) -> None:
    for path in sorted(topics_dir.rglob("*.md")):
        if path.is_symlink() or not path.is_file():  # reported (T112, T113); a link is never written through
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        fixed = nfc(text)
        if fixed != text:
            path.write_bytes(fixed.encode("utf-8"))
            print(f"{display_path(path, root)}: đã chuyển sang NFC", file=sys.stderr)


def _summary(problems: list[Problem], files: int, named: int) -> str:
    counts = {severity: sum(p.severity == severity for p in problems) for severity in ("error", "warning", "notice")}
    checked = f"{named} tệp (đối chiếu với cả thư viện, {files} tệp chuyên đề)" if named else f"{files} tệp chuyên đề"
    if not any(counts.values()):
        return f"Đã kiểm tra {checked}: không có lỗi."
    return f"Đã kiểm tra {checked}: {counts['error']} lỗi, {counts['warning']} cảnh báo, {counts['notice']} lưu ý."


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into `head` and cut short
        sys.stderr.close()
        sys.exit(1)
