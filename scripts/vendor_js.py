"""Fetch the JavaScript libraries the site ships from the npm registry, at the versions pinned in vendored.json.

    python scripts/vendor_js.py            # (re)write the files and check them against the pinned checksums
    python scripts/vendor_js.py --check    # only check the files in the tree (what the tests do)

The package comes through `npm pack`, whose tarball npm checks against the registry's integrity hash; this script
checks that hash again and the checksum of each file it copies. To upgrade, change the version, run it once with
--update to record the new checksums, and review the library's changelog.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "scripts" / "vendored.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check the files already in the tree")
    parser.add_argument("--update", action="store_true", help="record the checksums of what was fetched")
    args = parser.parse_args()
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    problems = check(manifest) if args.check else fetch(manifest, args.update)
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


def check(manifest: dict) -> list[str]:
    """Files whose bytes differ from the pinned checksum."""
    problems = []
    for name, package in _packages(manifest):
        for entry in package["files"].values():
            path = ROOT / entry["to"]
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "(missing)"
            if digest != entry["sha256"]:
                pin = f"{entry['sha256']} ({name}@{package['version']})"
                problems.append(f"{entry['to']}: sha256 {digest}, pinned {pin}")
    return problems


def fetch(manifest: dict, update: bool) -> list[str]:
    problems = []
    for name, package in _packages(manifest):
        with tempfile.TemporaryDirectory() as folder:
            spec = f"{name}@{package['version']}"
            result = subprocess.run(["npm", "pack", spec, "--silent"], cwd=folder, capture_output=True, text=True)
            if result.returncode != 0:
                return [f"npm pack {spec}: {result.stderr.strip()}"]
            tarball = Path(folder) / result.stdout.strip().splitlines()[-1]
            integrity = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
            if integrity != package["npm_integrity"]:
                problems.append(f"{spec}: tarball integrity {integrity}, pinned {package['npm_integrity']}")
                continue
            with tarfile.open(tarball) as archive:
                for member, entry in package["files"].items():
                    data = archive.extractfile(member).read()
                    digest = hashlib.sha256(data).hexdigest()
                    if update:
                        entry["sha256"] = digest
                    elif digest != entry["sha256"]:
                        problems.append(f"{spec} {member}: sha256 {digest}, pinned {entry['sha256']}")
                        continue
                    (ROOT / entry["to"]).write_bytes(data)
    if update and not problems:
        MANIFEST.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return problems


def _packages(manifest: dict) -> list[tuple[str, dict]]:
    return [(name, package) for name, package in manifest.items() if name != "_"]


if __name__ == "__main__":
    sys.exit(main())
