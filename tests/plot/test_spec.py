"""The plot spec contract (web/plot/SPEC.md): every spec the bindings produce, for every
catalogue example and for edge inputs, is valid against the tables of SPEC.md."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from web import catalogue
from web.cards import bindings

SPEC_MD = Path(__file__).resolve().parents[2] / "web" / "plot" / "SPEC.md"


def read_tables(text: str) -> dict[str, dict[str, tuple[str, bool]]]:
    """{object name: {key: (type, required)}} from the "## name" sections' tables."""
    tables: dict[str, dict[str, tuple[str, bool]]] = {}
    name = None
    for line in text.splitlines():
        if line.startswith("## "):
            name = line[3:].strip()
        elif name and line.startswith("| ") and not line.startswith(("| key", "| ---")):
            key, kind, required, _meaning = [cell.strip() for cell in line.strip("|").split("|")]
            tables.setdefault(name, {})[key] = (kind, required == "yes")
    return tables


SCHEMA = read_tables(SPEC_MD.read_text("utf-8"))
PANEL_KINDS = {table["type"][0].strip('"'): name for name, table in SCHEMA.items() if name.startswith("panel ")}


def problems(value, kind: str, where: str) -> list[str]:
    """What is wrong with ``value`` as a ``kind`` of SPEC.md (empty: nothing)."""
    if " or " in kind and not kind.startswith("list of"):
        options = [problems(value, option, where) for option in kind.split(" or ")]
        return [] if any(not found for found in options) else [f"{where}: {value!r} is not {kind}"]
    if kind.startswith("list of "):
        if not isinstance(value, list):
            return [f"{where}: expected a list, got {type(value).__name__}"]
        return [p for i, item in enumerate(value) for p in problems(item, kind[8:], f"{where}[{i}]")]
    if kind.startswith('"'):
        return [] if value == kind.strip('"') else [f"{where}: expected {kind}, got {value!r}"]
    simple = {
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "string": lambda v: isinstance(v, str),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
        "[number, number]": lambda v: isinstance(v, list) and len(v) == 2 and all(simple["number"](x) for x in v),
        "colour": lambda v: simple["integer"](v) or simple["string"](v),
    }
    if kind in simple:
        return [] if simple[kind](value) else [f"{where}: {value!r} is not {kind}"]
    if kind == "panel":
        if not isinstance(value, dict) or value.get("type") not in PANEL_KINDS:
            return [f"{where}: a panel's type must be one of {sorted(PANEL_KINDS)}"]
        kind = PANEL_KINDS[value["type"]]
    table = SCHEMA[kind]
    if not isinstance(value, dict):
        return [f"{where}: expected a {kind} object"]
    found = [f"{where}: unknown key {key!r} for a {kind}" for key in value if key not in table]
    found += [f"{where}: missing {key!r}" for key, (_, required) in table.items() if required and key not in value]
    for key, item in value.items():
        if key in table:
            found += problems(item, table[key][0], f"{where}.{key}")
    return found


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
