"""Figures about the library: how many guides and scripts each group and cell type has, which quarters the guides
suggest, and how many guides' outline part I says what its documents say (the content check C504)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .content import part_one_problems
from .library import Library


def library_stats(library: Library, rules: dict[str, Any] | None = None) -> dict[str, Any]:
    """Counts per group, per cell type and per quarter; guides whose part I passes the part-one checks."""
    catalog = library.catalog
    rules = rules if rules is not None else catalog.content_rules["guide"]
    guides = [t for t in library.topics if t.kind == "guide"]
    sessions = [t for t in library.topics if t.kind == "session"]
    by_group = {
        group.short: (sum(t.group == group.id for t in guides), sum(t.group == group.id for t in sessions))
        for group in catalog.groups
    }
    by_cell_type = {
        cell.name: (sum(cell.id in t.cell_types for t in guides), sum(cell.id in t.cell_types for t in sessions))
        for cell in catalog.cell_types
    }
    quarters = Counter(q for t in guides for q in t.quarters)
    substantive = [t.slug for t in guides if not part_one_problems(t.body, t.path, t.body_line, rules)]
    return {
        "guides": len(guides),
        "sessions": len(sessions),
        "by_group": by_group,
        "by_cell_type": by_cell_type,
        "for_all_cell_types": sum(t.for_all_cell_types for t in guides),
        "quarters": {q: quarters.get(q, 0) for q in (1, 2, 3, 4)},
        "no_quarter": sum(not t.quarters for t in guides),
        "part_one_substantive": len(substantive),
    }


def stats_markdown(stats: dict[str, Any]) -> str:
    """The figures as Markdown tables, in Vietnamese, for a note or a pull request."""
    lines = [
        f"Thư viện: {stats['guides']} gợi ý chuyên đề, {stats['sessions']} kịch bản.",
        "",
        "| Nhóm | Gợi ý | Kịch bản |",
        "|---|---|---|",
        *(f"| {name} | {g} | {s} |" for name, (g, s) in stats["by_group"].items()),
        "",
        f"| Loại hình chi bộ (ghi riêng trong cell_types; {stats['for_all_cell_types']} gợi ý cho mọi loại hình)"
        " | Gợi ý | Kịch bản |",
        "|---|---|---|",
        *(f"| {name} | {g} | {s} |" for name, (g, s) in stats["by_cell_type"].items()),
        "",
        "| Quý gợi ý (quarters) | I | II | III | IV | chưa ghi |",
        "|---|---|---|---|---|---|",
        "| Số gợi ý | " + " | ".join(str(stats["quarters"][q]) for q in (1, 2, 3, 4)) + f" | {stats['no_quarter']} |",
        "",
        f"Phần I của dàn ý có nội dung (qua kiểm tra C504): {stats['part_one_substantive']}/{stats['guides']}.",
    ]
    return "\n".join(lines) + "\n"
