"""The learning-rate explorer on docs/learning-rate.md, driven in headless Chromium.

Every log line, bound and verdict it shows is compared with the package: gradient_descent
(or momentum_descent, with a momentum) on float64 tensors (JavaScript numbers are float64),
max_stable_lr and curvature.

The Korean page, docs/ko/learning-rate.md, includes the same snippet, and the same script
speaks Korean there (it reads <html lang>): the tests that read words, and the cheap ones that
check numbers, run on both pages. The log is the program's output, the same in both.
"""

from __future__ import annotations

import json
import math
import random
import warnings
from pathlib import Path
from urllib.parse import urljoin

import pytest
import torch
from bs4 import BeautifulSoup
from site_figures import COURSE_RUN

from gd_tutorial import (
    DivergenceWarning,
    closed_form_weight,
    curvature,
    gradient_descent,
    max_stable_lr,
    momentum_descent,
    toy_data,
)

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "explorer.js"
STYLE = ROOT / "docs" / "assets" / "stylesheets" / "explorer.css"

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
    },
}
# The first words of each verdict (expected_verdict gives the English ones).
VERDICTS = {
    "en": {},
    "ko": {
        "Stays put": "제자리에 있습니다",
        "Converges with momentum": "모멘텀으로 수렴합니다",
        "Diverges with momentum": "모멘텀으로 발산합니다",
        "Converges in one step": "한 스텝에 수렴합니다",
        "Bounces forever": "끝없이 왕복합니다",
        "Converges slowly": "한쪽에서 천천히 수렴합니다",
        "Converges while oscillating": "진동하며 수렴합니다",
        "Diverges": "발산합니다",
    },
}


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


def expected_verdict(state: dict) -> str:
    """The first words of the verdict, from the factor 1 - lr * L."""
    x, y = toy64()
    L = curvature(x, state["reduction"])
    lr = state["lr"]
    if state["w0"] == closed_form_weight(x, y):
        return "Stays put"
    if state.get("momentum", 0) > 0:
        limit = 2 * (1 + state["momentum"]) / L
        return "Converges with momentum" if lr < limit else "Diverges with momentum"
    if math.isclose(lr, 1 / L, rel_tol=1e-9):
        return "Converges in one step"
    if math.isclose(lr, 2 / L, rel_tol=1e-9):
        return "Bounces forever"
    if lr < 1 / L:
        return "Converges slowly"
    return "Converges while oscillating" if lr < 2 / L else "Diverges"


# --- without a browser ---------------------------------------------------------------------------


def test_explorer_files_are_small_and_load_nothing_from_elsewhere():
    source = SCRIPT.read_text(encoding="utf-8")
    assert SCRIPT.stat().st_size < 21_000  # 20,000 before the Korean words (UTF-8: 3 bytes each)
    assert "http" not in source.replace("http://www.w3.org/2000/svg", "")
    assert "import" not in source and "fetch(" not in source and "eval(" not in source
    assert "url(" not in STYLE.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_embeds_the_data_and_bounds_computed_by_the_package(site, lang):
    html = (site / PAGES[lang] / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == lang  # what the script reads to choose its words
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
        self.page.locator(f"#gdx-{name}").evaluate(
            "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }",
            str(value),
        )

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
        assert self.log() == history.format_log().splitlines(), state
        verdict = self.text("gdx-verdict")
        assert verdict.startswith(self.verdict(expected_verdict(state))), (state, verdict)
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
def test_explorer_opens_on_the_course_run_and_prints_its_log(explorer):
    state = explorer.check_against_the_package()
    assert state == {**COURSE_RUN, "momentum": 0}
    assert explorer.log()[1] == "Epoch    1/10 W: 1.400, Cost: 0.746667"  # float64, as in torch
    assert explorer.text("gdx-verdict").startswith(explorer.verdict("Converges while oscillating"))
    assert explorer.page.locator("#gdx-verdict").get_attribute("aria-live") == "polite"
    assert explorer.page.locator(".gdx-caption").text_content() == explorer.words["caption"]
    assert explorer.page.locator("#gdx-lr-out").text_content() == "0.1"


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lr", "epochs", "w0", "reduction", "verdict"),
    [
        (0.15, 10, 0.0, "sum", "Diverges"),  # the gallery's divergent run
        (0.15, 10, 0.0, "mean", "Converges while oscillating"),  # the course's optim run
        (0.144, 100, 0.0, "sum", "Diverges"),  # just above the bound: large costs
        (0.3, 500, 0.0, "sum", "Diverges"),  # overflows: the run stops early
        (0.2, 30, -2.3, "mean", "Converges while oscillating"),
        (0.02, 40, -2.3, "sum", "Converges slowly"),  # negative weights in the log
        (0.3, 25, 1.0, "mean", "Stays put"),  # starts at W*: the slope is 0
        (0.001, 0, 4.9, "sum", "Converges slowly"),  # no epochs: one line
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
    assert explorer.text("gdx-verdict").startswith(explorer.verdict(verdict))


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
    explorer.check_against_the_package()
    log = explorer.log()
    assert log[-1].startswith("Diverged: the numbers overflowed after epoch ")
    assert len(log) < 502
    assert "inf" not in " ".join(log) and "nan" not in " ".join(log)
    assert len(max(log[:-1], key=len)) > 300  # costs near 1e308, printed digit by digit


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
