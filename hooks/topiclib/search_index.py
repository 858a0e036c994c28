"""Write a Pagefind bundle of search records into the built site, with Pagefind's own command (`pagefind_bin`).

The command, not Pagefind's service (its Python API): the service is stopped with a signal as soon as it has
answered "files written", while its last writes may still be under way (Pagefind 1.5 hands each file to a
background writer and answers without waiting), so a loaded machine could ship an empty pagefind-entry.json or a
cut index chunk. The command exits only when every file is on disk.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pagefind_bin

from .pagefind_order import ENTRY, sort_filters
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
_STAND_IN = '<html lang="vi"><body><p>trống</p></body></html>'


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
    output_dir = output_dir.resolve()
    if output_dir.exists():
        shutil.rmtree(output_dir)
    # The records go through a temporary folder that Pagefind reads in one run, its working directory too (a
    # pagefind.yml of the project would otherwise be read as its configuration).
    with tempfile.TemporaryDirectory(prefix="tvcd-search-") as folder:
        written = 0
        for record in records:
            path = Path(folder) / (
                record.url + "index.html" if record.url.endswith("/") or not record.url else record.url
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(record.html, encoding="utf-8")
            written += 1
        if not written:  # Pagefind's command refuses a folder without pages: it indexes a stand-in, dropped below
            (Path(folder) / "index.html").write_text(_STAND_IN, encoding="utf-8")
        _run_pagefind(Path(folder), output_dir, tuple(exclude_selectors))
    try:
        if not written:
            _drop_pages(output_dir)
        _check_whole(output_dir)
        count = _page_count(output_dir) if written else 0
        sort_filters(output_dir)  # Pagefind's own order changes from run to run: two builds would differ
    except (OSError, ValueError) as error:
        raise SearchIndexError(f"{output_dir.name}: {error}") from error
    for name in (*_UNUSED, *(() if engine else _ENGINE)):
        (output_dir / name).unlink(missing_ok=True)
    if not engine:
        for wasm in output_dir.glob("wasm.*.pagefind"):
            wasm.write_bytes(WASM_STUB)
    return count


def _run_pagefind(site: Path, output_dir: Path, exclude_selectors: tuple[str, ...]) -> None:
    command = [str(pagefind_bin.get_executable()), "--site", str(site), "--output-path", str(output_dir)]
    command += ["--force-language", LANGUAGE, "--quiet"]
    for selector in exclude_selectors:
        command += ["--exclude-selectors", selector]
    environment = {**os.environ, _CHUNK_SIZE_VARIABLE: str(CHUNK_SIZE)}
    try:
        result = subprocess.run(command, cwd=site, env=environment, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(str(error)) from error
    if result.returncode != 0 or not (output_dir / ENTRY).is_file():
        raise SearchIndexError((result.stdout + result.stderr).strip() or f"pagefind exited with {result.returncode}")


def _check_whole(bundle: Path) -> None:
    """Pagefind writes no empty file: an empty one is a write that did not land (its service lost pagefind.js so)."""
    empty = sorted(
        path.relative_to(bundle).as_posix() for path in bundle.rglob("*") if path.is_file() and not path.stat().st_size
    )
    if empty:
        raise ValueError(f"Pagefind left {len(empty)} empty files: {', '.join(empty[:5])}")


def _drop_pages(bundle: Path) -> None:
    """Make the stand-in's bundle one of no pages: its engine files and an entry file with no language."""
    for folder in ("fragment", "index", "filter"):
        shutil.rmtree(bundle / folder, ignore_errors=True)
    for path in (*bundle.glob("pagefind.*.pf_meta"), *bundle.glob(f"wasm.{LANGUAGE}.pagefind")):
        path.unlink()
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    entry["languages"] = {}
    (bundle / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _page_count(bundle: Path) -> int:
    """The pages of the bundle, as its entry file counts them (one language: LANGUAGE)."""
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    try:
        return int(entry["languages"][LANGUAGE]["page_count"])
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{ENTRY}: no page count for {LANGUAGE!r}") from error
