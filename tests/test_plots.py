"""Tests for gd_tutorial.plots and the site's figures (docs/hooks/site_figures.py): each figure
draws what its run recorded, as deterministic SVG, in a light and a dark palette, in English and
in Korean."""

from __future__ import annotations

import colorsys
import functools
import importlib.util
import io
import json
import math
import os
import re
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace

import matplotlib.colors
import pytest
import torch
from matplotlib.figure import Figure
from site_figures import (
    FIGURES,
    KOREAN,
    MINI_BATCH_RUN,
    NOISY_DATA,
    VALLEY_EPOCHS,
    VALLEY_RUNS,
    VALLEY_START,
    VARIANTS,
    WAVE_BOUND_RUNS,
    WAVE_BOUND_SHOWN,
    WAVE_GRID,
    WAVE_MOMENTUM_RUNS,
    WAVE_MOMENTUM_SHOWN,
    WAVE_MOMENTUM_W,
    WAVE_RUN,
    WAVE_STARTS,
    WAVE_STARTS_SHOWN,
    draw,
    korean,
    latin_words,
    write_svgs,
)

from gd_tutorial import (
    DivergenceWarning,
    History,
    adam_descent,
    closed_form_weight,
    curvature,
    gradient_descent,
    max_stable_lr,
    momentum_descent,
    noisy_data,
    toy_data,
    train_with_optimizer,
)
from gd_tutorial.plots import (
    PALETTES,
    plot_cost_curve,
    plot_cost_per_epoch,
    plot_data_and_lines,
    plot_descent_path,
    plot_learning_rates,
    plot_mini_batches,
    plot_noisy_fit,
    plot_paths_w_b,
    plot_runs_on_cost,
    save_svg,
    theme,
)

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
EVERY_FILE = [(name, suffix) for name in FIGURES for suffix in VARIANTS]
FILE_IDS = [name + suffix for name, suffix in EVERY_FILE]


def toy64() -> tuple[torch.Tensor, torch.Tensor]:
    x, y = toy_data()
    return x.double(), y.double()


def line(ax, label: str):
    (found,) = [item for item in ax.get_lines() if item.get_label() == label]
    return found


def quiet_run(*args, **kwargs) -> History:
    """A run expected to diverge: its DivergenceWarning is the expected outcome."""
    with pytest.warns(DivergenceWarning):
        return gradient_descent(*args, **kwargs)


@functools.cache
def drawn(name: str, suffix: str = "") -> bytes:
    return save_svg(draw(name, suffix))


def texts(svg: bytes) -> list[str]:
    """The text a figure shows: matplotlib writes each text, drawn as paths, in a comment."""
    return [
        re.sub(r"\s+", " ", t).strip() for t in re.findall(r"<!-- (.*?) -->", svg.decode(), re.S)
    ]


def hook():
    spec = importlib.util.spec_from_file_location("figures_hook", ROOT / "docs/hooks/figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- every figure of the site, in every version ---------------------------------------------


def test_registry_names_the_fourteen_figures_of_the_site():
    assert list(FIGURES) == [
        "data-and-lines",
        "cost-curve",
        "descent-path",
        "cost-per-epoch",
        "learning-rates",
        "contours-w-b",
        "noisy-fit",
        "mini-batches",
        "momentum-adam",
        "rate-map",
        "not-a-bowl-starts",
        "not-a-bowl-bound",
        "not-a-bowl-momentum",
        "adagrad-rmsprop",
    ]
    assert VARIANTS == {
        "": ("light", "en"),
        "-dark": ("dark", "en"),
        "-ko": ("light", "ko"),
        "-ko-dark": ("dark", "ko"),
    }


@pytest.mark.parametrize(("name", "suffix"), EVERY_FILE, ids=FILE_IDS)
def test_each_figure_is_valid_svg_with_the_background_of_its_palette_and_no_date(name, suffix):
    svg = drawn(name, suffix)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox")
    page = PALETTES[VARIANTS[suffix][0]]["page"]
    assert f"fill: {page}".encode() in svg.split(b'<g id="axes_1">')[0]  # opaque background
    assert b"<dc:date>" not in svg
    assert b"<text" not in svg  # text drawn as paths: the same glyphs in every browser


@pytest.mark.parametrize(("name", "suffix"), EVERY_FILE, ids=FILE_IDS)
def test_each_figure_gives_the_same_bytes_when_drawn_twice(name, suffix):
    assert save_svg(draw(name, suffix)) == drawn(name, suffix)


@pytest.mark.parametrize("name", list(FIGURES))
def test_each_figure_fits_a_phone(name):
    fig = FIGURES[name]()
    width, height = fig.get_size_inches()
    assert width <= 5.5 and height <= 6.0  # at most 528 CSS px wide before it scales down


@pytest.mark.parametrize("name", list(FIGURES))
def test_each_dark_figure_uses_only_the_dark_palette(name):
    light, dark = (set(PALETTES[p].values()) for p in ("light", "dark"))
    for suffix, (palette, _) in VARIANTS.items():
        colours = {
            c.decode().lower() for c in re.findall(rb"#[0-9a-fA-F]{6}\b", drawn(name, suffix))
        }
        other = {c.lower() for c in (light if palette == "dark" else dark) - (dark & light)}
        assert colours & other == set(), (name + suffix, colours & other)


def test_the_dark_palette_reads_on_materials_slate_background():
    def luminance(colour):
        def channel(c):
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in matplotlib.colors.to_rgb(colour))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    def contrast(a, b):
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    dark = PALETTES["dark"]
    for role in ("blue", "orange", "green", "vermillion", "purple", "grey", "ink", "tick"):
        assert contrast(dark[role], dark["page"]) >= 4.5, role  # as text must (WCAG 1.4.3)
    assert contrast(dark["contour_in"], dark["page"]) >= 3  # graphics (WCAG 1.4.11)
    # Material's slate background: hsla(232, 15%, 14%), the grey the dark figures sit on.
    r, g, b = colorsys.hls_to_rgb(232 / 360, 0.14, 0.15)
    assert matplotlib.colors.to_hex((r, g, b)) == PALETTES["dark"]["page"]


def test_all_files_from_a_fresh_process_are_the_same_bytes_and_need_no_display(tmp_path):
    # What the build runs: docs/hooks/site_figures.py in a fresh interpreter, without a display;
    # its files are the bytes drawn here, so two builds (two processes) write the same SVGs.
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "DISPLAY")}
    env["PYTHONHASHSEED"] = "random"
    code = (
        "import runpy, sys\n"
        "sys.argv = ['docs/hooks/site_figures.py', *sys.argv[1:]]\n"
        "runpy.run_path(sys.argv[0], run_name='__main__')\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot was imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path), str(tmp_path / "names.json")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no font warning
    assert json.loads((tmp_path / "names.json").read_text()) == list(FIGURES)
    for name, suffix in EVERY_FILE:
        assert (tmp_path / f"{name}{suffix}.svg").read_bytes() == drawn(name, suffix), name + suffix


def test_write_svgs_writes_every_version_of_a_figure(tmp_path):
    paths = write_svgs(tmp_path, ["cost-curve"])
    assert [path.name for path in paths] == [
        "cost-curve.svg",
        "cost-curve-dark.svg",
        "cost-curve-ko.svg",
        "cost-curve-ko-dark.svg",
    ]
    assert paths[2].read_bytes() == drawn("cost-curve", "-ko")


def test_write_svgs_refuses_an_unknown_name(tmp_path):
    with pytest.raises(ValueError, match=r"unknown figure\(s\) \['cost'\]; the figures are"):
        write_svgs(tmp_path, ["cost"])


def test_the_build_hook_reads_the_same_names_from_the_source_without_importing_it():
    figures = hook()
    assert figures._literal_keys("FIGURES") == list(FIGURES)
    assert figures._literal_keys("VARIANTS") == list(VARIANTS)
    assert "site_figures" not in vars(figures)


@pytest.mark.parametrize(
    ("src_uri", "path", "files"),
    [
        ("cost.md", "figures/", ("cost-curve", "cost-curve-dark")),
        ("ko/cost.md", "../figures/", ("cost-curve-ko", "cost-curve-ko-dark")),
    ],
)
def test_the_hook_shows_each_page_the_light_and_dark_figure_of_its_language(src_uri, path, files):
    figures = hook()
    figures._build["names"] = set(FIGURES)
    page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))
    markdown = f"Text.\n\n![A parabola, lowest at W = 1]({path}cost-curve.svg)\n\n![x](other.svg)\n"
    light, dark = files
    assert figures.on_page_markdown(markdown, page, None, None) == (
        f"Text.\n\n![A parabola, lowest at W = 1]({path}{light}.svg#only-light)"
        f"![A parabola, lowest at W = 1]({path}{dark}.svg#only-dark)\n\n![x](other.svg)\n"
    )


def test_theme_refuses_an_unknown_palette_and_a_missing_font(tmp_path):
    with (
        pytest.raises(
            ValueError, match=r"^palette must be one of \['dark', 'light'\]; got 'sepia'$"
        ),
        theme("sepia"),
    ):
        pass
    with (
        pytest.raises(
            ValueError, match=r"^fonts must be font files; '.*nothing.ttf' does not exist$"
        ),
        theme("dark", fonts=[tmp_path / "nothing.ttf"]),
    ):
        pass


def test_a_figure_keeps_the_palette_it_was_made_in():
    with theme("dark"):
        fig = plot_cost_curve(*toy_data())
    assert matplotlib.colors.to_hex(fig.get_facecolor()) == PALETTES["dark"]["page"]
    assert line(fig.axes[0], "cost(W)").get_color() == PALETTES["dark"]["blue"]
    light = plot_cost_curve(*toy_data())
    assert line(light.axes[0], "cost(W)").get_color() == PALETTES["light"]["blue"]
    assert b"fill: #1e2029" in save_svg(fig) and b"fill: #1e2029" not in save_svg(light)


def test_save_svg_refuses_anything_but_a_figure():
    with pytest.raises(TypeError, match=r"fig must be a matplotlib\.figure\.Figure; got str"):
        save_svg("figure")


# --- the Korean figures ----------------------------------------------------------------------


@pytest.mark.parametrize("name", list(FIGURES))
def test_korean_figures_show_no_english_words(name):
    for suffix in ("-ko", "-ko-dark"):
        shown = texts(drawn(name, suffix))
        assert shown and any(HANGUL.search(text) for text in shown), name
        assert [word for text in shown for word in latin_words(text)] == [], name + suffix
    english = texts(drawn(name))
    assert not any(HANGUL.search(text) for text in english)
    assert any(latin_words(text) for text in english)  # the test above can fail


def test_korean_text_keeps_numbers_symbols_and_code_and_translates_the_words():
    assert korean("Cost per epoch: lr = 0.1, reduction = 'sum'") == (
        "에폭마다의 비용: lr = 0.1, reduction = 'sum'"
    )
    assert korean("Cost over (W, b): lr = 0.1, 4 epochs, batches of 2") == (
        "(W, b)에 대한 비용: lr = 0.1, 4에폭, 크기 2의 미니배치"
    )
    assert korean("W* = 1") == "W* = 1" and korean("$\\mathdefault{10^{-2}}$").startswith("$")
    assert latin_words("Adam, lr 0.3 (1e-05)") == []
    with pytest.raises(ValueError, match=r"^no Korean for the figure text 'a new title': add it"):
        korean("a new title")
    assert all(not latin_words(re.sub(r"\\\d", "", k)) for _, k in KOREAN)


def test_korean_figures_draw_hangul_with_nanumgothic_and_the_rest_with_dejavu():
    svg = drawn("cost-curve", "-ko")
    assert b'id="NanumGothic-' in svg and b'id="DejaVuSans-' in svg
    assert b"NanumGothic" not in drawn("cost-curve")


# --- data and lines, cost curve ------------------------------------------------------------------


def test_data_and_lines_draws_each_sample_and_each_candidate_and_the_best_line():
    x, y = toy_data()
    ax = plot_data_and_lines(x, y, weights=[0.5, 1.5, 2.0]).axes[0]
    assert line(ax, "data").get_xydata().tolist() == [[1, 1], [2, 2], [3, 3]]
    labels = [item.get_label() for item in ax.get_lines()]
    assert labels == ["data", "W = 0.5", "W = 1.5", "W = 2", "best: W = 1"]
    best = line(ax, "best: W = 1")
    x_ends, y_ends = best.get_xdata(), best.get_ydata()
    assert list(y_ends) == [closed_form_weight(x, y) * e for e in x_ends]
    assert (ax.get_xlabel(), ax.get_title()) == ("x", "Candidate lines through the data")


def test_data_and_lines_does_not_repeat_a_candidate_equal_to_the_best():
    ax = plot_data_and_lines(*toy_data(), weights=[1.0, 2.0]).axes[0]
    assert [item.get_label() for item in ax.get_lines()] == ["data", "W = 2", "best: W = 1"]


def test_data_and_lines_without_the_best_line():
    ax = plot_data_and_lines(*toy_data(), weights=[0.5], best=False).axes[0]
    assert [item.get_label() for item in ax.get_lines()] == ["data", "W = 0.5"]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"weights": [], "best": False}, ValueError, "at least one candidate when best=False"),
        ({"weights": list(range(9))}, ValueError, "at most 8 candidates; got 9"),
        ({"weights": "1.0"}, TypeError, "weights must be a sequence of numbers; got str"),
        ({"weights": [float("nan")]}, ValueError, "weights must be a finite number; got nan"),
    ],
)
def test_data_and_lines_refuses_bad_weights(kwargs, error, message):
    with pytest.raises(error, match=message):
        plot_data_and_lines(*toy_data(), **kwargs)


def test_noisy_fit_draws_the_data_the_true_line_the_best_fit_and_each_residual():
    x, y = noisy_data(m=6, true_w=2.0, noise=1.0, seed=1)
    ax = plot_noisy_fit(x, y, true_w=2.0).axes[0]
    w_star = closed_form_weight(x, y)
    labels = [item.get_label() for item in ax.get_lines()]
    assert labels == ["data", "true line: W = 2", f"best fit: W* = {w_star:.3f}", "residuals"]
    points = line(ax, "data").get_xydata()
    assert points.tolist() == torch.cat([x, y], dim=1).double().tolist()
    for label, slope in (("true line: W = 2", 2.0), (f"best fit: W* = {w_star:.3f}", w_star)):
        x_ends, y_ends = line(ax, label).get_data()
        assert list(y_ends) == [slope * e for e in x_ends]
    # One vertical segment per point, from the point to the fitted line, NaN-separated.
    segments = line(ax, "residuals").get_xydata().reshape(-1, 3, 2)
    assert len(segments) == 6
    for (start, end, gap), (xi, yi) in zip(segments, points, strict=True):
        assert start.tolist() == [xi, yi] and end.tolist() == [xi, w_star * xi]
        assert all(math.isnan(v) for v in gap)


def test_noisy_fit_draws_a_given_fit_and_refuses_a_bad_weight():
    x, y = noisy_data(m=4)
    ax = plot_noisy_fit(x, y, true_w=2.0, fitted_w=1.5).axes[0]
    assert "fit: W = 1.500" in [item.get_label() for item in ax.get_lines()]
    with pytest.raises(ValueError, match=r"^true_w must be a finite number; got nan$"):
        plot_noisy_fit(x, y, true_w=float("nan"))
    with pytest.raises(TypeError, match=r"^fitted_w must be a number; got str$"):
        plot_noisy_fit(x, y, true_w=2.0, fitted_w="1")


def test_the_site_noisy_fit_draws_the_noisy_data_set_of_its_page():
    x, y = noisy_data(**NOISY_DATA)
    ax = FIGURES["noisy-fit"]().axes[0]
    assert line(ax, "data").get_xydata().tolist() == torch.cat([x, y], dim=1).double().tolist()
    assert f"true line: W = {NOISY_DATA['true_w']:g}" in [i.get_label() for i in ax.get_lines()]


def test_cost_curve_draws_201_costs_and_marks_the_minimum():
    x, y = toy_data()
    ax = plot_cost_curve(x, y, w_range=(-2.0, 4.0)).axes[0]
    curve = line(ax, "cost(W)")
    assert len(curve.get_xdata()) == 201
    assert curve.get_xdata()[0] == -2.0 and curve.get_xdata()[-1] == 4.0
    assert line(ax, "minimum: W* = 1").get_xydata().tolist() == [[1.0, 0.0]]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("W", "cost(W)")
    assert ax.get_title() == "The cost is a parabola in W"


@pytest.mark.parametrize(
    ("w_range", "error", "message"),
    [
        ((3.0, 1.0), ValueError, r"w_range must have low < high; got \(3, 1\)"),
        ((1.0,), TypeError, "w_range must be a pair"),
        ((0.0, float("inf")), ValueError, "w_range must be a finite number"),
    ],
)
def test_cost_curve_refuses_a_bad_range(w_range, error, message):
    with pytest.raises(error, match=message):
        plot_cost_curve(*toy_data(), w_range=w_range)


# --- descent path and cost per epoch ------------------------------------------------------------


def test_descent_path_has_one_point_per_epoch_of_the_course_run():
    x, y = toy_data()
    run = gradient_descent(x, y, lr=0.1, epochs=10, reduction="sum")
    ax = plot_descent_path(run, x, y).axes[0]
    steps = line(ax, "W at each epoch")
    assert list(steps.get_xdata()) == run.weights
    assert list(steps.get_ydata()) == run.costs
    assert len(steps.get_xdata()) == 11
    assert ax.get_title() == "Descent path: lr = 0.1, reduction = 'sum'"
    arrows = [text for text in ax.texts if text.arrow_patch is not None]
    assert len(arrows) == 10  # one arrow per update
    numbers = [text.get_text() for text in ax.texts if text.get_text()]
    assert numbers[:4] == ["0", "1", "2", "3"]  # the overshoot (1) and return (2) are labelled


def test_descent_path_accepts_a_run_of_train_with_optimizer_and_a_range():
    x, y = toy_data()
    run = train_with_optimizer(x, y, lr=0.15, epochs=5)
    ax = plot_descent_path(run, x, y, w_range=(-0.5, 2.0)).axes[0]
    assert len(line(ax, "W at each epoch").get_xdata()) == 6
    assert ax.get_xlim() == (-0.5, 2.0)


def test_descent_path_refuses_something_that_is_not_a_history():
    with pytest.raises(TypeError, match="history must be a History returned by gradient_descent"):
        plot_descent_path([0.0, 1.4], *toy_data())


def test_cost_per_epoch_is_on_a_log_scale_with_one_point_per_epoch():
    x, y = toy_data()
    run = gradient_descent(x, y, lr=0.1, epochs=10, reduction="sum")
    ax = plot_cost_per_epoch(run, x, y).axes[0]
    assert ax.get_yscale() == "log"
    assert list(line(ax, "computed").get_ydata()) == run.costs
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("epoch", "cost (log scale)")
    assert ax.get_title() == "Cost per epoch: lr = 0.1, reduction = 'sum'"
    assert [text.get_text() for text in ax.texts] == [
        "cost \u2212 cost(W*): \u00d7 (1 \u2212 lr·L)\u00b2 = 0.16 per step\n"
        "distance to W*: \u00d7 |1 \u2212 lr·L| = 0.4 per step"
    ]


def test_cost_per_epoch_note_gives_the_factor_of_the_cost_it_draws_and_of_the_distance():
    # The figure draws the cost, which falls by (1 - lr*L)**2 per step, not by |1 - lr*L|.
    x, y = toy64()
    run = gradient_descent(x, y, lr=0.1, epochs=10, reduction="sum")
    factor = 1 - 0.1 * curvature(x, "sum")
    assert factor == pytest.approx(-0.4)
    best = closed_form_weight(x, y)
    for k in range(10):
        assert run.costs[k + 1] / run.costs[k] == pytest.approx(factor**2, rel=1e-9)  # 0.16
        distances = abs(run.weights[k + 1] - best), abs(run.weights[k] - best)
        assert distances[0] / distances[1] == pytest.approx(abs(factor), rel=1e-9)  # 0.4
    (note,) = plot_cost_per_epoch(run, x, y).axes[0].texts
    first, second = note.get_text().split("\n")
    assert first.startswith("cost") and first.endswith(f"= {factor**2:.3g} per step")
    assert second.startswith("distance to W*") and second.endswith("= 0.4 per step")


@pytest.mark.parametrize(("lr", "reduction"), [(0.1, "sum"), (0.15, "mean"), (0.02, "mean")])
def test_cost_per_epoch_formula_matches_a_float64_run(lr, reduction):
    x, y = toy64()
    run = gradient_descent(x, y, lr=lr, epochs=12, w0=-0.5, reduction=reduction)
    ax = plot_cost_per_epoch(run, x, y).axes[0]
    formula = list(line(ax, "formula").get_ydata())
    assert formula == pytest.approx(run.costs, rel=1e-9)


def test_cost_per_epoch_formula_matches_a_divergent_run():
    x, y = toy64()
    run = quiet_run(x, y, lr=0.16, epochs=8, reduction="sum")
    formula = line(plot_cost_per_epoch(run, x, y).axes[0], "formula").get_ydata()
    assert list(formula) == pytest.approx(run.costs, rel=1e-9)


def test_cost_per_epoch_leaves_out_a_cost_of_exactly_zero():
    x, y = [1.0, 1.0], [1.0, 1.0]  # L = 2 for the mean, so lr = 1/L = 0.5 lands in one step
    run = History([0.0, 1.0], [1.0, 0.0], [-2.0, 0.0], 0.5, 1, 0.0, "mean", "by hand")
    assert run == gradient_descent(x, y, lr=0.5, epochs=1)
    ax = plot_cost_per_epoch(run, x, y).axes[0]
    assert list(line(ax, "computed").get_xydata().tolist()) == [[0.0, 1.0]]
    assert list(line(ax, "formula").get_xydata().tolist()) == [[0.0, 1.0]]


def test_cost_per_epoch_formula_refuses_a_run_that_is_not_plain_descent():
    x, y = toy_data()
    run = train_with_optimizer(x, y, lr=0.1, epochs=3, optimizer=torch.optim.Adam)
    with pytest.raises(ValueError, match=r"holds for plain gradient descent .* made with Adam"):
        plot_cost_per_epoch(run, x, y)
    ax = plot_cost_per_epoch(run, x, y, formula=False).axes[0]
    assert [item.get_label() for item in ax.get_lines()] == ["computed"]


def test_cost_per_epoch_formula_refuses_a_run_of_sgd_with_momentum():
    x, y = toy_data()
    momentum = functools.partial(torch.optim.SGD, momentum=0.9)
    run = train_with_optimizer(x, y, lr=0.05, epochs=3, optimizer=momentum)
    message = (
        "the formula (1 - lr*L)^k holds for plain gradient descent (gradient_descent, or "
        "train_with_optimizer with plain torch.optim.SGD); got a run made with "
        f"{run.method}"
    )
    assert run.method == "SGD with momentum=0.9"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        plot_cost_per_epoch(run, x, y)
    plain = train_with_optimizer(x, y, lr=0.05, epochs=3)
    assert len(line(plot_cost_per_epoch(plain, x, y).axes[0], "formula").get_ydata()) == 4


# --- the learning-rate gallery -------------------------------------------------------------------


def gallery_runs(x, y):
    L = curvature(x, "sum")
    runs = [gradient_descent(x, y, lr, epochs=10, reduction="sum") for lr in (0.01, 1 / L, 0.13)]
    return [*runs, quiet_run(x, y, lr=0.15, epochs=10, reduction="sum")]


def test_learning_rates_has_one_panel_per_run_on_the_same_axes():
    x, y = toy_data()
    runs = gallery_runs(x, y)
    fig = plot_learning_rates(runs, x, y)
    assert len(fig.axes) == 4
    for ax, run in zip(fig.axes, runs, strict=True):
        assert list(line(ax, "W").get_ydata()) == run.weights
        assert list(line(ax, "W").get_xdata()) == list(range(11))
        assert ax.get_ylim() == fig.axes[0].get_ylim()
        assert ax.get_xlim() == fig.axes[0].get_xlim()
    assert [ax.get_title() for ax in fig.axes] == [
        "lr = 0.01\ntoo small, slow",
        "lr = 1/L ≈ 0.0714\none step to W*",
        "lr = 0.13\noscillates, converges",
        "lr = 0.15\ndiverges",
    ]
    assert fig.get_suptitle() == "W per epoch. Dashed: W* = 1. Bound 2/L = 0.143 (sum)"


def test_learning_rates_names_other_methods_instead_of_a_plain_descent_regime():
    x, y = toy_data()
    plain = train_with_optimizer(x, y, lr=0.15, epochs=10)
    momentum = train_with_optimizer(
        x, y, lr=0.05, epochs=10, optimizer=functools.partial(torch.optim.SGD, momentum=0.9)
    )
    adam = train_with_optimizer(x, y, lr=0.1, epochs=10, optimizer=torch.optim.Adam)
    fig = plot_learning_rates([plain, momentum, adam], x, y)
    assert [ax.get_title() for ax in fig.axes] == [
        "lr = 0.15\noscillates, converges",
        f"lr = 0.05\n{momentum.method}",
        "lr = 0.1\nAdam",
    ]
    assert momentum.method == "SGD with momentum=0.9"


def test_learning_rates_names_the_bounce_at_exactly_the_bound():
    x, y = toy64()
    run = gradient_descent(x, y, lr=max_stable_lr(x, "mean"), epochs=6)
    (ax,) = plot_learning_rates([run], x, y, w_limits=(-1.0, 3.0)).axes
    assert ax.get_title() == "lr = 2/L ≈ 0.214\nbounces forever"
    assert ax.get_ylim() == (-1.0, 3.0)
    assert run.weights[::2] == pytest.approx([0.0] * 4) and run.weights[1::2] == pytest.approx(
        [2.0] * 3
    )


def test_learning_rates_drops_the_unused_panel_of_an_odd_count():
    x, y = toy_data()
    runs = [gradient_descent(x, y, lr, epochs=3) for lr in (0.05, 0.1, 0.15)]
    assert len(plot_learning_rates(runs, x, y).axes) == 3


@pytest.mark.parametrize(
    ("histories", "error", "message"),
    [
        ([], ValueError, "histories must hold 1 to 6 runs; got 0"),
        ("runs", TypeError, "histories must be a list of History objects"),
        ([1.0], TypeError, r"histories\[0\] must be a History"),
    ],
)
def test_learning_rates_refuses_bad_histories(histories, error, message):
    with pytest.raises(error, match=message):
        plot_learning_rates(histories, *toy_data())


def test_learning_rates_refuses_seven_runs():
    x, y = toy_data()
    run = gradient_descent(x, y, 0.1, epochs=1)
    with pytest.raises(ValueError, match="histories must hold 1 to 6 runs; got 7"):
        plot_learning_rates([run] * 7, x, y)


def test_the_site_gallery_catches_exactly_the_divergent_runs_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any other warning would fail the build
        fig = FIGURES["learning-rates"]()
    assert isinstance(fig, Figure)
    assert fig.axes[3].get_title().endswith("diverges")


# --- one run over the (W, b) contours -----------------------------------------------------------


def test_one_path_is_labelled_path_and_drawn_whole_with_the_minimum():
    x, y = toy_data()
    run = gradient_descent(x, y, lr=0.15, epochs=60, w0=-1.0, b0=2.0)
    ax = plot_paths_w_b([run], x, y).axes[0]
    path = line(ax, "path")
    assert list(path.get_xdata()) == run.weights
    assert list(path.get_ydata()) == run.biases
    assert line(ax, "minimum").get_xydata().tolist()[0] == pytest.approx([1.0, 0.0], abs=1e-9)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("W", "b")
    assert ax.get_title() == "Cost over (W, b): lr = 0.15, 60 epochs"


@pytest.mark.parametrize(
    "x",
    [[0.5, -1.0, 2.0, 3.5], [2.0, 2.0, 2.0, 2.0]],
    ids=["spread x", "constant x: the shortest (W, b) of the best lines"],
)
def test_contours_star_the_least_squares_line_of_torch_lstsq(x):
    x, y = torch.tensor(x, dtype=torch.float64), torch.tensor([1.0, -2.0, 0.5, 4.0]).double()
    run = gradient_descent(x, y, lr=0.01, epochs=3, b0=0.0)
    design = torch.stack([x, torch.ones_like(x)], dim=1)
    expected = torch.linalg.lstsq(design, y.reshape(-1, 1), driver="gelsd").solution.flatten()
    ax = plot_paths_w_b([run], x, y).axes[0]
    assert line(ax, "minimum").get_xydata().tolist()[0] == pytest.approx(expected.tolist())


def test_one_path_accepts_ranges_and_refuses_a_run_without_a_bias():
    x, y = toy_data()
    run = gradient_descent(x, y, lr=0.1, epochs=5, b0=0.0)
    ax = plot_paths_w_b([run], x, y, w_range=(-1.0, 2.0), b_range=(-1.0, 1.0)).axes[0]
    assert (ax.get_xlim(), ax.get_ylim()) == ((-1.0, 2.0), (-1.0, 1.0))
    message = "runs[0] must be a run with a bias (b0 given); got one without"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        plot_paths_w_b([gradient_descent(x, y, 0.1, 5)], x, y)
    message = (
        "runs[0] must be a History returned by gradient_descent, momentum_descent, adam_descent "
        "or train_with_optimizer; got list"
    )
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        plot_paths_w_b([run.weights], x, y)
    with pytest.raises(ValueError, match=r"^labels must be given for several runs; got 2 runs$"):
        plot_paths_w_b([run, run], x, y)


def test_a_mini_batch_path_draws_every_update_and_name_the_batch_size():
    x, y = toy_data()
    run = gradient_descent(x, y, lr=0.1, epochs=4, b0=0.0, batch_size=2)
    ax = plot_paths_w_b([run], x, y).axes[0]
    assert list(line(ax, "path").get_xdata()) == run.weights
    assert len(run.weights) == 1 + 4 * 2
    assert ax.get_title() == "Cost over (W, b): lr = 0.1, 4 epochs, batches of 2"


def test_figures_over_w_alone_refuse_a_run_with_a_bias():
    x, y = toy_data()
    run = gradient_descent(x, y, lr=0.1, epochs=3, b0=0.0)
    message = (
        "history must be a run without a bias: this figure's cost is over W alone "
        "(plot_paths_w_b draws a run with a bias)"
    )
    for plot in (plot_descent_path, plot_cost_per_epoch):
        with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
            plot(run, x, y)
    with pytest.raises(ValueError, match=re.escape("histories[0] must be a run without a bias")):
        plot_learning_rates([run], x, y)


def test_the_cost_formula_is_refused_for_a_mini_batch_run():
    x, y = toy_data()
    run = gradient_descent(x, y, lr=0.1, epochs=3, batch_size=2)
    message = (
        "the formula (1 - lr*L)^k holds for full-batch gradient descent; "
        "got a run with mini-batches of 2"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        plot_cost_per_epoch(run, x, y)
    assert plot_cost_per_epoch(run, x, y, formula=False).axes[0].get_yscale() == "log"


# --- what the alt texts on docs/learning-rate.md say about the site's figures -----------------


def test_site_gallery_shows_slow_one_step_shrinking_and_growing_swings():
    fig = FIGURES["learning-rates"]()
    slow, one_step, oscillating, divergent = (
        [w - 1.0 for w in line(ax, "W").get_ydata()] for ax in fig.axes
    )
    assert all(a < b < 0 for a, b in pairwise(slow)), "creeps up from below"
    assert slow[-1] < -0.1 and len(slow) == 11, "still short of W* after 10 epochs"
    assert one_step[1:] == pytest.approx([0.0] * 10, abs=1e-6)
    for swings, shrink in ((oscillating, True), (divergent, False)):
        assert all(a * b < 0 for a, b in pairwise(swings)), "jumps across W* each step"
        sizes = [abs(d) for d in swings]
        assert all((b < a) == shrink for a, b in pairwise(sizes))


def test_site_cost_per_epoch_formula_passes_through_every_computed_cost():
    ax = FIGURES["cost-per-epoch"]().axes[0]
    computed = list(line(ax, "computed").get_ydata())
    assert len(computed) == 11
    assert list(line(ax, "formula").get_ydata()) == pytest.approx(computed, rel=1e-3)


def test_site_contours_show_a_zig_zag_then_a_creep_that_has_not_arrived():
    x, _ = toy_data()
    ax = FIGURES["contours-w-b"]().axes[0]
    ws, bs = line(ax, "path").get_xdata(), line(ax, "path").get_ydata()
    assert line(ax, "start").get_xydata().tolist() == [[ws[0], bs[0]]]
    steps = [b - a for a, b in pairwise(ws)]
    assert all(a * b < 0 for a, b in pairwise(steps[:5])), "zig-zags at first"
    assert all(a > 0 for a in steps[-20:]), "then creeps one way along the valley"
    assert math.hypot(ws[-1] - 1.0, bs[-1]) > 0.1, "and has not reached the minimum"
    # A narrow valley: the cost's curvatures across and along it differ by far.
    a, c = (x.double() ** 2).mean().item(), x.double().mean().item()
    spread = math.sqrt((a - 1) ** 2 + 4 * c**2)
    assert ((a + 1) + spread) / ((a + 1) - spread) > 10


# --- mini-batches against full batches --------------------------------------------------------


def test_mini_batches_draw_every_update_at_its_fraction_of_an_epoch():
    x, y = noisy_data(m=20)
    full = gradient_descent(x, y, lr=0.02, epochs=3)
    mini = gradient_descent(x, y, lr=0.02, epochs=3, batch_size=6)  # 6, 6, 6 and 2
    ax = plot_mini_batches(full, mini, x, y).axes[0]
    assert list(line(ax, "full batch").get_xdata()) == [0, 1, 2, 3]
    assert list(line(ax, "full batch").get_ydata()) == full.weights
    drawn_mini = line(ax, "batches of 6")
    assert list(drawn_mini.get_xdata()) == pytest.approx([k / 4 for k in range(13)])
    assert list(drawn_mini.get_ydata()) == mini.weights
    assert line(ax, "W*").get_ydata()[0] == pytest.approx(closed_form_weight(x, y))
    assert ax.get_title() == "W per epoch: lr = 0.02, 4 steps per epoch"


def test_mini_batches_refuse_runs_of_the_wrong_kind():
    x, y = noisy_data(m=20)
    full = gradient_descent(x, y, lr=0.02, epochs=2)
    mini = gradient_descent(x, y, lr=0.02, epochs=2, batch_size=5)
    with pytest.raises(ValueError, match=r"^full must be a full-batch run; got batches of 5$"):
        plot_mini_batches(mini, mini, x, y)
    message = "mini must be a run with mini-batches (batch_size given)"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        plot_mini_batches(full, full, x, y)
    with pytest.raises(ValueError, match=r"^mini must be a run without a bias"):
        plot_mini_batches(full, gradient_descent(x, y, 0.02, 2, b0=0.0, batch_size=5), x, y)
    with pytest.raises(TypeError, match=r"^full must be a History"):
        plot_mini_batches(full.weights, mini, x, y)


def test_site_mini_batches_reach_w_star_first_and_then_wander_around_it():
    # What the alt text says: full batches still below W* after 10 epochs; mini-batches
    # reach W* within a few epochs and then wander just above and below it.
    x, y = noisy_data(**NOISY_DATA)
    w_star = closed_form_weight(x, y)
    ax = FIGURES["mini-batches"]().axes[0]
    full = list(line(ax, "full batch").get_ydata())
    mini = list(line(ax, "batches of 5").get_ydata())
    assert len(full) == MINI_BATCH_RUN["epochs"] + 1
    assert len(mini) == 4 * MINI_BATCH_RUN["epochs"] + 1
    assert all(a < b < w_star for a, b in pairwise(full))
    assert w_star - full[-1] > 0.1
    late = [w - w_star for w in mini[4 * 4 :]]  # from epoch 4 on
    assert max(late) > 0 > min(late) and max(abs(d) for d in late) < 0.1


# --- several paths over the (W, b) contours ---------------------------------------------------


def test_paths_draw_each_run_with_its_label_from_one_start():
    x, y = toy_data()
    runs = [
        gradient_descent(x, y, lr=0.15, epochs=10, w0=-1.0, b0=2.0),
        momentum_descent(x, y, lr=0.15, epochs=10, momentum=0.7, w0=-1.0, b0=2.0),
        adam_descent(x, y, lr=0.3, epochs=10, w0=-1.0, b0=2.0),
    ]
    ax = plot_paths_w_b(runs, x, y, labels=["a", "b", "c"]).axes[0]
    for label, run in zip("abc", runs, strict=True):
        assert list(line(ax, label).get_xdata()) == run.weights
        assert list(line(ax, label).get_ydata()) == run.biases
    assert line(ax, "start").get_xydata().tolist() == [[-1.0, 2.0]]
    assert line(ax, "minimum").get_xydata().tolist()[0] == pytest.approx([1.0, 0.0], abs=1e-9)
    assert ax.get_title() == "Cost over (W, b): 10 epochs"


def test_paths_refuse_bad_runs_and_labels():
    x, y = toy_data()
    run = gradient_descent(x, y, lr=0.1, epochs=3, b0=0.0)
    with pytest.raises(TypeError, match=r"^runs must be a list of History objects"):
        plot_paths_w_b(run, x, y, labels=["a"])
    with pytest.raises(ValueError, match=r"^runs must hold 1 to 4 runs; got 5$"):
        plot_paths_w_b([run] * 5, x, y, labels=list("abcde"))
    with pytest.raises(ValueError, match=r"^runs\[0\] must be a run with a bias"):
        plot_paths_w_b([gradient_descent(x, y, 0.1, 3)], x, y, labels=["a"])
    with pytest.raises(ValueError, match=r"^labels must hold 2 strings, one per run"):
        plot_paths_w_b([run, run], x, y, labels=["a"])
    with pytest.raises(TypeError, match=r"^labels must be a list of strings"):
        plot_paths_w_b([run], x, y, labels="a")


def test_site_valley_paths_plain_creeps_momentum_arrives_adam_moves_both_by_lr():
    # What the alt text on docs/momentum-adam.md says about the three paths.
    x, y = toy_data()
    ax = FIGURES["momentum-adam"]().axes[0]
    assert list(VALLEY_RUNS) == ["plain, lr 0.15", "momentum 0.7, lr 0.15", "Adam, lr 0.3"]
    paths = {
        label: list(zip(line(ax, label).get_xdata(), line(ax, label).get_ydata(), strict=True))
        for label in VALLEY_RUNS
    }
    start = (VALLEY_START["w0"], VALLEY_START["b0"])
    for label, (descent, settings) in VALLEY_RUNS.items():
        run = descent(x, y, epochs=VALLEY_EPOCHS, **VALLEY_START, **settings)
        assert paths[label] == list(zip(run.weights, run.biases, strict=True))
        assert paths[label][0] == start

    def distance(point):
        return math.hypot(point[0] - 1.0, point[1])

    plain, momentum, adam = paths.values()
    assert distance(plain[-1]) > 0.1, "plain descent is still short of the minimum"
    assert distance(momentum[-1]) < 1e-3, "momentum reaches it"
    assert distance(adam[-1]) < 0.1, "Adam ends near it"
    step = (adam[1][0] - adam[0][0], adam[1][1] - adam[0][1])
    assert step == pytest.approx((0.3, 0.3)), "Adam first moves W and b by lr, up and right"


# --- the (W, b) figures to scale -------------------------------------------------------------


@pytest.mark.parametrize("name", ["contours-w-b", "momentum-adam"])
def test_the_w_b_figures_are_drawn_to_scale(name):
    fig = FIGURES[name]()
    fig.savefig(io.BytesIO(), format="svg")  # lays the figure out
    ax = fig.axes[0]
    assert ax.get_aspect() == 1.0
    (w_low, w_high), (b_low, b_high) = ax.get_xlim(), ax.get_ylim()
    box = ax.get_window_extent()
    # One unit of W is as many pixels long as one unit of b.
    assert box.width / (w_high - w_low) == pytest.approx(box.height / (b_high - b_low), rel=1e-3)
    assert box.width > 0.6 * fig.bbox.width  # and the axes fill most of the figure's width


def test_adams_first_step_of_lr_in_w_and_in_b_points_along_the_diagonal():
    fig = FIGURES["momentum-adam"]()
    fig.savefig(io.BytesIO(), format="svg")
    ax = fig.axes[0]
    adam = line(ax, "Adam, lr 0.3").get_xydata()
    assert (adam[1] - adam[0]).tolist() == pytest.approx([0.3, 0.3])
    (x0, y0), (x1, y1) = ax.transData.transform(adam[:2])
    assert math.degrees(math.atan2(y1 - y0, x1 - x0)) == pytest.approx(45.0, abs=0.1)


def test_the_valley_paths_stand_out_from_the_grey_contours_under_the_start_and_the_minimum():
    for suffix in ("", "-dark"):
        ax = draw("momentum-adam", suffix).axes[0]
        (contours,) = ax.collections
        saturation = [colorsys.rgb_to_hsv(*c[:3])[1] for c in contours.get_edgecolor()]
        assert max(saturation) < 0.3  # greys (slate greys on the dark page): no hue to mix up
        for label in ("momentum 0.7, lr 0.15", "Adam, lr 0.3"):
            path = matplotlib.colors.to_rgb(line(ax, label).get_color())
            assert colorsys.rgb_to_hsv(*path)[1] > 0.5
        paths = [line(ax, label) for label in VALLEY_RUNS]
        top = max(path.get_zorder() for path in paths)
        assert line(ax, "start").get_zorder() > top and line(ax, "minimum").get_zorder() > top
        assert contours.get_zorder() < min(path.get_zorder() for path in paths)
        # The minimum's star has an outline of the page's colour, so it shows on a path.
        star = line(ax, "minimum")
        page = PALETTES[VARIANTS[suffix][0]]["page"]
        assert star.get_markeredgecolor() == page and star.get_color() != page


# --- runs on a cost over one parameter: the page "A cost that is not a bowl" --------------------


def double_well():
    """w from -2 to 2 by 0.1 (exact at -1, 0 and 1), cost (w^2 - 1)^2: minima at -1 and 1."""
    ws = torch.arange(-20, 21, dtype=torch.float64) / 10
    return ws, (ws**2 - 1) ** 2


def well_run(weights):
    return (weights, [(w**2 - 1) ** 2 for w in weights])


def collection(ax, gid):
    (found,) = [item for item in ax.collections if item.get_gid() == gid]
    return found


def test_runs_on_cost_draw_the_curve_its_minima_and_bumps_and_each_run_along_it():
    ws, costs = double_well()
    runs = [well_run([-1.5, -1.2, -1.05]), well_run([0.5, 0.8, 0.95, 0.99])]
    fig = plot_runs_on_cost(ws, costs, runs, title="two runs")
    upper, lower = fig.axes
    curve = line(upper, "cost(w)")
    assert list(curve.get_xdata()) == ws.tolist() and list(curve.get_ydata()) == costs.tolist()
    assert line(upper, "minimum").get_xydata().tolist() == [[-1.0, 0.0], [1.0, 0.0]]
    assert line(upper, "bump").get_xydata().tolist() == [[0.0, 1.0]]
    for k, run in enumerate(runs):
        assert line(upper, f"run {k}").get_xydata().tolist() == [
            list(p) for p in zip(*run, strict=True)
        ]
        assert list(line(lower, f"run {k}").get_xdata()) == run[0]
        assert list(line(lower, f"run {k}").get_ydata()) == list(range(len(run[0])))
    assert collection(upper, "start").get_offsets().tolist() == [[-1.5, 1.5625], [0.5, 0.5625]]
    ends = collection(upper, "end").get_offsets().tolist()
    assert ends == [[-1.05, runs[0][1][-1]], [0.99, runs[1][1][-1]]]
    # The minima and bumps are labelled with their w; the bump is a dotted line in both panels.
    assert [text.get_text() for text in upper.texts] == ["-1.00", "1.00", "0.00"]
    for ax in (upper, lower):
        assert [v.get_xdata()[0] for v in ax.get_lines() if v.get_linestyle() == ":"] == [0.0]
    assert (upper.get_title(), upper.get_ylabel()) == ("two runs", "cost(w)")
    assert (lower.get_title(), lower.get_xlabel(), lower.get_ylabel()) == (
        "w per epoch",
        "w",
        "epoch",
    )
    assert lower.get_ylim() == (3.5, -0.5)  # epoch 0 at the top
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == ["start", "end", "minimum", "bump"]


def test_runs_on_cost_colour_each_run_by_the_minimum_it_ends_nearest_to():
    ws, costs = double_well()
    runs = [well_run([-0.3, -0.9]), well_run([1.8, 1.1]), well_run([-1.9, -1.1])]
    upper, lower = plot_runs_on_cost(ws, costs, runs).axes
    colours = [line(lower, f"run {k}").get_color() for k in range(3)]
    assert colours == [PALETTES["light"][c] for c in ("blue", "orange", "blue")]
    edges = collection(upper, "start").get_edgecolors()
    assert [matplotlib.colors.to_hex(e).lower() for e in edges] == [c.lower() for c in colours]


def test_runs_on_cost_with_labels_give_each_run_a_colour_a_marker_and_a_legend_entry():
    ws, costs = double_well()
    runs = [well_run([0.5, 0.8]), well_run([0.5, 0.9])]
    fig = plot_runs_on_cost(ws, costs, runs, labels=["plain", "momentum 0.7"], name="v")
    upper, lower = fig.axes
    plain, momentum = line(lower, "plain"), line(lower, "momentum 0.7")
    assert (plain.get_color(), plain.get_marker()) == (PALETTES["light"]["grey"], "o")
    assert (momentum.get_color(), momentum.get_marker()) == (PALETTES["light"]["vermillion"], "^")
    assert (upper.get_ylabel(), lower.get_xlabel(), lower.get_title()) == (
        "cost(v)",
        "v",
        "v per epoch",
    )
    (legend,) = fig.legends
    texts = [t.get_text() for t in legend.get_texts()]
    assert texts == ["start", "end", "minimum", "bump", "plain", "momentum 0.7"]


def test_runs_on_cost_show_the_first_epochs_and_say_so():
    ws, costs = double_well()
    run = well_run([0.5, 0.7, 0.85, 0.93, 0.97, 0.99])
    upper, lower = plot_runs_on_cost(ws, costs, [run], epochs=3).axes
    assert list(line(lower, "run 0").get_xdata()) == [0.5, 0.7, 0.85, 0.93]
    assert len(line(upper, "run 0").get_xdata()) == 4
    assert collection(upper, "end").get_offsets().tolist()[0][0] == 0.99  # the run's last point
    assert lower.get_title() == "w per epoch: the first 3 of 5 epochs"


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"ws": [0.0, 1.0]}, ValueError, r"^ws must be a 1-D sequence of at least 3 values"),
        ({"ws": [0.0, 2.0, 1.0]}, ValueError, r"^ws must be strictly increasing$"),
        ({"ws": "abc"}, TypeError, r"^ws must be a tensor or a list of numbers; got str$"),
        (
            {"costs": [1.0, 0.0]},
            ValueError,
            r"^costs must have the shape of ws, \(3,\); got \(2,\)$",
        ),
        ({"costs": [1.0, float("nan"), 1.0]}, ValueError, r"^costs must contain only finite"),
        ({"runs": []}, ValueError, r"^runs must hold 1 to 8 runs; got 0$"),
        ({"runs": ([0.0], [1.0])}, TypeError, r"^runs\[0\] must be a pair \(weights, costs\)"),
        ({"runs": [([0.0, 1.0], [1.0])]}, ValueError, r"^runs\[0\] must hold as many costs as"),
        ({"runs": [([0.0], [1.0])] * 9}, ValueError, r"^runs must hold 1 to 8 runs; got 9$"),
        ({"runs": [([float("inf")], [1.0])]}, ValueError, r"^runs\[0\]\[0\] must contain only"),
        ({"runs": "runs"}, TypeError, r"^runs must be a list of pairs \(weights, costs\)"),
        ({"labels": ["a", "b"]}, ValueError, r"^labels must hold 1 strings, one per run"),
        ({"labels": "a"}, TypeError, r"^labels must be a list of strings, one per run$"),
        ({"epochs": 0}, ValueError, r"^epochs must be 1 or more; got 0$"),
        ({"epochs": 2.5}, TypeError, r"^epochs must be a whole number \(1 or more\); got 2.5$"),
        ({"name": ""}, TypeError, r"^name must be a non-empty string; got ''$"),
        ({"title": 3}, TypeError, r"^title must be a string; got int$"),
    ],
)
def test_runs_on_cost_refuse_bad_input_naming_the_argument(kwargs, error, message):
    arguments = {"ws": [-1.0, 0.0, 1.0], "costs": [1.0, 0.0, 1.0], "runs": [([0.5], [0.25])]}
    arguments.update(kwargs)
    with pytest.raises(error, match=message):
        plot_runs_on_cost(**arguments)


def wave_snippet(name: str) -> dict:
    namespace = {"__name__": "not main"}  # defines descend() without printing its table
    source = (ROOT / "docs/snippets/not-a-bowl" / name).read_text(encoding="utf-8")
    exec(compile(source.split("\nfor ")[0], name, "exec"), namespace)
    return namespace


def test_site_wave_starts_draw_the_snippets_eight_runs_on_the_landscapes_curve():
    upper, lower = FIGURES["not-a-bowl-starts"]().axes
    ws = torch.linspace(*WAVE_GRID)
    curve = line(upper, "cost(w)")
    assert list(curve.get_xdata()) == pytest.approx(ws.tolist())
    descend = wave_snippet("starts.py")["descend"]
    ends = []
    for k, w0 in enumerate(WAVE_STARTS):
        visited = descend(w0)
        assert len(visited) == WAVE_RUN["epochs"] + 1
        assert list(line(lower, f"run {k}").get_xdata()) == visited[: WAVE_STARTS_SHOWN + 1]
        ends.append(visited[-1])
    assert [p[0] for p in collection(upper, "end").get_offsets().tolist()] == ends
    # Every run has settled within the epochs drawn: what the lower panel shows is the end.
    for k, end in enumerate(ends):
        assert abs(line(lower, f"run {k}").get_xdata()[-1] - end) < 2e-3
    minima, bumps = ["0.27", "1.00", "3.18", "4.13"], ["0.46", "2.50", "3.79"]
    assert [t.get_text() for t in upper.texts] == minima + bumps  # as landscape.py prints them
    assert upper.get_title() == "8 starts, lr = 0.1, 200 epochs"
    assert lower.get_title() == "w per epoch: the first 40 of 200 epochs"


def test_site_wave_momentum_runs_cross_the_bump_and_are_the_snippets_runs():
    upper, lower = FIGURES["not-a-bowl-momentum"]().axes
    descend = wave_snippet("momentum.py")["descend"]
    bump = line(upper, "bump").get_xdata().tolist()
    assert bump == pytest.approx([0.46])
    assert max(line(upper, "cost(w)").get_xdata()) == pytest.approx(WAVE_MOMENTUM_W)
    paths = {}
    for label, (w0, momentum) in WAVE_MOMENTUM_RUNS.items():
        visited = descend(w0, momentum)
        assert list(line(lower, label).get_xdata()) == visited[: WAVE_MOMENTUM_SHOWN + 1]
        paths[label] = visited
    assert [t.get_text() for t in upper.texts] == ["0.27", "1.00", "0.46"]
    plain_0, momentum_0, plain_2, momentum_2 = paths.values()
    assert max(plain_0) < bump[0] < max(momentum_0)  # only momentum climbs over the bump
    assert min(plain_2) > bump[0] > min(momentum_2)  # ... from either side
    assert round(plain_0[-1], 4) == round(momentum_2[-1], 4) == 0.2749
    assert round(momentum_0[-1], 4) == round(plain_2[-1], 4) == 1.0
    assert upper.get_title() == "lr = 0.1, 200 epochs, plain and with momentum"


def test_site_wave_bound_draws_the_bound_snippets_runs_and_names_the_bound():
    upper, lower = FIGURES["not-a-bowl-bound"]().axes
    descend = wave_snippet("bound.py")["descend"]
    for w0, lr in WAVE_BOUND_RUNS:
        visited = descend(w0, lr)
        label = f"lr {lr:.2f}, from w = {w0:g}"
        assert list(line(lower, label).get_xdata()) == visited[: WAVE_BOUND_SHOWN + 1]
    assert [t.get_text() for t in upper.texts] == ["0.27", "1.00", "0.46"]
    assert upper.get_title() == "200 epochs; at w = 1, 2/L = 0.306"
    assert lower.get_title() == "w per epoch: the first 30 of 200 epochs"
    # The run that bounces is drawn first, under the one that settles.
    assert [item.get_label() for item in lower.get_lines()][1:3] == [
        "lr 0.35, from w = 0.9",
        "lr 0.30, from w = 0.9",
    ]
