"""Documentation generated from the data files, so the docs can't drift from the rules."""

from __future__ import annotations

import re

from .problems import Rule, catalogue

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
