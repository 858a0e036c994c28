"""JavaScript libraries shipped with the site: pinned, with their licence, and byte for byte what was vetted."""

from __future__ import annotations

import json

import vendor_js
from helpers import ROOT


def test_vendored_files_match_their_pinned_checksums():
    """Every vendored file has the sha256 recorded when it was taken from the npm registry."""
    assert vendor_js.check(json.loads(vendor_js.MANIFEST.read_text(encoding="utf-8"))) == []


def test_every_vendored_library_ships_its_licence_and_an_exact_version():
    """A licence file travels with each library, and its version is exact (no ranges)."""
    manifest = json.loads(vendor_js.MANIFEST.read_text(encoding="utf-8"))
    for name, package in manifest.items():
        if name == "_":
            continue
        assert package["version"].replace(".", "").isdigit(), name
        targets = [entry["to"] for entry in package["files"].values()]
        assert any("LICENSE" in target for target in targets), name
        assert all((ROOT / target).is_file() for target in targets), name
