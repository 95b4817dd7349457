"""Tests for gd_tutorial.core: the model, its cost, the hand-written gradient and the bounds.

torch itself (autograd, torch.nn.functional, torch.linalg) is the independent reference.
"""

from __future__ import annotations

import re

import pytest
import torch
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gd_tutorial
from gd_tutorial import (
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

PROPERTY = settings(max_examples=100, deadline=None)
VALUES = st.floats(min_value=-10, max_value=10, allow_nan=False, allow_infinity=False)


@st.composite
def data_sets(draw: st.DrawFn, shape_2d: bool | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """A float64 data set (x, y) of 1 to 20 samples, shape (m,) or (m, 1)."""
    m = draw(st.integers(min_value=1, max_value=20))
    x = torch.tensor(draw(st.lists(VALUES, min_size=m, max_size=m)), dtype=torch.float64)
    y = torch.tensor(draw(st.lists(VALUES, min_size=m, max_size=m)), dtype=torch.float64)
    if shape_2d is None:
        shape_2d = draw(st.booleans())
    if shape_2d:
        x, y = x.reshape(m, 1), y.reshape(m, 1)
    return x, y


def autograd_gradient(W: float, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """d mse / dW computed by torch's autograd on the plain torch expression."""
    weight = torch.tensor(W, dtype=x.dtype, requires_grad=True)
    cost = torch.mean((weight * x - y) ** 2)
    (gradient,) = torch.autograd.grad(cost, weight)
    return gradient


def autograd_second_derivative(x: torch.Tensor) -> float:
    """d^2 mse / dW^2 computed by torch's autograd (double backward)."""
    x = x.double()
    weight = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
    cost = torch.mean((weight * x - 2 * x) ** 2)
    (gradient,) = torch.autograd.grad(cost, weight, create_graph=True)
    (second,) = torch.autograd.grad(gradient, weight)
    return second.item()


def gradient_scale(W: float, x: torch.Tensor, y: torch.Tensor) -> float:
    """The size of the terms summed in the gradient, to scale absolute tolerances."""
    x, y = x.double(), y.double()
    return float(2 * torch.mean(torch.abs((W * x - y) * x))) + 1.0


# --- toy_data -------------------------------------------------------------------------------


def test_toy_data_is_the_lessons_float32_column_of_1_2_3():
    x_train, y_train = toy_data()
    expected = torch.tensor([[1.0], [2.0], [3.0]], dtype=torch.float32)
    assert x_train.dtype == y_train.dtype == torch.float32
    assert torch.equal(x_train, expected)
    assert torch.equal(y_train, expected)


def test_toy_data_returns_fresh_tensors_each_call():
    x_train, _ = toy_data()
    x_train[0, 0] = 100.0
    x_again, _ = toy_data()
    assert x_again[0, 0].item() == 1.0


# --- noisy_data -----------------------------------------------------------------------------


def test_noisy_data_is_the_true_line_plus_noise_drawn_from_one_seeded_generator():
    # The recipe written out with torch: x first, then the standard normal noise.
    generator = torch.Generator().manual_seed(7)
    x_expected = 5 * torch.rand(12, 1, generator=generator)
    e = torch.randn(12, 1, generator=generator)
    x, y = noisy_data(m=12, true_w=-1.5, noise=0.5, seed=7)
    assert x.shape == y.shape == (12, 1)
    assert x.dtype == y.dtype == torch.float32
    assert torch.equal(x, x_expected)
    assert torch.equal(y, -1.5 * x_expected + 0.5 * e)


def test_noisy_data_repeats_for_a_seed_and_changes_with_it():
    first, again, other = noisy_data(seed=3), noisy_data(seed=3), noisy_data(seed=4)
    assert torch.equal(first[0], again[0]) and torch.equal(first[1], again[1])
    assert not torch.equal(first[0], other[0])


def test_noisy_data_does_not_touch_the_global_random_state():
    torch.manual_seed(0)
    expected = torch.rand(3)
    torch.manual_seed(0)
    noisy_data(seed=5)
    assert torch.equal(torch.rand(3), expected)


def test_noisy_data_without_noise_lies_on_the_line_and_its_best_cost_is_0():
    x, y = noisy_data(m=30, true_w=2.0, noise=0.0)
    assert torch.equal(y, 2.0 * x)
    W = closed_form_weight(x, y)
    assert closed_form_weight(x, y) == pytest.approx(2.0, rel=1e-7)
    assert mse(hypothesis(x, W), y).item() == pytest.approx(0.0, abs=1e-10)


def test_noisy_data_inputs_lie_between_0_and_5():
    x, _ = noisy_data(m=1000, seed=1)
    assert x.min().item() >= 0 and x.max().item() < 5


def test_noisy_datas_cost_at_the_true_w_is_the_mean_squared_noise_and_best_w_is_below_it():
    # y - true_w * x is the noise itself, so cost(true_w) = mean(noise**2). The best W
    # minimises the cost, so cost(W*) can only be lower: it fits a little of the noise.
    x, y = noisy_data(m=20, true_w=2.0, noise=1.0, seed=0)
    generator = torch.Generator().manual_seed(0)
    torch.rand(20, 1, generator=generator)
    noise = torch.randn(20, 1, generator=generator)
    at_true_w = mse(hypothesis(x, 2.0), y).item()
    assert at_true_w == pytest.approx(torch.mean(noise**2).item(), rel=1e-5)
    best = mse(hypothesis(x, closed_form_weight(x, y)), y).item()
    assert 0 < best < at_true_w


def test_noisy_datas_mean_squared_noise_approaches_the_noise_variance_for_many_samples():
    x, y = noisy_data(m=100_000, true_w=2.0, noise=0.5, seed=0)
    assert mse(hypothesis(x, 2.0), y).item() == pytest.approx(0.25, rel=0.02)
    assert closed_form_weight(x, y) == pytest.approx(2.0, abs=0.01)


def test_noisy_datas_remaining_cost_is_on_average_the_variance_times_m_minus_1_over_m():
    # The noisy-data page: the one weight absorbs about one sample's share of the noise.
    m, noise = 5, 1.5
    costs = []
    for seed in range(4000):
        x, y = noisy_data(m=m, true_w=2.0, noise=noise, seed=seed)
        costs.append(mse(hypothesis(x, closed_form_weight(x, y)), y).item())
    assert sum(costs) / len(costs) == pytest.approx(noise**2 * (m - 1) / m, rel=0.03)


def test_noisy_data_doubling_the_noise_doubles_w_star_minus_true_w_and_quadruples_the_cost():
    # The noisy-data page, exercises 2 and 4: the same seed gives the same x and noise draws.
    x1, y1 = noisy_data(m=20, true_w=2.0, noise=1.0, seed=0)
    x2, y2 = noisy_data(m=20, true_w=2.0, noise=2.0, seed=0)
    assert torch.equal(x1, x2)
    assert max_stable_lr(x1) == max_stable_lr(x2)
    w1, w2 = closed_form_weight(x1, y1), closed_form_weight(x2, y2)
    assert w2 - 2.0 == pytest.approx(2 * (w1 - 2.0), rel=1e-5)
    cost1 = mse(hypothesis(x1, w1), y1).item()
    cost2 = mse(hypothesis(x2, w2), y2).item()
    assert cost2 == pytest.approx(4 * cost1, rel=1e-5)


# --- hypothesis -----------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(3,), (3, 1)])
def test_hypothesis_multiplies_x_by_w_and_keeps_the_shape_of_x(shape):
    x = torch.tensor([1.0, -2.0, 3.5]).reshape(shape)
    prediction = hypothesis(x, 2.5)
    assert prediction.shape == torch.Size(shape)
    assert torch.equal(prediction, x * 2.5)


@pytest.mark.parametrize("W", [torch.tensor(2.5), torch.tensor([2.5]), torch.tensor([[2.5]])])
def test_hypothesis_accepts_a_weight_tensor_of_shape_0d_1_or_1x1(W):
    x, _ = toy_data()
    prediction = hypothesis(x, W)
    assert prediction.shape == (3, 1)
    assert torch.equal(prediction, x * 2.5)


def test_hypothesis_adds_the_bias_when_given():
    x, _ = toy_data()
    assert torch.equal(hypothesis(x, 2.0, b=0.5), x * 2.0 + 0.5)
    assert torch.equal(hypothesis(x, 2.0, b=torch.tensor([0.5])), x * 2.0 + 0.5)


def test_hypothesis_lets_autograd_follow_w_and_b():
    x, y = toy_data()
    W = torch.tensor(0.5, requires_grad=True)
    b = torch.tensor(0.25, requires_grad=True)
    torch.mean((hypothesis(x, W, b) - y) ** 2).backward()

    W_ref = torch.tensor(0.5, requires_grad=True)
    b_ref = torch.tensor(0.25, requires_grad=True)
    torch.mean((x * W_ref + b_ref - y) ** 2).backward()
    assert W.grad.item() == W_ref.grad.item()
    assert b.grad.item() == b_ref.grad.item()


def test_hypothesis_reads_a_python_float_weight_at_the_float64_precision_of_x():
    x = torch.tensor([[0.1], [0.2], [0.3]], dtype=torch.float64)
    prediction = hypothesis(x, 0.1)
    assert prediction.dtype == torch.float64
    assert torch.equal(prediction, x * torch.tensor(0.1, dtype=torch.float64))


def test_hypothesis_converts_a_list_of_ints_to_float():
    prediction = hypothesis([1, 2, 3], 2)
    assert prediction.dtype == torch.float32
    assert torch.equal(prediction, torch.tensor([2.0, 4.0, 6.0]))


# --- mse ------------------------------------------------------------------------------------


def test_mse_on_toy_data_at_w_0_is_14_over_3_as_torch_mse_loss():
    x, y = toy_data()
    cost = mse(hypothesis(x, 0.0), y)
    assert cost.shape == ()
    assert cost.item() == torch.nn.functional.mse_loss(torch.zeros(3, 1), y).item()
    assert cost.item() == pytest.approx(14 / 3, rel=1e-7)


def test_mse_is_zero_at_the_best_weight_1_on_toy_data():
    x, y = toy_data()
    assert mse(hypothesis(x, 1.0), y).item() == 0.0


@PROPERTY
@given(data=data_sets(), W=VALUES)
def test_mse_equals_torch_mse_loss(data, W):
    x, y = data
    prediction = x * W
    expected = torch.nn.functional.mse_loss(prediction, y)
    torch.testing.assert_close(mse(prediction, y), expected, rtol=1e-12, atol=1e-12)


def test_mse_is_differentiable_by_autograd():
    x, y = toy_data()
    W = torch.tensor(0.0, requires_grad=True)
    mse(hypothesis(x, W), y).backward()
    assert W.grad.item() == autograd_gradient(0.0, x, y).item()


def test_mse_refuses_a_column_against_a_flat_vector_instead_of_broadcasting():
    message = (
        "prediction and target must have the same shape; got (3,) and (3, 1) "
        "(unequal shapes would broadcast and give a wrong cost)"
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        mse(torch.zeros(3), torch.zeros(3, 1))


def test_mse_refuses_empty_tensors():
    message = "prediction and target must hold at least one value; got empty tensors"
    with pytest.raises(ValueError, match=re.escape(message)):
        mse(torch.zeros(0), torch.zeros(0))


def test_mse_of_lists_and_int_tensors_equals_mse_of_float_tensors():
    expected = mse(torch.tensor([1.0, 2.0, 4.0]), torch.tensor([1.0, 3.0, 1.0]))
    assert expected.item() == pytest.approx(10 / 3, rel=1e-7)
    assert torch.equal(mse([1, 2, 4], [1, 3, 1]), expected)
    assert torch.equal(mse(torch.tensor([1, 2, 4]), torch.tensor([1, 3, 1])), expected)


def test_mse_reads_a_list_at_the_dtype_of_a_float64_tensor():
    target = torch.tensor([0.1, 0.2], dtype=torch.float64)
    cost = mse([0.3, 0.7], target)
    assert cost.dtype == torch.float64
    expected = torch.mean((torch.tensor([0.3, 0.7], dtype=torch.float64) - target) ** 2)
    assert torch.equal(cost, expected)


# --- mse_gradient ---------------------------------------------------------------------------


@PROPERTY
@given(data=data_sets(), W=VALUES)
def test_mean_gradient_equals_autograd_of_mse_in_float64(data, W):
    x, y = data
    expected = autograd_gradient(W, x, y)
    actual = mse_gradient(torch.tensor(W, dtype=torch.float64), x, y, "mean")
    scale = gradient_scale(W, x, y)
    assert actual.dtype == torch.float64
    torch.testing.assert_close(actual, expected, rtol=1e-12, atol=1e-13 * scale)


@PROPERTY
@given(data=data_sets(), W=VALUES)
def test_mean_gradient_of_a_python_float_weight_equals_autograd_in_float64(data, W):
    x, y = data
    expected = autograd_gradient(W, x, y)
    scale = gradient_scale(W, x, y)
    torch.testing.assert_close(mse_gradient(W, x, y), expected, rtol=1e-12, atol=1e-13 * scale)


@PROPERTY
@given(data=data_sets(), W=VALUES)
def test_mean_gradient_equals_autograd_of_mse_in_float32(data, W):
    x, y = data[0].float(), data[1].float()
    expected = autograd_gradient(W, x, y)
    actual = mse_gradient(torch.tensor(W, dtype=torch.float32), x, y, "mean")
    scale = gradient_scale(W, x, y)
    assert actual.dtype == torch.float32
    torch.testing.assert_close(actual, expected, rtol=1e-5, atol=1e-5 * scale)


@PROPERTY
@given(data=data_sets(), W=VALUES)
def test_sum_gradient_equals_mean_gradient_times_m_over_2(data, W):
    x, y = data
    m = x.shape[0]
    mean_gradient = mse_gradient(W, x, y, "mean")
    sum_gradient = mse_gradient(W, x, y, "sum")
    scale = gradient_scale(W, x, y) * m
    torch.testing.assert_close(sum_gradient, mean_gradient * m / 2, rtol=1e-12, atol=1e-13 * scale)


def test_gradient_on_toy_data_at_w_0_is_minus_28_over_3_for_mean_and_minus_14_for_sum():
    x, y = toy_data()
    # float32: the hand-written and the autograd gradient differ only in the last bits
    assert mse_gradient(0.0, x, y).item() == pytest.approx(
        autograd_gradient(0.0, x, y).item(), rel=1e-6
    )
    assert mse_gradient(0.0, x, y).item() == pytest.approx(-28 / 3, rel=1e-7)
    assert mse_gradient(0.0, x, y, reduction="sum").item() == -14.0


@pytest.mark.parametrize("W", [0.5, torch.tensor(0.5), torch.tensor([0.5]), torch.tensor([[0.5]])])
def test_gradient_has_the_shape_of_w(W):
    x, y = toy_data()
    gradient = mse_gradient(W, x, y)
    expected_shape = W.shape if isinstance(W, torch.Tensor) else ()
    assert gradient.shape == expected_shape
    assert gradient.reshape(()).item() == pytest.approx(
        autograd_gradient(0.5, x, y).item(), rel=1e-6
    )


def test_gradient_of_lists_and_int_tensors_equals_gradient_of_float_tensors():
    x, y = toy_data()
    expected = mse_gradient(0.5, x, y)
    assert torch.equal(mse_gradient(0.5, [[1], [2], [3]], [[1], [2], [3]]), expected)
    as_ints = torch.tensor([[1], [2], [3]])
    assert torch.equal(mse_gradient(0.5, as_ints, as_ints), expected)


# --- cost_curve -----------------------------------------------------------------------------


@PROPERTY
@given(data=data_sets(), weights=st.lists(VALUES, min_size=1, max_size=30))
def test_cost_curve_equals_mse_of_each_weight_one_at_a_time(data, weights):
    x, y = data
    curve = cost_curve(torch.tensor(weights, dtype=torch.float64), x, y)
    expected = torch.stack([mse(hypothesis(x, W), y) for W in weights])
    assert curve.shape == (len(weights),)
    assert curve.dtype == torch.float64
    torch.testing.assert_close(curve, expected, rtol=1e-12, atol=1e-12)


def test_cost_curve_on_toy_data_is_a_parabola_with_minimum_0_at_w_1():
    x, y = toy_data()
    weights = torch.linspace(-1.0, 3.0, 9)
    curve = cost_curve(weights, x, y)
    assert curve.shape == (9,)
    expected = torch.stack([mse(hypothesis(x, W), y) for W in weights])
    assert torch.equal(curve, expected)
    assert curve[4].item() == 0.0  # W = 1
    assert torch.equal(curve, curve.flip(0))  # symmetric about W = 1


def test_cost_curve_accepts_a_list_of_weights_and_flat_data():
    curve = cost_curve([0, 1, 2], [1, 2, 3], [1, 2, 3])
    x, y = toy_data()
    assert torch.equal(curve, cost_curve(torch.tensor([0.0, 1.0, 2.0]), x, y))


@pytest.mark.parametrize(
    ("weights", "shape"),
    [(torch.zeros(2, 2), (2, 2)), (torch.tensor(1.0), ()), (torch.zeros(0), (0,))],
)
def test_cost_curve_refuses_weights_that_are_not_a_non_empty_1d_tensor(weights, shape):
    x, y = toy_data()
    message = f"weights must be a non-empty 1-D tensor of candidate W values; got shape {shape}"
    with pytest.raises(ValueError, match=re.escape(message)):
        cost_curve(weights, x, y)


def test_cost_curve_refuses_nan_weights():
    x, y = toy_data()
    message = "weights must contain only finite numbers; found NaN or infinity"
    with pytest.raises(ValueError, match=re.escape(message)):
        cost_curve(torch.tensor([0.0, float("nan")]), x, y)


# --- curvature and max_stable_lr ------------------------------------------------------------


def test_curvature_on_toy_data_is_28_over_3_for_mean_and_14_for_sum():
    x, _ = toy_data()
    assert curvature(x) == pytest.approx(autograd_second_derivative(x), rel=1e-12)
    assert curvature(x) == pytest.approx(28 / 3, rel=1e-12)
    assert curvature(x, reduction="sum") == 14.0


def test_curvature_sum_is_the_second_derivative_of_half_the_summed_squared_error():
    # The course's gradient sum((W*x - y) * x) is the derivative of sum((W*x - y)**2) / 2.
    x, y = (t.double() for t in toy_data())
    half_sum = torch.autograd.functional.hessian(
        lambda W: torch.sum((W * x - y) ** 2) / 2, torch.tensor(0.3, dtype=torch.float64)
    )
    assert curvature(x, reduction="sum") == half_sum.item() == 14.0


@PROPERTY
@given(data=data_sets())
def test_curvature_equals_the_autograd_second_derivative_of_mse(data):
    x, _ = data
    m = x.shape[0]
    second = autograd_second_derivative(x)
    assert curvature(x) == pytest.approx(second, rel=1e-12)
    assert curvature(x, "sum") == pytest.approx(second * m / 2, rel=1e-12)


@PROPERTY
@given(data=data_sets(), W=VALUES, step=VALUES)
def test_gradient_is_a_straight_line_in_w_with_slope_curvature(data, W, step):
    x, y = data
    for reduction in ("mean", "sum"):
        change = mse_gradient(W + step, x, y, reduction) - mse_gradient(W, x, y, reduction)
        scale = gradient_scale(W, x, y) * x.shape[0] + abs(step) * curvature(x, reduction)
        assert change.item() == pytest.approx(
            step * curvature(x, reduction), rel=1e-9, abs=1e-12 * scale
        )


def test_max_stable_lr_on_toy_data_is_3_over_14_for_mean_and_1_over_7_for_sum():
    x, _ = toy_data()
    assert max_stable_lr(x) == pytest.approx(2 / autograd_second_derivative(x), rel=1e-12)
    assert max_stable_lr(x) == pytest.approx(3 / 14, rel=1e-12)
    assert max_stable_lr(x, "sum") == 2 / 14


@PROPERTY
@given(data=data_sets())
def test_max_stable_lr_is_2_over_the_autograd_second_derivative(data):
    x, _ = data
    second = autograd_second_derivative(x)
    assume(second > 1e-100)
    m = x.shape[0]
    assert max_stable_lr(x) == pytest.approx(2 / second, rel=1e-12)
    assert max_stable_lr(x, "sum") == pytest.approx(2 / (second * m / 2), rel=1e-12)


def test_max_stable_lr_refuses_all_zero_x():
    message = "x must not be all zeros: the cost is then flat in W and has no bound"
    with pytest.raises(ValueError, match=re.escape(message)):
        max_stable_lr(torch.zeros(3, 1))


def test_curvature_of_all_zero_x_is_0():
    assert curvature(torch.zeros(3)) == 0.0


def test_curvature_refuses_empty_x_without_mentioning_a_y():
    message = "x must hold at least one sample; got shape (0, 1)"
    with pytest.raises(ValueError, match=re.escape(message)):
        curvature(torch.zeros(0, 1))


def test_curvature_and_max_stable_lr_refuse_an_unknown_reduction():
    x, _ = toy_data()
    message = "reduction must be one of 'mean', 'sum'; got 'total'"
    with pytest.raises(ValueError, match=re.escape(message)):
        curvature(x, "total")
    with pytest.raises(ValueError, match=re.escape(message)):
        max_stable_lr(x, "total")


# --- curvatures over (W, b) -------------------------------------------------------------------


def autograd_hessian_w_b(x: torch.Tensor) -> torch.Tensor:
    """The 2x2 matrix of second derivatives of mse over (W, b), by torch's autograd."""
    x = x.double().flatten()
    y = torch.zeros_like(x)

    def cost(params: torch.Tensor) -> torch.Tensor:
        return torch.mean((params[0] * x + params[1] - y) ** 2)

    return torch.autograd.functional.hessian(cost, torch.tensor([0.5, -0.5], dtype=torch.float64))


@PROPERTY
@given(data=data_sets())
def test_curvatures_are_the_eigenvalues_of_the_autograd_hessian_over_w_and_b(data):
    x, _ = data
    expected = torch.linalg.eigvalsh(autograd_hessian_w_b(x)).tolist()
    smallest, largest = curvatures(x)
    assert largest == pytest.approx(expected[1], rel=1e-12)
    assert smallest == pytest.approx(expected[0], rel=1e-9, abs=1e-13 * largest)
    assert max_stable_lr(x, bias=True) == pytest.approx(2 / expected[1], rel=1e-12)
    m = x.shape[0]
    assert curvatures(x, "sum") == pytest.approx((smallest * m / 2, largest * m / 2), rel=1e-12)


def test_curvatures_of_the_toy_data_give_a_valley_46_times_steeper_across_than_along():
    x, _ = toy_data()
    smallest, largest = curvatures(x)
    # 2 * [[14/3, 2], [2, 1]]: trace 34/3, determinant 4 * variance = 8/3.
    assert smallest + largest == pytest.approx(34 / 3, rel=1e-12)
    assert smallest * largest == pytest.approx(8 / 3, rel=1e-12)
    assert (round(smallest, 4), round(largest, 4)) == (0.2404, 11.0929)
    assert round(largest / smallest, 1) == 46.1
    assert round(max_stable_lr(x, bias=True), 6) == 0.180295
    assert round(1 - 0.15 * smallest, 4) == 0.9639  # the factor along the valley at lr = 0.15


def test_curvatures_of_all_zero_x_are_0_along_w_and_2_along_b():
    assert curvatures(torch.zeros(3)) == (0.0, 2.0)
    assert max_stable_lr(torch.zeros(3), bias=True) == 1.0


# --- closed_form_weight ---------------------------------------------------------------------


def test_closed_form_weight_on_toy_data_is_exactly_1():
    x, y = toy_data()
    assert closed_form_weight(x, y) == 1.0


@PROPERTY
@given(data=data_sets())
def test_closed_form_weight_equals_torch_lstsq(data):
    x, y = data
    assume(float(torch.sum(x * x)) > 1e-6)
    expected = torch.linalg.lstsq(x.reshape(-1, 1), y.reshape(-1, 1)).solution.item()
    assert closed_form_weight(x, y) == pytest.approx(expected, rel=1e-9, abs=1e-9)


@PROPERTY
@given(data=data_sets())
def test_gradient_is_zero_at_the_closed_form_weight(data):
    x, y = data
    assume(float(torch.sum(x * x)) > 1e-6)
    W = closed_form_weight(x, y)
    scale = gradient_scale(W, x, y)
    assert mse_gradient(W, x, y).item() == pytest.approx(0.0, abs=1e-12 * scale)


def test_closed_form_weight_computes_in_float64_for_float32_data():
    x = torch.tensor([1.0, 2.0, 3.0])
    y = torch.tensor([1.0, 1.0, 1.0])
    assert closed_form_weight(x, y) == 6 / 14


def test_closed_form_weight_refuses_all_zero_x():
    message = "x must not be all zeros: every W then gives the same cost"
    with pytest.raises(ValueError, match=re.escape(message)):
        closed_form_weight(torch.zeros(3, 1), torch.ones(3, 1))


def test_docstrings_say_what_is_meant_about_seeds_bounds_and_curvatures():
    """Issue 16: phrases that said the opposite of what was meant must not come back."""
    assert "the same for every seed" not in gd_tutorial.noisy_data.__doc__
    assert "largest learning rate for which" not in gd_tutorial.max_stable_lr.__doc__
    assert "The bound itself is not" in gd_tutorial.max_stable_lr.__doc__
    assert "28/3" in gd_tutorial.curvature.__doc__ and "14" in gd_tutorial.curvature.__doc__
    x, _ = gd_tutorial.toy_data()
    assert gd_tutorial.curvature(x) == pytest.approx(28 / 3, rel=1e-12)
    assert gd_tutorial.curvature(x, "sum") == 14


# --- several inputs: x of shape (m, n) ----------------------------------------------------------

SEVERAL = st.floats(min_value=-5, max_value=5, allow_nan=False, allow_infinity=False)


@st.composite
def several_input_data(draw: st.DrawFn) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Float64 x (m, n), y (m,) and a weight vector (n,), for 2 to 5 inputs."""
    m, n = draw(st.integers(1, 12)), draw(st.integers(2, 5))
    tensor = lambda count: torch.tensor(  # noqa: E731
        draw(st.lists(SEVERAL, min_size=count, max_size=count)), dtype=torch.float64
    )
    return tensor(m * n).reshape(m, n), tensor(m), tensor(n)


@PROPERTY
@given(
    data=several_input_data(),
    b0=st.none() | SEVERAL,
    reduction=st.sampled_from(["mean", "sum"]),
)
def test_the_matrix_gradient_2_over_m_xt_times_the_residual_equals_autograds(data, b0, reduction):
    x, y, w = data
    run = gd_tutorial.gradient_descent(x, y, 0.1, 0, w0=w.tolist(), b0=b0, reduction=reduction)
    W = w.clone().requires_grad_(True)
    b = torch.tensor(0.0 if b0 is None else b0, dtype=torch.float64, requires_grad=True)
    residual = x @ W + b - y
    cost = torch.mean(residual**2) if reduction == "mean" else torch.sum(residual**2) / 2
    cost.backward()
    assert run.gradients[0] == pytest.approx(tuple(W.grad.tolist()), rel=1e-9, abs=1e-9)
    if b0 is not None:
        assert run.bias_gradients[0] == pytest.approx(b.grad.item(), rel=1e-9, abs=1e-9)
    matrix = (2 / x.shape[0] if reduction == "mean" else 1) * x.T @ residual.detach()
    assert run.gradients[0] == pytest.approx(tuple(matrix.tolist()), rel=1e-9, abs=1e-9)
    assert run.costs[0] == pytest.approx(torch.mean(residual.detach() ** 2).item(), rel=1e-12)


def autograd_hessian(x: torch.Tensor, bias: bool, reduction: str) -> torch.Tensor:
    """The Hessian of the cost over (W, b), by autograd: the reference for curvatures."""
    m, n = x.shape
    y = torch.zeros(m, dtype=torch.float64)

    def cost(params: torch.Tensor) -> torch.Tensor:
        prediction = x @ params[:n] + (params[n] if bias else 0.0)
        squares = (prediction - y) ** 2
        return torch.mean(squares) if reduction == "mean" else torch.sum(squares) / 2

    return torch.autograd.functional.hessian(cost, torch.zeros(n + bias, dtype=torch.float64))


@PROPERTY
@given(data=several_input_data(), reduction=st.sampled_from(["mean", "sum"]))
def test_curvatures_of_several_inputs_are_the_eigenvalues_of_autograds_hessian(data, reduction):
    x, _, _ = data
    expected = torch.linalg.eigvalsh(autograd_hessian(x, True, reduction)).tolist()
    values = curvatures(x, reduction)
    assert len(values) == x.shape[1] + 1
    assert list(values) == sorted(values)
    scale = max(1.0, abs(expected[-1]))
    assert values == pytest.approx(tuple(expected), rel=1e-9, abs=1e-9 * scale)


@PROPERTY
@given(data=several_input_data(), bias=st.booleans(), reduction=st.sampled_from(["mean", "sum"]))
def test_max_stable_lr_of_several_inputs_is_2_over_the_largest_eigenvalue(data, bias, reduction):
    x, _, _ = data
    largest = torch.linalg.eigvalsh(autograd_hessian(x, bias, reduction)).max().item()
    assume(largest > 1e-6)
    assert max_stable_lr(x, reduction, bias=bias) == pytest.approx(2 / largest, rel=1e-9)


def test_curvatures_of_one_input_given_as_a_column_are_the_same_pair_as_before():
    x, _ = toy_data()
    assert curvatures(x) == curvatures(x.flatten())
    assert len(curvatures(x)) == 2


@PROPERTY
@given(data=several_input_data(), bias=st.booleans())
def test_closed_form_weights_of_several_inputs_zero_the_gradient(data, bias):
    x, y, _ = data
    design = torch.cat([x, torch.ones(x.shape[0], 1, dtype=x.dtype)], 1) if bias else x
    assume(torch.linalg.svdvals(design).min() > 1e-3 * torch.linalg.svdvals(design).max())
    assume(design.shape[0] >= design.shape[1])
    best = closed_form_weight(x, y, bias=bias)
    assert len(best) == x.shape[1] + bias
    solution = torch.tensor(best, dtype=torch.float64)
    gradient = design.T @ (design @ solution - y)
    assert gradient.abs().max().item() < 1e-8 * max(1.0, float((design.T @ y).abs().max()))


def test_closed_form_weight_refuses_inputs_that_do_not_pin_down_one_minimiser():
    x = torch.tensor([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]])  # the second input is twice the first
    message = (
        "the columns of x are linearly dependent: many weights give the same least cost, "
        "so there is no single minimiser"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        closed_form_weight(x, torch.ones(3))
    constant = torch.tensor([[1.0], [1.0], [1.0]])
    with pytest.raises(ValueError, match="and a column of ones \\(the bias\\) are linearly"):
        closed_form_weight(constant, torch.ones(3, 1), bias=True)
    with pytest.raises(TypeError, match=r"^bias must be True or False; got 1$"):
        closed_form_weight(x, torch.ones(3), bias=1)


def test_closed_form_weight_with_a_bias_on_one_input_is_the_least_squares_line():
    x, y = gd_tutorial.noisy_data()
    weight, b = closed_form_weight(x, y, bias=True)
    xs, ys = x.double().flatten(), y.double().flatten()
    slope = ((xs - xs.mean()) * (ys - ys.mean())).sum() / ((xs - xs.mean()) ** 2).sum()
    assert weight == pytest.approx(slope.item(), rel=1e-9)
    assert b == pytest.approx((ys.mean() - slope * xs.mean()).item(), rel=1e-9, abs=1e-12)
