"""The whole pipeline without MkDocs: data files + topic files → a validated library and its problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .data import DATA_DIR, Catalog, load_catalog
from .load import discover_topics, read_topic
from .problems import Problem, sort_problems
from .text import fold
from .validate import Topic, check_across, make_validator, validate_topic


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
    validator = make_validator(catalog)
    topics: list[Topic] = []
    for path in paths:
        raw, read_problems = read_topic(path, root)
        problems.extend(read_problems)
        if raw is None:
            continue
        topic, topic_problems = validate_topic(raw, catalog, validator)
        problems.extend(topic_problems)
        if topic is not None and not any(p.is_error for p in read_problems):
            topics.append(topic)
    problems.extend(check_across(topics, catalog))
    topics.sort(key=lambda t: (catalog.group_by_id[t.group].order, fold(t.title), t.title, t.slug))
    return LoadResult(Library(catalog, tuple(topics)), sort_problems(problems), files=len(paths))
