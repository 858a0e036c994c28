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
from pathlib import Path

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
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
CHARSET = '@charset "UTF-8";'
PROPERTY = re.compile(r"^\s*(--[\w-]+)\s*:")


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
    empty, and the custom properties that no remaining rule and no text in `readers` (other CSS, scripts) reads."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    names = tuple(unused)
    kept = _prune_rules(css, names)
    while True:
        lighter = _prune_rules(kept, (), _Readers(kept + readers))
        if lighter == kept:
            return kept
        kept = lighter


def drops(selector: str, unused: tuple[str, ...]) -> bool:
    """Whether `selector` names an unused component outside parentheses (`:not(.x)`, `:is(.x, y)` keep it)."""
    return any(_is_unused(name, unused) for name in CLASS.findall(_outside_parentheses(selector)))


def _prune_rules(css: str, unused: tuple[str, ...], is_read=None) -> str:
    out = []
    for prelude, body in _blocks(css):
        if prelude.startswith("@") and "{" in body:
            inner = _prune_rules(body, unused, is_read)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.endswith(";"):
            out.append(prelude)
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            selectors = [s for s in _split_top(prelude, ",") if not drops(s, unused)]
            if is_read is not None:
                body = ";".join(d for d in _split_top(body, ";") if _read_or_plain(d, is_read))
            if selectors and body.strip():
                out.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(out)


class _Readers:
    """Whether a custom property is read in `text`: through `var()`, or named in a script's string."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __call__(self, prop: str) -> bool:
        return any(form in self.text for form in (f"var({prop}", f"'{prop}'", f'"{prop}"'))


def _read_or_plain(declaration: str, is_read) -> bool:
    match = PROPERTY.match(declaration)
    return match is None or is_read(match.group(1))


def _is_unused(name: str, unused: tuple[str, ...]) -> bool:
    for component in unused:
        if component.endswith("-") and name.startswith(component):
            return True
        if name == component or name.startswith((component + "__", component + "--")):
            return True
    return False


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs of `css`; a statement at-rule (`@charset …;`) is a prelude with no body."""
    blocks = []
    position = 0
    while position < len(css):
        opening = _find_top(css, "{", position)
        statement = _find_top(css, ";", position)
        if statement != -1 and (opening == -1 or statement < opening) and css[position:].lstrip().startswith("@"):
            blocks.append((css[position:statement].strip() + ";", ""))
            position = statement + 1
            continue
        if opening == -1:
            break
        closing = _matching(css, opening)
        blocks.append((css[position:opening].strip(), css[opening + 1 : closing]))
        position = closing + 1
    return blocks


def _find_top(text: str, char: str, start: int) -> int:
    """The index of `char` at or after `start`, outside strings; -1 if none."""
    quote = ""
    for index in range(start, len(text)):
        c = text[index]
        if quote:
            if c == quote and text[index - 1] != "\\":
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == char:
            return index
    return -1


def _matching(text: str, opening: int) -> int:
    """The index of the brace that closes the one at `opening`, outside strings."""
    depth, quote = 0, ""
    for index in range(opening, len(text)):
        c = text[index]
        if quote:
            if c == quote and text[index - 1] != "\\":
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return index
    raise SystemExit("the theme's stylesheet has an unclosed block")


def _split_top(text: str, separator: str) -> list[str]:
    """`text` split at `separator` outside strings and parentheses."""
    parts, depth, quote, start = [], 0, "", 0
    for index, c in enumerate(text):
        if quote:
            if c == quote and text[index - 1] != "\\":
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [part for part in parts if part.strip()]


def _outside_parentheses(selector: str) -> str:
    depth, out = 0, []
    for c in selector:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth == 0:
            out.append(c)
    return "".join(out)


if __name__ == "__main__":
    sys.exit(main())
