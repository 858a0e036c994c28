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
# A day written d/m or d/m/yyyy, and the words before it that make it an anniversary, not a document's date.
_DAY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])")
_CONTEXT = 60
_ANNIVERSARY_WORDS = re.compile(r"ky niem|ngay le|ngay hoi|ngay truyen thong|ngay thanh lap|ngay sinh|\bdip\b")
_DOCUMENT_WORDS = re.compile(
    r"(chi thi|nghi quyet|quy dinh|huong dan|ket luan|ke hoach|luat|thong bao|dieu le)[^.;]*ngay\s*$"
)


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
    """Required sections present and in order (C501, C502); body length within bounds (C503); part I of a guide's
    outline with words of its own (C504)."""
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
    problems.extend(part_one_problems(body, path, first_line, rules))
    return problems


def check_anniversary_dates(
    body: str, path: str, first_line: int, anniversaries: tuple[dict[str, Any], ...]
) -> list[Problem]:
    """C505: a day written as an anniversary ("dịp kỷ niệm … (3/2/1930)", "Ngày … 27/7") is one of the data's."""
    known = {(day["day"], day["month"]): day.get("year") for day in anniversaries}
    problems: list[Problem] = []
    for number, line in enumerate(body.split("\n")):
        for match in _DAY.finditer(line):
            before = fold(line[max(0, match.start() - _CONTEXT) : match.start()])
            if not _ANNIVERSARY_WORDS.search(before) or _DOCUMENT_WORDS.search(before):
                continue
            day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
            key = (day, month)
            if key not in known or (year and known[key] and int(year) != known[key]):
                problems.append(problem("C505", path, first_line + number, date=match.group(0)))
    return problems


def section_text(body: str, heading: str, with_heading: bool = False) -> tuple[str, int] | None:
    """The Markdown under a body's `## heading` (compared without case, marks or a final ".:"), up to the next `## `,
    and the index (from 0) of its first line in the body; None when the body has no such section."""
    lines = body.split("\n")
    found = section_headings(body)
    for index, (line, text) in enumerate(found):
        if _key(text) == _key(heading):
            start = line - 1 if with_heading else line
            end = found[index + 1][0] - 1 if index + 1 < len(found) else len(lines)
            return "\n".join(lines[start:end]), start
    return None


def part_one_problems(body: str, path: str, first_line: int, rules: dict[str, Any]) -> list[Problem]:
    """C504 on a guide's outline part I, when the rules have `part_one`."""
    if "part_one" not in rules:
        return []
    settings = rules["part_one"]
    found = section_text(body, settings["section"])
    part = _first_subsection(found[0]) if found else None
    if found is None or part is None:
        return []
    outline = next((s.get("outline", "") for s in rules["sections"] if s["heading"] == settings["section"]), "")
    template_part = _first_subsection(outline)
    template_words = set(_own_words(template_part[0])) if template_part else set()
    pointers = [fold(phrase) for phrase in settings["pointers"]]
    # A line that sends the presenter to the original ("đọc nguyên văn …") is not substance of its own.
    substance = "\n".join(text for text in part[0].split("\n") if not any(p in fold(text) for p in pointers))
    own = [word for word in _own_words(substance) if word not in template_words]
    if len(own) >= settings["min_words"]:
        return []
    line = found[1] + part[1]
    return [problem("C504", path, first_line + line, words=len(own), minimum=settings["min_words"])]


def _first_subsection(text: str) -> tuple[str, int] | None:
    """(the first "### " part of a text, up to the next one, and the index of its heading line)."""
    lines = text.split("\n")
    starts = [number for number, line in enumerate(lines) if line.startswith("### ")]
    if not starts:
        return None
    end = starts[1] if len(starts) > 1 else len(lines)
    return "\n".join(lines[starts[0] : end]), starts[0]


def _own_words(text: str) -> list[str]:
    """Folded words with a letter, not "…", not list numbers, not the heading marks."""
    return [
        fold(token)
        for token in text.split()
        if _HAS_WORD_CHARACTER.search(token) and "…" not in token and not _LIST_NUMBER.fullmatch(token)
    ]


@lru_cache(maxsize=256)
def _key(heading: str) -> str:
    return fold(heading).rstrip(" .:")
