"""gd_tutorial: the small, tested package behind the gradient descent tutorial.

Every number, log line and figure on the site is computed by these functions.
"""

from gd_tutorial.core import (
    closed_form_weight,
    cost_curve,
    curvature,
    hypothesis,
    max_stable_lr,
    mse,
    mse_gradient,
    toy_data,
)
from gd_tutorial.descent import (
    BiasHistory,
    DivergenceWarning,
    History,
    gradient_descent,
    gradient_descent_with_bias,
    train_with_optimizer,
)

__version__ = "0.1.0"  # the one place the version is written; see CHANGELOG.md

__all__ = [
    "BiasHistory",
    "DivergenceWarning",
    "History",
    "closed_form_weight",
    "cost_curve",
    "curvature",
    "gradient_descent",
    "gradient_descent_with_bias",
    "hypothesis",
    "max_stable_lr",
    "mse",
    "mse_gradient",
    "toy_data",
    "train_with_optimizer",
]
