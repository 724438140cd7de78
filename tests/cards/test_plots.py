"""web/cards/plots.py: what each card draws for the package's result, and the sentence
that describes it (the spec's form is checked against SPEC.md in tests/plot/test_spec.py)."""

import numpy as np

from web import catalogue
from web.cards import bindings, plots


def test_sigmoid_curve_widens_to_show_inputs_far_out():
    panel = bindings.evaluate("sigmoid", {"x": "[-50, 3]"})["plot"]["panels"][0]
    curve = panel["series"][0]["x"]
    assert curve[0] <= -50 and curve[-1] >= 6
    assert panel["series"][1]["x"] == [-50.0, 3.0]


def test_image_heat_maps_and_column_share_one_colour_range():
    plot = bindings.evaluate("image2vector", {"image": "[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]"})["plot"]
    ranges = {tuple(panel["range"]) for panel in plot["panels"]}
    assert ranges == {(1.0, 8.0)}
    assert [p["type"] for p in plot["panels"]] == ["heatmap", "heatmap", "strip"]
    assert plot["panels"][-1]["values"] == [1, 2, 3, 4, 5, 6, 7, 8]


def test_an_image_with_many_channels_draws_a_few_and_says_so():
    shown = bindings.evaluate("image2vector", {"image": "[[" + "[" + ", ".join(["0.5"] * 40) + "]]]"})
    assert len(shown["plot"]["panels"]) == plots.MAX_PANELS + 1
    assert f"first {plots.MAX_PANELS} channels" in shown["alt"]


def test_normalize_rows_plot_states_each_rows_norm_before_and_after():
    plot = bindings.evaluate("normalize_rows", catalogue.examples("normalize_rows"))["plot"]
    assert plot["panels"][0]["note"] == "‖row‖ 5 → 1"


def test_big_inputs_are_drawn_in_part_and_the_text_alternative_says_so():
    rows = "; ".join(" ".join("1" for _ in range(100)) for _ in range(10))
    shown = bindings.evaluate("softmax", {"x": rows})
    assert len(shown["plot"]["panels"]) == 2 * plots.MAX_PANELS
    assert len(shown["plot"]["panels"][0]["categories"]) == plots.MAX_BARS
    assert f"first {plots.MAX_PANELS} rows" in shown["alt"]


def test_loss_plot_shows_each_elements_term_and_states_the_total():
    panel = bindings.evaluate("l1", catalogue.examples("l1"))["plot"]["panels"][0]
    np.testing.assert_allclose(panel["series"][0]["values"], [0.1, 0.2, 0.1, 0.6, 0.1])
    assert panel["note"] == "L1 = sum = 1.1"
    squares = bindings.evaluate("l2", catalogue.examples("l2"))["plot"]["panels"][0]
    np.testing.assert_allclose(squares["series"][0]["values"], [0.01, 0.04, 0.01, 0.36, 0.01])
    assert squares["note"] == "L2 = sum = 0.43"


def test_loss_plot_of_column_vectors_labels_each_example_and_states_the_courses_total():
    shown = bindings.evaluate("l1", {"yhat": "[[.9], [.2], [.1], [.4], [.9]]", "y": "[[1], [0], [0], [1], [1]]"})
    assert shown["text"] == "1.1"
    panel = shown["plot"]["panels"][0]
    assert panel["categories"] == ["[0, 0]", "[1, 0]", "[2, 0]", "[3, 0]", "[4, 0]"]
    assert panel["note"] == "L1 = sum = 1.1" and "1.1" in shown["alt"]


def test_a_loss_of_many_elements_draws_the_first_and_says_how_many():
    yhat = "[" + ", ".join(["0.5"] * 100) + "]"
    shown = bindings.evaluate("l2", {"yhat": yhat, "y": yhat})
    panel = shown["plot"]["panels"][0]
    assert len(panel["categories"]) == plots.MAX_BARS
    assert panel["title"] == f"first {plots.MAX_BARS} of 100 terms"
    assert f"first {plots.MAX_BARS} of 100 elements" in shown["alt"]


def test_softmax_probability_sums_are_over_the_whole_row_and_a_partial_row_says_so():
    row = " ".join(str(i % 7) for i in range(300))
    shown = bindings.evaluate("softmax", {"x": f"{row}; {row}"})
    panel = shown["plot"]["panels"][1]
    assert panel["note"] == "row sum = 1"
    assert panel["title"] == f"row 0: probabilities (first {plots.MAX_BARS} of 300 columns)"
    assert f"first {plots.MAX_BARS} of 300 columns" in shown["alt"]


def test_normalize_rows_plot_states_the_norm_of_rows_of_tiny_numbers():
    shown = bindings.evaluate("normalize_rows", {"x": "[[3e-200, 4e-200], [0, 0]]"})
    assert [p["note"] for p in shown["plot"]["panels"]] == ["‖row‖ 5e-200 → 1", "‖row‖ 0 → 0"]
