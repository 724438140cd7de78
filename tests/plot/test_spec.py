"""The plot spec contract (web/plot/SPEC.md): every spec the bindings produce, for every
catalogue example and for edge inputs, is valid against the tables of SPEC.md."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from doc_tables import Types, is_number, read_tables
from web import catalogue
from web.cards import bindings, timing

SPEC_MD = Path(__file__).resolve().parents[2] / "web" / "plot" / "SPEC.md"


SCHEMA = {
    name: {row["key"]: (row["type"], row["required"] == "yes") for row in rows}
    for name, rows in read_tables(SPEC_MD.read_text("utf-8")).items()
    if "key" in rows[0]
}
PANEL_KINDS = {table["type"][0].strip('"'): name for name, table in SCHEMA.items() if name.startswith("panel ")}


def _panel(value, where, _check):
    """A panel is checked as the kind its ``type`` names."""
    if not isinstance(value, dict) or value.get("type") not in PANEL_KINDS:
        return [f"{where}: a panel's type must be one of {sorted(PANEL_KINDS)}"]
    return PANEL_KINDS[value["type"]]


problems = Types(
    SCHEMA,
    simple={
        "[number, number]": lambda v: isinstance(v, list) and len(v) == 2 and all(is_number(x) for x in v),
        "colour": lambda v: isinstance(v, str) or (isinstance(v, int) and not isinstance(v, bool)),
    },
    special={"panel": _panel},
).problems


def test_spec_md_describes_the_spec_every_panel_kind_and_their_parts():
    assert set(PANEL_KINDS) == {"xy", "bars", "heatmap", "strip"}
    for name in ("spec", "legend-item", "xy-series", "bar-series"):
        assert SCHEMA[name], name
    every_kind = {kind for table in SCHEMA.values() for kind, _ in table.values()}
    named = {part for kind in every_kind for part in re.split(r" or |list of ", kind) if part}
    assert named <= set(SCHEMA) | {
        "panel",
        "number",
        "integer",
        "string",
        "boolean",
        "null",
        "colour",
        "[number, number]",
    } | {k for k in named if k.startswith('"')}


def test_the_validator_refuses_what_the_spec_does_not_allow():
    good = {"panels": [{"type": "bars", "categories": ["a"], "series": [{"label": "s", "color": 0, "values": [1]}]}]}
    assert problems(good, "spec", "spec") == []
    assert problems({"panels": [{"type": "pie"}]}, "spec", "spec")
    assert problems({"panels": [{"type": "xy", "y": [0, 1], "series": []}]}, "spec", "spec")  # y is a series' data
    assert problems({"panels": [{"type": "strip", "values": [math.inf]}]}, "spec", "spec")
    assert problems({"legend": []}, "spec", "spec")  # panels are required


def test_an_xy_panel_may_have_log_axes_and_labels_beside_its_points():
    series = {"label": "NumPy", "color": 0, "kind": "points", "x": [10, 100], "y": [1e-6, 2e-6]}
    panel = {"type": "xy", "xScale": "log", "yScale": "linear", "series": [{**series, "labels": ["\u00d7120", None]}]}
    assert problems({"panels": [panel]}, "spec", "spec") == []
    assert problems({"panels": [{**panel, "yScale": "ln"}]}, "spec", "spec")
    assert problems({"panels": [{**panel, "series": [{**series, "labels": [120, None]}]}]}, "spec", "spec")
    assert problems({"panels": [{"type": "bars", "yScale": "log", "categories": [], "series": []}]}, "spec", "spec")


EDGE_INPUTS = {
    "basic_sigmoid": [{"x": "-1000"}],
    "sigmoid": [{"x": "[[-1000, 0], [1000, 3]]"}, {"x": "5"}],
    "sigmoid_derivative": [{"x": "[[-1000, 0], [1000, 3]]"}],
    "image2vector": [{"image": "[[[1]]]"}, {"image": "[[[" + ", ".join(["0.5"] * 8) + "]]]"}],
    "normalize_rows": [{"x": "[[0, 0], [1e-320, 0]]"}, {"x": "; ".join(["1 2 3"] * 9)}],
    "softmax": [{"x": "[1000, -1000]"}, {"x": " ".join(["1"] * 80)}],
    "l1": [{"yhat": "[[1], [2]]", "y": "[[0], [0]]"}, {"yhat": "[0]", "y": "[1e300]"}],
    "l2": [{"yhat": "[[1, 2]]", "y": "[[0, 0]]"}, {"yhat": "[0]", "y": "[1e200]"}],
}


def cases():
    for op in catalogue.OPERATIONS:
        name = op["name"]
        yield pytest.param(name, catalogue.examples(name), id=f"{name}-example")
        for i, inputs in enumerate(EDGE_INPUTS.get(name, [])):
            yield pytest.param(name, inputs, id=f"{name}-edge{i}")


@pytest.mark.parametrize("op, inputs", cases())
def test_every_plot_the_bindings_produce_is_valid_against_spec_md(op, inputs):
    shown = bindings.evaluate(op, inputs)
    assert "error" not in shown, shown
    assert problems(shown["plot"], "spec", "spec") == []


def test_every_timing_plot_is_valid_against_spec_md():
    measured = [
        {"name": name, "size": size, "loop": 1e-6 * size, "numpy": 1e-7 * size}
        for size in (10, 1000)
        for name in timing.CALLED
    ]
    for so_far in ([], measured[:1], measured):
        assert problems(timing.timing_plot(so_far, "ko")["plot"], "spec", "spec") == []
