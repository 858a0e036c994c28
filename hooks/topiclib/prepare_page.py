"""The page "Chuẩn bị buổi sinh hoạt" (chuan-bi/): a form for one meeting's details and a topic chooser.

The page's Markdown holds only its front matter and heading; the lead and the form comes from the autoescaping template
`render/templates/prepare.html` and travels as page meta (`prepare_form`), which the theme template
`overrides/prepare.html` prints. That template also loads the page's scripts, whose paths from the site root
travel as page meta too, so the URL layout stays in `uris.py`. Every word shown comes from
`data/meeting_papers.yml` (`fields`, `topic_label`, `page`) and `data/kinds.yml`; `prepare.js` fills in the
papers in the browser from the data scripts that `prepare_data.py` writes.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any, NamedTuple

from markupsafe import Markup

from .library import Library
from .render.front_matter import tool_page_markdown
from .render.templates import render
from .uris import FORMS_INDEX, PREPARE_PAGE, PREPARE_TOPICS_JS, PREPARE_WORD_JS, Links, prepare_data_uri

PAGE_TEMPLATE = "prepare.html"
FORM_TEMPLATE = "prepare.html"
# Control ids: "tl-f-<field id>" for the fields, "tl-f-<topic param>" for the chooser.
ID_PREFIX = "tl-f-"
# Page strings that prepare.js shows are the `page` keys starting with this, passed without it.
SCRIPT_PREFIX = "js_"


class FormField(NamedTuple):
    """One control of the form, as the template writes it."""

    id: str
    control_id: str
    label: str
    type: str
    remember: bool
    hint: str
    error: str

    @property
    def input_type(self) -> str:
        """Native pickers for date and time (prepare.js falls back to text for a value they cannot hold); a whole
        number is a text box with the digit keyboard, so that whatever is typed stays and can be explained."""
        return {"date": "date", "time": "time", "flag": "checkbox"}.get(self.type, "text")


def prepare_page_markdown(library: Library, links: Links) -> tuple[str, dict[str, str]]:
    """The page's Markdown and its meta: the form's HTML and the site-root paths of the scripts it loads."""
    catalog = library.catalog
    papers = catalog.meeting_papers
    strings = papers["page"]
    fields = [_form_field(entry) for entry in papers["fields"]]
    form = render(
        FORM_TEMPLATE,
        strings=strings,
        topic_id=ID_PREFIX + papers["topic_param"],
        topic_param=papers["topic_param"],
        topic_label=papers["topic_label"],
        cell_fields=[f for f in fields if f.remember],
        meeting_fields=[f for f in fields if not f.remember],
        script_strings=json.dumps(script_strings(library), ensure_ascii=False),
        # The folder of cd/<slug>.js, relative to the page (prepare.js adds "<slug>.js"); escaped by Links.href.
        papers_href=Markup(_folder_href(links, prepare_data_uri("x"))),
        forms_href=Markup(links.href(PREPARE_PAGE, FORMS_INDEX)),
    )
    markdown = tool_page_markdown(strings["title"], strings["description"], PAGE_TEMPLATE)
    meta = {
        "prepare_form": form,
        "prepare_topics_js": PREPARE_TOPICS_JS,
        "prepare_word_js": PREPARE_WORD_JS,
    }
    return markdown, meta


def script_strings(library: Library) -> dict[str, Any]:
    """What prepare.js shows besides the HTML: the `js_` page strings and the kinds' names."""
    catalog = library.catalog
    strings = catalog.meeting_papers["page"]
    shown = {key[len(SCRIPT_PREFIX) :]: value for key, value in strings.items() if key.startswith(SCRIPT_PREFIX)}
    shown["kinds"] = {kind.id: kind.name for kind in catalog.kinds}
    return shown


def _form_field(entry: dict[str, Any]) -> FormField:
    return FormField(
        id=entry["id"],
        control_id=ID_PREFIX + entry["id"],
        label=entry["label"],
        type=entry["type"],
        remember=entry["remember"],
        hint=entry.get("hint", ""),
        error=entry.get("error", ""),
    )


def _folder_href(links: Links, uri: str) -> str:
    """The escaped relative URL of the folder holding `uri`, from the page, ending in "/"."""
    return posixpath.dirname(links.href(PREPARE_PAGE, uri)) + "/"
