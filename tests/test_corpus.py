"""The broken and hostile corpus (tests/corpus/broken/): every file gets exactly the problems its manifest lists,
from the core, the check CLI (plain and as GitHub annotations) and the build alike, and no file is lost."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, VALID_BODY, build, check, make_site, topic_text, write_topic
from topiclib import library
from topiclib.library import load_library
from topiclib.problems import Problem, catalogue
from topiclib.search import FULL_TEXT_DIR
from topiclib.uris import PAGEFIND_DIR

CORPUS = ROOT / "tests" / "corpus" / "broken"
MANIFEST_NAME = "expected.yml"
MANIFEST: dict[str, dict] = yaml.safe_load((CORPUS / MANIFEST_NAME).read_text(encoding="utf-8"))
# The title of the file outside the repository that the corpus's symbolic link points at: no output may show it.
SECRET = "Bí mật ngoài kho"
PADDING = "Đảng viên gương mẫu nói đi đôi với làm ở khu dân cư. "
# `path:line: CODE ` in the check's plain output and in the build's log (after its level), one problem a line.
_PLAIN = re.compile(r"^(?:[A-Z]+\s+-\s+)?(topics/.+?):(\d+): ([A-Z]\d{3}) ", re.MULTILINE)
_ANNOTATION = re.compile(r"^::\w+ file=(.+?),line=(\d+),title=([A-Z]\d{3})::", re.MULTILINE)

Found = list[tuple[str, int, str]]


def place(root: Path, names: list[str]) -> None:
    """Put corpus cases under root/topics/ as they are: committed files byte for byte, recipes made here."""
    for name in names:
        target = root / "topics" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        make = MANIFEST[name].get("make")
        if make is None:
            shutil.copyfile(CORPUS / name, target)
        elif "body_bytes" in make:
            body = VALID_BODY + PADDING * (make["body_bytes"] // len(PADDING.encode("utf-8")) + 1)
            target.write_text(topic_text(title="Tệp kiểm thử thân 5 MB", body=body), encoding="utf-8")
        elif make.get("directory"):
            target.mkdir()
        elif make.get("symlink_outside"):
            outside = root.parent / f"{root.name}-ngoai-kho" / "bi-mat.md"
            outside.parent.mkdir(exist_ok=True)
            outside.write_text(topic_text(title=SECRET), encoding="utf-8")
            target.symlink_to(outside)


def expected(names: list[str]) -> Found:
    return sorted(
        (f"topics/{name}", item["line"], item["code"]) for name in names for item in MANIFEST[name]["problems"]
    )


def found(problems: list[Problem]) -> Found:
    return sorted((p.path, p.line, p.code) for p in problems)


def parsed(output: str, pattern: re.Pattern[str] = _PLAIN) -> Found:
    """The (path, line, code) of every problem in a command's output; GitHub's %-escapes undone."""
    unescape = {"%2C": ",", "%3A": ":", "%0A": "\n", "%0D": "\r", "%25": "%"}
    return sorted(
        (re.sub("%(2C|3A|0A|0D|25)", lambda m: unescape[m.group()], path), int(line), code)
        for path, line, code in pattern.findall(output)
    )


def case_groups() -> list[list[str]]:
    """Each case with the cases it must be checked with (a duplicate needs its first), each group once."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for name, entry in MANIFEST.items():
        group = sorted({name, *entry.get("together", [])})
        groups.setdefault(tuple(group), group)
    return list(groups.values())


def has_error(name: str) -> bool:
    """Whether the manifest gives the case a problem that keeps it off the site."""
    return any(catalogue()[item["code"]].severity == "error" for item in MANIFEST[name]["problems"])


@pytest.fixture(scope="module")
def corpus_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose topics/ holds the whole corpus."""
    root = make_site(tmp_path_factory.mktemp("corpus"))
    place(root, list(MANIFEST))
    return root


def test_the_corpus_has_every_case_and_nothing_else():
    """At least 40 cases; every committed file is in the manifest, every manifest case is a file or a recipe."""
    committed = {
        path.relative_to(CORPUS).as_posix()
        for path in CORPUS.rglob("*")
        if (path.is_file() or path.is_symlink()) and path.name != MANIFEST_NAME
    }
    recipes = {name for name, entry in MANIFEST.items() if "make" in entry}
    assert len(MANIFEST) >= 40
    assert committed == set(MANIFEST) - recipes
    for name, entry in MANIFEST.items():
        assert entry["why"] and isinstance(entry["problems"], list), name
        assert set(entry.get("together", [])) <= set(MANIFEST), name


@pytest.fixture(scope="module")
def one_catalog() -> Iterator[None]:
    """The data files read and the schema compiled once for the many small libraries below, not once each."""
    catalog = library.load_catalog()
    validator = library.make_validator(catalog[0])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(library, "load_catalog", lambda *args: catalog)
        patch.setattr(library, "make_validator", lambda *args: validator)
        yield


@pytest.mark.usefixtures("one_catalog")
@pytest.mark.parametrize("names", case_groups(), ids=lambda names: "+".join(names))
def test_core_reports_exactly_the_manifest(tmp_path, names):
    """The core over the case (and the cases it goes with) gives exactly the manifest's codes on its lines."""
    place(tmp_path, names)
    result = load_library(tmp_path)
    assert found(result.problems) == expected(names)
    assert all(p.path and p.line >= 1 and p.message for p in result.problems)


def test_nothing_is_lost_in_the_core(corpus_root):
    """Over the whole corpus each file is a topic or reported; every .md file without an error is a topic."""
    result = load_library(corpus_root)
    on_site = {topic.path for topic in result.library.topics}
    reported = {p.path for p in result.problems}
    for name in MANIFEST:
        path = f"topics/{name}"
        assert path in on_site | reported, path
        if name.endswith(".md") and not has_error(name):
            assert path in on_site, path
    assert not result.ok


def test_build_and_check_cli_agree_on_every_case(corpus_root):
    """The build, the check CLI on the whole library and the GitHub annotations for named files agree."""
    want = expected(list(MANIFEST))
    built = build(corpus_root)
    assert built.returncode != 0
    outputs = {"build": (built.stdout + built.stderr, _PLAIN)}
    named = [str(corpus_root / "topics" / name) for name in MANIFEST]
    for label, args, pattern in (
        ("check", (), _PLAIN),
        ("check --format github FILE…", ("--format", "github", *named), _ANNOTATION),  # as the pull-request check
    ):
        result = check(corpus_root, *args)
        assert result.returncode == 1, (label, result.stderr)
        outputs[label] = (result.stdout + result.stderr, pattern)
    for label, (output, pattern) in outputs.items():
        assert "Traceback" not in output, label
        assert SECRET not in output, label
        assert parsed(output, pattern) == want, label


def test_fix_never_writes_through_a_symbolic_link(tmp_path):
    """check --fix stores NFD files in NFC, but leaves alone the NFD file outside the repository a link points at."""
    place(tmp_path, ["ho-chi-minh/lien-ket-ra-ngoai.md", "ho-chi-minh/nfd.md"])
    outside = (tmp_path / "topics" / "ho-chi-minh" / "lien-ket-ra-ngoai.md").resolve()
    outside.write_text(unicodedata.normalize("NFD", outside.read_text(encoding="utf-8")), encoding="utf-8")
    before = outside.read_bytes()
    result = check(tmp_path, "--fix")
    assert parsed(result.stdout) == [("topics/ho-chi-minh/lien-ket-ra-ngoai.md", 1, "T113")]
    assert outside.read_bytes() == before
    assert unicodedata.is_normalized("NFC", (tmp_path / "topics/ho-chi-minh/nfd.md").read_text(encoding="utf-8"))


def test_valid_cases_are_pages_and_search_records(tmp_path):
    """Every case without an error is a page of the built site and a record of both search bundles, or reported."""
    names = [name for name in MANIFEST if not has_error(name)]
    root = make_site(tmp_path)
    place(root, names)
    for slug in ("tot-mot", "tot-hai"):
        write_topic(root, slug)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(  # not --strict: the warnings among the cases (T106) are reported, not fatal
        [sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert parsed(result.stderr) == expected(names)  # the notices and warnings, at their lines
    reported = {path for path, _, _ in parsed(result.stderr)}
    records = search_record_urls(root / "site" / PAGEFIND_DIR) & search_record_urls(root / "site" / FULL_TEXT_DIR)
    files = [path.relative_to(root / "topics").as_posix() for path in (root / "topics").rglob("*") if path.is_file()]
    assert sorted(files) == sorted([*names, "ho-chi-minh/tot-mot.md", "ho-chi-minh/tot-hai.md"])
    for name in files:
        group, file_name = name.split("/")
        url = f"chuyen-de/{group}/{Path(file_name).stem}/"
        on_site = (root / "site" / url / "index.html").is_file() and url in records
        assert on_site == name.endswith(".md"), name
        assert on_site or f"topics/{name}" in reported, name


def search_record_urls(bundle: Path) -> set[str]:
    """The URLs of the pages a Pagefind bundle holds, read from its fragments (gzip'd JSON after a signature)."""
    urls = set()
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[data.index(b"{") :])["url"].lstrip("/"))
    return urls
