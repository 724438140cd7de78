"""The one layer between the page and the ``nnbasics`` package.

The page hands this module what the user typed (strings, keyed by parameter
name) and gets back everything it shows: the result exactly as NumPy prints it,
its full-precision value, a plot spec for the plotting component (plain arrays
only, nothing about operations) and a text alternative for the plot -- or the
package's own message for the field the problem is in. Pure functions: no DOM,
so they are tested natively like the package.
"""
from __future__ import annotations

import inspect
import json
import math
import warnings

import numpy as np

import nnbasics

CURVE_POINTS = 241
MAX_PANELS = 6  # rows drawn for normalize_rows / softmax / per-row losses
MAX_LISTED = 8  # values spelled out in a plot's text alternative
MAX_POINTS = 2000  # input points marked on a curve
MAX_BARS = 60  # bars per panel


class FieldError(ValueError):
    """A problem with what the user typed in one field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def _short(value: float) -> str:
    return f"{value:.4g}"


def _listed(values) -> str:
    values = [_short(v) for v in np.ravel(values)]
    more = len(values) - MAX_LISTED
    return ", ".join(values[:MAX_LISTED]) + (f" and {more} more" if more > 0 else "")


def _rows(a: np.ndarray) -> np.ndarray:
    """View a 0-, 1- or 2-D array as a list of rows (a 1-D array is one row)."""
    return np.atleast_2d(a)


def _jsonable(a):
    """Full-precision value for ``data-value``; non-finite numbers become strings."""
    if isinstance(a, np.ndarray):
        if np.all(np.isfinite(a)):
            return a.tolist()
        return [_jsonable(v) for v in a] if a.ndim else _jsonable(a.item())
    a = float(a)
    return a if math.isfinite(a) else repr(a)


# --------------------------------------------------------------------------- plots


def _curve_range(x: np.ndarray) -> tuple[float, float]:
    low = min(-6.0, float(np.min(x)) - 1.0) if x.size else -6.0
    high = max(6.0, float(np.max(x)) + 1.0) if x.size else 6.0
    return low, high


def _sigmoid_plot(x: np.ndarray, derivative: bool) -> tuple[dict, str]:
    low, high = _curve_range(x)
    grid = np.linspace(low, high, CURVE_POINTS)
    s = nnbasics.sigmoid(grid)
    series = [{"label": "σ(x)", "color": 0, "kind": "line", "x": grid.tolist(), "y": s.tolist()}]
    points = x.ravel()[:MAX_POINTS]
    if derivative:
        marked = nnbasics.sigmoid_derivative(points)
        series.append({"label": "σ′(x)", "color": 1, "kind": "line", "x": grid.tolist(),
                       "y": nnbasics.sigmoid_derivative(grid).tolist()})
        series.append({"label": "your x", "color": 2, "kind": "points",
                       "x": points.tolist(), "y": marked.tolist()})
        alt = (f"The sigmoid and its derivative for x from {_short(low)} to {_short(high)}; "
               f"the derivative peaks at 0.25 at x = 0. Marked: σ′ at x = {_listed(points)} "
               f"is {_listed(marked)}.")
    else:
        marked = nnbasics.sigmoid(points)
        series.append({"label": "your x", "color": 1, "kind": "points",
                       "x": points.tolist(), "y": marked.tolist()})
        alt = (f"The sigmoid curve for x from {_short(low)} to {_short(high)}, rising from 0 "
               f"to 1. Marked: σ at x = {_listed(points)} is {_listed(marked)}.")
    panel = {"type": "xy", "xLabel": "x", "yLabel": "σ′(x)" if derivative else "σ(x)",
             "y": [0, 1], "series": series}
    legend = [{"label": s["label"], "color": s["color"]} for s in series]
    return {"panels": [panel], "legend": legend}, alt


def _image_plot(image: np.ndarray, column: np.ndarray) -> tuple[dict, str]:
    low, high = float(image.min()), float(image.max())
    h, w, c = image.shape
    panels = [
        {"type": "heatmap", "title": f"channel {k}", "rows": image[:, :, k].tolist(),
         "range": [low, high]}
        for k in range(min(c, MAX_PANELS))
    ]
    panels.append({"type": "strip", "title": f"column ({h * w * c}, 1)",
                   "values": column.ravel().tolist(), "range": [low, high]})
    maps = "1 heat map" if c == 1 else f"{c} heat maps, one per channel,"
    alt = (f"The ({h}, {w}, {c}) image as {maps} and the "
           f"({h * w * c}, 1) column in the same colours. In C order the channel changes "
           f"fastest: the column starts {_listed(column[:min(c * 2, column.size)])}.")
    if c > MAX_PANELS:
        alt += f" Only the first {MAX_PANELS} channels are drawn."
    return {"panels": panels, "columns": c + 1 if c <= 3 else None}, alt


def _normalize_plot(x: np.ndarray, result: np.ndarray) -> tuple[dict, str]:
    panels, notes = [], []
    for i, (before, after) in enumerate(zip(x[:MAX_PANELS], result[:MAX_PANELS])):
        norm_before = float(np.sqrt(np.sum(before**2)))
        norm_after = float(np.sqrt(np.sum(after**2)))
        panels.append({
            "type": "bars", "title": f"row {i}",
            "categories": [f"x[{i},{j}]" for j in range(min(len(before), MAX_BARS))],
            "series": [{"label": "before", "color": 0, "values": before[:MAX_BARS].tolist()},
                       {"label": "after", "color": 1, "values": after[:MAX_BARS].tolist()}],
            "note": f"‖row‖ {_short(norm_before)} → {_short(norm_after)}",
        })
        notes.append(f"row {i} has norm {_short(norm_before)} before and "
                     f"{_short(norm_after)} after")
    alt = "Each row's components before and after normalising: " + "; ".join(notes) + "."
    if len(x) > MAX_PANELS:
        alt += f" Only the first {MAX_PANELS} of {len(x)} rows are drawn."
    legend = [{"label": "before", "color": 0}, {"label": "after", "color": 1}]
    return {"panels": panels, "legend": legend}, alt


def _softmax_plot(x: np.ndarray, result: np.ndarray) -> tuple[dict, str]:
    panels, notes = [], []
    rows = zip(_rows(x)[:MAX_PANELS, :MAX_BARS], _rows(result)[:MAX_PANELS, :MAX_BARS])
    for i, (scores, probs) in enumerate(rows):
        categories = [str(j) for j in range(len(scores))]
        panels.append({"type": "bars", "title": f"row {i}: scores", "categories": categories,
                       "series": [{"label": "score", "color": 0, "values": scores.tolist()}]})
        panels.append({"type": "bars", "title": f"row {i}: probabilities", "y": [0, 1],
                       "categories": categories,
                       "series": [{"label": "probability", "color": 1, "values": probs.tolist()}],
                       "note": f"sum = {_short(float(np.sum(probs)))}"})
        notes.append(f"row {i} scores {_listed(scores)} give probabilities {_listed(probs)}")
    alt = "Softmax per row: " + "; ".join(notes) + ". Each row of probabilities sums to 1."
    if len(_rows(x)) > MAX_PANELS:
        alt += f" Only the first {MAX_PANELS} rows are drawn."
    legend = [{"label": "score", "color": 0}, {"label": "probability", "color": 1}]
    return {"panels": panels, "legend": legend, "columns": 2}, alt


def _loss_plot(name: str, errors: np.ndarray, loss) -> tuple[dict, str]:
    label = "|y − ŷ|" if name == "L1" else "(y − ŷ)²"
    rows = _rows(errors)
    totals = np.atleast_1d(loss)
    panels = [
        {"type": "bars", "title": f"row {i}" if errors.ndim > 1 else None,
         "categories": [str(j) for j in range(min(len(row), MAX_BARS))],
         "series": [{"label": label, "color": 0, "values": row[:MAX_BARS].tolist()}],
         "note": f"total = {_short(float(total))}", "yLabel": label}
        for i, (row, total) in enumerate(zip(rows[:MAX_PANELS], totals[:MAX_PANELS]))
    ]
    alt = (f"{name}: per element {label} is {_listed(errors)}; the loss is "
           f"{_listed(totals)}.")
    if rows.shape[-1] > MAX_BARS:
        alt += f" Only the first {MAX_BARS} of {rows.shape[-1]} elements of a row are drawn."
    if len(rows) > MAX_PANELS:
        alt += f" Only the first {MAX_PANELS} of {len(rows)} rows are drawn."
    return {"panels": panels}, alt


# --------------------------------------------------------------------------- operations


def _parse(inputs: dict[str, str], field: str) -> np.ndarray:
    try:
        array = nnbasics.parse_array(inputs.get(field, ""))
    except ValueError as error:
        raise FieldError(field, str(error)) from None
    if array.size == 0:
        raise FieldError(field, f"the array is empty (shape {array.shape}): there is nothing to "
                                "compute; put some numbers in it, for example [1, 2, 3]")
    return array


def _run(field: str, function, *args):
    """Call the package; its ValueError/TypeError is a message for ``field``."""
    try:
        return function(*args)
    except (ValueError, TypeError) as error:
        raise FieldError(field, str(error)) from None


def _basic_sigmoid(inputs):
    x = _parse(inputs, "x")
    result = _run("x", nnbasics.basic_sigmoid, x)
    return result, _sigmoid_plot(x, derivative=False)


def _sigmoid(inputs):
    x = _parse(inputs, "x")
    return nnbasics.sigmoid(x), _sigmoid_plot(x, derivative=False)


def _sigmoid_derivative(inputs):
    x = _parse(inputs, "x")
    return nnbasics.sigmoid_derivative(x), _sigmoid_plot(x, derivative=True)


def _image2vector(inputs):
    image = _parse(inputs, "image")
    column = _run("image", nnbasics.image2vector, image)
    return column, _image_plot(image, column)


def _normalize_rows(inputs):
    x = _parse(inputs, "x")
    result = _run("x", nnbasics.normalize_rows, x)
    return result, _normalize_plot(x, result)


def _softmax(inputs):
    x = _parse(inputs, "x")
    result = _run("x", nnbasics.softmax, x)
    return result, _softmax_plot(x, result)


def _loss(name: str, function, square: bool):
    def evaluate(inputs):
        yhat, y = _parse(inputs, "yhat"), _parse(inputs, "y")
        # Same shapes but refused: yhat's dimensions are the problem; else y does not match yhat.
        loss = _run("yhat" if yhat.shape == y.shape else "y", function, yhat, y)
        errors = (y - yhat) ** 2 if square else np.abs(y - yhat)
        return loss, _loss_plot(name, errors, loss)

    return evaluate


OPERATIONS = {
    "basic_sigmoid": (nnbasics.basic_sigmoid, _basic_sigmoid),
    "sigmoid": (nnbasics.sigmoid, _sigmoid),
    "sigmoid_derivative": (nnbasics.sigmoid_derivative, _sigmoid_derivative),
    "image2vector": (nnbasics.image2vector, _image2vector),
    "normalize_rows": (nnbasics.normalize_rows, _normalize_rows),
    "softmax": (nnbasics.softmax, _softmax),
    "l1": (nnbasics.L1, _loss("L1", nnbasics.L1, square=False)),
    "l2": (nnbasics.L2, _loss("L2", nnbasics.L2, square=True)),
}


def _finite_only(spec):
    """The plot spec with non-finite numbers as None (JSON null: the plot skips them)."""
    if isinstance(spec, dict):
        return {key: _finite_only(value) for key, value in spec.items()}
    if isinstance(spec, list):
        return [_finite_only(value) for value in spec]
    if isinstance(spec, float) and not math.isfinite(spec):
        return None
    return spec


def _not_finite_note(result) -> str | None:
    if np.all(np.isfinite(result)):
        return None
    return ("Some of the result is not finite (inf or nan): the numbers went beyond what "
            "float64 can hold (about 1.8e308). Try smaller inputs.")


def evaluate(op: str, inputs: dict[str, str]) -> dict:
    """Everything the card ``op`` shows for the given field texts.

    Returns ``{"text", "value", "plot", "alt", "note"}`` on success, or
    ``{"error": {"field", "message"}}`` when a field cannot be used.
    """
    if op not in OPERATIONS:
        raise KeyError(f"unknown operation {op!r}")
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            result, (plot, alt) = OPERATIONS[op][1](inputs)
    except FieldError as error:
        return {"error": {"field": error.field, "message": str(error)}}
    note = _not_finite_note(result)
    return {
        "text": nnbasics.format_array(result),
        "value": _jsonable(result),
        "plot": _finite_only(plot),
        "alt": alt,
        "note": note,
    }


def evaluate_json(op: str, inputs_json: str) -> str:
    """:func:`evaluate` over JSON strings, the form the page's JavaScript uses."""
    return json.dumps(evaluate(op, json.loads(inputs_json)), allow_nan=False)


def sources() -> dict[str, str]:
    """The source of each operation's function, as the package has it."""
    return {op: inspect.getsource(function) for op, (function, _) in OPERATIONS.items()}
