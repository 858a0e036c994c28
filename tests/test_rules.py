"""Each validation rule: a file that breaks it is reported with its code and line; a good file is not."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from helpers import SECTIONS, SESSION_META, VALID_BODY, appended_line, session_text, topic_text, write_topic
from topiclib.library import load_library
from topiclib.problems import catalogue


def codes(root: Path) -> list[tuple[str, int]]:
    return [(p.code, p.line) for p in load_library(root).problems]


def test_valid_topic_has_no_problem(tmp_path):
    """The reference fixture passes every rule and becomes a topic."""
    write_topic(tmp_path, "neu-guong")
    result = load_library(tmp_path)
    assert result.problems == []
    assert [t.slug for t in result.library.topics] == ["neu-guong"]


def test_unknown_key_is_reported_with_a_suggestion(tmp_path):
    """F205: a misspelt key names its line and the closest allowed key."""
    write_topic(tmp_path, "a", text=topic_text(descripton="x" * 50, drop=("description",)))
    problems = load_library(tmp_path).problems
    unknown = [p for p in problems if p.code == "F205"]
    assert [(p.line, "“description”" in p.hint) for p in unknown] == [(8, True)]


def test_missing_key_is_reported(tmp_path):
    """F204: a required key that is absent is named, at the opening line."""
    write_topic(tmp_path, "a", text=topic_text(drop=("updated",)))
    assert codes(tmp_path) == [("F204", 1)]


def test_wrong_group_for_folder_is_reported(tmp_path):
    """F211: `group` must be the folder the file is in."""
    write_topic(tmp_path, "a", group="ho-chi-minh", text=topic_text(group="xay-dung-dang"))
    assert codes(tmp_path) == [("F211", 4)]


def test_unknown_group_value_is_reported(tmp_path):
    """F207: a group that is not in groups.yml, with a suggestion."""
    write_topic(tmp_path, "a", text=topic_text(group="ho-chi-mihn"))
    problems = load_library(tmp_path).problems
    assert [(p.code, p.line) for p in problems] == [("F207", 4)]
    assert "ho-chi-minh" in problems[0].hint


def test_missing_reference_is_reported(tmp_path):
    """X303: a reference id that is not in the document registry names its line and the closest id."""
    text = topic_text(references="\n  - hd-12-2018\n  - ct-05-2106")
    write_topic(tmp_path, "a", text=text)
    problems = load_library(tmp_path).problems
    assert [(p.code, p.line) for p in problems] == [("X303", 9)]
    assert "ct-05-2016" in problems[0].hint


def test_yaml_syntax_error_is_reported_with_its_line(tmp_path):
    """F202: broken YAML names the line and explains it in Vietnamese."""
    write_topic(tmp_path, "a", text=topic_text(description="Chuyên đề: nói và làm: thật sự tốt hơn hẳn mọi khi"))
    problems = load_library(tmp_path).problems
    assert [(p.code, p.line) for p in problems] == [("F202", 5)]
    assert "dấu hai chấm" in problems[0].message


def test_tab_indentation_is_explained(tmp_path):
    """F202: a tab in the front matter gets a hint to indent with spaces."""
    write_topic(tmp_path, "a", text=topic_text(references="\n\t- hd-12-2018"))
    problems = load_library(tmp_path).problems
    assert problems[0].code == "F202"
    assert "Tab" in problems[0].message


def test_missing_front_matter_is_reported(tmp_path):
    """F201: a file without the --- block."""
    write_topic(tmp_path, "a", text="# Chỉ có nội dung\n")
    assert codes(tmp_path) == [("F201", 1)]


def test_front_matter_that_is_a_list_is_reported(tmp_path):
    """F203: the front matter must be key: value lines."""
    write_topic(tmp_path, "a", text="---\n- title\n- kind\n---\n")
    assert codes(tmp_path) == [("F203", 2)]


def test_duplicate_key_is_reported(tmp_path):
    """F213: a key given twice names both lines."""
    text = topic_text().replace("updated: 2026-11-30", "updated: 2026-11-30\ntitle: Lần hai")
    write_topic(tmp_path, "a", text=text)
    problems = load_library(tmp_path).problems
    assert [(p.code, p.line) for p in problems] == [("F213", 9)]
    assert "dòng 2" in problems[0].message


def test_wrong_type_is_reported(tmp_path):
    """F206: a list where text is expected."""
    write_topic(tmp_path, "a", text=topic_text(title="[một, hai]"))
    assert codes(tmp_path) == [("F206", 2)]


@pytest.mark.parametrize("description", ["Ngắn quá.", "x" * 301])
def test_description_length_is_bounded(tmp_path, description):
    """F208: the description is one or two sentences, 40 to 300 characters."""
    write_topic(tmp_path, "a", text=topic_text(description=description))
    assert codes(tmp_path) == [("F208", 5)]


@pytest.mark.parametrize("value", ["2026-13-01", "30/11/2026", "2026-02-30"])
def test_updated_must_be_a_real_iso_date(tmp_path, value):
    """F209: `updated` is a real date written YYYY-MM-DD."""
    write_topic(tmp_path, "a", text=topic_text(updated=value))
    assert codes(tmp_path) == [("F209", 8)]


def test_cell_types_accepts_all_or_known_ids(tmp_path):
    """`cell_types` is `all` or a list of ids from cell_types.yml; anything else is F207."""
    write_topic(tmp_path, "a", text=topic_text(title="Một chuyên đề thôn", cell_types="[thon-to-dan-pho, y-te]"))
    write_topic(tmp_path, "b", text=topic_text(title="Một chuyên đề khác", cell_types="tất cả"))
    problems = load_library(tmp_path).problems
    assert [(p.path.split("/")[-1], p.code, p.line) for p in problems] == [("b.md", "F207", 6)]
    assert "all" in problems[0].hint


def test_empty_and_repeated_lists_are_reported(tmp_path):
    """F210: references needs at least one item and no repeats."""
    write_topic(tmp_path, "a", text=topic_text(title="Chuyên đề một", references="[]"))
    write_topic(tmp_path, "b", text=topic_text(title="Chuyên đề hai", references="[hd-12-2018, hd-12-2018]"))
    assert sorted(codes(tmp_path)) == [("F210", 7), ("F210", 7)]


def test_session_keys_are_only_for_sessions(tmp_path):
    """F212: `guide` or `duration_minutes` on a guide is reported; a session without `guide` misses a key (F204)."""
    write_topic(tmp_path, "a", text=topic_text(title="Chuyên đề một", guide="b", duration_minutes="90"))
    write_topic(tmp_path, "b", text=session_text("a", title="Kịch bản hai", drop=("guide",)))
    assert sorted(codes(tmp_path)) == [("F204", 1), ("F212", 9), ("F212", 10)]


def test_session_must_run_an_existing_guide(tmp_path):
    """X304: a session's `guide` names an existing guide; X305 when it names another session."""
    write_topic(tmp_path, "huong-dan", text=topic_text(title="Gợi ý thật"))
    write_topic(tmp_path, "kich-ban-1", text=session_text("huong-dan", title="Kịch bản một"))
    write_topic(tmp_path, "kich-ban-2", text=session_text("huong-dam", title="Kịch bản hai"))
    write_topic(tmp_path, "kich-ban-3", text=session_text("kich-ban-1", title="Kịch bản ba"))
    problems = load_library(tmp_path).problems
    assert [(p.path.split("/")[-1], p.code, p.line) for p in problems] == [
        ("kich-ban-2.md", "X304", 19),
        ("kich-ban-3.md", "X305", 19),
    ]
    assert "huong-dan" in problems[0].hint


def test_duplicate_slug_across_groups_is_reported(tmp_path):
    """X301: file names are unique across the whole library."""
    write_topic(tmp_path, "trung-ten", group="ho-chi-minh")
    write_topic(tmp_path, "trung-ten", group="xay-dung-dang", title="Một tiêu đề khác hẳn")
    problems = load_library(tmp_path).problems
    assert [(p.code, p.path) for p in problems] == [("X301", "topics/xay-dung-dang/trung-ten.md")]


def test_duplicate_title_is_reported_whatever_the_tone_placement(tmp_path):
    """X302: titles are unique, comparing "hoà" and "hòa", case and spacing alike."""
    write_topic(tmp_path, "a", title="Hòa giải ở cơ sở")
    write_topic(tmp_path, "b", title="hoà  giải ở cơ sở")
    assert codes(tmp_path) == [("X302", 1)]


def test_bad_file_name_is_reported_with_the_slug_to_use(tmp_path):
    """T107: file names are ASCII kebab-case; the hint gives the fixed name."""
    write_topic(tmp_path, "Nêu_gương")
    problems = load_library(tmp_path).problems
    assert [p.code for p in problems] == ["T107"]
    assert "neu-guong.md" in problems[0].hint


def test_file_outside_a_group_folder_is_reported(tmp_path):
    """T105: topics live in topics/<group>/; a file elsewhere is reported, not dropped."""
    (tmp_path / "topics" / "nhom-la").mkdir(parents=True)
    (tmp_path / "topics" / "nhom-la" / "a.md").write_text(topic_text(), encoding="utf-8")
    (tmp_path / "topics" / "b.md").write_text(topic_text(), encoding="utf-8")
    assert sorted(codes(tmp_path)) == [("T105", 1), ("T105", 1)]


def test_non_markdown_file_is_reported_as_a_warning(tmp_path):
    """T106: a .docx or .txt in topics/ is not silently ignored."""
    (tmp_path / "topics" / "ho-chi-minh").mkdir(parents=True)
    (tmp_path / "topics" / "ho-chi-minh" / "y-tuong.docx").write_bytes(b"PK\x03\x04")
    result = load_library(tmp_path)
    assert [(p.code, p.severity) for p in result.problems] == [("T106", "warning")]
    assert result.ok


def test_non_utf8_file_is_reported_with_the_line(tmp_path):
    """T101: a Windows-1258 file names the line of the first bad byte."""
    path = write_topic(tmp_path, "a")
    text = topic_text(body=VALID_BODY + "Tổ dân phố\n")
    path.write_bytes(text.encode("utf-8").replace("Tổ dân phố".encode(), b"T\xd4 d\xe2n ph\xd4"))
    problems = load_library(tmp_path).problems
    assert [(p.code, p.line) for p in problems] == [("T101", appended_line())]
    assert "UTF-8" in problems[0].hint


def test_bom_and_crlf_are_accepted(tmp_path):
    """A file saved by Notepad (BOM, CRLF line ends) is a valid topic."""
    path = write_topic(tmp_path, "a")
    path.write_bytes(b"\xef\xbb\xbf" + topic_text().replace("\n", "\r\n").encode("utf-8"))
    result = load_library(tmp_path)
    assert result.problems == []
    assert "\r" not in result.library.topics[0].body


def test_nfd_text_is_normalised_with_a_notice(tmp_path):
    """T104: decomposed text is composed (NFC) on the site and reported as a notice, not an error."""
    path = write_topic(tmp_path, "a")
    path.write_text(unicodedata.normalize("NFD", topic_text()), encoding="utf-8")
    result = load_library(tmp_path)
    assert [(p.code, p.severity) for p in result.problems] == [("T104", "notice")]
    topic = result.library.topics[0]
    assert unicodedata.is_normalized("NFC", topic.title + topic.body)


def test_mojibake_is_reported_with_its_line(tmp_path):
    """T102: TCVN3 text pasted into the body names its line."""
    write_topic(tmp_path, "a", text=topic_text(body=VALID_BODY + "§¶ng viªn ph¶i g­¬ng mÉu\n"))
    assert codes(tmp_path) == [("T102", appended_line())]


@pytest.mark.parametrize(
    ("body", "what"),
    [
        ("<script>alert(1)</script>", "<script>"),
        ('<iframe src="https://example.org"></iframe>', "<iframe>"),
        ('<img src="a.png" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<a href="java&#115;cript:alert(1)">x</a>', "javascript:"),
        ("[bấm vào](javascript:alert(1))", "javascript:"),
        ("[bấm vào][x]\n\n[x]: JavaScript:alert(1)", "javascript:"),
        ("<javascript:alert(1)>", "javascript:"),
        ("[ảnh](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
    ],
)
def test_unsafe_markup_is_reported(tmp_path, body, what):
    """T103: raw scripts, frames, event handlers and javascript:/data: links are errors, on their line."""
    write_topic(tmp_path, "a", text=topic_text(body=f"{VALID_BODY}{body}\n"))
    problems = load_library(tmp_path).problems
    assert problems and {p.code for p in problems} == {"T103"}
    assert problems[0].line == appended_line(2 if "[x]:" in body else 0)
    assert what in problems[0].message


def test_ordinary_links_and_html_are_fine(tmp_path):
    """http(s) links, plain inline HTML and the word "onion" in text are not flagged."""
    body = VALID_BODY + "[Báo](https://example.org) <b>đậm</b> <abbr title='x'>HD</abbr> onion=1\n"
    write_topic(tmp_path, "a", text=topic_text(body=body))
    assert codes(tmp_path) == []


def test_every_file_is_on_the_site_or_reported(tmp_path):
    """Nothing is lost: each file under topics/ becomes a topic or has a problem."""
    write_topic(tmp_path, "tot")
    write_topic(tmp_path, "loi", text=topic_text(group="sai"))
    (tmp_path / "topics" / "ho-chi-minh" / "ghi-chu.txt").write_text("x", encoding="utf-8")
    result = load_library(tmp_path)
    files = {p.relative_to(tmp_path).as_posix() for p in (tmp_path / "topics").rglob("*") if p.is_file()}
    on_site = {t.path for t in result.library.topics}
    reported = {p.path for p in result.problems}
    assert files == on_site | reported
    assert not on_site & reported


def test_every_problem_code_is_in_the_catalogue():
    """Each code has a rule, a message and a hint in Vietnamese."""
    for code, rule in catalogue().items():
        assert rule.message and rule.hint and rule.rule, code
        assert rule.severity in ("error", "warning", "notice")


def test_problem_output_formats():
    """Plain `path:line: CODE message hint`, and GitHub annotations that escape newlines and commas."""
    from topiclib.problems import problem

    item = problem("F205", "topics/a,b.md", 3, key="kindd", did_you_mean="", allowed=["kind"])
    assert item.format().startswith("topics/a,b.md:3: F205 ")
    assert item.github().startswith("::error file=topics/a%2Cb.md,line=3,title=F205::")
    assert "\n" not in item.github()


def test_body_line_numbers_survive_the_front_matter(tmp_path):
    """Lines in body problems count from the top of the file, front matter included."""
    write_topic(tmp_path, "a", text=topic_text(body=VALID_BODY + "\n\n<script>x</script>\n"))
    assert codes(tmp_path) == [("T103", appended_line(2))]


def test_guide_missing_a_section_is_reported(tmp_path):
    """C501: every required section of a guide is a level-2 heading."""
    body = VALID_BODY.replace("## Câu hỏi thảo luận\n", "## Câu hỏi\n")
    write_topic(tmp_path, "a", text=topic_text(body=body))
    problems = load_library(tmp_path).problems
    assert [p.code for p in problems] == ["C501"]
    assert "Câu hỏi thảo luận" in problems[0].message


def test_guide_sections_out_of_order_are_reported(tmp_path):
    """C502: the sections follow the order of content_rules.yml; the line is the misplaced heading's."""
    first, second = f"## {SECTIONS[0]}\n", f"## {SECTIONS[1]}\n"
    body = VALID_BODY.replace(first, "@@").replace(second, first).replace("@@", second)
    write_topic(tmp_path, "a", text=topic_text(body=body))
    problems = load_library(tmp_path).problems
    assert [(p.code, p.line) for p in problems] == [("C502", 11)]


def test_heading_match_ignores_case_marks_and_tone_placement(tmp_path):
    """A heading typed without capitals or with a trailing colon still counts."""
    body = VALID_BODY.replace("## Mục đích, yêu cầu\n", "## mục đích, yêu cầu:\n")
    write_topic(tmp_path, "a", text=topic_text(body=body))
    assert codes(tmp_path) == []


@pytest.mark.parametrize("words", [120, 1700])
def test_guide_length_is_bounded(tmp_path, words):
    """C503: a guide's body is 500 to 1500 words."""
    filler = " ".join(["chi bộ"] * (words // 2))
    body = "".join(f"## {heading}\n\n{filler if i == 0 else 'Nội dung.'}\n\n" for i, heading in enumerate(SECTIONS))
    write_topic(tmp_path, "a", text=topic_text(body=body))
    assert [p.code for p in load_library(tmp_path).problems] == ["C503"]


def test_sessions_have_their_own_content_rules(tmp_path):
    """Sessions have their own sections (purpose, questions, chairing) and a shorter length than guides."""
    write_topic(tmp_path, "huong-dan", title="Gợi ý thật")
    write_topic(tmp_path, "kich-ban", text=session_text("huong-dan", title="Kịch bản"))
    assert codes(tmp_path) == []
    write_topic(tmp_path, "kich-ban", text=session_text("huong-dan", title="Kịch bản", body=VALID_BODY))
    assert [code for code, _ in codes(tmp_path)] == ["C501", "C503"]


def test_citing_an_incomplete_registry_entry_is_reported(tmp_path):
    """X307: an entry without a number (for a numbered type) or a full date can't be cited."""
    from dataclasses import replace

    import topiclib.data as data

    catalog, _ = data.load_catalog()
    broken = tuple(replace(d, number=None) if d.id == "ct-05-2016" else d for d in catalog.documents)
    catalog = replace(catalog, documents=broken)
    write_topic(tmp_path, "a")
    from topiclib.load import read_topic
    from topiclib.validate import make_validator, validate_topic

    raw, _ = read_topic(tmp_path / "topics/ho-chi-minh/a.md", tmp_path)
    _, problems = validate_topic(raw, catalog, make_validator(catalog))
    assert [(p.code, p.line) for p in problems] == [("X307", 7)]
    assert "số hiệu" in problems[0].message


def _session_codes(tmp_path, **meta):
    write_topic(tmp_path, "huong-dan", title="Gợi ý thật")
    write_topic(tmp_path, "kich-ban", text=session_text("huong-dan", title="Kịch bản", **meta))
    return codes(tmp_path)


def test_valid_session_has_no_problem(tmp_path):
    """The reference session (120 minutes, six steps) passes every agenda rule."""
    assert _session_codes(tmp_path) == []


def test_session_missing_a_required_step_is_reported(tmp_path):
    """S601 (and S603, since the minutes no longer add up)."""
    agenda = SESSION_META["agenda"].replace("\n  - {step: ket-luan, minutes: 15, lead: chu-tri}", "")
    assert [c for c, _ in _session_codes(tmp_path, agenda=agenda)] == ["S603", "S601"]


def test_session_steps_out_of_order_are_reported(tmp_path):
    """S602: the presentation before the chair states the purpose, on the misplaced step's line."""
    first = "{step: muc-dich-yeu-cau, minutes: 10, lead: chu-tri}"
    second = "{step: trinh-bay-du-thao, minutes: 30, lead: trinh-bay}"
    swapped = SESSION_META["agenda"].replace(first, "@@").replace(second, first).replace("@@", second)
    assert _session_codes(tmp_path, agenda=swapped) == [("S602", 14)]


def test_session_minutes_must_add_up(tmp_path):
    """S603: the steps' minutes equal duration_minutes."""
    assert _session_codes(tmp_path, duration_minutes="125") == [("S603", 9)]


@pytest.mark.parametrize(
    ("combined", "duration", "expected"),
    [("false", 80, "S604"), ("false", 90, None), ("true", 100, "S604"), ("true", 120, None)],
)
def test_session_meets_the_hd42_minimum(tmp_path, combined, duration, expected):
    """S604: at least 90 minutes, or 120 when combined with the monthly meeting."""
    agenda = SESSION_META["agenda"].replace("minutes: 55", f"minutes: {55 - (120 - duration)}")
    found = [c for c, _ in _session_codes(tmp_path, agenda=agenda, duration_minutes=str(duration), combined=combined)]
    assert found == ([expected] if expected else [])


def test_session_step_leader_must_be_a_declared_role(tmp_path):
    """S605: every step's `lead` is in `roles`."""
    assert _session_codes(tmp_path, roles="[chu-tri, trinh-bay, dang-vien]") == []
    agenda = SESSION_META["agenda"].replace(
        "{step: be-mac, minutes: 5, lead: chu-tri}", "{step: be-mac, minutes: 5, lead: thu-ky}"
    )
    assert _session_codes(tmp_path, agenda=agenda, roles="[chu-tri, trinh-bay, dang-vien]") == [("S605", 18)]


def test_session_unknown_step_is_reported(tmp_path):
    """F207: a step id that is not in meeting_steps.yml."""
    agenda = SESSION_META["agenda"].replace("step: thao-luan,", "step: thao-luen,")
    assert [c for c, _ in _session_codes(tmp_path, agenda=agenda)] == ["F207"]


def test_session_must_be_in_its_guides_group(tmp_path):
    """X308: a session lives in the same group folder as the guide it runs."""
    write_topic(tmp_path, "huong-dan", title="Gợi ý thật")
    text = session_text("huong-dan", title="Kịch bản", group="xay-dung-dang")
    write_topic(tmp_path, "kich-ban", group="xay-dung-dang", text=text)
    assert codes(tmp_path) == [("X308", 4)]


def test_an_anniversary_date_that_is_not_in_the_data_is_reported(tmp_path):
    """C505: "dịp kỷ niệm … (3/2/1930)" passes; an anniversary day the data does not hold is reported on its line."""
    good = "\nChi bộ sinh hoạt vào dịp kỷ niệm ngày thành lập Đảng (3/2/1930).\n"
    bad = "\nNên sinh hoạt dịp kỷ niệm ngày truyền thống của xã (14/9/1931).\n"
    document = "\nTheo Hướng dẫn 12-HD/BTCTW ngày 06/7/2018, mỗi quý một lần.\n"
    write_topic(tmp_path, "a", text=topic_text(body=VALID_BODY + good + document + bad))
    assert codes(tmp_path) == [("C505", appended_line(5))]


def test_two_guides_with_the_same_description_are_reported(tmp_path):
    """X309: a guide's description may not repeat another guide's, whatever the case and marks."""
    description = "Gợi ý để chi bộ bàn cách đảng viên nêu gương trong việc làng, việc xóm hằng ngày."
    write_topic(tmp_path, "mot", description=description)
    write_topic(tmp_path, "hai", description=description.upper())
    assert codes(tmp_path) == [("X309", 5)]


def test_checking_one_file_finds_a_description_another_file_shares(tmp_path):
    """The check CLI's fast path reads other files' descriptions too, so it reports X309 like a full check."""
    from topiclib.library import check_files

    description = "Gợi ý để chi bộ bàn cách đảng viên nêu gương trong việc làng, việc xóm hằng ngày."
    write_topic(tmp_path, "mot", description=description)
    second = write_topic(tmp_path, "sau", description=description)
    full = [(p.path, p.code) for p in load_library(tmp_path).problems]
    assert full == [("topics/ho-chi-minh/sau.md", "X309")]
    assert [p.code for p in check_files(tmp_path, [second]).problems] == ["X309"]


def test_a_guide_citing_qd_144_names_its_five_standards(tmp_path):
    """C507: the registry's `names` of a cited document (QĐ 144's standards) must all be in the guide's text."""
    from topiclib.data import load_catalog

    standards = load_catalog()[0].document_by_id["qd-144-2024"].names
    cited = "[hd-12-2018, qd-144-2024]"
    write_topic(tmp_path, "thieu", text=topic_text(references=cited, body=VALID_BODY + "\n" + "; ".join(standards[:4])))
    write_topic(
        tmp_path,
        "du",
        text=topic_text(
            title="Đủ năm chuẩn mực", references=cited, body=VALID_BODY + "\n" + "; ".join(standards).lower()
        ),
    )
    problems = [p for p in load_library(tmp_path).problems if p.code != "X309"]
    assert [(p.code, p.path) for p in problems] == [("C507", "topics/ho-chi-minh/thieu.md")]
    assert standards[4] in problems[0].message


def test_file_that_cannot_be_opened_is_reported_not_a_traceback(tmp_path, monkeypatch):
    """A file without read permission (or locked by another program) is a problem naming it, never a crash."""
    locked = write_topic(tmp_path, "khong-doc-duoc")
    write_topic(tmp_path, "doc-duoc")
    real_read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == locked:
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = load_library(tmp_path)
    assert [(p.code, p.path) for p in result.problems if p.is_error] == [
        ("T114", "topics/ho-chi-minh/khong-doc-duoc.md")
    ]
    assert "Permission denied" in result.problems[0].format()
    assert [topic.slug for topic in result.library.topics] == ["doc-duoc"]


def test_hidden_markdown_file_is_named_not_silently_left_out(tmp_path):
    """A hidden ".md" (the "._x.md" a Mac leaves on a USB stick) is not a page, and a notice says so."""
    write_topic(tmp_path, "bai-that")
    (tmp_path / "topics" / "ho-chi-minh" / "._bai-that.md").write_bytes(b"\x00\x05\x16\x07 Mac OS X")
    (tmp_path / "topics" / "ho-chi-minh" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    result = load_library(tmp_path)
    assert [(p.code, p.severity, p.path) for p in result.problems] == [
        ("T115", "notice", "topics/ho-chi-minh/._bai-that.md")
    ]
    assert [topic.slug for topic in result.library.topics] == ["bai-that"]
