"""Properties over random input: the two schema validators agree, the loader never crashes and every problem
has a place, and no topic file is ever lost (each is a page and a search record, or a reported problem)."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import SESSION_BODY, SESSION_META, VALID_BODY, VALID_META, outstanding, session_text, topic_text
from topiclib.data import load_catalog
from topiclib.library import Library, load_library
from topiclib.load import parse_topic, read_topic
from topiclib.pages import generated_pages
from topiclib.problems import Problem
from topiclib.search import search_records
from topiclib.uris import Links, topic_uri
from topiclib.validate import Disagreement, make_validator, validate_topic

CATALOG = load_catalog()[0]
VALIDATOR = make_validator(CATALOG)
GROUPS = [group.id for group in CATALOG.groups]
SCHEMA_KEYS = list(VALIDATOR.schema["properties"])
# Values the data files allow, so that random front matter often gets past the first rule it meets.
KNOWN_VALUES = sorted(
    {
        *GROUPS,
        *(kind.id for kind in CATALOG.kinds),
        *(cell_type.id for cell_type in CATALOG.cell_types),
        *(document.id for document in CATALOG.documents),
        *(role["id"] for role in CATALOG.meeting["roles"]),
        *(step["id"] for step in CATALOG.meeting["steps"]),
        "all",
        "2026-11-30",
        "2026-02-30",
        "19:30",
        VALID_META["title"],
        VALID_META["description"],
    }
)
# Stable in CI: the same examples on every run, no example database left in the working tree.
PROPERTY = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# What a copy and paste leaves around a value (the empty string most often).
BEFORE = ["", "", "", " ", "\u200b"]
AFTER = ["", "", "\n", " ", "\t", "\u00a0"]
known = st.builds(
    lambda before, value, after: before + value + after,
    st.sampled_from(BEFORE),
    st.sampled_from(KNOWN_VALUES),
    st.sampled_from(AFTER),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 700),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    known,
)
keys = st.one_of(st.sampled_from([*SCHEMA_KEYS, "step", "minutes", "lead", "notes"]), st.text(max_size=8))
json_like = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(keys, st.integers(), st.booleans(), st.none()), inner, max_size=4),
    ),
    max_leaves=12,
)
values = st.one_of(known, st.lists(known, min_size=1, max_size=3), json_like)


def _session(guide: str = "neu-guong") -> dict[str, Any]:
    meta = yaml.safe_load(session_text(guide).split("---")[1])
    meta["updated"] = str(meta["updated"])
    return meta


BASES = [{**yaml.safe_load(topic_text().split("---")[1]), "updated": VALID_META["updated"]}, _session()]


def _examples(key: str) -> list[Any]:
    """Values the schema itself offers for `key`: the bases' values, its examples and its allowed values."""
    spec = VALIDATOR.schema["properties"][key]
    found = [base[key] for base in BASES if key in base]
    for example in spec.get("examples", []):
        try:
            found.append(yaml.safe_load(str(example)))
        except yaml.YAMLError:
            found.append(example)
    found += spec.get("enum", []) + spec.get("items", {}).get("enum", [])
    return found


EXAMPLES = {key: _examples(key) for key in SCHEMA_KEYS}


@st.composite
def near_value(draw: st.DrawFn, key: str) -> Any:
    """A value close to a good one for `key`: a space or line end around it, a number's neighbour, an item
    more, fewer or twice, a type a YAML reader could give instead."""
    value = draw(st.sampled_from(EXAMPLES[key]))
    if isinstance(value, str):
        return draw(st.sampled_from(BEFORE)) + value + draw(st.sampled_from(AFTER))
    if isinstance(value, bool):
        return draw(st.sampled_from([value, int(value), str(value).lower()]))
    if isinstance(value, int):
        return draw(st.sampled_from([value, value + 1, value - 1, float(value), value + 0.5, str(value), True]))
    if isinstance(value, list) and value:
        items = list(value)
        change = draw(st.sampled_from(["drop", "twice", "near", "empty", "same"]))
        if change == "drop":
            items.pop(draw(st.integers(0, len(items) - 1)))
        elif change == "twice":
            items.append(items[0])
        elif change == "near":
            at = draw(st.integers(0, len(items) - 1))
            items[at] = _nudge(draw, items[at])
        elif change == "empty":
            items = []
        return items
    return value


def _nudge(draw: st.DrawFn, item: Any) -> Any:
    """An item of a list, slightly wrong (or not: 5.0 minutes are 5 for JSON Schema)."""
    if isinstance(item, dict) and item:
        key = draw(st.sampled_from(list(item)))
        return {**item, key: _nudge(draw, item[key])}
    if isinstance(item, str):
        return item + draw(st.sampled_from(AFTER))
    if isinstance(item, int) and not isinstance(item, bool):
        return draw(st.sampled_from([item, float(item), item + 4, -item, str(item)]))
    return draw(scalars)


@st.composite
def front_matters(draw: st.DrawFn) -> dict[str, Any]:
    """A valid guide or session with a value or two changed, maybe a key dropped or added; or anything at all."""
    if draw(st.integers(0, 7)) == 0:
        return draw(st.dictionaries(keys, json_like, max_size=8))
    changed = draw(st.lists(st.sampled_from(SCHEMA_KEYS), min_size=1, max_size=2, unique=True))
    meta = dict(draw(st.sampled_from([base for base in BASES if changed[0] in base] or BASES)))
    if draw(st.integers(0, 3)) == 0:
        del meta[draw(st.sampled_from(list(meta)))]
    for key in changed:
        meta[key] = draw(st.one_of(near_value(key), near_value(key), values))
    if draw(st.integers(0, 3)) == 0:
        meta.update(draw(st.dictionaries(keys, values, max_size=1)))
    if draw(st.integers(0, 7)) == 0:
        meta = _as_floats(meta)
    return meta


def _as_floats(value: Any) -> Any:
    """Every whole number written as 5.0, as some editors and spreadsheet exports write them."""
    if isinstance(value, dict):
        return {key: _as_floats(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_floats(item) for item in value]
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


FRONT_LINES = [
    "title: Tiêu đề có dấu",
    "kind: guide",
    "kind: session",
    "group: ho-chi-minh",
    "cell_types: all",
    "references: [hd-12-2018]",
    "updated: 2026-11-30",
    "updated: 2026-02-30",
    "tags:",
    "  - nêu gương",
    "- b",
    "\t- tab",
    "key: [unclosed",
    "key: {a: 1",
    ": no key",
    "a: b: c",
    "&anchor x: 1",
    "x: *nope",
    "y: !!python/object/apply:os.system [echo]",
    "z: !!binary aGVsbG8=",
    "? [a, b]",
    "? complex",
    '"\\x00": 1',
    "...",
    "%YAML 1.1",
    "  indented: 1",
    "title: |",
    "  block",
    "# comment",
    "",
    "agenda:",
    "  - {step: khai-mac, minutes: 5, lead: chu-tri}",
    "quarters: [1.5, 2]",
    "duration_minutes: 1e3",
    "x: .nan",
    "x: ~",
    "x: 0x1F",
    "<<: {a: 1}",
    "<<: *a",
    "title: &t Tiêu đề",
    "description: *t",
    "title: title",
]
BODY_LINES = [
    "---",
    "...",
    "```",
    "~~~",
    "```python",
    "    indented code",
    "## Mục đích, yêu cầu",
    "# Heading",
    "<script>alert(1)</script>",
    "<!-- comment",
    "-->",
    '<div onclick="x">',
    "<img src=x onerror=alert(1)>",
    "[a](javascript:alert(1))",
    "[id]: data:text/html,x",
    "<javascript:alert(1)>",
    "&lt;script&gt;",
    "\x00\x07\x1b",
    "\u200b\u200d\ufeff",
    "\u2028\u2029\x85",
    "Đảng viên nói đi đôi với làm.",
    "Ngày 19/5/1890",
    "| a | b |",
    "<![if !supportLists]>·<![endif]>",
    "<o:p></o:p>",
    "<?xml",
    "<!DOCTYPE html>",
    "</",
    "",
]
line_texts = st.one_of(st.sampled_from(FRONT_LINES), st.text(max_size=20))
body_texts = st.one_of(st.sampled_from(BODY_LINES), st.text(max_size=40))


@st.composite
def topic_files(draw: st.DrawFn) -> str:
    """A topic file's text: dumped or hand-broken front matter (or none, or unclosed), then a random body."""
    shape = draw(st.sampled_from(["dumped", "lines", "dumped+lines", "none", "unclosed"]))
    front: list[str] = []
    if shape.startswith("dumped"):
        dumped = yaml.safe_dump(draw(front_matters()), allow_unicode=True, sort_keys=False, width=1000)
        front = dumped.split("\n")
    if shape.endswith("lines"):
        for line in draw(st.lists(line_texts, max_size=6)):
            front.insert(draw(st.integers(0, len(front))), line)
    body = "\n".join(draw(st.lists(body_texts, max_size=8)))
    if shape == "none":
        return body
    closing = [] if shape == "unclosed" else [draw(st.sampled_from(["---", "...", "--- "]))]
    return "\n".join(["---", *front, *closing, body])


@st.composite
def file_bytes(draw: st.DrawFn) -> bytes:
    """A topic file as saved on any machine: LF, CRLF or lone CR, maybe a BOM, maybe a byte that is not UTF-8."""
    text = draw(topic_files())
    text = text.replace("\n", draw(st.sampled_from(["\n", "\r\n", "\r"])))
    data = text.encode("utf-8")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    if draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xe1\xba", b"\x80"])) + data[at:]
    return data


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder for examples that need files (hypothesis runs many examples per test function)."""
    yield tmp_path_factory.mktemp("properties")


def _fresh_root(scratch: Path) -> Path:
    return Path(tempfile.mkdtemp(dir=scratch))


def _line_count(data: bytes) -> int:
    """The lines an editor shows: CRLF, CR and LF each end one."""
    return data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


def _assert_placed(problems: list[Problem], lines: dict[str, int]) -> None:
    """Every problem names one of the files and a line of it."""
    for item in problems:
        assert item.path in lines, item.format()
        assert 1 <= item.line <= lines[item.path], item.format()


def assert_one_each(src_uris: list[str], record_urls: list[str]) -> None:
    """No two pages at one address (the site would keep one of them) and no two search records for one page."""
    assert len(set(src_uris)) == len(src_uris), sorted(uri for uri in src_uris if src_uris.count(uri) > 1)
    assert len(set(record_urls)) == len(record_urls)


def _fast_accepts(meta: dict[str, Any]) -> bool:
    try:
        VALIDATOR._fast(meta)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


@settings(PROPERTY, max_examples=600)
@given(meta=front_matters())
def test_the_two_schema_validators_agree_or_the_file_is_reported(meta):
    """Front matter the fast validator accepts has no precise error; one it rejects gets a problem, always."""
    precise = list(VALIDATOR._detailed.iter_errors(meta))
    if _fast_accepts(meta):
        assert not precise, [error.message for error in precise]
        assert VALIDATOR.errors(meta) == []
        return
    errors = VALIDATOR.errors(meta)
    assert errors
    if not precise:
        assert [type(error) for error in errors] == [Disagreement]


@settings(PROPERTY, max_examples=250)
@given(text=topic_files())
def test_any_text_gives_a_topic_or_problems_with_a_place(text):
    """Parsing and validating any text raises nothing; each problem names the file and one of its lines."""
    display = "topics/ho-chi-minh/bai.md"
    raw, problems = parse_topic(text, display, "ho-chi-minh", "bai")
    if raw is not None:
        problems += validate_topic(raw, CATALOG, VALIDATOR)[1]
    else:
        assert problems, "a file that is no topic says why"
    _assert_placed(problems, {display: text.count("\n") + 1})


@settings(PROPERTY, max_examples=150)
@given(data=file_bytes())
def test_any_bytes_read_from_disk_give_problems_with_a_place(scratch, data):
    """Reading any bytes (BOM, CRLF, lone CR, bytes that are not UTF-8) raises nothing; problems have a place."""
    root = _fresh_root(scratch)
    path = root / "topics" / "ho-chi-minh" / "bai.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    try:
        raw, problems = read_topic(path, root)
        if raw is not None:
            problems += validate_topic(raw, CATALOG, VALIDATOR)[1]
        _assert_placed(problems, {"topics/ho-chi-minh/bai.md": _line_count(data)})
    finally:
        shutil.rmtree(root)


GUIDE = validate_topic(
    parse_topic(topic_text(), "topics/ho-chi-minh/neu-guong.md", "ho-chi-minh", "neu-guong")[0], CATALOG, VALIDATOR
)[0]


@settings(PROPERTY, max_examples=150)
@given(meta=front_matters())
def test_every_file_that_passes_becomes_a_page_and_a_search_record(meta):
    """A file with any front matter that passes every rule renders to its page and its search record."""
    body = SESSION_BODY if meta.get("kind") == "session" else VALID_BODY
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    group = meta.get("group") if meta.get("group") in GROUPS else GROUPS[0]
    raw, _ = parse_topic(f"---\n{front}---\n\n{body}", f"topics/{group}/bai.md", group, "bai")
    topic = validate_topic(raw, CATALOG, VALIDATOR)[0] if raw else None
    if topic is None:
        return
    library = Library(CATALOG, (GUIDE, topic))
    links = Links(True)
    generated = generated_pages(library)
    records = [record.url for record in search_records(library, links)]
    assert_one_each([page.src_uri for page in generated], records)
    assert topic.path in {page.source_path for page in generated}
    assert links.url(topic_uri(topic)) in records


# One file of a random set: what it is, a number that picks its group, slug or the file it copies, and for an
# "odd" file one value changed from a good guide's or session's (often still valid: 5.0 minutes, a tag twice).
entries = st.tuples(
    st.sampled_from(
        [
            *("guide", "guide", "session", "odd", "odd"),
            *("same-title", "same-slug", "index", "random-title", "broken", "misplaced"),
        ]
    ),
    st.integers(0, 50),
    st.sampled_from(SCHEMA_KEYS).flatmap(lambda key: st.tuples(st.just(key), near_value(key))),
)


def _write_set(
    root: Path, chosen: list[tuple[str, int, tuple[str, Any]]], titles: list[str], broken: list[bytes]
) -> None:
    """Write the files `chosen` describes under root/topics/."""
    guides: list[tuple[str, str, str]] = []  # (group, slug, title) of the valid guides written so far
    for index, (what, number, (key, value)) in enumerate(chosen):
        group, slug = GROUPS[number % len(GROUPS)], f"chuyen-de-{index}"
        meta = {"group": group, "title": f"Chuyên đề thử số {index}", "description": _description(group, slug)}
        earlier = guides[number % len(guides)] if guides else None
        text: str | None = topic_text(**meta)
        if what == "session" and earlier:
            group, guide, _ = earlier
            text = session_text(guide, group=group, title=f"Kịch bản thử số {index}", description=meta["description"])
        elif what == "same-title" and earlier:
            text = topic_text(**{**meta, "title": earlier[2]})
        elif what == "same-slug" and earlier:
            slug = earlier[1]
        elif what == "random-title":
            text = topic_text(**{**meta, "title": json.dumps(titles[number % len(titles)], ensure_ascii=False)})
        elif what == "index":
            slug = "index"
        elif what == "odd":
            text = _odd_text(meta, earlier, key, value)
        elif what == "broken":
            text = None
        elif what == "guide":
            guides.append((group, slug, meta["title"]))
        folder = root / "topics" / group
        if what == "misplaced":
            folder = [root / "topics", root / "topics" / "khong-co-nhom", folder][number % 3]
            slug = f"Chuyên Đề {index}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{slug}.md"
        if text is None:
            path.write_bytes(broken[number % len(broken)])
        else:
            path.write_text(text, encoding="utf-8")


def _odd_text(meta: dict[str, str], guide: tuple[str, str, str] | None, key: str, value: Any) -> str:
    """A guide, or a session running `guide`, with `key` set to `value`, written as YAML would write it."""
    if key in BASES[1] and key not in BASES[0] and guide:
        meta = {**BASES[1], **meta, "group": guide[0], "guide": guide[1]}
        body = SESSION_BODY
    else:
        meta = {**BASES[0], **meta}
        body = VALID_BODY
    front = yaml.safe_dump({**meta, key: value}, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n{body}"


def _description(group: str, slug: str) -> str:
    return f"{VALID_META['description']} ({group}/{slug})"


@settings(PROPERTY, max_examples=40)
@given(
    chosen=st.lists(entries, min_size=1, max_size=8),
    titles=st.lists(st.text(min_size=5, max_size=60), min_size=1, max_size=3),
    broken=st.lists(file_bytes(), min_size=1, max_size=3),
)
def test_no_file_of_a_random_set_is_lost(scratch, chosen, titles, broken):
    """Each file of any set is a topic with a page and a search record, or is named by a reported problem."""
    root = _fresh_root(scratch)
    try:
        _write_set(root, chosen, titles, broken)
        result = load_library(root)
        library = result.library
        links = Links(True)
        generated = generated_pages(library)
        pages = {page.source_path for page in generated}
        records = [record.url for record in search_records(library, links)]
        assert_one_each([page.src_uri for page in generated], records)
        files = {p.relative_to(root).as_posix(): p for p in (root / "topics").rglob("*") if p.is_file()}
        reported = {item.path for item in result.problems}
        assert reported <= set(files), "every problem names a file of the set"
        _assert_placed(result.problems, {name: _line_count(path.read_bytes()) for name, path in files.items()})
        topics = {topic.path: topic for topic in library.topics}
        for name in files:
            if name in topics:
                assert name in pages, name
                assert links.url(topic_uri(topics[name])) in records, name
            else:
                assert name in reported, name
    finally:
        shutil.rmtree(root)


def test_a_disagreement_of_the_validators_is_a_reported_problem(tmp_path, monkeypatch):
    """F230: front matter the fast validator rejects and the precise one passes is no topic: the file says why."""
    validator = make_validator(CATALOG)

    def rejects(meta: dict[str, Any]) -> None:
        raise fastjsonschema.JsonSchemaValueException(
            "data.title must be longer", value=meta["title"], name="data.title", rule="minLength"
        )

    monkeypatch.setattr(validator, "_fast", rejects)
    monkeypatch.setattr("topiclib.library.make_validator", lambda catalog: validator)
    path = tmp_path / "topics" / "ho-chi-minh" / "neu-guong.md"
    path.parent.mkdir(parents=True)
    path.write_text(topic_text(), encoding="utf-8")
    result = load_library(tmp_path)
    assert result.library.topics == ()
    [reported] = result.problems
    assert (reported.path, reported.line, reported.code, reported.severity) == (
        "topics/ho-chi-minh/neu-guong.md",
        2,
        "F230",
        "error",
    )
    assert f"“{VALID_META['title']}”" in reported.message.replace('"', "“", 1).replace('"', "”", 1)
    assert "Issues" in reported.hint


@pytest.mark.parametrize(("key", "value"), [("start_time", '"19:30\\n"'), ("guide", '"neu-guong\\n"')])
def test_a_value_ending_in_a_line_break_breaks_the_pattern_for_both_validators(key, value):
    """A line break after a time or a guide's name is the pattern's problem (F214), not a disagreement."""
    text = session_text(value if key == "guide" else "neu-guong", **({} if key == "guide" else {key: value}))
    raw, _ = parse_topic(text, "topics/ho-chi-minh/a.md", "ho-chi-minh", "a")
    line = next(number for number, line in enumerate(text.split("\n"), 1) if line.startswith(f"{key}:"))
    topic, problems = validate_topic(raw, CATALOG, VALIDATOR)
    assert topic is None
    assert [(p.code, p.line, key in p.message) for p in problems] == [("F214", line, True)]


def test_whole_numbers_written_with_a_point_are_integers():
    """`minutes: 5.0` is the integer 5, as JSON Schema reads it: the script passes and its page shows its times."""
    agenda = SESSION_META["agenda"].replace("minutes: 5,", "minutes: 5.0,")
    text = session_text("neu-guong", duration_minutes="120.0", agenda=agenda)
    raw, _ = parse_topic(text, "topics/ho-chi-minh/kich-ban.md", "ho-chi-minh", "kich-ban")
    topic, problems = validate_topic(raw, CATALOG, VALIDATOR)
    assert outstanding(problems) == []
    assert (topic.duration_minutes, topic.agenda[0].minutes) == (120, 5)
    assert type(topic.duration_minutes) is type(topic.agenda[0].minutes) is int
    [page] = [page for page in generated_pages(Library(CATALOG, (GUIDE, topic))) if page.source_path == topic.path]
    assert "19:35" in page.markdown


def test_a_topic_named_index_is_reported_not_hidden_by_its_group_page(tmp_path):
    """F231: topics/<group>/index.md would be built where the group's page is; the file says so and is no topic."""
    path = tmp_path / "topics" / "ho-chi-minh" / "index.md"
    path.parent.mkdir(parents=True)
    path.write_text(topic_text(), encoding="utf-8")
    result = load_library(tmp_path)
    assert result.library.topics == ()
    assert [(p.path, p.line, p.code) for p in result.problems] == [("topics/ho-chi-minh/index.md", 1, "F231")]
    assert "neu-guong-cua-dang-vien-o-khu-dan-cu.md" in result.problems[0].hint
