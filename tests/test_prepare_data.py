"""The data scripts of the meeting-papers and plan pages: what they hold, and that no text in them can break out."""

from __future__ import annotations

import json
import re

from helpers import session_text, write_topic
from topiclib.library import load_library
from topiclib.plan_data import plan_data
from topiclib.prepare_data import meeting_papers, prepare_data, script_json, topic_row
from topiclib.uris import PREPARE_TOPICS_JS, Links, prepare_data_uri

# A title may not hold U+2028 (T110 refuses it); script_json escapes it all the same (tested below).
HOSTILE = '"Chuyên đề </script><script>alert(1)</script> & thử"'


def _library(tmp_path):
    write_topic(tmp_path, "huong-dan", title=HOSTILE, quarters="[2, 3]")
    write_topic(tmp_path, "kich-ban", text=session_text("huong-dan", title='"Kịch bản: Chuyên đề thử"'))
    return load_library(tmp_path).library


def test_topic_rows_carry_group_cell_types_and_quarters(tmp_path):
    """A guide's row has its own quarters; a session's row has its guide's."""
    library = _library(tmp_path)
    links = Links(True)
    guide = topic_row(library.by_slug["huong-dan"], library, links)
    session = topic_row(library.by_slug["kich-ban"], library, links)
    assert guide[0] == "huong-dan" and guide[2] == "guide"
    assert guide[6:] == ["ho-chi-minh", ["all"], [2, 3], "huong-dan"]
    assert session[2] == "session" and session[8] == [2, 3] and session[9] == "huong-dan"
    assert guide[5] == "../chuyen-de/ho-chi-minh/huong-dan/"


def test_no_text_in_a_data_script_can_close_its_script_element(tmp_path):
    """Titles with </script> are written escaped; the JSON inside still reads back the same title."""
    library = _library(tmp_path)
    scripts = {script.src_uri: script.content for script in [*prepare_data(library, Links(True)), plan_data(library)]}
    for uri, content in scripts.items():
        assert "<" not in content and "\u2028" not in content, uri
    topics = scripts[PREPARE_TOPICS_JS]
    rows = json.loads(re.search(r"window\.TLData\.topics = (.*);\n", topics).group(1))
    assert rows[0][1] == library.by_slug["huong-dan"].title
    assert "</script>" in rows[0][1]


def test_script_json_escapes_what_would_end_a_script_or_a_line():
    """`<`, U+2028 and U+2029 never reach a data script as themselves; the JSON reads back the same text."""
    text = "a </script> \u2028 b \u2029 c"
    written = script_json({"t": text})
    assert not {"<", "\u2028", "\u2029"} & set(written)
    assert json.loads(written) == {"t": text}


def test_a_paper_the_same_with_and_without_the_monthly_meeting_is_written_once(tmp_path):
    """In cd/<slug>.js the "1" list holds null where the paper equals its "0" twin; script and minutes differ."""
    library = _library(tmp_path)
    papers = meeting_papers(library.by_slug["kich-ban"], library)
    first, second = papers["papers"]["0"], papers["papers"]["1"]
    assert [doc["id"] for doc in first] == ["kich-ban", "du-thao", "bien-ban", "thong-bao", "bao-cao"]
    assert first[0] != second[0] and first[2] != second[2] and first[1] == second[1]
    script = next(s.content for s in prepare_data(library, Links(True)) if s.src_uri == prepare_data_uri("kich-ban"))
    assert script.count("null") >= 3
