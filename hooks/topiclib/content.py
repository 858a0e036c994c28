"""Rules on what a topic says: its sections in order and its length. Data from data/content_rules.yml."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .problems import Problem, problem
from .text import fold

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^##(?!#)\s+(?P<text>.+?)\s*#*\s*$")
_HAS_WORD_CHARACTER = re.compile(r"\w")
_LIST_NUMBER = re.compile(r"\d+[.)]")


def section_headings(body: str) -> list[tuple[int, str]]:
    """(line within the body, text) of every level-2 heading outside fenced code."""
    headings: list[tuple[int, str]] = []
    in_fence = False
    for number, line in enumerate(body.split("\n"), 1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else _HEADING.match(line)
        if match:
            headings.append((number, match.group("text")))
    return headings


def word_count(body: str) -> int:
    """Words as a reader counts them: whitespace-separated tokens with a letter or digit, list markers excluded."""
    tokens = body.split()
    # filter() with compiled-regex methods keeps the per-token work in C: this runs on every guide of every build.
    with_words = len(list(filter(_HAS_WORD_CHARACTER.search, tokens)))
    return with_words - len(list(filter(_LIST_NUMBER.fullmatch, tokens)))


def check_content(body: str, path: str, first_line: int, rules: dict[str, Any]) -> list[Problem]:
    """Required sections present and in order (C501, C502); body length within bounds (C503)."""
    problems: list[Problem] = []
    required = [section["heading"] for section in rules["sections"]]
    found = section_headings(body)
    positions = {_key(text): (index, line) for index, (line, text) in reversed(list(enumerate(found)))}
    last_index, last_heading = -1, ""
    for heading in required:
        if _key(heading) not in positions:
            problems.append(problem("C501", path, first_line, heading=heading, sections=required))
            continue
        index, line = positions[_key(heading)]
        if index < last_index:
            problems.append(problem("C502", path, first_line + line - 1, heading=heading, previous=last_heading))
        else:
            last_index, last_heading = index, heading
    words = word_count(body)
    bounds = rules["word_count"]
    if not bounds["min"] <= words <= bounds["max"]:
        problems.append(problem("C503", path, first_line, words=words, minimum=bounds["min"], maximum=bounds["max"]))
    return problems


@lru_cache(maxsize=256)
def _key(heading: str) -> str:
    return fold(heading).rstrip(" .:")
