"""Write Material's main stylesheet less the components the site never shows (docs/assets/stylesheets/material.min.css).

    python scripts/theme_css.py            # (re)write the file from the installed mkdocs-material
    python scripts/theme_css.py --check    # exit 1 if the file is not what the installed theme gives

Every page loads the theme's stylesheet first (overrides/main.html links this copy in its place): 138 KB raw,
23 KB gzip in mkdocs-material 9.8.2, a third of a guide page's first load, most of it for components the site has
no markup for (Material's search, content tabs, admonitions, code blocks, the blog, the repository box…). This
copy drops the selectors that name one of those components (UNUSED) outside `:not()` and `:is()`, the rules
left without a selector, and the custom properties that nothing reads any more. Everything else stays byte for
byte. tests/test_theme_css.py checks the file is current and that no page of the built site uses a dropped class.
After upgrading mkdocs-material, run this script and commit the file.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path
from typing import Any

import tinycss2

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "assets" / "stylesheets" / "material.min.css"
# The site's own stylesheets and scripts: a custom property one of them reads is kept.
OWN_FILES = ("docs/assets/stylesheets/*.css", "docs/assets/javascripts/*.js", "overrides/**/*.html")
# Components the site has no markup for. A name drops its class, its __elements and --modifiers; a name ending
# in "-" drops every class that starts with it.
UNUSED = (
    "md-search",  # Material's search: the header has the library's own form, the search page its own markup
    "md-search-result",
    "md-source",  # the repository box (no repo_url)
    "md-tabs",  # navigation.tabs is off
    "md-version",  # versioned docs (mike)
    "md-select",  # the version and language selectors
    "md-annotation",  # code annotations
    "md-code",  # code block buttons
    "md-clipboard",  # copy buttons (content.code.copy is off)
    "highlight",  # code highlighting (no pymdownx.highlight)
    "highlighttable",
    "linenos",
    "linenodiv",
    "filename",
    "tabbed-",  # content tabs (no pymdownx.tabbed)
    "admonition",  # admonitions (no admonition extension); `details` and `summary` keep their rules
    "admonition-title",
    "keys",  # pymdownx.keys
    "critic",  # pymdownx.critic
    "arithmatex",  # maths
    "mermaid",  # diagrams
    "task-list-",  # task lists (no pymdownx.tasklist)
    "footnote",  # footnotes (no footnotes extension)
    "footnote-",
    "grid",  # card grids
    "md-post",  # the blog plugin
    "md-author",
    "md-pin",
    "md-profile",
    "md-tag",  # the tags plugin
    "md-tags",
    "md-consent",  # the cookie consent
    "md-feedback",  # the feedback widget
    "md-banner",  # the announcement bar
    "md-status",  # page status icons
    "md-progress",  # navigation.instant.progress
    "md-path",  # navigation.path
    "md-pagination",  # the blog's pages
    "md-social",  # social links in the footer (no extra.social)
    "md-option",  # the palette toggle (one palette)
)
Node = Any  # a tinycss2 node: a rule, a declaration or a token
CHARSET = '@charset "UTF-8";'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="theme_css.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that the file is current")
    args = parser.parse_args(argv)
    expected = theme_css()
    if args.check:
        if not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != expected:
            print(f"{OUTPUT.relative_to(ROOT)} is not current: run python scripts/theme_css.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(expected, encoding="utf-8")
    return 0


def theme_css() -> str:
    """The pruned stylesheet of the installed mkdocs-material, with its licence notice first."""
    source, version, licence = material_stylesheet()
    own_files = sorted(path for pattern in OWN_FILES for path in ROOT.glob(pattern) if path != OUTPUT)
    own = "\n".join(path.read_text(encoding="utf-8") for path in own_files)
    scripts = own + "\n".join(p.read_text(encoding="utf-8") for p in source.parent.parent.glob("javascripts/*.js"))
    pruned = prune(source.read_text(encoding="utf-8"), UNUSED, scripts)
    notice = (
        f"/*! {source.name} of mkdocs-material {version}, less the components this site does not use "
        f"(scripts/theme_css.py).\n\n{licence.strip()}\n*/\n"
    )
    head = CHARSET + "\n" if pruned.startswith(CHARSET) else ""  # a @charset must come first
    return head + notice + pruned.removeprefix(CHARSET) + "\n"


def material_stylesheet() -> tuple[Path, str, str]:
    """The installed theme's main stylesheet (the one its base.html links), its version, its licence text."""
    import material

    templates = Path(material.__file__).parent / "templates"
    name = re.search(r"assets/stylesheets/(main\.\w+\.min\.css)", (templates / "base.html").read_text("utf-8"))
    if name is None:
        raise SystemExit("mkdocs-material's base.html links no main stylesheet: update scripts/theme_css.py")
    from importlib.metadata import distribution

    dist = distribution("mkdocs-material")
    licence = next((f for f in dist.files or [] if f.match("*.dist-info/licenses/LICENSE")), None)
    if licence is None:
        raise SystemExit("mkdocs-material ships no LICENSE file: update scripts/theme_css.py")
    return templates / "assets" / "stylesheets" / name.group(1), dist.version, licence.read_text()


def prune(css: str, unused: Iterable[str], readers: str = "") -> str:
    """`css` (minified) without the selectors that name an `unused` component, the rules and at-rule blocks left
    empty, and the custom properties that no remaining rule and no text in `readers` (other CSS, scripts) reads.
    The stylesheet is read with tinycss2 (CSS Syntax Level 3) and what is kept is written back token for token."""
    names = tuple(unused)
    kept = "".join(_prune_rules(_rules(css), names, None))
    while True:
        lighter = "".join(_prune_rules(_rules(kept), (), _Readers(kept + readers)))
        if lighter == kept:
            return kept
        kept = lighter


def drops(selector: list[Node], unused: tuple[str, ...]) -> bool:
    """Whether a selector names an unused component outside parentheses (`:not(.x)`, `:is(.x, y)` keep it: their
    arguments are a function's tokens, not the selector's own)."""
    return any(
        token == "." and following.type == "ident" and _is_unused(following.value, unused)
        for token, following in pairwise(selector)
    )


def _rules(css: str) -> list[Node]:
    return tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)


def _prune_rules(rules: list[Node], unused: tuple[str, ...], is_read: _Readers | None) -> list[str]:
    """The rules kept, each serialized."""
    out = []
    for rule in rules:
        if rule.type == "at-rule" and rule.content is not None and any(t.type == "{} block" for t in rule.content):
            inner = _prune_rules(tinycss2.parse_rule_list(rule.content, True, True), unused, is_read)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "qualified-rule":
            selectors = [s for s in _split(rule.prelude) if not drops(s, unused)]
            body = tinycss2.serialize(rule.content)
            if is_read is not None:
                declarations = tinycss2.parse_blocks_contents(rule.content, True, True)
                body = ";".join(d.serialize() for d in declarations if _read_or_plain(d, is_read))
            if selectors and body.strip():
                out.append(f"{','.join(tinycss2.serialize(s).strip() for s in selectors)}{{{body}}}")
        elif rule.type != "error":
            out.append(rule.serialize())
    return out


def _split(prelude: list[Node]) -> list[list[Node]]:
    """A selector list's selectors: its tokens split at the top-level commas."""
    parts: list[list[Node]] = [[]]
    for token in prelude:
        if token == ",":
            parts.append([])
        elif token.type != "whitespace" or parts[-1]:
            parts[-1].append(token)
    return [part for part in parts if part]


class _Readers:
    """Whether a custom property is read in `text`: through `var()`, or named in a script's string."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __call__(self, prop: str) -> bool:
        return any(form in self.text for form in (f"var({prop}", f"'{prop}'", f'"{prop}"'))


def _read_or_plain(declaration: Node, is_read: _Readers) -> bool:
    """A declaration other than a custom property, or a custom property something reads."""
    if declaration.type != "declaration":
        return declaration.type != "error"
    return not declaration.name.startswith("--") or is_read(declaration.name)


def _is_unused(name: str, unused: tuple[str, ...]) -> bool:
    for component in unused:
        if component.endswith("-") and name.startswith(component):
            return True
        if name == component or name.startswith((component + "__", component + "--")):
            return True
    return False


if __name__ == "__main__":
    sys.exit(main())
