"""The theme's stylesheet the site ships (scripts/theme_css.py): current, and it drops nothing a page uses."""

from __future__ import annotations

import re

import theme_css

from helpers import ROOT


def test_shipped_stylesheet_is_what_the_installed_theme_gives():
    """docs/assets/stylesheets/material.min.css is rewritten after an upgrade of mkdocs-material (or when the site's
    own CSS or scripts start reading one of the theme's custom properties it had dropped)."""
    current = theme_css.OUTPUT.read_text(encoding="utf-8") == theme_css.theme_css()
    assert current, "run: python scripts/theme_css.py"


def test_no_page_uses_a_class_the_stylesheet_drops(built_site):
    """Every class on every built page, and every class the site's scripts write, keeps the theme's rules."""
    texts = [path.read_text(encoding="utf-8") for path in built_site.rglob("*.html")]
    texts += [path.read_text(encoding="utf-8") for path in (ROOT / "docs" / "assets" / "javascripts").glob("*.js")]
    classes = {name for text in texts for value in re.findall(r'class="([^"]*)"', text) for name in value.split()}
    classes |= {name for text in texts for name in re.findall(r"\b(?:md|tl)-[\w-]+", text)}
    dropped = sorted(name for name in classes if theme_css._is_unused(name, theme_css.UNUSED))
    assert dropped == []


def test_prune_drops_the_selectors_of_unused_components_only():
    """In a selector list only the unused selector goes; `:not()` and `:is()` keep theirs; a rule left with no
    selector and an at-rule left empty go."""
    css = (
        ".md-typeset .admonition,.md-typeset details{margin:1em}"
        ".md-search__input{width:1rem}"
        ".md-nav:not(.md-search){color:red}"
        "@media print{.md-search{display:none}}"
        ".md-source-file{font-size:.6rem}"
    )
    assert theme_css.prune(css, ("admonition", "md-search", "md-source")) == (
        ".md-typeset details{margin:1em}.md-nav:not(.md-search){color:red}.md-source-file{font-size:.6rem}"
    )


def test_prune_drops_custom_properties_nothing_reads():
    """A custom property stays while a rule, the site's CSS or a script reads it."""
    icon = 'url("data:image/svg+xml;charset=utf-8,<svg/>")'
    css = f":root{{--md-search-icon:{icon};--md-nav-icon:x;--md-own:y}}.md-nav{{mask:var(--md-nav-icon)}}"
    assert theme_css.prune(css, (), readers="color: var(--md-own)") == (
        ":root{--md-nav-icon:x;--md-own:y}.md-nav{mask:var(--md-nav-icon)}"
    )
