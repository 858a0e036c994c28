"""Rules for one topic (front-matter schema, file name, safe body) and across topics (unique, references)."""

from __future__ import annotations

import ast
import datetime
import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import fastjsonschema
import jsonschema
from jsonschema.exceptions import ValidationError

from .agenda import AgendaItem, agenda_items, check_agenda
from .content import check_anniversary_dates, check_content
from .data import Catalog
from .load import KeyPath, RawTopic, leaf_values
from .problems import Problem, did_you_mean, problem
from .text import fold, is_slug, slugify, tone_key

ALL_CELL_TYPES = "all"
# File names a topic can't have: topics/<group>/index.md would be built where the group's page is (uris.group_uri).
RESERVED_SLUGS = frozenset({"index"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_SHOWN_VALUE = 60  # characters of a value quoted in a problem


@dataclass(frozen=True)
class Topic:
    """A valid topic file: everything the pages need, with text in NFC."""

    path: str
    slug: str
    group: str
    kind: str
    title: str
    description: str
    cell_types: tuple[str, ...]
    references: tuple[str, ...]
    updated: str
    body: str
    body_line: int = 1
    tags: tuple[str, ...] = ()
    quarters: tuple[int, ...] = ()
    contributors: tuple[str, ...] = ()
    guide: str | None = None
    duration_minutes: int | None = None
    combined: bool = False
    start_time: str | None = None
    roles: tuple[str, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def for_all_cell_types(self) -> bool:
        return self.cell_types == (ALL_CELL_TYPES,)


@dataclass(frozen=True)
class Disagreement:
    """The fast validator rejected front matter in which the precise one found no error."""

    path: KeyPath
    value: Any
    rule: str


class FrontMatterValidator:
    """The front-matter JSON Schema, checked fast; the detailed errors are computed only for invalid files.

    `fastjsonschema` compiles the schema to Python and answers "valid?" about ten times faster than
    `jsonschema`, which is used for its precise error paths only when a file fails. Both read a `pattern` as
    JSON Schema means it (its "$" ends the text). Should the precise one still find nothing in a file the fast
    one rejected, the file fails with that disagreement (F230), never passes.
    """

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self._detailed = _PreciseValidator(schema, format_checker=jsonschema.FormatChecker(["date"]))
        draft7 = {**schema, "$schema": "http://json-schema.org/draft-07/schema#"}
        self._fast = fastjsonschema.compile(draft7, formats={"date": _is_iso_date})

    def errors(self, meta: dict[str, Any]) -> list[ValidationError | Disagreement]:
        try:
            self._fast(meta)
            return []
        except fastjsonschema.JsonSchemaValueException as rejection:
            found = sorted(self._detailed.iter_errors(meta), key=lambda e: [str(part) for part in e.absolute_path])
            return found or [_disagreement(rejection)]


def make_validator(catalog: Catalog) -> FrontMatterValidator:
    """One validator for the whole library; building it once keeps validation linear and fast."""
    return FrontMatterValidator(catalog.topic_schema())


def validate_topic(
    raw: RawTopic, catalog: Catalog, validator: FrontMatterValidator
) -> tuple[Topic | None, list[Problem]]:
    """Check one topic on its own; a topic with any error comes back as None."""
    raw = replace(raw, meta=_whole_numbers(raw.meta))
    schema_errors = validator.errors(raw.meta)
    problems = [p for error in schema_errors for p in _schema_problem(error, raw, catalog, validator.schema)]
    problems.extend(_blank_values(raw, validator.schema["properties"]))
    if not schema_errors and raw.meta["kind"] == "session":
        problems.extend(check_agenda(raw, catalog))
    if not is_slug(raw.slug):
        problems.append(problem("T107", raw.path, 1, name=raw.slug, suggestion=slugify(raw.slug) or "ten-chuyen-de"))
    elif raw.slug in RESERVED_SLUGS:
        suggestion = slugify(str(raw.meta.get("title", ""))) or "ten-chuyen-de"
        problems.append(problem("F231", raw.path, 1, name=raw.slug, suggestion=suggestion))
    group = raw.meta.get("group")
    if isinstance(group, str) and group in catalog.group_by_id and group != raw.group_folder:
        problems.append(problem("F211", raw.path, raw.line_of(("group",)), group=group, folder=raw.group_folder))
    problems.extend(unsafe_markup(raw.body, raw.path, raw.body_line))
    kind = raw.meta.get("kind")
    if isinstance(kind, str) and kind in catalog.content_rules:
        problems.extend(check_content(raw.body, raw.path, raw.body_line, catalog.content_rules[kind]))
    problems.extend(check_anniversary_dates(raw.body, raw.path, raw.body_line, catalog.anniversaries))
    problems.extend(_unnamed_points(raw, catalog))
    problems.extend(_incomplete_references(raw, catalog))
    if any(p.is_error for p in problems):
        return None, problems
    meta = raw.meta
    cell_types = meta["cell_types"]
    topic = Topic(
        path=raw.path,
        slug=raw.slug,
        group=meta["group"],
        kind=meta["kind"],
        title=meta["title"].strip(),
        description=" ".join(meta["description"].split()),
        cell_types=(ALL_CELL_TYPES,) if cell_types == ALL_CELL_TYPES else tuple(cell_types),
        references=tuple(meta["references"]),
        updated=meta["updated"],
        body=raw.body,
        body_line=raw.body_line,
        tags=tuple(meta.get("tags", ())),
        quarters=tuple(sorted(meta.get("quarters", ()))),
        contributors=tuple(meta.get("contributors", ())),
        guide=meta.get("guide"),
        duration_minutes=meta.get("duration_minutes"),
        combined=bool(meta.get("combined", False)),
        start_time=_start_time(meta, catalog),
        roles=tuple(meta.get("roles", ())),
        agenda=agenda_items(meta),
        meta=meta,
        key_lines={str(path[0]): line for path, line in raw.lines.items() if len(path) == 1},
    )
    return topic, problems


def check_across(topics: Iterable[Topic], catalog: Catalog) -> list[Problem]:
    """Rules that need the whole library: unique slugs, titles and descriptions; sessions that run a guide."""
    problems: list[Problem] = []
    by_slug: dict[str, Topic] = {}
    by_title: dict[str, Topic] = {}
    by_description: dict[str, Topic] = {}
    placeholder = catalog.content_rules["guide"]["new_file"]["description"]
    for topic in sorted(topics, key=lambda t: t.path):
        first = by_slug.setdefault(topic.slug, topic)
        if first is not topic:
            problems.append(problem("X301", topic.path, 1, slug=topic.slug, other=first.path))
        first = by_title.setdefault(title_key(topic.title), topic)
        if first is not topic:
            problems.append(problem("X302", topic.path, 1, title=topic.title, other=first.path))
        # A new file's placeholder description (scripts/new_topic.py) is the writer's to rewrite, not a clash.
        unique = topic.kind == "guide" and topic.description != placeholder
        first = by_description.setdefault(title_key(topic.description), topic) if unique else topic
        if first is not topic:
            problems.append(problem("X309", topic.path, topic.key_lines.get("description", 1), other=first.path))
    guides = {slug: t for slug, t in by_slug.items() if t.kind == "guide"}
    for topic in by_slug.values():
        if topic.kind != "session" or topic.guide is None:
            continue
        line = topic.key_lines.get("guide", 1)
        target = by_slug.get(topic.guide)
        if target is None:
            problems.append(
                problem("X304", topic.path, line, guide=topic.guide, did_you_mean=did_you_mean(topic.guide, guides))
            )
        elif target.kind != "guide":
            kind_name = catalog.kind_by_id[target.kind].name.lower()
            problems.append(problem("X305", topic.path, line, guide=topic.guide, kind_name=kind_name))
        elif target.group != topic.group:
            problems.append(
                problem(
                    "X308",
                    topic.path,
                    topic.key_lines.get("group", 1),
                    group=topic.group,
                    guide=topic.guide,
                    guide_group=target.group,
                )
            )
    return problems


def title_key(title: str) -> str:
    """What two titles must share to count as the same (X302): case, marks and tone placement aside."""
    return fold(tone_key(title))


def _whole_numbers(value: Any) -> Any:
    """Numbers written with a decimal point ("minutes: 5.0") as the integers JSON Schema takes them for."""
    if isinstance(value, dict):
        return {key: _whole_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_whole_numbers(item) for item in value]
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _start_time(meta: dict[str, Any], catalog: Catalog) -> str | None:
    """A session starts at its own time or at the default printed time; a guide has none."""
    if meta["kind"] != "session":
        return None
    return meta.get("start_time") or catalog.meeting["default_start_time"]


def _unnamed_points(raw: RawTopic, catalog: Catalog) -> list[Problem]:
    """C507: a guide citing a registry entry with `names` (QĐ 144's standards) names each of them in its text."""
    references = raw.meta.get("references")
    if raw.meta.get("kind") != "guide" or not isinstance(references, list):
        return []
    body = None  # folded only when a cited document has names: most guides cite none
    problems = []
    for index, ref in enumerate(references):
        document = catalog.document_by_id.get(ref) if isinstance(ref, str) else None
        if document is None or not document.names:
            continue
        body = title_key(raw.body) if body is None else body
        missing = [name for name in document.names if title_key(name) not in body]
        if missing:
            line = raw.line_of(("references", index))
            problems.append(problem("C507", raw.path, line, document=document.short_citation, missing=missing))
    return problems


def _incomplete_references(raw: RawTopic, catalog: Catalog) -> list[Problem]:
    references = raw.meta.get("references")
    if not isinstance(references, list):
        return []
    problems = []
    for index, ref in enumerate(references):
        document = catalog.document_by_id.get(ref) if isinstance(ref, str) else None
        if document is not None and document.missing_fields:
            names = {"number": "số hiệu", "date": "ngày ban hành đầy đủ"}
            fields = " và ".join(names[f] for f in document.missing_fields)
            problems.append(problem("X307", raw.path, raw.line_of(("references", index)), ref=ref, fields=fields))
    return problems


def unsafe_markup(body: str, path: str, first_line: int) -> list[Problem]:
    """Raw HTML that runs code or embeds other sites, and javascript:/data: links, with their lines."""
    found: list[tuple[int, str]] = []
    if "<" in body:
        scanner = _UnsafeHtmlScanner()
        scanner.feed(body)
        scanner.close()
        found.extend(scanner.found)
    for pattern in _LINK_DESTINATIONS:
        for match in pattern.finditer(body):
            if _is_unsafe_url(match.group("url")):
                line = body.count("\n", 0, match.start("url")) + 1
                found.append((line, f"liên kết “{_scheme(match.group('url'))}”"))
    for url, at in _image_urls(body):
        if _elsewhere(url):
            found.append((body.count("\n", 0, at) + 1, _embedded(url)))
    return [problem("T103", path, first_line + line - 1, what=what) for line, what in sorted(set(found))]


def _image_urls(body: str) -> list[tuple[str, int]]:
    """Markdown images' addresses and where they are: ![alt](url), and ![alt][id] or ![id] with its [id]: url."""
    definitions = {match["id"].lower(): match["url"] for match in _DEFINITION.finditer(body)}
    found = [(match["url"], match.start("url")) for match in _INLINE_IMAGE.finditer(body)]
    for match in _REFERENCE_IMAGE.finditer(body):
        url = definitions.get((match["id"] or match["alt"]).lower())
        if url:
            found.append((url, match.start()))
    return found


# Besides what runs code or embeds a page: the elements whose text a browser reads up to their end tag, even one
# inside an attribute (<noscript><p title="</noscript><img … onerror=…>">), and SVG and MathML, parsed another way.
_UNSAFE_TAGS = frozenset(
    "script iframe frame frameset object embed applet base meta link style form input button textarea"
    " noscript noembed noframes xmp plaintext template svg math".split()
)
_URL_ATTRIBUTES = frozenset("href src action formaction xlink:href data srcdoc poster background".split())
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
# An image, video or sound fetched from another site makes every reader's browser call that site (issue 15).
_EMBED_ATTRIBUTES = frozenset("src srcset poster background data ping".split())
_INLINE_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?(?P<url>[^)\s>]+)")
_REFERENCE_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\](?:\[(?P<id>[^\]]*)\]|(?![(\[]))")  # ![alt][id], ![id]
_DEFINITION = re.compile(r"^\s{0,3}\[(?P<id>[^\]]+)\]:\s*<?(?P<url>\S+?)>?(?:\s|$)", re.MULTILINE)  # [id]: url
_LINK_DESTINATIONS = (
    re.compile(r"\]\(\s*<?(?P<url>[^)\s>]+)"),  # [text](url)
    _DEFINITION,
    re.compile(r"<(?P<url>[a-zA-Z][a-zA-Z0-9+.\-]*:[^>\s]*)>"),  # <scheme:...>
)


class _UnsafeHtmlScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in _UNSAFE_TAGS:
            self.found.append((line, f"thẻ HTML <{tag}>"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"thuộc tính sự kiện “{name}=”"))
            elif name in _URL_ATTRIBUTES and value and _is_unsafe_url(value):
                self.found.append((line, f"liên kết “{_scheme(value)}”"))
            elif name in _EMBED_ATTRIBUTES and value:
                self.found.extend((line, _embedded(url)) for url in value.split() if _elsewhere(url))
            elif name == "style" and value and "url(" in _normalise_url(value):
                self.found.append((line, "thuộc tính “style” có url(…)"))

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        # A browser ends "<!-->" and "--!>" comments sooner than this parser: a tag inside one may run.
        if "<" in data:
            self.found.append((self.getpos()[0], "chú thích HTML (<!-- … -->) có thẻ bên trong"))

    def unknown_decl(self, data: str) -> None:
        # "<![CDATA[ … ]]>" is, to a browser, a comment that ends at its first ">": what follows may run.
        self.found.append((self.getpos()[0], "khối <![CDATA[ … ]]>"))


def _elsewhere(url: str) -> bool:
    """An address on another site: with a scheme (https:, http:…) or starting with // (or \\\\, read as //)."""
    return bool(re.match(r"[a-z][a-z0-9+.\-]*:|//", _normalise_url(url).replace("\\", "/")))


def _embedded(url: str) -> str:
    site = urlsplit(_normalise_url(url).replace("\\", "/")).netloc or _scheme(url)
    return f"ảnh hay tệp nhúng từ trang khác “{site}”"


def _is_unsafe_url(url: str) -> bool:
    return _normalise_url(url).startswith(_UNSAFE_SCHEMES)


def _normalise_url(url: str) -> str:
    return re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()


def _scheme(url: str) -> str:
    return _normalise_url(url).split(":", 1)[0] + ":"


def _is_iso_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _ecma_pattern(
    validator: jsonschema.protocols.Validator, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """`pattern` as JSON Schema (ECMA-262) and fastjsonschema read it: "$" ends the text, even before a "\\n"."""
    if validator.is_type(instance, "string") and not re.search(_DOLLAR.sub(r"\\Z", pattern), instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_DOLLAR = re.compile(r"(?<!\\)\$")  # an unescaped "$", as fastjsonschema finds it
_PreciseValidator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _ecma_pattern})


def _disagreement(rejection: fastjsonschema.JsonSchemaValueException) -> Disagreement:
    """Where and by which rule the fast validator rejected ("data" is its name for the front matter itself)."""
    path = tuple(int(part) if part.isdecimal() else part for part in rejection.path[1:])
    return Disagreement(path, rejection.value, rejection.rule or "")


def _shown(value: Any) -> str:
    """A value as the contributor wrote it, hidden characters made visible ("19:30\\n"), cut if long."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= _SHOWN_VALUE else text[: _SHOWN_VALUE - 1] + "…"


def _schema_problem(
    error: ValidationError | Disagreement, raw: RawTopic, catalog: Catalog, schema: dict[str, Any]
) -> list[Problem]:
    """Turn one JSON Schema error into problems a contributor can act on."""
    if isinstance(error, Disagreement):
        key = str(error.path[0]) if error.path else "(phần đầu tệp)"
        line = raw.line_of(error.path)
        return [problem("F230", raw.path, line, key=key, value=_shown(error.value), rule=error.rule)]
    properties: dict[str, Any] = schema["properties"]
    path = tuple(error.absolute_path)
    key = str(path[0]) if path else ""
    line = raw.line_of(path)
    if path and _is_blank(error.instance):
        return [_blank(raw, path, properties)]  # the same problem as _blank_values gives
    keyword = error.validator
    if keyword == "required":
        missing = _required_key(error)
        return [
            problem(
                "F204",
                raw.path,
                1,
                key=missing,
                label=_label(properties, missing),
                example=_example(properties, missing),
            )
        ]
    if keyword == "additionalProperties":
        extras = [k for k in error.instance if k not in properties]
        return [
            problem(
                "F205",
                raw.path,
                raw.line_of((k,)),
                key=k,
                did_you_mean=did_you_mean(k, properties),
                allowed=list(properties),
            )
            for k in extras
        ]
    if keyword == "not" and isinstance(error.validator_value, dict) and "required" in error.validator_value:
        only = error.validator_value["required"][0]
        return [
            problem(
                "F212",
                raw.path,
                raw.line_of((only,)),
                key=only,
                kind_name=f"{catalog.kind_by_id['session'].name.lower()} (kind: session)",
            )
        ]
    if keyword == "enum" and key == "references":
        ids = [d.id for d in catalog.documents]
        return [problem("X303", raw.path, line, ref=error.instance, did_you_mean=did_you_mean(error.instance, ids))]
    if keyword in ("enum", "const"):
        allowed = error.validator_value if keyword == "enum" else [error.validator_value]
        if path == ("cell_types",):
            allowed = [ALL_CELL_TYPES, *(c.id for c in catalog.cell_types)]
        return [
            problem(
                "F207",
                raw.path,
                line,
                key=key,
                value=error.instance,
                did_you_mean=did_you_mean(error.instance, allowed),
                allowed=list(allowed),
            )
        ]
    if keyword == "type":
        return [
            problem(
                "F206",
                raw.path,
                line,
                key=_key_label(path),
                expected=_type_name(error.validator_value),
                example=_example(properties, key),
            )
        ]
    if keyword in ("minLength", "maxLength"):
        length = len(error.instance) if isinstance(error.instance, str) else 0
        return [
            problem(
                "F208",
                raw.path,
                line,
                key=_key_label(path),
                length=length,
                minimum=error.schema.get("minLength", 1),
                maximum=error.schema.get("maxLength", "∞"),
            )
        ]
    if keyword == "format":
        return [problem("F209", raw.path, line, key=key)]
    if keyword in ("minItems", "uniqueItems"):
        detail = f"cần ít nhất {error.validator_value} mục" if keyword == "minItems" else "có mục bị lặp lại"
        return [problem("F210", raw.path, line, key=key, detail=detail, example=_example(properties, key))]
    if keyword in ("minimum", "maximum"):
        detail = (
            f"số phải từ {error.validator_value} trở lên"
            if keyword == "minimum"
            else f"số không quá {error.validator_value}"
        )
        return [problem("F214", raw.path, line, key=_key_label(path), detail=detail, example=_example(properties, key))]
    if keyword == "pattern":
        detail = _PATTERN_DETAILS.get(key, _PATTERN_DETAILS["guide"])
        return [problem("F214", raw.path, line, key=key, detail=detail, example=_example(properties, key))]
    return [
        problem(
            "F214", raw.path, line, key=key or "(phần đầu tệp)", detail=error.message, example=_example(properties, key)
        )
    ]


# What each `pattern` of the schema asks, in words (F214).
_PATTERN_DETAILS = {
    "guide": "chỉ dùng chữ thường không dấu, số và gạch ngang",
    "start_time": "giờ viết dạng GIỜ:PHÚT, mỗi phần hai chữ số, từ 00:00 đến 23:59, không thêm dấu cách hay xuống dòng",
}


def _blank_values(raw: RawTopic, properties: dict[str, Any]) -> list[Problem]:
    """F216 for every value of a known key left empty or only spaces (length rules let "     " through)."""
    return [
        _blank(raw, path, properties)
        for path, value in leaf_values(raw.meta)
        if path and str(path[0]) in properties and _is_blank(value)
    ]


def _blank(raw: RawTopic, path: tuple[Any, ...], properties: dict[str, Any]) -> Problem:
    example = _example(properties, str(path[0]))
    return problem("F216", raw.path, raw.line_of(path), key=_key_label(path), example=example)


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _required_key(error: ValidationError) -> str:
    quoted = error.message.removesuffix(" is a required property")
    try:
        return str(ast.literal_eval(quoted))
    except (ValueError, SyntaxError):
        return quoted


def _label(properties: dict[str, Any], key: str) -> str:
    return properties.get(key, {}).get("title", key)


def _example(properties: dict[str, Any], key: str) -> str:
    examples = properties.get(key, {}).get("examples")
    return f", ví dụ: “{key}: {examples[0]}”" if examples else ""


def _key_label(path: tuple[Any, ...]) -> str:
    if len(path) > 1 and isinstance(path[1], int):
        return f"{path[0]} (mục {path[1] + 1})"
    return str(path[0]) if path else ""


def _type_name(expected: str | list[str]) -> str:
    names = {
        "string": "chữ (một dòng văn bản)",
        "array": "danh sách, ví dụ [a, b]",
        "integer": "số nguyên",
        "number": "số",
        "boolean": "true hoặc false",
        "object": "các dòng “khóa: giá trị”",
    }
    options = [expected] if isinstance(expected, str) else expected
    return " hoặc ".join(names.get(option, option) for option in options)
