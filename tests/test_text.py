"""Vietnamese text handling: folding, tone placement, slugs, mojibake, escaping."""

import unicodedata

from topiclib.text import escape_html, escape_markdown, fold, is_slug, mojibake_sample, nfc, slugify, tone_key


def test_fold_removes_marks_and_maps_d_with_stroke():
    """ "Đảng viên" folds to "dang vien" (đ does not decompose, so it is mapped on its own)."""
    assert fold("Đảng  Viên") == "dang vien"
    assert fold("đạo đức") == "dao duc"


def test_fold_is_the_same_for_nfc_and_nfd():
    """A decomposed string folds exactly like its precomposed form."""
    text = "Tư tưởng Hồ Chí Minh"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)


def test_tone_key_treats_old_and_new_tone_placement_alike():
    """ "hoà"/"hòa", "thuỷ"/"thủy", "uỷ ban"/"ủy ban" compare equal."""
    assert tone_key("Hoà giải") == tone_key("hòa giải")
    assert tone_key("thuỷ lợi") == tone_key("thủy lợi")
    assert tone_key("Uỷ ban") == tone_key("ủy ban")


def test_slugify_makes_ascii_kebab_case():
    """Slugs are ASCII kebab-case with đ→d and punctuation dropped."""
    assert slugify("Đảng viên: “tự diễn biến”, hoà giải!") == "dang-vien-tu-dien-bien-hoa-giai"
    assert is_slug("dang-vien-2026")
    assert not is_slug("Dang_vien")
    assert not is_slug("đảng-viên")


def test_nfc_composes_decomposed_text():
    """NFD input is stored in NFC."""
    assert nfc(unicodedata.normalize("NFD", "ế")) == "\u1ebf"


def test_tcvn3_text_is_detected():
    """Text typed in a .VnTime font and pasted as Unicode is reported."""
    assert mojibake_sample("§¶ng viªn ph¶i g­¬ng mÉu") is not None


def test_vni_text_is_detected():
    """Text typed in a VNI-Times font and pasted as Unicode is reported."""
    assert mojibake_sample("Ñaûng vieân phaûi göông maãu") is not None


def test_double_encoded_utf8_is_detected():
    """UTF-8 read as Windows-1252 ("Ä‘áº£ng") is reported."""
    garbled = "Đảng viên gương mẫu".encode().decode("cp1252", errors="replace")
    assert mojibake_sample(garbled) is not None


def test_clean_vietnamese_is_not_mojibake():
    """Correct Vietnamese with quotes, dashes and a degree sign is not flagged."""
    text = "Đảng viên nói đi đôi với làm — “tự diễn biến”, “tự chuyển hóa”; nhiệt độ 25°C; Nguyễn Thị Ánh."
    assert mojibake_sample(text) is None


def test_escaping_neutralises_html_and_markdown():
    """Front-matter text that reaches a page cannot open a tag or a Markdown link."""
    assert escape_html('<img src=x onerror="a">') == "&lt;img src=x onerror=&quot;a&quot;&gt;"
    assert "<" not in escape_markdown("<b>[x](javascript:1)</b>")
    assert escape_markdown("[x](y)") == r"\[x\]\(y\)"
