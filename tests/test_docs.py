"""The built site: every chapter is there and shows what its code printed in this build.

Expected values come from running the package (or torch itself), never from pasted text.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import material
import pytest
import torch
from bs4 import BeautifulSoup
from conftest import NAV, PAGES, RAW_TEX, built_page, load_hook
from site_figures import FIGURES

import gd_tutorial
from gd_tutorial import (
    gradient_descent,
    plots,
    toy_data,
)

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
# The lessons: every page of the nav but the glossary and the API reference.
CHAPTERS = [p for p in NAV if p != "glossary.md" and not p.startswith("reference/")]
INCLUDE = re.compile(r'^\s*--8<-- "(docs/snippets/[^"]+\.py)"\s*$', re.MULTILINE)


def page_text(site: Path, source: str) -> str:
    soup = BeautifulSoup(built_page(site, source).read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article").get_text()


def course_log(**kwargs) -> list[str]:
    x_train, y_train = toy_data()
    return gradient_descent(x_train, y_train, **kwargs).format_log().splitlines()


INCLUDE_MD = re.compile(r'^\s*--8<-- "(docs/snippets/_[^"]+\.md)"\s*$', re.MULTILINE)


def snippet_pages() -> list[tuple[str, str]]:
    """(page, snippet) for every snippet a Markdown page includes, itself or through an
    include file (docs/snippets/_*.md, not a page: its snippets count for the pages)."""
    pairs = []
    for page in sorted(DOCS.rglob("*.md")):
        if page.is_relative_to(DOCS / "snippets"):
            continue
        text = page.read_text(encoding="utf-8")
        text = INCLUDE_MD.sub(lambda m: (ROOT / m[1]).read_text(encoding="utf-8"), text)
        for snippet in INCLUDE.findall(text):
            pairs.append((page.relative_to(DOCS).as_posix(), snippet))
    return pairs


def html_snippets() -> set[str]:
    """Snippets whose block prints HTML into the page (html="1"): the page shows what that
    HTML draws, not the code or its output as text."""
    found = set()
    for page in DOCS.rglob("*.md"):
        for fence in FENCE_OPEN.finditer(page.read_text(encoding="utf-8")):
            if 'exec="1"' in fence["info"] and 'html="1"' in fence["info"]:
                found.update(INCLUDE.findall(fence["body"]))
    return found


def test_every_page_is_built_titled_as_in_the_nav(site):
    for source, nav_title in NAV.items():
        html = built_page(site, source)
        assert html.is_file(), f"{source} was not built"
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        h1 = soup.select_one("article h1")
        assert h1 is not None, source
        heading = h1.get_text().rstrip("¶").strip()
        site_name = "Gradient descent with PyTorch"
        assert heading == (site_name if source == "index.md" else nav_title), source
        # The browser tab and search results say what the page's heading says.
        title = soup.title.get_text()
        assert title in (heading, f"{heading} - {site_name}"), source


def test_every_page_states_its_goal_and_ends_with_summary_and_exercises(site):
    for source in CHAPTERS:
        soup = BeautifulSoup(built_page(site, source).read_text(encoding="utf-8"), "html.parser")
        headings = [h.get_text(" ", strip=True) for h in soup.select("article h2")]
        assert any(h.startswith("Summary") for h in headings), f"{source}: no Summary"
        assert any(h.startswith("Exercises") for h in headings), f"{source}: no Exercises"
        assert soup.select("article details"), f"{source}: exercises have no solutions"


def snippet_lines(snippet: str) -> list[str]:
    """What a snippet prints, run in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, str(ROOT / snippet)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize("notebook", ["by-hand.ipynb", "torch-optim.ipynb"])
def test_every_notebook_cell_is_shown_on_its_page(site, notebook):
    text = " ".join(page_text(site, notebook).split())
    for cell in json.loads((DOCS / notebook).read_text(encoding="utf-8"))["cells"]:
        # The install cells are for Jupyter; the page shows the install note instead.
        if "install" in cell["metadata"].get("tags", []):
            assert "%pip" not in text and "pip install gd-tutorial" in text
        elif cell["cell_type"] == "code":
            source = " ".join("".join(cell["source"]).split())
            assert source in text, f"{notebook}: a code cell is missing from the page"


def test_api_page_documents_every_public_name(site):
    soup = BeautifulSoup(
        built_page(site, "reference/api.md").read_text(encoding="utf-8"), "html.parser"
    )
    for name in gd_tutorial.__all__:
        assert soup.find(id=f"gd_tutorial.{name}") is not None, name
    plots_page = BeautifulSoup(
        built_page(site, "reference/plots.md").read_text(encoding="utf-8"), "html.parser"
    )
    for name in plots.__all__:
        assert plots_page.find(id=f"gd_tutorial.plots.{name}") is not None, name


def test_every_figure_is_built_and_described(site):
    images = []
    for source in NAV:
        html = built_page(site, source)
        for img in BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select(
            "article img"
        ):
            images.append((source, img))
            target = (html.parent / img["src"].split("#")[0]).resolve()  # no #only-light
            assert target.is_file(), f"{source}: {img['src']} missing"
            assert target.read_bytes().lstrip().startswith((b"<?xml", b"<svg")), img["src"]
            alt = img.get("alt", "").strip()
            assert len(alt.split()) >= 5 and not alt.lower().startswith("figure"), (source, alt)
            # Sized from the SVG (points to CSS pixels), so nothing shifts when it arrives.
            svg = re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"', target.read_text("utf-8"))
            size = [str(round(float(points) * 4 / 3)) for points in svg.groups()]
            assert [img.get("width"), img.get("height")] == size, (source, img["src"])
            assert img.get("loading") == "lazy", (source, img["src"])
    shown = {Path(img["src"].split("#")[0]).name for _, img in images}
    # Every figure of the registry is shown on an English page (its light version).
    assert {f"{name}.svg" for name in FIGURES} <= shown


FENCE_OPEN = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=indent)```", re.M | re.S
)
# In each language: 2 on home, 1 in the install note; 2 one-line formulas.
NOT_PROGRAMS = {"bash": 3 * 2, "text": 2 * 2}


def shown_snippets() -> dict[str, list[str]]:
    """Each Markdown page's snippets that it shows with their output (source="above"), in order."""
    pages: dict[str, list[str]] = {}
    drawn = html_snippets()
    for page, snippet in snippet_pages():
        if snippet not in drawn:
            pages.setdefault(page, []).append(snippet)
    return pages


# A line a reader takes for a crash: a traceback, or an exception's name and message.
ERROR_LINE = re.compile(r"^(?:Traceback \(most recent call last\)|\w+(?:Error|Exception)\b)", re.M)
# A number a reader takes for a bug: not a number, or an overflow.
NOT_FINITE = re.compile(r"(?<![\w.])-?(?:nan|inf)(?!\w)")


@pytest.mark.parametrize(("page", "snippets"), shown_snippets().items())
def test_every_shown_snippet_is_followed_by_what_it_printed_with_no_error_or_nan(
    site, page, snippets
):
    """A reader reads each block's code, then right under it, in its own output box, what it
    printed: not nothing, and no traceback, error, nan or inf, unless the snippet's own code
    catches that error or writes that value (what the numbers mean: tests/pages/)."""
    article = BeautifulSoup(built_page(site, page).read_text(encoding="utf-8"), "html.parser")
    blocks = article.select("article div.language-python.highlight")
    assert len(blocks) == len(snippets), f"{page}: {len(blocks)} code blocks, {len(snippets)} shown"
    for block, snippet in zip(blocks, snippets, strict=True):
        source = (ROOT / snippet).read_text(encoding="utf-8")
        assert block.get_text().split() == source.split(), f"{page}: not the code of {snippet}"
        output = block.find_next_sibling()
        assert output is not None and "language-text" in output["class"], f"{page}: {snippet}"
        printed = output.get_text()
        assert printed.strip(), f"{page}: {snippet} shows an empty output"
        for bad in (*ERROR_LINE.findall(printed), *NOT_FINITE.findall(printed)):
            word = bad.split()[0].lstrip("-")
            assert re.search(rf"(?<!\w){word}(?!\w)", source), f"{page}: {snippet} shows {bad!r}"


def test_every_code_block_is_an_executed_file_a_command_or_a_formula():
    # What the home page promises: a program shown on a page is a real file, run by the build.
    others: dict[str, int] = {}
    for page in sorted(DOCS.rglob("*.md")):
        for fence in FENCE_OPEN.finditer(page.read_text(encoding="utf-8")):
            info, body = fence["info"].strip(), fence["body"].strip()
            if 'exec="1"' in info:
                shown = 'source="above"' in info
                assert not shown or INCLUDE.fullmatch(body), f"{page.name}: shown code not a file"
            else:
                others[info] = others.get(info, 0) + 1
                assert info in NOT_PROGRAMS and "\n" not in body, f"{page.name}: {body[:60]!r}"
    assert others == NOT_PROGRAMS


def test_every_snippet_file_is_shown_on_a_page():
    used = {snippet for _, snippet in snippet_pages()}
    files = {p.relative_to(ROOT).as_posix() for p in (DOCS / "snippets").rglob("*.py")}
    assert files - used == set(), "snippet files that no page includes"


def test_snippets_import_only_torch_and_gd_tutorial():
    for path in (DOCS / "snippets").rglob("*.py"):
        modules = re.findall(r"^\s*(?:from|import)\s+([\w.]+)", path.read_text(), re.MULTILINE)
        roots = {m.split(".")[0] for m in modules}
        # The standard modules: html and json for the explorer's data (learning-rate).
        standard = {"functools", "html", "json", "math", "textwrap", "warnings"}
        assert roots <= {"torch", "gd_tutorial"} | standard, (path, roots)


def test_notebooks_are_downloadable_and_stored_without_outputs(site):
    for notebook in sorted(DOCS.rglob("*.ipynb")):
        data = json.loads(notebook.read_text(encoding="utf-8"))
        for cell in data["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, notebook
        source = notebook.relative_to(DOCS).as_posix()
        served = built_page(site, source).parent / notebook.name
        assert served.read_bytes() == notebook.read_bytes()
        html = built_page(site, source).read_text(encoding="utf-8")
        assert f'href="{notebook.name}" download' in html
        # Offered once the page has said what it is for: after the title and goal.
        link = html.index(f'href="{notebook.name}" download')
        assert html.index("<h1") < link < html.index("<h2"), notebook.name


def test_every_page_names_the_versions_that_computed_its_outputs(site):
    expected = {
        "en": f"Every output on this site was computed with gd-tutorial {gd_tutorial.__version__} "
        f"and torch {torch.__version__}.",
        "ko": "이 사이트의 모든 출력은 다음 버전으로 계산했습니다: "
        f"gd-tutorial {gd_tutorial.__version__}, torch {torch.__version__}.",
    }
    for html in sorted(site.rglob("*.html")):  # 404.html included
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        footer = soup.select_one(".md-copyright .gd-versions")
        assert footer is not None, html
        assert " ".join(footer.get_text().split()) == expected[soup.html["lang"]], html


def test_pages_load_nothing_from_outside_the_site(site):
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in soup.find_all(tag):
                url = element.get(attribute, "")
                if tag == "link" and element.get("rel") not in (["stylesheet"], ["icon"]):
                    continue
                assert not re.match(r"^(https?:)?//", url), f"{html}: {url}"
        assert "fonts.googleapis" not in html.read_text(encoding="utf-8")


def test_math_is_typeset_at_build_time(site):
    for source in PAGES:
        text = page_text(site, source)
        assert "\\(" not in text and "\\[" not in text and "$$" not in text, source
    for source in ("cost.md", "math.md", "learning-rate.md"):
        html = built_page(site, source).read_text(encoding="utf-8")
        assert 'class="katex"' in html, source


def test_an_inline_formula_keeps_what_follows_it_with_no_space_on_its_line(site):
    # A period or a Korean particle written right after \( ... \) must not start the next
    # line alone (issue 17.5): the hook wraps both in a span that does not break.
    wrapped = 0
    for source in PAGES:
        soup = BeautifulSoup(built_page(site, source).read_text(encoding="utf-8"), "html.parser")
        for formula in soup.select("article .katex"):
            if formula.find_parent(class_="katex-display"):
                continue
            after = formula.next_sibling
            if isinstance(after, str) and after[:1].strip():
                assert "gd-nobreak" in formula.parent.get("class", []), (source, after[:20])
                wrapped += 1
    assert wrapped > 100


def stylesheets(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [Path(link["href"]).name for link in soup.select('link[rel="stylesheet"]')]


def test_each_page_links_only_the_stylesheets_it_uses(site):
    # Every stylesheet in <head> blocks the first paint, so pages skip the ones they do not need.
    pages = {source: built_page(site, source).read_text(encoding="utf-8") for source in PAGES}
    for source, html in pages.items():
        sheets = stylesheets(html)
        assert ("katex.min.css" in sheets) == ('class="katex"' in html), source
        assert ("_mkdocstrings.css" in sheets) == ('class="doc doc-' in html), source
        assert "extra.css" in sheets and any(s.startswith("palette.") for s in sheets), source
    assert "_mkdocstrings.css" in stylesheets(pages["reference/api.md"])
    assert "_mkdocstrings.css" not in stylesheets(pages["math.md"])


def test_material_palette_rule_that_restyles_every_element_is_removed(site):
    hook = load_hook("build")
    theme = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    (original,) = theme.glob("palette.*.min.css")
    assert hook.SWITCHING_RULE in original.read_text(encoding="utf-8")

    (palette,) = (site / "assets" / "stylesheets").glob("palette.*.min.css")
    css = palette.read_text(encoding="utf-8")
    assert hook.SWITCHING_RULE not in css and hook.SWITCHING_MARK in css
    # The rest of the palette is untouched: the dark scheme is still defined.
    assert "[data-md-color-scheme=slate]{" in css


OVERRIDES = ROOT / "overrides"


def every_html_file(site: Path) -> dict[str, str]:
    """Every HTML file the site ships, 404.html included, by its path in the site."""
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}


def test_material_class_changes_happen_before_the_page_is_painted(site):
    # Made by Material's bundle after the first paint, each restyled the whole page.
    override = (OVERRIDES / "main.html").read_text("utf-8")
    early = re.search(r"<script>document\.documentElement\.classList[^\n]*</script>", override)[0]
    preferred = next(s for s in re.findall(r"<script>.*?</script>", override) if "matchMedia" in s)
    pages = every_html_file(site)
    assert "404.html" in pages
    for name, html in pages.items():
        head = html[html.index("<head>") : html.index("<body")]
        assert head.index(early) < head.index('<link rel="stylesheet"'), name
        assert html.count(preferred) == 1, name
        # right after the palette's inputs, before the content is painted
        assert html.rindex('name="__palette"') < html.index(preferred) < html.index("<article"), (
            name
        )


def test_every_html_file_gets_materials_fixes_404_included(site):
    for name, html in every_html_file(site).items():
        soup = BeautifulSoup(html, "html.parser")
        # No request to the GitHub API for stars: the repository link has no component.
        source = soup.select_one("a.md-source")
        assert source is not None and not source.has_attr("data-md-component"), name
        # Search (Pagefind's, in both languages): a button, and a dialog with a name.
        search = "검색" if soup.html["lang"] == "ko" else "Search"
        dialog = soup.select_one("dialog.gd-search")
        assert dialog is not None and dialog.get("aria-label") == search, name
        assert soup.select_one("button.gd-search-open")["aria-label"] == search, name
        assert soup.select_one(".md-search") is None, name  # Material's, which finds no Korean
        # Material's bundle does not block the first paint.
        bundles = soup.select('script[src*="assets/javascripts/bundle."]')
        assert len(bundles) == 1 and bundles[0].has_attr("defer"), name
        sheets = stylesheets(html)
        assert ("katex.min.css" in sheets) == ('class="katex"' in html), name
        assert ("_mkdocstrings.css" in sheets) == ('class="doc doc-' in html), name


def test_no_page_shows_raw_tex_even_in_collapsed_solutions(site):
    # Collapsed <details> are in the HTML; the browser tests open them too.
    for name, html in every_html_file(site).items():
        soup = BeautifulSoup(html, "html.parser")
        for element in soup.select(".katex, pre, code, script, style"):
            element.decompose()
        text = soup.body.get_text(" ")
        raw = [text[max(m.start() - 40, 0) : m.end() + 20] for m in RAW_TEX.finditer(text)]
        assert not raw, f"{name}: raw TeX shown as text: {raw[:3]}"


def test_the_404_page_tells_the_reader_where_to_go(site):
    soup = BeautifulSoup((site / "404.html").read_text("utf-8"), "html.parser")
    assert soup.title.get_text() == "Page not found - Gradient descent with PyTorch"
    article = soup.select_one("article")
    assert article.h1.get_text() == "Page not found"
    home = article.find("a", string="home page")
    assert home["href"] == "/gd-tutorial/"  # the published site's root (site_url)


def test_api_pages_show_each_docstring_item_as_whole_sentences(site):
    # A Returns section once rendered as two bullets, each half a sentence.
    for page in ("reference/api.md", "reference/plots.md"):
        soup = BeautifulSoup(built_page(site, page).read_text("utf-8"), "html.parser")
        items = soup.select("li.doc-section-item .doc-md-description")
        assert items, page
        for item in items:
            text = item.get_text(" ", strip=True)
            first = item.find(string=lambda s: s.strip())  # it may start with code, like ``b``
            starts_sentence = text[:1].isupper() or first.parent.name == "code"
            assert starts_sentence and text.endswith((".", ")")), f"{page}: {text!r}"
