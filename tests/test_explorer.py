"""The two explorers, driven in headless Chromium: the learning-rate explorer on
docs/learning-rate.md (one weight) and the (W, b) explorer (docs/snippets/_explorer_wb.md, on
why-momentum).

Every log line, bound and verdict it shows is compared with the package: gradient_descent
(or momentum_descent, with a momentum) on float64 tensors (JavaScript numbers are float64),
max_stable_lr and curvature.

The Korean page, docs/ko/learning-rate.md, includes the same snippet, and the same script
speaks Korean there (the page carries its words, from docs/hooks/ui.yml): the tests that read
words, and the cheap ones that check numbers, run on both pages. The log is the program's
output, the same in both.
"""

from __future__ import annotations

import itertools
import json
import math
import random
import re
import warnings
from pathlib import Path
from urllib.parse import urljoin

import pytest
import torch
from _common import UI
from bs4 import BeautifulSoup
from site_figures import COURSE_RUN

import gd_tutorial
from gd_tutorial import (
    DivergenceWarning,
    best_lr,
    best_momentum,
    closed_form_weight,
    curvature,
    curvatures,
    damping,
    descent_rate,
    epochs_to_shrink,
    gradient_descent,
    max_stable_lr,
    momentum_descent,
    momentum_max_lr,
    momentum_rate,
    toy_data,
)

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "explorer.js"
SCRIPT_WB = ROOT / "docs" / "assets" / "javascripts" / "explorer-wb.js"
STYLE = ROOT / "docs" / "assets" / "stylesheets" / "explorer.css"
# The page the (W, b) explorer is on for now (the lead moves its include line to why-momentum).
WB_PAGES = {"en": "why-momentum/", "ko": "ko/why-momentum/"}
WB_INCLUDES = {"en": "docs/snippets/_explorer_wb.md", "ko": "docs/snippets/_explorer_wb.ko.md"}
# The log shows the package's lines while every number in them is below this (explorer.js).
LIMIT = 1e9

# Each page's address in the site, and the words its explorer and its Markdown show.
PAGES = {"en": "learning-rate/", "ko": "ko/learning-rate/"}
LANGUAGES = list(PAGES)
WORDS = {
    "en": {
        "noscript": "The explorer needs JavaScript. The figures and the code above",
        "sliders": ("Learning rate lr", "Starting weight W0", "Epochs", "Momentum"),
        "radios": ("sum (the course's code)", "mean (the true slope)"),
        "group": "Gradient",
        "course": "The course's run",
        "caption": "The log, in the course's format:",
        "momentum bound": "with momentum {momentum:g}, lr must stay below",
        "factor": "|1 \u2212 lr\u00b7L| = {factor:.3f} per step",
        "cut": "From epoch {} on, the numbers pass 10⁹, so the log stops there",
    },
    "ko": {
        "noscript": "탐색기는 JavaScript가 있어야 동작합니다. 위의 그림과 코드가",
        "sliders": ("학습률 lr", "시작 가중치 W0", "에폭 수", "모멘텀"),
        "radios": ("sum (강좌 코드)", "mean (참 기울기)"),
        "group": "기울기",
        "course": "강좌 설정",
        "caption": "강좌와 같은 형식의 로그:",
        "momentum bound": "모멘텀 {momentum:g}에서는 학습률이",
        "factor": "|1 \u2212 lr\u00b7L| = {factor:.3f}배",
        "cut": "에폭 {}부터는 숫자가 10⁹을 넘으므로 로그를 여기서 멈춥니다",
    },
}
# The first clause of each verdict, before its colon (expected_verdict gives the English ones).
VERDICTS = {
    "en": {},
    "ko": {
        "Stays put": "제자리에 있습니다",
        "Converges with momentum": "모멘텀으로 수렴합니다",
        "Diverges with momentum": "모멘텀으로 발산합니다",
        "Converges in one step": "한 스텝에 수렴합니다",
        "Bounces forever": "끝없이 왕복합니다",
        "Converges fast, from one side": "한쪽에서 빠르게 수렴합니다",
        "Converges, from one side": "한쪽에서 수렴합니다",
        "Converges slowly, from one side": "한쪽에서 천천히 수렴합니다",
        "Converges fast while oscillating": "빠르게 진동하며 수렴합니다",
        "Converges while oscillating": "진동하며 수렴합니다",
        "Converges slowly while oscillating": "천천히 진동하며 수렴합니다",
        "Diverges": "발산합니다",
    },
}
# "n steps make it 1000 times smaller", in each language.
SHRINK = {"en": "; {n} steps make it 1000 times smaller.", "ko": " {n}스텝이면 거리가 1000분의 1이"}


def toy64() -> tuple[torch.Tensor, torch.Tensor]:
    x, y = toy_data()
    return x.to(torch.float64), y.to(torch.float64)


def python_run(state: dict):
    """The package's run for the explorer's settings; warns exactly when the run diverged.

    With a momentum that is momentum_descent, which takes the mean gradient.
    """
    x, y = toy64()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DivergenceWarning)
        if state.get("momentum", 0) > 0:
            assert state["reduction"] == "mean", "momentum_descent takes the mean gradient"
            history = momentum_descent(
                x, y, state["lr"], state["epochs"], state["momentum"], w0=state["w0"]
            )
        else:
            history = gradient_descent(
                x,
                y,
                lr=state["lr"],
                epochs=state["epochs"],
                w0=state["w0"],
                reduction=state["reduction"],
            )
    assert [w.category for w in caught] == ([DivergenceWarning] if history.diverged else [])
    return history


def expected_verdict(state: dict) -> tuple[str, int | None]:
    """The verdict's first clause, from the factor |1 - lr * L| (fast below 0.3, slowly from
    0.9), and the steps to shrink the distance 1000-fold when it converges."""
    x, y = toy64()
    L = curvature(x, state["reduction"])
    lr = state["lr"]
    if state["w0"] == closed_form_weight(x, y):
        return "Stays put", None
    if state.get("momentum", 0) > 0:
        limit = 2 * (1 + state["momentum"]) / L
        return ("Converges with momentum" if lr < limit else "Diverges with momentum"), None
    if math.isclose(lr, 1 / L, rel_tol=1e-9):
        return "Converges in one step", None
    if math.isclose(lr, 2 / L, rel_tol=1e-9):
        return "Bounces forever", None
    factor = abs(1 - lr * L)
    if factor > 1:
        return "Diverges", None
    speed = "fast" if factor < 0.3 else "" if factor < 0.9 else "slowly"
    words = " ".join(filter(None, ["Converges", speed]))
    words += " while oscillating" if lr > 1 / L else ", from one side"
    return words, epochs_to_shrink(factor)


def rows_of(history) -> list[list[float]]:
    """The numbers of each log line: W, (b,) cost."""
    if history.biases is None:
        return [[w, c] for w, c in zip(history.weights, history.costs, strict=True)]
    return [list(r) for r in zip(history.weights, history.biases, history.costs, strict=True)]


def shown_log(history) -> list[str]:
    """What the explorers show of a run's log: the package's lines up to the first whose
    numbers reach LIMIT, then the package's message."""
    lines = history.format_log().splitlines()[: len(history.weights)]
    rows = rows_of(history)
    cut = next((k for k, row in enumerate(rows) if any(not abs(v) < LIMIT for v in row)), None)
    shown = lines if cut is None else lines[:cut]
    return shown + ([history.message] if history.message else [])


# --- without a browser ---------------------------------------------------------------------------


def test_explorer_files_are_small_and_load_nothing_from_elsewhere():
    for script, limit in ((SCRIPT, 36_000), (SCRIPT_WB, 18_000)):
        source = script.read_text(encoding="utf-8")
        assert script.stat().st_size < limit  # explorer.js holds both explorers' words
        assert "http" not in source.replace("http://www.w3.org/2000/svg", "")
        assert "import" not in source and "fetch(" not in source and "eval(" not in source
    assert "url(" not in STYLE.read_text(encoding="utf-8")


def english_words() -> dict:
    """The explorers' English words: explorer.js's table TEXT, one entry a line, each as JSON."""
    source = SCRIPT.read_text(encoding="utf-8")
    table = source[source.index("  const TEXT = {") : source.index("\n  };", source.index("TEXT"))]
    return {key: json.loads(value) for key, value in re.findall(r"^ {4}(\w+): (.*),$", table, re.M)}


def fields_of(words) -> list:
    """The {fields} an entry fills in (of each item, for a list or a table of words)."""
    if isinstance(words, dict):
        return [fields_of(words[key]) for key in sorted(words)]
    if isinstance(words, list):
        return [fields_of(item) for item in words]
    return sorted(re.findall(r"\{(\w+)\}", words))


def test_the_korean_of_every_english_word_of_both_explorers_is_in_ui_yml():
    english, korean = english_words(), UI["text"]["The explorers' words"]
    assert "TEXT" not in SCRIPT_WB.read_text(encoding="utf-8")  # it takes its words from gdExplorer
    assert list(korean) == list(english) and len(english) > 50
    for key, words in english.items():
        assert type(korean[key]) is type(words), key
        assert fields_of(korean[key]) == fields_of(words), key
        if isinstance(words, dict):
            assert list(korean[key]) == list(words), key
    assert re.findall(r"[\uac00-\ud7a3]", SCRIPT.read_text(encoding="utf-8")) == []  # no Hangul


def korean_words_of(soup: BeautifulSoup):
    """The words a built page gives its explorers (None on a page that gives none)."""
    words = soup.select_one("head script#gd-explorer-words")
    return words and json.loads(words.string)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_embeds_the_data_and_bounds_computed_by_the_package(site, lang):
    html = (site / PAGES[lang] / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == lang
    # The words of the page's language: explorer.js's own English, or ui.yml's Korean.
    words = korean_words_of(soup)
    assert words == (UI["text"]["The explorers' words"] if lang == "ko" else None)
    root = soup.select_one("article [data-gd-explorer]")
    assert root.get_text() == ""  # the snippet prints no words; the page's Markdown does
    data = json.loads(root["data-gd-explorer"])
    x, y = toy_data()
    assert data["x"] == x.flatten().tolist() and data["y"] == y.flatten().tolist()
    assert data["best"] == closed_form_weight(x, y)
    for reduction in ("sum", "mean"):
        assert data["L"][reduction] == curvature(x, reduction)
        assert data["bound"][reduction] == max_stable_lr(x, reduction)
    assert data["course"] == COURSE_RUN
    noscript = root.find_next_sibling()
    assert noscript.name == "noscript"
    assert " ".join(noscript.get_text().split()).startswith(WORDS[lang]["noscript"])
    assets = "../" * PAGES[lang].count("/")  # relative to the page's folder
    (script,) = soup.select("article script[src]")
    assert script["src"] == f"{assets}assets/javascripts/explorer.js" and script.has_attr("defer")
    (sheet,) = soup.select('article link[rel="stylesheet"]')
    assert sheet["href"] == f"{assets}assets/stylesheets/explorer.css"
    assert (site / "assets" / "javascripts" / "explorer.js").read_bytes() == SCRIPT.read_bytes()
    assert (site / "assets" / "stylesheets" / "explorer.css").is_file()


# --- in the browser ------------------------------------------------------------------------------


def set_slider(page, root: str, prefix: str, name: str, value: float) -> None:
    """Move the slider #{prefix}-{name} of the explorer `root` to the position of `value`."""
    page.evaluate(
        """([root, id, key, value]) => {
             const r = document.querySelector(root);
             const i = r.explorer.lists[key].indexOf(value);
             if (i < 0) throw new Error(`${key} = ${value} is not on its slider`);
             const el = r.querySelector("#" + id);
             el.value = i;
             el.dispatchEvent(new Event("input", {bubbles: true})); }""",
        [root, f"{prefix}-{name}", name, value],
    )


class Explorer:
    """The learning-rate page in one language open in one tab, with every console error
    recorded."""

    def __init__(self, page, site_url: str, lang: str):
        self.page = page
        self.lang = lang
        self.words = WORDS[lang]
        url = urljoin(site_url, PAGES[lang])
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.goto(url, wait_until="load")
        page.wait_for_selector("#gdx-log")

    def set_range(self, name: str, value: float) -> None:
        """Move a slider to the position of a value (the sliders run over lists of values)."""
        set_slider(self.page, "[data-gd-explorer]", "gdx", name, value)

    def choose(self, reduction: str) -> None:
        self.page.locator(f'input[name="gdx-reduction"][value="{reduction}"]').check()

    def state(self) -> dict:
        return json.loads(self.page.locator("[data-gd-explorer]").get_attribute("data-state"))

    def log(self) -> list[str]:
        return self.page.locator("#gdx-log").text_content().split("\n")

    def text(self, element_id: str) -> str:
        return self.page.locator(f"#{element_id}").text_content()

    def check_against_the_package(self) -> dict:
        state = self.state()
        history = python_run(state)
        assert self.log() == shown_log(history), state
        full = self.page.evaluate(
            """(s) => { const e = document.querySelector("[data-gd-explorer]").explorer;
                 return e.logLines(e.descend(s), s.epochs); }""",
            state,
        )
        assert full == history.format_log().splitlines(), state  # every line, unabridged
        verdict = self.text("gdx-verdict")
        first, steps = expected_verdict(state)
        assert verdict.split(":")[0] == self.verdict(first), (state, verdict)
        if steps is not None:
            assert SHRINK[self.lang].format(n=steps) in verdict, (state, verdict)
        x, _ = toy64()
        L = curvature(x, state["reduction"])
        bound = self.text("gdx-bound")
        assert f"2/L = {max_stable_lr(x, state['reduction']):.6f}" in bound
        assert f"L = {L:g}:" in bound
        if state["momentum"] > 0:
            limit = 2 * (1 + state["momentum"]) / L
            assert self.words["momentum bound"].format(momentum=state["momentum"]) in bound
            assert f"2(1 + momentum)/L = {limit:.6f}" in bound
        else:
            assert self.words["factor"].format(factor=abs(1 - state["lr"] * L)) in bound
        return state

    def verdict(self, english: str) -> str:
        """The first words of a verdict in this page's language."""
        return VERDICTS[self.lang].get(english, english)


@pytest.fixture(scope="module", params=LANGUAGES)
def explorer(browser, site_url, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    tab = Explorer(page, site_url, request.param)
    yield tab
    assert not tab.errors, f"console errors on {PAGES[request.param]}: {tab.errors}"
    context.close()


@pytest.mark.browser
def test_the_explorer_speaks_the_words_of_its_pages_language(explorer):
    korean = UI["text"]["The explorers' words"] if explorer.lang == "ko" else {}
    words = english_words() | korean
    assert explorer.page.evaluate("window.gdExplorer.T") == words
    assert explorer.page.locator(".gdx-caption").text_content() == words["caption"]
    labels = explorer.page.locator("[data-gd-explorer] label[for]").all_text_contents()
    assert labels[:3] == [f"{words['lr']} lr", f"{words['w0']} W0", words["epochs"]]
    minus = explorer.page.locator('[data-step="-1"][data-for="gdx-epochs"]')
    assert minus.get_attribute("aria-label") == words["down"].format(name=words["epochs"])


@pytest.mark.browser
def test_explorer_opens_on_the_course_run_and_prints_its_log(explorer):
    state = explorer.check_against_the_package()
    assert state == {**COURSE_RUN, "momentum": 0}
    assert explorer.log()[1] == "Epoch    1/10 W: 1.400, Cost: 0.746667"  # float64, as in torch
    assert explorer.text("gdx-verdict").split(":")[0] == explorer.verdict(
        "Converges while oscillating"
    )
    assert explorer.page.locator("#gdx-verdict").get_attribute("aria-live") == "polite"
    assert explorer.page.locator(".gdx-caption").text_content() == explorer.words["caption"]
    assert explorer.page.locator("#gdx-lr-out").text_content() == "0.1"


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lr", "epochs", "w0", "reduction", "verdict"),
    [
        (0.15, 10, 0.0, "sum", "Diverges"),  # the gallery's divergent run
        (0.15, 10, 0.0, "mean", "Converges while oscillating"),  # the course's optim run
        (0.1, 2, 0.0, "mean", "Converges fast, from one side"),  # factor 0.067: fast
        (0.12, 10, 0.0, "mean", "Converges fast while oscillating"),  # factor 0.12
        (0.07, 10, 0.0, "mean", "Converges, from one side"),  # factor 0.347
        (0.144, 100, 0.0, "sum", "Diverges"),  # just above the bound: large costs
        (0.3, 500, 0.0, "sum", "Diverges"),  # overflows: the run stops early
        (0.2, 30, -2.3, "mean", "Converges while oscillating"),
        (0.2, 30, -2.3, "sum", "Diverges"),
        (0.02, 40, -2.3, "sum", "Converges, from one side"),  # negative weights in the log
        (0.205, 60, 3.0, "mean", "Converges slowly while oscillating"),  # factor 0.913
        (0.3, 25, 1.0, "mean", "Stays put"),  # starts at W*: the slope is 0
        (0.001, 0, 4.9, "sum", "Converges slowly, from one side"),  # no epochs: one line
    ],
)
def test_each_setting_prints_what_gradient_descent_prints(
    explorer, lr, epochs, w0, reduction, verdict
):
    explorer.choose(reduction)
    explorer.set_range("lr", lr)
    explorer.set_range("epochs", epochs)
    explorer.set_range("w0", w0)
    state = explorer.check_against_the_package()
    assert state == {"lr": lr, "epochs": epochs, "w0": w0, "reduction": reduction, "momentum": 0}
    assert explorer.text("gdx-verdict").split(":")[0] == explorer.verdict(verdict)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lr", "epochs", "w0", "momentum", "verdict"),
    [
        (0.15, 10, 0.0, 0.9, "Converges with momentum"),
        (0.05, 30, -2.3, 0.5, "Converges with momentum"),
        (0.2, 60, 4.0, 0.7, "Converges with momentum"),  # beyond plain descent's 0.142857
        (0.3, 40, 0.0, 0.2, "Diverges with momentum"),  # above 2(1 + 0.2)/L = 0.257143
        (0.3, 500, 0.0, 0.95, "Converges with momentum"),
    ],
)
def test_with_momentum_it_prints_what_momentum_descent_prints(
    explorer, lr, epochs, w0, momentum, verdict
):
    explorer.choose("mean")
    explorer.set_range("lr", lr)
    explorer.set_range("epochs", epochs)
    explorer.set_range("w0", w0)
    explorer.set_range("momentum", momentum)
    try:
        state = explorer.check_against_the_package()
        assert state["momentum"] == momentum
        assert explorer.text("gdx-verdict").startswith(explorer.verdict(verdict))
        assert explorer.page.locator("#gdx-momentum-out").text_content() == f"{momentum:g}"
        assert explorer.page.locator("#gdx-path circle").count() == len(python_run(state).weights)
    finally:
        explorer.set_range("momentum", 0)


@pytest.mark.browser
def test_momentum_with_the_sum_gradient_is_momentum_descent_with_lr_times_m_over_2(explorer):
    # The sum gradient is m/2 times the mean one, and so is every velocity built from it.
    x, y = toy64()
    weights = explorer.page.evaluate(
        """() => document.querySelector("[data-gd-explorer]").explorer.descend(
             {lr: 0.02, epochs: 40, w0: -1, reduction: "sum", momentum: 0.6}).weights"""
    )
    run = momentum_descent(x, y, 0.02 * 3 / 2, 40, 0.6, w0=-1.0)
    assert weights == pytest.approx(run.weights, rel=1e-12, abs=1e-12)


def test_the_momentum_bound_on_the_page_is_where_momentum_descent_starts_to_diverge():
    x, y = toy64()
    L = curvature(x, "mean")
    # "set lr = 0.25, above the bound 2/L: plain descent diverges ... momentum 0.7 converges"
    assert max_stable_lr(x, "mean") < 0.25 < 2 * (1 + 0.7) / L
    with pytest.warns(DivergenceWarning):
        assert gradient_descent(x, y, lr=0.25, epochs=40).diverged
    converging = momentum_descent(x, y, 0.25, 200, 0.7)
    assert not converging.diverged and abs(converging.weights[-1] - 1.0) < 1e-6
    for momentum in (0.2, 0.5, 0.9):
        limit = 2 * (1 + momentum) / L
        assert not momentum_descent(x, y, limit * 0.99, 400, momentum, w0=0.0).diverged
        with pytest.warns(DivergenceWarning):
            assert momentum_descent(x, y, limit * 1.01, 400, momentum, w0=0.0).diverged


@pytest.mark.browser
def test_a_run_that_overflows_stops_like_the_package(explorer):
    explorer.choose("sum")
    explorer.set_range("lr", 0.3)
    explorer.set_range("epochs", 500)
    explorer.set_range("w0", 0.0)
    state = explorer.check_against_the_package()
    history = python_run(state)
    log = explorer.log()
    # The package's log: lines of costs near 1e308, printed digit by digit.
    assert len(max(history.format_log().splitlines()[:-1], key=len)) > 300
    # The explorer shows the lines up to the numbers' passing 1e9, then the package's message,
    # and says where it stopped.
    epoch = len(history.weights) - 1
    assert log[-1].startswith(f"Diverged: the numbers overflowed after epoch {epoch}, ")
    assert 2 < len(log) < 12 and max(len(line) for line in log[:-1]) <= 60
    assert "inf" not in " ".join(log) and "nan" not in " ".join(log)
    cut = len(log) - 1
    assert explorer.page.locator("#gdx-cut").is_visible()
    assert explorer.text("gdx-cut").startswith(explorer.words["cut"].format(cut))
    for chart in ("#gdx-path", "#gdx-costs"):  # the screen reader's words: short numbers
        words = explorer.page.locator(chart).get_attribute("aria-label")
        assert not re.search(r"\d{11}", words), words  # %g: 6 digits, 0.00631942


@pytest.mark.browser
@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_preset_buttons_set_exactly_one_over_l_and_two_over_l(explorer, reduction):
    x, _ = toy64()
    explorer.choose(reduction)
    explorer.set_range("epochs", 12)
    explorer.set_range("w0", 0.0)
    explorer.page.get_by_role("button", name="lr = 1/L").click()
    state = explorer.check_against_the_package()
    assert state["lr"] == 1 / curvature(x, reduction)
    assert explorer.text("gdx-verdict").startswith(explorer.verdict("Converges in one step"))
    explorer.page.get_by_role("button", name="lr = 2/L").click()
    state = explorer.check_against_the_package()
    assert state["lr"] == max_stable_lr(x, reduction)
    assert explorer.text("gdx-verdict").startswith(explorer.verdict("Bounces forever"))
    assert [line.split(",")[0][-5:] for line in explorer.log()[:4]] == [
        "0.000",
        "2.000",
        "0.000",
        "2.000",
    ]
    explorer.page.get_by_role("button", name=explorer.words["course"]).click()
    assert explorer.check_against_the_package() == {**COURSE_RUN, "momentum": 0}


@pytest.mark.browser
def test_the_keyboard_moves_the_learning_rate(explorer):
    explorer.page.get_by_role("button", name=explorer.words["course"]).click()
    before = explorer.log()
    slider = explorer.page.get_by_role("slider", name=explorer.words["sliders"][0])
    slider.focus()
    explorer.page.keyboard.press("ArrowRight")
    assert explorer.page.locator("#gdx-lr-out").text_content() == "0.101"
    state = explorer.check_against_the_package()
    assert state["lr"] == 0.101
    assert explorer.log() != before
    explorer.page.keyboard.press("Tab")  # on to the next control without a trap
    assert explorer.page.evaluate("document.activeElement.id") != "gdx-lr"


@pytest.mark.browser
def test_every_control_has_a_name(explorer):
    page = explorer.page
    for label in explorer.words["sliders"]:
        assert page.get_by_role("slider", name=label, exact=True).get_attribute("type") == "range"
    for label in explorer.words["radios"]:
        assert page.get_by_role("radio", name=label, exact=True).count() == 1
    assert page.get_by_role("group", name=explorer.words["group"], exact=True).count() == 1
    assert page.get_by_role("button", name=explorer.words["course"], exact=True).count() == 1
    for svg in ("#gdx-path", "#gdx-costs"):
        assert page.locator(svg).get_attribute("role") == "img"
        assert len(page.locator(svg).get_attribute("aria-label")) > 40


@pytest.mark.browser
def test_the_charts_draw_one_point_per_epoch(explorer):
    explorer.page.get_by_role("button", name=explorer.words["course"]).click()
    assert explorer.page.locator("#gdx-path circle").count() == 11
    assert explorer.page.locator("#gdx-costs circle").count() == 11
    explorer.page.get_by_role("button", name="lr = 1/L").click()  # cost 0: not on a log scale
    zeros = sum(1 for c in python_run(explorer.state()).costs if c == 0)
    assert explorer.page.locator("#gdx-costs circle").count() == 11 - zeros


VALUES = [
    0.0,
    -0.0,
    0.0625,  # ties: Python rounds half to even, JavaScript's toFixed rounds up
    0.1875,
    2.5e-7,
    -0.0005,
    1.0005,
    0.7466666666666667,
    -6.245,
    1e21,  # toFixed switches to exponents from here
    -3.7e300,
    1.7976931348623157e308,
    5e-324,
    1 / 14,
]


@pytest.mark.browser
def test_number_formatting_matches_python_exactly(explorer):
    rng = random.Random(7)
    values = VALUES + [rng.uniform(-10, 10) for _ in range(300)]
    values += [rng.randint(-(10**6), 10**6) / 2 ** rng.randint(0, 12) for _ in range(300)]
    values += [rng.uniform(-1, 1) * 10 ** rng.randint(-8, 300) for _ in range(300)]
    shown = explorer.page.evaluate(
        """(values) => { const f = document.querySelector("[data-gd-explorer]").explorer;
             return values.map((v) => [f.fixed(v, 3), f.fixed(v, 6), f.general(v)]); }""",
        values,
    )
    expected = [[f"{v:.3f}", f"{v:.6f}", f"{v:g}"] for v in values]
    mismatches = [(v, s, e) for v, s, e in zip(values, shown, expected, strict=True) if s != e]
    assert not mismatches, mismatches[:5]


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_explorer_fits_a_phone_and_follows_the_dark_theme(browser, site_url, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    page = context.new_page()
    tab = Explorer(page, site_url, lang)
    try:
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        sizes = page.locator("[data-gd-explorer]").evaluate(
            "(el) => ({scroll: el.scrollWidth, client: el.clientWidth,"
            " page: document.documentElement.scrollWidth})"
        )
        assert sizes["scroll"] <= sizes["client"] and sizes["page"] <= 390, sizes
        colors = page.evaluate(
            """() => ({ chart: getComputedStyle(document.querySelector("#gdx-path")).color,
                       text: getComputedStyle(document.querySelector(".md-typeset")).color })"""
        )
        assert colors["chart"] == colors["text"]  # drawn in the theme's text colour
        for svg in ("#gdx-path", "#gdx-costs"):
            assert page.locator(svg).bounding_box()["width"] > 300
        tab.check_against_the_package()
        assert not tab.errors, tab.errors
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_the_page_says_so_and_keeps_its_figures(browser, site_url, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(urljoin(site_url, PAGES[lang]), wait_until="load")
        shown = page.locator("article noscript").inner_text()  # rendered text only
        assert " ".join(shown.split()).startswith(WORDS[lang]["noscript"])
        assert page.locator("[data-gd-explorer]").is_hidden()  # no empty frame above it
        figure = 'img[src*="figures/learning-rates"][src$=".svg#only-light"]'  # en or ko
        assert page.locator(figure).count() == 1
        assert page.locator("#gdx-log").count() == 0
    finally:
        context.close()


# --- what a reader sees: focus, extremes, phone, touch --------------------------------------------


def changed_pixels(before: bytes, after: bytes) -> int:
    from io import BytesIO

    from PIL import Image, ImageChops

    a, b = (Image.open(BytesIO(png)).convert("RGB") for png in (before, after))
    red, green, blue = ImageChops.difference(a, b).split()
    largest = ImageChops.lighter(ImageChops.lighter(red, green), blue)  # per pixel, any channel
    return largest.point(lambda v: 255 if v > 40 else 0).histogram()[255]


def focus_ring_pixels(page, target: str, before_it: str, backwards: bool = False) -> int:
    """Pixels that change around `target` when the keyboard (Tab from `before_it`) focuses it."""
    element = page.locator(target)
    element.scroll_into_view_if_needed()
    page.evaluate("document.activeElement && document.activeElement.blur()")
    box = element.bounding_box()
    clip = {"x": box["x"] - 8, "y": box["y"] - 8, "width": box["width"] + 16}
    clip["height"] = box["height"] + 16
    unfocused = page.screenshot(clip=clip)
    page.locator(before_it).focus()
    page.keyboard.press("Shift+Tab" if backwards else "Tab")
    assert page.evaluate("document.activeElement") == element.evaluate("(el) => el")
    assert element.evaluate("(el) => el.matches(':focus-visible')")
    focused = page.screenshot(clip=clip)
    return changed_pixels(unfocused, focused)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_is_visible_on_sliders_and_radio_buttons(browser, site_url, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        Explorer(page, site_url, "en")
        # A ring all around: more pixels change than a thumb's or a dot's own focus tint.
        assert focus_ring_pixels(page, "#gdx-lr", '[data-for="gdx-lr"][data-step="-1"]') > 300
        radio = 'input[name="gdx-reduction"][value="sum"]'
        assert focus_ring_pixels(page, radio, '[data-for="gdx-momentum"][data-step="1"]') > 60
        page.goto(urljoin(site_url, WB_PAGES["en"]), wait_until="load")
        page.wait_for_selector("#gdw-log")
        assert (
            focus_ring_pixels(page, "#gdw-epochs", '[data-for="gdw-epochs"][data-step="-1"]') > 300
        )
        checked = 'input[name="gdw-rule"]:checked'
        assert focus_ring_pixels(page, checked, '[data-for="gdw-lr"][data-step="-1"]', True) > 60
    finally:
        context.close()


TICKS = """(svg) => {
  const box = svg.getBoundingClientRect();
  const out = {};
  for (const cls of ["gdx-tick-x", "gdx-tick-y"]) {
    out[cls] = [...svg.querySelectorAll("." + cls)].map((t) => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom};
    });
  }
  out.box = {l: box.left, r: box.right, t: box.top, b: box.bottom};
  return out;
}"""


def assert_ticks_readable(page, chart: str) -> None:
    """Every tick label inside its chart, short, and no two overlapping."""
    ticks = page.locator(chart).evaluate(TICKS)
    box = ticks["box"]
    for cls in ("gdx-tick-x", "gdx-tick-y"):
        labels = ticks[cls]
        assert labels, (chart, cls)
        for label in labels:
            assert len(label["text"]) <= 6, (chart, label)
            assert box["l"] - 0.5 <= label["l"] and label["r"] <= box["r"] + 0.5, (chart, label)
        for a, b in itertools.combinations(labels, 2):
            apart = a["r"] <= b["l"] or b["r"] <= a["l"] or a["b"] <= b["t"] or b["b"] <= a["t"]
            assert apart, (chart, a, b)


def assert_short_numbers(log: list[str], labels: list[str]) -> None:
    """No log line (the package's message included) and no screen-reader label holds a long
    number, and every line but the message (a sentence) fits 70 characters."""
    body = [line for line in log if not line.startswith("Diverged:")]
    assert all(len(line) <= 70 for line in body), max(body, key=len)
    for words in [*log, *labels]:
        assert not re.search(r"\d{11}", words), words  # %g: 6 digits, 0.00631942


@pytest.mark.browser
@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_at_every_slider_extreme_the_charts_stay_readable(explorer, reduction):
    explorer.choose(reduction)
    page = explorer.page
    for lr, epochs, w0, momentum in itertools.product((0.001, 0.3), (0, 500), (-3, 5), (0, 0.95)):
        explorer.set_range("lr", lr)
        explorer.set_range("epochs", epochs)
        explorer.set_range("w0", w0)
        if reduction == "mean":  # momentum_descent takes the mean gradient
            explorer.set_range("momentum", momentum)
        state = explorer.check_against_the_package()
        for chart in ("#gdx-path", "#gdx-costs"):
            assert_ticks_readable(page, chart)
        labels = [page.locator(c).get_attribute("aria-label") for c in ("#gdx-path", "#gdx-costs")]
        assert_short_numbers(explorer.log(), labels)
        assert "the 1 weights" not in labels[0] and "가중치 1개" not in labels[0], state
    explorer.set_range("momentum", 0)


@pytest.mark.browser
def test_epochs_slider_gives_small_counts_room(explorer):
    lists = explorer.page.evaluate(
        "document.querySelector('[data-gd-explorer]').explorer.lists.epochs"
    )
    assert lists[0] == 0 and lists[-1] == 500 and lists[:21] == list(range(21))
    assert lists.index(10) / (len(lists) - 1) > 0.15  # the default is not at the far left
    assert lists == sorted(set(lists))


def control_ids(page, root: str) -> list[str]:
    return page.evaluate(
        f"""[...document.querySelectorAll('{root} .gdx-controls input[type=range]')]
             .filter((el) => el.offsetParent).map((el) => el.id)"""
    )


def assert_charts_in_view_while_focused(page, root: str) -> None:
    """On a phone, each slider focused (going down, then up) is in view, below the charts,
    which are in view too."""
    ids = control_ids(page, root)
    assert len(ids) >= 4
    for control in ids + ids[::-1]:
        page.locator(f"#{control}").focus()
        page.wait_for_timeout(50)
        boxes = page.evaluate(
            f"""(id) => {{ const c = document.querySelector('{root} .gdx-charts');
                 const s = document.getElementById(id);
                 return [c.getBoundingClientRect().toJSON(), s.getBoundingClientRect().toJSON(),
                         window.innerHeight]; }}""",
            control,
        )
        charts, slider, height = boxes
        assert charts["top"] >= 47 and charts["bottom"] <= height, (control, charts)
        assert slider["top"] >= charts["bottom"] - 1 and slider["bottom"] <= height, (
            control,
            slider,
        )


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_on_a_phone_the_charts_stay_in_view_while_a_control_is_focused(browser, site_url, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    try:
        Explorer(page, site_url, lang)
        assert_charts_in_view_while_focused(page, "[data-gd-explorer]")
        page.goto(urljoin(site_url, WB_PAGES[lang]), wait_until="load")
        page.wait_for_selector("#gdw-log")
        assert_charts_in_view_while_focused(page, "[data-gd-explorer-wb]")
    finally:
        context.close()


@pytest.mark.browser
def test_a_touch_screen_nudges_lr_one_step_with_the_plus_button(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    try:
        tab = Explorer(page, site_url, "en")
        page.locator('[data-for="gdx-lr"][data-step="1"]').tap()
        assert tab.state()["lr"] == 0.101
        tab.check_against_the_package()
        page.locator('[data-for="gdx-lr"][data-step="-1"]').tap()
        page.locator('[data-for="gdx-lr"][data-step="-1"]').tap()
        assert tab.state()["lr"] == 0.099
        assert page.locator("#gdx-lr-out").text_content() == "0.099"
        assert not tab.errors, tab.errors
    finally:
        context.close()


@pytest.mark.browser
def test_back_to_top_does_not_cover_the_explorer(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        Explorer(page, site_url, "en")
        button = page.get_by_role("button", name="lr = 1/L")
        button.scroll_into_view_if_needed()
        page.mouse.wheel(0, 400)
        page.mouse.wheel(0, -300)  # scrolling up is what brings "Back to top" out
        page.wait_for_timeout(400)
        top = page.locator(".md-top")
        assert top.count() == 1
        assert top.evaluate("(el) => getComputedStyle(el).visibility") == "hidden"
        box = button.bounding_box()
        hit = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('button')?.textContent",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
        assert hit == "lr = 1/L"
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(300)
        assert top.evaluate("(el) => getComputedStyle(el).visibility") == "visible"
    finally:
        context.close()


# --- the (W, b) explorer --------------------------------------------------------------------------

WB_WORDS = {
    "en": {
        "noscript": "The (W, b) explorer needs JavaScript.",
        "rule": "Rule",
        "rules": ("plain descent", "momentum", "Nesterov", "Adam"),
        "stays": "Stays put",
        "converges": "Converges",
        "diverges": "Diverges",
        "edge": "Neither converges nor diverges",
        "shrink": "{n} steps make it 1000 times smaller",
        "damping": {"underdamped": "underdamped", "overdamped": "overdamped"},
        "adam": "Adam divides each step by its memory of the gradients' size",
    },
    "ko": {
        "noscript": "(W, b) 탐색기는 JavaScript가 있어야 동작합니다.",
        "rule": "규칙",
        "rules": ("경사하강법", "모멘텀", "네스테로프", "Adam"),
        "stays": "제자리에 있습니다",
        "converges": "수렴합니다",
        "diverges": "발산합니다",
        "edge": "수렴도 발산도 하지 않습니다",
        "shrink": "{n}스텝이면 거리가 1000분의 1이 됩니다",
        "damping": {"underdamped": "과소감쇠", "overdamped": "과감쇠"},
        "adam": "Adam은 스텝마다 지금까지 본 기울기의 크기로 나누므로",
    },
}
WB_ROOT = "[data-gd-explorer-wb]"


def wb_run(state: dict):
    """The call the explorer names: getattr(gd_tutorial, method)(x, y, **its arguments)."""
    x, y = toy64()
    kwargs = dict(state)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DivergenceWarning)
        history = getattr(gd_tutorial, kwargs.pop("method"))(x, y, **kwargs)
    assert [w.category for w in caught] == ([DivergenceWarning] if history.diverged else [])
    return history


class WBExplorer:
    """The (W, b) explorer in one language open in one tab, with every console error recorded."""

    def __init__(self, page, site_url: str, lang: str):
        self.page = page
        self.lang = lang
        self.words = WB_WORDS[lang]
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.goto(urljoin(site_url, WB_PAGES[lang]), wait_until="load")
        page.wait_for_selector("#gdw-log")

    def set(self, **values) -> None:
        for name, value in values.items():
            if name == "rule":
                self.page.locator(f'input[name="gdw-rule"][value="{value}"]').check()
            else:
                set_slider(self.page, WB_ROOT, "gdw", name, value)

    def state(self) -> dict:
        return json.loads(self.page.locator(WB_ROOT).get_attribute("data-state"))

    def log(self) -> list[str]:
        return self.page.locator(f"{WB_ROOT} [data-gd-log]").text_content().split("\n")

    def text(self, element_id: str) -> str:
        return self.page.locator(f"#{element_id}").text_content()

    def check_against_the_package(self) -> tuple[dict, object]:
        state = self.state()
        history = wb_run(state)
        assert self.log() == shown_log(history), state
        full = self.page.evaluate(
            """(s) => { const e = document.querySelector("[data-gd-explorer-wb]").explorer;
                 return e.descend(e.state).log; }""",
            state,
        )
        assert full == history.format_log().splitlines(), state  # every line, unabridged
        self.check_rates(state, history)
        return state, history

    def check_rates(self, state: dict, history) -> None:
        """The curvatures, the rates and the verdict are the package's (gd_tutorial.rates)."""
        x, _ = toy64()
        curv = curvatures(x)
        lmin, lmax = curv
        rates = self.text("gdw-rates")
        verdict = self.text("gdw-verdict")
        assert f"{lmin:.4f}" in rates and f"{lmax:.4f}" in rates
        assert f"{max_stable_lr(x, bias=True):.6f}" in rates
        assert f"κ = {lmax / lmin:.1f}" in rates
        lr = state["lr"]
        if state["method"] == "gradient_descent":
            rate = descent_rate(lr, curv)
            assert f"{abs(1 - lr * lmin):.4f}" in rates and f"{abs(1 - lr * lmax):.4f}" in rates
        elif state["method"] == "momentum_descent":
            mu, nesterov = state["momentum"], state["nesterov"]
            rate = momentum_rate(lr, mu, curv, nesterov=nesterov)
            for lam in curv:
                along = momentum_rate(lr, mu, [lam], nesterov=nesterov)
                assert f"{along:.4f}" in rates, (state, rates)
                kind = damping(lr, mu, lam, nesterov=nesterov)
                assert self.words["damping"].get(kind, "") in rates, (state, kind, rates)
            assert f"{momentum_max_lr(mu, curv, nesterov=nesterov):.6f}" in rates
        else:
            rate = None
            assert self.words["adam"] in rates, rates
        if (history.weights[0], history.biases[0]) == (1.0, 0.0):
            assert verdict.startswith(self.words["stays"]), verdict
            return
        if rate is None:
            pass
        elif math.isclose(rate, 1, rel_tol=1e-9):
            assert verdict.startswith(self.words["edge"]), verdict
        elif rate < 1:
            assert f"{rate:.4f}" in rates and f"{rate:.4f}" in verdict, (rates, verdict)
            assert self.words["converges"] in verdict.split(":")[0], verdict
            assert self.words["shrink"].format(n=epochs_to_shrink(rate)) in verdict, verdict
        else:
            assert verdict.startswith(self.words["diverges"]), verdict
        # The distance the run ended at, from the package's last row.
        last = math.hypot(history.weights[-1] - 1, history.biases[-1])
        assert f"{last:g}" in verdict, (verdict, last)


@pytest.fixture(scope="module", params=LANGUAGES)
def wb(browser, site_url, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = WBExplorer(context.new_page(), site_url, request.param)
    yield tab
    assert not tab.errors, f"console errors on {WB_PAGES[request.param]}: {tab.errors}"
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_wb_page_embeds_its_data_from_the_package(site, lang):
    soup = BeautifulSoup(
        wb_built_page(site, WB_PAGES[lang]).read_text(encoding="utf-8"), "html.parser"
    )
    words = korean_words_of(soup)
    assert words == (UI["text"]["The explorers' words"] if lang == "ko" else None)
    root = soup.select_one(f"article {WB_ROOT}")
    data = json.loads(root["data-gd-explorer-wb"])
    x, y = toy_data()
    assert data["x"] == x.flatten().tolist() and data["y"] == y.flatten().tolist()
    assert data["curvatures"] == list(curvatures(x))
    assert data["bound"] == max_stable_lr(x, bias=True)
    assert data["start"]["method"] in ("gradient_descent", "momentum_descent", "adam_descent")
    noscript = root.find_next_sibling()
    assert noscript.name == "noscript"
    assert " ".join(noscript.get_text().split()).startswith(WB_WORDS[lang]["noscript"])
    assets = "../" * WB_PAGES[lang].count("/")
    scripts = [s["src"] for s in soup.select("article script[src]")]
    assert scripts == [
        f"{assets}assets/javascripts/explorer.js",
        f"{assets}assets/javascripts/explorer-wb.js",
    ]
    assert (
        site / "assets" / "javascripts" / "explorer-wb.js"
    ).read_bytes() == SCRIPT_WB.read_bytes()
    # The page includes the explorer from its one include file.
    source = (ROOT / "docs" / (("ko/" if lang == "ko" else "") + "why-momentum.md")).read_text()
    assert source.count(f'--8<-- "{WB_INCLUDES[lang]}"') == 1


def wb_built_page(site: Path, address: str) -> Path:
    return site / address / "index.html"


@pytest.mark.browser
def test_wb_explorer_opens_on_its_start_and_prints_the_package_log(wb):
    state, history = wb.check_against_the_package()
    assert state == {
        "method": "momentum_descent",
        "lr": 0.15,
        "epochs": 60,
        "momentum": 0.7,
        "nesterov": False,
        "w0": -1,
        "b0": 2,
    }
    assert wb.log()[0] == "Epoch    0/60 W: -1.000, b: 2.000, Cost: 6.666667"
    assert len(wb.log()) == 61 and not history.diverged
    assert wb.page.locator("#gdw-verdict").get_attribute("aria-live") == "polite"
    legend = wb.page.locator(f"{WB_ROOT} legend").first.text_content()
    assert legend == wb.words["rule"]
    for name in wb.words["rules"]:
        assert wb.page.get_by_role("radio", name=name, exact=True).count() == 1


def random_settings(rng: random.Random, lists: dict) -> dict:
    rule = rng.choice(["plain", "momentum", "nesterov", "adam"])
    epochs = rng.choice(lists["epochs"][:30] if rng.random() < 0.7 else lists["epochs"])
    settings = {"rule": rule, "lr": rng.choice(lists["lr"]), "epochs": epochs}
    settings |= {"w0": rng.choice(lists["w0"]), "b0": rng.choice(lists["b0"])}
    if rule in ("momentum", "nesterov"):
        settings["momentum"] = rng.choice(lists["momentum"])
    if rule == "adam":
        settings |= {"beta1": rng.choice(lists["beta1"]), "beta2": rng.choice(lists["beta2"])}
    return settings


@pytest.mark.browser
def test_wb_log_is_the_package_log_at_many_random_settings_divergence_included(wb):
    lists = wb.page.evaluate(f"document.querySelector('{WB_ROOT}').explorer.lists")
    rng = random.Random(18 if wb.lang == "en" else 81)
    methods, diverged, overflowed = set(), 0, 0
    for _ in range(45 if wb.lang == "en" else 15):
        wb.set(**random_settings(rng, lists))
        state, history = wb.check_against_the_package()
        methods.add((state["method"], state.get("nesterov")))
        diverged += history.diverged
        overflowed += "overflowed" in history.message
    # Divergence by growth and by overflow are among them, for plain descent and the others.
    for settings in (
        {"rule": "plain", "lr": 0.185, "epochs": 40, "w0": -1, "b0": 2},  # just above 2/λmax
        {"rule": "plain", "lr": 1, "epochs": 500, "w0": 5, "b0": -3},  # overflows
        {"rule": "momentum", "lr": 0.5, "momentum": 0.5, "epochs": 100},  # above 2(1+μ)/λmax
        {"rule": "nesterov", "lr": 0.15, "momentum": 0.7, "epochs": 100},
        {"rule": "adam", "lr": 1, "beta1": 0.9, "beta2": 0.999, "epochs": 20, "w0": 1, "b0": 0},
    ):
        wb.set(**settings)
        state, history = wb.check_against_the_package()
        methods.add((state["method"], state.get("nesterov")))
        diverged += history.diverged
        overflowed += "overflowed" in history.message
    assert len(methods) == 4 and diverged >= 4 and overflowed >= 1, (methods, diverged)


# Full-batch momentum just past its stable bound: the package calls it diverged from its first
# rise, before the cost is 100 times its start (its rate per step is above 1), and a stable
# momentum run whose cost ends above its start is not diverged.
WB_MOMENTUM_EDGES = [
    {"rule": "momentum", "lr": 0.276, "momentum": 0.5, "epochs": 10, "w0": -1.0, "b0": 2.0},
    {"rule": "momentum", "lr": 0.313, "momentum": 0.7, "epochs": 5, "w0": -1.0, "b0": 2.0},
    {"rule": "nesterov", "lr": 0.131, "momentum": 0.7, "epochs": 6, "w0": -1.0, "b0": 2.0},
    {"rule": "momentum", "lr": 0.3, "momentum": 0.9, "epochs": 3, "w0": 1.0, "b0": 0.01},
]


@pytest.mark.browser
def test_wb_momentum_past_its_bound_diverges_exactly_when_the_package_says_so(wb):
    runs = wb.page.evaluate(
        """(cases) => { const e = document.querySelector("[data-gd-explorer-wb]").explorer;
             return cases.map((c) => { const s = {...e.state, ...c};
               return [e.call(s), e.descend(s).log]; }); }""",
        WB_MOMENTUM_EDGES,
    )
    verdicts = []
    for call, log in runs:
        history = wb_run(call)
        assert log == history.format_log().splitlines(), call
        verdicts.append(history.diverged and history.costs[-1] < 100 * history.costs[0])
    assert verdicts[:3] == [True, True, True]  # diverged while still under 100 times the start


@pytest.mark.browser
def test_momentum_past_its_bound_diverges_exactly_when_the_package_says_so(explorer):
    cases = [
        {"lr": 0.328, "epochs": 5, "w0": 0.0, "momentum": 0.5, "reduction": "mean"},
        {"lr": 0.328, "epochs": 10, "w0": 0.0, "momentum": 0.5, "reduction": "mean"},
    ]
    logs = explorer.page.evaluate(
        """(cases) => { const e = document.querySelector("[data-gd-explorer]").explorer;
             return cases.map((s) => e.logLines(e.descend(s), s.epochs)); }""",
        cases,
    )
    for state, log in zip(cases, logs, strict=True):
        history = python_run(state)
        assert history.diverged and history.costs[-1] < 100 * history.costs[0], state
        assert log == history.format_log().splitlines(), state


@pytest.mark.browser
def test_wb_rates_are_the_rates_module(wb):
    x, _ = toy64()
    curv = list(curvatures(x))
    rng = random.Random(3)
    cases = [(rng.uniform(0.001, 1), rng.uniform(0, 0.99), rng.random() < 0.5) for _ in range(200)]
    cases += [(*best_momentum(curv), False), (best_lr(curv), 0.0, False)]
    js = wb.page.evaluate(
        """(cases) => { const e = document.querySelector("[data-gd-explorer-wb]").explorer;
             const [lo, hi] = e.curvatures;
             return {cases: cases.map(([lr, mu, n]) => [Math.max(e.directionRate(lr, mu, lo, n),
                       e.directionRate(lr, mu, hi, n)), e.damping(lr, mu, lo, n),
                       e.damping(lr, mu, hi, n), e.momentumMaxLr(mu, n), e.descentRate(lr)]),
                     bestLr: e.bestLr, bestMomentum: e.bestMomentum,
                     shrink: [0, 0.1, 0.5, 0.8367, 0.9, 0.99, 0.9996]
                       .map((r) => e.toShrink(r))}; }""",
        cases,
    )
    for (lr, mu, nesterov), (rate, d_lo, d_hi, bound, plain) in zip(
        cases, js["cases"], strict=True
    ):
        assert rate == pytest.approx(momentum_rate(lr, mu, curv, nesterov=nesterov), rel=1e-7)
        assert [d_lo, d_hi] == [damping(lr, mu, lam, nesterov=nesterov) for lam in curv]
        assert bound == momentum_max_lr(mu, curv, nesterov=nesterov)
        assert plain == descent_rate(lr, curv)
    assert js["bestLr"] == best_lr(curv)
    assert js["bestMomentum"] == list(best_momentum(curv))
    rates = [0, 0.1, 0.5, 0.8367, 0.9, 0.99, 0.9996]
    assert js["shrink"] == [epochs_to_shrink(r) for r in rates]


@pytest.mark.browser
def test_wb_presets_set_the_best_lr_and_the_best_pair(wb):
    x, _ = toy64()
    curv = curvatures(x)
    wb.set(epochs=60, w0=-1, b0=2)
    wb.page.get_by_role("button", name="lr = 2/(λ_min + λ_max)").click()
    state, _ = wb.check_against_the_package()
    assert state["method"] == "gradient_descent" and state["lr"] == best_lr(curv)
    wb.page.get_by_role("button", name=re.compile(r"\(lr, momentum\)")).click()
    state, history = wb.check_against_the_package()
    assert (state["lr"], state["momentum"]) == best_momentum(curv)
    assert not state["nesterov"] and not history.diverged


@pytest.mark.browser
def test_wb_keyboard_moves_a_slider_and_the_state(wb):
    wb.set(rule="momentum", lr=0.15, momentum=0.7, epochs=60, w0=-1, b0=2)
    before = wb.log()
    for control, key, expected in (
        ("gdw-lr", "ArrowRight", {"lr": 0.155}),
        ("gdw-momentum", "ArrowLeft", {"momentum": 0.69}),
        ("gdw-epochs", "ArrowRight", {"epochs": 65}),
        ("gdw-w0", "ArrowUp", {"w0": -0.9}),
        ("gdw-b0", "ArrowDown", {"b0": 1.9}),
    ):
        wb.page.locator(f"#{control}").focus()
        wb.page.keyboard.press(key)
        state, _ = wb.check_against_the_package()
        assert {k: state[k] for k in expected} == expected, (control, state)
    assert wb.log() != before
    wb.page.keyboard.press("End")  # the slider's far end: b0 = 5
    assert wb.state()["b0"] == 5
    wb.check_against_the_package()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_wb_touch_taps_the_rule_the_plus_button_and_the_map(browser, site_url, lang):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    try:
        tab = WBExplorer(page, site_url, lang)
        page.get_by_role("radio", name=tab.words["rules"][3], exact=True).tap()  # Adam
        assert tab.state()["method"] == "adam_descent"
        assert tab.state()["betas"] == [0.9, 0.999]
        page.locator('[data-for="gdw-lr"][data-step="1"]').tap()
        assert tab.state()["lr"] == 0.155
        tab.check_against_the_package()
        before = (tab.state()["w0"], tab.state()["b0"])
        box = page.locator("#gdw-map").bounding_box()
        page.locator("#gdw-map").tap(position={"x": box["width"] * 0.8, "y": box["height"] * 0.3})
        state, _ = tab.check_against_the_package()
        assert (state["w0"], state["b0"]) != before
        assert round(state["w0"] * 10) == state["w0"] * 10  # on the sliders' grid
        assert not tab.errors, tab.errors
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("rule", ["plain", "momentum", "nesterov", "adam"])
def test_wb_at_every_slider_extreme_the_charts_stay_readable(wb, rule):
    page = wb.page
    lists = page.evaluate(f"document.querySelector('{WB_ROOT}').explorer.lists")
    wb.set(rule=rule)
    ends = lambda key: (lists[key][0], lists[key][-1])  # noqa: E731
    extra = {"momentum": ends("momentum")} if rule in ("momentum", "nesterov") else {}
    if rule == "adam":
        extra = {"beta1": ends("beta1"), "beta2": ends("beta2")}
    keys = ["lr", "epochs", "w0", "b0", *extra]
    for values in itertools.product(*[ends(k) for k in keys[:4]], *extra.values()):
        wb.set(**dict(zip(keys, values, strict=True)))
        wb.check_against_the_package()
        for chart in ("#gdw-map", "#gdw-costs"):
            assert_ticks_readable(page, chart)
        labels = [page.locator(c).get_attribute("aria-label") for c in ("#gdw-map", "#gdw-costs")]
        assert_short_numbers(wb.log(), labels)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_wb_fits_a_phone_and_follows_both_palettes(browser, site_url, lang):
    strokes = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
        page = context.new_page()
        try:
            tab = WBExplorer(page, site_url, lang)
            sizes = page.locator(WB_ROOT).evaluate(
                "(el) => ({scroll: el.scrollWidth, client: el.clientWidth,"
                " page: document.documentElement.scrollWidth})"
            )
            assert sizes["scroll"] <= sizes["client"] and sizes["page"] <= 390, sizes
            colors = page.evaluate(
                """() => ({ chart: getComputedStyle(document.querySelector("#gdw-map")).color,
                           text: getComputedStyle(document.querySelector(".md-typeset")).color,
                           contour: getComputedStyle(document.querySelector(".gdw-contour")).stroke,
                           ring: getComputedStyle(document.body).getPropertyValue(
                             "--md-accent-fg-color") })"""
            )
            assert colors["chart"] == colors["text"]
            strokes[scheme] = colors["contour"]
            for chart in ("#gdw-map", "#gdw-costs"):
                assert page.locator(chart).bounding_box()["width"] > 300
            tab.check_against_the_package()
            assert not tab.errors, tab.errors
        finally:
            context.close()
    assert strokes["light"] != strokes["dark"]


@pytest.mark.browser
def test_wb_shows_only_the_controls_of_the_chosen_rule(wb):
    shown = {
        "plain": {"gdw-lr", "gdw-epochs", "gdw-w0", "gdw-b0"},
        "momentum": {"gdw-lr", "gdw-momentum", "gdw-epochs", "gdw-w0", "gdw-b0"},
        "nesterov": {"gdw-lr", "gdw-momentum", "gdw-epochs", "gdw-w0", "gdw-b0"},
        "adam": {"gdw-lr", "gdw-beta1", "gdw-beta2", "gdw-epochs", "gdw-w0", "gdw-b0"},
    }
    for rule, ids in shown.items():
        wb.set(rule=rule)
        assert set(control_ids(wb.page, WB_ROOT)) == ids, rule
        state, _ = wb.check_against_the_package()
        keys = {"method", "lr", "epochs", "w0", "b0"}
        keys |= {"plain": set(), "adam": {"betas"}}.get(rule, {"momentum", "nesterov"})
        assert set(state) == keys, state
    wb.set(rule="momentum")
