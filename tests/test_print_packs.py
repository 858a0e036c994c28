"""Print packs (scripts/print_packs.py): a PDF per group and one of every script and form, printed into a small
built site by Debian's Chromium, read back with pypdf as a reader's PDF viewer would."""

from __future__ import annotations

import datetime
import io
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from helpers import PARAGRAPH, ROOT, build, make_site, session_text, topic_text, write_topic
from topiclib.library import load_library
from topiclib.pages import generated_pages
from topiclib.print_packs import print_packs

HOSTILE_TITLE = '<script>alert(1)</script> & "Đảng viên" nêu gương ở khu dân cư'
SCRIPT_TITLE = "Kịch bản sinh hoạt chuyên đề: nêu gương ở khu dân cư"
PRINTED_ON = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
PACKS = ("ban-in/chuyen-de-ho-chi-minh.pdf", "ban-in/chuyen-de-xay-dung-dang.pdf", "ban-in/kich-ban-va-bieu-mau.pdf")


@pytest.fixture(scope="module")
def packed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A site of two groups (a hostile-titled guide with its script; a guide) built with the packs' links, and the
    figures of the packs printed into it."""
    root = make_site(tmp_path_factory.mktemp("packs"))
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("extra:\n  print_packs: true\n")
    write_topic(root, "a", text=topic_text(title=f"'{HOSTILE_TITLE}'"))
    write_topic(root, "kich-ban-a", text=session_text("a", title=f"'{SCRIPT_TITLE}'"))
    write_topic(
        root,
        "b",
        group="xay-dung-dang",
        text=topic_text(
            group="xay-dung-dang",
            title="Chuyên đề xây dựng Đảng ở chi bộ",
            description="Gợi ý thử cho nhóm xây dựng Đảng, đủ dài để qua kiểm tra mô tả.",
        ),
    )
    built = build(root)
    assert built.returncode == 0, built.stderr
    command = [sys.executable, str(ROOT / "scripts" / "print_packs.py"), "--site", str(root / "site")]
    printed = subprocess.run(
        [*command, "--root", str(root), "--date", "2026-12-01", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert printed.returncode == 0, printed.stderr
    return root, json.loads(printed.stdout)


def pdf(root: Path, uri: str) -> PdfReader:
    return PdfReader(io.BytesIO((root / "site" / uri).read_bytes()))


def page_texts(reader: PdfReader) -> list[str]:
    """Each page's text with its lines joined by single spaces."""
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def contents_numbers(texts: list[str], titles: list[tuple[str, str]]) -> list[int]:
    """The page number the contents give each (title, kind) in its line: "1. <title> <kind> <page>"."""
    contents = " ".join(texts[:2])
    numbers = []
    for index, (title, kind) in enumerate(titles, 1):
        found = re.search(rf"{index}\. {re.escape(title)} {re.escape(kind)} (\d+)", contents)
        assert found, (title, contents[:600])
        numbers.append(int(found.group(1)))
    return numbers


def test_each_pack_is_an_a4_pdf_titled_in_vietnamese(packed):
    """A PDF per group with topics (none for the empty groups) and one of the scripts and forms, A4, titled."""
    root, report = packed
    assert sorted(p.relative_to(root / "site").as_posix() for p in (root / "site" / "ban-in").iterdir()) == sorted(
        PACKS
    )
    assert [pack["uri"] for pack in report["packs"]] == list(PACKS)
    titles = {}
    for uri in PACKS:
        reader = pdf(root, uri)
        width, height = (float(v) for v in reader.pages[0].mediabox[2:])
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297), uri
        titles[uri] = reader.metadata.title
        # Dated the day given (--date), not the moment of printing: the same pack printed again is the same bytes.
        assert reader.metadata.creation_date == reader.metadata.modification_date == PRINTED_ON, uri
    assert titles == {
        PACKS[0]: "Thư viện chuyên đề: Nhóm 1. Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        PACKS[1]: "Thư viện chuyên đề: Nhóm 4. Xây dựng Đảng, hệ thống chính trị; phòng, chống tham nhũng, lãng phí, "
        "tiêu cực",
        PACKS[2]: "Thư viện chuyên đề: Kịch bản buổi sinh hoạt và biểu mẫu",
    }


def test_contents_give_the_page_each_document_starts_on(packed):
    """Every document starts a page, on the page its line in the contents gives: a guide's page opens with its
    title (a hostile one as plain text), a paper's first page is the only one with the Party-format header."""
    root, _ = packed
    library = load_library(root).library
    party = library.catalog.meeting_papers["header"]["party"]
    guide_kind = library.catalog.kind_by_id["guide"].name
    for pack in print_packs(library):
        texts = page_texts(pdf(root, pack.uri))
        numbers = contents_numbers(texts, [(doc.title, doc.kind_name) for doc in pack.documents])
        assert numbers == sorted(set(numbers)) and numbers[0] > 1, pack.uri
        guides = {n: doc.title for n, doc in zip(numbers, pack.documents, strict=True) if doc.kind_name == guide_kind}
        for number, title in guides.items():
            assert texts[number - 1].startswith(title), (pack.uri, number, texts[number - 1][:200])
        papers = {n for n in numbers if n not in guides}
        assert {n for n, text in enumerate(texts, 1) if party in text} == papers, pack.uri
    group_pack = next(pack for pack in print_packs(library) if pack.uri == PACKS[0])
    assert [doc.title for doc in group_pack.documents] == [HOSTILE_TITLE, SCRIPT_TITLE]


def test_every_page_shows_its_number(packed):
    """The footer of every page says which page of how many it is."""
    root, _ = packed
    for uri in PACKS:
        texts = page_texts(pdf(root, uri))
        for number, text in enumerate(texts, 1):
            assert f"Trang {number}/{len(texts)}" in text, (uri, number)


def test_fonts_are_embedded_and_the_text_reads_as_vietnamese(packed):
    """Every font of every page is embedded, and the text extracts as the topic wrote it, in NFC."""
    root, _ = packed
    for uri in PACKS:
        reader = pdf(root, uri)
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                if font["/Subtype"] == "/Type3":
                    continue
                for descendant in [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]:
                    descriptor = descendant["/FontDescriptor"]
                    assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), (uri, font["/BaseFont"])
        text = " ".join(page_texts(reader))
        assert unicodedata.is_normalized("NFC", text), uri
    guide_text = " ".join(page_texts(pdf(root, PACKS[1])))
    assert PARAGRAPH.split(". ")[0] in guide_text


def test_group_and_forms_pages_link_to_their_packs_only_in_a_site_built_for_them(packed):
    """With extra.print_packs the group pages (that have topics) and the forms page link to their PDF; without it
    (the default build) no page does."""
    root, _ = packed
    site = root / "site"
    link = '<a class="md-button" href="../../ban-in/chuyen-de-ho-chi-minh.pdf" download>Tải bản in cả nhóm (PDF)</a>'
    assert link in (site / "chuyen-de" / "ho-chi-minh" / "index.html").read_text(encoding="utf-8")
    forms = (site / "bieu-mau" / "index.html").read_text(encoding="utf-8")
    assert '<a class="md-button" href="../ban-in/kich-ban-va-bieu-mau.pdf" download>' in forms
    assert "ban-in/" not in (site / "chuyen-de" / "lich-su-truyen-thong" / "index.html").read_text(encoding="utf-8")
    default_pages = generated_pages(load_library(root).library)
    assert not [page.src_uri for page in default_pages if "ban-in/" in page.markdown]


def test_the_command_says_when_the_site_is_not_built(tmp_path):
    """Without a built site the command stops with a sentence in Vietnamese, not a traceback."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "print_packs.py"), "--site", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Không thấy trang đã dựng" in result.stderr and "Traceback" not in result.stderr


def test_the_deploy_workflow_builds_for_the_packs_and_prints_them_before_the_upload():
    """The published site is built with the packs' links and the PDFs are printed into it before it is uploaded."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    build_step = next(i for i, step in enumerate(steps) if "mkdocs build" in step.get("run", ""))
    assert steps[build_step]["env"]["TVCD_PRINT_PACKS"] == "true"
    prints = next(i for i, step in enumerate(steps) if "scripts/print_packs.py --site _site" in step.get("run", ""))
    upload = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert build_step < prints < upload
    assert "chromium" in "\n".join(step.get("run", "") for step in steps[:build_step])
