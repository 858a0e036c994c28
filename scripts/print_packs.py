"""Print the print packs into a built site: one PDF per topic group and one of every session script and form.

Usage: python scripts/print_packs.py --site site [--root DIR] [--date YYYY-MM-DD] [--chromium PATH] [--json]

Build the site first with the packs' links on its pages: TVCD_PRINT_PACKS=true mkdocs build --site-dir site.
Each PDF is A4, printed by headless Chromium from the site's own stylesheets, with its contents on the first page
(page numbers read back from a first print), page numbers on every page and each document on a new page. The
page may fetch nothing but the site's files: any other request is refused.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import tempfile
import time
from pathlib import Path

from chromium import CHROMIUM, CHROMIUM_ARGS
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from topiclib.library import Library, load_library  # noqa: E402
from topiclib.pdf_print import PrintError, dated, print_numbered  # noqa: E402
from topiclib.print_packs import STYLESHEETS, footer_html, pack_html, print_packs  # noqa: E402
from topiclib.provenance import library_date  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="print_packs.py", description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="the built site the PDFs go into")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this repository)")
    parser.add_argument(
        "--date",
        type=datetime.date.fromisoformat,
        help="the date printed on the packs and in their metadata (default: the last commit's date)",
    )
    parser.add_argument("--chromium", default=CHROMIUM, help=f"the Chromium to print with (default {CHROMIUM})")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    missing = [uri for uri in STYLESHEETS if not (site / uri).is_file()]
    if missing:
        print(
            f"Không thấy trang đã dựng ở {site} (thiếu {', '.join(missing)}). Dựng trang trước: "
            "TVCD_PRINT_PACKS=true mkdocs build --site-dir <thư mục>.",
            file=sys.stderr,
        )
        return 1
    if not Path(args.chromium).is_file():
        print(
            f"Không thấy Chromium ở {args.chromium}: cài gói chromium của Debian (apt-get install chromium).",
            file=sys.stderr,
        )
        return 1
    result = load_library(args.root)
    if not result.ok or result.library is None:
        print("\n".join(p.format() for p in result.problems if p.is_error), file=sys.stderr)
        return 1
    # The library's day (its last commit's), as the offline copy is dated: the same commit prints the same bytes.
    day = args.date or datetime.date.fromisoformat(library_date(args.root, datetime.date.today().isoformat()))
    try:
        report = write_packs(result.library, site, day, args.chromium)
    except (PrintError, PlaywrightError) as error:
        print(f"Không in được bản in: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for pack in report["packs"]:
            print(
                f"{pack['uri']}: {pack['documents']} tài liệu, {pack['pages']} trang, "
                f"{pack['bytes'] / 1e6:.2f} MB, {pack['seconds']} s"
            )
        print(f"Tổng thời gian: {report['seconds']} s")
    return 0


def write_packs(library: Library, site: Path, day: datetime.date, chromium: str) -> dict[str, object]:
    """Print every pack into `site`, dated `day`; return the figures: per pack its documents, pages, bytes and
    seconds."""
    catalog = library.catalog
    printed_on = day.strftime("%d/%m/%Y")
    stylesheets = [(site / uri).as_uri() for uri in STYLESHEETS]
    started = time.perf_counter()
    figures = []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="tvcd-ban-in-") as work:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        for pack in print_packs(library):
            pack_started = time.perf_counter()
            try:
                printed = print_numbered(
                    page,
                    lambda pages, pack=pack: pack_html(pack, catalog, stylesheets, printed_on, pages),
                    footer_html(pack, catalog),
                    [document.anchor for document in pack.documents],
                    Path(work),
                )
            except PrintError as error:
                raise PrintError(f"{pack.uri}: {error}") from error
            target = site / pack.uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(dated(printed.data, day))
            figures.append(
                {
                    "uri": pack.uri,
                    "documents": len(pack.documents),
                    "pages": printed.pages,
                    "bytes": len(printed.data),
                    "seconds": round(time.perf_counter() - pack_started, 2),
                }
            )
        browser.close()
    return {"packs": figures, "seconds": round(time.perf_counter() - started, 2)}


if __name__ == "__main__":
    sys.exit(main())
