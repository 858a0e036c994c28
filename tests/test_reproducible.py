"""Reproducible builds (issue 15): the same sources built in two folders of different names, as if on different
days (SOURCE_DATE_EPOCH) and with different hash seeds, give the same site byte for byte: pages, search bundles,
Word files and zips included."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from helpers import ROOT

# Two builds that must not differ: another folder, another day, another order of Python's sets and dicts.
BUILDS = {
    "ban-dung-thu-nhat": {"PYTHONHASHSEED": "1"},
    "b2": {"PYTHONHASHSEED": "2", "SOURCE_DATE_EPOCH": "1893456000", "TZ": "Asia/Ho_Chi_Minh"},
}


def test_two_builds_of_the_same_sources_are_byte_identical(tmp_path: Path) -> None:
    """Every file of the two sites has the same name and the same bytes."""
    processes = []
    for name, variables in BUILDS.items():
        source = _snapshot(tmp_path / name / "nguon")
        env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
        env.update({"NO_MKDOCS_2_WARNING": "1", **variables})
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / name / "site")]
        processes.append(
            subprocess.Popen(command, cwd=source, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        )
    for process in processes:
        output, _ = process.communicate(timeout=300)
        assert process.returncode == 0, output
    first, second = (_files(tmp_path / name / "site") for name in BUILDS)
    assert sorted(first) == sorted(second), "only in one build: " + ", ".join(sorted(set(first) ^ set(second)))
    differing = [name for name in sorted(first) if first[name] != second[name]]
    assert not differing, f"{len(differing)} files differ: {', '.join(differing[:20])}\n" + _difference(
        differing[0], first[differing[0]], second[differing[0]]
    )


def _snapshot(target: Path) -> Path:
    """The working tree's files as git sees them (tracked and new, not ignored) in `target`, with the repository's
    history (a shared clone, so the pages' last-commit dates are read the same way)."""
    subprocess.run(
        ["git", "clone", "--quiet", "--shared", "--no-checkout", str(ROOT), str(target)], check=True, timeout=60
    )
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / name)
    return target


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def _difference(name: str, first: bytes, second: bytes) -> str:
    """Where two versions of a file first differ: the zip member and its timestamp for a zip, else the bytes."""
    if first[:4] == second[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(first)) as one, zipfile.ZipFile(io.BytesIO(second)) as other:
            if one.namelist() != other.namelist():
                return f"{name}: members {one.namelist()} / {other.namelist()}"
            for a, b in zip(one.infolist(), other.infolist(), strict=True):
                if (a.date_time, a.external_attr, a.compress_type) != (b.date_time, b.external_attr, b.compress_type):
                    return f"{name} › {a.filename}: {a.date_time} / {b.date_time}"
                if one.read(a) != other.read(b):
                    return f"{name} › {a.filename}:\n" + _difference(a.filename, one.read(a), other.read(b))
    at = next((i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b), min(len(first), len(second)))
    start = max(0, at - 80)
    return f"{name}: first difference at byte {at}\n  {first[start : at + 80]!r}\n  {second[start : at + 80]!r}"
