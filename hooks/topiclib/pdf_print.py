"""A page printed to PDF by headless Chromium (a Playwright page), its contents numbered: printed once, the page
each document starts on read back with pypdf (the targets of the contents' links), then printed with the numbers."""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf import PdfReader

if TYPE_CHECKING:
    from playwright.sync_api import Page

# Printing with the numbers leaves every document where it was (a number has a cell of its own); one more pass
# is allowed should it not.
MAX_PASSES = 3
# Chromium (Skia) dates a PDF when it prints it: D:YYYYMMDDHHmmSS+HH'mm', always 23 characters.
_PRINT_DATE = re.compile(rb"\((D:\d{14}[+-]\d{2}'\d{2}')\)")


class PrintError(Exception):
    """The PDF could not be numbered: a document's start was not found, or kept moving."""


@dataclass(frozen=True)
class PrintedPdf:
    data: bytes
    pages: int
    starts: dict[str, int]  # the anchor of each document → the page (from 1) it starts on


def print_numbered(
    page: Page, render: Callable[[dict[str, int] | None], str], footer: str, anchors: list[str], work_dir: Path
) -> PrintedPdf:
    """Print `render(None)`, find where each of `anchors` starts, print `render(starts)` until nothing moves."""
    starts: dict[str, int] | None = None
    for _ in range(MAX_PASSES):
        data = print_pdf(page, render(starts), footer, work_dir)
        found = destination_pages(data)
        missing = [anchor for anchor in anchors if anchor not in found]
        if missing:
            raise PrintError(f"không tìm thấy trang bắt đầu của {', '.join(missing)}")
        found = {anchor: found[anchor] for anchor in anchors}
        if found == starts:
            return PrintedPdf(data, len(PdfReader(io.BytesIO(data)).pages), found)
        starts = found
    raise PrintError(f"số trang trong mục lục chưa ổn định sau {MAX_PASSES} lần in")


def print_pdf(page: Page, html: str, footer: str, work_dir: Path) -> bytes:
    """The PDF of `html` (written to a file in `work_dir`, so that its stylesheets load from file://): A4 from
    the page's CSS, `footer` at the foot of every page. Not tagged: a tagged PDF was 2.3 times the bytes (0.89 MB
    against 0.38 MB for the largest group of the library) for readers who have every document as a web page."""
    path = work_dir / "ban-in.html"
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri(), wait_until="load")
    return page.pdf(
        prefer_css_page_size=True,
        display_header_footer=True,
        header_template="<span></span>",  # no header: Chromium's own prints the date and the title
        footer_template=footer,
    )


def destination_pages(data: bytes) -> dict[str, int]:
    """Named destinations of a PDF (Chromium writes one for each link target) → page number, from 1."""
    reader = PdfReader(io.BytesIO(data))
    return {
        str(name).lstrip("/"): reader.get_destination_page_number(destination) + 1
        for name, destination in reader.named_destinations.items()
    }


def dated(data: bytes, day: datetime.date) -> bytes:
    """The PDF with its creation and modification dates set to `day` at midnight UTC, so that the same pack
    printed again gives the same bytes (the dates are the only thing that changes). The new date has the length
    of the old one, so the offsets of the file's cross-reference table stay right."""
    return _PRINT_DATE.sub(f"(D:{day:%Y%m%d}000000+00'00')".encode("ascii"), data)
