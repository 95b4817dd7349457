"""The site's figures, drawn with matplotlib's object-oriented API and saved as SVG.

Every function returns a ``matplotlib.figure.Figure`` built without pyplot, so no
window opens and no display is needed. ``save_svg`` turns
a figure into SVG bytes that are the same on every run (no date, fixed ids).
Figures are drawn for a light page (dark ink on white); inside ``with theme("dark"):``
they are drawn for a dark one, and ``theme`` also takes font files for glyphs that
DejaVu Sans lacks, such as Hangul.

matplotlib is an optional dependency: ``pip install "gd-tutorial[plots]"``. The rest
of the package needs only torch, and ``import gd_tutorial`` does not import this module.

Figures have an opaque background and are sized to scale down to a phone's width.
"""

from __future__ import annotations

import functools
import io
import itertools
import math
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import torch

try:
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
except ModuleNotFoundError as error:  # matplotlib is the optional extra "plots"
    raise ModuleNotFoundError(
        'gd_tutorial.plots draws with matplotlib: pip install "gd-tutorial[plots]"',
        name=error.name,
    ) from error

from gd_tutorial import _checks
from gd_tutorial.core import (
    closed_form_weight,
    cost_curve,
    curvature,
    max_stable_lr,
)
from gd_tutorial.descent import PLAIN_METHODS, History

__all__ = [
    "plot_cost_curve",
    "plot_cost_per_epoch",
    "plot_data_and_lines",
    "plot_descent_path",
    "plot_learning_rates",
    "plot_mini_batches",
    "plot_noisy_fit",
    "plot_paths_w_b",
    "plot_rate_map",
    "plot_runs_on_cost",
    "save_svg",
    "theme",
]

# The colours of each palette, by role. The lines use Okabe-Ito's colours, distinct for
# readers with colour-blindness; on the dark page, lighter tints of the same hues.
# "page" is the background: white, or the grey of Material's dark (slate) scheme.
PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "blue": "#0072B2",
        "orange": "#E69F00",
        "green": "#009E73",
        "vermillion": "#D55E00",
        "purple": "#CC79A7",
        "grey": "#6b6b6b",
        "ink": "#1a1a1a",
        "page": "#ffffff",
        "edge": "#555555",
        "tick": "#333333",
        "grid": "#e4e4e4",
        "frame": "#cccccc",
        "contour_in": "#8c8c8c",  # the contour lines, from the innermost to the outermost
        "contour_out": "#d2d2d2",
    },
    "dark": {
        "blue": "#56B4E9",
        "orange": "#E69F00",
        "green": "#2CC29A",
        "vermillion": "#F0803C",
        "purple": "#DA8DB8",
        "grey": "#a6a6a6",
        "ink": "#e4e4e4",
        "page": "#1e2029",
        "edge": "#9a9ca3",
        "tick": "#c9cacf",
        "grid": "#30333f",
        "frame": "#4a4e5c",
        "contour_in": "#747a8a",
        "contour_out": "#3f4452",
    },
}
_STYLE = {
    "font.family": ["DejaVu Sans"],
    "font.size": 12,
    "axes.titlesize": 12,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 10.5,
    "savefig.facecolor": "auto",  # the figure's own background, light or dark
    "savefig.edgecolor": "auto",
    "axes.grid": True,
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 2.0,
    "lines.markersize": 6.5,
    "legend.frameon": True,
    "legend.framealpha": 0.92,
    "mathtext.fontset": "dejavusans",
    # Deterministic SVG: text as paths (the same glyphs everywhere), fixed id salt.
    "svg.fonttype": "path",
    "svg.hashsalt": "gd-tutorial",
    "svg.image_inline": True,
}
_WIDTH = 5.0  # inches: 480 CSS pixels at full size, fonts still legible at 390 px.
# The palette and the font families of the figures drawn now: set by ``theme``.
_THEME: ContextVar[tuple[str, tuple[str, ...]]] = ContextVar(
    "gd_tutorial_plots_theme", default=("light", ())
)

F = TypeVar("F", bound=Callable[..., Any])


def _colour(role: str) -> str:
    """The colour of ``role`` ("blue", "ink", ...) in the palette of the current theme."""
    return PALETTES[_THEME.get()[0]][role]


def _theme_style() -> dict[str, Any]:
    palette, families = _THEME.get()
    c = PALETTES[palette]
    return {
        **_STYLE,
        "font.family": ["DejaVu Sans", *families],
        "figure.facecolor": c["page"],
        "axes.facecolor": c["page"],
        "legend.facecolor": c["page"],
        "text.color": c["ink"],
        "axes.labelcolor": c["ink"],
        "axes.titlecolor": c["ink"],
        "axes.edgecolor": c["edge"],
        "xtick.color": c["tick"],
        "ytick.color": c["tick"],
        "xtick.labelcolor": c["tick"],
        "ytick.labelcolor": c["tick"],
        "grid.color": c["grid"],
        "legend.edgecolor": c["frame"],
    }


@contextmanager
def theme(palette: str = "light", fonts: Sequence[str | os.PathLike] = ()) -> Iterator[None]:
    """Draw the figures made inside for a light or a dark page, with extra fonts.

    Colours are fixed when a figure is made, so a figure made inside keeps them when
    it is saved outside.

    Args:
        palette: ``"light"`` (dark ink on white, the default) or ``"dark"`` (light
            ink on the dark grey of Material for MkDocs' slate scheme).
        fonts: Font files (``.ttf``, ``.otf``) for the glyphs that DejaVu Sans lacks,
            such as Hangul; each glyph is drawn in the first font that has it.

    Yields:
        The ``plot_*`` functions called inside the ``with`` block draw with this theme.

    Raises:
        ValueError: If ``palette`` is not a palette, or a font file does not exist.

    Examples:
        >>> from gd_tutorial import toy_data
        >>> with theme("dark"):
        ...     fig = plot_cost_curve(*toy_data())
        >>> fig.axes[0].get_lines()[0].get_color()  # the cost curve, in the dark palette's blue
        '#56B4E9'
    """
    if palette not in PALETTES:
        raise ValueError(f"palette must be one of {sorted(PALETTES)}; got {palette!r}")
    families = []
    for font in fonts:
        if not os.path.isfile(font):
            raise ValueError(f"fonts must be font files; {os.fspath(font)!r} does not exist")
        font_manager.fontManager.addfont(os.fspath(font))
        families.append(font_manager.FontProperties(fname=font).get_name())
    token = _THEME.set((palette, tuple(dict.fromkeys(families))))
    try:
        yield
    finally:
        _THEME.reset(token)


@contextmanager
def _style() -> Iterator[None]:
    with matplotlib.rc_context(_theme_style()):
        yield


def _styled(function: F) -> F:
    """Draw under the current theme (rcParams are read when artists are created)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _style():
            return function(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _figure(height: float, width: float = _WIDTH) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def _history(value: Any, name: str = "history") -> History:
    if not isinstance(value, History):
        raise TypeError(
            f"{name} must be a History returned by gradient_descent, momentum_descent, "
            f"adam_descent or train_with_optimizer; got {type(value).__name__}"
        )
    if not value.weights:
        raise ValueError(f"{name} has no recorded epochs to draw")
    return value


def _w_range(value: Any, name: str = "w_range") -> tuple[float, float]:
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise TypeError(f"{name} must be a pair (low, high) of numbers; got {value!r}")
    low, high = (_checks.number(v, name) for v in value)
    if not low < high:
        raise ValueError(f"{name} must have low < high; got ({low:g}, {high:g})")
    return low, high


def _flat(tensor: torch.Tensor) -> list[float]:
    return [float(v) for v in tensor.double().flatten().tolist()]


def _span(values: Sequence[float], pad: float = 0.12) -> tuple[float, float]:
    low, high = min(values), max(values)
    margin = (high - low) * pad or 0.5
    return low - margin, high + margin


def _regime(lr: float, L: float) -> str:
    """Name a learning rate and what it does on a parabola of curvature ``L``."""
    one_step, bound = 1 / L, 2 / L
    if math.isclose(lr, one_step, rel_tol=1e-9):
        return f"lr = 1/L ≈ {lr:.3g}\none step to W*"
    if math.isclose(lr, bound, rel_tol=1e-9):
        return f"lr = 2/L ≈ {lr:.3g}\nbounces forever"
    if lr < one_step:
        return f"lr = {lr:g}\ntoo small, slow"
    return f"lr = {lr:g}\n" + ("oscillates, converges" if lr < bound else "diverges")


def save_svg(fig: Figure) -> bytes:
    """Return the figure as SVG bytes, identical for identical figures.

    The file has no date, its ids come from a fixed salt, and its text is drawn
    as paths, so two builds write the same bytes.

    Args:
        fig: A figure from one of the ``plot_*`` functions (or any matplotlib Figure).

    Returns:
        The SVG document, UTF-8 encoded.

    Raises:
        TypeError: If ``fig`` is not a matplotlib Figure.

    Examples:
        >>> from gd_tutorial import toy_data
        >>> svg = save_svg(plot_cost_curve(*toy_data()))
        >>> svg.startswith(b"<?xml") and b"<svg" in svg
        True
        >>> svg == save_svg(plot_cost_curve(*toy_data()))
        True
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib.figure.Figure; got {type(fig).__name__}")
    buffer = io.BytesIO()
    with _style():
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


@_styled
def plot_data_and_lines(
    x: Any, y: Any, weights: Sequence[float] = (0.5, 1.5, 2.0), best: bool = True
) -> Figure:
    """Draw the data and candidate lines ``H(x) = W * x``, with the best line marked.

    Args:
        x: Inputs, shape (m,) or (m, 1).
        y: Targets, with the shape of ``x``.
        weights: Candidate values of ``W``, one line each (at most 8).
        best: Also draw the best line, ``W*`` from
            [closed_form_weight][gd_tutorial.closed_form_weight], thicker and labelled.

    Returns:
        The figure: the data as points, each line labelled with its ``W``.

    Raises:
        TypeError: If an argument has the wrong type.
        ValueError: If the data is invalid, or ``weights`` is empty (with
            ``best=False``), too long or not finite.

    Examples:
        >>> from gd_tutorial import toy_data
        >>> fig = plot_data_and_lines(*toy_data(), weights=[0.5, 2.0])
        >>> [line.get_label() for line in fig.axes[0].get_lines()]
        ['data', 'W = 0.5', 'W = 2', 'best: W = 1']
    """
    x, y = _checks.data(x, y)
    if isinstance(weights, (str, bytes)) or not isinstance(weights, Sequence):
        raise TypeError(f"weights must be a sequence of numbers; got {type(weights).__name__}")
    candidates = [_checks.number(w, "weights") for w in weights]
    if len(candidates) > 8:
        raise ValueError(f"weights must hold at most 8 candidates; got {len(candidates)}")
    if not candidates and not best:
        raise ValueError("weights must hold at least one candidate when best=False")
    xs, ys = _flat(x), _flat(y)
    fig = _figure(3.6)
    ax = fig.add_subplot()
    ends = [0.0, max(0.0, *xs) * 1.1]
    if min(xs) < 0:
        ends[0] = min(xs) * 1.1
    palette = [_colour(role) for role in ("orange", "purple", "green", "vermillion", "grey")]
    ax.plot(xs, ys, "o", color=_colour("ink"), markersize=8, label="data", zorder=3)
    w_star = closed_form_weight(x, y) if best else None
    for i, W in enumerate(candidates):
        if w_star is not None and math.isclose(W, w_star, rel_tol=1e-12, abs_tol=1e-12):
            continue
        ax.plot(
            ends,
            [W * e for e in ends],
            "--",
            color=palette[i % len(palette)],
            linewidth=1.8,
            label=f"W = {W:g}",
        )
    if w_star is not None:
        ax.plot(
            ends,
            [w_star * e for e in ends],
            color=_colour("blue"),
            linewidth=3,
            label=f"best: W = {w_star:g}",
        )
    ax.set_xlabel("x")
    ax.set_ylabel("y, and H(x) = W · x")
    ax.set_title("Candidate lines through the data")
    ax.set_xlim(*ends)
    ax.legend(loc="upper left")
    return fig


@_styled
def plot_noisy_fit(x: Any, y: Any, true_w: float, fitted_w: float | None = None) -> Figure:
    """Draw noisy data with the line it came from, the best fit, and what the fit leaves.

    A thin vertical segment joins each point to the fitted line: its residual,
    the part of ``y`` that the line does not explain. The cost at the fitted
    ``W`` is the mean of their squares.

    Args:
        x: Inputs, shape (m,) or (m, 1), such as from [noisy_data][gd_tutorial.noisy_data].
        y: Targets, with the shape of ``x``.
        true_w: The slope of the line the data was drawn around.
        fitted_w: The slope of the fitted line; by default the best ``W*`` from
            [closed_form_weight][gd_tutorial.closed_form_weight].

    Returns:
        The figure, with lines labelled ``"data"``, ``"true line: W = ..."``,
        ``"best fit: W* = ..."`` (or ``"fit: W = ..."`` for a given ``fitted_w``)
        and ``"residuals"``.

    Raises:
        TypeError: If an argument has the wrong type.
        ValueError: If the data is invalid or a weight is not finite.

    Examples:
        >>> from gd_tutorial import noisy_data
        >>> ax = plot_noisy_fit(*noisy_data(m=5), true_w=2.0).axes[0]
        >>> [line.get_label() for line in ax.get_lines()][:2]
        ['data', 'true line: W = 2']
    """
    x, y = _checks.data(x, y)
    true_w = _checks.number(true_w, "true_w")
    if fitted_w is None:
        fitted_w, fit_label = closed_form_weight(x, y), "best fit: W* = {:.3f}"
    else:
        fitted_w, fit_label = _checks.number(fitted_w, "fitted_w"), "fit: W = {:.3f}"
    xs, ys = _flat(x), _flat(y)
    fig = _figure(3.6)
    ax = fig.add_subplot()
    ends = [min(0.0, *xs) * 1.05, max(0.0, *xs) * 1.05]
    ax.plot(xs, ys, "o", color=_colour("ink"), markersize=6, label="data", zorder=3)
    ax.plot(
        ends,
        [true_w * e for e in ends],
        "--",
        color=_colour("orange"),
        label=f"true line: W = {true_w:g}",
    )
    ax.plot(
        ends, [fitted_w * e for e in ends], color=_colour("blue"), label=fit_label.format(fitted_w)
    )
    residuals_x = [v for xi in xs for v in (xi, xi, math.nan)]
    residuals_y = [v for xi, yi in zip(xs, ys, strict=True) for v in (yi, fitted_w * xi, math.nan)]
    ax.plot(
        residuals_x, residuals_y, color=_colour("grey"), linewidth=1, label="residuals", zorder=2
    )
    ax.set_xlim(*ends)
    ax.set_xlabel("x")
    ax.set_ylabel("y, and H(x) = W · x")
    ax.set_title("Noisy data, the true line and the best fit")
    ax.legend(loc="lower right")  # the data lies around a line through the origin: free corner
    return fig


@_styled
def plot_cost_curve(x: Any, y: Any, w_range: tuple[float, float] = (-1.0, 3.0)) -> Figure:
    """Draw the cost over ``W`` as a curve, with its minimum marked.

    Args:
        x: Inputs, shape (m,) or (m, 1).
        y: Targets, with the shape of ``x``.
        w_range: The interval of ``W`` to draw, ``(low, high)``.

    Returns:
        The figure: the curve ``cost(W)`` from [cost_curve][gd_tutorial.cost_curve]
        (201 points) and a point at the minimum ``W*``.

    Raises:
        TypeError: If an argument has the wrong type.
        ValueError: If the data is invalid or ``w_range`` is not ``low < high``.

    Examples:
        >>> from gd_tutorial import toy_data
        >>> ax = plot_cost_curve(*toy_data()).axes[0]
        >>> ax.get_xlabel(), ax.get_ylabel()
        ('W', 'cost(W)')
    """
    x, y = _checks.data(x, y)
    low, high = _w_range(w_range)
    fig = _figure(3.4)
    ax = fig.add_subplot()
    _draw_cost_curve(ax, x, y, low, high)
    ax.set_title("The cost is a parabola in W")
    ax.legend(loc="upper center")
    return fig


def _draw_cost_curve(
    ax: Any, x: torch.Tensor, y: torch.Tensor, low: float, high: float, star: bool = True
) -> None:
    grid = torch.linspace(low, high, 201, dtype=torch.float64)
    ax.plot(_flat(grid), _flat(cost_curve(grid, x, y)), color=_colour("blue"), label="cost(W)")
    w_star = closed_form_weight(x, y)
    if not star:  # a thin line, so that steps near the minimum stay visible
        ax.axvline(
            w_star, color=_colour("grey"), linestyle=":", linewidth=1.5, label=f"W* = {w_star:g}"
        )
    else:
        best_cost = float(cost_curve(torch.tensor([w_star], dtype=torch.float64), x, y)[0])
        ax.plot(
            [w_star],
            [best_cost],
            "*",
            color=_colour("vermillion"),
            markersize=15,
            zorder=4,
            label=f"minimum: W* = {w_star:g}",
        )
    ax.set_xlim(low, high)
    ax.set_xlabel("W")
    ax.set_ylabel("cost(W)")


@_styled
def plot_descent_path(
    history: History, x: Any, y: Any, w_range: tuple[float, float] | None = None
) -> Figure:
    """Draw the weights ``W0, W1, ...`` of a run as numbered steps on the cost curve.

    Arrows join consecutive steps, so a step that jumps over the minimum and
    comes back shows as a zig-zag. Steps too close to an earlier one to be told
    apart keep their point but lose their number.

    Args:
        history: A run from [gradient_descent][gd_tutorial.gradient_descent] or
            [train_with_optimizer][gd_tutorial.train_with_optimizer] on ``x, y``.
        x: The run's inputs.
        y: The run's targets.
        w_range: The interval of ``W`` to draw; by default it covers every step
            and the minimum.

    Returns:
        The figure. Its line labelled ``"W at each epoch"`` has one point per
        row of ``history``.

    Raises:
        TypeError: If ``history`` is not a History, or an argument has the wrong type.
        ValueError: If the data is invalid, ``history`` is empty, or ``w_range``
            is not ``low < high``.

    Examples:
        >>> from gd_tutorial import gradient_descent, toy_data
        >>> x_train, y_train = toy_data()
        >>> run = gradient_descent(x_train, y_train, lr=0.1, epochs=3, reduction="sum")
        >>> fig = plot_descent_path(run, x_train, y_train)
        >>> steps = [l for l in fig.axes[0].get_lines() if l.get_label() == "W at each epoch"]
        >>> len(steps[0].get_xdata())
        4
    """
    history = _without_bias(_history(history))
    x, y = _checks.data(x, y)
    w_star = closed_form_weight(x, y)
    low, high = _w_range(w_range) if w_range is not None else _span([*history.weights, w_star])
    fig = _figure(3.6)
    ax = fig.add_subplot()
    _draw_cost_curve(ax, x, y, low, high, star=False)
    ws, cs = history.weights, history.costs
    for k in range(len(ws) - 1):
        ax.annotate(
            "",
            xy=(ws[k + 1], cs[k + 1]),
            xytext=(ws[k], cs[k]),
            arrowprops={
                "arrowstyle": "-|>",
                "color": _colour("orange"),
                "lw": 1.4,
                "shrinkA": 4,
                "shrinkB": 4,
            },
            annotation_clip=False,
        )
    ax.plot(ws, cs, "o", color=_colour("ink"), markersize=5.5, zorder=5, label="W at each epoch")
    labelled: list[float] = []
    for k, (w, c) in enumerate(zip(ws, cs, strict=True)):
        if low <= w <= high and all(abs(w - other) > 0.06 * (high - low) for other in labelled):
            labelled.append(w)
            ax.annotate(
                str(k),
                (w, c),
                xytext=(0, 9),
                textcoords="offset points",
                ha="center",
                fontsize=11,
                fontweight="bold",
            )
    ax.set_title(f"Descent path: lr = {history.lr:g}, reduction = '{history.reduction}'")
    ax.legend(loc="upper center")
    return fig


def _without_bias(history: History, name: str = "history") -> History:
    if history.biases is not None:
        raise ValueError(
            f"{name} must be a run without a bias: this figure's cost is over W alone "
            "(plot_paths_w_b draws a run with a bias)"
        )
    return history


def _one_factor(history: History) -> bool:
    """Whether every step of the run multiplies the distance to W* by 1 - lr*L."""
    return history.method in PLAIN_METHODS and history.batch_size is None


def _check_plain_descent(history: History) -> None:
    if history.method not in PLAIN_METHODS:
        raise ValueError(
            "the formula (1 - lr*L)^k holds for plain gradient descent (gradient_descent, or "
            "train_with_optimizer with plain torch.optim.SGD); "
            f"got a run made with {history.method}"
        )
    if history.batch_size is not None:
        raise ValueError(
            "the formula (1 - lr*L)^k holds for full-batch gradient descent; "
            f"got a run with mini-batches of {history.batch_size}"
        )


@_styled
def plot_cost_per_epoch(history: History, x: Any, y: Any, formula: bool = True) -> Figure:
    """Draw a run's cost per epoch on a log scale, with the formula it follows.

    On this cost each step multiplies the distance to the best weight by
    ``1 - lr * L`` (``L`` from [curvature][gd_tutorial.curvature]), so
    ``W_k - W* = (1 - lr*L)^k (W_0 - W*)`` and
    ``cost_k = cost(W*) + mean(x**2) * (W_k - W*)**2``: a straight line on a
    log scale. A cost of exactly 0 cannot be drawn on a log scale and is left out.

    Args:
        history: A run of plain gradient descent on ``x, y``.
        x: The run's inputs.
        y: The run's targets.
        formula: Also draw the formula's cost at each epoch, as a line.

    Returns:
        The figure. Its line labelled ``"computed"`` has one point per positive
        cost in ``history``; the line labelled ``"formula"`` as many.

    Raises:
        TypeError: If ``history`` is not a History, or an argument has the wrong type.
        ValueError: If the data is invalid, ``history`` is empty, or ``formula``
            is asked for a run that was not plain gradient descent.

    Examples:
        >>> from gd_tutorial import gradient_descent, toy_data
        >>> x_train, y_train = toy_data()
        >>> run = gradient_descent(x_train, y_train, lr=0.1, epochs=10, reduction="sum")
        >>> plot_cost_per_epoch(run, x_train, y_train).axes[0].get_yscale()
        'log'
    """
    history = _without_bias(_history(history))
    x, y = _checks.data(x, y)
    if not isinstance(formula, bool):
        raise TypeError(f"formula must be True or False; got {formula!r}")
    fig = _figure(3.6)
    ax = fig.add_subplot()
    epochs = list(range(len(history.costs)))
    shown = [(k, c) for k, c in zip(epochs, history.costs, strict=True) if c > 0]
    ax.plot(
        [k for k, _ in shown],
        [c for _, c in shown],
        "o",
        color=_colour("blue"),
        markersize=7,
        label="computed",
        zorder=3,
    )
    if formula:
        _check_plain_descent(history)
        w_star = closed_form_weight(x, y)
        factor = 1 - history.lr * curvature(x, history.reduction)
        best = float(cost_curve(torch.tensor([w_star], dtype=torch.float64), x, y)[0])
        half_L = curvature(x, "mean") / 2
        predicted = [(k, best + half_L * (factor**k * (history.w0 - w_star)) ** 2) for k in epochs]
        predicted = [(k, c) for k, c in predicted if c > 0]
        ax.plot(
            [k for k, _ in predicted],
            [c for _, c in predicted],
            color=_colour("orange"),
            linewidth=2,
            label="formula",
            zorder=2,
        )
        # Each step multiplies the distance to W* by 1 - lr*L, so the cost above its minimum,
        # which this figure draws, by (1 - lr*L)**2.
        ax.text(
            0.98,
            0.96,
            f"cost \u2212 cost(W*): \u00d7 (1 \u2212 lr·L)\u00b2 = {factor**2:.3g} per step\n"
            f"distance to W*: \u00d7 |1 \u2212 lr·L| = {abs(factor):.3g} per step",
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=10.5,
        )
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("cost (log scale)")
    ax.set_title(f"Cost per epoch: lr = {history.lr:g}, reduction = '{history.reduction}'")
    ax.legend(loc="lower left")
    return fig


@_styled
def plot_learning_rates(
    histories: Sequence[History],
    x: Any,
    y: Any,
    w_limits: tuple[float, float] | None = None,
) -> Figure:
    """Draw ``W`` per epoch for a few runs side by side, on the same axes.

    Each panel's title gives the run's learning rate and what it does on this
    cost: too small (slow), one step to ``W*`` (``lr = 1/L``), oscillates while
    converging (between ``1/L`` and ``2/L``), bounces forever (``2/L``), or diverges.
    Those regimes hold for plain gradient descent; a run made another way (Adam,
    SGD with momentum) is titled with its learning rate and its ``method`` instead.

    Args:
        histories: One to six runs on ``x, y``, one panel each (two per row).
        x: The runs' inputs.
        y: The runs' targets.
        w_limits: The ``W`` axis, ``(low, high)``; by default it covers every run.

    Returns:
        The figure. Panel ``i`` has a line labelled ``"W"`` with one point per
        row of ``histories[i]``, and a dashed line at ``W*``.

    Raises:
        TypeError: If ``histories`` does not hold History objects, or an argument
            has the wrong type.
        ValueError: If the data is invalid, ``histories`` is empty or holds more
            than six runs, or ``w_limits`` is not ``low < high``.

    Examples:
        >>> from gd_tutorial import gradient_descent, toy_data
        >>> x, y = toy_data()
        >>> runs = [gradient_descent(x, y, lr, epochs=10, reduction="sum") for lr in (0.01, 0.1)]
        >>> fig = plot_learning_rates(runs, x, y)
        >>> print(fig.axes[1].get_title())
        lr = 0.1
        oscillates, converges
    """
    if isinstance(histories, (History, str, bytes)) or not isinstance(histories, Sequence):
        raise TypeError("histories must be a list of History objects (one per panel)")
    runs = [
        _without_bias(_history(h, f"histories[{i}]"), f"histories[{i}]")
        for i, h in enumerate(histories)
    ]
    if not 1 <= len(runs) <= 6:
        raise ValueError(f"histories must hold 1 to 6 runs; got {len(runs)}")
    x, y = _checks.data(x, y)
    w_star = closed_form_weight(x, y)
    if w_limits is not None:
        limits = _w_range(w_limits, "w_limits")
    else:
        limits = _span([w_star, *(w for run in runs for w in run.weights)], pad=0.08)
    columns = 1 if len(runs) == 1 else 2
    rows = math.ceil(len(runs) / columns)
    fig = _figure(1.2 + 2.3 * rows)
    axes = fig.subplots(rows, columns, sharex=True, sharey=True, squeeze=False).flatten()
    for ax, run in zip(axes, runs, strict=False):
        L = curvature(x, run.reduction)
        ax.axhline(w_star, color=_colour("grey"), linestyle="--", linewidth=1.2, label="W*")
        ax.plot(
            range(len(run.weights)),
            run.weights,
            "o-",
            color=_colour("blue"),
            markersize=4.5,
            label="W",
        )
        # The regimes follow from plain descent's factor 1 - lr*L; other methods are named.
        plain = _one_factor(run)
        ax.set_title(_regime(run.lr, L) if plain else f"lr = {run.lr:g}\n{run.method}", fontsize=12)
        ax.set_ylim(*limits)
    for ax in axes[len(runs) :]:
        fig.delaxes(ax)
    for ax in axes[: len(runs)]:
        if ax.get_subplotspec().is_last_row() or ax is axes[len(runs) - 1]:
            ax.set_xlabel("epoch")
        if ax.get_subplotspec().is_first_col():
            ax.set_ylabel("W")
    reductions = sorted({run.reduction for run in runs})
    bounds = ", ".join(f"2/L = {max_stable_lr(x, r):.3g} ({r})" for r in reductions)
    fig.suptitle(f"W per epoch. Dashed: W* = {w_star:g}. Bound {bounds}", fontsize=12)
    return fig


def _best_line(xs: torch.Tensor, ys: torch.Tensor) -> tuple[float, float]:
    """The (W, b) of least cost, by the formulas (torch.linalg.lstsq's last bits vary by run).

    ``W = cov(x, y) / var(x)`` and ``b = mean(y) - W * mean(x)``; for a constant ``x`` every
    line through ``(x, mean(y))`` is best, and the one of smallest ``W**2 + b**2`` is taken.
    """
    mean_x, mean_y = float(xs.mean()), float(ys.mean())
    variance = float(((xs - mean_x) ** 2).mean())
    if variance == 0:
        return mean_y * mean_x / (mean_x**2 + 1), mean_y / (mean_x**2 + 1)
    best_w = float(((xs - mean_x) * (ys - mean_y)).mean()) / variance
    return best_w, mean_y - best_w * mean_x


def _widened(limits: tuple[float, float], length: float) -> tuple[float, float]:
    middle = (limits[0] + limits[1]) / 2
    return middle - length / 2, middle + length / 2


def _draw_contours(
    ax: Any,
    xs: torch.Tensor,
    ys: torch.Tensor,
    w_limits: tuple[float, float],
    b_limits: tuple[float, float],
    best_w: float,
    best_b: float,
) -> None:
    """Contour lines of the cost over ``(W, b)``, spaced evenly on a log scale above the minimum.

    They are greys, lighter outwards, so that the coloured paths drawn over them stand out;
    W and b are drawn to the same scale, so the valley shows its true tilt and shape.
    """
    (w_low, w_high), (b_low, b_high) = w_limits, b_limits
    w_grid = torch.linspace(w_low, w_high, 121, dtype=torch.float64)
    b_grid = torch.linspace(b_low, b_high, 121, dtype=torch.float64)
    residual = w_grid.reshape(1, -1, 1) * xs.reshape(1, 1, -1) + b_grid.reshape(-1, 1, 1) - ys
    costs = torch.mean(residual**2, dim=2)  # (b, W)
    best_cost = float(torch.mean((best_w * xs + best_b - ys) ** 2))
    top = float(costs.max()) - best_cost
    low = max(float(costs.min()) - best_cost, top * 3e-4)  # no crowd of tiny rings at the minimum
    levels = [best_cost + low * (top / low) ** (i / 13) for i in range(14)]
    inner, outer = (matplotlib.colors.to_rgb(_colour(k)) for k in ("contour_in", "contour_out"))
    greys = [
        tuple(a + (b - a) * i / 13 for a, b in zip(inner, outer, strict=True)) for i in range(14)
    ]
    ax.contour(
        _flat(w_grid),
        _flat(b_grid),
        costs.tolist(),
        levels=levels,
        colors=greys,
        linewidths=1.0,
        zorder=1,
    )
    ax.set_xlim(w_low, w_high)
    ax.set_ylim(b_low, b_high)
    ax.set_aspect("equal")  # one unit of W is as long as one unit of b
    ax.set_xlabel("W")
    ax.set_ylabel("b")
    ax.grid(False)


@_styled
def plot_mini_batches(full: History, mini: History, x: Any, y: Any) -> Figure:
    """Draw ``W`` against epochs for a full-batch run and a mini-batch run of the same data.

    The full-batch run has one point per epoch. The mini-batch run has one
    point per update, placed at its fraction of an epoch (update ``k`` of a run
    with ``s`` steps per epoch at ``k / s``), so its noisy path shows between
    the epochs. A dashed line marks the best ``W*``.

    Args:
        full: A full-batch run without a bias on ``x, y``.
        mini: A mini-batch run (``batch_size`` given) without a bias on ``x, y``.
        x: The runs' inputs.
        y: The runs' targets.

    Returns:
        The figure, with lines labelled ``"full batch"``, ``"batches of <n>"`` and ``"W*"``.

    Raises:
        TypeError: If a run is not a History, or an argument has the wrong type.
        ValueError: If a run has a bias or is empty, ``full`` has mini-batches,
            ``mini`` has none, or the data is invalid.

    Examples:
        >>> from gd_tutorial import gradient_descent, noisy_data
        >>> x, y = noisy_data(m=20)
        >>> full = gradient_descent(x, y, lr=0.02, epochs=3)
        >>> mini = gradient_descent(x, y, lr=0.02, epochs=3, batch_size=5)
        >>> ax = plot_mini_batches(full, mini, x, y).axes[0]
        >>> [line.get_label() for line in ax.get_lines()]
        ['W*', 'full batch', 'batches of 5']
    """
    full = _without_bias(_history(full, "full"), "full")
    mini = _without_bias(_history(mini, "mini"), "mini")
    if full.batch_size is not None:
        raise ValueError(f"full must be a full-batch run; got batches of {full.batch_size}")
    if mini.batch_size is None:
        raise ValueError("mini must be a run with mini-batches (batch_size given)")
    x, y = _checks.data(x, y)
    w_star = closed_form_weight(x, y)
    fig = _figure(3.6)
    ax = fig.add_subplot()
    ax.axhline(w_star, color=_colour("grey"), linestyle="--", linewidth=1.2, label="W*")
    ax.plot(
        range(len(full.weights)),
        full.weights,
        "o-",
        color=_colour("blue"),
        label="full batch",
        zorder=3,
    )
    steps = [k / mini.steps_per_epoch for k in range(len(mini.weights))]
    ax.plot(
        steps,
        mini.weights,
        ".-",
        color=_colour("vermillion"),
        linewidth=1.3,
        markersize=4,
        label=f"batches of {mini.batch_size}",
        zorder=4,
    )
    ax.set_xlabel("epoch")
    ax.set_ylabel("W")
    ax.set_title(f"W per epoch: lr = {mini.lr:g}, {mini.steps_per_epoch} steps per epoch")
    ax.legend(loc="lower right")
    return fig


@_styled
def plot_paths_w_b(
    runs: Sequence[History],
    x: Any,
    y: Any,
    labels: Sequence[str] | None = None,
    w_range: tuple[float, float] | None = None,
    b_range: tuple[float, float] | None = None,
) -> Figure:
    """Draw runs with a bias as paths over the contour lines of the cost over ``(W, b)``.

    ``W`` and ``b`` are drawn to the same scale, so the valley has its true shape and a
    step that moves both by the same amount points along the diagonal. One run is drawn
    in orange-red; several in grey, orange-red, blue and orange, in that order.

    Args:
        runs: One to four runs with a bias, from the same start, on ``x, y``.
        x: The runs' inputs.
        y: The runs' targets.
        labels: One legend label per run, such as ``"momentum 0.7"``; by default
            ``["path"]`` for a single run (several runs need labels).
        w_range: The ``W`` axis, ``(low, high)``; by default it covers the paths and the minimum.
        b_range: The ``b`` axis, ``(low, high)``; by default likewise.

    Returns:
        The figure. Its line labelled ``labels[i]`` has one point per row of ``runs[i]``
        (every update, for a run with mini-batches).

    Raises:
        TypeError: If ``runs`` does not hold History objects, or an argument has the wrong type.
        ValueError: If a run has no bias, ``runs`` does not hold one to four runs,
            ``labels`` does not match them, the data is invalid, or a range is not
            ``low < high``.

    Examples:
        >>> from gd_tutorial import adam_descent, gradient_descent, toy_data
        >>> x, y = toy_data()
        >>> runs = [gradient_descent(x, y, lr=0.15, epochs=20, b0=0.0),
        ...         adam_descent(x, y, lr=0.1, epochs=20, b0=0.0)]
        >>> ax = plot_paths_w_b(runs, x, y, labels=["plain", "Adam"]).axes[0]
        >>> [line.get_label() for line in ax.get_lines()]
        ['plain', 'Adam', 'start', 'minimum']
        >>> ax.get_aspect()
        1.0
    """
    if isinstance(runs, (History, str, bytes)) or not isinstance(runs, Sequence):
        raise TypeError("runs must be a list of History objects (one per path)")
    runs = [_history(run, f"runs[{i}]") for i, run in enumerate(runs)]
    if not 1 <= len(runs) <= 4:
        raise ValueError(f"runs must hold 1 to 4 runs; got {len(runs)}")
    for i, run in enumerate(runs):
        if run.biases is None:
            raise ValueError(f"runs[{i}] must be a run with a bias (b0 given); got one without")
    if labels is None:
        if len(runs) > 1:
            raise ValueError(f"labels must be given for several runs; got {len(runs)} runs")
        labels = ["path"]
    if isinstance(labels, (str, bytes)) or not isinstance(labels, Sequence):
        raise TypeError("labels must be a list of strings, one per run")
    if len(labels) != len(runs) or not all(isinstance(label, str) for label in labels):
        raise ValueError(f"labels must hold {len(runs)} strings, one per run; got {labels!r}")
    x, y = _checks.data(x, y)
    xs, ys = x.double().flatten(), y.double().flatten()
    best_w, best_b = _best_line(xs, ys)
    weights = [w for run in runs for w in run.weights]
    biases = [b for run in runs for b in run.biases or []]
    w_limits = _w_range(w_range) if w_range is not None else _span([best_w, *weights], 0.1)
    b_limits = (
        _w_range(b_range, "b_range") if b_range is not None else _span([best_b, *biases], 0.1)
    )
    # To scale: the axes' box (about 4.2 in wide) is as tall as the b range is long for the W
    # range, within what a page can show; the shorter range grows (about its middle) to fill it.
    ratio = (b_limits[1] - b_limits[0]) / (w_limits[1] - w_limits[0])
    height = min(max(0.95 + 4.2 * ratio, 3.2), 5.2)
    target = (height - 0.95) / 4.2
    if w_range is None and ratio > target:
        w_limits = _widened(w_limits, (b_limits[1] - b_limits[0]) / target)
    if b_range is None and ratio < target:
        b_limits = _widened(b_limits, (w_limits[1] - w_limits[0]) * target)
    fig = _figure(height)
    ax = fig.add_subplot()
    _draw_contours(ax, xs, ys, w_limits, b_limits, best_w, best_b)
    if len(runs) == 1:
        styles = [("vermillion", "o")]
    else:
        styles = [("grey", "o"), ("vermillion", "^"), ("blue", "s"), ("orange", "D")]
    for run, label, (colour, marker) in zip(runs, labels, styles, strict=False):
        ax.plot(
            run.weights,
            run.biases,
            "-",
            marker=marker,
            color=_colour(colour),
            markersize=3.5,
            linewidth=1.5,
            label=label,
            zorder=3,
        )
    # Above the paths, which start there and end near it.
    start = (runs[0].weights[0], runs[0].biases[0])
    ax.plot(*start, "s", color=_colour("ink"), markersize=7, label="start", zorder=5)
    ax.plot(
        [best_w],
        [best_b],
        "*",
        color=_colour("ink"),
        markeredgecolor=_colour("page"),
        markeredgewidth=1.2,
        markersize=17,
        label="minimum",
        zorder=6,
    )
    lrs = {run.lr for run in runs}
    sizes = {run.batch_size for run in runs}
    epochs = ", ".join(map(str, sorted({run.epochs for run in runs})))
    rate = f"lr = {lrs.pop():g}, " if len(lrs) == 1 else ""
    size = sizes.pop() if len(sizes) == 1 else None
    batches = "" if size is None else f", batches of {size}"
    ax.set_title(f"Cost over (W, b): {rate}{epochs} epochs{batches}")
    ax.legend(loc="lower left")  # across the valley from the paths: only contour lines there
    return fig


# --- The rate map of the page "Why momentum works" -----------------------------------------

_MARK_COLOURS = ("orange", "vermillion", "purple", "blue", "green")
_RATE_LEVELS = (0.72, 0.76, 0.8, 0.84, 0.88, 0.92, 0.96, 1.0)


@_styled
def plot_rate_map(
    curvatures: Any,
    marks: dict[str, tuple[float, float, bool]] | None = None,
    lrs: Any = None,
    momentums: Any = None,
) -> Figure:
    """Draw the rate of momentum over (learning rate, momentum): heavy ball above, Nesterov below.

    Each panel fills the rate per epoch from [rate_map][gd_tutorial.rate_map] (darker is
    faster), greys out where it is 1 or more (the run does not converge), and draws both
    stability bounds, ``lr = 2 (1 + momentum) / lmax`` (heavy ball, solid) and
    ``lr = 2 (1 + momentum) / ((1 + 2 momentum) lmax)`` (Nesterov, dashed), on both panels.
    The heavy-ball panel marks the best pair of [best_momentum][gd_tutorial.best_momentum]
    with a star.

    Args:
        curvatures: The Hessian's eigenvalues, such as ``curvatures(x)``.
        marks: Settings to mark, ``{label: (lr, momentum, nesterov)}``; each is drawn on
            the panel of its rule. By default none.
        lrs: The learning rates of the grid; by default 300 from near 0 to 1.1 times the
            heavy-ball bound at momentum 0.95.
        momentums: The momentums of the grid; by default 191 from 0 to 0.95.

    Returns:
        The figure, with two axes; each mark is a line labelled with its label, the best
        pair is labelled ``"best pair"``, and the bounds ``"heavy-ball bound"`` and
        ``"Nesterov bound"``.

    Raises:
        TypeError: If an argument has the wrong type.
        ValueError: If a value is out of its range.

    Examples:
        >>> from gd_tutorial import curvatures, toy_data
        >>> fig = plot_rate_map(curvatures(toy_data()[0]), {"momentum 0.7": (0.15, 0.7, False)})
        >>> [line.get_label() for line in fig.axes[0].get_lines()]
        ['heavy-ball bound', 'Nesterov bound', 'best pair', 'momentum 0.7']
    """
    from gd_tutorial.rates import _curvature_list, best_momentum, momentum_max_lr, rate_map

    lams = _curvature_list(curvatures)
    steepest = max(lams)
    if lrs is None:
        top = 1.1 * momentum_max_lr(0.95, steepest)
        lrs = torch.linspace(top / 300, top, 300, dtype=torch.float64)
    if momentums is None:
        momentums = torch.linspace(0.0, 0.95, 191, dtype=torch.float64)
    marks = {} if marks is None else marks
    if not isinstance(marks, dict):
        raise TypeError(f"marks must be a dict {{label: (lr, momentum, nesterov)}}; got {marks!r}")
    grids = [rate_map(lrs, momentums, lams, nesterov=n) for n in (False, True)]
    lr_values = [float(v) for v in torch.as_tensor(lrs).flatten()]
    mu_values = [float(v) for v in torch.as_tensor(momentums).flatten()]
    fig = Figure(figsize=(_WIDTH, 6.0), layout="constrained")
    axes = fig.subplots(2, 1, sharex=True)
    bound_mus = torch.linspace(0.0, max(mu_values), 100, dtype=torch.float64).tolist()
    best_lr, best_mu = best_momentum(lams)
    filled = None
    for ax, grid, nesterov in zip(axes, grids, (False, True), strict=True):
        rates = grid.tolist()
        filled = ax.contourf(
            lr_values,
            mu_values,
            rates,
            levels=list(_RATE_LEVELS),
            cmap="viridis",
            extend="min",
            alpha=0.75 if _THEME.get()[0] == "dark" else 1.0,  # no bright card on a dark page
        )
        ax.contourf(
            lr_values, mu_values, rates, levels=[1.0, float("inf")], colors=[_colour("frame")]
        )
        for bound_nesterov, style in ((False, "-"), (True, "--")):
            bounds = [momentum_max_lr(mu, lams, nesterov=bound_nesterov) for mu in bound_mus]
            name = "Nesterov bound" if bound_nesterov else "heavy-ball bound"
            ax.plot(bounds, bound_mus, style, color=_colour("ink"), linewidth=1.4, label=name)
        if not nesterov:
            ax.plot(
                [best_lr],
                [best_mu],
                "*",
                color=_colour("page"),
                markeredgecolor=_colour("ink"),
                markersize=15,
                label="best pair",
            )
        styles = iter([(_colour(c), m) for c, m in zip(_MARK_COLOURS, "o^Dsv", strict=True)])
        for label, (lr, mu, on_nesterov) in marks.items():
            colour, marker = next(styles, (_colour("ink"), "o"))
            if bool(on_nesterov) == nesterov:
                ax.plot(
                    [lr],
                    [mu],
                    marker,
                    color=colour,
                    markeredgecolor=_colour("ink"),
                    markersize=8,
                    label=label,
                )
        ax.set_xlim(min(lr_values), max(lr_values))
        ax.set_ylim(min(mu_values), max(mu_values))
        ax.set_ylabel("momentum")
        ax.set_title("Nesterov: rate per epoch" if nesterov else "Heavy ball: rate per epoch")
        ax.grid(False)
    axes[1].set_xlabel("learning rate")
    handles: dict[str, Any] = {}
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            handles.setdefault(label, handle)
    fig.legend(
        list(handles.values()), list(handles), loc="outside lower center", ncol=2, fontsize=9.5
    )
    fig.colorbar(filled, ax=list(axes), label="rate per epoch (grey: 1 or more)", shrink=0.8)
    return fig


# --- Runs on a cost over one parameter, with several minima -----------------------------------

_BASIN_COLOURS = ("blue", "orange", "green", "vermillion", "purple")
_RUN_STYLES = (
    ("grey", "o"),
    ("vermillion", "^"),
    ("blue", "s"),
    ("orange", "D"),
    ("green", "v"),
    ("purple", "P"),
    ("ink", "<"),
    ("grey", ">"),
)


def _curve(ws: Any, costs: Any) -> tuple[list[float], list[float]]:
    grid = _checks.as_float_tensor(ws, "ws", torch.float64)  # lists: no rounding to float32
    if grid.dim() != 1 or grid.shape[0] < 3:
        raise ValueError(f"ws must be a 1-D sequence of at least 3 values; got {tuple(grid.shape)}")
    _checks.check_finite(grid, "ws")
    values = _checks.as_float_tensor(costs, "costs", torch.float64)
    if values.shape != grid.shape:
        raise ValueError(
            f"costs must have the shape of ws, {tuple(grid.shape)}; got {tuple(values.shape)}"
        )
    _checks.check_finite(values, "costs")
    xs, cs = _flat(grid), _flat(values)
    if any(b <= a for a, b in itertools.pairwise(xs)):
        raise ValueError("ws must be strictly increasing")
    return xs, cs


def _runs_on_curve(runs: Any) -> list[tuple[list[float], list[float]]]:
    if isinstance(runs, (str, bytes, torch.Tensor)) or not isinstance(runs, Sequence):
        raise TypeError("runs must be a list of pairs (weights, costs), one pair per run")
    if not 1 <= len(runs) <= 8:
        raise ValueError(f"runs must hold 1 to 8 runs; got {len(runs)}")
    checked = []
    for i, run in enumerate(runs):
        name = f"runs[{i}]"
        if isinstance(run, (str, bytes)) or not isinstance(run, Sequence) or len(run) != 2:
            raise TypeError(f"{name} must be a pair (weights, costs); got {type(run).__name__}")
        weights, costs = (
            _checks.as_float_tensor(part, f"{name}[{k}]", torch.float64).flatten()
            for k, part in enumerate(run)
        )
        if weights.numel() == 0 or weights.shape != costs.shape:
            raise ValueError(
                f"{name} must hold as many costs as weights, at least one; "
                f"got {weights.numel()} weights and {costs.numel()} costs"
            )
        _checks.check_finite(weights, f"{name}[0]")
        _checks.check_finite(costs, f"{name}[1]")
        checked.append((_flat(weights), _flat(costs)))
    return checked


def _extremes(xs: list[float], cs: list[float]) -> tuple[list[int], list[int]]:
    """The indices of the curve's interior local minima and local maxima (strict)."""
    minima = [i for i in range(1, len(cs) - 1) if cs[i] < cs[i - 1] and cs[i] < cs[i + 1]]
    maxima = [i for i in range(1, len(cs) - 1) if cs[i] > cs[i - 1] and cs[i] > cs[i + 1]]
    return minima, maxima


@_styled
def plot_runs_on_cost(
    ws: Any,
    costs: Any,
    runs: Sequence[tuple[Any, Any]],
    labels: Sequence[str] | None = None,
    epochs: int | None = None,
    name: str = "w",
    title: str | None = None,
) -> Figure:
    """Draw a cost over one parameter with its minima and bumps, and runs of descent on it.

    The upper panel draws the curve ``cost(w)``, marks each local minimum with a star and
    each bump (local maximum) with a triangle, both labelled with their ``w``, and draws each
    run's points along the curve: one dot per epoch, a hollow circle at its start and a
    filled one at its end. The lower panel, on the same ``w`` axis, draws each run's ``w``
    per epoch, epoch 0 at the top, so a run that crosses a bump crosses its dotted line.
    The minima and bumps are found on the sampled curve: a point lower (higher) than both
    its neighbours.

    Without labels, each run is drawn in the colour of the minimum its last point is
    nearest to, so runs that end in the same dip share a colour; with labels, each run has
    its own colour and marker and a legend entry.

    Args:
        ws: The parameter's values where the cost was computed, strictly increasing.
        costs: The cost at each value of ``ws``.
        runs: One to eight runs, each a pair ``(weights, costs)``: the parameter at each
            epoch, the start first, and the cost there.
        labels: One legend label per run; by default runs are coloured by their minimum.
        epochs: How many epochs the lower panel shows; by default all of the longest run.
        name: The parameter's name on the axes, such as ``"w"``.
        title: The upper panel's title; by default none.

    Returns:
        The figure, with two axes. The upper one has the lines ``"cost(<name>)"`` (the
        curve), ``"minimum"`` and ``"bump"`` (one point each), one line per run labelled
        ``labels[i]`` (or ``"run i"``) with a point per epoch shown, and two scatter
        collections with the gids ``"start"`` and ``"end"`` (one point per run); the lower
        one has a line per run with the same label, ``w`` against the epoch.

    Raises:
        TypeError: If an argument has the wrong type.
        ValueError: If ``ws`` is not strictly increasing, ``costs`` does not match it,
            ``runs`` does not hold one to eight pairs of equal lengths, a value is not
            finite, ``labels`` does not match ``runs``, or ``epochs`` is below 1.

    Examples:
        >>> import torch
        >>> ws = torch.arange(-20, 21) / 10  # w from -2 to 2 in steps of 0.1
        >>> costs = (ws**2 - 1) ** 2  # two minima, at -1 and 1, and a bump at 0
        >>> runs = [([-1.5, -1.2, -1.05], [1.5625, 0.1936, 0.0105]), ([0.5, 0.8], [0.5625, 0.1296])]
        >>> upper, lower = plot_runs_on_cost(ws, costs, runs).axes
        >>> line = {item.get_label(): item for item in upper.get_lines()}
        >>> line["minimum"].get_xdata().tolist(), line["bump"].get_xdata().tolist()
        ([-1.0, 1.0], [0.0])
        >>> [item.get_label() for item in lower.get_lines()][-2:]
        ['run 0', 'run 1']
    """
    xs, cs = _curve(ws, costs)
    paths = _runs_on_curve(runs)
    if labels is not None:
        if isinstance(labels, (str, bytes)) or not isinstance(labels, Sequence):
            raise TypeError("labels must be a list of strings, one per run")
        if len(labels) != len(paths) or not all(isinstance(label, str) for label in labels):
            raise ValueError(f"labels must hold {len(paths)} strings, one per run; got {labels!r}")
    longest = max(len(weights) for weights, _ in paths) - 1
    shown = longest if epochs is None else _checks.whole_number(epochs, "epochs", minimum=1)
    if not isinstance(name, str) or not name:
        raise TypeError(f"name must be a non-empty string; got {name!r}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a string; got {type(title).__name__}")
    minima, bumps = _extremes(xs, cs)
    fig = _figure(5.6)
    upper, lower = fig.subplots(2, 1, sharex=True, height_ratios=[1.0, 1.1])
    upper.plot(xs, cs, color=_colour("ink"), linewidth=1.6, label=f"cost({name})", zorder=2)
    for ax in (upper, lower):
        for i in bumps:
            ax.axvline(xs[i], color=_colour("grey"), linestyle=":", linewidth=1.3, zorder=1)
    styles = []
    for k, (weights, _) in enumerate(paths):
        if labels is not None:
            colour, marker = _RUN_STYLES[k]
        elif minima:
            nearest = min(range(len(minima)), key=lambda j: abs(xs[minima[j]] - weights[-1]))
            colour, marker = _BASIN_COLOURS[nearest % len(_BASIN_COLOURS)], "o"
        else:
            colour, marker = _BASIN_COLOURS[k % len(_BASIN_COLOURS)], "o"
        styles.append((_colour(colour), marker))
    run_handles = []
    for k, ((weights, run_costs), (colour, marker)) in enumerate(zip(paths, styles, strict=True)):
        label = labels[k] if labels is not None else f"run {k}"
        upper.plot(
            weights[: shown + 1],
            run_costs[: shown + 1],
            linestyle="none",
            marker=marker,
            markersize=3.5,
            color=colour,
            label=label,
            zorder=3,
        )
        (handle,) = lower.plot(
            weights[: shown + 1],
            range(len(weights[: shown + 1])),
            "-",
            marker=marker,
            markersize=2.5,
            linewidth=1.4,
            color=colour,
            label=label,
            zorder=3,
        )
        run_handles.append(handle)
    starts = [(weights[0], run_costs[0]) for weights, run_costs in paths]
    ends = [(weights[-1], run_costs[-1]) for weights, run_costs in paths]
    edge = [colour for colour, _ in styles]
    upper.scatter(
        [w for w, _ in starts],
        [c for _, c in starts],
        s=55,
        facecolors=_colour("page"),
        edgecolors=edge,
        linewidths=1.6,
        zorder=5,
        gid="start",
    )
    upper.scatter(  # under the minimum's star: a ring of the run's colour around it
        [w for w, _ in ends],
        [c for _, c in ends],
        s=210,
        c=edge,
        edgecolors=_colour("page"),
        linewidths=1.0,
        zorder=6,
        gid="end",
    )
    (minimum,) = upper.plot(
        [xs[i] for i in minima],
        [cs[i] for i in minima],
        "*",
        color=_colour("ink"),
        markeredgecolor=_colour("page"),
        markeredgewidth=1.0,
        markersize=12,
        linestyle="none",
        label="minimum",
        zorder=7,
    )
    (bump,) = upper.plot(
        [xs[i] for i in bumps],
        [cs[i] for i in bumps],
        "^",
        color=_colour("grey"),
        markersize=8,
        linestyle="none",
        label="bump",
        zorder=4,
    )
    top = max(cs)
    for i in minima:
        upper.annotate(
            f"{xs[i]:.2f}",
            (xs[i], cs[i]),
            xytext=(0, -10),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=10.5,
            color=_colour("ink"),
        )
    for i in bumps:
        upper.annotate(
            f"{xs[i]:.2f}",
            (xs[i], cs[i]),
            xytext=(0, 9),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=10.5,
            color=_colour("grey"),
        )
    upper.set_ylim(min(cs) - 0.3 * (top - min(cs)), top + 0.25 * (top - min(cs)))
    margin = 0.02 * (xs[-1] - xs[0])  # a start or an end at the edge stays whole
    upper.set_xlim(xs[0] - margin, xs[-1] + margin)
    upper.set_ylabel(f"cost({name})")
    if title is not None:
        upper.set_title(title)
    lower.set_ylim(shown + 0.5, -0.5)  # epoch 0 at the top
    lower.set_xlabel(name)
    lower.set_ylabel("epoch")
    lower.set_title(
        f"{name} per epoch"
        + (f": the first {shown} of {longest} epochs" if shown < longest else "")
    )
    # The legend's start and end: one proxy each for the runs' circles, in ink.
    marks = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markersize=7,
            markerfacecolor=_colour("page"),
            markeredgecolor=_colour("ink"),
            label="start",
        ),
        Line2D(
            [], [], marker="o", linestyle="none", markersize=7, color=_colour("ink"), label="end"
        ),
        minimum,
        bump,
    ]
    handles = marks + (run_handles if labels is not None else [])
    fig.legend(
        handles,
        [h.get_label() for h in handles],
        loc="outside lower center",
        ncol=4 if labels is None else 2,
        fontsize=10.5,
    )
    return fig
