"""The whole pipeline without MkDocs: data files + topic files → a validated library and its problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .data import DATA_DIR, Catalog, load_catalog
from .load import discover_topics, display_path, peek_texts, read_topic
from .problems import Problem, close_choices, sort_problems
from .text import fold
from .validate import FrontMatterValidator, Topic, check_across, make_validator, title_key, validate_topic


@dataclass(frozen=True)
class Library:
    """Valid topics with the catalog they were checked against."""

    catalog: Catalog
    topics: tuple[Topic, ...]

    @cached_property
    def by_group(self) -> dict[str, list[Topic]]:
        """Topics of each group (every group present, possibly empty), sorted by title."""
        groups: dict[str, list[Topic]] = {group.id: [] for group in self.catalog.groups}
        for topic in self.topics:
            groups[topic.group].append(topic)
        return groups

    @cached_property
    def by_slug(self) -> dict[str, Topic]:
        return {topic.slug: topic for topic in self.topics}

    def for_cell_type(self, cell_type: str) -> tuple[list[Topic], list[Topic]]:
        """(topics written for this cell type, topics for every cell type)."""
        specific = [t for t in self.topics if cell_type in t.cell_types]
        general = [t for t in self.topics if t.for_all_cell_types]
        return specific, general

    def sessions_of(self, guide: Topic) -> list[Topic]:
        return [t for t in self.topics if t.kind == "session" and t.guide == guide.slug]


@dataclass
class LoadResult:
    library: Library | None
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def ok(self) -> bool:
        return self.library is not None and not any(p.is_error for p in self.problems)


def load_library(root: Path, topics_dir: Path | None = None, data_dir: Path = DATA_DIR) -> LoadResult:
    """Load, check and collect every topic under `topics_dir` (default `root/topics`); all problems at once."""
    topics_dir = topics_dir or root / "topics"
    catalog, problems = load_catalog(data_dir)
    if catalog is None:
        return LoadResult(None, sort_problems(problems))
    paths, problems = discover_topics(topics_dir, root, [g.id for g in catalog.groups])
    topics, topic_problems = _load_topics(paths, root, catalog, make_validator(catalog))
    problems.extend(topic_problems)
    problems.extend(check_across(topics, catalog))
    topics.sort(key=lambda t: (catalog.group_by_id[t.group].order, fold(t.title), t.title, t.slug))
    return LoadResult(Library(catalog, tuple(topics)), sort_problems(problems), files=len(paths))


@dataclass
class CheckResult:
    problems: list[Problem]
    files: int = 0


def check_files(
    root: Path, files: list[Path], topics_dir: Path | None = None, data_dir: Path = DATA_DIR
) -> CheckResult:
    """The problems `load_library` reports for `files`, without validating every other file of the library.

    Cross-file rules only compare a topic with the valid topics that share its slug or title, or that it runs
    as a guide. Every other file is read just far enough to rule it out (its file name and its title), and
    only the few that may clash are validated in full, so the answer is the same as the whole library's.
    A broken data file is reported whatever the files named, since nothing can be checked without it.
    """
    topics_dir = topics_dir or root / "topics"
    catalog, problems = load_catalog(data_dir)
    if catalog is None:
        return CheckResult(sort_problems(problems))
    wanted = {display_path(path, root) for path in files}
    paths, problems = discover_topics(topics_dir, root, [g.id for g in catalog.groups])
    targets = {root / name for name in wanted}
    named = [path for path in paths if path in targets]
    unnamed = [path for path in paths if path not in targets]
    validator = make_validator(catalog)
    topics, topic_problems = _load_topics(named, root, catalog, validator)
    problems.extend(topic_problems)
    if topics:
        others = _may_clash(topics, unnamed)
        topics.extend(_load_topics(others, root, catalog, validator)[0])
        problems.extend(check_across(topics, catalog))
    return CheckResult(sort_problems(p for p in problems if p.path in wanted), files=len(paths))


def _load_topics(
    paths: list[Path], root: Path, catalog: Catalog, validator: FrontMatterValidator
) -> tuple[list[Topic], list[Problem]]:
    """Read and check each file on its own: the valid topics, and every problem found."""
    topics: list[Topic] = []
    problems: list[Problem] = []
    for path in paths:
        raw, read_problems = read_topic(path, root)
        problems.extend(read_problems)
        if raw is None:
            continue
        topic, topic_problems = validate_topic(raw, catalog, validator)
        problems.extend(topic_problems)
        if topic is not None and not any(p.is_error for p in read_problems):
            topics.append(topic)
    return topics, problems


def _may_clash(topics: list[Topic], paths: list[Path]) -> list[Path]:
    """The files among `paths` that cross-file rules could compare with `topics`.

    Those with the same slug, title or (guides) description, the guide a session runs, and the guides a missing
    one could be mistyped for (X304 suggests the closest valid guide).
    """
    slugs = {t.slug for t in topics} | {t.guide for t in topics if t.guide}
    stems = [path.stem for path in paths]
    for guide in {t.guide for t in topics if t.guide}:
        slugs |= close_choices(guide, stems)
    titles = {title_key(t.title) for t in topics}
    descriptions = {title_key(t.description) for t in topics if t.kind == "guide"}
    found = []
    for path in paths:
        if path.stem in slugs:
            found.append(path)
            continue
        texts = peek_texts(path, ("title", "description") if descriptions else ("title",))
        if title_key(texts.get("title", "")) in titles or title_key(texts.get("description", "")) in descriptions:
            found.append(path)
    return found
