"""The data script of the plan page (ke-hoach/): the plan's paper model and what its suggestions stand on.

`window.TLData.plan` = {
    "document": the KẾ HOẠCH paper (forms.yml, its plan_table: fields q<quarter>_<k>_cd, _nhom, _nguoi, _ngay,
                _ghi_chu; a quarter's rows after its first only when they hold a topic),
    "meetings_per_quarter": how many rows a quarter can hold,
    "groups": [{"id", "short", "name"}] in order, "cell_types": [{"id", "name"}],
    "anniversaries": anniversaries.yml as it stands (every date with its sources),
}
and the plan's field blanks are added to `window.TLData.fields` (word.js). The topic list (chuyen-de.js) gives
each topic's group id, cell types and suggested quarters (prepare_data.topic_row).
"""

from __future__ import annotations

from typing import Any

from .library import Library
from .papers import form_document, plan_field_specs
from .prepare_data import DataScript, script_json
from .uris import PLAN_JS

PLAN_FORM = "ke-hoach-sinh-hoat-chuyen-de-nam"


def plan_data(library: Library) -> DataScript:
    catalog = library.catalog
    form = next(f for f in catalog.forms if f["id"] == PLAN_FORM)
    config = next(entry["plan_table"] for entry in form["blocks"] if "plan_table" in entry)
    plan: dict[str, Any] = {
        "document": form_document(form, catalog).to_json(),
        "meetings_per_quarter": config["meetings_per_quarter"],
        "groups": [{"id": g.id, "short": g.short, "name": g.name} for g in catalog.groups],
        "cell_types": [{"id": c.id, "name": c.name} for c in catalog.cell_types],
        "anniversaries": list(catalog.anniversaries),
    }
    blanks = script_json(plan_field_specs(config))
    content = (
        "(window.TLData = window.TLData || {});\n"
        f"window.TLData.plan = {script_json(plan)};\n"
        f"window.TLData.fields = Object.assign(window.TLData.fields || {{}}, {blanks});\n"
    )
    return DataScript(PLAN_JS, content)
