"""Open every page of the strictly built site in headless Chromium and check what a reader gets.

Each page is visited once per colour scheme and every fact is collected in that visit, so a
failure names the page and the check. Light visit: status, title, console, requests, math,
images, copy buttons, axe-core. Dark visit: axe-core again, with Material's slate palette.
Search is checked in both languages, with the keyboard.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from _common import UI, language_of
from bs4 import BeautifulSoup
from conftest import PAGES as SOURCE_PAGES
from conftest import RAW_TEX, page_url, require_or_skip
from mkdocs.utils import yaml_load

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SITE_NAME = {"en": yaml_load((ROOT / "mkdocs.yml").read_text("utf-8"))["site_name"]}
SITE_NAME["ko"] = UI["site"]["site_name"]
SERIOUS = ("serious", "critical")
SNIPPET_INCLUDE = re.compile(r'^\s*--8<--\s+"([^":]+)"\s*$', re.MULTILINE)
FENCE = re.compile(r"^(\s*)(```|~~~).*?^\1\2\s*$", re.MULTILINE | re.DOTALL)


# Page name (its URL without slashes) -> source file, for every page of the nav, both languages.
SOURCES = {page_url(src).rstrip("/") or "index": DOCS / src for src in SOURCE_PAGES}
# Every HTML file the site ships: the pages, and 404.html, which Material renders from a
# template (no source page) and which the host serves for any missing address.
NOT_FOUND = "404"
PAGES = [*sorted(SOURCES, key=lambda name: (name != "index", name)), NOT_FOUND]
# A reader's phone and a desktop; each page is checked at both, in both palettes.
WIDTHS = {"phone": 390, "desktop": 1280}
VARIANTS = [(scheme, width) for scheme in ("light", "dark") for width in WIDTHS]


def page_path(name: str) -> str:
    """The URL path of a page, relative to the site root: "" for index, "cost/" for cost."""
    if name == "index":
        return ""
    if name == NOT_FOUND:
        return "404.html"
    return name + "/"


def language(name: str) -> str:
    return language_of(page_path(name))


def _prose(path: Path) -> str:
    """The text of a page's source a reader reads as prose (code fences and cells removed)."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    else:
        text = path.read_text(encoding="utf-8")
    text = FENCE.sub("", text)
    return re.sub(r"`[^`\n]*`", "", text)


def has_math(name: str) -> bool:
    """Whether the page's source writes math (\\( \\[ in Markdown, $ $$ in notebooks)."""
    if name not in SOURCES:
        return False
    prose = _prose(SOURCES[name])
    if SOURCES[name].suffix == ".ipynb":
        return bool(re.search(r"\$\$|(?<![\w$\\])\$[^\s$]", prose))
    return bool(re.search(r"\\\(|\\\[", prose))


def included_snippets(name: str) -> list[Path]:
    """Snippet files a Markdown page includes whole (``--8<-- "docs/snippets/..."``) and shows:
    not the file of a block that prints HTML (html="1"), whose code the page does not show."""
    path = SOURCES.get(name)
    if path is None or path.suffix != ".md":
        return []
    text = path.read_text(encoding="utf-8")
    for fence in FENCE.finditer(text):
        if 'html="1"' in fence[0].lstrip().split("\n", 1)[0]:
            text = text.replace(fence[0], "")
    return [ROOT / match for match in SNIPPET_INCLUDE.findall(text)]


# --- What one visit collects -------------------------------------------------------------

FACTS_JS = """
async () => {
  const shift = window.__gdShift;  // before the solutions open below
  // A reader can open every collapsed solution: check what they would then see.
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
  const images = [...document.images];
  images.forEach((img) => { img.loading = "eager"; });
  await Promise.all(images.map((img) => img.complete ? null : new Promise((done) => {
    img.addEventListener("load", done); img.addEventListener("error", done);
    setTimeout(done, 5000);
  })));
  const h1s = [...document.querySelectorAll(".md-content h1")].map((h) => {
    const copy = h.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach((a) => a.remove());
    return copy.textContent.trim();
  });
  // Visible prose: text nodes outside code and outside typeset math.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const prose = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest("pre, code, kbd, script, style, template, .katex")) continue;
    if (!parent.checkVisibility()) continue;
    prose.push(node.textContent);
  }
  return {
    shift,
    title: document.title,
    h1s,
    scheme: document.body.getAttribute("data-md-color-scheme"),
    prose: prose.join(" "),
    katex: document.querySelectorAll(".md-content .katex").length,
    katexErrors: [...document.querySelectorAll(".katex-error")].map((e) => e.textContent),
    images: images.map((img) => ({
      src: img.currentSrc || img.src, alt: img.alt,
      ok: img.complete && img.naturalWidth > 0,
    })),
  };
}
"""

# Layout shifts as the page loads (CLS, summed), recorded from the first paint on.
SHIFTS_JS = """
window.__gdShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__gdShift += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""

# Open a block's collapsed solution and pick its content tab, so a reader could click it;
# put a sentinel on the clipboard; return the code as shown and the number of copy buttons.
PREPARE_JS = """
async (pre, sentinel) => {
  for (let el = pre.parentElement; el; el = el.parentElement) {
    if (el.tagName === "DETAILS") el.open = true;
    if (el.classList.contains("tabbed-block")) {
      const set = el.closest(".tabbed-set");
      const index = [...el.parentElement.children].indexOf(el);
      const input = set.querySelectorAll(":scope > input")[index];
      if (input) input.click();
    }
  }
  await navigator.clipboard.writeText(sentinel);
  return {
    shown: pre.querySelector(":scope > code").innerText,
    buttons: pre.querySelectorAll("button[data-clipboard-target]").length,
  };
}
"""

# axe checks what is rendered; FACTS_JS has opened the collapsed solutions.
AXE_JS = """
async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
  }));
}
"""

SENTINEL = "\u2063clipboard not written\u2063"


def _copy_every_block(page) -> list[dict]:
    """Click the copy button of each code block; return what was shown and what was copied.

    The first button of a page gets a full click (Playwright waits until it is visible,
    stable and receives the pointer); the others are clicked at their place without
    those waits, which makes the check about three times faster.
    """
    blocks = page.locator(".md-content pre:has(> code)")
    copies = []
    for index in range(blocks.count()):
        block = blocks.nth(index)
        record = {"index": index, "copied": None, **block.evaluate(PREPARE_JS, SENTINEL)}
        copies.append(record)
        if record["buttons"] != 1:
            continue
        block.locator("button[data-clipboard-target]").click(force=index > 0)
        copied = SENTINEL
        for _ in range(20):
            copied = page.evaluate("() => navigator.clipboard.readText()")
            if copied != SENTINEL:
                break
            page.wait_for_timeout(50)
        record["copied"] = None if copied == SENTINEL else copied
    return copies


class Visits:
    """Visits each page at most once per colour scheme and width, and keeps what it saw."""

    def __init__(self, browser, site_url: str):
        self.browser = browser
        self.site_url = site_url
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
        self._contexts: dict[str, object] = {}
        self._facts: dict[tuple[str, str], dict] = {}

    def context(self, scheme: str, width: str = "desktop"):
        if (scheme, width) not in self._contexts:
            phone = width == "phone"
            context = self.browser.new_context(
                color_scheme=scheme,
                permissions=["clipboard-read", "clipboard-write"],
                viewport={"width": WIDTHS[width], "height": 844 if phone else 800},
                is_mobile=phone,
                has_touch=phone,
            )
            context.set_default_timeout(15_000)
            context.add_init_script(SHIFTS_JS)
            self._contexts[scheme, width] = context
        return self._contexts[scheme, width]

    def __call__(self, name: str, scheme: str = "light", width: str = "desktop") -> dict:
        key = (name, scheme, width)
        if key not in self._facts:
            self._facts[key] = self._visit(name, scheme, width)
        return self._facts[key]

    def _visit(self, name: str, scheme: str, width: str) -> dict:
        page = self.context(scheme, width).new_page()
        facts: dict = {"requests": [], "console": [], "errors": [], "failed": []}
        page.on("request", lambda r: facts["requests"].append(r.url))
        page.on(
            "console",
            lambda m: facts["console"].append(m.text) if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: facts["errors"].append(str(e)))
        page.on(
            "response",
            lambda r: facts["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        page.on("requestfailed", lambda r: facts["failed"].append(f"{r.failure} {r.url}"))
        try:
            response = page.goto(urljoin(self.site_url, page_path(name)), wait_until="load")
            page.wait_for_load_state("networkidle")  # every request is recorded
            page.evaluate("() => document.fonts.ready.then(() => null)")
            facts["status"] = response.status if response else None
            facts.update(page.evaluate(FACTS_JS))
            if AXE.is_file():
                page.add_script_tag(path=str(AXE))
                facts["axe"] = page.evaluate(AXE_JS)
            if (scheme, width) == ("light", "desktop"):
                facts["copies"] = _copy_every_block(page)
        finally:
            page.close()
        return facts

    def close(self):
        for context in self._contexts.values():
            context.close()


@pytest.fixture(scope="session")
def visit(browser, site_url):
    visits = Visits(browser, site_url)
    yield visits
    visits.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        require_or_skip("axe-core", "npm ci")
    return AXE


# --- The site as a whole ------------------------------------------------------------------


def test_the_built_site_has_exactly_the_checked_pages(site):
    built = []
    for path in site.rglob("*.html"):
        relative = path.relative_to(site).as_posix()
        if relative == "404.html":
            built.append(NOT_FOUND)
        else:
            assert path.name == "index.html", f"an HTML file these tests do not open: {relative}"
            built.append(relative.removesuffix("index.html").rstrip("/") or "index")
    assert sorted(built) == sorted(PAGES), "every HTML file built must be a page these tests open"


# Each query, the pages it must find, and the page it is typed on (its language's index).
SEARCHES = {
    "gradient": ("", {"intuition/", "math/"}),
    "learning rate": ("", {"learning-rate/"}),
    "leaf": ("", {"by-hand/", "torch-optim/"}),
}
# Korean: every Korean page whose text has the word, with a particle attached or not.
KOREAN_SEARCHES = ["경사하강법", "학습률", "잎(leaf) 텐서"]
SEARCH_JS = """
([query]) => {
  const dialog = document.querySelector("dialog.gd-search");
  const input = dialog.querySelector(".pagefind-ui__search-input");
  if (input.value !== query) return null;
  const more = dialog.querySelector(".pagefind-ui__button");
  if (more) { more.click(); return null; }  // load every result
  const message = dialog.querySelector(".pagefind-ui__message");
  if (!message || !/\\d/.test(message.textContent)) return null;
  // Each result's title and link load after the count: wait until none is a placeholder.
  if (dialog.querySelector(".pagefind-ui__loading")) return null;
  const items = dialog.querySelectorAll(".pagefind-ui__result");
  if ([...items].some((li) => !li.querySelector(".pagefind-ui__result-link"))) return null;
  return {
    message: message.textContent,
    links: [...dialog.querySelectorAll(".pagefind-ui__result-link")].map(a => a.href),
  };
}
"""


def search(visit, site_url, start: str, query: str, shortcut: bool = False) -> tuple[dict, object]:
    """Open the search from a page with the keyboard (its button, or the "/" shortcut), type
    the query, and return what is listed once every result is loaded."""
    page = visit.context("light").new_page()
    page.goto(urljoin(site_url, start), wait_until="load")
    if shortcut:
        page.keyboard.press("/")
    else:
        page.focus("button.gd-search-open")
        page.keyboard.press("Enter")
    page.wait_for_selector("dialog.gd-search .pagefind-ui__search-input")
    assert page.evaluate(
        "() => document.activeElement.classList.contains('pagefind-ui__search-input')"
    )
    page.keyboard.type(query)
    handle = page.wait_for_function(SEARCH_JS, arg=[query], timeout=15_000, polling=200)
    result = handle.json_value()
    prefix = urlsplit(site_url).path
    found = {urlsplit(link).path.removeprefix(prefix) for link in result["links"]}
    return {"found": found, "message": result["message"]}, page


@pytest.mark.parametrize("query", list(SEARCHES))
def test_search_finds_the_chapters(visit, site_url, query):
    start, expected = SEARCHES[query]
    result, page = search(visit, site_url, start, query)
    missing = expected - result["found"]
    assert not missing, f"search for {query!r} ({result['message']!r}) misses {sorted(missing)}"
    korean = sorted(p for p in result["found"] if p.startswith("ko/"))
    assert not korean, f"English search lists Korean pages: {korean}"
    page.keyboard.press("Escape")  # the dialog closes and the focus comes back
    assert page.evaluate("() => !document.querySelector('dialog.gd-search').open")
    assert page.evaluate("() => document.activeElement.classList.contains('gd-search-open')")
    page.close()


def _korean_pages_with(site: Path, word: str) -> dict[str, bool]:
    """Korean page path -> whether the word appears there only with something attached."""
    pages = {}
    for path in sorted((site / "ko").rglob("index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        body = soup.select_one("[data-pagefind-body]")
        text = body.get_text(" ") if body else ""
        if word in text:
            alone = re.search(rf"(?<![\uac00-\ud7a3]){re.escape(word)}(?![\uac00-\ud7a3])", text)
            pages[path.parent.relative_to(site).as_posix() + "/"] = alone is None
    return pages


@pytest.mark.parametrize("query", KOREAN_SEARCHES)
def test_korean_search_finds_every_page_with_the_word_particles_attached(
    visit, site, site_url, query
):
    expected = _korean_pages_with(site, query)
    assert len(expected) >= 2, f"{query!r} is on too few Korean pages to test search"
    result, page = search(visit, site_url, "ko/", query, shortcut=True)
    page.close()
    missing = set(expected) - result["found"]
    assert not missing, f"search for {query!r} ({result['message']!r}) misses {sorted(missing)}"
    english = sorted(p for p in result["found"] if not p.startswith("ko/"))
    assert not english, f"Korean search lists English pages: {english}"


def _word_only_with_particles(site: Path) -> tuple[str, list[str]]:
    """A term of the glossary that some pages write only with something attached (학습률이,
    학습률을), never alone: the one with the most such pages."""
    texts = {}
    for path in sorted((site / "ko").rglob("index.html")):
        body = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        texts[path.parent.relative_to(site).as_posix() + "/"] = body.select_one(
            "[data-pagefind-body]"
        ).get_text(" ")
    runs = {page: set(re.findall(r"[\uac00-\ud7a3]+", text)) for page, text in texts.items()}
    glossary = BeautifulSoup((site / "ko/glossary/index.html").read_text("utf-8"), "html.parser")
    terms = " ".join(row.select_one("td").get_text(" ") for row in glossary.select("tbody tr"))
    words = {run for run in re.findall(r"[\uac00-\ud7a3]+", terms) if len(run) >= 2}
    best = ("", [])
    for word in sorted(words):
        pages = [
            page
            for page, found in runs.items()
            if word not in found and any(run.startswith(word) for run in found)
        ]
        if len(pages) > len(best[1]):
            best = (word, pages)
    return best


def test_korean_search_finds_a_word_that_appears_only_with_a_particle(visit, site, site_url):
    # Those pages say only 학습률이, 학습률을, ...: a search for the bare word finds them.
    query, pages = _word_only_with_particles(site)
    assert len(pages) >= 2, (query, pages)
    result, page = search(visit, site_url, "ko/", query)
    page.close()
    assert set(pages) <= result["found"], (query, pages, result)


def test_the_open_search_dialog_passes_axe(visit, axe_script, site_url):
    _, page = search(visit, site_url, "ko/", "학습률")
    page.add_script_tag(path=str(axe_script))
    violations = [v for v in page.evaluate(AXE_JS) if v["impact"] in SERIOUS]
    page.close()
    assert not violations, violations


# --- Every page ---------------------------------------------------------------------------


@pytest.mark.parametrize(("scheme", "width"), VARIANTS)
@pytest.mark.parametrize("name", PAGES)
def test_page_loads_with_its_title_and_no_error(visit, name, scheme, width):
    facts = visit(name, scheme, width)
    title, site_name = facts["title"], SITE_NAME[language(name)]
    if name in ("index", "ko"):
        title_ok = title == site_name
    else:
        title_ok = title.endswith(f" - {site_name}") and title != f" - {site_name}"
    problems = [
        *([f"answered {facts['status']}"] if facts["status"] != 200 else []),
        *([f"<title> is {title!r}"] if not title_ok else []),
        *([f"no h1 heading: {facts['h1s']}"] if not (facts["h1s"] and facts["h1s"][0]) else []),
        *(f"console error: {text}" for text in facts["console"]),
        *(f"uncaught exception: {text}" for text in facts["errors"]),
        *(f"failed request: {text}" for text in facts["failed"]),
    ]
    assert not problems, f"{name} ({scheme}, {width}): " + "; ".join(problems)


@pytest.mark.parametrize(("scheme", "width"), VARIANTS)
@pytest.mark.parametrize("name", PAGES)
def test_page_makes_no_request_that_leaves_the_site(visit, name, scheme, width):
    facts = visit(name, scheme, width)
    outside = [
        url
        for url in facts["requests"]
        if not url.startswith(visit.origin + "/") and not url.startswith(("data:", "blob:"))
    ]
    assert not outside, f"{name} ({scheme}, {width}): requests leaving the site: {outside}"


@pytest.mark.parametrize(("scheme", "width"), VARIANTS)
@pytest.mark.parametrize("name", PAGES)
def test_math_is_typeset_with_every_solution_opened(visit, name, scheme, width):
    facts = visit(name, scheme, width)
    raw = sorted({m.group() for m in RAW_TEX.finditer(facts["prose"])})
    context = [
        " ".join(facts["prose"][max(m.start() - 40, 0) : m.end() + 40].split())
        for m in list(RAW_TEX.finditer(facts["prose"]))[:3]
    ]
    assert not raw, f"{name} ({scheme}, {width}): raw TeX shown as text: {raw}, e.g. {context}"
    assert not facts["katexErrors"], f"{name}: KaTeX errors: {facts['katexErrors']}"
    if has_math(name):
        assert facts["katex"] > 0, f"{name}: the source has math but the page has no .katex"


@pytest.mark.parametrize(("scheme", "width"), VARIANTS)
@pytest.mark.parametrize("name", PAGES)
def test_nothing_shifts_as_the_page_loads(visit, name, scheme, width):
    # Google's threshold of a good Cumulative Layout Shift is 0.1. Measured before the
    # collapsed solutions are opened (opening them moves the page, as a reader expects).
    shift = visit(name, scheme, width)["shift"]
    assert shift < 0.1, f"{name} ({scheme}, {width}): layout shift {shift:.3f} while loading"


@pytest.mark.parametrize(("scheme", "width"), VARIANTS)
@pytest.mark.parametrize("name", PAGES)
def test_every_image_loads(visit, name, scheme, width):
    broken = [image["src"] for image in visit(name, scheme, width)["images"] if not image["ok"]]
    assert not broken, f"{name} ({scheme}, {width}): images that did not load: {broken}"


@pytest.mark.parametrize("name", PAGES)
def test_every_copy_button_copies_the_code_shown(visit, name):
    copies = visit(name)["copies"]
    problems = []
    for copy in copies:
        where = f"code block {copy['index'] + 1} ({copy['shown'][:40]!r}...)"
        if copy["buttons"] != 1:
            problems.append(f"{where}: {copy['buttons']} copy buttons")
        elif copy["copied"] is None:
            problems.append(f"{where}: clicking the copy button copied nothing")
        elif copy["copied"] != copy["shown"].rstrip():
            problems.append(f"{where}: copied {copy['copied'][:60]!r}...")
    assert not problems, f"{name}: " + "; ".join(problems)


@pytest.mark.parametrize("name", [n for n in PAGES if included_snippets(n)])
def test_copied_code_is_the_snippet_file(visit, name):
    copied = {copy["copied"] for copy in visit(name)["copies"]}
    missing = [
        path.relative_to(ROOT).as_posix()
        for path in included_snippets(name)
        if path.suffix == ".py"  # code, not the install note (docs/snippets/_install.md)
        and path.read_text(encoding="utf-8").rstrip() not in copied
    ]
    assert not missing, f"{name}: no copy button copies these included files exactly: {missing}"


@pytest.mark.parametrize(("scheme", "width"), VARIANTS)
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation(visit, axe_script, name, scheme, width):
    facts = visit(name, scheme, width)
    assert facts["scheme"] == ("slate" if scheme == "dark" else "default"), (
        f"{name}: Material shows the {facts['scheme']!r} palette for a {scheme} preference"
    )
    serious = [v for v in facts["axe"] if v["impact"] in SERIOUS]
    report = [
        f"{v['id']} ({v['impact']}: {v['help']}) at "
        + ", ".join(node["target"] for node in v["nodes"][:5])
        for v in serious
    ]
    assert not serious, f"{name} ({scheme}, {width}): axe-core violations: " + "; ".join(report)


@pytest.mark.parametrize(("preference", "palette"), [("light", "default"), ("dark", "slate")])
def test_first_visit_paints_the_palette_of_the_readers_preference(
    browser, site_url, preference, palette
):
    # Before Material's bundle runs (here it never does), so a dark-mode reader sees no
    # light page first, and the bundle's later palette pass changes nothing.
    context = browser.new_context(color_scheme=preference)
    try:
        page = context.new_page()
        page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
        page.goto(urljoin(site_url, "math/"), wait_until="load")
        shown = page.evaluate("() => document.body.dataset.mdColorScheme")
        stored = page.evaluate("() => Object.keys(localStorage)")
    finally:
        context.close()
    assert (shown, stored) == (palette, [])
