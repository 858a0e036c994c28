"""The papers of a meeting as one model: fields written the Vietnamese way, Markdown read by a real parser, the
agenda with and without the monthly meeting, and the same blocks in the same order on the page and in Word."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from docx import Document as WordDocument

from helpers import ROOT, session_text, write_topic
from topiclib.document import clock_text, field_text
from topiclib.library import load_library
from topiclib.markdown_blocks import markdown_blocks
from topiclib.papers import (
    draft_document,
    field_specs,
    form_document,
    meeting_for,
    meeting_form,
    script_document,
)
from topiclib.render.docx import docx_bytes
from topiclib.render.html import document_html

SPECS = {"chi_bo": {"blank": 4, "prefix": "Chi bộ"}, "cap_tren": {"blank": 2, "prefix": "Đảng ủy"}}


@pytest.mark.parametrize(
    ("value", "transform", "expected"),
    [
        ("2027-02-20", "date", "ngày 20 tháng 02 năm 2027"),
        ("2027-03-05", "date", "ngày 05 tháng 3 năm 2027"),
        ("2027-11-30", "quarter", "IV"),
        ("2027-02-30", "date", "ngày … tháng … năm 20…"),
        ("20/02/2027", "year", "20…"),
        ("19:30", "hour", "19"),
        ("7:05", "minute", "05"),
        ("24:00", "hour", "…"),
    ],
)
def test_dates_and_times_are_written_the_vietnamese_way(value, transform, expected):
    """HD 36 dates (zero before days under 10 and months 1–2), quarters in Roman numerals; bad values stay blank."""
    field = "ngay" if transform in ("date", "quarter", "year") else "gio"
    specs = field_specs(load_library(ROOT).library.catalog)
    assert field_text({"field": field, "as": transform}, {field: value}, specs) == expected


def test_cell_name_gets_chi_bo_once_and_header_lines_are_capitals():
    """ "Nà Khoang" and "chi bộ Nà Khoang" both print "Chi bộ …" once; the header's lines are capitals."""
    assert field_text({"field": "chi_bo", "as": "cell"}, {"chi_bo": "Nà Khoang"}, SPECS) == "Chi bộ Nà Khoang"
    assert field_text({"field": "chi_bo", "as": "cell"}, {"chi_bo": "chi bo Nà Khoang"}, SPECS) == "chi bo Nà Khoang"
    assert (
        field_text({"field": "chi_bo", "as": "issuer"}, {"chi_bo": "thôn Nà Khoang"}, SPECS) == "CHI BỘ THÔN NÀ KHOANG"
    )
    assert field_text({"field": "cap_tren", "as": "upper"}, {}, SPECS) == "ĐẢNG ỦY ……"
    assert field_text({"field": "chi_bo"}, {"chi_bo": "  "}, SPECS) == "Chi bộ …………"


def test_typed_text_is_stored_nfc_without_control_characters():
    """NFD input comes out NFC; characters XML forbids are dropped."""
    nfd = "Nà Khoang".replace("à", "a\u0300")
    assert field_text({"field": "dia_diem"}, {"dia_diem": nfd + "\x07"}, {}) == "Nà Khoang"


def test_clock_times_count_from_the_typed_start_and_wrap_past_midnight():
    """Offsets count from "Giờ bắt đầu", else from the paper's own start; past 24:00 the clock goes round."""
    assert clock_text(35, {"gio": "19:30"}, "08:00") == "20:05"
    assert clock_text(35, {}, "08:00") == "08:35"
    assert clock_text(45, {"gio": "23:30"}, "08:00") == "00:15"


def test_markdown_is_read_with_its_inline_markup_and_both_list_styles():
    """Bold, italic, links, ### headings and "1)" lists become blocks, never literal Markdown."""
    blocks = markdown_blocks(
        "## Phần\n\nChữ **đậm**, *nghiêng* và [trang](https://example.org/a?b=1&c=2).\n\n"
        "### I. Mục nhỏ\n\n1) Một\n2) Hai\n"
    )
    assert [b["kind"] for b in blocks] == ["heading", "paragraph", "heading", "list"]
    assert blocks[0]["level"] == 1 and blocks[2]["level"] == 2
    assert {"text": "đậm", "bold": True} in blocks[1]["text"]
    assert {"text": "nghiêng", "italic": True} in blocks[1]["text"]
    assert {"text": "trang", "href": "https://example.org/a?b=1&c=2"} in blocks[1]["text"]
    assert blocks[3]["style"] == "number" and [i[0]["text"] for i in blocks[3]["items"]] == ["Một", "Hai"]


def test_links_other_than_http_are_kept_as_text():
    """A javascript: link in Markdown is read as its words only."""
    blocks = markdown_blocks("[bấm](javascript:alert(1))")
    assert blocks[0]["text"] == [{"text": "bấm"}]


@pytest.fixture
def library(tmp_path):
    write_topic(tmp_path, "huong-dan", title="Gợi ý thật")
    write_topic(
        tmp_path, "kich-ban", text=session_text("huong-dan", title='"Kịch bản sinh hoạt chuyên đề: Gợi ý thật"')
    )
    return load_library(tmp_path).library


def test_a_guide_gets_the_standard_order_with_hd42_minutes(library):
    """Without a script the agenda is meeting_steps.yml's order: 90 minutes, 120 when combined."""
    catalog = library.catalog
    guide = library.by_slug["huong-dan"]
    plain, combined = (meeting_for(guide, guide, catalog, combined=flag) for flag in (False, True))
    minimum = catalog.meeting["durations"]
    assert plain.duration == minimum["minimum_minutes"]
    assert combined.duration == minimum["combined_minimum_minutes"]
    assert [item.step for item in combined.agenda][-2:] == [catalog.meeting_papers["combined_step"], "be-mac"]


def test_a_session_keeps_its_agenda_and_can_be_combined(library):
    """A script's own agenda; combined, the monthly meeting's step is added before the closing."""
    catalog = library.catalog
    session, guide = library.by_slug["kich-ban"], library.by_slug["huong-dan"]
    own = meeting_for(session, guide, catalog)
    assert [item.step for item in own.agenda] == [item.step for item in session.agenda]
    combined = meeting_for(session, guide, catalog, combined=True)
    assert combined.duration == session.duration_minutes + catalog.meeting_papers["combined_minutes"]


class _Text(HTMLParser):
    """The text of each block-level element of a paper's HTML, in order."""

    BLOCKS = frozenset({"p", "li", "tr"})

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.current: list[str] | None = None
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS and self.current is None:
            self.current, self.depth = [], 0
        if self.current is not None and tag == "br":
            self.current.append(" ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS and self.current is not None:
            text = _squash("".join(self.current))
            if text:
                self.blocks.append(text)
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("\u2610", "").lstrip("-").strip()


def _word_blocks(data: bytes) -> list[str]:
    """The text of each paragraph and table row of a .docx body, in order (tables of the header excluded)."""
    document = WordDocument(io.BytesIO(data))
    out: list[str] = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            texts = [t.text or "" for t in element.iter() if t.tag.endswith("}t")]
            if any(child.tag.endswith("}tabs") for child in element.iter()):
                texts = texts[1:]  # a list item's mark ("-", "1.", "☐"), drawn by CSS on the page
            text = _squash("".join(texts))
            if text:
                out.append(text)
        elif tag == "tbl":
            for row in element.iterchildren():
                if row.tag.endswith("}tr"):
                    cells = [_squash("".join(t.text or "" for t in row.iter() if t.tag.endswith("}t"))) for _ in [0]]
                    if cells[0]:
                        out.append(cells[0])
    return out


def _html_blocks(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.blocks


def test_page_and_word_file_of_every_paper_hold_the_same_blocks_in_the_same_order():
    """Headings, paragraphs, list items and table rows read the same, in the same order, on the page and in Word."""
    library = load_library(ROOT).library
    catalog = library.catalog
    specs = field_specs(catalog)
    session = next(t for t in library.topics if t.kind == "session")
    meeting = meeting_for(session, library.by_slug[session.guide], catalog)
    papers = [script_document(meeting, catalog), draft_document(meeting, catalog)]
    papers += [meeting_form(paper, meeting, catalog) for paper in ("bien-ban", "thong-bao", "bao-cao")]
    papers += [form_document(form, catalog) for form in catalog.forms]
    for paper in papers:
        html = _html_blocks(document_html(paper, specs))
        word = _word_blocks(docx_bytes(paper, specs, catalog.print_format))
        # The header block is one table row in Word and several lines on the page: compare the body after it.
        assert "".join(html).replace("-----", "") == "".join(word).replace("-----", ""), paper.id
        assert html[-8:] == word[-8:] or "".join(html[-8:]) == "".join(word[-8:]), paper.id


def test_the_script_puts_purpose_roles_agenda_then_the_rest(library):
    """The order of a session script is the same for page and Word: purpose, roles, agenda, other sections, lists."""
    catalog = library.catalog
    session = library.by_slug["kich-ban"]
    document = script_document(meeting_for(session, library.by_slug["huong-dan"], catalog), catalog)
    headings = ["".join(run.get("text", "") for run in b["text"]) for b in document.blocks if b["kind"] == "heading"]
    strings = catalog.strings
    expected = [
        "Mục đích, yêu cầu",
        strings["session_roles"],
        strings["session_agenda"],
        "Câu hỏi thảo luận",
        "Gợi ý điều hành",
        strings["session_before"],
        strings["session_after"],
    ]
    assert headings == expected
