"""print-format.css, generated from data/print_format.yml: the font, sizes and the one margin setting of papers."""

from __future__ import annotations

from typing import Any

PRINT_CSS_URI = "assets/stylesheets/print-format.css"
_SIZE_CLASSES = {
    "party_name": "party",
    "higher_body": "higher",
    "issuer": "issuer",
    "number": "number",
    "place_date": "date",
    "doc_type": "type",
    "summary": "summary",
}


def print_format_css(fmt: dict[str, Any]) -> str:
    """CSS for `.tl-doc` papers: A4 with the margins, the font and the sizes of print_format.yml."""
    margins = fmt["margins_mm"]
    sizes = fmt["sizes_pt"]
    font = fmt["font"]
    rules = [
        "/* Generated from hooks/topiclib/data/print_format.yml: edit that file, not this one. */",
        f"@page {{ size: A4; margin: {margins['top']}mm {margins['right']}mm {margins['bottom']}mm "
        f"{margins['left']}mm; }}",
        f'.md-typeset .tl-doc {{ font-family: "{font}", "Liberation Serif", "Tinos", serif; '
        f"font-size: {sizes['body']}pt; line-height: 1.4; color: #000; }}",
        f".md-typeset .tl-doc--compact {{ font-size: {sizes['compact']}pt; line-height: 1.3; }}",
    ]
    rules += [f".md-typeset .tl-doc__{css} {{ font-size: {sizes[name]}pt; }}" for name, css in _SIZE_CLASSES.items()]
    return "\n".join(rules) + "\n"
