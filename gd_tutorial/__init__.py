"""gd_tutorial: the small, tested package behind the gradient descent tutorial.

Every number, log line and figure on the site is computed by these functions.
"""

from gd_tutorial.core import (
    closed_form_weight,
    cost_curve,
    curvature,
    curvatures,
    hypothesis,
    max_stable_lr,
    mse,
    mse_gradient,
    noisy_data,
    toy_data,
)
from gd_tutorial.descent import (
    DivergenceWarning,
    History,
    adagrad_descent,
    adam_descent,
    gradient_descent,
    momentum_descent,
    rmsprop_descent,
    train_with_optimizer,
)
from gd_tutorial.rates import (
    best_lr,
    best_momentum,
    damping,
    descent_rate,
    epochs_to_shrink,
    momentum_matrix,
    momentum_max_lr,
    momentum_rate,
    rate_map,
)
from gd_tutorial.schedules import cosine_schedule, step_schedule, warmup_schedule

__version__ = "0.1.0"  # the one place the version is written; see CHANGELOG.md

__all__ = [
    "DivergenceWarning",
    "History",
    "adagrad_descent",
    "adam_descent",
    "best_lr",
    "best_momentum",
    "closed_form_weight",
    "cosine_schedule",
    "cost_curve",
    "curvature",
    "curvatures",
    "damping",
    "descent_rate",
    "epochs_to_shrink",
    "gradient_descent",
    "hypothesis",
    "max_stable_lr",
    "momentum_descent",
    "momentum_matrix",
    "momentum_max_lr",
    "momentum_rate",
    "mse",
    "mse_gradient",
    "noisy_data",
    "rate_map",
    "rmsprop_descent",
    "step_schedule",
    "toy_data",
    "train_with_optimizer",
    "warmup_schedule",
]
