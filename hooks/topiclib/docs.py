"""Documentation generated from the data files, so the docs can't drift from the rules."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .data import Catalog
from .load import TEMPLATE_NAME
from .problems import Rule, catalogue
from .validate import ALL_CELL_TYPES

SEVERITY_NAMES = {"error": "lỗi", "warning": "cảnh báo", "notice": "lưu ý"}


def problem_table(rules: dict[str, Rule] | None = None) -> str:
    """The Markdown table of every problem code: code, severity, rule and what to do."""
    rows = ["| Mã | Mức | Quy tắc | Cách sửa |", "|---|---|---|---|"]
    for rule in (rules or catalogue()).values():
        hint = re.sub(r"\{[a-z_]+\}", "…", rule.hint).replace("|", "\\|")
        rows.append(f"| {rule.code} | {SEVERITY_NAMES[rule.severity]} | {rule.rule} | {hint} |")
    return "\n".join(rows)


def replace_between(text: str, name: str, content: str) -> str:
    """Put `content` between `<!-- name:start -->` and `<!-- name:end -->` in `text`."""
    pattern = re.compile(rf"(<!-- {re.escape(name)}:start -->\n).*?(<!-- {re.escape(name)}:end -->)", re.S)
    if not pattern.search(text):
        raise ValueError(f"không thấy cặp dấu <!-- {name}:start --> và <!-- {name}:end -->")
    return pattern.sub(lambda m: m.group(1) + content.rstrip("\n") + "\n" + m.group(2), text)


def field_table(catalog: Catalog) -> str:
    """Every front-matter key: required or not, what it is and what it takes, read from the JSON Schema."""
    schema = catalog.topic_schema()
    required = set(schema["required"])
    conditional = _conditionally_required(schema)
    rows = [f"| {' | '.join(WORDS['field_columns'])} |", "|---|---|---|---|"]
    for key, prop in schema["properties"].items():
        if key in required:
            needed = WORDS["required"]
        elif key in conditional:
            needed = WORDS["required_when"].format(condition=conditional[key])
        else:
            needed = WORDS["optional"]
        title = prop.get("title", "")
        value = _describe(prop, catalog)
        examples = prop.get("examples")
        if examples:
            value += WORDS["example"].format(example=f"`{key}: {examples[0]}`")
        rows.append(f"| `{key}` | {needed} | {_cell(title[:1].upper() + title[1:])} | {_cell(value)} |")
    return "\n".join(rows)


def group_table(catalog: Catalog) -> str:
    """The topic groups: folder name (the value of `group`) and the group of HD 12 it stands for."""
    rows = [f"| {' | '.join(WORDS['group_columns'])} |", "|---|---|"]
    rows += [f"| `{g.id}` | {g.order}. {_cell(g.name)} |" for g in catalog.groups]
    return "\n".join(rows)


def cell_type_table(catalog: Catalog) -> str:
    rows = [f"| {' | '.join(WORDS['cell_type_columns'])} |", "|---|---|---|"]
    rows += [f"| `{c.id}` | {_cell(c.name)} | {_cell(c.description)} |" for c in catalog.cell_types]
    return "\n".join(rows)


def document_table(catalog: Catalog) -> str:
    """The documents a topic may cite (`references`), each with its number, date, issuer and title."""
    rows = [f"| {' | '.join(WORDS['document_columns'])} |", "|---|---|"]
    rows += [f"| `{d.id}` | {_cell(d.citation)} |" for d in catalog.documents if not d.missing_fields]
    return "\n".join(rows)


def step_table(catalog: Catalog) -> str:
    """The roles, then the meeting steps (`agenda`): required or not, who leads, minutes a new script starts with."""
    roles = "; ".join(f"`{role}`: {name}" for role, name in catalog.role_names.items())
    rows = [WORDS["roles"].format(roles=roles), "", f"| {' | '.join(WORDS['step_columns'])} |", "|---|---|---|---|---|"]
    for step in catalog.meeting["steps"]:
        needed = WORDS["required"] if step["required"] else WORDS["optional"]
        rows.append(
            f"| `{step['id']}` | {_cell(step['name'])} | {needed} | `{step['lead']}` | {step.get('minutes', '—')} |"
        )
    return "\n".join(rows)


def section_list(catalog: Catalog, kind: str) -> str:
    """The level-2 headings a file of `kind` must have, in order, each with what goes under it."""
    rules = catalog.content_rules[kind]
    lines = [f"{n}. `## {s['heading']}` — {s['prompt']}" for n, s in enumerate(rules["sections"], 1)]
    bounds = rules["word_count"]
    return "\n".join([*lines, "", WORDS["word_count"].format(minimum=bounds["min"], maximum=bounds["max"])])


def block(text: str, name: str) -> str:
    """What stands between `<!-- name:start -->` and `<!-- name:end -->` in `text`."""
    match = re.search(rf"<!-- {re.escape(name)}:start -->\n(.*?)<!-- {re.escape(name)}:end -->", text, re.S)
    if match is None:
        raise ValueError(f"không thấy cặp dấu <!-- {name}:start --> và <!-- {name}:end -->")
    return match.group(1)


def issue_form(catalog: Catalog) -> str:
    """The GitHub issue form “Đề xuất chuyên đề”: the same choices as a topic file, in plain words."""
    text = ISSUE_FORM
    sections = "\n".join(f"- {s['heading']}" for s in catalog.content_rules["guide"]["sections"])
    body: list[dict[str, Any]] = [
        {"type": "markdown", "attributes": {"value": text["intro"]}},
        _input("title", text["title"], required=True),
        _dropdown("group", text["group"], [f"{g.id} — {g.name}" for g in catalog.groups]),
        _dropdown("kind", text["kind"], [f"{k.id} — {k.name}" for k in catalog.kinds]),
        {
            "type": "checkboxes",
            "id": "cell_types",
            "attributes": {
                **text["cell_types"],
                "options": [{"label": f"{ALL_CELL_TYPES} — {catalog.strings['all_cell_types']}"}]
                + [{"label": f"{c.id} — {c.name}"} for c in catalog.cell_types],
            },
        },
        _textarea("description", text["description"], required=True),
        _textarea("outline", {**text["outline"], "value": sections + "\n"}),
        _textarea("references", text["references"]),
        _input("contributors", text["contributors"]),
        {
            "type": "checkboxes",
            "id": "promise",
            "attributes": {
                **text["promise"],
                "options": [{"label": label, "required": True} for label in text["promise_options"]],
            },
        },
    ]
    form = {"name": text["name"], "description": text["description_line"], "title": text["issue_title"], "body": body}
    dumped = yaml.dump(form, Dumper=_FormDumper, allow_unicode=True, sort_keys=False, width=110)
    return f"{text['header']}\n{dumped}"


def contributor_files(current: dict[str, str], catalog: Catalog, template: str) -> dict[str, str]:
    """The text each contributor file should have, from what it has now: generated blocks and whole files.

    `current` maps each path of CONTRIBUTOR_FILES to its text (empty when missing); the review checklist is
    written once, in CONTRIBUTING.md, and copied into the pull-request template.
    """
    try:
        contributing = current[CONTRIBUTING]
        for name, content in (
            ("field-table", field_table(catalog)),
            ("group-table", group_table(catalog)),
            ("cell-type-table", cell_type_table(catalog)),
            ("document-table", document_table(catalog)),
            ("step-table", step_table(catalog)),
            ("guide-sections", section_list(catalog, "guide")),
            ("session-sections", section_list(catalog, "session")),
        ):
            contributing = replace_between(contributing, name, content)
        checklist = block(contributing, "review-checklist")
    except ValueError as error:
        raise ValueError(f"{CONTRIBUTING}: {error}") from None
    try:
        pull_request = replace_between(current[PULL_REQUEST_TEMPLATE], "review-checklist", checklist)
    except ValueError as error:
        raise ValueError(f"{PULL_REQUEST_TEMPLATE}: {error}") from None
    return {
        CONTRIBUTING: contributing,
        PULL_REQUEST_TEMPLATE: pull_request,
        ISSUE_FORM_PATH: issue_form(catalog),
        TEMPLATE_PATH: template,
    }


def _conditionally_required(schema: dict[str, Any]) -> dict[str, str]:
    """Keys required only when another key has a value: {"guide": "kind: session", …}."""
    found: dict[str, str] = {}
    for rule in schema.get("allOf", []):
        for key, condition in rule.get("if", {}).get("properties", {}).items():
            if "const" in condition:
                for needed in rule.get("then", {}).get("required", []):
                    found[needed] = f"{key}: {condition['const']}"
    return found


def _describe(node: dict[str, Any], catalog: Catalog) -> str:
    """A schema node in Vietnamese words: type, allowed values, lengths, bounds."""
    if "enum" in node:
        return _enum(node["enum"], catalog)
    kind = node.get("type")
    if isinstance(kind, list) and "if" in node:
        branches = [{**node["then"], "type": node["if"]["type"]}, {**node["else"], "type": "array"}]
        return WORDS["or"].join(_describe(branch, catalog) for branch in branches)
    if kind == "string":
        parts = [WORDS["string"]]
        if "minLength" in node or "maxLength" in node:
            parts.append(WORDS["length"].format(minimum=node.get("minLength", 0), maximum=node.get("maxLength", "∞")))
        if node.get("format") == "date":
            parts = [WORDS["date"]]
        if "pattern" in node:
            parts.append(WORDS["patterns"].get(node["pattern"], f"`{node['pattern']}`"))
        return ", ".join(parts)
    if kind == "integer":
        return WORDS["integer"].format(minimum=node.get("minimum", "…"), maximum=node.get("maximum", "…"))
    if kind == "boolean":
        return WORDS["boolean"]
    if kind == "array":
        parts = [WORDS["array"]]
        if node.get("minItems"):
            parts.append(WORDS["min_items"].format(count=node["minItems"]))
        if node.get("uniqueItems"):
            parts.append(WORDS["unique"])
        return ", ".join(parts) + WORDS["each"] + _describe(node.get("items", {}), catalog)
    if kind == "object":
        required = set(node.get("required", []))
        fields = [
            f"`{key}`{'' if key in required else WORDS['optional_key']}: {_describe(value, catalog)}"
            for key, value in node.get("properties", {}).items()
        ]
        return WORDS["object"] + "; ".join(fields)
    return ""


def _enum(values: list[str], catalog: Catalog) -> str:
    """Allowed values: a pointer to the table that lists them, or the values themselves when they are few."""
    tables = {
        tuple(g.id for g in catalog.groups): WORDS["see_groups"],
        tuple(c.id for c in catalog.cell_types): WORDS["see_cell_types"],
        tuple(d.id for d in catalog.documents): WORDS["see_documents"],
        tuple(s["id"] for s in catalog.meeting["steps"]): WORDS["see_steps"],
    }
    listed = ", ".join(f"`{value}`" for value in values)
    return tables.get(tuple(values)) or (listed if len(values) == 1 else WORDS["one_of"] + listed)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _input(field_id: str, attributes: dict[str, str], required: bool = False) -> dict[str, Any]:
    return {"type": "input", "id": field_id, "attributes": attributes, "validations": {"required": required}}


def _textarea(field_id: str, attributes: dict[str, str], required: bool = False) -> dict[str, Any]:
    return {"type": "textarea", "id": field_id, "attributes": attributes, "validations": {"required": required}}


def _dropdown(field_id: str, attributes: dict[str, str], options: list[str]) -> dict[str, Any]:
    return {
        "type": "dropdown",
        "id": field_id,
        "attributes": {**attributes, "options": options},
        "validations": {"required": True},
    }


class _FormDumper(yaml.SafeDumper):
    """YAML as people write it: text of several lines as a literal block."""


_FormDumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None),
)


CONTRIBUTING = "CONTRIBUTING.md"
PULL_REQUEST_TEMPLATE = ".github/PULL_REQUEST_TEMPLATE.md"
ISSUE_FORM_PATH = ".github/ISSUE_TEMPLATE/de-xuat-chuyen-de.yml"
TEMPLATE_PATH = f"topics/{TEMPLATE_NAME}"
CONTRIBUTOR_FILES = (CONTRIBUTING, PULL_REQUEST_TEMPLATE, ISSUE_FORM_PATH, TEMPLATE_PATH)

# The words of the generated tables. {fields} are filled in by the code.
WORDS: dict[str, Any] = {
    "field_columns": ("Khóa", "Bắt buộc", "Là gì", "Giá trị"),
    "group_columns": ("Thư mục (`group`)", "Nhóm chuyên đề (Hướng dẫn 12-HD/BTCTW)"),
    "cell_type_columns": ("Mã", "Loại hình chi bộ", "Gồm"),
    "document_columns": ("Mã (`references`)", "Văn bản"),
    "step_columns": ("Mã (`step`)", "Bước", "Bắt buộc", "Người điều khiển (`lead`)", "Số phút gợi ý"),
    "required": "có",
    "optional": "không",
    "required_when": "khi `{condition}`",
    "optional_key": " (không bắt buộc)",
    "example": ". Ví dụ: {example}",
    "or": " hoặc ",
    "string": "chữ",
    "length": "{minimum}–{maximum} ký tự",
    "date": "ngày viết NĂM-THÁNG-NGÀY",
    "integer": "số nguyên từ {minimum} đến {maximum}",
    "boolean": "`true` hoặc `false`",
    "array": "danh sách",
    "min_items": "ít nhất {count} mục",
    "unique": "không lặp",
    "each": "; mỗi mục: ",
    "object": "các khóa ",
    "one_of": "một trong ",
    "see_groups": "mã nhóm (bảng Nhóm chuyên đề)",
    "see_cell_types": "mã loại hình chi bộ (bảng Loại hình chi bộ)",
    "see_documents": "mã văn bản (bảng Danh mục văn bản)",
    "see_steps": "mã bước (bảng Các bước của buổi sinh hoạt)",
    "patterns": {
        "^[a-z0-9]+(-[a-z0-9]+)*$": "chữ thường không dấu, số, gạch ngang",
        "^([01][0-9]|2[0-3]):[0-5][0-9]$": "GIỜ:PHÚT, đặt trong ngoặc kép",
    },
    "word_count": "Cả bài dài {minimum}–{maximum} từ.",
    "roles": "Vai trò (`roles`, `lead`): {roles}.",
}

# The issue form “Đề xuất chuyên đề” (.github/ISSUE_TEMPLATE/de-xuat-chuyen-de.yml); options come from the data.
ISSUE_FORM: dict[str, Any] = {
    "header": (
        "# Generated by scripts/contributor_docs.py from hooks/topiclib/data/*.yml and hooks/topiclib/docs.py:\n"
        "# edit those, then run the script. GitHub shows this form under Issues → New issue."
    ),
    "name": "Đề xuất chuyên đề",
    "description_line": "Đề xuất một chuyên đề mới bằng lời, không cần viết tệp Markdown.",
    "issue_title": "Đề xuất chuyên đề: ",
    "intro": (
        "Cảm ơn đồng chí đã đề xuất. Hãy mô tả chuyên đề bằng lời của mình; người duy trì thư viện sẽ viết "
        "thành tệp chuyên đề và mời đồng chí đọc lại trước khi đưa lên trang.\n\n"
        "Xin đừng tự đặt số hiệu, ngày tháng, cơ quan ban hành của văn bản hay lời trích dẫn: chỉ ghi những gì "
        "đồng chí đã đối chiếu được với văn bản gốc."
    ),
    "title": {
        "label": "Tiêu đề chuyên đề",
        "description": "Ngắn, cụ thể (5–120 ký tự), không trùng chuyên đề đã có.",
        "placeholder": "Ví dụ: Nêu gương của đảng viên ở khu dân cư",
    },
    "group": {"label": "Nhóm chuyên đề", "description": "Sáu nhóm nội dung theo Hướng dẫn 12-HD/BTCTW (06/7/2018)."},
    "kind": {
        "label": "Loại",
        "description": "Gợi ý chuyên đề (dàn ý, câu hỏi thảo luận) hay kịch bản một buổi sinh hoạt.",
    },
    "cell_types": {
        "label": "Loại hình chi bộ phù hợp",
        "description": "Chọn một hoặc nhiều loại; chọn “all” nếu dùng được cho mọi loại hình.",
    },
    "description": {
        "label": "Mô tả ngắn",
        "description": "Một hoặc hai câu: chuyên đề giúp chi bộ làm gì.",
    },
    "outline": {
        "label": "Các ý chính",
        "description": "Ghi các ý định viết dưới mỗi mục của một gợi ý chuyên đề (để trống mục chưa nghĩ ra).",
    },
    "references": {
        "label": "Văn bản liên quan",
        "description": "Loại văn bản, số, ngày ban hành, cơ quan ban hành, và nơi đồng chí đã đối chiếu (đường "
        "dẫn hoặc tài liệu). Để trống nếu chưa rõ.",
    },
    "contributors": {
        "label": "Người, chi bộ đề xuất",
        "description": "Tên ghi ở mục “Người đóng góp” của trang (không bắt buộc).",
        "placeholder": "Ví dụ: Chi bộ thôn …",
    },
    "promise": {"label": "Cam kết"},
    "promise_options": [
        "Tôi không tự đặt số hiệu, ngày tháng, cơ quan ban hành hay lời trích dẫn nào chưa kiểm chứng.",
    ],
}
