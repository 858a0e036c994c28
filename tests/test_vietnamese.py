"""Every built page speaks Vietnamese: no English left from the theme, in what a reader sees or hears (text, the
labels and titles of controls), nor in the words the theme's scripts will show (its translations in __config)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import material

from topiclib.data import load_catalog

THEME_ENGLISH = Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"
# English the theme writes without its translations (its 404 page, its credit line).
HARD_CODED = ("404 - Not found", "Made with")
# What is read out or shown of an element besides its text.
SPOKEN = ("aria-label", "title", "placeholder", "alt", "aria-description")
UNSEEN = ("script", "style", "template", "svg")


def english_theme_words() -> re.Pattern[str]:
    """Material's English words (every value of its English translation) as one pattern of whole phrases."""
    pairs = re.findall(r'^\s*"([^"]+)": "(.*)",?$', THEME_ENGLISH.read_text(encoding="utf-8"), re.M)
    phrases = [value for key, value in pairs if not key.startswith(("language", "direction", "search.config"))]
    phrases = [value for value in phrases if len(value) >= 4] + list(HARD_CODED)
    escaped = sorted((re.escape(phrase).replace("\\#", r"\d+") for phrase in phrases), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(escaped) + r")\b")


class Reader(HTMLParser):
    """The text of a page and its spoken attributes, without scripts and styles; the theme's translations."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.config = False
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.config = values.get("id") == "__config"
        if tag in UNSEEN:
            self.hidden += 1
        self.words += [f"{name}={values[name]}" for name in SPOKEN if values.get(name)]
        if tag == "input" and values.get("type") in ("submit", "button", "reset") and values.get("value"):
            self.words.append(f"value={values['value']}")

    def handle_endtag(self, tag: str) -> None:
        if tag in UNSEEN:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if self.config:
            self.words += [f"translation={value}" for value in json.loads(data).get("translations", {}).values()]
            self.config = False
        elif not self.hidden and data.strip():
            self.words.append(data.strip())


def test_no_page_shows_english_from_the_theme(built_site: Path):
    """No text, label, title or theme translation on any page holds Material's English (e.g. 'Skip to content',
    'Back to top', 'Search', 'Made with', 'Not found')."""
    english = english_theme_words()
    found = {}
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        reader = Reader()
        reader.feed(page.read_text(encoding="utf-8"))
        hits = [words for words in reader.words if english.search(words)]
        if hits:
            found[page.relative_to(built_site).as_posix()] = hits[:3]
    assert not found, found


def test_theme_words_are_the_librarys_where_materials_vietnamese_misleads(built_site: Path):
    """The back-to-top button, the skip link and the 404 page say what they do, in the library's words."""
    strings = load_catalog()[0].strings
    pages = (path.read_text(encoding="utf-8") for path in sorted(built_site.rglob("*.html")))
    page = next(html for html in pages if 'class="md-skip"' in html)
    for key in ("theme_top", "theme_skip"):
        assert strings[key] in page, key
    assert "Trở lại mục lục" not in page
    missing = (built_site / "404.html").read_text(encoding="utf-8")
    assert f"<h1>{strings['not_found_title']}</h1>" in missing and strings["not_found_text"] in missing
