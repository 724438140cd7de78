"""The plot builders: for each operation, what its card draws and the plot's text alternative.

Each builder takes the parsed inputs (in the catalogue's parameter order) and the package's
result, and returns ``(spec, alt)``: a plot spec for the plotting component (plain lists and
numbers, documented in web/plot/SPEC.md) and a sentence describing it. Derived from the
package's results, never recomputing its maths. Adding an operation means adding one
builder to :data:`PLOTS`.
"""
from __future__ import annotations

import numpy as np

import nnbasics

CURVE_POINTS = 241
MAX_PANELS = 6  # rows drawn for normalize_rows / softmax / per-row losses
MAX_LISTED = 8  # values spelled out in a plot's text alternative
MAX_POINTS = 2000  # input points marked on a curve
MAX_BARS = 60  # bars per panel


def _short(value: float) -> str:
    return f"{value:.4g}"


def _listed(values) -> str:
    values = [_short(v) for v in np.ravel(values)]
    more = len(values) - MAX_LISTED
    return ", ".join(values[:MAX_LISTED]) + (f" and {more} more" if more > 0 else "")


def _rows(a: np.ndarray) -> np.ndarray:
    """View a 0-, 1- or 2-D array as a list of rows (a 1-D array is one row)."""
    return np.atleast_2d(a)


def _curve_range(x: np.ndarray) -> tuple[float, float]:
    low = min(-6.0, float(np.min(x)) - 1.0) if x.size else -6.0
    high = max(6.0, float(np.max(x)) + 1.0) if x.size else 6.0
    return low, high


def _sigmoid_curve(x: np.ndarray, derivative: bool) -> tuple[dict, str]:
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
             "yRange": [0, 1], "series": series}
    legend = [{"label": s["label"], "color": s["color"]} for s in series]
    return {"panels": [panel], "legend": legend}, alt


def _image_plot(args: tuple, column: np.ndarray) -> tuple[dict, str]:
    (image,) = args
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


def _normalize_plot(args: tuple, result: np.ndarray) -> tuple[dict, str]:
    (x,) = args
    panels, notes = [], []
    for i, (before, after) in enumerate(zip(x[:MAX_PANELS], result[:MAX_PANELS])):
        # after = before / ||before||, so before . after = ||before|| (0 for a row of zeros)
        norm_before = float(np.dot(before, after))
        norm_after = float(np.linalg.norm(after))
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


def _softmax_plot(args: tuple, result: np.ndarray) -> tuple[dict, str]:
    (x,) = args
    panels, notes = [], []
    columns = _rows(x).shape[1]
    shown = f" (first {MAX_BARS} of {columns} columns)" if columns > MAX_BARS else ""
    for i, (scores, probs) in enumerate(zip(_rows(x)[:MAX_PANELS], _rows(result)[:MAX_PANELS])):
        categories = [str(j) for j in range(min(columns, MAX_BARS))]
        panels.append({"type": "bars", "title": f"row {i}: scores{shown}", "categories": categories,
                       "series": [{"label": "score", "color": 0, "values": scores[:MAX_BARS].tolist()}]})
        panels.append({"type": "bars", "title": f"row {i}: probabilities{shown}", "yRange": [0, 1],
                       "categories": categories,
                       "series": [{"label": "probability", "color": 1, "values": probs[:MAX_BARS].tolist()}],
                       "note": f"row sum = {_short(float(np.sum(probs)))}"})
        notes.append(f"row {i} scores {_listed(scores)} give probabilities {_listed(probs)}")
    alt = "Softmax per row: " + "; ".join(notes) + ". Each row of probabilities sums to 1."
    if columns > MAX_BARS:
        alt += f" Only the first {MAX_BARS} of {columns} columns of a row are drawn."
    if len(_rows(x)) > MAX_PANELS:
        alt += f" Only the first {MAX_PANELS} rows are drawn."
    legend = [{"label": "score", "color": 0}, {"label": "probability", "color": 1}]
    return {"panels": panels, "legend": legend, "columns": 2}, alt


def _element_label(index: tuple, ndim: int) -> str:
    """An element's index as a bar's label: ``3`` in a vector, ``[3, 0]`` in a matrix."""
    return str(index[0]) if ndim == 1 else "[" + ", ".join(map(str, index)) + "]"


def _loss_plot(name: str, label: str, terms: np.ndarray, loss: float) -> tuple[dict, str]:
    """One bar per element (the loss's term for it), with the loss -- their sum -- stated."""
    flat = terms.ravel()
    shown = min(flat.size, MAX_BARS)
    categories = [_element_label(np.unravel_index(k, terms.shape), terms.ndim) for k in range(shown)]
    title = f"first {MAX_BARS} of {flat.size} terms" if flat.size > MAX_BARS else None
    panel = {"type": "bars", "title": title, "categories": categories,
             "series": [{"label": label, "color": 0, "values": flat[:shown].tolist()}],
             "note": f"{name} = sum = {_short(loss)}", "yLabel": label}
    alt = (f"{name}: per element {label} is {_listed(flat)}; the loss, their sum over all "
           f"{flat.size} elements, is {_short(loss)}.")
    if flat.size > MAX_BARS:
        alt += f" Only the first {MAX_BARS} of {flat.size} elements are drawn."
    return {"panels": [panel]}, alt


def _l1_plot(args: tuple, loss: float) -> tuple[dict, str]:
    return _loss_plot("L1", "|y − ŷ|", nnbasics.losses.absolute_errors(*args), loss)


def _l2_plot(args: tuple, loss: float) -> tuple[dict, str]:
    return _loss_plot("L2", "(y − ŷ)²", nnbasics.losses.squared_errors(*args), loss)


def _sigmoid_plot(args: tuple, result) -> tuple[dict, str]:
    return _sigmoid_curve(args[0], derivative=False)


def _sigmoid_derivative_plot(args: tuple, result) -> tuple[dict, str]:
    return _sigmoid_curve(args[0], derivative=True)


#: Each operation's plot builder, keyed by the catalogue's card names.
PLOTS = {
    "basic_sigmoid": _sigmoid_plot,
    "sigmoid": _sigmoid_plot,
    "sigmoid_derivative": _sigmoid_derivative_plot,
    "image2vector": _image_plot,
    "normalize_rows": _normalize_plot,
    "softmax": _softmax_plot,
    "l1": _l1_plot,
    "l2": _l2_plot,
}
