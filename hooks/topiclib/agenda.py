"""Rules on a session script's agenda: required steps in order, minutes that add up, HD 42 durations, leaders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .data import Catalog
from .load import RawTopic
from .problems import Problem, problem


@dataclass(frozen=True)
class AgendaItem:
    step: str
    minutes: int
    lead: str
    notes: str = ""


def check_agenda(raw: RawTopic, catalog: Catalog) -> list[Problem]:
    """S601–S605 for a session whose front matter already passed the schema."""
    meta = raw.meta
    meeting = catalog.meeting
    agenda = meta["agenda"]
    names = catalog.step_names
    problems: list[Problem] = []
    used = [item["step"] for item in agenda]
    required = [step["id"] for step in meeting["steps"] if step["required"]]
    position = -1
    for step_id in required:
        if step_id not in used:
            problems.append(problem("S601", raw.path, raw.line_of(("agenda",)), step=names[step_id]))
            continue
        index = used.index(step_id)
        if index < position:
            problems.append(
                problem(
                    "S602",
                    raw.path,
                    raw.line_of(("agenda", index)),
                    step=names[step_id],
                    order=" → ".join(names[i] for i in required),
                )
            )
        position = max(position, index)
    total = sum(item["minutes"] for item in agenda)
    if total != meta["duration_minutes"]:
        problems.append(
            problem(
                "S603", raw.path, raw.line_of(("duration_minutes",)), total=total, duration=meta["duration_minutes"]
            )
        )
    durations = meeting["durations"]
    combined = bool(meta.get("combined", False))
    minimum = durations["combined_minimum_minutes"] if combined else durations["minimum_minutes"]
    if meta["duration_minutes"] < minimum:
        problems.append(
            problem(
                "S604",
                raw.path,
                raw.line_of(("duration_minutes",)),
                duration=meta["duration_minutes"],
                minimum=minimum,
                case=" khi kết hợp với sinh hoạt thường kỳ" if combined else "",
            )
        )
    roles = set(meta["roles"])
    for index, item in enumerate(agenda):
        if item["lead"] not in roles:
            problems.append(
                problem("S605", raw.path, raw.line_of(("agenda", index)), lead=item["lead"], roles=sorted(roles))
            )
    return problems


def agenda_items(meta: dict[str, Any]) -> tuple[AgendaItem, ...]:
    return tuple(AgendaItem(i["step"], i["minutes"], i["lead"], i.get("notes", "")) for i in meta.get("agenda", ()))
