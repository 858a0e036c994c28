"""Write a Pagefind bundle of search records into the built site (Pagefind's Python API, no CLI run)."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pagefind.index import PagefindIndex

from .pagefind_order import sort_filters
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
_ENGINE = ("pagefind.js", "pagefind-worker.js")
# How many word postings an index chunk holds before Pagefind starts the next one. A search fetches the chunks
# its words fall in; Pagefind's default made two chunks of the whole short index at 1000 topics (52 KB, all
# fetched by every search), 500 makes about 25 and a search fetches 15 KB. Pagefind reads it from the
# environment of its process only ("unstable" in its name: a Pagefind upgrade must be measured again).
CHUNK_SIZE = 500
_CHUNK_SIZE_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"
# An engine that is already running answers a second bundle's request for its WebAssembly with the one it has
# (wasm-bindgen's init returns early), so a bundle searched through the short index's engine (search.js,
# createInstance) carries this stub instead of another 68 KB copy: Pagefind's "uncompressed" signature and
# nothing after it.
WASM_STUB = b"pagefind_dcd"
_LAUNCH = threading.Lock()


class SearchIndexError(Exception):
    """Pagefind could not build the index."""


@dataclass(frozen=True)
class IndexJob:
    """A bundle to write: where, the function that makes its records, and write_search_index's options."""

    output_dir: Path
    records: Callable[[], Iterable[SearchRecord]]
    exclude_selectors: tuple[str, ...] = ()
    engine: bool = True


def write_search_indexes(jobs: Iterable[IndexJob]) -> list[int]:
    """Make the records of every job and write its bundle, all at once; return the page counts in order.

    Each bundle is a Pagefind process of its own, mostly waited for: the full-text bundle's records are read
    from the built site while the short index is written (1 s less of the build at 1000 topics).
    """
    jobs = list(jobs)
    with ThreadPoolExecutor(max_workers=len(jobs) or 1) as pool:
        futures = [
            pool.submit(
                lambda job=job: write_search_index(
                    job.records(), job.output_dir, exclude_selectors=job.exclude_selectors, engine=job.engine
                )
            )
            for job in jobs
        ]
        return [future.result() for future in futures]


def write_search_index(
    records: Iterable[SearchRecord],
    output_dir: Path,
    *,
    exclude_selectors: Iterable[str] = (),
    engine: bool = True,
) -> int:
    """Index the records into `output_dir` (replacing what was there); return how many pages were indexed.

    `exclude_selectors`: parts of the records Pagefind leaves out. `engine=False` writes a bundle without
    Pagefind's JavaScript and with WASM_STUB for its WebAssembly, to be searched by another bundle's engine.
    """
    if output_dir.exists():
        shutil.rmtree(output_dir)
    config: dict[str, object] = {"force_language": LANGUAGE, "output_path": str(output_dir)}
    if exclude_selectors:
        config["exclude_selectors"] = list(exclude_selectors)
    try:
        # In a thread of its own: the caller may be running an event loop already (a browser driver, a server).
        with ThreadPoolExecutor(max_workers=1) as pool:
            count = pool.submit(asyncio.run, _write(list(records), config)).result()
        sort_filters(output_dir)  # Pagefind's own order changes from run to run: two builds would differ
    except Exception as error:  # the service reports failures as plain exceptions
        raise SearchIndexError(str(error) or type(error).__name__) from error
    for name in (*_UNUSED, *(() if engine else _ENGINE)):
        (output_dir / name).unlink(missing_ok=True)
    if not engine:
        for wasm in output_dir.glob("wasm.*.pagefind"):
            wasm.write_bytes(WASM_STUB)
    return count


async def _write(records: list[SearchRecord], config: dict[str, object]) -> int:
    # The records go through a temporary folder read in one request: Pagefind's Python service answers
    # each request after a 0.1 s poll, which made one request per page take 100 s for 1000 topics.
    with tempfile.TemporaryDirectory(prefix="tvcd-search-") as folder:
        for record in records:
            path = Path(folder) / (
                record.url + "index.html" if record.url.endswith("/") or not record.url else record.url
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(record.html, encoding="utf-8")
        with _LAUNCH:  # the variable is read once, when the service process starts
            previous = os.environ.get(_CHUNK_SIZE_VARIABLE)
            os.environ[_CHUNK_SIZE_VARIABLE] = str(CHUNK_SIZE)
            try:
                index = await PagefindIndex(config=config).__aenter__()  # type: ignore[arg-type]
            finally:
                if previous is None:
                    os.environ.pop(_CHUNK_SIZE_VARIABLE, None)
                else:
                    os.environ[_CHUNK_SIZE_VARIABLE] = previous
        try:
            indexed = await index.add_directory(folder)
        except BaseException as error:
            await index.__aexit__(type(error), error, error.__traceback__)
            raise
        await index.__aexit__(None, None, None)  # writes the bundle
    return int(indexed["page_count"])
