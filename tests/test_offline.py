"""The offline copy (scripts/offline_copy.py): written once, unzipped into a folder with spaces and Vietnamese
letters in its name, and opened from file:// in headless Chromium."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import quote, unquote, urlencode, urljoin, urlparse

import pytest
import yaml
from lxml import html as lxml_html
from pypdf import PdfReader
from test_plan_browser import STRINGS as PLAN_STRINGS
from test_prepare_browser import CELL, DOCX_BUTTON, PAPERS_SHOWN, assert_word_file, download, sections
from test_search_browser import QUERY_DONE, QUERY_TABLE, spellings, wanted_pages

from helpers import ROOT, build, make_site, write_topic
from topiclib.data import load_catalog
from topiclib.library import load_library
from topiclib.offline import copy_files, offline_notice, write_zip
from topiclib.uris import OFFLINE_ZIP

pytestmark = pytest.mark.browser

FOLDER = Path("Tài liệu chi bộ") / "Bản sao"
DATE = "2026-11-30"
STRINGS = load_catalog()[0].strings
LOCAL = ("file:", "blob:", "data:")  # the copy's files, and the Word files a page makes


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> tuple[Path, Path]:
    """The repository's offline copy, written once: (the zip, the folder it is unzipped into)."""
    work = tmp_path_factory.mktemp("offline")
    output = work / "thu-vien-chuyen-de.zip"
    command = [sys.executable, str(ROOT / "scripts" / "offline_copy.py"), "--output", str(output), "--date", DATE]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert str(output) in result.stdout
    folder = work / FOLDER
    with zipfile.ZipFile(output) as archive:
        archive.extractall(folder)
    return output, folder


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 800}, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(context):
    """A tab that fails the test on a script error or on a request that is not for a file of the copy."""
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"error: {error}"))
    tab.on("requestfailed", lambda request: downloaded(request) or problems.append(f"failed: {request.url}"))
    tab.on("request", lambda request: request.url.startswith(LOCAL) or problems.append(f"request: {request.url}"))
    yield tab
    tab.close()
    assert not problems


def downloaded(request) -> bool:
    """Aborted, not missing: a link to a Word file (the browser downloads it and reports the page's request as
    aborted), or a file still loading when the tab moves on or closes (the favicon). A missing file fails with
    net::ERR_FILE_NOT_FOUND."""
    return request.failure == "net::ERR_ABORTED"


@pytest.fixture(scope="module")
def library():
    result = load_library(ROOT)
    assert result.library is not None
    return result.library


def links_of(path: Path) -> list[str]:
    """Every address a page points to: links, forms, styles, scripts, images."""
    tree = lxml_html.fromstring(path.read_bytes())
    return [link for element, attribute, link, _ in tree.iterlinks() if attribute in ("href", "src", "action")]


def test_every_page_is_reached_from_the_home_page_and_every_link_is_a_file(copy):
    """Following links from index.html reaches every page of the copy; no link points to a folder or a missing file."""
    _, folder = copy
    home = folder / "index.html"
    reached, waiting, missing = {home}, [home], []
    while waiting:
        path = waiting.pop()
        for link in links_of(path):
            target = urlparse(urljoin(path.as_uri(), link))
            if target.scheme != "file":
                continue
            file = Path(unquote(target.path))
            if not file.is_file():
                missing.append(f"{path.relative_to(folder)}: {link}")
            elif file.suffix == ".html" and file not in reached:
                reached.add(file)
                waiting.append(file)
    assert not missing
    assert reached == set(folder.rglob("*.html"))


def test_the_zip_holds_no_server_files_and_gives_the_same_bytes_again(copy, tmp_path):
    """No Pagefind, 404 page or sitemap; entries sorted and dated the library's day, so zipping again is identical."""
    output, folder = copy
    with zipfile.ZipFile(output) as archive:
        names = archive.namelist()
        dates = {info.date_time for info in archive.infolist()}
    assert names == sorted(names) and "index.html" in names
    assert not [name for name in names if name.startswith("pagefind") or name in ("404.html", "sitemap.xml")]
    assert dates == {(2026, 11, 30, 0, 0, 0)}
    again = tmp_path / "again.zip"
    write_zip(copy_files(folder), again, DATE)
    assert again.read_bytes() == output.read_bytes()


def test_home_page_says_which_days_library_it_is_and_the_site_does_not(page, copy, built_site):
    _, folder = copy
    page.goto((folder / "index.html").as_uri())
    notice = offline_notice(STRINGS, DATE)
    assert "30/11/2026" in notice
    assert page.locator("[data-tl-offline-copy]").inner_text() == notice
    assert "data-tl-offline-copy" not in (built_site / "index.html").read_text(encoding="utf-8")


def test_pages_load_their_styles_and_scripts_from_file(page, copy):
    """Every kind of page opens from file:// with the theme's styles and script running and nothing failing."""
    _, folder = copy
    guide = next((folder / "chuyen-de").rglob("*.html"))
    for path in ("index.html", "chuyen-de/index.html", "bieu-mau/index.html", "huong-dan/thuat-ngu.html", guide):
        page.goto((folder / path).as_uri())
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        assert page.evaluate("typeof document$") == "object"  # Material's script ran


def test_pages_print_from_file(page, copy):
    """A script and a form of the copy print from file:// as online: the paper in the Party's format, on one or
    two A4 sheets, without the site's navigation."""
    _, folder = copy
    papers = [
        path
        for path in sorted(folder.rglob("*.html"))
        if "tl-doc__table--stacked" in path.read_text(encoding="utf-8")
        or (path.parent.name == "bieu-mau" and path.name != "index.html")
    ]
    script = next(path for path in papers if path.parent.name != "bieu-mau")
    form = next(path for path in papers if path.parent.name == "bieu-mau")
    for path in (script, form):
        page.goto(path.as_uri())
        title = " ".join(page.locator("h1").first.inner_text().split())
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
        text = " ".join(" ".join((sheet.extract_text() or "").split()) for sheet in pdf.pages)
        assert 1 <= len(pdf.pages) <= 2, (path, len(pdf.pages))
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text, path
        assert "Tìm kiếm" not in text, path
        assert title.split()[-1].lower() in text.lower(), (path, title)


def test_every_word_file_link_opens(page, copy):
    """Each .docx a page links to is a Word file; clicking one from file:// downloads it."""
    _, folder = copy
    docx = {
        Path(unquote(urlparse(urljoin(path.as_uri(), link)).path))
        for path in folder.rglob("*.html")
        for link in links_of(path)
        if link.endswith(".docx")
    }
    assert docx
    for file in docx:
        assert_word_file(file.read_bytes())
    page.goto((folder / "bieu-mau" / "index.html").as_uri())
    first = page.locator("a[href$='.docx']").first
    if not first.count():
        form = next(file for file in docx if file.parent.name == "bieu-mau")
        page.goto(form.with_suffix(".html").as_uri())
        first = page.locator("a[href$='.docx']").first
    with page.expect_download() as info:
        first.click()
    assert_word_file(Path(info.value.path()).read_bytes())


def test_meeting_papers_and_plan_pages_make_word_files(page, copy):
    """chuan-bi/ and ke-hoach/ of the copy fill their papers and make their Word files from file://."""
    _, folder = copy
    page.goto((folder / "chuan-bi" / "index.html").as_uri())
    slug = page.evaluate("TLData.topics.find((row) => row[2] === 'session')[0]")
    page.goto((folder / "chuan-bi" / "index.html").as_uri() + "?" + urlencode({"cd": slug, "ket_hop": "0", **CELL}))
    page.wait_for_function(PAPERS_SHOWN)
    _, data = download(page, DOCX_BUTTON, sections(page).first)
    assert "CHI BỘ THÔN NÀ KHOANG" in assert_word_file(data)
    plan = {"nam": "2027", **{key: CELL[key] for key in ("chi_bo", "cap_tren", "dia_danh")}}
    page.goto((folder / "ke-hoach" / "index.html").as_uri() + "?" + urlencode({**plan, "q1": slug}))
    page.wait_for_function("document.querySelector('[data-tl-sheet]').textContent.includes('NÀ KHOANG')")
    _, data = download(page, PLAN_STRINGS["js_download_docx"])
    assert "CHI BỘ THÔN NÀ KHOANG" in assert_word_file(data)


def offline_search(page, folder: Path, query: str) -> list[str]:
    """Type the query into the copy's search page and return the result pages, best first, as site paths."""
    page.fill("#tl-search-input", query)
    page.press("#tl-search-input", "Enter")
    page.wait_for_function(QUERY_DONE, arg=query)
    hrefs = page.eval_on_selector_all("#search-results > li a.tl-result__title", "links => links.map(a => a.href)")
    root = folder.as_uri() + "/"
    return [unquote(href).removeprefix(unquote(root)) for href in hrefs]


def site_path(file: str) -> str:
    """A file of the copy as the site's address: "ke-hoach/index.html" is "ke-hoach/", "a/b.html" is "a/b/"."""
    return file.removesuffix("index.html") if file.endswith("index.html") else file.removesuffix(".html") + "/"


@pytest.fixture(scope="module")
def search_tab(context, copy):
    """The copy's search page, opened once for the query table; fails the module on a script error."""
    _, folder = copy
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto((folder / "tim-kiem" / "index.html").as_uri())
    yield tab
    tab.close()
    assert not errors


@pytest.mark.parametrize(("query", "expected"), QUERY_TABLE, ids=[query for query, _ in QUERY_TABLE])
def test_search_from_file_puts_the_page_first_in_every_spelling(search_tab, copy, library, query, expected):
    """The online search's query table, each query in every spelling, answered by the copy's own index."""
    _, folder = copy
    wanted = wanted_pages(expected, library, (folder / "ke-hoach" / "index.html").exists())
    for spelling in spellings(query):
        found = [site_path(path) for path in offline_search(search_tab, folder, spelling)]
        assert found and found[0] in wanted, (spelling, found[:3])


def test_full_text_search_from_file(page, copy):
    """'Tìm trong toàn bộ nội dung' loads the copy's full-text index and shows excerpts with the words marked."""
    _, folder = copy
    query = QUERY_TABLE[0][0]
    page.goto((folder / "tim-kiem" / "index.html").as_uri() + "?q=" + quote(query))
    page.wait_for_function(QUERY_DONE, arg=query)
    page.get_by_role("button", name=STRINGS["search_fulltext_button"]).click()
    page.wait_for_function("/trang/.test(document.getElementById('search-fulltext-status').textContent)")
    first = page.locator("#search-fulltext > li").first
    assert first.locator(".tl-result__excerpt mark").count() >= 1
    assert "\u1e0f" not in page.inner_text("#search-fulltext")
    href = first.locator("a").first.get_attribute("href")
    assert href.startswith("file:") and href.endswith(".html")


def test_header_box_leads_to_the_copys_search_page(page, copy):
    """The search box at the top of a page of the copy opens tim-kiem/index.html with the query, and it is answered."""
    _, folder = copy
    page.goto((folder / "index.html").as_uri())
    page.fill("#tl-header-q", QUERY_TABLE[0][0])
    page.press("#tl-header-q", "Enter")
    page.wait_for_url("**/tim-kiem/index.html?q=*")
    page.wait_for_function(QUERY_DONE, arg=QUERY_TABLE[0][0])
    assert page.locator("#search-results a.tl-result__title").count() > 0


def test_copy_with_print_packs_carries_the_pdfs_its_pages_link_to(tmp_path):
    """--print-packs: the copy holds each pack, and the group page's link to it leads to that file in the copy."""
    root = make_site(tmp_path / "du an")
    write_topic(root, "neu-guong")
    output = tmp_path / "ban-sao.zip"
    command = [sys.executable, str(ROOT / "scripts" / "offline_copy.py"), "--root", str(root), "--output", str(output)]
    result = subprocess.run([*command, "--date", DATE, "--print-packs"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / FOLDER
    with zipfile.ZipFile(output) as archive:
        archive.extractall(folder)
    group_page = folder / "chuyen-de" / "ho-chi-minh" / "index.html"
    pdfs = [link for link in links_of(group_page) if link.endswith(".pdf")]
    assert len(pdfs) == 1
    pack = Path(unquote(urlparse(urljoin(group_page.as_uri(), pdfs[0])).path))
    reader = PdfReader(pack)
    assert len(reader.pages) >= 2 and "Chuyên đề thử" in "".join(page.extract_text() for page in reader.pages)


def test_published_home_page_links_to_the_copy_it_carries(tmp_path, built_site):
    """Built with extra.offline_zip (the deploy workflow's TVCD_OFFLINE_ZIP), the home page links to the zip the
    workflow puts into the site, with what to do with it; a default build does not link to a file it lacks."""
    root = make_site(tmp_path, home="---\ntemplate: home.html\n---\n\n# Trang chủ\n")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("extra:\n  offline_zip: true\n")
    write_topic(root, "neu-guong")
    built = build(root)
    assert built.returncode == 0, built.stderr
    home = lxml_html.fromstring((root / "site" / "index.html").read_bytes())
    (note,) = home.xpath("//*[@data-tl-offline-zip]")
    (link,) = note.iter("a")
    assert link.get("href") == OFFLINE_ZIP and link.text == STRINGS["offline_zip_link"]
    assert "index.html" in note.text_content()
    assert "data-tl-offline-zip" not in (built_site / "index.html").read_text(encoding="utf-8")
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    site_build = next(i for i, run in enumerate(runs) if "mkdocs build" in run)
    copy = next(i for i, run in enumerate(runs) if "scripts/offline_copy.py" in run)
    placed = next(i for i, run in enumerate(runs) if f"_site/{OFFLINE_ZIP.rsplit('/', 1)[0]}/" in run)
    upload = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert steps[site_build]["env"]["TVCD_OFFLINE_ZIP"] == "true"
    assert site_build < copy < placed < upload
