"""Word downloads and Party-format papers: A4, Times New Roman, the HD 36 header block, the agenda, Vietnamese."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from helpers import ROOT
from topiclib.data import load_catalog
from topiclib.library import load_library
from topiclib.papers import field_specs, form_document
from topiclib.print_css import print_format_css
from topiclib.render.docx import docx_bytes


def _session_docx(site: Path) -> list[Path]:
    return sorted(site.glob("chuyen-de/*/kich-ban-*.docx"))


def _form_docx(site: Path) -> list[Path]:
    return sorted(site.glob("bieu-mau/*.docx"))


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_every_session_and_form_has_a_word_file(built_site: Path):
    """One .docx per session script in topics/ and per form in forms.yml."""
    library = load_library(ROOT).library
    sessions = sorted(t.slug for t in library.topics if t.kind == "session")
    assert sorted(p.stem for p in _session_docx(built_site)) == sessions
    assert sorted(p.stem for p in _form_docx(built_site)) == sorted(form["id"] for form in library.catalog.forms)


def test_word_files_are_a4_times_new_roman_with_the_header_block(built_site: Path):
    """A4 with the configured margins, Times New Roman 14 pt, a borderless header table naming the Party and cell."""
    catalog, _ = load_catalog()
    margins = catalog.print_format["margins_mm"]
    paths = _session_docx(built_site) + _form_docx(built_site)
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
        text = all_text(document)
        assert "…" in text, "fill-in blanks are kept"
        assert unicodedata.is_normalized("NFC", text) and "đảng cộng sản việt nam" in text.lower(), path


def test_session_word_file_has_the_agenda_table_with_sized_columns(built_site: Path):
    """The agenda is a table of fixed column widths: a header row, one row per step with clock times, the total."""
    library = load_library(ROOT).library
    for path in _session_docx(built_site):
        topic = library.by_slug[path.stem]
        document = Document(str(path))
        agenda = next(t for t in document.tables if t.rows[0].cells[0].text == "Thời gian")
        assert len(agenda.rows) == len(topic.agenda) + 2, path
        assert agenda.rows[1].cells[0].text.startswith(topic.start_time or "08:00"), path
        assert agenda.rows[-1].cells[-1].text == str(topic.duration_minutes), path
        widths = [int(col.get(qn("w:w"))) for col in agenda._tbl.tblGrid.iterchildren(qn("w:gridCol"))]
        assert widths[1] == max(widths) and widths[1] > sum(widths) / 2, "the content column is the widest"
        assert agenda._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        assert "CHƯƠNG TRÌNH" in all_text(document)


def test_pages_link_their_word_files(built_site: Path):
    """Each session page and each form page links its .docx, and the link resolves."""
    for path in _session_docx(built_site) + _form_docx(built_site):
        page = (path.parent / path.stem / "index.html").read_text(encoding="utf-8")
        assert f'href="../{path.name}" download' in page, path
    index = (built_site / "bieu-mau" / "index.html").read_text(encoding="utf-8")
    assert index.count(".docx") >= 5


def test_margins_and_sizes_are_one_setting():
    """The page CSS takes its margins and sizes from print_format.yml, like the Word files."""
    catalog, _ = load_catalog()
    fmt = {**catalog.print_format, "margins_mm": {"top": 11, "bottom": 12, "left": 33, "right": 14}}
    css = print_format_css(fmt)
    assert "margin: 11mm 14mm 12mm 33mm" in css
    assert '"Times New Roman"' in css
    document = Document(io.BytesIO(docx_bytes(form_document(catalog.forms[0], catalog), field_specs(catalog), fmt)))
    assert abs(document.sections[0].left_margin - Mm(33)) < Mm(0.5)


def test_word_file_keeps_hostile_text_as_text():
    """Markup-looking text in a form goes into the Word file as plain text, and the XML stays valid."""
    catalog, _ = load_catalog()
    form = {**catalog.forms[0], "summary": "<script>alert(1)</script> & “trích” \x07"}
    data = docx_bytes(form_document(form, catalog), field_specs(catalog), catalog.print_format)
    assert "<script>alert(1)</script> & “trích”" in all_text(Document(io.BytesIO(data)))


def test_word_files_are_the_same_from_one_build_to_the_next():
    """Fixed timestamps and part order: the same paper gives the same bytes."""
    catalog, _ = load_catalog()
    document = form_document(catalog.forms[1], catalog)
    made = [docx_bytes(document, field_specs(catalog), catalog.print_format) for _ in "ab"]
    assert made[0] == made[1]
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(made[0])).infolist()} == {(2026, 1, 1, 0, 0, 0)}
