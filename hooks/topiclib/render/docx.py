"""A document model as a Word file (.docx, WordprocessingML written directly), the same at build time and in the
browser: docs/assets/javascripts/papers.js is a line-by-line port of `document_xml`, and a test checks that both
write the same document.xml for the same model and values.

A4 with the margins of print_format.yml; Times New Roman; the HD 36 header block as a borderless table with the
rule under "ĐẢNG CỘNG SẢN VIỆT NAM"; tables with fixed column widths; ruled lines drawn as paragraph borders (they
never wrap); lists written with their marks, so no numbering definitions are needed. The package parts that do
not change (styles, settings, relationships) are files in docx_parts/ beside this module.
"""

from __future__ import annotations

import json
import zipfile
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from ..document import Document, FieldSpecs, Inline, clean_text, inline_text

PARTS_DIR = Path(__file__).parent / "docx_parts"
# Part order in the zip, and the one timestamp every member carries, so that two builds give the same bytes.
PART_NAMES = (
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/app.xml",
    "docProps/core.xml",
    "word/_rels/document.xml.rels",
    "word/document.xml",
    "word/settings.xml",
    "word/styles.xml",
)
ZIP_DATE = (2026, 1, 1, 0, 0, 0)
_TWIPS_PER_MM = 1440 / 25.4
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def docx_bytes(
    document: Document, fields: FieldSpecs, fmt: dict[str, Any], values: dict[str, str] | None = None
) -> bytes:
    """The .docx file of a paper, fields filled from `values` (blanks where none)."""
    kit = docx_kit(fmt)
    parts = dict(kit["parts"])
    parts["word/document.xml"] = document_xml(document.to_json(), values or {}, fields, kit["layout"])
    parts["docProps/core.xml"] = parts["docProps/core.xml"].replace("{title}", xml_text(document.title))
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in PART_NAMES:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, parts[name].encode("utf-8"))
    return buffer.getvalue()


@cache
def _parts_text() -> dict[str, str]:
    return {
        name: (PARTS_DIR / name).read_text(encoding="utf-8").strip()
        for name in PART_NAMES
        if name != "word/document.xml"
    }


@cache
def _paragraph_kinds() -> dict[str, str]:
    return json.loads((PARTS_DIR / "paragraphs.json").read_text(encoding="utf-8"))


def docx_kit(fmt: dict[str, Any]) -> dict[str, Any]:
    """What both writers need: the fixed package parts (print format put in) and the page layout in Word units."""
    sizes = fmt["sizes_pt"]
    margins = fmt["margins_mm"]
    parts = {
        name: text.replace("{font}", xml_text(fmt["font"]))
        .replace("{body}", str(_half_points(sizes["body"])))
        .replace("{application}", xml_text(fmt["application"]))
        for name, text in _parts_text().items()
    }
    width = round((210 - margins["left"] - margins["right"]) * _TWIPS_PER_MM)
    layout = {
        "page": [round(210 * _TWIPS_PER_MM), round(297 * _TWIPS_PER_MM)],
        "margins": [round(margins[side] * _TWIPS_PER_MM) for side in ("top", "right", "bottom", "left")],
        "width": width,
        "sizes": {name: _half_points(value) for name, value in sizes.items()},
        "paragraphs": {key: value for key, value in _paragraph_kinds().items() if key != "_"},
        "namespaces": _NS,
        "part_names": list(PART_NAMES),
    }
    return {"parts": parts, "layout": layout}


def document_xml(doc: dict[str, Any], values: dict[str, str], fields: FieldSpecs, layout: dict[str, Any]) -> str:
    """word/document.xml for a document model (as JSON), its fields filled from `values`."""
    sizes = layout["sizes"]
    p = layout["paragraphs"]
    start = doc["start"]

    def runs(inlines: list[Inline], size: int = 0, bold: bool = False, italic: bool = False) -> str:
        out = []
        for inline in inlines:
            if inline.get("break"):
                out.append("<w:r><w:br/></w:r>")
                continue
            props = _run_props(bold or bool(inline.get("bold")), italic or bool(inline.get("italic")), size)
            content = xml_text(inline_text(inline, values, fields, start))
            run = f'<w:r>{props}<w:t xml:space="preserve">{content}</w:t></w:r>'
            href = inline.get("href")
            if href:
                instruction = xml_text(f' HYPERLINK "{href}" ')
                run = f'<w:fldSimple w:instr="{instruction}">{run}</w:fldSimple>'
            out.append(run)
        return "".join(out)

    def paragraph(content: str, props: str = "") -> str:
        return f"<w:p>{'<w:pPr>' + props + '</w:pPr>' if props else ''}{content}</w:p>"

    width = layout["width"]
    body: list[str] = []
    header = doc["header"]
    left = [
        paragraph(runs(header["higher"], sizes["higher_body"]), p["center_tight"]),
        paragraph(runs(header["issuer"], sizes["issuer"], bold=True), p["center_tight"]),
        paragraph(runs([{"text": "*"}], sizes["issuer"]), p["center_tight"]),
    ]
    if header.get("number"):
        left.append(paragraph(runs(header["number"], sizes["number"]), p["center_tight"]))
    right = [
        paragraph(runs([{"text": header["party"]}], sizes["party_name"], bold=True), p["party"]),
        paragraph(runs(header["place_date"], sizes["place_date"], italic=True), p["place_date"]),
    ]
    body.append(_table([round(width * 0.42), width - round(width * 0.42)], [["".join(left), "".join(right)]], False))
    if doc["doc_type"]:
        body.append(paragraph(runs([{"text": doc["doc_type"]}], sizes["doc_type"], bold=True), p["doc_type"]))
        body.append(paragraph(runs(doc["summary"], sizes["summary"], bold=True), p["summary"]))
    else:
        # A paper that is no Party document type (a topic's draft) is headed by its title alone.
        body.append(paragraph(runs(doc["summary"], sizes["doc_type"], bold=True), p["doc_type"]))
    body.append(paragraph(runs([{"text": "-----"}]), p["dash"]))
    # A compact paper (a session script) sets its body in the smaller size of print_format.yml.
    base = sizes["compact"] if doc.get("compact") else 0
    small = (base or sizes["body"]) - 2
    for block in doc["blocks"]:
        kind = block["kind"]
        if kind == "heading":
            level = block["level"]
            body.append(
                paragraph(
                    runs(block["text"], base, True, level == 3),
                    p["heading"],
                )
            )
        elif kind == "paragraph":
            body.append(paragraph(runs(block["text"], base), p["paragraph"]))
        elif kind == "list":
            for index, item in enumerate(block["items"]):
                mark = {"bullet": "-", "check": "☐", "number": f"{block['start'] + index}."}[block["style"]]
                body.append(paragraph(runs([{"text": mark + "\t"}, *item], base), p["list_item"]))
        elif kind == "lines":
            for _ in range(block["count"]):
                body.append(paragraph("", p["ruled_line"]))
        elif kind == "table":
            columns = [round(width * share / 100) for share in block["widths"]]
            rows = []
            if block["columns"]:
                rows.append(
                    [paragraph(runs([{"text": name}], small, bold=True), p["cell"]) for name in block["columns"]]
                )
            rows += [[paragraph(runs(cell, small), p["cell"]) for cell in row] for row in shown_rows(block, values)]
            foot = block.get("foot")
            if foot:
                rows.append(
                    [
                        paragraph(runs(foot["label"], small, bold=True), p["cell"]),
                        paragraph(runs(foot["value"], small, bold=True), p["cell"]),
                    ]
                )
            body.append(_table(columns, rows, True, header=bool(block["columns"]), foot=bool(foot)))
    signature = doc["signature"]
    recipients = bool(signature["left"]) and plain_end(signature["left"][0]) == ":"
    left_cell = []
    for index, line in enumerate(signature["left"]):
        if recipients:
            size = sizes["body"] - 2 if index == 0 else sizes["body"] - 3
            left_cell.append(paragraph(runs(line, size, bold=index == 0, italic=index == 0), p["recipient"]))
        else:
            left_cell.append(paragraph(runs(line, 0, bold=index == 0), p["center_tight"]))
    right_cell = [
        paragraph(runs(line, 0, bold=index < 2), p["center_tight"]) for index, line in enumerate(signature["right"])
    ]
    if not base:
        body.append(paragraph("", p["gap"]))
    body.append(
        _table(
            [width // 2, width - width // 2],
            [["".join(left_cell) or paragraph(""), "".join(right_cell) or paragraph("")]],
            False,
        )
    )
    page_width, page_height = layout["page"]
    top, right_margin, bottom, left_margin = layout["margins"]
    section = (
        f'<w:sectPr><w:pgSz w:w="{page_width}" w:h="{page_height}"/><w:pgMar w:top="{top}" w:right="{right_margin}" '
        f'w:bottom="{bottom}" w:left="{left_margin}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>'
    )
    return f"{_XML_DECLARATION}<w:document {_NS}><w:body>{''.join(body)}{section}</w:body></w:document>"


def shown_rows(block: dict[str, Any], values: dict[str, str]) -> list[list[list[Inline]]]:
    """A table's rows as lists of cells, leaving out a `when` row whose field holds nothing."""
    rows = []
    for row in block["rows"]:
        if isinstance(row, dict):
            if clean_text(values.get(row["when"], "")).strip():
                rows.append(row["cells"])
        else:
            rows.append(row)
    return rows


def plain_end(inlines: list[Inline]) -> str:
    """The last character of a line's literal text ("" when it ends in a field or is empty)."""
    last = inlines[-1] if inlines else {}
    return last.get("text", "")[-1:] if "text" in last else ""


def xml_text(value: str) -> str:
    """Text for XML content and attributes: control characters dropped, NFC, &, <, > and quotes escaped."""
    return clean_text(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _run_props(bold: bool, italic: bool, size: int) -> str:
    props = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
    if size:
        props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    return f"<w:rPr>{props}</w:rPr>" if props else ""


def _table(columns: list[int], rows: list[list[str]], borders: bool, header: bool = False, foot: bool = False) -> str:
    """A table of fixed column widths (twips); cells hold paragraph XML. A foot row spans all but the last column."""
    edge = 'w:val="single" w:sz="4" w:space="0" w:color="000000"' if borders else 'w:val="nil"'
    border_xml = "".join(f"<w:{side} {edge}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in columns)
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(columns)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{border_xml}</w:tblBorders>"
        f'<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
    ]
    for index, row in enumerate(rows):
        row_props = (
            "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
            if header and index == 0
            else "<w:trPr><w:cantSplit/></w:trPr>"
        )
        cells = []
        spans_foot = foot and index == len(rows) - 1 and len(row) < len(columns)
        for position, content in enumerate(row):
            if spans_foot and position == 0:
                span = len(columns) - 1
                cell_props = f'<w:tcW w:w="{sum(columns[:span])}" w:type="dxa"/><w:gridSpan w:val="{span}"/>'
            else:
                cell_props = f'<w:tcW w:w="{columns[-1] if spans_foot else columns[position]}" w:type="dxa"/>'
            cells.append(f"<w:tc><w:tcPr>{cell_props}</w:tcPr>{content}</w:tc>")
        out.append(f"<w:tr>{row_props}{''.join(cells)}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _half_points(points: float) -> int:
    return round(points * 2)
