"""The offline copy: the site built for file://, its search index as scripts, and the zip that carries it.

Pagefind cannot run from file://, so the copy leaves its bundles out and ships the same records as an index of
its own (`search_index`), read the way Pagefind reads them: the metadata and filters of each record, the words
of its text with their weights (a record's `data-pagefind-weight`, Pagefind's weights for headings), folded by
the rules of the online index (`search.phrase_words`: `text.fold`, letters and digits only), the pair tokens
included. `docs/assets/javascripts/search-offline.js` searches it with the ranking rules of the search page.
The index is a script (`self.TLSearchIndex`), not JSON: a page opened from file:// may run a script beside it,
but not fetch a file.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import html as lxml_html

from .library import Library
from .search import FULL_TEXT_DIR, OFFLINE_FULL_TEXT_JS, OFFLINE_INDEX_JS, SearchRecord, phrase_words
from .search_pages import search_index_jobs
from .uris import PAGEFIND_DIR, Links

# What the built site holds that the copy does not need: the Pagefind bundles (they cannot run from file://),
# the page a web server shows for a missing address, and the sitemaps (dated by the build, for search engines).
LEFT_OUT_DIRS = (PAGEFIND_DIR, FULL_TEXT_DIR)
LEFT_OUT_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")
# The name the index script gives each index, in self.TLSearchIndex.
INDEX_NAMES = {OFFLINE_INDEX_JS: "short", OFFLINE_FULL_TEXT_JS: "fullText"}
# Pagefind's weights for headings; any other text weighs 1 unless its record sets data-pagefind-weight.
HEADING_WEIGHTS = {"h1": 7, "h2": 6, "h3": 5, "h4": 4, "h5": 3, "h6": 2}
# Zip entries: a regular file readable by everyone, made on a Unix system (fixed, so that the bytes are too).
_FILE_MODE = 0o100644 << 16
_UNIX = 3


@dataclass(frozen=True)
class Token:
    """A whitespace-separated piece of a record's text, as the index counts it, with the weight of its element."""

    text: str
    weight: int


def offline_notice(strings: dict[str, str], date: str) -> str:
    """The home page's line that says which day's library the copy holds: `date` is YEAR-MONTH-DAY."""
    year, month, day = date.split("-")
    return strings["offline_copy_notice"].format(date=f"{day}/{month}/{year}")


def index_scripts(site_dir: Path, library: Library, site_description: str = "") -> dict[str, str]:
    """The offline indexes of a site built without directory URLs, by site path: the short one and the full text.

    The records are those of the Pagefind bundles (`search_pages.search_index_jobs`), with the same parts of
    a page left out of the full text.
    """
    short_job, full_text_job = search_index_jobs(site_dir, library, Links(False), site_description)
    return {
        OFFLINE_INDEX_JS: index_script("short", search_index(short_job.records())),
        OFFLINE_FULL_TEXT_JS: index_script(
            "fullText", search_index(full_text_job.records(), full_text_job.exclude_selectors, content=True)
        ),
    }


def index_script(name: str, index: dict[str, object]) -> str:
    """A classic script that puts the index in self.TLSearchIndex[name]."""
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    return f"self.TLSearchIndex = self.TLSearchIndex || {{}};\nself.TLSearchIndex.{name} = {data};\n"


def search_index(
    records: Iterable[SearchRecord], exclude_selectors: Iterable[str] = (), content: bool = False
) -> dict[str, object]:
    """Pages and words of the records: what Pagefind would hold of them, as plain data.

    `pages`: for each record its file URL from the site root, metadata, filters and word count (and with
    `content`, its text: the whitespace-separated tokens joined by spaces, which the excerpts are cut from).
    `words`: folded word → the word as written (lower case) → postings, each [page, weighted count] and with
    `content` the word's positions after them, counting the tokens of the page's text. All text stays in
    index form ("ḏ" for "đ"), as the query reaches the engine.
    """
    excluded = tuple(exclude_selectors)
    pages: list[dict[str, object]] = []
    words: dict[str, dict[str, dict[int, list[int]]]] = {}
    for number, record in enumerate(records):
        document = lxml_html.document_fromstring(record.html)
        meta: dict[str, str] = {}
        filters: dict[str, list[str]] = {}
        for element in document.iter("meta"):
            if name := element.get("data-pagefind-meta"):
                meta[name.removesuffix("[content]")] = element.get("content", "")
            elif name := element.get("data-pagefind-filter"):
                filters.setdefault(name.removesuffix("[content]"), []).append(element.get("content", ""))
        body = next(document.iter("main"), None)
        tokens = list(_tokens(body, 1, excluded)) if body is not None else []
        for position, token in enumerate(tokens):
            for folded in (word for word in phrase_words(token.text) if word):
                postings = words.setdefault(folded, {}).setdefault(_written(token.text), {})
                posting = postings.setdefault(number, [number, 0])
                posting[1] += token.weight
                if content:
                    posting.append(position)
        page: dict[str, object] = {"url": file_url(record.url), "meta": meta, "filters": filters, "words": len(tokens)}
        if content:
            page["content"] = " ".join(token.text for token in tokens)
        pages.append(page)
    return {
        "pages": pages,
        "words": {
            folded: {written: list(postings.values()) for written, postings in sorted(forms.items())}
            for folded, forms in sorted(words.items())
        },
    }


def file_url(url: str) -> str:
    """A record's URL as a file of the copy: "ke-hoach/" is "ke-hoach/index.html" (no folder URLs in file://)."""
    return url + "index.html" if url.endswith("/") or not url else url


def copy_files(site_dir: Path) -> list[tuple[str, Path]]:
    """What goes into the zip: every file of the built site but those left out, by path, sorted."""
    files = []
    for path in site_dir.rglob("*"):
        name = path.relative_to(site_dir).as_posix()
        if not path.is_file() or name in LEFT_OUT_FILES or name.startswith(LEFT_OUT_DIRS):
            continue
        files.append((name, path))
    return sorted(files)


def write_zip(files: Iterable[tuple[str, Path]], output: Path, date: str) -> None:
    """Zip the files in order, each dated `date` (YEAR-MONTH-DAY) at midnight: the same files give the same bytes."""
    year, month, day = (int(part) for part in date.split("-"))
    with zipfile.ZipFile(output, "w") as archive:
        for name, path in files:
            info = zipfile.ZipInfo(name, date_time=(year, month, day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = _FILE_MODE
            archive.writestr(info, path.read_bytes(), compresslevel=9)


def _tokens(element: lxml_html.HtmlElement, weight: int, excluded: tuple[str, ...]) -> Iterable[Token]:
    """The text of an element and its children, token by token, each with the weight of the element it is in."""
    weight = int(element.get("data-pagefind-weight") or HEADING_WEIGHTS.get(element.tag, weight))
    for text in (element.text or "").split():
        yield Token(text, weight)
    for child in element:
        if isinstance(child.tag, str) and not _matches(child, excluded):
            yield from _tokens(child, weight, excluded)
        for text in (child.tail or "").split():
            yield Token(text, weight)


def _matches(element: lxml_html.HtmlElement, selectors: tuple[str, ...]) -> bool:
    """Whether the element matches one of the selectors, each a class (".name") or a tag name."""
    classes = (element.get("class") or "").split()
    return any(
        selector[1:] in classes if selector.startswith(".") else element.tag == selector for selector in selectors
    )


def _written(token: str) -> str:
    """The token as written (records are in index form), as Pagefind keeps it to weigh exact diacritics: lower case,
    letters and digits only. search-offline.js reads a query word the same way."""
    return "".join(char for char in token.lower() if char.isalnum())
