"""web/bindings.py: what each card shows for what was typed, as plain data."""
import json

import numpy as np
import pytest
import scipy.special

import bindings

EXAMPLES = {
    "basic_sigmoid": {"x": "1"},
    "sigmoid": {"x": "[1, 2, 3]"},
    "sigmoid_derivative": {"x": "[1, 2, 3]"},
    "image2vector": {"image": "[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]"},
    "normalize_rows": {"x": "[[0, 3, 4], [1, 6, 4]]"},
    "softmax": {"x": "[[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]]"},
    "l1": {"yhat": "[.9, 0.2, 0.1, .4, .9]", "y": "[1, 0, 0, 1, 1]"},
    "l2": {"yhat": "[.9, 0.2, 0.1, .4, .9]", "y": "[1, 0, 0, 1, 1]"},
}


@pytest.mark.parametrize("op", EXAMPLES)
def test_every_operation_gives_text_value_plot_and_a_text_alternative(op):
    shown = bindings.evaluate(op, EXAMPLES[op])
    assert set(shown) == {"text", "value", "plot", "alt", "note"}
    assert shown["text"] and shown["note"] is None
    assert shown["plot"]["panels"], "something to draw"
    assert len(shown["alt"]) > 30
    json.dumps(shown, allow_nan=False)  # plain data the page can take as JSON


def test_the_text_is_what_numpy_prints_and_the_value_is_full_precision():
    shown = bindings.evaluate("sigmoid", {"x": "[1, 2, 3]"})
    assert shown["text"] == "[0.73105858 0.88079708 0.95257413]"
    np.testing.assert_allclose(shown["value"], scipy.special.expit([1.0, 2.0, 3.0]), rtol=1e-15)
    assert bindings.evaluate("l2", EXAMPLES["l2"])["text"] == "0.43"


@pytest.mark.parametrize("op, inputs, field, fragment", [
    ("sigmoid", {"x": "[1, 2"}, "x", "]"),
    ("basic_sigmoid", {"x": "[1, 2]"}, "x", "math.exp"),
    ("image2vector", {"image": "[1, 2]"}, "image", "(2,)"),
    ("normalize_rows", {"x": "[1, 2]"}, "x", "(2,)"),
    ("l1", {"yhat": "[1, 2]", "y": "oops"}, "y", "oops"),
    ("l1", {"yhat": "[1, 2]", "y": "[[1], [2]]"}, "y", "(2, 1)"),
    ("l2", {"yhat": "", "y": "[1]"}, "yhat", "empty"),
    ("l1", {"yhat": "[[[1]]]", "y": "[[[1]]]"}, "yhat", "(1, 1, 1)"),
    ("softmax", {"x": "[[]]"}, "x", "empty"),
    ("image2vector", {"image": "[[[]]]"}, "image", "empty"),
    ("sigmoid", {"x": "[]"}, "x", "empty"),
])
def test_a_problem_is_reported_for_the_field_it_is_in(op, inputs, field, fragment):
    shown = bindings.evaluate(op, inputs)
    assert shown["error"]["field"] == field
    assert fragment in shown["error"]["message"]


def test_an_overflowing_result_says_it_is_not_finite_and_stays_valid_json():
    shown = bindings.evaluate("l2", {"yhat": "[0]", "y": "[1e200]"})
    assert shown["text"] == "inf"
    assert shown["value"] == "inf"
    assert "not finite" in shown["note"]
    json.loads(bindings.evaluate_json("l2", json.dumps({"yhat": "[0]", "y": "[1e200]"})))


def test_sigmoid_curve_widens_to_show_inputs_far_out():
    panel = bindings.evaluate("sigmoid", {"x": "[-50, 3]"})["plot"]["panels"][0]
    curve = panel["series"][0]["x"]
    assert curve[0] <= -50 and curve[-1] >= 6
    assert panel["series"][1]["x"] == [-50.0, 3.0]


def test_image_heat_maps_and_column_share_one_colour_range():
    plot = bindings.evaluate("image2vector", EXAMPLES["image2vector"])["plot"]
    ranges = {tuple(panel["range"]) for panel in plot["panels"]}
    assert ranges == {(1.0, 8.0)}
    assert [p["type"] for p in plot["panels"]] == ["heatmap", "heatmap", "strip"]
    assert plot["panels"][-1]["values"] == [1, 2, 3, 4, 5, 6, 7, 8]


def test_an_image_with_many_channels_draws_a_few_and_says_so():
    shown = bindings.evaluate("image2vector", {"image": "[[" + "[" + ", ".join(["0.5"] * 40) + "]]]"})
    assert len(shown["plot"]["panels"]) == bindings.MAX_PANELS + 1
    assert f"first {bindings.MAX_PANELS} channels" in shown["alt"]


def test_normalize_rows_plot_states_each_rows_norm_before_and_after():
    plot = bindings.evaluate("normalize_rows", EXAMPLES["normalize_rows"])["plot"]
    assert plot["panels"][0]["note"] == "‖row‖ 5 → 1"


def test_big_inputs_are_drawn_in_part_and_the_text_alternative_says_so():
    rows = "; ".join(" ".join("1" for _ in range(100)) for _ in range(10))
    shown = bindings.evaluate("softmax", {"x": rows})
    assert len(shown["plot"]["panels"]) == 2 * bindings.MAX_PANELS
    assert len(shown["plot"]["panels"][0]["categories"]) == bindings.MAX_BARS
    assert f"first {bindings.MAX_PANELS} rows" in shown["alt"]


def test_loss_plot_shows_each_elements_error_and_the_total():
    panel = bindings.evaluate("l1", EXAMPLES["l1"])["plot"]["panels"][0]
    np.testing.assert_allclose(panel["series"][0]["values"], [0.1, 0.2, 0.1, 0.6, 0.1])
    assert panel["note"] == "total = 1.1"


def test_sources_are_the_packages_own_code():
    sources = bindings.sources()
    assert set(sources) == set(EXAMPLES)
    assert sources["l1"].startswith("def L1(")


def test_an_unknown_card_is_a_programming_error():
    with pytest.raises(KeyError):
        bindings.evaluate("tanh", {})
