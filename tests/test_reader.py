"""What a reader sees, page by page, in Chromium (issue 17): checks of rendered layout and
computed styles, not of markup.

Every HTML file of the built site is opened once at each width (a phone, 390 px, and a
desktop, 1280 px), so a page added later is covered without a change here. One evaluate()
per visit collects every fact; each test then reads the facts it needs, and a failure names
the page, the width and what a reader would see.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
WIDTHS = {"phone": 390, "desktop": 1280}
OUTPUT_LABEL = {"en": '"Output"', "ko": '"출력"'}
KOREAN_FACES = ("Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR")
# Closed, the install note is one line (Material's summary is about 40 px tall).
INSTALL_NOTE_MAX_HEIGHT = 56


def built_pages(site: Path) -> list[str]:
    """Every HTML file of the built site, as its path from the site root."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _site_pages() -> list[str]:
    # Parametrize from the sources' layout without building: the test below then checks
    # that this list is exactly the built site's HTML files.
    docs = ROOT / "docs"
    pages = ["404.html"]
    for path in sorted([*docs.rglob("*.md"), *docs.rglob("*.ipynb")]):
        relative = path.relative_to(docs)
        if relative.parts[0] in ("hooks", "snippets", "assets") or ".ipynb_checkpoints" in str(
            relative
        ):
            continue
        stem = relative.with_suffix("").as_posix().removesuffix("index").rstrip("/")
        pages.append(f"{stem}/index.html" if stem else "index.html")
    return sorted(pages)


PAGES = _site_pages()


def language(page: str) -> str:
    return "ko" if page.startswith("ko/") else "en"


READER_JS = r"""
async (lang) => {
  const out = {};
  const hangul = /[\uac00-\ud7a3]/;
  const visible = (el) => el.checkVisibility() && el.getClientRects().length > 0;

  // 17.4: the install note, as the page opens (closed).
  out.installNotes = [...document.querySelectorAll(".md-content details, .md-content .admonition")]
    .filter((el) => /pip install gd-tutorial/.test(el.textContent) && !el.parentElement.closest(
      "details, .admonition"))
    .map((el) => ({ height: el.getBoundingClientRect().height, tag: el.tagName.toLowerCase() }));
  const note = document.querySelector(".md-content details.gd-install");
  if (note) {
    note.open = true;
    const command = [...note.querySelectorAll("code")].find((c) => /pip install gd-tutorial/
      .test(c.textContent));
    out.installOpened = { height: note.getBoundingClientRect().height,
      commandShown: !!command && visible(command) };
    note.open = false;
  }

  // The rest looks at the page with every collapsed block open, as a reader may open them.
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

  // 17.1: Korean lines break between words only.
  out.fontFamily = getComputedStyle(document.body).fontFamily;
  out.midWordBreaks = [];
  out.notKeepAll = [];
  if (lang === "ko") {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent, el = node.parentElement;
      if (!el || !hangul.test(text)) continue;
      if (el.closest("pre, code, script, style, template, .katex, svg, title")) continue;
      if (!visible(el)) continue;
      const style = getComputedStyle(el);
      if (style.wordBreak !== "keep-all") {
        const what = `${el.tagName.toLowerCase()}.${el.className}`;
        out.notKeepAll.push(`${what}: ${text.trim().slice(0, 30)}`);
        if (out.notKeepAll.length > 5) break;
      }
      range.selectNodeContents(node);
      if (range.getClientRects().length < 2) continue;  // on one line
      let previous = null;
      for (let i = 0; i < text.length; i++) {
        if (!hangul.test(text[i])) { previous = null; continue; }
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getBoundingClientRect();
        if (previous && rect.top >= previous.bottom - 1) {
          const words = text.slice(Math.max(0, i - 8), i) + "|" + text.slice(i, i + 8);
          out.midWordBreaks.push(words.replace(/\s+/g, " "));
        }
        previous = rect;
      }
    }
  }

  // Short inline code stays on one line ("1e-5" is not split at its hyphen), and so does a
  // Korean particle written right after it ("`lr`은").
  out.brokenShortCode = [];
  for (const code of document.querySelectorAll(".md-content code")) {
    if (code.closest("pre") || code.textContent.length > 24 || !visible(code)) continue;
    const unit = code.parentElement.closest(".gd-nobreak") || code;
    const tops = new Set([...unit.getClientRects()].map((r) => Math.round(r.top)));
    if (tops.size > 1) out.brokenShortCode.push(unit.textContent);
  }

  // 17.3: each output box carries its label, joined to it.
  const boxes = document.querySelectorAll(
    ".md-content .highlight + .highlight, .md-content .jp-OutputArea, .md-content .gd-output");
  out.outputs = [...boxes].filter(visible).map((box) => {
    const code = box.querySelector("pre > code") || box.querySelector("pre");
    const pre = code.closest("pre");
    const b = box.getBoundingClientRect(), p = pre.getBoundingClientRect();
    return {
      text: box.textContent.trim().slice(0, 40),
      label: getComputedStyle(box, "::before").content,
      gap: p.top - b.top,  // the label's height: the box starts with it
      boxBg: getComputedStyle(box).backgroundColor,
      codeBg: getComputedStyle(code).backgroundColor,
      whiteSpace: [...box.querySelectorAll("pre")].map((p) =>
        getComputedStyle(p.querySelector(":scope > code") || p).whiteSpace),
      wrapAsked: !!box.closest(".gd-wrap"),
    };
  });

  // 17.3: the copy button never covers the code's text.
  out.copyOverText = [];
  for (const nav of document.querySelectorAll(".md-content pre > .md-code__nav")) {
    if (!visible(nav)) continue;
    const code = nav.parentElement.querySelector(":scope > code");
    if (!code) continue;
    const n = nav.getBoundingClientRect(), c = code.getBoundingClientRect();
    // What of the text can be seen: inside the code box's scrolling area.
    const left = c.left + code.clientLeft, right = left + code.clientWidth;
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!t.textContent.trim()) continue;
      range.selectNodeContents(t);
      const hit = [...range.getClientRects()].some((r) => r.width > 0 &&
        Math.max(r.left, left, n.left) < Math.min(r.right, right, n.right) - 0.5 &&
        Math.max(r.top, n.top) < Math.min(r.bottom, n.bottom) - 0.5);
      if (hit) {
        const line = code.textContent.split("\n")[0].slice(0, 50);
        out.copyOverText.push(`${line} (at "${t.textContent.trim().slice(0, 20)}")`);
        break;
      }
    }
  }

  // 17.3 and 17.5: whatever is wider than its box scrolls, with a cue.
  out.scrollers = [];
  for (const el of document.querySelectorAll(
    ".md-content pre > code, .md-content .jp-OutputArea-output pre, .md-content .katex-display")) {
    if (!visible(el) || el.scrollWidth <= el.clientWidth + 1) continue;
    const s = getComputedStyle(el);
    out.scrollers.push({
      what: el.textContent.trim().slice(0, 40),
      kind: el.classList.contains("katex-display") ? "formula" : "code",
      overflowX: s.overflowX,
      cue: /radial-gradient/.test(s.backgroundImage) && /local/.test(s.backgroundAttachment)
        && /scroll/.test(s.backgroundAttachment),
      focusable: el.tabIndex >= 0 || el.parentElement.tabIndex >= 0,
    });
  }
  // Rules of dashes in a traceback stay on one line.
  out.brokenRules = [];
  for (const pre of document.querySelectorAll(".md-content .jp-OutputArea-output pre")) {
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const m = /-{10,}/.exec(t.textContent);
      if (!m) continue;
      range.setStart(t, m.index); range.setEnd(t, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (tops.size > 1) out.brokenRules.push(pre.textContent.trim().slice(0, 40));
    }
  }
  out.pageScrollWidth = document.documentElement.scrollWidth;
  out.viewport = innerWidth;
  return out;
}
"""


class Reader:
    """Opens each page once per width and keeps what READER_JS saw."""

    def __init__(self, browser, site_url):
        self.browser, self.site_url = browser, site_url
        self.contexts, self.facts = {}, {}

    def context(self, width: str):
        if width not in self.contexts:
            phone = width == "phone"
            self.contexts[width] = self.browser.new_context(
                viewport={"width": WIDTHS[width], "height": 844 if phone else 800},
                is_mobile=phone,
                has_touch=phone,
            )
            self.contexts[width].set_default_timeout(15_000)
        return self.contexts[width]

    def __call__(self, page_path: str, width: str) -> dict:
        key = (page_path, width)
        if key not in self.facts:
            page = self.context(width).new_page()
            try:
                url = urljoin(self.site_url, page_path.removesuffix("index.html"))
                page.goto(url, wait_until="load")
                page.wait_for_load_state("networkidle")
                page.evaluate("() => document.fonts.ready.then(() => null)")
                self.facts[key] = page.evaluate(READER_JS, language(page_path))
            finally:
                page.close()
        return self.facts[key]

    def close(self):
        for context in self.contexts.values():
            context.close()


@pytest.fixture(scope="module")
def reader(browser, site_url):
    r = Reader(browser, site_url)
    yield r
    r.close()


VISITS = [(page, width) for page in PAGES for width in WIDTHS]


def test_every_html_file_of_the_site_is_checked(site):
    assert built_pages(site) == PAGES


# --- 17.1 Korean text -------------------------------------------------------------------


@pytest.mark.parametrize(("page", "width"), [v for v in VISITS if language(v[0]) == "ko"])
def test_korean_lines_break_between_words_never_inside_one(reader, page, width):
    facts = reader(page, width)
    assert not facts["notKeepAll"], f"{page} ({width}): word-break is not keep-all on: " + str(
        facts["notKeepAll"]
    )
    assert not facts["midWordBreaks"], (
        f"{page} ({width}): Korean words broken across lines at |: {facts['midWordBreaks'][:8]}"
    )


@pytest.mark.parametrize(("page", "width"), VISITS)
def test_short_inline_code_and_its_particle_stay_on_one_line(reader, page, width):
    broken = reader(page, width)["brokenShortCode"]
    assert not broken, f"{page} ({width}): short inline code broken across lines: {broken[:8]}"


@pytest.mark.parametrize("page", [p for p in PAGES if language(p) == "ko"])
def test_korean_pages_name_a_system_korean_font_for_every_platform(reader, page):
    family = reader(page, "phone")["fontFamily"]
    missing = [face for face in KOREAN_FACES if face not in family]
    assert not missing, f"{page}: the font stack {family!r} names none of {missing}"


# --- 17.3 Code and its output -----------------------------------------------------------


@pytest.mark.parametrize(("page", "width"), VISITS)
def test_every_output_is_labelled_in_the_page_language_and_joined_to_its_box(reader, page, width):
    problems = []
    for box in reader(page, width)["outputs"]:
        where = f"output {box['text']!r}"
        if box["label"] != OUTPUT_LABEL[language(page)]:
            problems.append(f"{where}: label {box['label']}")
        if not 8 <= box["gap"] <= 28:
            problems.append(f"{where}: its text starts {box['gap']:.0f} px below the box's top")
        if box["boxBg"] != box["codeBg"]:
            problems.append(f"{where}: label on {box['boxBg']}, text on {box['codeBg']}")
    assert not problems, f"{page} ({width}): " + "; ".join(problems)


@pytest.mark.parametrize(("page", "width"), VISITS)
def test_outputs_keep_their_columns_and_messages_wrap(reader, page, width):
    problems = []
    for box in reader(page, width)["outputs"]:
        # A printed table keeps its columns; a block marked "gd-wrap" holds a message to read.
        wraps = {space in ("pre-wrap", "break-spaces") for space in box["whiteSpace"]}
        if wraps != {box["wrapAsked"]}:
            problems.append(f"output {box['text']!r}: white-space {box['whiteSpace']}")
    broken = reader(page, width)["brokenRules"]
    problems += [f"a traceback's rule breaks across lines in {text!r}" for text in broken]
    assert not problems, f"{page} ({width}): " + "; ".join(problems)


@pytest.mark.parametrize(("page", "width"), VISITS)
def test_the_copy_button_never_covers_the_codes_text(reader, page, width):
    covered = reader(page, width)["copyOverText"]
    assert not covered, f"{page} ({width}): the copy button covers the text of: {covered}"


@pytest.mark.parametrize(("page", "width"), VISITS)
def test_what_is_wider_than_its_box_scrolls_with_a_visible_cue(reader, page, width):
    facts = reader(page, width)
    problems = [
        f"{s['kind']} {s['what']!r}: overflow-x {s['overflowX']}, cue {s['cue']}, "
        f"focusable {s['focusable']}"
        for s in facts["scrollers"]
        if s["overflowX"] not in ("auto", "scroll") or not s["cue"] or not s["focusable"]
    ]
    if facts["pageScrollWidth"] > facts["viewport"]:
        problems.append(f"the page is {facts['pageScrollWidth']} px wide in {facts['viewport']}")
    assert not problems, f"{page} ({width}): " + "; ".join(problems)


# --- 17.4 The install note --------------------------------------------------------------


def test_pages_that_need_the_package_have_an_install_note(reader):
    with_note = [p for p in PAGES if reader(p, "phone")["installNotes"]]
    assert len(with_note) >= 2 * 9, with_note


@pytest.mark.parametrize("page", PAGES)
def test_the_install_note_is_one_line_until_opened(reader, page):
    facts = reader(page, "phone")
    for note in facts["installNotes"]:
        assert note["tag"] == "details", f"{page}: the install note is a {note['tag']}, not closed"
        assert note["height"] <= INSTALL_NOTE_MAX_HEIGHT, (
            f"{page}: the closed install note is {note['height']:.0f} px tall at 390 px"
        )
    if facts["installNotes"]:
        opened = facts.get("installOpened")
        assert opened and opened["commandShown"], f"{page}: opening the note shows no command"
        assert opened["height"] > 3 * INSTALL_NOTE_MAX_HEIGHT, opened


# --- 17.7 Search ------------------------------------------------------------------------

SEARCH_READY_JS = r"""
([query]) => {
  const dialog = document.querySelector("dialog.gd-search");
  const input = dialog.querySelector(".pagefind-ui__search-input");
  if (!input || input.value !== query) return null;
  const links = dialog.querySelectorAll(".pagefind-ui__result-link");
  const message = dialog.querySelector(".pagefind-ui__message");
  return links.length >= 3 && message && /\d/.test(message.textContent) ? links.length : null;
}
"""

SEARCH_LAYOUT_JS = r"""
() => {
  const dialog = document.querySelector("dialog.gd-search");
  const input = dialog.querySelector(".pagefind-ui__search-input");
  // Scroll whatever scrolls in the dialog to its end, as a reader reading results would.
  let scrolled = 0;
  for (const el of [dialog, ...dialog.querySelectorAll("*")]) {
    const scrolls = /auto|scroll/.test(getComputedStyle(el).overflowY);
    if (scrolls && el.scrollHeight > el.clientHeight + 1) {
      el.scrollTop = el.scrollHeight; scrolled += 1;
    }
  }
  const r = input.getBoundingClientRect(), d = dialog.getBoundingClientRect();
  const close = dialog.querySelector(".gd-search__close").getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  const marks = [...dialog.querySelectorAll("mark")].map((m) => m.textContent);
  return {
    scrolled, inputTop: r.top, inputBottom: r.bottom, inputShown: hit === input,
    dialog: [d.left, d.top, d.width, d.height], viewport: [innerWidth, innerHeight],
    closeInRow: close.top < r.bottom && close.bottom > r.top && close.left >= r.right - 1,
    marks,
  };
}
"""


def open_search(browser, site_url, width: str, start: str, query: str):
    phone = width == "phone"
    context = browser.new_context(
        viewport={"width": WIDTHS[width], "height": 844 if phone else 800},
        is_mobile=phone,
        has_touch=phone,
    )
    page = context.new_page()
    page.goto(urljoin(site_url, start), wait_until="load")
    page.focus("button.gd-search-open")
    page.keyboard.press("Enter")
    page.wait_for_selector("dialog.gd-search .pagefind-ui__search-input")
    page.keyboard.type(query)
    page.wait_for_function(SEARCH_READY_JS, arg=[query], timeout=15_000, polling=200)
    return context, page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("start", "query"), [("", "gradient"), ("ko/", "경사하강법")])
def test_the_search_box_stays_in_view_while_the_results_scroll(
    browser, site_url, width, start, query
):
    context, page = open_search(browser, site_url, width, start, query)
    try:
        layout = page.evaluate(SEARCH_LAYOUT_JS)
    finally:
        context.close()
    assert layout["scrolled"] >= 1, f"{query}: the results fit without scrolling: {layout}"
    assert layout["inputShown"] and layout["inputTop"] >= 0, (
        f"{query} ({width}): after scrolling the results the box is out of view: {layout}"
    )
    assert layout["closeInRow"], f"{query} ({width}): the close button is not in the box's row"
    if width == "phone":
        assert layout["dialog"] == [0, 0, *layout["viewport"]], (
            f"on a phone the search is not full-screen: {layout['dialog']}"
        )


def test_search_highlights_cover_the_word_not_the_punctuation(browser, site_url):
    context, page = open_search(browser, site_url, "desktop", "", "momentum")
    try:
        marks = page.evaluate(SEARCH_LAYOUT_JS)["marks"]
    finally:
        context.close()
    assert marks, "no highlight in the results for 'momentum'"
    spread = [m for m in marks if re.search(r"^\W|\W$", m)]
    assert not spread, f"highlights spread over punctuation: {spread}"


def test_arrow_keys_move_through_the_results_and_enter_opens_one(browser, site_url):
    context, page = open_search(browser, site_url, "desktop", "", "gradient")
    focused = "() => document.activeElement.className + ' ' + (document.activeElement.href || '')"
    links = "() => [...document.querySelectorAll('.pagefind-ui__result-link')].map(a => a.href)"
    try:
        hrefs = page.evaluate(links)
        page.keyboard.press("ArrowDown")
        first = page.evaluate(focused)
        page.keyboard.press("ArrowDown")
        second = page.evaluate(focused)
        page.keyboard.press("ArrowUp")
        page.keyboard.press("ArrowUp")
        back = page.evaluate(focused)
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        opened = page.url
    finally:
        context.close()
    assert first.endswith(" " + hrefs[0]), first
    assert second.endswith(" " + hrefs[1]), second
    assert "pagefind-ui__search-input" in back, back
    assert opened == hrefs[1]


def test_escape_closes_the_search_and_keeps_the_query(browser, site_url):
    context, page = open_search(browser, site_url, "phone", "ko/", "학습률")
    try:
        page.keyboard.press("Escape")
        closed = page.evaluate("() => !document.querySelector('dialog.gd-search').open")
        page.focus("button.gd-search-open")
        page.keyboard.press("Enter")
        kept = page.evaluate("() => document.querySelector('.pagefind-ui__search-input').value")
    finally:
        context.close()
    assert closed, "Escape left the search open"
    assert kept == "학습률", f"Escape cleared the query: the box holds {kept!r}"
