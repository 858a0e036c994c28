"""Write the offline copy of the site: a zip that opens from file:// once unzipped anywhere.

Builds the site without directory URLs (every link goes to a file: index.html, *.html) through a temporary
configuration that inherits mkdocs.yml, adds the offline search index (hooks/topiclib/offline.py) and zips the
site, leaving out what cannot run or is not needed from file:// (Pagefind, 404.html, the sitemaps). Entries
sorted and dated the day of the library: the same tree gives the same bytes. With --print-packs the copy also
carries the print packs (scripts/print_packs.py), and its group pages and forms page link to them.

Usage: python scripts/offline_copy.py [--output FILE] [--site DIR] [--date YYYY-MM-DD] [--root DIR] [--print-packs]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from topiclib.data import load_catalog  # noqa: E402
from topiclib.library import load_library  # noqa: E402
from topiclib.offline import copy_files, index_scripts, offline_notice, write_zip  # noqa: E402
from topiclib.provenance import library_date  # noqa: E402

OUTPUT_NAME = "thu-vien-chuyen-de.zip"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="offline_copy.py", description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this repository)")
    parser.add_argument("--output", type=Path, help=f"the zip to write (default: {OUTPUT_NAME} in the project folder)")
    parser.add_argument(
        "--site", type=Path, help="build the copy into this folder and keep it (default: a temporary one)"
    )
    parser.add_argument("--date", help="the day of the library, YYYY-MM-DD (default: the last commit's date)")
    parser.add_argument(
        "--print-packs", action="store_true", help="print the print packs (PDF) into the copy; needs Chromium"
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    output = (args.output or root / OUTPUT_NAME).resolve()
    strings = load_catalog()[0].strings
    started = time.perf_counter()
    date = args.date or library_date(root, datetime.date.today().isoformat())
    with tempfile.TemporaryDirectory(prefix="tvcd-offline-") as folder:
        site = (args.site or Path(folder) / "site").resolve()
        failure = build(root, site, offline_notice(strings, date), args.print_packs)
        if not failure and args.print_packs:
            failure = print_packs(root, site, date)
        if failure:
            print(failure, file=sys.stderr)
            return 1
        result = load_library(root)
        if result.library is None:
            print("\n".join(p.format() for p in result.problems if p.is_error), file=sys.stderr)
            return 1
        for uri, script in index_scripts(site, result.library, site_description(root)).items():
            (site / uri).parent.mkdir(parents=True, exist_ok=True)
            (site / uri).write_text(script, encoding="utf-8")
        files = copy_files(site)
        output.parent.mkdir(parents=True, exist_ok=True)
        write_zip(files, output, date)
    done = strings["offline_copy_done"].format(
        path=output,
        files=len(files),
        size=round(output.stat().st_size / 1000),
        seconds=f"{time.perf_counter() - started:.1f}",
    )
    print(done)
    return 0


def build(root: Path, site: Path, notice: str, with_print_packs: bool = False) -> str:
    """Build the site into `site` for file://; return MkDocs' report if the build failed, else ""."""
    settings = "\n".join(
        [
            "INHERIT: mkdocs.yml",
            "use_directory_urls: false",
            "extra:",
            f"  offline_copy: {json.dumps(notice, ensure_ascii=False)}",
            f"  print_packs: {json.dumps(with_print_packs)}",
            "",
        ]
    )
    # Beside mkdocs.yml: MkDocs reads the paths of a configuration from its folder.
    with tempfile.NamedTemporaryFile("w", dir=root, prefix=".offline-copy-", suffix=".yml", encoding="utf-8") as config:
        config.write(settings)
        config.flush()
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--quiet",
            "-f",
            config.name,
            "--site-dir",
            str(site),
        ]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        completed = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, check=False)
    return "" if completed.returncode == 0 else (completed.stderr + completed.stdout).strip()


def print_packs(root: Path, site: Path, date: str) -> str:
    """Print the packs into the built copy; return the printer's report if it failed, else ""."""
    command = [sys.executable, str(ROOT / "scripts" / "print_packs.py"), "--site", str(site), "--root", str(root)]
    completed = subprocess.run([*command, "--date", date], capture_output=True, text=True, check=False)
    return "" if completed.returncode == 0 else (completed.stderr + completed.stdout).strip()


def site_description(root: Path) -> str:
    """The site's description (mkdocs.yml), which Material gives pages that have none of their own."""
    from mkdocs.config import load_config

    return load_config(str(root / "mkdocs.yml")).site_description or ""


if __name__ == "__main__":
    sys.exit(main())
