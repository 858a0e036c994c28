"""Vietnamese text: normal form, folding, slugs and mojibake detection."""

from __future__ import annotations

import html
import re
import unicodedata

from slugify import slugify as _slugify

# Tone marks on the older placement ("hoà") moved to the newer one ("hòa") for comparison.
_OLD_TONE_PLACEMENT = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}

# Characters TCVN3 (ABC) and VNI text turns into when read as Windows-1252/Latin-1, and that never
# appear in correct Vietnamese. "¸µ¶·¹" stand for á à ả ã ạ in TCVN3; "ø û ï ñ ö" for marks in VNI.
_LEGACY_CHARS = "¸µ¶·¹¨©ª«¬®§¡¢£¤¥¦´ºÆÐÞþðäåæçëîïñöøûüÿÄÅÇËÎÏÑÖØÛÜ"
_LEGACY_ANY = re.compile(rf"[{_LEGACY_CHARS}]|Ã|Ä|á[º»]")
_LEGACY_WORD = re.compile(rf"[A-Za-z]*[{_LEGACY_CHARS}][A-Za-z{_LEGACY_CHARS}]*")
# UTF-8 bytes read as Windows-1252: "Ä‘" for "đ", "Ã¡" for "á", "áº¿" for "ế" …
_DOUBLE_UTF8 = re.compile(
    r"Ã[\u0080-\u00bf\u0152-\u02dc\u2013-\u203a]|Ä[‘\u0090\u0091]|á[º»][\u0080-\u00bf\u0152-\u2122]"
)
_MOJIBAKE_MIN_HITS = 2

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MD_ESCAPED = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def nfc(text: str) -> str:
    """The precomposed (NFC) form in which the library stores and compares text."""
    return unicodedata.normalize("NFC", text)


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def fold(text: str) -> str:
    """Lower-case text with diacritics removed, đ→d and spaces collapsed: "Đảng  Viên" → "dang vien"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join(_COMBINING.sub("", decomposed).casefold().split())


def tone_key(text: str) -> str:
    """NFC, case-folded, with old tone placement ("hoà", "thuỷ") mapped to the new one."""
    key = " ".join(nfc(text).casefold().split())
    for old, new in _OLD_TONE_PLACEMENT.items():
        key = key.replace(old, new)
    return key


def slugify(text: str) -> str:
    """ASCII kebab-case slug of a Vietnamese title: "Nêu gương ở khu dân cư" → "neu-guong-o-khu-dan-cu"."""
    return _slugify(fold(text))


def is_slug(text: str) -> bool:
    return bool(_SLUG.match(text))


def mojibake_sample(text: str) -> str | None:
    """A sample of legacy-encoding (TCVN3, VNI) or double-encoded text, or None when the text looks clean."""
    if not _LEGACY_ANY.search(text):
        return None
    for matches in (
        list(_DOUBLE_UTF8.finditer(text)),
        [m for m in _LEGACY_WORD.finditer(text) if any(c.isalpha() for c in m.group())],
    ):
        if len(matches) >= _MOJIBAKE_MIN_HITS:
            return _context(text, matches[0].start())
    return None


def escape_html(text: str) -> str:
    """Escape text for HTML element content and attribute values."""
    return html.escape(text, quote=True)


def escape_markdown(text: str) -> str:
    """Escape text for inline Markdown: HTML-escaped, Markdown punctuation backslash-escaped."""
    return _MD_ESCAPED.sub(r"\\\1", escape_html(text))


def _context(text: str, index: int, width: int = 24) -> str:
    start = max(0, text.rfind("\n", 0, index) + 1, index - width)
    end = text.find("\n", index)
    end = min(len(text) if end == -1 else end, index + width)
    return text[start:end].strip()
