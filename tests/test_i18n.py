"""The Korean edition (docs/ko/): every page has its pair, the pairs line up section by section
and show the same executed outputs, Korean pages are Korean to the reader (lang, interface,
navigation, footer), every page links its other language, and translations cannot go stale
silently. Search in both languages is checked in the browser (tests/test_browser.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import nbformat
import pytest
from bs4 import BeautifulSoup
from conftest import build_site, load_hook, page_url

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
NOT_PAGES = ("hooks", "snippets", "assets", "ko")


i18n = load_hook("i18n")


def english_pages() -> list[str]:
    pages = []
    for path in sorted([*DOCS.rglob("*.md"), *DOCS.rglob("*.ipynb")]):
        relative = path.relative_to(DOCS)
        if relative.parts[0] not in NOT_PAGES and ".ipynb_checkpoints" not in relative.parts:
            pages.append(relative.as_posix())
    return pages


ENGLISH = english_pages()


def built(site: Path, src: str) -> BeautifulSoup:
    url = page_url(src)
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(soup: BeautifulSoup):
    return soup.select_one("article.md-content__inner")


# --- Pairs and sections ---------------------------------------------------------------------


def test_every_page_has_its_korean_page_and_the_reverse():
    korean = sorted(
        p.relative_to(DOCS / "ko").as_posix()
        for p in [*(DOCS / "ko").rglob("*.md"), *(DOCS / "ko").rglob("*.ipynb")]
    )
    assert korean == ENGLISH
    assert len(ENGLISH) >= 17


def test_every_korean_page_translates_the_current_english_page():
    # The rule: a change to an English page changes its Korean page in the same commit
    # (then `python docs/hooks/i18n.py docs/ko/<page>` records the new source_hash).
    stale = [
        f"docs/ko/{src}" for src in ENGLISH if not i18n.is_current(DOCS / "ko" / src, DOCS / src)
    ]
    assert not stale, f"translations of an older English page: {stale}"


def _sections(soup: BeautifulSoup) -> dict:
    body = article(soup)
    headings = [
        (h.name, h.get("id"))
        for h in body.find_all(re.compile(r"^h[1-6]$"))
        if not h.find_parent(class_="doc")  # API objects are compared below, by id
    ]
    return {
        "headings": headings,
        "api objects": [h.get("id") for h in body.select(".doc-heading[id]")],
        "code blocks": len(body.select("pre")),
        "admonitions": [
            " ".join(c for c in a.get("class", []) if c not in ("admonition", "details"))
            for a in body.select(".admonition, details")
        ],
        "figures": [_figure(img["src"]) for img in body.select("img")],
        "tables": len(body.select("table")),
    }


@pytest.mark.parametrize("src", ENGLISH)
def test_the_korean_page_lines_up_with_the_english_page(site, src):
    english, korean = _sections(built(site, src)), _sections(built(site, "ko/" + src))
    differ = {key: (english[key], korean[key]) for key in english if english[key] != korean[key]}
    assert not differ, f"docs/ko/{src} and docs/{src} differ in: {differ}"


def _figure(src: str) -> str:
    """An image's file; a figure's Korean version named as its English one (x-ko.svg: x.svg)."""
    return re.sub(r"-ko(?=(-dark)?\.svg)", "", Path(src).name)


def _outputs(soup: BeautifulSoup) -> list[str]:
    """What the code printed or drew, and the code shown: every code box, output area and
    figure of the article, in order."""
    body = article(soup)
    boxes = body.select("pre, .jp-OutputArea-output, [data-gd-explorer], img")
    return [
        box.get("data-gd-explorer") or _figure(box.get("src", "")) or box.get_text()
        for box in boxes
        if box.name != "pre" or not box.find_parent(class_="jp-OutputArea-output")
    ]


@pytest.mark.parametrize("src", ENGLISH)
def test_the_korean_page_shows_exactly_the_english_pages_outputs(site, src):
    english, korean = _outputs(built(site, src)), _outputs(built(site, "ko/" + src))
    # The same count first, then each block, so a failure names the first difference.
    assert len(korean) == len(english)
    for number, (a, b) in enumerate(zip(english, korean, strict=True), start=1):
        assert b == a, f"docs/ko/{src}, block {number}"


def test_a_korean_notebook_runs_exactly_the_english_code():
    for src in [s for s in ENGLISH if s.endswith(".ipynb")]:
        english = nbformat.read(DOCS / src, as_version=4)
        korean = nbformat.read(DOCS / "ko" / src, as_version=4)

        def code(notebook):
            return [
                (c.source, c.metadata.get("tags")) for c in notebook.cells if c.cell_type == "code"
            ]

        assert code(korean) == code(english), src


# --- What a Korean reader gets ---------------------------------------------------------------


@pytest.mark.parametrize("src", ENGLISH)
def test_each_page_says_its_language_and_links_the_same_page_in_the_other(site, src):
    for language, page in (("en", src), ("ko", "ko/" + src)):
        soup = built(site, page)
        assert soup.html["lang"] == language
        here = page_url(page)
        links = {
            a["hreflang"]: urljoin("/" + here, a["href"])
            for a in soup.select("a.md-select__link[hreflang]")
        }
        assert links == {"en": "/" + page_url(src), "ko": "/" + page_url("ko/" + src)}


@pytest.mark.parametrize("src", ENGLISH)
def test_the_korean_page_has_korean_interface_text(site, src):
    soup = built(site, "ko/" + src)
    assert soup.select_one('meta[name="description"]')["content"].startswith("PyTorch로")
    assert soup.title.get_text().endswith("PyTorch로 배우는 경사하강법")
    # Titles of admonitions and solutions, alt text of figures, the footer, the header
    body = article(soup)
    titles = [t.get_text(" ", strip=True) for t in body.select(".admonition-title, summary")]
    english_titles = [t for t in titles if not HANGUL.search(t)]
    assert not english_titles, f"admonition titles not in Korean: {english_titles}"
    alts = [img.get("alt", "") for img in body.select("img")]
    assert all(HANGUL.search(alt) for alt in alts), alts
    footer = soup.select_one(".md-copyright").get_text(" ", strip=True)
    assert "이 사이트의 모든 출력은" in footer and "MIT 라이선스" in footer
    assert soup.select_one(".md-search__input") is None  # Material's search: no Korean
    assert soup.select_one("button.gd-search-open")["aria-label"] == "검색"
    toggles = {label["title"] for label in soup.select(".md-header__option label[title]")}
    assert toggles == {"어두운 화면으로 바꾸기", "밝은 화면으로 바꾸기"}
    if src.endswith(".ipynb"):
        download = soup.select_one(".nb-download").get_text(" ", strip=True)
        assert download.startswith("이 페이지를 노트북으로 내려받아")
    prose = body.get_text(" ")
    assert len(HANGUL.findall(prose)) > 300, "hardly any Korean on the page"


@pytest.mark.parametrize("src", ["cost.md", "by-hand.ipynb"])
def test_heading_permalinks_are_titled_in_the_pages_language(site, src):
    for page, title in ((src, "Permanent link"), ("ko/" + src, "이 제목의 링크")):
        links = article(built(site, page)).select("h2 a.headerlink, h3 a.headerlink")
        assert links and {link.get("title") for link in links} == {title}, page


def _nav(soup: BeautifulSoup) -> list[tuple[str, str]]:
    nav = soup.select_one("nav.md-nav--primary")
    return [
        (a.get_text(" ", strip=True), a["href"])
        for a in nav.select("a.md-nav__link[href]")
        if not a["href"].startswith("#")
    ]


def test_the_korean_navigation_is_the_english_one_page_for_page(site):
    english = built(site, "cost.md")
    korean = built(site, "ko/cost.md")
    en_targets = [urljoin("/cost/", href) for _, href in _nav(english)]
    ko_targets = [urljoin("/ko/cost/", href) for _, href in _nav(korean)]
    assert ko_targets == ["/ko" + target for target in en_targets]
    assert all(not target.startswith("/ko/") for target in en_targets)
    titles = [title for title, _ in _nav(korean)]
    assert all(HANGUL.search(t) or t.startswith(("W", "torch", "API")) for t in titles), titles
    assert titles[0] == "홈" and "API 참조" in korean.select_one("nav.md-nav--primary").get_text()
    # previous and next in the footer stay in Korean
    links = [a["href"] for a in korean.select("a.md-footer__link")]
    assert [urljoin("/ko/cost/", h) for h in links] == ["/ko/hypothesis/", "/ko/intuition/"]
    home = korean.select_one("a.md-logo")["href"]
    assert urljoin("/ko/cost/", home) == "/ko/"
    assert built(site, "ko/index.md").title.get_text().strip() == "PyTorch로 배우는 경사하강법"


def test_api_links_go_to_the_api_page_of_the_same_language(site):
    for page, api in (("cost.md", "/reference/api/"), ("ko/cost.md", "/ko/reference/api/")):
        here = "/" + page_url(page)
        links = {
            urljoin(here, a["href"]).split("#")[0]
            for a in article(built(site, page)).select('a[href*="#gd_tutorial."]')
        }
        assert links == {api}, (page, links)


def test_the_glossary_lists_each_term_with_the_page_that_uses_it(site):
    korean = article(built(site, "ko/glossary.md"))
    english = article(built(site, "glossary.md"))
    rows = korean.select("table tbody tr")
    assert len(rows) >= 25 and len(rows) == len(english.select("table tbody tr"))
    terms = {}
    for row in rows:
        cells = row.select("td")
        term = re.sub(r"\(.*?\)", "", cells[0].get_text()).split(",")[0].strip()
        link = row.select_one("a[href]")
        terms[term] = urljoin("/ko/glossary/", link["href"])
    for required in (
        "가설 함수",
        "비용 함수",
        "평균 제곱 오차",
        "경사하강법",
        "기울기",
        "학습률",
        "옵티마이저",
        "에폭",
    ):
        assert any(t.startswith(required) for t in terms), required
    for term, target in terms.items():
        path, _, anchor = target.partition("#")
        page = BeautifulSoup(
            (site / path.lstrip("/") / "index.html").read_text("utf-8"), "html.parser"
        )
        words = term.replace("(", " ").split()[0]
        assert words in page.get_text(), f"{term!r}: not on the page it links to, {target}"
        if anchor:
            assert page.find(id=anchor), f"{term!r}: {target} has no such section"


# --- Translations that cannot go stale silently ---------------------------------------------


def test_a_stale_translation_is_reported_and_shows_a_notice(site, tmp_path):
    project = tmp_path / "project"
    for folder in ("gd_tutorial", "docs", "overrides", ".cache"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    cost = project / "docs" / "cost.md"
    cost.write_text(cost.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    log = result.stdout + result.stderr
    assert (
        "1 Korean page(s) translate an older English page and show a notice: docs/ko/cost.md" in log
    )
    soup = BeautifulSoup((project / "site/ko/cost/index.html").read_text("utf-8"), "html.parser")
    notice = soup.select_one("article .gd-stale")
    assert notice is not None and "번역이 원문보다 오래되었습니다" in notice.get_text()
    assert urljoin("/ko/cost/", notice.select_one("a")["href"]) == "/cost/"
    assert notice.find_previous("h1") is not None  # after the title, before the text
    fresh = BeautifulSoup(
        (project / "site/ko/hypothesis/index.html").read_text("utf-8"), "html.parser"
    )
    assert fresh.select_one(".gd-stale") is None


def test_a_missing_korean_page_fails_the_build_naming_it(tmp_path):
    project = tmp_path / "project"
    for folder in ("gd_tutorial", "docs", "overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs/ko/math.md").unlink()
    result = build_site(project, project / "site")
    assert result.returncode != 0
    assert "docs/ko/math.md is missing (the Korean page of docs/math.md)" in result.stderr


def test_a_korean_notebook_with_other_code_fails_the_build(tmp_path):
    project = tmp_path / "project"
    for folder in ("gd_tutorial", "docs", "overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    path = project / "docs/ko/by-hand.ipynb"
    notebook = nbformat.read(path, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    code[3].source += "\nprint('only in Korean')"
    nbformat.write(notebook, path)
    result = build_site(project, project / "site")
    assert result.returncode != 0
    assert "docs/ko/by-hand.ipynb: code cell 4 differs from docs/by-hand.ipynb" in result.stderr


def test_stamping_records_the_hash_of_the_english_page(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    (docs / "ko").mkdir(parents=True)
    (docs / "cost.md").write_text("# Cost\n\nText.\n", encoding="utf-8")
    (docs / "ko" / "cost.md").write_text("# 비용\n\n글.\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "DOCS", docs)
    i18n.stamp(docs / "ko" / "cost.md")
    expected = i18n.source_hash(docs / "cost.md")
    assert (docs / "ko" / "cost.md").read_text(
        "utf-8"
    ) == f"---\nsource_hash: {expected}\n---\n\n# 비용\n\n글.\n"
    (docs / "cost.md").write_text("# Cost\n\nText changed.\n", encoding="utf-8")
    i18n.stamp(docs / "ko" / "cost.md")
    assert (
        i18n.recorded_hash(docs / "ko" / "cost.md")
        == i18n.source_hash(docs / "cost.md")
        != expected
    )


def test_a_blank_line_or_a_rewrapped_paragraph_leaves_the_translation_current(
    tmp_path, monkeypatch
):
    docs = tmp_path / "docs"
    (docs / "ko").mkdir(parents=True)
    (docs / "cost.md").write_text("# Cost\n\nOne text, on\ntwo lines.\n", encoding="utf-8")
    (docs / "ko" / "cost.md").write_text("# 비용\n\n글.\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "DOCS", docs)
    i18n.stamp(docs / "ko" / "cost.md")
    (docs / "cost.md").write_text("# Cost\n\n\nOne text, on two lines.\n\n", encoding="utf-8")
    assert i18n.is_current(docs / "ko" / "cost.md", docs / "cost.md")
    (docs / "cost.md").write_text("# Cost\n\nOne text, on three lines.\n", encoding="utf-8")
    assert not i18n.is_current(docs / "ko" / "cost.md", docs / "cost.md")


# --- One code, run once ----------------------------------------------------------------------


def test_a_code_block_runs_once_for_both_languages(tmp_path, monkeypatch):
    # A block whose output differs on every run, and which warns without showing it (so it
    # is never cached on disk, and the build fails): the second language's page still gets
    # the first one's output, from this build.
    exec_cache = load_hook("exec_cache")
    monkeypatch.setitem(exec_cache._cache, "dir", tmp_path)
    monkeypatch.setitem(exec_cache._cache, "build", {})
    code = (
        "import time, warnings\n"
        "warnings.warn('not shown')\n"
        "print(f'run {time.perf_counter_ns()}')\n"
    )
    import markdown
    from markdown_exec import validator

    def run() -> str:  # as pymdownx.superfences calls the fence on a page
        md = markdown.Markdown(extensions=["pymdownx.superfences"])
        options: dict = {}
        assert validator("python", {"exec": "1", "result": "text"}, options, {}, md)
        return exec_cache.cached_formatter(code, "python", "python", options, md)

    english, korean = run(), run()
    assert "run " in english and korean == english
    assert list(tmp_path.iterdir()) == []  # a block that warned is not kept for the next build
    monkeypatch.setitem(exec_cache._cache, "build", {})  # the next build runs it again
    assert run() != english
