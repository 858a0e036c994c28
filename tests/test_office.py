"""The Word files in a real office suite: LibreOffice Writer (Debian's libreoffice-writer-nogui) converts each to
PDF, and none runs longer than its printed page: at most two A4 pages for a session script or a form."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import ROOT
from topiclib.library import load_library
from topiclib.papers import draft_document, field_specs, meeting_for, meeting_form, script_document
from topiclib.render.docx import docx_bytes

MAX_PAGES = 2
FILLED = {
    "chi_bo": "thôn Nà Khoang",
    "cap_tren": "Đảng ủy xã Tà Xùa",
    "dia_danh": "Tà Xùa",
    "ngay": "2027-02-20",
    "gio": "19:30",
    "dia_diem": "Nhà văn hóa thôn Nà Khoang",
    "chu_tri": "Lò Văn Minh",
    "trinh_bay": "Sùng Thị Hoa",
    "thu_ky": "Vàng Văn Páo",
    "tong_so": "18",
}


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        pytest.fail("LibreOffice Writer is needed: apt-get install libreoffice-writer-nogui (scripts/test.sh does)")
    return found


def _pages(folder: Path, files: list[Path]) -> dict[str, int]:
    """Convert .docx files to PDF in one LibreOffice run; the page count of each."""
    out = folder / "pdf"
    profile = folder / "profile"
    subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
        ]
        + [str(path) for path in files],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {path.stem: len(PdfReader(str(out / f"{path.stem}.pdf")).pages) for path in files}


def test_site_word_files_fit_their_printed_pages(built_site: Path, tmp_path: Path):
    """Every session script's and form's .docx on the site converts to at most two A4 pages."""
    files = sorted(built_site.glob("chuyen-de/*/*.docx")) + sorted(built_site.glob("bieu-mau/*.docx"))
    assert files
    pages = _pages(tmp_path, files)
    too_long = {name: count for name, count in pages.items() if count > MAX_PAGES}
    assert not too_long, too_long


def test_filled_meeting_papers_fit_their_printed_pages(tmp_path: Path):
    """The five papers of a meeting on each session script, filled in as the page fills them, fit two pages each."""
    library = load_library(ROOT).library
    catalog = library.catalog
    specs = field_specs(catalog)
    files = []
    for topic in (t for t in library.topics if t.kind == "session"):
        meeting = meeting_for(topic, library.by_slug[topic.guide], catalog)
        papers = [script_document(meeting, catalog), draft_document(meeting, catalog)]
        papers += [meeting_form(paper, meeting, catalog) for paper in ("bien-ban", "thong-bao", "bao-cao")]
        for paper in papers:
            path = tmp_path / f"{paper.file}.docx"
            path.write_bytes(docx_bytes(paper, specs, catalog.print_format, FILLED))
            files.append(path)
    pages = _pages(tmp_path, files)
    too_long = {name: count for name, count in pages.items() if count > MAX_PAGES}
    assert not too_long, too_long


def test_a_full_years_plan_fits_two_pages(tmp_path: Path):
    """The KẾ HOẠCH with every quarter holding as many meetings as it can, long titles included, fits two pages."""
    from topiclib.papers import PLAN_MEETING_FIELDS, form_document, plan_field, plan_field_specs
    from topiclib.plan_data import PLAN_FORM

    catalog = load_library(ROOT).library.catalog
    form = next(f for f in catalog.forms if f["id"] == PLAN_FORM)
    config = next(entry["plan_table"] for entry in form["blocks"] if "plan_table" in entry)
    values = {**FILLED, "nam": "2027"}
    for quarter in range(1, 5):
        for meeting in range(1, config["meetings_per_quarter"] + 1):
            row = {"cd": "Nâng cao chất lượng tự phê bình và phê bình trong chi bộ thôn", "nhom": "Xây dựng Đảng"}
            row |= {"nguoi": "Sùng Thị Hoa", "ngay": f"2027-{quarter * 3 - 1:02d}-1{meeting}"}
            row |= {"ghi_chu": "kết hợp sinh hoạt thường kỳ"}
            values |= {plan_field(quarter, meeting, name): row[name] for name in PLAN_MEETING_FIELDS}
    specs = {**field_specs(catalog), **plan_field_specs(config)}
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(docx_bytes(form_document(form, catalog), specs, catalog.print_format, values))
    assert _pages(tmp_path, [path])["ke-hoach"] <= MAX_PAGES
