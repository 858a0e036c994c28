"""The data files: complete, consistent, and the single source for the schema's allowed values."""

from __future__ import annotations

import datetime

from topiclib.data import load_catalog


def test_data_files_load_without_problems():
    """Groups, cell types, kinds, documents, meeting steps, problems and strings are valid."""
    catalog, problems = load_catalog()
    assert problems == []
    assert catalog is not None


def test_six_groups_in_the_order_of_hd12():
    """Six groups, ordered 1–6, the last one for cell-type specific content."""
    catalog, _ = load_catalog()
    assert [g.order for g in catalog.groups] == [1, 2, 3, 4, 5, 6]
    assert catalog.groups[0].id == "ho-chi-minh"
    assert catalog.groups[5].id == "loai-hinh-chi-bo"


def test_cell_types_cover_the_required_kinds():
    """At least the eight cell types the library promises."""
    catalog, _ = load_catalog()
    ids = {c.id for c in catalog.cell_types}
    assert {
        "thon-to-dan-pho",
        "co-quan-hanh-chinh",
        "truong-hoc",
        "y-te",
        "doanh-nghiep-nha-nuoc",
        "doanh-nghiep-ngoai-nha-nuoc",
        "hoc-sinh-sinh-vien",
        "luc-luong-vu-trang",
    } <= ids


def test_every_document_is_citable():
    """Each registry entry has a real date, an issuer, a title and a source; numbers look like Party numbers."""
    catalog, _ = load_catalog()
    for document in catalog.documents:
        if len(document.date) == 10:
            datetime.date.fromisoformat(document.date)
        assert document.issuer and document.title and document.source, document.id
        if document.type not in ("luat", "dieu-le"):
            assert document.number, document.id


def test_hd12_is_the_2018_guide_not_the_2022_one():
    """DOMAIN.md warns of two Hướng dẫn 12-HD/BTCTW; the registry cites the one of 06/7/2018."""
    catalog, _ = load_catalog()
    assert catalog.document_by_id["hd-12-2018"].date == "2018-07-06"


def test_schema_enums_come_from_the_data_files():
    """The front-matter schema's allowed values are filled from the data files, not duplicated."""
    catalog, _ = load_catalog()
    schema = catalog.topic_schema()
    assert schema["properties"]["group"]["enum"] == [g.id for g in catalog.groups]
    assert schema["properties"]["references"]["items"]["enum"] == [d.id for d in catalog.documents]


def test_meeting_steps_have_the_required_order():
    """Chair states purpose → presentation → discussion → conclusion → closing, with HD 42 durations."""
    catalog, _ = load_catalog()
    required = [s["id"] for s in catalog.meeting["steps"] if s["required"]]
    assert required == ["muc-dich-yeu-cau", "trinh-bay-du-thao", "thao-luan", "ket-luan", "be-mac"]
    assert catalog.meeting["durations"]["minimum_minutes"] == 90
    assert catalog.meeting["durations"]["combined_minimum_minutes"] == 120


def test_guide_sections_are_the_seven_of_the_library():
    """Every guide has these sections, in this order."""
    catalog, _ = load_catalog()
    assert [s["heading"] for s in catalog.content_rules["guide"]["sections"]] == [
        "Vì sao chọn chuyên đề này",
        "Mục đích, yêu cầu",
        "Dàn ý dự thảo",
        "Câu hỏi thảo luận",
        "Liên hệ với chi bộ và từng đảng viên",
        "Điều chỉnh theo loại hình chi bộ",
        "Thời điểm gợi ý",
    ]


def _copy_data(tmp_path):
    import shutil

    from topiclib.data import DATA_DIR

    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_every_anniversary_is_a_real_day_with_its_sources():
    """Each day of anniversaries.yml exists in the calendar, names known groups and carries a web source."""
    catalog, _ = load_catalog()
    groups = {g.id for g in catalog.groups}
    assert catalog.anniversaries
    for day in catalog.anniversaries:
        datetime.date(day.get("year", 2000), day["month"], day["day"])
        assert set(day["groups"]) <= groups, day["id"]
        assert day["sources"] and all(source.startswith(("https://", "http://")) for source in day["sources"])
        datetime.date.fromisoformat(day["checked"])


def test_an_anniversary_without_a_source_or_on_a_day_that_does_not_exist_is_refused(tmp_path):
    """The catalog reports D401 for a date with no source and for 30 February, and loads nothing."""
    data = _copy_data(tmp_path)
    path = data / "anniversaries.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    month: 2\n    day: 3\n", "    month: 2\n    day: 30\n", 1), encoding="utf-8")
    catalog, problems = load_catalog(data)
    assert catalog is None and any("không có thật" in p.message for p in problems)
    path.write_text(text.replace("    sources:\n", "    sources: []\n    unused:\n", 1), encoding="utf-8")
    catalog, problems = load_catalog(data)
    assert catalog is None and {p.code for p in problems} == {"D401"}
