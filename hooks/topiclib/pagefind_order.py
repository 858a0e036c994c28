"""Put a Pagefind bundle's filter files in a fixed order, so that two builds of the same pages give the same bytes.

Pagefind 1.5 writes each filter's values (and the list of filters in its meta file) in the order of a Rust hash
map, which changes from run to run (Pagefind issue #638: "other files will still change, such as the filter/metadata
indexes"); the file names are hashes of the contents, so every build renamed them. This sorts the values and the
filters, names each rewritten file by a hash of its bytes and points the meta file and pagefind-entry.json at the
new names. The files are gzip around Pagefind's signature and CBOR of unsigned integers, text and arrays; a file
of another shape (a Pagefind upgrade) raises ValueError, so that the build stops rather than ship it half sorted.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

_SIGNATURE = b"pagefind_dcd"
_FILTER_HASH = 7  # hex digits Pagefind uses in a filter file's name ("vi_1c7aa45"), and in a meta file's
_META_HASH = 10
_ENTRY = "pagefind-entry.json"

CborValue = int | str | list["CborValue"]


def sort_filters(bundle: Path) -> None:
    """Rewrite the filter files of every language of `bundle` (a Pagefind output folder) in sorted order."""
    entry = bundle / _ENTRY
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
    value, end = _decode(data, len(_SIGNATURE))
    if end != len(data):
        raise ValueError(f"{path.name}: bytes after the value")
    return value


def _write(value: CborValue) -> bytes:
    return gzip.compress(_SIGNATURE + _encode(value), compresslevel=9, mtime=0)


def _decode(data: bytes, at: int) -> tuple[CborValue, int]:
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        length = info
    elif info <= 27:
        size = 1 << (info - 24)
        length = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise ValueError(f"CBOR item {data[at - 1]:#x} is not one Pagefind writes")
    if major == 0:
        return length, at
    if major == 3:
        return data[at : at + length].decode("utf-8"), at + length
    if major == 4:
        items = []
        for _ in range(length):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"CBOR major type {major} is not one Pagefind writes here")


def _encode(value: CborValue) -> bytes:
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    return _head(4, len(value)) + b"".join(_encode(item) for item in value)


def _head(major: int, length: int) -> bytes:
    if length < 24:
        return bytes([major << 5 | length])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([major << 5 | info]) + length.to_bytes(size, "big")
    raise ValueError("integer too large for CBOR")
