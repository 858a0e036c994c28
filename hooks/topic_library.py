"""MkDocs events for the topic library. Wiring only: the work is done by the pure `topiclib` package."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from topiclib.data import DATA_DIR, load_catalog
from topiclib.downloads import generated_downloads
from topiclib.library import Library, load_library
from topiclib.markdown_blocks import ParenthesisListExtension
from topiclib.pages import expand_markers, generated_pages, library_nav
from topiclib.plan_data import plan_data
from topiclib.prepare_data import prepare_data
from topiclib.print_css import PRINT_CSS_URI, print_format_css
from topiclib.problems import Problem, problem
from topiclib.provenance import Provenance, last_commit_dates, page_dates
from topiclib.search import FULL_TEXT_DIR, header_search
from topiclib.search_index import SearchIndexError, write_search_indexes
from topiclib.search_pages import search_index_jobs
from topiclib.uris import GENERATED_DIRS, LIBRARY_INDEX, OFFLINE_ZIP, PAGEFIND_DIR, Links

log = logging.getLogger("mkdocs.hooks.topic_library")
_library: Library | None = None
_page_meta: dict[str, dict[str, str]] = {}
THEME_STRINGS = (
    "footer_made_with",
    "theme_top",
    "theme_skip",
    "not_found_title",
    "not_found_text",
    "offline_zip_link",
    "offline_zip_hint",
)
_page_dates: tuple[dict[str, str], str] = ({}, "")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    catalog, problems = load_catalog()
    if catalog is None:
        raise PluginError(_failure(problems))
    # What the theme's partials print, in Vietnamese: the header search box, the footer's credit line, the 404 page
    # and the theme's words the library puts its own in place of (overrides/partials/language.html).
    config.extra["topic_library"] = {
        **header_search(catalog, Links(config.use_directory_urls)),
        **{key: catalog.strings[key] for key in THEME_STRINGS},
        # extra.offline_zip: the published site carries the offline copy, so its home page links to it.
        "offline_zip": OFFLINE_ZIP if config.extra.get("offline_zip") and not config.extra.get("offline_copy") else "",
    }
    # Topic pages read "1)" lists as the papers do (topiclib.markdown_blocks).
    config.markdown_extensions.append(ParenthesisListExtension())
    if config.nav:
        config.nav = _expand_library_nav(config.nav, library_nav(list(catalog.groups)))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _library, _page_meta, _page_dates
    root = _root(config)
    result = load_library(root)
    _report(result.problems)
    if not result.ok or result.library is None:
        raise PluginError(_failure(result.problems))
    _library = result.library
    provenance = Provenance(
        repository_url=config.extra.get("repository_url") or "",
        branch=config.extra.get("repository_branch") or "main",
        dates=last_commit_dates(root),
    )
    _page_dates = page_dates(result.library.topics, provenance)
    # extra.print_packs: the site is built to carry the print packs (scripts/print_packs.py), so pages link to them.
    print_packs = bool(config.extra.get("print_packs"))
    pages = generated_pages(result.library, config.use_directory_urls, provenance, print_packs)
    clashes = [page.src_uri for page in pages if files.get_file_from_path(page.src_uri) is not None]
    if clashes:
        raise PluginError(
            _failure([problem("X306", "docs", uri=uri, prefixes=[f"{d}/" for d in GENERATED_DIRS]) for uri in clashes])
        )
    _page_meta = {page.src_uri: page.meta for page in pages if page.meta}
    for page in pages:
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
    for download in generated_downloads(result.library):
        files.append(File.generated(config, download.src_uri, content=download.content))
    for script in [*prepare_data(result.library, Links(config.use_directory_urls)), plan_data(result.library)]:
        files.append(File.generated(config, script.src_uri, content=script.content))
    files.append(File.generated(config, PRINT_CSS_URI, content=print_format_css(result.library.catalog.print_format)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri in _page_meta:
        page.meta.update(_page_meta[page.file.src_uri])
    page.update_date = _page_dates[0].get(page.file.src_uri, _page_dates[1]) or page.update_date
    if _library is None or page.file.generated_by:
        return markdown
    return expand_markers(markdown, _library, page.file.src_uri, config.use_directory_urls)


def on_post_build(config: MkDocsConfig) -> None:
    if _library is None:
        return
    links = Links(config.use_directory_urls)
    jobs = search_index_jobs(Path(config.site_dir), _library, links, config.site_description or "")
    try:
        count, _ = write_search_indexes(jobs)
    except SearchIndexError as error:
        raise PluginError(f"Không tạo được chỉ mục tìm kiếm (Pagefind): {error}") from error
    log.debug("Search index: %d pages in %s, their text in %s", count, PAGEFIND_DIR, FULL_TEXT_DIR)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
    root = _root(config)
    for path in (root / "topics", DATA_DIR):
        if path.is_dir():
            server.watch(str(path))
    return server


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _report(problems: list[Problem]) -> None:
    for item in problems:
        if item.severity == "warning":
            log.warning(item.format())
        elif item.severity == "notice":
            log.info(item.format())


def _failure(problems: list[Problem]) -> str:
    errors = [p for p in problems if p.is_error]
    lines = "\n".join(p.format() for p in errors)
    return (
        f"Thư viện chuyên đề: {len(errors)} lỗi cần sửa.\n{lines}\n"
        "Sửa các lỗi trên rồi chạy lại (kiểm tra nhanh: python scripts/check_topics.py). "
        "Bảng mã lỗi có trong README.md."
    )


def _expand_library_nav(nav: list, section: list) -> list:
    """Replace the nav entry that points at the library index with a section listing every group page."""
    expanded = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if value == LIBRARY_INDEX:
                item = {title: section}
            elif isinstance(value, list):
                item = {title: _expand_library_nav(value, section)}
        expanded.append(item)
    return expanded
