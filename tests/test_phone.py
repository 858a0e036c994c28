"""Every kind of page on a 360 px phone, as a reader notices it: nothing scrolls sideways, text of at least 14 px,
tap targets at least 24 px high, and a session script's agenda read step by step, one block a step.

Each page is opened once, settled (the tools filled in, the search answered) and saved as a full-page screenshot
under pytest's temporary folder (phone0/<kind>.png) to look at.
"""

from __future__ import annotations

import pytest
from page_kinds import SETTLED, page_kinds

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
# What a person sees on the page, measured in the browser.
MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const content = document.querySelector(".md-content");
  const shown = (e) => {
    const style = getComputedStyle(e);
    const box = e.getBoundingClientRect();
    return style.visibility !== "hidden" && box.width > 1 && box.height > 1;
  };
  const name = (e) => e.tagName.toLowerCase() + (e.className && typeof e.className === "string"
    ? "." + e.className.trim().split(/\\s+/).join(".") : "") + " “" + e.textContent.trim().slice(0, 30) + "”";
  const wide = [];
  for (const e of document.body.querySelectorAll("*")) {
    if (!shown(e)) continue;
    const box = e.getBoundingClientRect();
    const inMain = e.closest(".md-main");
    const scrolls = inMain && /auto|scroll/.test(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1;
    if (box.width > width + 1 || (inMain && box.right > width + 1) || scrolls) wide.push(name(e));
  }
  const small = new Set();
  const texts = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  while (texts.nextNode()) {
    const parent = texts.currentNode.parentElement;
    if (!texts.currentNode.textContent.trim() || !shown(parent)) continue;
    const size = parseFloat(getComputedStyle(parent).fontSize) * (parent.currentCSSZoom || 1);
    if (size < 13.95) small.add(name(parent) + " " + size.toFixed(1) + " px");
  }
  // A link among words of a sentence is exempt (WCAG 2.5.8, inline); links standing alone, buttons and
  // controls are measured, a checkbox together with its label.
  const inSentence = (link) => {
    let block = link.parentElement;
    while (block !== content && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    let words = block.textContent;
    block.querySelectorAll("a").forEach((a) => { words = words.replace(a.textContent, ""); });
    return /\\p{L}/u.test(words);
  };
  const short = [];
  for (const e of content.querySelectorAll("a[href], button, select, input:not([type=hidden]), summary")) {
    if (!shown(e) || (e.matches("a") && inSentence(e))) continue;
    const boxes = [e, ...(e.labels || [])].filter(shown).map((x) => x.getBoundingClientRect());
    const height = Math.max(...boxes.map((b) => b.bottom)) - Math.min(...boxes.map((b) => b.top));
    if (height < 23.5) short.push(name(e) + " " + Math.round(height) + " px");
  }
  const agendas = [...content.querySelectorAll("table.tl-doc__table--stacked")].map((table) => ({
    width: table.parentElement.getBoundingClientRect().width,
    header: table.tHead ? table.tHead.getBoundingClientRect().height : 0,
    steps: [...table.tBodies[0].rows].map((row) => ({
      width: row.getBoundingClientRect().width,
      height: row.getBoundingClientRect().height,
      cells: [...row.cells].map((cell) => {
        const box = cell.getBoundingClientRect();
        return {top: box.top, bottom: box.bottom, text: cell.textContent.trim(),
                label: getComputedStyle(cell, "::before").content};
      }),
    })),
  }));
  return {scroll: document.documentElement.scrollWidth, width, wide, small: [...small], short, agendas};
}"""


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def measured(phone, site_url, built_site, tmp_path_factory) -> dict[str, dict]:
    """Each kind of page at 360 px: settled, saved as a screenshot and measured."""
    shots = tmp_path_factory.mktemp("phone")
    found = {}
    for kind, path in page_kinds(built_site):
        phone.goto(site_url + path)
        if kind in SETTLED:
            phone.wait_for_function(SETTLED[kind])
        shot = shots / f"{kind.replace(' ', '-')}.png"
        phone.screenshot(path=shot, full_page=True)
        assert shot.stat().st_size > 0
        found[kind] = {"path": path, **phone.evaluate(MEASURE)}
    return found


def test_no_page_scrolls_sideways_or_holds_anything_wider_than_the_screen(measured):
    """On every kind of page the document is no wider than the phone, and no element is wider, sticks out on the
    right or scrolls sideways inside the page."""
    for kind, page in measured.items():
        assert page["scroll"] <= PHONE["width"], (kind, page["path"], page["scroll"])
        assert not page["wide"], (kind, page["path"], page["wide"][:5])


def test_text_is_at_least_14_px(measured):
    """Every text of the page's content, the papers' included (as zoomed on a phone), is at least 14 px."""
    for kind, page in measured.items():
        assert not page["small"], (kind, page["path"], page["small"][:5])


def test_tap_targets_are_at_least_24_px_high(measured):
    """Buttons, controls and links that stand alone (not among the words of a sentence) are at least 24 px high."""
    for kind, page in measured.items():
        assert not page["short"], (kind, page["path"], page["short"][:5])


def test_agenda_reads_one_block_a_step(measured):
    """On the script and its meeting papers each agenda step is one block as wide as the text, shorter than the
    screen: clock time, step, who leads and minutes one under another, the last two under their column's name."""
    for kind in ("script", "papers"):
        agendas = measured[kind]["agendas"]
        assert agendas, kind
        for agenda in agendas:
            assert agenda["header"] <= 1, (kind, "the header row is hidden")
            for step in agenda["steps"]:
                assert abs(step["width"] - agenda["width"]) <= 2, (kind, step["width"], agenda["width"])
                assert step["height"] < PHONE["height"] / 2, (kind, step["cells"][1]["text"])
                time, name, lead, minutes = step["cells"]
                assert time["text"][:2].isdigit() and ":" in time["text"], (kind, time)
                assert time["bottom"] <= name["top"] + 1 and name["bottom"] <= lead["top"] + 1, (kind, step)
                assert lead["bottom"] <= minutes["top"] + 1, (kind, step)
                assert lead["label"] != "none" and minutes["label"] != "none", (kind, step)
                assert minutes["text"].isdigit(), (kind, minutes)


def test_print_and_wide_screens_keep_the_agenda_table(phone, site_url, built_site):
    """Printed from the phone, or on a wide screen, the agenda stays a table with its header row."""
    script = next(path for kind, path in page_kinds(built_site) if kind == "script")
    phone.goto(site_url + script)
    table = phone.locator("table.tl-doc__table--stacked").first
    for media, width in (("print", PHONE["width"]), ("screen", 1024)):
        phone.emulate_media(media=media)
        phone.set_viewport_size({**PHONE, "width": width})
        assert table.evaluate("t => getComputedStyle(t).display") == "table", (media, width)
        assert table.locator("thead th").first.is_visible(), (media, width)
        assert table.locator("tbody tr").first.evaluate("r => getComputedStyle(r).display") == "table-row"
    phone.emulate_media(media="screen")
    phone.set_viewport_size(PHONE)
