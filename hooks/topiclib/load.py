"""Topic files on disk → front matter, body and line numbers, with every encoding problem reported."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, explain_yaml_error, problem
from .text import is_nfc, mojibake_sample, nfc

TOPIC_SUFFIX = ".md"
# The topic template web-editor users copy (CONTRIBUTING.md); it sits in topics/ to be found, but is no topic.
TEMPLATE_NAME = "MAU-CHUYEN-DE.md"
IGNORED_NAMES = frozenset({"README.md", TEMPLATE_NAME})
# A guide is at most 1500 words, about 12 KB: a file many times that is a paste gone wrong (or an attack), refused
# before it is read.
MAX_FILE_BYTES = 200_000
# Front matter is flat: a session's agenda (a list of mappings) is three levels deep. Deeper nesting, and a value
# that expands into thousands through YAML aliases (an "alias bomb"), are refused before anything walks them.
MAX_NESTING = 10
MAX_VALUES = 2_000
# Characters that are invisible or control the display, never needed in a topic: C0 and C1 controls (a tab and
# the line ends aside) and noncharacters (T109); zero-width characters, direction marks and overrides, line and
# paragraph separators (T110). They hide words from search and duplicate titles from X302. The soft hyphen is
# left to T102: TCVN3 text turns "ư" into it.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_LINE_ENDS = re.compile(rb"\r\n|\r|\n")

# JSON-like path inside the front matter: ("references", 2) is the third item of `references`.
KeyPath = tuple[str | int, ...]


@dataclass
class RawTopic:
    """A topic file read from disk, before its front matter is validated."""

    path: str
    group_folder: str
    slug: str
    meta: dict[str, Any]
    body: str
    body_line: int
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, key_path: KeyPath) -> int:
        """The line of the deepest known part of `key_path`, or the opening `---` line."""
        for end in range(len(key_path), 0, -1):
            if key_path[:end] in self.lines:
                return self.lines[key_path[:end]]
        return 1


def discover_topics(topics_dir: Path, root: Path, group_ids: list[str]) -> tuple[list[Path], list[Problem]]:
    """Every candidate topic file under `topics_dir`; files that can't be topics are reported, never skipped."""
    found: list[Path] = []
    problems: list[Problem] = []
    if not topics_dir.is_dir():
        return found, problems
    for dirpath, dirnames, filenames in os.walk(topics_dir):
        here = Path(dirpath)
        depth = len(here.relative_to(topics_dir).parts)
        folders = []
        for name in sorted(d for d in dirnames if not d.startswith(".")):
            path = here / name
            if path.is_symlink():  # not walked: it may lead out of the repository
                problems.append(problem("T113", display_path(path, root)))
                continue
            if name.endswith(TOPIC_SUFFIX):
                problems.append(problem("T112", display_path(path, root)))
            folders.append(name)
        dirnames[:] = folders
        for name in sorted(filenames):
            path = here / name
            if depth == 0 and name in IGNORED_NAMES:
                continue
            if name.startswith("."):  # hidden: left out, but a hidden ".md" (a Mac's "._bai.md") is named
                if name.lower().endswith(TOPIC_SUFFIX):
                    problems.append(problem("T115", display_path(path, root)))
                continue
            if path.is_symlink():  # never read: it may point at a file outside the repository
                problems.append(problem("T113", display_path(path, root)))
            elif not path.is_file():
                problems.append(problem("T112", display_path(path, root)))
            elif not name.endswith(TOPIC_SUFFIX):
                problems.append(problem("T106", display_path(path, root)))
            elif depth != 1 or here.name not in group_ids:
                problems.append(problem("T105", display_path(path, root), groups=group_ids))
            else:
                found.append(path)
    return found, problems


def read_topic(path: Path, root: Path) -> tuple[RawTopic | None, list[Problem]]:
    """Read one topic file; None when it can't be read as a topic (the problems say why)."""
    display = display_path(path, root)
    try:
        size = path.stat().st_size
        data = b"" if size > MAX_FILE_BYTES else path.read_bytes()
    except OSError as error:
        return None, [problem("T114", display, reason=error.strerror or type(error).__name__)]
    if size > MAX_FILE_BYTES:
        return None, [problem("T111", display, size=_kilobytes(size), limit=_kilobytes(MAX_FILE_BYTES))]
    text, problems = decode(data, display)
    if text is None:
        return None, problems
    return parse_topic(text, display, path.parent.name, path.stem, problems)


def decode(data: bytes, display: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 (a BOM is fine) → text with LF line ends in NFC; None when the bytes are not UTF-8."""
    if _is_utf16(data):
        return None, [problem("T108", display)]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = len(_LINE_ENDS.findall(data, 0, error.start)) + 1
        return None, [problem("T101", display, line, byte=f"0x{data[error.start]:02X}")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems: list[Problem] = []
    if not is_nfc(text):
        first = next(i for i, line in enumerate(text.split("\n"), 1) if not is_nfc(line))
        problems.append(problem("T104", display, first))
        text = nfc(text)
    return text, problems


def parse_topic(
    text: str, display: str, folder: str, slug: str, problems: list[Problem] | None = None
) -> tuple[RawTopic | None, list[Problem]]:
    """Split decoded text into front matter and body; report mojibake and YAML errors with their lines."""
    problems = list(problems or [])
    sample = mojibake_sample(text)
    if sample is not None:
        line = next((i for i, line in enumerate(text.split("\n"), 1) if sample in line), 1)
        problems.append(problem("T102", display, line, sample=sample))
    lines = text.split("\n")
    problems.extend(hidden_characters(lines, display))
    closing = _front_matter_end(lines)
    if closing is None:
        opened = bool(lines) and lines[0].strip() == "---"
        return None, [*problems, problem("F215" if opened else "F201", display, 1)]
    # Hidden characters are reported above; YAML would refuse the controls with a message of its own.
    front = _INVISIBLE.sub("", _CONTROL.sub("", "\n".join(lines[1:closing])))
    try:
        node = _compose_yaml(front)
        oversized = _oversized(node, display, first_line=2)
        if oversized:
            return None, [*problems, *oversized]
        meta = _construct(front, node)
    except yaml.YAMLError as error:
        line = _yaml_error_line(error, front, first_line=2)
        has_tab = "\t" in lines[min(line - 1, closing - 1)]
        detail = explain_yaml_error("tab character" if has_tab else _yaml_detail(error))
        return None, [*problems, problem("F202", display, line, detail=detail)]
    line_map, duplicates = _line_map(node, first_line=2)
    for key, line, first_line in duplicates:
        problems.append(problem("F213", display, line, key=key, first_line=first_line))
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return None, [*problems, problem("F203", display, 2)]
    if not all(isinstance(key, str) for key in meta):
        return None, [*problems, problem("F203", display, _odd_key_line(node, first_line=2))]
    topic = RawTopic(
        path=display,
        group_folder=folder,
        slug=slug,
        meta=meta,
        body="\n".join(lines[closing + 1 :]),
        body_line=closing + 2,
        lines=line_map,
    )
    return topic, [*problems, *_escaped_hidden_characters(topic)]


def hidden_characters(lines: list[str], display: str) -> list[Problem]:
    """T109 for control characters, T110 for invisible ones, once per line and character."""
    problems = []
    for number, line in enumerate(lines, 1):
        for code, pattern in (("T109", _CONTROL), ("T110", _INVISIBLE)):
            for char in dict.fromkeys(pattern.findall(line)):
                problems.append(problem(code, display, number, char=_char_name(char)))
    return problems


def leaf_values(value: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    """Every value in parsed front matter that is not a list or mapping, with its key path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaf_values(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaf_values(item, (*path, index))
    else:
        yield path, value


def peek_title(path: Path) -> str | None:
    """The title in a topic file's front matter, read without any check; None when there is no text title."""
    return peek_texts(path, ("title",)).get("title")


def peek_texts(path: Path, keys: tuple[str, ...]) -> dict[str, str]:
    """The text values of top-level `keys` in a topic file's front matter, read without any check.

    Cross-file rules compare titles and descriptions across the library; this reads only what they need, stopping
    once every key is found, so checking one file does not validate all the others. It may give the values of a
    file that is broken further down: whoever uses them validates that file before trusting it. A value it can't
    read this way (an alias, a key that is not plain text) is read by the full loader; a key with no text value is
    left out.
    """
    try:
        if path.stat().st_size > MAX_FILE_BYTES:  # refused by the full loader, so never a topic to compare with
            return {}
        text = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    closing = _front_matter_end(lines)
    if closing is None:
        return {}
    front = "\n".join(lines[1:closing])
    try:
        return _texts_from_events(yaml.parse(front, Loader=_BaseLoader), keys)
    except _Unusual:
        return _texts_from_node(front, keys)
    except yaml.YAMLError:
        return {}


def load_yaml(text: str) -> Any:
    """Safe YAML with dates kept as strings."""
    return yaml.load(text, Loader=_Loader)


def display_path(path: Path, root: Path) -> str:
    """The path people see: relative to the project root, with forward slashes."""
    # The file's own name is kept, not resolved: a symbolic link is named as the link, not as what it points at.
    absolute = Path(os.path.abspath(path))
    for candidate, base in (
        (path, root),
        (absolute, root),
        (absolute.parent.resolve() / absolute.name, root.resolve()),
    ):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _escaped_hidden_characters(topic: RawTopic) -> list[Problem]:
    """T109/T110 for hidden characters written as escapes in quoted values ("\\u200b"), at the value's line."""
    problems = []
    for path, value in leaf_values(topic.meta):
        if not isinstance(value, str):
            continue
        for code, pattern in (("T109", _CONTROL), ("T110", _INVISIBLE)):
            for char in dict.fromkeys(pattern.findall(value)):
                problems.append(problem(code, topic.path, topic.line_of(path), char=_char_name(char)))
    return problems


def _char_name(char: str) -> str:
    """How a problem names a character nobody can see: "U+200B (ZERO WIDTH SPACE)"."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def _is_utf16(data: bytes) -> bool:
    """A UTF-16 file (Notepad's "Unicode"): its byte-order mark, or ASCII with every other byte zero."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    odd, even = data[1:64:2], data[0:64:2]
    return len(odd) >= 2 and max(odd.count(0), even.count(0)) * 2 >= len(odd)


def _kilobytes(size: int) -> str:
    return f"{size / 1000:.0f} KB"


def _front_matter_end(lines: list[str]) -> int | None:
    """The index of the line that closes the front matter opened by the first line, or None."""
    if not lines or lines[0].strip() != "---":
        return None
    return next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)


class _Unusual(Exception):
    """Front matter that the event reader leaves to the full loader."""


def _texts_from_events(events: Iterator[yaml.Event], keys: tuple[str, ...]) -> dict[str, str]:
    """The values of top-level `keys` from a stream of parser events, reading no further than the last of them."""
    found: dict[str, str] = {}
    if not isinstance(next(events, None), yaml.StreamStartEvent):
        return found
    if not isinstance(next(events, None), yaml.DocumentStartEvent):
        return found
    if not isinstance(next(events, None), yaml.MappingStartEvent):
        return found
    depth, key = 0, None
    for event in events:
        if isinstance(event, yaml.AliasEvent):
            raise _Unusual
        if depth:
            depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
            continue
        if isinstance(event, yaml.MappingEndEvent):
            return found
        if key is None:
            if not isinstance(event, yaml.ScalarEvent):
                raise _Unusual
            key = event.value
            continue
        if key in keys and key not in found:
            if isinstance(event, yaml.ScalarEvent) and event.tag in (None, "!", *_TEXT_TAGS):
                found[key] = event.value
            elif isinstance(event, yaml.CollectionStartEvent):
                depth = 1
            if len(found) == len(keys):
                return found
        elif isinstance(event, yaml.CollectionStartEvent):
            depth = 1
        key = None
    return found


def _texts_from_node(front: str, keys: tuple[str, ...]) -> dict[str, str]:
    try:
        node = yaml.compose(front, Loader=_Loader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    found: dict[str, str] = {}
    for key, value in node.value:
        if (
            isinstance(key, yaml.ScalarNode)
            and key.value in keys
            and key.value not in found
            and isinstance(value, yaml.ScalarNode)
            and value.tag in _TEXT_TAGS
        ):
            found[key.value] = str(value.value)
    return found


def _compose_yaml(text: str) -> yaml.Node | None:
    """The YAML node tree, its aliases not yet expanded (a repeated part is one shared node)."""
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _line_map(node: yaml.Node | None, first_line: int) -> tuple[dict[KeyPath, int], list[tuple[str, int, int]]]:
    """The file line of each key path, and the top-level keys given twice (key, line, line of the first)."""
    line_map: dict[KeyPath, int] = {}
    duplicates: list[tuple[str, int, int]] = []
    if node is not None:
        _map_lines(node, (), first_line, line_map, duplicates)
    return line_map, duplicates


def _construct(text: str, node: yaml.Node | None) -> Any:
    """The Python value of a composed tree: dicts, lists, strings (dates too), numbers, booleans."""
    if node is None:
        return None
    loader = _Loader(text)
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _oversized(node: yaml.Node | None, display: str, first_line: int) -> list[Problem]:
    """F217/F218 for the first top-level value nested deeper than MAX_NESTING or holding more than MAX_VALUES.

    Walked without recursion, counting a value reached through an alias each time it is reached, so that
    neither a deep tree nor an alias bomb (or an alias that holds itself) reaches the code that expands them.
    """
    if node is None:
        return []
    if isinstance(node, yaml.MappingNode):
        parts = [
            (key.value if isinstance(key, yaml.ScalarNode) else "?", key.start_mark.line, value)
            for key, value in node.value
        ]
    else:
        parts = [("(phần đầu tệp)", node.start_mark.line, node)]
    for key, line, value in parts:
        stack, count = [(value, 1)], 0
        while stack:
            current, depth = stack.pop()
            count += 1
            if depth > MAX_NESTING:
                return [problem("F217", display, line + first_line, key=key, limit=MAX_NESTING)]
            if count > MAX_VALUES:
                return [problem("F218", display, line + first_line, key=key, limit=MAX_VALUES)]
            if isinstance(current, yaml.MappingNode):
                stack.extend((part, depth + 1) for pair in current.value for part in pair)
            elif isinstance(current, yaml.SequenceNode):
                stack.extend((item, depth + 1) for item in current.value)
    return []


def _odd_key_line(node: yaml.Node | None, first_line: int) -> int:
    """The line of the first top-level key that is not text (a number, "~", "yes"…)."""
    if isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            if not (isinstance(key, yaml.ScalarNode) and key.tag in _TEXT_TAGS):
                return key.start_mark.line + first_line
    return first_line


def _yaml_error_line(error: yaml.YAMLError, front: str, first_line: int) -> int:
    """The line a contributor must fix: where the parser stopped, or where an unclosed quote or bracket opened."""
    if isinstance(error, yaml.reader.ReaderError):
        return front.count("\n", 0, error.position) + first_line
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    context = str(getattr(error, "context", None) or "")
    if problem_mark is None:
        return context_mark.line + first_line if context_mark is not None else first_line
    if context_mark is not None and context_mark.line < problem_mark.line:
        stopped_at = front.split("\n")[problem_mark.line] if problem_mark.line < front.count("\n") + 1 else ""
        # An unclosed quote runs to the end; an unclosed bracket runs into the next key's line.
        if context.startswith("while scanning a quoted scalar") or (
            context.startswith("while parsing a flow") and (not stopped_at or not stopped_at[0].isspace())
        ):
            return context_mark.line + first_line
    return problem_mark.line + first_line


def _map_lines(
    node: yaml.Node,
    path: KeyPath,
    offset: int,
    line_map: dict[KeyPath, int],
    duplicates: list[tuple[str, int, int]],
) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key_path = (*path, key_node.value)
            line = key_node.start_mark.line + offset
            if key_path in line_map and not path:
                duplicates.append((key_node.value, line, line_map[key_path]))
                continue
            line_map[key_path] = line
            _map_lines(value_node, key_path, offset, line_map, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            line_map[(*path, index)] = item.start_mark.line + offset
            _map_lines(item, (*path, index), offset, line_map, duplicates)


def _yaml_detail(error: yaml.YAMLError) -> str:
    return str(getattr(error, "problem", None) or str(error).split("\n")[0]).rstrip(".")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML loader that keeps dates as strings, so the schema checks them ("2026-13-01" is a problem)."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
_BaseLoader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
# Scalars this loader turns into text: strings, and dates (kept as strings, see above).
_TEXT_TAGS = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"})
