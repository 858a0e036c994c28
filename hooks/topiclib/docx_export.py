"""Write a PartyDocument to a Word (.docx) file with python-docx: A4, the HD 36 header block, Times New Roman."""

from __future__ import annotations

import datetime
import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from .party_document import PARTY_NAME, Block, PartyDocument

# A fixed creation date keeps the files the same from one build to the next.
_FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
_WRITING_LINE = "…" * 60


def to_docx(document: PartyDocument, title: str) -> bytes:
    """The document as the bytes of a .docx file."""
    fmt = document.fmt
    sizes = fmt["sizes_pt"]
    doc = Document()
    _page_setup(doc, fmt)
    _default_font(doc, fmt["font"], sizes["body"])
    doc.core_properties.title = title
    doc.core_properties.language = "vi-VN"
    doc.core_properties.created = doc.core_properties.modified = _FIXED_DATE
    doc.core_properties.author = doc.core_properties.last_modified_by = "Thư viện chuyên đề"
    _header_block(doc, document, sizes)
    _centered(doc, document.doc_type, sizes["doc_type"], bold=True, space_before=12)
    _centered(doc, document.summary, sizes["summary"], bold=True)
    _centered(doc, "-----", sizes["body"])
    for block in document.blocks:
        _block(doc, block, sizes["body"])
    _signature(doc, document.signature, sizes["body"])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _page_setup(doc: Document, fmt: dict) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    margins = fmt["margins_mm"]
    section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])


def _default_font(doc: Document, name: str, size: float) -> None:
    style = doc.styles["Normal"]
    style.font.name = name
    style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), name)
    style.paragraph_format.space_after = Pt(3)


def _header_block(doc: Document, document: PartyDocument, sizes: dict) -> None:
    table = doc.add_table(rows=1, cols=2)
    _borderless(table)
    left, right = table.rows[0].cells
    _cell_line(left.paragraphs[0], document.higher_body, sizes["higher_body"])
    _cell_line(left.add_paragraph(), document.issuer, sizes["issuer"], bold=True)
    _cell_line(left.add_paragraph(), "*", sizes["issuer"])
    if document.number:
        _cell_line(left.add_paragraph(), document.number, sizes["number"])
    party = right.paragraphs[0]
    _cell_line(party, PARTY_NAME, sizes["party_name"], bold=True)
    _bottom_rule(party)
    _cell_line(right.add_paragraph(), document.place_date, sizes["place_date"], italic=True)


def _block(doc: Document, block: Block, size: float) -> None:
    if block.kind == "heading":
        run = doc.add_paragraph().add_run(block.text)
        run.bold = True
    elif block.kind == "paragraph":
        doc.add_paragraph(block.text).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    elif block.kind == "list":
        for item in block.items:
            doc.add_paragraph(item if item[:1] in "☐0123456789" else f"- {item}")
    elif block.kind == "lines":
        for _ in range(block.lines):
            doc.add_paragraph(_WRITING_LINE)
    elif block.kind == "table":
        table = doc.add_table(rows=1, cols=len(block.columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, block.columns, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        for row in block.rows:
            for cell, text in zip(table.add_row().cells, row, strict=False):
                cell.paragraphs[0].add_run(text).font.size = Pt(size - 1)


def _signature(doc: Document, signature: tuple[str, str], size: float) -> None:
    left_text, right_text = signature
    if not (left_text or right_text):
        return
    doc.add_paragraph()
    table = doc.add_table(rows=1, cols=2)
    _borderless(table)
    left, right = table.rows[0].cells
    for index, line in enumerate(left_text.split("\n")):
        paragraph = left.paragraphs[0] if index == 0 else left.add_paragraph()
        run = paragraph.add_run(line)
        run.font.size = Pt(size - 2)
        run.italic = index == 0
    for index, line in enumerate(right_text.split("\n")):
        paragraph = right.paragraphs[0] if index == 0 else right.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(line).bold = True


def _centered(doc: Document, text: str, size: float, bold: bool = False, space_before: float = 0) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(space_before)
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def _cell_line(paragraph: Paragraph, text: str, size: float, bold: bool = False, italic: bool = False) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)


def _borderless(table: Table) -> None:
    """No visible borders: the header block and signatures are laid out with a table, not drawn as one."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def _bottom_rule(paragraph: Paragraph) -> None:
    """The solid line under "ĐẢNG CỘNG SẢN VIỆT NAM"."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
