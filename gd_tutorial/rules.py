"""The update rules, written by hand: the parameters and their gradients in, new parameters out.

Each rule is a function that builds a step with its own state (a velocity, running averages),
a few lines each, as ``torch.optim`` keeps one file per optimizer. The one loop in
[descent][gd_tutorial.descent] calls a rule once per update with the parameters, their
gradients on the batch and that epoch's learning rate (``lr`` times the schedule's factor).
Each rule takes exactly the steps of its ``torch.optim`` optimizer with default settings
otherwise; the tests check every step against it.

Example:
    >>> import torch
    >>> step = adagrad()
    >>> W = [torch.tensor(0.0)]
    >>> W = step(W, [torch.tensor(-2.0)], 0.5)  # sum of squares 4: a step of 0.5 * 2 / 2
    >>> W = step(W, [torch.tensor(-2.0)], 0.5)  # sum 8: a step of 0.5 * 2 / sqrt(8)
    >>> [round(w.item(), 4) for w in W]
    [0.8536]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch

Params = list[torch.Tensor]  # [W] or [W, b]; W is 0-d for one input, of shape (n,) for n
# A rule takes the parameters, their gradients and this update's learning rate, and returns
# the new parameters.
Rule = Callable[[Params, Params, float], Params]


def plain() -> Rule:
    """Gradient descent, ``torch.optim.SGD``: ``p = p - lr * g``.

    Returns:
        The rule.

    Example:
        >>> [w.item() for w in plain()([torch.tensor(1.0)], [torch.tensor(4.0)], 0.25)]
        [0.0]
    """

    def update(params: Params, grads: Params, lr: float) -> Params:
        return [p - lr * g for p, g in zip(params, grads, strict=True)]

    return update


def momentum(momentum: float, nesterov: bool) -> Rule:
    """``torch.optim.SGD(momentum=..., nesterov=...)``: a velocity that remembers past gradients.

    The first velocity is the gradient itself, then ``v = momentum * v + g``.
    The step is ``p = p - lr * v``; Nesterov's looks ahead: ``p = p - lr * (g + momentum * v)``.

    Args:
        momentum: How much of the velocity each update keeps.
        nesterov: Whether to take Nesterov's step.

    Returns:
        The rule, with its velocity.

    Example:
        >>> step, W = momentum(0.5, nesterov=False), [torch.tensor(0.0)]
        >>> W = step(W, [torch.tensor(-1.0)], 0.1)  # v = -1
        >>> [round(w.item(), 4) for w in step(W, [torch.tensor(-1.0)], 0.1)]  # v = -1.5
        [0.25]
    """
    velocity: list[Any] = [None, None]  # one per parameter: W, b

    def update(params: Params, grads: Params, lr: float) -> Params:
        new = []
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            velocity[i] = g if velocity[i] is None else momentum * velocity[i] + g
            step = g + momentum * velocity[i] if nesterov else velocity[i]
            new.append(p - lr * step)
        return new

    return update


def adam(betas: tuple[float, float], eps: float) -> Rule:
    """``torch.optim.Adam``: a step of about ``lr`` per parameter, whatever its gradient's scale.

    ``m`` and ``v`` are running averages of the gradient and of its square.
    Both start at 0, so at update ``t`` (counted from 1) they are divided by
    ``1 - beta ** t`` to correct that start; the step is ``lr * m_hat / (sqrt(v_hat) + eps)``.

    Args:
        betas: ``(beta1, beta2)``, how much of ``m`` and ``v`` each update keeps.
        eps: Added to ``sqrt(v_hat)``.

    Returns:
        The rule, with its averages and its count of updates.

    Example:
        >>> step = adam((0.9, 0.999), 1e-8)
        >>> [round(w.item(), 6) for w in step([torch.tensor(0.0)], [torch.tensor(-3.0)], 0.1)]
        [0.1]
    """
    beta1, beta2 = betas
    m: list[Any] = [0.0, 0.0]  # one per parameter: W, b
    v: list[Any] = [0.0, 0.0]
    t = 0

    def update(params: Params, grads: Params, lr: float) -> Params:
        nonlocal t
        t += 1
        new = []
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * g * g
            m_hat, v_hat = m[i] / (1 - beta1**t), v[i] / (1 - beta2**t)
            new.append(p - lr * m_hat / (v_hat.sqrt() + eps))
        return new

    return update


def adagrad(eps: float = 1e-10) -> Rule:
    """``torch.optim.Adagrad``: each parameter's step divided by the root of all its squares.

    The sum of the squared gradients starts at 0 (``initial_accumulator_value=0``) and
    only grows, ``s = s + g * g``; the step is ``lr * g / (sqrt(s) + eps)``. So the steps
    only ever shrink for a steady gradient: the ``k``-th is about ``lr / sqrt(k)``.

    Args:
        eps: Added to ``sqrt(s)``.

    Returns:
        The rule, with its sums.

    Example:
        >>> step = adagrad()
        >>> [round(w.item(), 6) for w in step([torch.tensor(0.0)], [torch.tensor(-3.0)], 0.1)]
        [0.1]
    """
    sums: list[Any] = [0.0, 0.0]  # one per parameter: W, b

    def update(params: Params, grads: Params, lr: float) -> Params:
        new = []
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            sums[i] = sums[i] + g * g
            new.append(p - lr * g / (torch.sqrt(sums[i]) + eps))
        return new

    return update


def rmsprop(alpha: float = 0.99, eps: float = 1e-8) -> Rule:
    """``torch.optim.RMSprop``: each step divided by the root of a running average of squares.

    The average starts at 0 and forgets: ``a = alpha * a + (1 - alpha) * g * g``; the step is
    ``lr * g / (sqrt(a) + eps)``. It is Adam without the average of the gradient itself
    (momentum) and without the correction of the start (``centered=False``, ``momentum=0``).

    Args:
        alpha: How much of the average each update keeps.
        eps: Added to ``sqrt(a)``.

    Returns:
        The rule, with its averages.

    Example:
        >>> step = rmsprop()  # a = 0.01 * g**2: the first step is lr / sqrt(0.01) = 10 * lr
        >>> [round(w.item(), 6) for w in step([torch.tensor(0.0)], [torch.tensor(-3.0)], 0.1)]
        [1.0]
    """
    averages: list[Any] = [0.0, 0.0]  # one per parameter: W, b

    def update(params: Params, grads: Params, lr: float) -> Params:
        new = []
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            averages[i] = alpha * averages[i] + (1 - alpha) * g * g
            new.append(p - lr * g / (torch.sqrt(averages[i]) + eps))
        return new

    return update
