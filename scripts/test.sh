#!/usr/bin/env bash
# Set up everything the tests need on a fresh Debian machine (Python packages, Debian's chromium),
# then run every check: lint, the generated README table and contributor docs, the topic library, and the whole
# pytest suite.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian's chromium for the browser tests, fonts with Vietnamese glyphs for what it renders and prints
# (Liberation Serif stands in for Times New Roman in the Party-format pages), and LibreOffice Writer, which opens
# the Word files as an office suite does (tests/test_office.py); LinkChecker crawls the built site for broken links
# and anchors (tests/test_links.py).
debs=(chromium fonts-liberation fonts-dejavu-core libreoffice-writer-nogui linkchecker)
missing=()
for deb in "${debs[@]}"; do dpkg -s "$deb" >/dev/null 2>&1 || missing+=("$deb"); done
if [ "${#missing[@]}" -gt 0 ]; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}"
fi
bash scripts/setup.sh

export NO_MKDOCS_2_WARNING=1
.venv/bin/ruff check hooks scripts tests
.venv/bin/ruff format --check hooks scripts tests
.venv/bin/python scripts/problem_table.py --check
.venv/bin/python scripts/contributor_docs.py --check
.venv/bin/python scripts/check_topics.py
# Two workers (pytest-xdist), a test file to each at a time: module fixtures (a site built once for a file's tests)
# stay built once; on 2 cores the suite takes about 3.5 minutes instead of 4.5. Pass -n 0 to run in one process.
.venv/bin/python -m pytest -n 2 --dist loadfile "$@"
