"""Word downloads and Party-format forms: A4, Times New Roman, the HD 36 header block, the agenda, Vietnamese."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from helpers import ROOT
from topiclib.data import load_catalog
from topiclib.library import load_library
from topiclib.party_document import print_format_css


def _session_docx(site: Path) -> list[Path]:
    return sorted(site.glob("chuyen-de/*/kich-ban-*.docx"))


def _form_docx(site: Path) -> list[Path]:
    return sorted(site.glob("bieu-mau/*.docx"))


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_every_session_and_form_has_a_word_file(built_site: Path):
    """One .docx per session script in topics/ and per form in forms.yml."""
    sessions = sorted(p.stem for p in (ROOT / "topics").glob("*/kich-ban-*.md"))
    assert sorted(p.stem for p in _session_docx(built_site)) == sessions
    catalog, _ = load_catalog()
    assert sorted(p.stem for p in _form_docx(built_site)) == sorted(form["id"] for form in catalog.forms)


@pytest.mark.parametrize("kind", ["sessions", "forms"])
def test_word_files_are_a4_times_new_roman_with_the_header_block(built_site: Path, kind: str):
    """A4 with the configured margins, Times New Roman 14 pt, a borderless header table naming the Party and cell."""
    catalog, _ = load_catalog()
    margins = catalog.print_format["margins_mm"]
    paths = _session_docx(built_site) if kind == "sessions" else _form_docx(built_site)
    assert paths
    for path in paths:
        document = Document(str(path))
        section = document.sections[0]
        assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1), path
        assert abs(section.left_margin - Mm(margins["left"])) < Mm(1), path
        normal = document.styles["Normal"]
        assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14, path
        header = document.tables[0]
        left, right = (cell.text for cell in header.rows[0].cells)
        assert "CHI BỘ …" in left and "ĐẢNG CỘNG SẢN VIỆT NAM" in right, path
        borders = header._tbl.tblPr.find(qn("w:tblBorders"))
        assert borders is not None and {b.get(qn("w:val")) for b in borders} == {"nil"}, path
        text = _all_text(document)
        assert "…" in text, "fill-in blanks are kept"
        assert unicodedata.is_normalized("NFC", text) and "chuyên đề" in text, path


def test_session_word_file_has_the_agenda_table(built_site: Path):
    """The agenda is a table: a header row, one row per step with clock times, and the total."""
    library = load_library(ROOT).library
    for path in _session_docx(built_site):
        topic = library.by_slug[path.stem]
        document = Document(str(path))
        agenda = next(t for t in document.tables if t.rows[0].cells[0].text == "Thời gian")
        assert len(agenda.rows) == len(topic.agenda) + 2, path
        assert agenda.rows[1].cells[0].text.startswith(topic.start_time or "08:00"), path
        assert agenda.rows[-1].cells[3].text == str(topic.duration_minutes), path
        assert "CHƯƠNG TRÌNH" in _all_text(document)


def test_pages_link_their_word_files(built_site: Path):
    """Each session page and each form page links its .docx, and the link resolves."""
    for path in _session_docx(built_site):
        page = (path.parent / path.stem / "index.html").read_text(encoding="utf-8")
        assert f'href="../{path.name}" download' in page, path
    for path in _form_docx(built_site):
        page = (path.parent / path.stem / "index.html").read_text(encoding="utf-8")
        assert f'href="../{path.name}" download' in page, path
    index = (built_site / "bieu-mau" / "index.html").read_text(encoding="utf-8")
    assert index.count(".docx") >= 5


def test_margins_are_one_setting():
    """The page CSS takes its margins and sizes from print_format.yml, like the Word files."""
    catalog, _ = load_catalog()
    fmt = {**catalog.print_format, "margins_mm": {"top": 11, "bottom": 12, "left": 33, "right": 14}}
    css = print_format_css(fmt)
    assert "margin: 11mm 14mm 12mm 33mm" in css
    assert '"Times New Roman"' in css


def test_word_file_escapes_nothing_and_survives_hostile_text(tmp_path):
    """Markup-looking text in a form goes into the Word file as plain text."""
    from dataclasses import replace

    from topiclib.docx_export import to_docx
    from topiclib.party_document import form_document

    catalog, _ = load_catalog()
    form = {**catalog.forms[0], "summary": "<script>alert(1)</script> & “trích”"}
    data = to_docx(form_document(form, replace(catalog)), "thử")
    document = Document(io.BytesIO(data))
    assert "<script>alert(1)</script> & “trích”" in _all_text(document)
