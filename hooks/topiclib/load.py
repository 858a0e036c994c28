"""Topic files on disk → front matter, body and line numbers, with every encoding problem reported."""

from __future__ import annotations

import os
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
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        depth = len(here.relative_to(topics_dir).parts)
        for name in sorted(filenames):
            path = here / name
            if name.startswith(".") or (depth == 0 and name in IGNORED_NAMES):
                continue
            if not name.endswith(TOPIC_SUFFIX):
                problems.append(problem("T106", display_path(path, root)))
            elif depth != 1 or here.name not in group_ids:
                problems.append(problem("T105", display_path(path, root), groups=group_ids))
            else:
                found.append(path)
    return found, problems


def read_topic(path: Path, root: Path) -> tuple[RawTopic | None, list[Problem]]:
    """Read one topic file; None when it can't be read as a topic (the problems say why)."""
    display = display_path(path, root)
    data = path.read_bytes()
    text, problems = decode(data, display)
    if text is None:
        return None, problems
    return parse_topic(text, display, path.parent.name, path.stem, problems)


def decode(data: bytes, display: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 (a BOM is fine) → text with LF line ends in NFC; None when the bytes are not UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
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
    closing = _front_matter_end(lines)
    if closing is None:
        return None, [*problems, problem("F201", display, 1)]
    front = "\n".join(lines[1:closing])
    try:
        meta, line_map, duplicates = _parse_yaml(front, first_line=2)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 2 if mark is not None else 2
        has_tab = "\t" in lines[min(line - 1, closing - 1)]
        detail = explain_yaml_error("tab character" if has_tab else _yaml_detail(error))
        return None, [*problems, problem("F202", display, line, detail=detail)]
    for key, line, first_line in duplicates:
        problems.append(problem("F213", display, line, key=key, first_line=first_line))
    if meta is None:
        meta = {}
    if not isinstance(meta, dict) or not all(isinstance(key, str) for key in meta):
        return None, [*problems, problem("F203", display, 2)]
    topic = RawTopic(
        path=display,
        group_folder=folder,
        slug=slug,
        meta=meta,
        body="\n".join(lines[closing + 1 :]),
        body_line=closing + 2,
        lines=line_map,
    )
    return topic, problems


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
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


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


def _parse_yaml(text: str, first_line: int) -> tuple[Any, dict[KeyPath, int], list[tuple[str, int, int]]]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        value = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    line_map: dict[KeyPath, int] = {}
    duplicates: list[tuple[str, int, int]] = []
    if node is not None:
        _map_lines(node, (), first_line, line_map, duplicates)
    return value, line_map, duplicates


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
