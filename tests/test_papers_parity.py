"""The browser's renderers (papers.js) and the build's (render/html.py, render/docx.py) turn the same paper model
into the same HTML elements and the same document.xml, blank and filled in, hostile values included."""

from __future__ import annotations

import json
import re

import pytest

from helpers import ROOT
from topiclib.document import Document
from topiclib.library import load_library
from topiclib.papers import field_specs, form_document, plan_field_specs
from topiclib.plan_data import PLAN_FORM
from topiclib.prepare_data import meeting_papers
from topiclib.render.docx import document_xml, docx_kit
from topiclib.render.html import document_html

pytestmark = pytest.mark.browser

HOSTILE = {
    "chi_bo": '</script><img src=x onerror=alert(1)> "Nà" & Khoang',
    "cap_tren": "Đảng ủy xã Tà Xùa",
    "dia_danh": "Tà Xùa",
    "ngay": "2027-02-20",
    "gio": "19:30",
    "dia_diem": "Nhà văn hóa & <b>sân</b>",
    "chu_tri": "Lò Văn A" * 250,
    "trinh_bay": "Sùng Thị B\x07\x00",
    "thu_ky": "Vàng Văn C",
    "tong_so": "18",
    "nam": "2027",
    "q1_1_cd": "Nói đi đôi với làm <i>",
    "q1_1_ngay": "2027-02-20",
    "q1_1_ghi_chu": " (kết hợp)",
    "q1_2_cd": "Chuyên đề thứ hai & ba",
    "q3_3_cd": "Hàng thứ ba",
    "q3_3_nguoi": "Lò Thị D",
}
CASES = {"blank": {}, "filled": HOSTILE, "bad values": {"ngay": "2027-02-30", "gio": "25:00", "tong_so": "-3"}}


@pytest.fixture(scope="module")
def models():
    """Every paper of a meeting on the first session script and on the first guide, both agenda variants."""
    library = load_library(ROOT).library
    picks = [next(t for t in library.topics if t.kind == kind) for kind in ("session", "guide")]
    papers = [meeting_papers(topic, library) for topic in picks]
    catalog = library.catalog
    docs = [doc for entry in papers for variant in ("0", "1") for doc in entry["papers"][variant]]
    docs += [form_document(form, catalog).to_json() for form in catalog.forms]
    return catalog, docs


def _specs(catalog):
    """The blanks of every field the papers and the plan use, as word.js and ke-hoach.js give them."""
    plan = next(form for form in catalog.forms if form["id"] == PLAN_FORM)
    config = next(entry["plan_table"] for entry in plan["blocks"] if "plan_table" in entry)
    return {**field_specs(catalog), **plan_field_specs(config)}


@pytest.fixture(scope="module")
def tab(browser, models):
    """A blank page with fflate, papers.js and the Word kit loaded."""
    catalog, _ = models
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!DOCTYPE html><html><body></body></html>")
    kit = {"kit": docx_kit(catalog.print_format), "fields": _specs(catalog)}
    page.add_script_tag(content=f"window.TLData = {json.dumps(kit, ensure_ascii=False)};")
    page.add_script_tag(path=str(ROOT / "docs/assets/javascripts/vendor/fflate.min.js"))
    page.add_script_tag(path=str(ROOT / "docs/assets/javascripts/papers.js"))
    yield page
    context.close()


def _document(model: dict) -> Document:
    fields = {k: v for k, v in model.items() if k in Document.__dataclass_fields__}
    return Document(**{**fields, "summary": tuple(model["summary"]), "blocks": tuple(model["blocks"])})


def _normalised(html: str) -> str:
    """HTML with the whitespace between tags dropped and the browser's serialisation applied."""
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.parametrize("case", CASES)
def test_browser_and_build_write_the_same_document_xml(tab, models, case):
    """document.xml from papers.js equals render/docx.py's, character for character, for every paper."""
    catalog, docs = models
    kit = docx_kit(catalog.print_format)
    values = CASES[case]
    for doc in docs:
        expected = document_xml(doc, values, _specs(catalog), kit["layout"])
        actual = tab.evaluate("([doc, values]) => TLPapers.documentXml(doc, values)", [doc, values])
        assert actual == expected, (doc["id"], case)


@pytest.mark.parametrize("case", CASES)
def test_browser_and_build_render_the_same_html(tab, models, case):
    """The DOM papers.js builds serialises to the HTML the Jinja2 template writes, for every paper."""
    catalog, docs = models
    values = CASES[case]
    for doc in docs:
        built = document_html(_document(doc), _specs(catalog), values)
        browser_built = tab.evaluate(
            """([doc, values, html]) => {
                const box = document.createElement("div");
                box.innerHTML = html;
                return [box.innerHTML, TLPapers.renderHTML(doc, values).outerHTML];
            }""",
            [doc, values, _normalised(built)],
        )
        assert browser_built[1] == browser_built[0], (doc["id"], case)


def test_browser_word_file_holds_typed_markup_as_text(tab, models):
    """A .docx made in the browser opens as a zip whose document.xml is well-formed and holds the typed text."""
    import io
    import zipfile
    from xml.dom.minidom import parseString

    _, docs = models
    data = tab.evaluate("([doc, values]) => Array.from(TLPapers.docx(doc, values))", [docs[2], HOSTILE])
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    xml = archive.read("word/document.xml").decode("utf-8")
    parseString(xml)
    assert "CHI BỘ &lt;/SCRIPT&gt;&lt;IMG SRC=X ONERROR=ALERT(1)&gt;" in xml
    assert "Nhà văn hóa &amp; &lt;b&gt;sân&lt;/b&gt;" in xml
    assert "\x07" not in xml and "\x00" not in xml
