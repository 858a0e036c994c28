"""The library's data files: topic groups, cell types, kinds, documents, meeting steps and UI strings."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .load import load_yaml
from .problems import Problem, problem

DATA_DIR = Path(__file__).parent / "data"
SCHEMA_DIR = Path(__file__).parent / "schema"
DATA_FILES = (
    "groups",
    "cell_types",
    "kinds",
    "documents",
    "meeting_steps",
    "content_rules",
    "print_format",
    "forms",
    "meeting_papers",
    "plan",
    "anniversaries",
    "problems",
    "strings",
    "yaml_errors",
)


@dataclass(frozen=True)
class Group:
    id: str
    order: int
    name: str
    short: str
    description: str


@dataclass(frozen=True)
class CellType:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Kind:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Document:
    id: str
    type: str
    type_name: str
    date: str
    issuer: str
    title: str
    source: str
    number: str | None = None
    link: str | None = None
    numbered: bool = True
    # Addresses of the pages that verified the entry, the day they were read, and what later documents did to it.
    sources: tuple[str, ...] = ()
    checked: str | None = None
    status: str | None = None
    names: tuple[str, ...] = ()

    @property
    def missing_fields(self) -> list[str]:
        """Fields a citation needs that this entry lacks: a number (for numbered types) and a full date."""
        missing = []
        if self.numbered and not self.number:
            missing.append("number")
        if len(self.date) != len("2000-01-01"):
            missing.append("date")
        return missing

    @property
    def short_citation(self) -> str:
        """ "Chỉ thị 05-CT/TW ngày 15/5/2016": enough on a printed session script, the guide has the rest."""
        name = f"{self.type_name} {self.number}" if self.number else self.title
        return f"{name} {_vietnamese_date(self.date)}"

    @property
    def citation(self) -> str:
        """ "Chỉ thị 05-CT/TW, ngày 15/5/2016, của Bộ Chính trị khóa XII: Đẩy mạnh …"."""
        name = f"{self.type_name} {self.number}" if self.number else self.type_name
        if self.title.startswith(self.type_name):
            name = self.number or ""
        parts = [part for part in (name, _vietnamese_date(self.date), f"của {self.issuer}") if part]
        return f"{', '.join(parts)}: {self.title}" if name else f"{self.title} ({', '.join(parts)})"


@dataclass(frozen=True)
class Catalog:
    """All data files, loaded and checked: the one source of truth for validation and pages."""

    groups: tuple[Group, ...]
    cell_types: tuple[CellType, ...]
    kinds: tuple[Kind, ...]
    documents: tuple[Document, ...]
    meeting: dict[str, Any]
    content_rules: dict[str, Any]
    print_format: dict[str, Any]
    forms: tuple[dict[str, Any], ...]
    meeting_papers: dict[str, Any]
    plan: dict[str, Any]
    anniversaries: tuple[dict[str, Any], ...]
    strings: dict[str, str]

    @cached_property
    def group_by_id(self) -> dict[str, Group]:
        return {group.id: group for group in self.groups}

    @cached_property
    def cell_type_by_id(self) -> dict[str, CellType]:
        return {cell_type.id: cell_type for cell_type in self.cell_types}

    @cached_property
    def kind_by_id(self) -> dict[str, Kind]:
        return {kind.id: kind for kind in self.kinds}

    @cached_property
    def step_names(self) -> dict[str, str]:
        return {step["id"]: step["name"] for step in self.meeting["steps"]}

    @cached_property
    def role_names(self) -> dict[str, str]:
        return {role["id"]: role["name"] for role in self.meeting["roles"]}

    @cached_property
    def document_by_id(self) -> dict[str, Document]:
        return {document.id: document for document in self.documents}

    def topic_schema(self) -> dict[str, Any]:
        """The front-matter JSON Schema with its enums filled in from the data files."""
        schema = json.loads((SCHEMA_DIR / "topic.schema.json").read_text(encoding="utf-8"))
        enums = {
            "kind": [kind.id for kind in self.kinds],
            "group": [group.id for group in self.groups],
            "cell_type": [cell_type.id for cell_type in self.cell_types],
            "document": [document.id for document in self.documents],
            "role": [role["id"] for role in self.meeting["roles"]],
            "step": [step["id"] for step in self.meeting["steps"]],
        }
        for name, values in enums.items():
            schema["$defs"][name]["enum"] = values
        return _inline_definitions(schema)


def load_catalog(data_dir: Path = DATA_DIR) -> tuple[Catalog | None, list[Problem]]:
    """Read and check every data file; the catalog is None when any of them is broken."""
    raw: dict[str, Any] = {}
    problems: list[Problem] = []
    data_schema = json.loads((SCHEMA_DIR / "data.schema.json").read_text(encoding="utf-8"))
    for name in DATA_FILES:
        path = data_dir / f"{name}.yml"
        display = _display(path)
        try:
            raw[name] = load_yaml(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            problems.append(problem("D401", display, _yaml_line(error), detail=str(error).replace("\n", " ")))
            continue
        validator = jsonschema.Draft202012Validator({"$ref": f"#/$defs/{name}", **data_schema})
        for error in validator.iter_errors(raw[name]):
            where = "/".join(str(part) for part in error.absolute_path) or "(gốc)"
            problems.append(problem("D401", display, 1, detail=f"{where}: {error.message}"))
    if problems:
        return None, problems
    catalog = _build(raw)
    problems.extend(_cross_check(catalog, raw, data_dir))
    return (None if problems else catalog), problems


def _build(raw: dict[str, Any]) -> Catalog:
    types = {entry["id"]: entry for entry in raw["documents"]["types"]}
    return Catalog(
        groups=tuple(sorted((Group(**entry) for entry in raw["groups"]), key=lambda g: g.order)),
        cell_types=tuple(CellType(**entry) for entry in raw["cell_types"]),
        kinds=tuple(Kind(**entry) for entry in raw["kinds"]),
        documents=tuple(
            Document(
                type_name=types.get(entry["type"], {}).get("name", entry["type"]),
                numbered=types.get(entry["type"], {}).get("numbered", True),
                **{**entry, "sources": tuple(entry.get("sources", ())), "names": tuple(entry.get("names", ()))},
            )
            for entry in raw["documents"]["documents"]
        ),
        meeting=raw["meeting_steps"],
        content_rules=raw["content_rules"],
        print_format=raw["print_format"],
        forms=tuple(raw["forms"]["forms"]),
        meeting_papers=raw["meeting_papers"],
        plan=raw["plan"],
        anniversaries=tuple(raw["anniversaries"]["anniversaries"]),
        strings=raw["strings"],
    )


def _cross_check(catalog: Catalog, raw: dict[str, Any], data_dir: Path) -> list[Problem]:
    problems: list[Problem] = []
    id_lists = {
        "groups": [g.id for g in catalog.groups],
        "cell_types": [c.id for c in catalog.cell_types],
        "kinds": [k.id for k in catalog.kinds],
        "documents": [d.id for d in catalog.documents],
        "meeting_steps": [s["id"] for s in catalog.meeting["steps"]],
        "anniversaries": [day["id"] for day in catalog.anniversaries],
    }
    for name, ids in id_lists.items():
        for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
            problems.append(problem("D401", _display(data_dir / f"{name}.yml"), detail=f"mã “{duplicate}” bị trùng"))
    type_ids = {entry["id"] for entry in raw["documents"]["types"]}
    for document in catalog.documents:
        if document.type not in type_ids:
            problems.append(
                problem(
                    "D401",
                    _display(data_dir / "documents.yml"),
                    detail=f"{document.id}: loại văn bản “{document.type}” không có trong types",
                )
            )
    roles = {role["id"] for role in catalog.meeting["roles"]}
    for step in catalog.meeting["steps"]:
        if step["lead"] not in roles:
            problems.append(
                problem(
                    "D401",
                    _display(data_dir / "meeting_steps.yml"),
                    detail=f"{step['id']}: vai trò “{step['lead']}” không có trong roles",
                )
            )
    if catalog.meeting["durations"]["source"] not in catalog.document_by_id:
        problems.append(
            problem(
                "D401",
                _display(data_dir / "meeting_steps.yml"),
                detail="durations.source phải là mã trong documents.yml",
            )
        )
    for kind, rules in catalog.content_rules.items():
        for ref in rules["new_file"]["references"]:
            if ref not in catalog.document_by_id or catalog.document_by_id[ref].missing_fields:
                problems.append(
                    problem(
                        "D401",
                        _display(data_dir / "content_rules.yml"),
                        detail=f"{kind}.new_file.references: “{ref}” phải là văn bản đủ thông tin trong documents.yml",
                    )
                )
    group_ids = set(id_lists["groups"])
    for day in catalog.anniversaries:
        where = _display(data_dir / "anniversaries.yml")
        if not _real_day(day["month"], day["day"], day.get("year")):
            problems.append(
                problem("D401", where, detail=f"{day['id']}: ngày {day['day']}/{day['month']} không có thật")
            )
        for group in day["groups"]:
            if group not in group_ids:
                problems.append(problem("D401", where, detail=f"{day['id']}: nhóm “{group}” không có trong groups.yml"))
    if {"guide", "session"} - set(id_lists["kinds"]):
        problems.append(problem("D401", _display(data_dir / "kinds.yml"), detail="cần có hai loại guide và session"))
    return problems


def _real_day(month: int, day: int, year: int | None) -> bool:
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: 29/2 is a real day when no year is given
    except ValueError:
        return False
    return True


def _inline_definitions(schema: dict[str, Any]) -> dict[str, Any]:
    """Replace local `#/$defs/…` references by their targets: the same schema, validated much faster."""
    definitions = schema["$defs"]

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/") and ref[len("#/$defs/") :] in definitions:
                rest = {key: inline(value) for key, value in node.items() if key != "$ref"}
                return {**inline(definitions[ref[len("#/$defs/") :]]), **rest}
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(item) for item in node]
        return node

    return inline(schema)


def _vietnamese_date(value: str) -> str:
    if len(value) == 4:
        return f"năm {value}"
    year, month, day = (int(part) for part in value.split("-"))
    month_text = f"{month:02d}" if month <= 2 else str(month)
    return f"ngày {day:02d}/{month_text}/{year}"


def _yaml_line(error: Exception) -> int:
    mark = getattr(error, "problem_mark", None)
    return mark.line + 1 if mark is not None else 1


def _display(path: Path) -> str:
    try:
        return path.relative_to(DATA_DIR.parents[2]).as_posix()
    except ValueError:
        return path.as_posix()
