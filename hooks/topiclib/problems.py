"""Problems reported to people: a code from the catalogue, a place, a Vietnamese message and a fix hint."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .text import fold

CATALOGUE_PATH = Path(__file__).parent / "data" / "problems.yml"
YAML_ERRORS_PATH = Path(__file__).parent / "data" / "yaml_errors.yml"
SEVERITIES = ("error", "warning", "notice")
# "Did you mean": a choice this similar (difflib ratio), or starting with what was written if that is this long.
_CLOSE_ENOUGH = 0.6
_PREFIX_MIN = 3


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    code: str
    severity: str
    message: str
    hint: str

    def format(self) -> str:
        """`path:line: CODE message hint`, the plain output of the check CLI and the build."""
        return f"{self.path}:{self.line}: {self.code} {self.message} {self.hint}".rstrip()

    def github(self) -> str:
        """A GitHub Actions workflow command that annotates the line in a pull request."""
        level = {"error": "error", "warning": "warning", "notice": "notice"}[self.severity]
        text = _gh_escape(f"{self.message} {self.hint}".strip())
        return f"::{level} file={_gh_escape_prop(self.path)},line={self.line},title={self.code}::{text}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    rule: str
    message: str
    hint: str


def problem(code: str, path: str, line: int = 1, **fields: Any) -> Problem:
    """Build the problem `code` at `path:line`, filling the catalogue's templates with `fields`."""
    rule = catalogue()[code]
    values = _Fields({key: _text(value) for key, value in fields.items()})
    return Problem(
        path=path,
        line=max(1, line),
        code=code,
        severity=rule.severity,
        message=rule.message.format_map(values),
        hint=rule.hint.format_map(values),
    )


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Rule]:
    """Every rule by code, in the order of the data file."""
    entries = yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))
    return {entry["code"]: Rule(**entry) for entry in entries}


def explain_yaml_error(detail: str) -> str:
    """A Vietnamese explanation of a YAML parser message, keeping the original in brackets."""
    for entry in _yaml_explanations():
        if entry["match"] in detail:
            return f"{entry['text']} ({detail})"
    return detail


@lru_cache(maxsize=1)
def _yaml_explanations() -> list[dict[str, str]]:
    return yaml.safe_load(YAML_ERRORS_PATH.read_text(encoding="utf-8"))


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """A Vietnamese "did you mean" sentence for the closest choice, or an empty string."""
    if not isinstance(value, str):
        return ""
    options = list(choices)
    folded = {fold(choice): choice for choice in options}
    wanted = fold(value)
    matches = difflib.get_close_matches(wanted, list(folded), n=1, cutoff=_CLOSE_ENOUGH)
    if not matches and len(wanted) >= _PREFIX_MIN:
        matches = [option for option in folded if option.startswith(wanted)][:1]
    return f"Có phải ý bạn là “{folded[matches[0]]}”? " if matches else ""


def close_choices(value: str, choices: Iterable[str]) -> set[str]:
    """Every choice that `did_you_mean` could suggest for `value`, whichever other choices it is given."""
    folded = {fold(choice): choice for choice in choices}
    wanted = fold(value)
    close = difflib.get_close_matches(wanted, list(folded), n=max(1, len(folded)), cutoff=_CLOSE_ENOUGH)
    prefixed = [option for option in folded if len(wanted) >= _PREFIX_MIN and option.startswith(wanted)]
    return {folded[option] for option in (*close, *prefixed)}


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file and line order, each reported once."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.code, p.message))


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


class _Fields(dict):
    """Template fields; a field the code did not pass shows as empty instead of failing."""

    def __missing__(self, key: str) -> str:
        return ""


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return str(value)


def _gh_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_prop(text: str) -> str:
    return _gh_escape(text).replace(":", "%3A").replace(",", "%2C")
