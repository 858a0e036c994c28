"""Write the Pagefind index of the search records into the built site (Pagefind's Python API, no CLI run)."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import PagefindIndex

from .search import SearchRecord

LANGUAGE = "vi"
# Pagefind also writes its ready-made interfaces; the site has its own (search.js) and ships only the engine.
_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(Exception):
    """Pagefind could not build the index."""


def write_search_index(records: Iterable[SearchRecord], output_dir: Path) -> int:
    """Index the records into `output_dir` (replacing what was there); return how many pages were indexed."""
    if output_dir.exists():
        shutil.rmtree(output_dir)
    try:
        # In a thread of its own: the caller may be running an event loop already (a browser driver, a server).
        with ThreadPoolExecutor(max_workers=1) as pool:
            count = pool.submit(asyncio.run, _write(list(records), output_dir)).result()
    except Exception as error:  # the service reports failures as plain exceptions
        raise SearchIndexError(str(error) or type(error).__name__) from error
    for name in _UNUSED:
        (output_dir / name).unlink(missing_ok=True)
    return count


async def _write(records: list[SearchRecord], output_dir: Path) -> int:
    # The records go through a temporary folder read in one request: Pagefind's Python service answers
    # each request after a 0.1 s poll, which made one request per page take 100 s for 1000 topics.
    with tempfile.TemporaryDirectory(prefix="tvcd-search-") as folder:
        for record in records:
            path = Path(folder) / (
                record.url + "index.html" if record.url.endswith("/") or not record.url else record.url
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(record.html, encoding="utf-8")
        config = {"force_language": LANGUAGE, "output_path": str(output_dir)}
        async with PagefindIndex(config=config) as index:
            indexed = await index.add_directory(folder)
    return int(indexed["page_count"])
