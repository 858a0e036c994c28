"""Vietnamese text: normal form, folding, slugs and mojibake detection."""

from __future__ import annotations

import html
import re
import unicodedata

from slugify import slugify as _slugify

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
    """NFC, case-folded, spaces collapsed, with one tone placement: "Hoà  giải" → "hòa giải"."""
    return unify_tone_placement(" ".join(text.casefold().split()))


def unify_tone_placement(text: str) -> str:
    """NFC text with every "oa", "oe", "uy" tone mark on the first vowel, as most Party documents write it.

    "hoà" → "hòa", "Khoẻ" → "Khỏe", "UỶ" → "ỦY"; "hoàn", "quý" and "khuỷu" are spelt one way only and stay.
    """
    return nfc(_TONE_ON_SYLLABLE.sub(_move_tone, unicodedata.normalize("NFD", text)))


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


# In decomposed text: an open syllable ending in "oa", "oe" or "uy" with the tone mark on its last vowel
# ("hoà", "khoẻ", "thuỷ"), not after "q" ("quý" is spelt one way only) and followed by no letter or mark
# ("hoàn", "hoặc" and "khuỷu" stay as they are).
_TONE_ON_SYLLABLE = re.compile(
    r"(?<![qQ])([oO][aAeE]|[uU][yY])([\u0300\u0301\u0303\u0309\u0323])(?![^\W\d_]|[\u0300-\u036f])"
)


def _move_tone(match: re.Match[str]) -> str:
    pair, tone = match.group(1), match.group(2)
    return pair[0] + tone + pair[1]


def _context(text: str, index: int, width: int = 24) -> str:
    start = max(0, text.rfind("\n", 0, index) + 1, index - width)
    end = text.find("\n", index)
    end = min(len(text) if end == -1 else end, index + width)
    return text[start:end].strip()
