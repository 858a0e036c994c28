"""New topic files that pass every check from the start: front matter from a few choices, text from the data.

`create_topic` writes what scripts/new_topic.py asks for; `template_text` is the template web-editor users copy
(topics/MAU-CHUYEN-DE.md). Both put the sections of data/content_rules.yml in order, each with its prompt and
outline, so the file is long enough and well-formed before the writer has written a word of their own.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .data import Catalog
from .library import Library, load_library
from .load import display_path, parse_topic
from .problems import Problem, did_you_mean
from .text import nfc, slugify
from .validate import ALL_CELL_TYPES, check_across, make_validator, validate_topic

PLACEHOLDER = "…"


@dataclass(frozen=True)
class NewTopic:
    """What a contributor chooses for a new topic file; everything else comes from the data files."""

    title: str
    group: str
    kind: str = "guide"
    cell_types: tuple[str, ...] = ()  # empty: every cell type
    description: str = ""  # empty: the kind's sentence to rewrite
    guide: str = ""  # the guide a session script runs
    references: tuple[str, ...] = ()  # cited besides the kind's usual documents
    tags: tuple[str, ...] = ()
    contributors: tuple[str, ...] = ()
    slug: str = ""  # empty: made from the title


class ScaffoldError(Exception):
    """A choice that can't make a valid topic file; the message says why and what to do, in Vietnamese."""


def create_topic(root: Path, choice: NewTopic, today: datetime.date) -> Path:
    """Write the new topic file under `root`/topics and return its path; an existing file is never replaced."""
    path, text = plan_topic(root, choice, today)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise ScaffoldError(MESSAGES["exists"].format(path=display_path(path, root))) from None
    return path


def plan_topic(root: Path, choice: NewTopic, today: datetime.date) -> tuple[Path, str]:
    """Where the new file goes and its text, checked against the library as the check CLI would check it."""
    result = load_library(root)
    if result.library is None:
        raise ScaffoldError("\n".join([MESSAGES["broken_data"], *(p.format() for p in result.problems)]))
    library = result.library
    _check_choice(choice, library)
    slug = topic_slug(choice)
    if not slug:
        raise ScaffoldError(MESSAGES["no_slug"])
    path = root / "topics" / choice.group / f"{slug}.md"
    display = display_path(path, root)
    if path.exists():
        raise ScaffoldError(MESSAGES["exists"].format(path=display))
    text = new_topic_text(library.catalog, choice, today)
    problems = _problems(text, display, choice.group, slug, library)
    if problems:
        raise ScaffoldError("\n".join([MESSAGES["invalid"], *(p.format() for p in problems)]))
    return path, text


def new_topic_text(catalog: Catalog, choice: NewTopic, today: datetime.date) -> str:
    """The text of a new topic file: front matter from `choice`, the kind's sections with prompts and outlines."""
    rules = catalog.content_rules[choice.kind]["new_file"]
    references = list(dict.fromkeys([*rules["references"], *choice.references]))
    fields: list[tuple[str, str]] = [
        ("title", _scalar(choice.title)),
        ("kind", choice.kind),
        ("group", choice.group),
    ]
    if choice.kind == "session":
        fields.append(("guide", choice.guide))
    fields += [
        ("description", _scalar(choice.description or rules["description"])),
        ("cell_types", _flow(choice.cell_types) if choice.cell_types else ALL_CELL_TYPES),
        ("references", _flow(references)),
    ]
    if choice.kind == "session":
        fields += _session_fields(catalog)
    if choice.tags:
        fields.append(("tags", _flow(choice.tags)))
    if choice.contributors:
        fields.append(("contributors", _flow(choice.contributors)))
    fields.append(("updated", today.isoformat()))
    path = f"topics/{choice.group}/{topic_slug(choice)}.md"
    head = [f"# {line}" for line in MESSAGES["file_note"].format(path=path).split("\n")]
    front = "\n".join([*head, *(_field(key, value) for key, value in fields)])
    # Typed answers may be decomposed (Windows' own Vietnamese keyboard); the library stores NFC.
    return nfc(f"---\n{front}\n---\n\n{body_text(catalog, choice.kind)}")


def topic_slug(choice: NewTopic) -> str:
    """The file name (without .md) of the new topic: the one chosen, or the title in ASCII kebab-case."""
    return choice.slug or slugify(choice.title)


def template_text(catalog: Catalog, schema: dict[str, Any]) -> str:
    """The guide template for web-editor users: placeholders to replace, a note on each key, the guide's text."""
    properties = schema["properties"]
    values = {
        "title": PLACEHOLDER,
        "kind": "guide",
        "group": PLACEHOLDER,
        "description": PLACEHOLDER,
        "cell_types": ALL_CELL_TYPES,
        "references": _flow(catalog.content_rules["guide"]["new_file"]["references"]),
        "tags": f"[{PLACEHOLDER}]",
        "contributors": f"[{PLACEHOLDER}]",
        "updated": PLACEHOLDER,
    }
    lines = [f"# {line}" for line in MESSAGES["template_note"].split("\n")]
    for key, value in values.items():
        prop = properties[key]
        note = MESSAGES["template_fields"][key].format(
            label=prop["title"],
            length=f"{prop.get('minLength')}–{prop.get('maxLength')}",
            example=prop.get("examples", [""])[0],
            groups=", ".join(group.id for group in catalog.groups),
            cell_types=", ".join(cell_type.id for cell_type in catalog.cell_types),
        )
        lines += [f"# {note[0].upper()}{note[1:]}", _field(key, value)]
    return "---\n" + "\n".join(lines) + f"\n---\n\n{body_text(catalog, 'guide')}"


def body_text(catalog: Catalog, kind: str) -> str:
    """Every required section of `kind` in order: its heading, its prompt as a quote, then its outline."""
    parts = [
        f"## {section['heading']}\n\n> {section['prompt']}\n\n{section['outline'].rstrip()}\n"
        for section in catalog.content_rules[kind]["sections"]
    ]
    return "\n".join(parts)


def group_guides(library: Library, group: str) -> list[str]:
    """The file names of the guides in `group`: what a session script of that group may run."""
    return [topic.slug for topic in library.by_group.get(group, []) if topic.kind == "guide"]


def session_agenda(catalog: Catalog) -> list[dict[str, Any]]:
    """The agenda a new script starts with: every step that has suggested minutes, in the order of the data."""
    return [
        {"step": step["id"], "minutes": step["minutes"], "lead": step["lead"]}
        for step in catalog.meeting["steps"]
        if "minutes" in step
    ]


def _session_fields(catalog: Catalog) -> list[tuple[str, str]]:
    agenda = session_agenda(catalog)
    rows = "".join(
        f"\n  - {{step: {item['step']}, minutes: {item['minutes']}, lead: {item['lead']}}}" for item in agenda
    )
    return [
        ("duration_minutes", str(sum(item["minutes"] for item in agenda))),
        ("roles", _flow([role["id"] for role in catalog.meeting["roles"]])),
        ("agenda", rows),
    ]


def _check_choice(choice: NewTopic, library: Library) -> None:
    """Friendly errors for choices outside the data files, before any file is made."""
    catalog = library.catalog
    _must_be_one_of("kind", choice.kind, [kind.id for kind in catalog.kinds])
    _must_be_one_of("group", choice.group, [group.id for group in catalog.groups])
    for cell_type in choice.cell_types:
        _must_be_one_of("cell_type", cell_type, [c.id for c in catalog.cell_types])
    for ref in choice.references:
        _must_be_one_of("reference", ref, [d.id for d in catalog.documents])
    if choice.kind != "session":
        if choice.guide:
            raise ScaffoldError(MESSAGES["guide_for_guide"])
        return
    guides = group_guides(library, choice.group)
    if not choice.guide:
        raise ScaffoldError(MESSAGES["guide_missing"].format(group=choice.group, guides=", ".join(guides) or "—"))
    if choice.guide not in guides:
        raise ScaffoldError(
            MESSAGES["guide_unknown"].format(
                guide=choice.guide,
                group=choice.group,
                did_you_mean=did_you_mean(choice.guide, guides),
                guides=", ".join(guides) or "—",
            )
        )


def _must_be_one_of(what: str, value: str, allowed: list[str]) -> None:
    if value not in allowed:
        raise ScaffoldError(
            MESSAGES[f"unknown_{what}"].format(
                value=value, did_you_mean=did_you_mean(value, allowed), allowed=", ".join(allowed)
            )
        )


def _problems(text: str, display: str, group: str, slug: str, library: Library) -> list[Problem]:
    """The errors the check CLI would report for the new file, cross-file rules included."""
    raw, problems = parse_topic(text, display, group, slug)
    if raw is not None:
        topic, topic_problems = validate_topic(raw, library.catalog, make_validator(library.catalog))
        problems += topic_problems
        if topic is not None:
            problems += [p for p in check_across([*library.topics, topic], library.catalog) if p.path == display]
    return [p for p in problems if p.is_error]


def _field(key: str, value: str) -> str:
    """One front-matter line (or block, when `value` starts on the next line)."""
    return f"{key}:{value}" if value.startswith("\n") else f"{key}: {value}"


def _scalar(value: str) -> str:
    """`value` as a YAML scalar: plain when YAML reads it back unchanged, double-quoted otherwise."""
    return value if _reads_back(f"k: {value}", value) else json.dumps(value, ensure_ascii=False)


def _flow(values: list[str] | tuple[str, ...]) -> str:
    """A YAML flow list, each item plain when that reads back unchanged: [a, b]."""
    items = [v if _reads_back(f"k: [{v}]", [v]) else json.dumps(v, ensure_ascii=False) for v in values]
    return f"[{', '.join(items)}]"


def _reads_back(text: str, value: object) -> bool:
    try:
        return yaml.safe_load(text) == {"k": value}
    except yaml.YAMLError:
        return False


# Every sentence scripts/new_topic.py and the template show. {fields} are filled in by the code.
MESSAGES = {
    "file_note": (
        "Viết nội dung thay cho các chỗ “…” và các đoạn lời nhắc bắt đầu bằng “>”, rồi kiểm tra bằng lệnh\n"
        "python scripts/check_topics.py {path}\n"
        "Xóa ba dòng ghi chú này khi viết xong."
    ),
    "template_note": (
        "MẪU GỢI Ý CHUYÊN ĐỀ. Chép cả tệp này vào một tệp mới topics/<nhóm>/<tên-tệp>.md (xem CONTRIBUTING.md),\n"
        "thay mỗi chỗ “…” bằng nội dung của bạn và viết thay cho các đoạn lời nhắc bắt đầu bằng “>”.\n"
        "Các dòng bắt đầu bằng # (và phần sau dấu # ở cuối dòng) là ghi chú, không hiện trên trang: có thể xóa."
    ),
    # A note above each key of the template; {label} is the key's title in the schema.
    "template_fields": {
        "title": "{label}, {length} ký tự, không trùng tiêu đề khác",
        "kind": "loại tệp: guide là gợi ý chuyên đề (kịch bản buổi sinh hoạt: xem CONTRIBUTING.md)",
        "group": "{label}: {groups}",
        "description": "{label}, {length} ký tự",
        "cell_types": "{label} [mã, mã], mã là: {cell_types}",
        "references": "mã văn bản trong danh mục (CONTRIBUTING.md); thêm mã mọi văn bản được nhắc đến",
        "tags": "{label} (không bắt buộc: xóa dòng nếu không dùng)",
        "contributors": "{label}",
        "updated": "{label}, ví dụ {example}",
    },
    "ask_title": "Tiêu đề chuyên đề: ",
    "ask_kind": "Loại tệp (gõ số hoặc mã; Enter: {default}): ",
    "ask_group": "Nhóm (gõ số hoặc tên thư mục): ",
    "ask_cell_types": "Loại hình chi bộ, nhiều loại cách nhau bằng dấu phẩy (Enter: mọi loại hình): ",
    "ask_guide": "Gợi ý chuyên đề mà kịch bản chạy (gõ số hoặc tên tệp): ",
    "ask_description": "Mô tả ngắn, 40–300 ký tự (Enter: viết sau): ",
    "ask_contributors": "Người, chi bộ đóng góp, cách nhau bằng dấu phẩy (Enter: bỏ qua): ",
    "no_guides": "Nhóm {group} chưa có gợi ý chuyên đề nào: hãy tạo gợi ý chuyên đề (guide) trước.",
    "cancelled": "Đã dừng, chưa tạo tệp nào.",
    "created": (
        "Đã tạo {path} ({kind}). Việc tiếp theo:\n"
        "  1. Mở tệp, viết nội dung thay cho các chỗ “…” và các đoạn lời nhắc bắt đầu bằng “>”.\n"
        "  2. Kiểm tra: python scripts/check_topics.py {path}\n"
        "  3. Xem trang: bash scripts/serve.sh rồi mở http://127.0.0.1:8000"
    ),
    "exists": "Đã có tệp {path}: không ghi đè. Đặt tiêu đề khác, dùng --slug, hoặc mở tệp đó để sửa.",
    "no_slug": "Không tạo được tên tệp từ tiêu đề: tiêu đề cần có chữ hoặc số.",
    "broken_data": "Tệp dữ liệu của thư viện đang lỗi, chưa tạo được chuyên đề mới:",
    "invalid": "Chưa tạo tệp vì nội dung sẽ không qua được bước kiểm tra:",
    "unknown_kind": "Không có loại tệp “{value}”. {did_you_mean}Các loại: {allowed}.",
    "unknown_group": "Không có nhóm “{value}”. {did_you_mean}Các nhóm (tên thư mục trong topics/): {allowed}.",
    "unknown_cell_type": "Không có loại hình chi bộ “{value}”. {did_you_mean}Các mã: {allowed}.",
    "unknown_reference": (
        "Danh mục văn bản không có mã “{value}”. {did_you_mean}Các mã trong "
        "hooks/topiclib/data/documents.yml: {allowed}."
    ),
    "guide_for_guide": "--guide chỉ dùng cho kịch bản buổi sinh hoạt (--kind session).",
    "guide_missing": (
        "Kịch bản buổi sinh hoạt cần chạy một gợi ý chuyên đề cùng nhóm: thêm --guide <tên-tệp>. "
        "Các gợi ý chuyên đề trong nhóm {group}: {guides}."
    ),
    "guide_unknown": (
        "Nhóm {group} không có gợi ý chuyên đề “{guide}”. {did_you_mean}"
        "Các gợi ý chuyên đề trong nhóm {group}: {guides}."
    ),
}
