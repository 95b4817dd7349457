"""The site's figures: what each one draws, with which run, in four versions.

``FIGURES`` names every figure a page shows (``![alt](figures/<name>.svg)``) and how it
is drawn with ``gd_tutorial.plots``; the constants above it are the runs and data sets of
the pages, which their snippets and tests repeat. Each figure is written in four
versions (``VARIANTS``): for the light and the dark palette, with English text and with
Korean text (``KOREAN``; the Hangul is drawn with NanumGothic, which the ``docs`` install
brings with koreanize-matplotlib). ``docs/hooks/figures.py`` runs this file in a fresh
process to draw them, and shows each page the versions of its language::

    python docs/hooks/site_figures.py <folder> <manifest.json>

Only the site needs this module, so it lives here, not in the package.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import warnings
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import matplotlib.text
import torch
from matplotlib.figure import Figure

from gd_tutorial import (
    DivergenceWarning,
    adagrad_descent,
    adam_descent,
    curvature,
    curvatures,
    gradient_descent,
    max_stable_lr,
    momentum_descent,
    noisy_data,
    rmsprop_descent,
    toy_data,
)
from gd_tutorial.plots import (
    plot_cost_curve,
    plot_cost_per_epoch,
    plot_data_and_lines,
    plot_descent_path,
    plot_learning_rates,
    plot_mini_batches,
    plot_noisy_fit,
    plot_paths_w_b,
    plot_rate_map,
    plot_runs_on_cost,
    save_svg,
    theme,
)

# The course's run: the full code of the lesson (the learning-rate explorer starts there).
COURSE_RUN = {"lr": 0.1, "epochs": 10, "w0": 0.0, "reduction": "sum"}
# The noisy data set of the page "Noisy data".
NOISY_DATA = {"m": 20, "true_w": 2.0, "noise": 1.0, "seed": 0}
# The mini-batch runs of the page "Mini-batches": full batch and batches of 5.
MINI_BATCH_RUN = {"lr": 0.02, "epochs": 10, "batch_size": 5, "seed": 0}
# The valley of the page "Momentum and Adam": the runs, their start and their settings.
VALLEY_START = {"w0": -1.0, "b0": 2.0}
VALLEY_EPOCHS = 60
VALLEY_RUNS = {
    "plain, lr 0.15": (gradient_descent, {"lr": 0.15}),
    "momentum 0.7, lr 0.15": (momentum_descent, {"lr": 0.15, "momentum": 0.7}),
    "Adam, lr 0.3": (adam_descent, {"lr": 0.3}),
}
# The gallery, with the sum gradient: too small, 1/L, between 1/L and 2/L, above 2/L.
GALLERY_LRS = (0.01, "1/L", 0.13, 0.15)


def _course_run():
    x, y = toy_data()
    return gradient_descent(x, y, **COURSE_RUN), x, y


def _learning_rates_figure() -> Figure:
    x, y = toy_data()
    bound = max_stable_lr(x, "sum")
    runs = []
    for lr in (1 / curvature(x, "sum") if lr == "1/L" else lr for lr in GALLERY_LRS):
        if lr > bound:  # expected to diverge: the warning is the point of the panel
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DivergenceWarning)
                run = gradient_descent(x, y, lr=lr, epochs=10, reduction="sum")
            if not run.diverged:
                raise AssertionError(f"lr={lr:g} is above the bound {bound:g} but did not diverge")
        else:
            run = gradient_descent(x, y, lr=lr, epochs=10, reduction="sum")
        runs.append(run)
    return plot_learning_rates(runs, x, y)


def _contours_figure() -> Figure:
    x, y = toy_data()
    run = gradient_descent(x, y, lr=0.15, epochs=VALLEY_EPOCHS, **VALLEY_START)
    return plot_paths_w_b([run], x, y)


def _mini_batches_figure() -> Figure:
    x, y = noisy_data(**NOISY_DATA)
    settings = dict(MINI_BATCH_RUN)
    mini = gradient_descent(x, y, **settings)
    del settings["batch_size"]
    return plot_mini_batches(gradient_descent(x, y, **settings), mini, x, y)


def _valley_figure() -> Figure:
    x, y = toy_data()
    runs = [
        descent(x, y, epochs=VALLEY_EPOCHS, **VALLEY_START, **settings)
        for descent, settings in VALLEY_RUNS.values()
    ]
    return plot_paths_w_b(runs, x, y, labels=list(VALLEY_RUNS))


# The settings marked on the rate map of "Why momentum works": (lr, momentum, nesterov).
RATE_MAP_MARKS = {
    "plain, lr 0.15": (0.15, 0.0, False),
    "momentum 0.7, lr 0.15": (0.15, 0.7, False),
    "momentum 0.9, lr 0.15": (0.15, 0.9, False),
    "Nesterov 0.7, lr 0.1": (0.1, 0.7, True),
    "Nesterov 0.7, lr 0.15": (0.15, 0.7, True),
}


def _rate_map_figure() -> Figure:
    return plot_rate_map(curvatures(toy_data()[0]), RATE_MAP_MARKS)


# The page "A cost that is not a bowl": the wave H(x) = sin(w x) fitted to y = sin(x) on
# x = 1, 2, 3, its cost over w, and runs of torch.optim.SGD on it (its snippets repeat these).
WAVE_GRID = (0.0, 4.5, 451)  # torch.linspace: w from 0 to 4.5 in steps of 0.01
WAVE_RUN = {"lr": 0.1, "epochs": 200}
WAVE_STARTS = (0.0, 0.4, 0.6, 1.5, 2.4, 2.6, 3.5, 4.5)
WAVE_STARTS_SHOWN = 40  # the epochs drawn in the lower panel: every run has settled by then
# The momentum figure: (w0, momentum) of each run, on w from 0 to 2.2, 60 epochs drawn.
WAVE_MOMENTUM_RUNS = {
    "plain, from w = 0": (0.0, 0.0),
    "momentum 0.7, from w = 0": (0.0, 0.7),
    "plain, from w = 2": (2.0, 0.0),
    "momentum 0.8, from w = 2": (2.0, 0.8),
}
WAVE_MOMENTUM_W = 2.2
WAVE_MOMENTUM_SHOWN = 60
# The bound figure: (w0, lr) of the bound snippet's runs of plain SGD, on w from 0 to 1.5; the
# run that bounces first, so that the one that settles is drawn over it.
WAVE_BOUND_RUNS = ((0.9, 0.35), (0.9, 0.30), (0.4, 0.35))
WAVE_BOUND_W = 1.5
WAVE_BOUND_SHOWN = 30


def wave_cost(w: torch.Tensor) -> torch.Tensor:
    """The cost of the wave H(x) = sin(w x) on x = 1, 2, 3 with targets sin(x)."""
    x = torch.tensor([1.0, 2.0, 3.0])
    return torch.mean((torch.sin(w * x) - torch.sin(x)) ** 2)


def wave_curve() -> tuple[torch.Tensor, torch.Tensor]:
    """The cost at each w of ``WAVE_GRID``, as the page's landscape snippet computes it."""
    ws = torch.linspace(*WAVE_GRID)
    return ws, torch.stack([wave_cost(w) for w in ws])


def wave_descent(
    w0: float, momentum: float = 0.0, lr: float = WAVE_RUN["lr"]
) -> tuple[list[float], list[float]]:
    """``w`` and its cost at each epoch of torch.optim.SGD on the wave, from ``w0``."""
    w = torch.tensor(w0, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr, momentum=momentum)
    weights, costs = [w0], []
    for _ in range(WAVE_RUN["epochs"]):
        cost = wave_cost(w)
        optimizer.zero_grad()
        cost.backward()
        optimizer.step()
        weights.append(w.item())
        costs.append(cost.item())
    costs.append(wave_cost(w.detach()).item())
    return weights, costs


def _wave_starts_figure() -> Figure:
    lr, epochs = WAVE_RUN["lr"], WAVE_RUN["epochs"]
    runs = [wave_descent(w0) for w0 in WAVE_STARTS]
    title = f"{len(runs)} starts, lr = {lr:g}, {epochs} epochs"
    return plot_runs_on_cost(*wave_curve(), runs, epochs=WAVE_STARTS_SHOWN, title=title)


def _wave_momentum_figure() -> Figure:
    ws, costs = wave_curve()
    kept = ws <= WAVE_MOMENTUM_W + 1e-6
    runs = [wave_descent(w0, momentum) for w0, momentum in WAVE_MOMENTUM_RUNS.values()]
    title = f"lr = {WAVE_RUN['lr']:g}, {WAVE_RUN['epochs']} epochs, plain and with momentum"
    return plot_runs_on_cost(
        ws[kept],
        costs[kept],
        runs,
        labels=list(WAVE_MOMENTUM_RUNS),
        epochs=WAVE_MOMENTUM_SHOWN,
        title=title,
    )


def _wave_bound_figure() -> Figure:
    ws, costs = wave_curve()
    kept = ws <= WAVE_BOUND_W + 1e-6
    runs = [wave_descent(w0, lr=lr) for w0, lr in WAVE_BOUND_RUNS]
    labels = [f"lr {lr:.2f}, from w = {w0:g}" for w0, lr in WAVE_BOUND_RUNS]
    L = torch.autograd.functional.hessian(wave_cost, torch.tensor(1.0)).item()
    title = f"{WAVE_RUN['epochs']} epochs; at w = 1, 2/L = {2 / L:.3f}"
    return plot_runs_on_cost(
        ws[kept], costs[kept], runs, labels=labels, epochs=WAVE_BOUND_SHOWN, title=title
    )


# The valley runs of the page "Adagrad and RMSProp", from VALLEY_START for VALLEY_EPOCHS.
ADAPTIVE_RUNS = {
    "plain, lr 0.15": (gradient_descent, {"lr": 0.15}),
    "Adagrad, lr 0.15": (adagrad_descent, {"lr": 0.15}),
    "RMSProp, lr 0.15": (rmsprop_descent, {"lr": 0.15}),
    "Adam, lr 0.3": (adam_descent, {"lr": 0.3}),
}


def _adaptive_figure() -> Figure:
    x, y = toy_data()
    runs = [
        descent(x, y, epochs=VALLEY_EPOCHS, **VALLEY_START, **settings)
        for descent, settings in ADAPTIVE_RUNS.values()
    ]
    return plot_paths_w_b(runs, x, y, labels=list(ADAPTIVE_RUNS))


# A plain dict with string keys: docs/hooks/figures.py reads the names without importing this.
FIGURES: dict[str, Callable[[], Figure]] = {
    "data-and-lines": lambda: plot_data_and_lines(*toy_data()),
    "cost-curve": lambda: plot_cost_curve(*toy_data()),
    "descent-path": lambda: plot_descent_path(*_course_run()),
    "cost-per-epoch": lambda: plot_cost_per_epoch(*_course_run()),
    "learning-rates": _learning_rates_figure,
    "contours-w-b": _contours_figure,
    "noisy-fit": lambda: plot_noisy_fit(*noisy_data(**NOISY_DATA), true_w=NOISY_DATA["true_w"]),
    "mini-batches": _mini_batches_figure,
    "momentum-adam": _valley_figure,
    "rate-map": _rate_map_figure,
    "not-a-bowl-starts": _wave_starts_figure,
    "not-a-bowl-bound": _wave_bound_figure,
    "not-a-bowl-momentum": _wave_momentum_figure,
    "adagrad-rmsprop": _adaptive_figure,
}
"""Every figure of the site: its file name (without ``.svg``) and how it is drawn."""

# The versions of each figure: the file's suffix, its palette and its language.
VARIANTS = {
    "": ("light", "en"),
    "-dark": ("dark", "en"),
    "-ko": ("light", "ko"),
    "-ko-dark": ("dark", "ko"),
}

# The Korean text of the figures: each English text matches one pattern whole (re.fullmatch)
# and becomes its replacement. Numbers, symbols and code stay as they are (LATIN_KEPT).
MINUS, TIMES = "\u2212", "\u00d7"
KOREAN: list[tuple[str, str]] = [
    (r"data", "데이터"),
    (r"Candidate lines through the data", "데이터를 지나는 후보 직선"),
    (r"best: W = (.+)", r"가장 잘 맞는 직선: W = \1"),
    (r"y, and H\(x\) = W · x", "y, 그리고 H(x) = W · x"),
    (r"The cost is a parabola in W", "비용은 W에 대한 포물선"),
    (r"cost\(W\)", "비용(W)"),
    (r"minimum: W\* = (.+)", r"최솟값: W* = \1"),
    (r"minimum", "최솟값"),
    (r"Descent path: (.+)", r"경사하강법의 경로: \1"),
    (r"W at each epoch", "에폭마다의 W"),
    (r"Cost per epoch: (.+)", r"에폭마다의 비용: \1"),
    (r"computed", "계산한 값"),
    (r"formula", "공식"),
    (r"cost \(log scale\)", "비용 (로그 스케일)"),
    (
        rf"cost {MINUS} cost\(W\*\): {TIMES} \(1 {MINUS} lr·L\)² = (.+) per step\n"
        rf"distance to W\*: {TIMES} \|1 {MINUS} lr·L\| = (.+) per step",
        rf"비용 {MINUS} 비용(W*): 스텝마다 {TIMES} (1 {MINUS} lr·L)² = \1\n"
        rf"W*까지의 거리: 스텝마다 {TIMES} |1 {MINUS} lr·L| = \2",
    ),
    (r"epoch", "에폭"),
    (r"W per epoch\. Dashed: W\* = (.+)\. Bound (.+)", r"에폭마다의 W. 점선: W* = \1. 한계 \2"),
    (r"(lr = .+)\ntoo small, slow", r"\1\n너무 작아 느림"),
    (r"(lr = .+)\none step to W\*", r"\1\n한 스텝에 W*로"),
    (r"(lr = .+)\nbounces forever", r"\1\n끝없이 오감"),
    (r"(lr = .+)\noscillates, converges", r"\1\n진동하며 수렴"),
    (r"(lr = .+)\ndiverges", r"\1\n발산"),
    (r"Cost over \(W, b\): (.*?)(\d+) epochs", r"(W, b)에 대한 비용: \1\2에폭"),
    (
        r"Cost over \(W, b\): (.*?)(\d+) epochs, batches of (\d+)",
        r"(W, b)에 대한 비용: \1\2에폭, 크기 \3의 미니배치",
    ),
    (r"path", "경로"),
    (r"start", "출발점"),
    (
        r"Noisy data, the true line and the best fit",
        "노이즈가 있는 데이터, 참 직선, 가장 잘 맞는 직선",
    ),
    (r"best fit: W\* = (.+)", r"가장 잘 맞는 직선: W* = \1"),
    (r"true line: W = (.+)", r"참 직선: W = \1"),
    (r"residuals", "잔차"),
    (r"W per epoch: lr = (.+), (\d+) steps per epoch", r"에폭마다의 W: lr = \1, 에폭마다 \2스텝"),
    (r"full batch", "전체 배치"),
    (r"batches of (\d+)", r"크기 \1의 미니배치"),
    (r"plain, lr (.+)", r"기본 경사하강법, lr \1"),
    (r"momentum (.+), lr (.+)", r"모멘텀 \1, lr \2"),
    (r"Nesterov (.+), lr (.+)", r"네스테로프 \1, lr \2"),
    (r"momentum", "모멘텀"),
    (r"learning rate", "학습률"),
    (r"Heavy ball: rate per epoch", "헤비볼: 에폭당 수렴률"),
    (r"Nesterov: rate per epoch", "네스테로프: 에폭당 수렴률"),
    (r"heavy-ball bound", "헤비볼의 한계"),
    (r"Nesterov bound", "네스테로프의 한계"),
    (r"best pair", "가장 좋은 짝"),
    (r"rate per epoch \(grey: 1 or more\)", "에폭당 수렴률 (회색: 1 이상)"),
    (r"(\d+) starts, lr = (.+), (\d+) epochs", r"출발점 \1곳, lr = \2, \3에폭"),
    (
        r"lr = (.+), (\d+) epochs, plain and with momentum",
        r"lr = \1, \2에폭, 기본 경사하강법과 모멘텀",
    ),
    (r"cost\(w\)", "비용(w)"),
    (r"w per epoch: the first (\d+) of (\d+) epochs", r"에폭마다의 w: \2에폭 중 처음 \1에폭"),
    (r"w per epoch", "에폭마다의 w"),
    (r"end", "끝점"),
    (r"bump", "언덕"),
    (r"plain, from w = (.+)", r"기본 경사하강법, w = \1에서 출발"),
    (r"momentum (.+), from w = (.+)", r"모멘텀 \1, w = \2에서 출발"),
    (r"lr (.+), from w = (.+)", r"lr \1, w = \2에서 출발"),
    (r"(\d+) epochs; at w = 1, 2/L = (.+)", r"\1에폭. w = 1에서 2/L = \2"),
]
# Latin words a Korean figure keeps: names of variables, of code and of the optimizers.
LATIN_KEPT = {"W", "w", "b", "x", "y", "H", "L", "lr", "reduction", "sum", "mean"}
LATIN_KEPT |= {"Adam", "Adagrad", "RMSProp"}  # the optimizers' names
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[+-]?\d+)?")
_MATHTEXT = re.compile(r"\\[A-Za-z]+")  # mathtext commands, such as log ticks' \mathdefault


def latin_words(text: str) -> list[str]:
    """The Latin words of ``text`` that a Korean figure must not show (numbers and code aside)."""
    words = re.findall(r"[A-Za-z]+", _NUMBER.sub(" ", _MATHTEXT.sub(" ", text)))
    return [word for word in words if word not in LATIN_KEPT]


def korean(text: str) -> str:
    """The Korean of a figure's English text; raise ValueError if ``KOREAN`` has none."""
    if not latin_words(text):
        return text
    for pattern, replacement in KOREAN:
        if re.fullmatch(pattern, text):
            return re.sub(pattern, replacement, text)
    raise ValueError(f"no Korean for the figure text {text!r}: add it to KOREAN")


def hangul_fonts() -> list[Path]:
    """NanumGothic and its bold, from koreanize-matplotlib (read as files: importing the package
    would change matplotlib's settings for the whole process)."""
    try:
        dist = distribution("koreanize-matplotlib")
    except PackageNotFoundError:
        raise ModuleNotFoundError(
            "the Korean figures need NanumGothic from koreanize-matplotlib: "
            'pip install -e ".[docs]"'
        ) from None
    fonts = ("NanumGothic.ttf", "NanumGothicBold.ttf")
    return [Path(dist.locate_file(f"koreanize_matplotlib/fonts/{font}")) for font in fonts]


class _BoldHangul(logging.Filter):
    """Hide matplotlib's note that NanumGothic's bold weighs 600, not 700: it is drawn."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "font weight bold for NanumGothic" not in record.getMessage()


logging.getLogger("matplotlib.font_manager").addFilter(_BoldHangul())


def draw(name: str, suffix: str = "") -> Figure:
    """Draw figure ``name`` in the version of ``suffix`` (a key of ``VARIANTS``)."""
    palette, language = VARIANTS[suffix]
    with theme(palette, fonts=hangul_fonts() if language == "ko" else []):
        fig = FIGURES[name]()
    if language == "ko":
        for text in fig.findobj(matplotlib.text.Text):
            text.set_text(korean(text.get_text()))
    return fig


def write_svgs(folder: str | Path, names: list[str] | None = None) -> list[Path]:
    """Write every version of the figures ``names`` (by default all) as ``<folder>/<file>.svg``.

    Raises:
        ValueError: If a name is not in ``FIGURES``.
        RuntimeError: If drawing a figure fails; the message names the figure.
    """
    chosen = list(FIGURES) if names is None else list(names)
    unknown = [name for name in chosen if name not in FIGURES]
    if unknown:
        raise ValueError(f"unknown figure(s) {unknown}; the figures are {sorted(FIGURES)}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in chosen:
        for suffix in VARIANTS:
            try:
                svg = save_svg(draw(name, suffix))
            except Exception as error:
                raise RuntimeError(
                    f"figure {name + suffix!r} could not be drawn: {error}"
                ) from error
            path = folder / f"{name}{suffix}.svg"
            temporary = path.with_suffix(".svg.tmp")
            temporary.write_bytes(svg)
            temporary.replace(path)
            written.append(path)
    return written


if __name__ == "__main__":
    write_svgs(sys.argv[1])
    Path(sys.argv[2]).write_text(json.dumps(list(FIGURES)), encoding="utf-8")
