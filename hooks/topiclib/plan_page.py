"""The page "Lập kế hoạch sinh hoạt chuyên đề năm" (ke-hoach/): the year's plan, a fieldset per quarter.

Like the meeting-papers page (prepare_page.py): the Markdown holds only the front matter and the heading; the form
comes from the autoescaping template `render/templates/plan.html` and travels as page meta (`plan_form`), which the
theme template `overrides/plan.html` prints, with the site-root paths of the data scripts it loads. The form holds
the cell's details (the controls of chuan-bi/, by id, so the browser remembers one cell for both pages), the year,
the cell type, four quarters and a `<template>` of one planned meeting that `plan.js` copies for each meeting. Every
word shown comes from `data/plan.yml`, the shared ones from `data/meeting_papers.yml` (`fields`, `topic_label`, the
`page` keys that plan.yml names in `shared_words`); plan.js fills in the plan's paper (`plan_data.py`) in the browser.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from markupsafe import Markup

from .data import Catalog
from .library import Library
from .papers import QUARTERS
from .prepare_page import SCRIPT_PREFIX
from .render.front_matter import tool_page_markdown
from .render.templates import render
from .uris import FORMS_INDEX, PLAN_JS, PLAN_PAGE, PREPARE_PAGE, PREPARE_TOPICS_JS, PREPARE_WORD_JS, Links

PAGE_TEMPLATE = "plan.html"
FORM_TEMPLATE = "plan.html"
ID_PREFIX = "tl-p-"
# The ids in the meeting template start with this; plan.js gives every meeting its own number instead of the 0.
MEETING_ID = ID_PREFIX + "m0"


class PlanControl(NamedTuple):
    """One control of the plan's form, as the template writes it."""

    id: str
    control_id: str
    label: str
    type: str
    hint: str = ""
    error: str = ""
    param: str = ""
    prepare: str = ""
    min: int = 0
    max: int = 0
    options: tuple[tuple[str, str], ...] = ()


def plan_page_markdown(library: Library, links: Links) -> tuple[str, dict[str, str]]:
    """The page's Markdown and its meta: the form's HTML and the site-root paths of the scripts it loads."""
    catalog = library.catalog
    strings = page_strings(catalog)
    form = render(
        FORM_TEMPLATE,
        strings=strings,
        cell_fields=cell_controls(catalog),
        plan_fields=plan_controls(catalog),
        meeting_fields=meeting_controls(catalog),
        quarters=[(number, strings["quarter_legend"].format(quarter=numeral)) for number, numeral in _quarters()],
        groups=[(group.id, group.short) for group in catalog.groups],
        cell_types=[(cell_type.id, cell_type.name) for cell_type in catalog.cell_types],
        meeting_id=MEETING_ID,
        topic_hint_id=ID_PREFIX + "topic-hint",
        script_strings=json.dumps(script_strings(library), ensure_ascii=False),
        prepare_href=Markup(links.href(PLAN_PAGE, PREPARE_PAGE)),
        prepare_this=catalog.strings["prepare_this"],
        forms_href=Markup(links.href(PLAN_PAGE, FORMS_INDEX)),
    )
    markdown = tool_page_markdown(strings["title"], strings["description"], PAGE_TEMPLATE)
    meta = {
        "plan_form": form,
        "plan_topics_js": PREPARE_TOPICS_JS,
        "plan_word_js": PREPARE_WORD_JS,
        "plan_data_js": PLAN_JS,
    }
    return markdown, meta


def page_strings(catalog: Catalog) -> dict[str, str]:
    """The page's words: plan.yml `page`, with the words of chuan-bi/ that plan.yml names in `shared_words`."""
    shared = catalog.meeting_papers["page"]
    return {**{key: shared[key] for key in catalog.plan["shared_words"]}, **catalog.plan["page"]}


def script_strings(library: Library) -> dict[str, Any]:
    """What plan.js shows besides the HTML: the `js_` words (without the prefix) and the kinds' names."""
    catalog = library.catalog
    shown = {
        key[len(SCRIPT_PREFIX) :]: value
        for key, value in page_strings(catalog).items()
        if key.startswith(SCRIPT_PREFIX)
    }
    shown["kinds"] = {kind.id: kind.name for kind in catalog.kinds}
    return shown


def cell_controls(catalog: Catalog) -> list[PlanControl]:
    """The cell's details: the controls of chuan-bi/ with the same ids, labels and hints."""
    fields = {entry["id"]: entry for entry in catalog.meeting_papers["fields"]}
    return [
        PlanControl(
            id=field_id,
            control_id=ID_PREFIX + field_id,
            label=fields[field_id]["label"],
            type=fields[field_id]["type"],
            hint=fields[field_id].get("hint", ""),
            error=fields[field_id].get("error", ""),
        )
        for field_id in catalog.plan["cell_fields"]
    ]


def plan_controls(catalog: Catalog) -> list[PlanControl]:
    """The year and the cell type (a choice among cell_types.yml, none first)."""
    controls = []
    for entry in catalog.plan["fields"]:
        options: tuple[tuple[str, str], ...] = ()
        if entry["type"] == "cell_type":
            options = (("", entry["empty"]), *((c.id, c.name) for c in catalog.cell_types))
        controls.append(
            PlanControl(
                id=entry["id"],
                control_id=ID_PREFIX + entry["id"],
                label=entry["label"],
                type=entry["type"],
                hint=entry.get("hint", ""),
                error=entry.get("error", ""),
                min=entry.get("min", 0),
                max=entry.get("max", 0),
                options=options,
            )
        )
    return controls


def meeting_controls(catalog: Catalog) -> list[PlanControl]:
    """One planned meeting's controls; a field without its own label takes the label of its chuan-bi/ field."""
    papers = catalog.meeting_papers
    shared = {entry["id"]: entry for entry in papers["fields"]}
    shared[papers["topic_param"]] = {"label": papers["topic_label"]}
    return [
        PlanControl(
            id=entry["id"],
            control_id=f"{MEETING_ID}-{entry['id']}",
            label=entry.get("label") or shared[entry["prepare"]]["label"],
            type=entry["type"],
            hint=entry.get("hint", ""),
            error=entry.get("error", ""),
            param=entry["param"],
            prepare=entry["prepare"],
        )
        for entry in catalog.plan["meeting_fields"]
    ]


def _quarters() -> list[tuple[int, str]]:
    return list(enumerate(QUARTERS, 1))
