"""Put a Pagefind bundle's filter files in a fixed order, so that two builds of the same pages give the same bytes.

Pagefind 1.5 writes each filter's values (and the list of filters in its meta file) in the order of a Rust hash
map, which changes from run to run (Pagefind issue #638: "other files will still change, such as the filter/metadata
indexes"); the file names are hashes of the contents, so every build renamed them. This sorts the values and the
filters, names each rewritten file by a hash of its bytes and points the meta file and pagefind-entry.json at the
new names. The files are gzip around Pagefind's signature and CBOR (read and written with cbor2); a file of
another shape (a Pagefind upgrade) raises ValueError, so that the build stops rather than ship it half sorted.
"""

from __future__ import annotations

import gzip
import hashlib
import io
from pathlib import Path

import cbor2

_SIGNATURE = b"pagefind_dcd"
_FILTER_HASH = 7  # hex digits Pagefind uses in a filter file's name ("vi_1c7aa45"), and in a meta file's
_META_HASH = 10
ENTRY = "pagefind-entry.json"

CborValue = int | str | list["CborValue"]


def sort_filters(bundle: Path) -> None:
    """Rewrite the filter files of every language of `bundle` (a Pagefind output folder) in sorted order."""
    entry = bundle / ENTRY
    text = entry.read_text(encoding="utf-8")
    for meta_path in sorted(bundle.glob("pagefind.*.pf_meta")):
        meta = _read(meta_path)
        if not (isinstance(meta, list) and len(meta) > 3 and isinstance(meta[3], list)):
            raise ValueError(f"{meta_path.name}: no list of filters where Pagefind 1.5 writes it")
        language = meta_path.name.removeprefix("pagefind.").split("_", 1)[0]
        filters = []
        for name, old_hash in meta[3]:
            path = bundle / "filter" / f"{old_hash}.pf_filter"
            content = _read(path)
            if not (isinstance(content, list) and len(content) == 2 and isinstance(content[1], list)):
                raise ValueError(f"{path.name}: not a filter name and its values")
            data = _write([content[0], sorted(content[1], key=lambda value: value[0])])
            new_hash = f"{language}_{hashlib.sha256(data).hexdigest()[:_FILTER_HASH]}"
            path.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(data)
            filters.append([name, new_hash])
        meta[3] = sorted(filters)
        data = _write(meta)
        old_name = meta_path.name.removeprefix("pagefind.").removesuffix(".pf_meta")
        new_name = f"{language}_{hashlib.sha256(data).hexdigest()[:_META_HASH]}"
        meta_path.unlink()
        (bundle / f"pagefind.{new_name}.pf_meta").write_bytes(data)
        text = text.replace(f'"{old_name}"', f'"{new_name}"')
    entry.write_text(text, encoding="utf-8")


def _read(path: Path) -> CborValue:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind file")
    stream = io.BytesIO(data[len(_SIGNATURE) :])
    try:
        value = cbor2.CBORDecoder(stream).decode()
    except cbor2.CBORDecodeError as error:
        raise ValueError(f"{path.name}: {error}") from error
    if stream.tell() != len(data) - len(_SIGNATURE):
        raise ValueError(f"{path.name}: bytes after the value")
    return value


def _write(value: CborValue) -> bytes:
    """As Pagefind writes it: its signature and the value in CBOR (definite lengths, shortest integers), gzipped
    without a timestamp."""
    return gzip.compress(_SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)
