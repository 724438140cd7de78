"""The plot builders: for each operation, what its card draws and the plot's text alternative.

Each builder takes the parsed inputs (in the catalogue's parameter order), the package's
result and the page's language, and returns ``(spec, alt)``: a plot spec for the plotting
component (plain lists and numbers, documented in web/plot/SPEC.md) and a sentence describing
it, worded from web/i18n/<lang>/plot.json. Derived from the package's results, never
recomputing its maths. Adding an operation means adding one entry to :data:`PLOTS`: for an
element-wise function of one array, ``curve(name)``, whose words serve every such operation; else a
builder of its own (and its words in plot.json, in every language).
"""

from __future__ import annotations

import numpy as np

import nnbasics

from .. import catalogue
from ..i18n.words import say

CURVE_POINTS = 241
MAX_PANELS = 6  # rows drawn for normalize_rows / softmax / per-row losses
MAX_LISTED = 8  # values spelled out in a plot's text alternative
MAX_POINTS = 2000  # input points marked on a curve
MAX_BARS = 60  # bars per panel


def _short(value: float) -> str:
    return f"{value:.4g}"


def _listed(lang: str, values) -> str:
    values = [_short(v) for v in np.ravel(values)]
    listed, more = ", ".join(values[:MAX_LISTED]), len(values) - MAX_LISTED
    return say(lang, "plot.and-more", listed=listed, more=more) if more > 0 else listed


def _rows(a: np.ndarray) -> np.ndarray:
    """View a 0-, 1- or 2-D array as a list of rows (a 1-D array is one row)."""
    return np.atleast_2d(a)


def _curve_range(x: np.ndarray) -> tuple[float, float]:
    low = min(-6.0, float(np.min(x)) - 1.0) if x.size else -6.0
    high = max(6.0, float(np.max(x)) + 1.0) if x.size else 6.0
    return low, high


def _sigmoid_curve(x: np.ndarray, derivative: bool, lang: str) -> tuple[dict, str]:
    low, high = _curve_range(x)
    grid = np.linspace(low, high, CURVE_POINTS)
    s = nnbasics.sigmoid(grid)
    series = [{"label": "σ(x)", "color": 0, "kind": "line", "x": grid.tolist(), "y": s.tolist()}]
    points = x.ravel()[:MAX_POINTS]
    if derivative:
        derivatives = nnbasics.sigmoid_derivative(grid).tolist()
        series.append({"label": "σ′(x)", "color": 1, "kind": "line", "x": grid.tolist(), "y": derivatives})
    marked = (nnbasics.sigmoid_derivative if derivative else nnbasics.sigmoid)(points)
    mark = {"label": say(lang, "plot.your-x"), "color": 2 if derivative else 1, "kind": "points"}
    series.append({**mark, "x": points.tolist(), "y": marked.tolist()})
    shown = {"low": _short(low), "high": _short(high), "xs": _listed(lang, points), "ys": _listed(lang, marked)}
    alt = say(lang, "plot.derivative-alt" if derivative else "plot.sigmoid-alt", **shown)
    panel = {
        "type": "xy",
        "xLabel": "x",
        "yLabel": "σ′(x)" if derivative else "σ(x)",
        "yRange": [0, 1],
        "series": series,
    }
    legend = [{"label": s["label"], "color": s["color"]} for s in series]
    return {"panels": [panel], "legend": legend}, alt


def curve(op: str):
    """The plot builder of an element-wise operation of one parameter (``tanh(x)``): the curve of its
    own package function over the inputs' range, with each input element marked at its result, and a
    text alternative worded for every such operation alike (``curve-alt`` in plot.json)."""
    (name,) = catalogue.params(op)
    title, function = catalogue.BY_NAME[op]["title"], getattr(nnbasics, catalogue.BY_NAME[op]["function"])

    def build(args: tuple, result, lang: str) -> tuple[dict, str]:
        (x,) = args
        low, high = _curve_range(x)
        grid = np.linspace(low, high, CURVE_POINTS)
        points, marked = x.ravel()[:MAX_POINTS], np.ravel(result)[:MAX_POINTS]
        series = [
            {"label": title, "color": 0, "kind": "line", "x": grid.tolist(), "y": function(grid).tolist()},
            {
                "label": say(lang, "plot.your-input", name=name),
                "color": 1,
                "kind": "points",
                "x": points.tolist(),
                "y": marked.tolist(),
            },
        ]
        alt = say(
            lang,
            "plot.curve-alt",
            function=title,
            name=name,
            low=_short(low),
            high=_short(high),
            xs=_listed(lang, points),
            ys=_listed(lang, marked),
        )
        panel = {"type": "xy", "xLabel": name, "yLabel": title, "series": series}
        return {"panels": [panel], "legend": [{"label": s["label"], "color": s["color"]} for s in series]}, alt

    return build


def _image_plot(args: tuple, column: np.ndarray, lang: str) -> tuple[dict, str]:
    (image,) = args
    low, high = float(image.min()), float(image.max())
    h, w, c = image.shape
    panels = [
        {
            "type": "heatmap",
            "title": say(lang, "plot.channel", channel=k),
            "rows": image[:, :, k].tolist(),
            "range": [low, high],
        }
        for k in range(min(c, MAX_PANELS))
    ]
    panels.append(
        {
            "type": "strip",
            "title": say(lang, "plot.column", size=h * w * c),
            "values": column.ravel().tolist(),
            "range": [low, high],
        }
    )
    alt = say(
        lang,
        "plot.image-alt-one" if c == 1 else "plot.image-alt",
        h=h,
        w=w,
        c=c,
        size=h * w * c,
        values=_listed(lang, column[: min(c * 2, column.size)]),
    )
    if c > MAX_PANELS:
        alt += " " + say(lang, "plot.only-channels", shown=MAX_PANELS)
    return {"panels": panels, "columns": c + 1 if c <= 3 else None}, alt


def _normalize_plot(args: tuple, result: np.ndarray, lang: str) -> tuple[dict, str]:
    (x,) = args
    panels, notes = [], []
    for i, (before, after) in enumerate(zip(x[:MAX_PANELS], result[:MAX_PANELS])):
        # after = before / ||before||, so before . after = ||before|| (0 for a row of zeros)
        norm_before = float(np.dot(before, after))
        norm_after = float(np.linalg.norm(after))
        panels.append(
            {
                "type": "bars",
                "title": say(lang, "plot.row", row=i),
                "categories": [f"x[{i},{j}]" for j in range(min(len(before), MAX_BARS))],
                "series": [
                    {"label": say(lang, "plot.before"), "color": 0, "values": before[:MAX_BARS].tolist()},
                    {"label": say(lang, "plot.after"), "color": 1, "values": after[:MAX_BARS].tolist()},
                ],
                "note": say(lang, "plot.norm-note", before=_short(norm_before), after=_short(norm_after)),
            }
        )
        notes.append(say(lang, "plot.row-norms", row=i, before=_short(norm_before), after=_short(norm_after)))
    alt = say(lang, "plot.normalize-alt", rows="; ".join(notes))
    if len(x) > MAX_PANELS:
        alt += " " + say(lang, "plot.only-rows", shown=MAX_PANELS, rows=len(x))
    legend = [{"label": say(lang, "plot.before"), "color": 0}, {"label": say(lang, "plot.after"), "color": 1}]
    return {"panels": panels, "legend": legend}, alt


def _softmax_plot(args: tuple, result: np.ndarray, lang: str) -> tuple[dict, str]:
    (x,) = args
    panels, notes = [], []
    columns = _rows(x).shape[1]

    def title(key: str, row: int) -> str:
        title = say(lang, key, row=row)
        return (
            say(lang, "plot.first-columns", title=title, shown=MAX_BARS, columns=columns)
            if columns > MAX_BARS
            else title
        )

    for i, (scores, probs) in enumerate(zip(_rows(x)[:MAX_PANELS], _rows(result)[:MAX_PANELS])):
        categories = [str(j) for j in range(min(columns, MAX_BARS))]
        panels.append(
            {
                "type": "bars",
                "title": title("plot.scores", i),
                "categories": categories,
                "series": [{"label": say(lang, "plot.score"), "color": 0, "values": scores[:MAX_BARS].tolist()}],
            }
        )
        panels.append(
            {
                "type": "bars",
                "title": title("plot.probabilities", i),
                "yRange": [0, 1],
                "categories": categories,
                "series": [{"label": say(lang, "plot.probability"), "color": 1, "values": probs[:MAX_BARS].tolist()}],
                "note": say(lang, "plot.row-sum", sum=_short(float(np.sum(probs)))),
            }
        )
        notes.append(
            say(lang, "plot.row-softmax", row=i, scores=_listed(lang, scores), probabilities=_listed(lang, probs))
        )
    alt = say(lang, "plot.softmax-alt", rows="; ".join(notes))
    if columns > MAX_BARS:
        alt += " " + say(lang, "plot.only-columns", shown=MAX_BARS, columns=columns)
    if len(_rows(x)) > MAX_PANELS:
        alt += " " + say(lang, "plot.only-first-rows", shown=MAX_PANELS)
    legend = [{"label": say(lang, "plot.score"), "color": 0}, {"label": say(lang, "plot.probability"), "color": 1}]
    return {"panels": panels, "legend": legend, "columns": 2}, alt


def _element_label(index: tuple, ndim: int) -> str:
    """An element's index as a bar's label: ``3`` in a vector, ``[3, 0]`` in a matrix."""
    return str(index[0]) if ndim == 1 else "[" + ", ".join(map(str, index)) + "]"


def _loss_plot(name: str, label: str, terms: np.ndarray, loss: float, lang: str) -> tuple[dict, str]:
    """One bar per element (the loss's term for it), with the loss -- their sum -- stated."""
    flat = terms.ravel()
    shown = min(flat.size, MAX_BARS)
    categories = [_element_label(np.unravel_index(k, terms.shape), terms.ndim) for k in range(shown)]
    title = say(lang, "plot.first-terms", shown=MAX_BARS, size=flat.size) if flat.size > MAX_BARS else None
    panel = {
        "type": "bars",
        "title": title,
        "categories": categories,
        "series": [{"label": label, "color": 0, "values": flat[:shown].tolist()}],
        "note": say(lang, "plot.loss-note", name=name, loss=_short(loss)),
        "yLabel": label,
    }
    alt = say(
        lang, "plot.loss-alt", name=name, label=label, values=_listed(lang, flat), size=flat.size, loss=_short(loss)
    )
    if flat.size > MAX_BARS:
        alt += " " + say(lang, "plot.only-elements", shown=MAX_BARS, size=flat.size)
    return {"panels": [panel]}, alt


def _l1_plot(args: tuple, loss: float, lang: str) -> tuple[dict, str]:
    return _loss_plot("L1", "|y − ŷ|", nnbasics.losses.absolute_errors(*args), loss, lang)


def _l2_plot(args: tuple, loss: float, lang: str) -> tuple[dict, str]:
    return _loss_plot("L2", "(y − ŷ)²", nnbasics.losses.squared_errors(*args), loss, lang)


def _sigmoid_plot(args: tuple, result, lang: str) -> tuple[dict, str]:
    return _sigmoid_curve(args[0], derivative=False, lang=lang)


def _sigmoid_derivative_plot(args: tuple, result, lang: str) -> tuple[dict, str]:
    return _sigmoid_curve(args[0], derivative=True, lang=lang)


MAX_CELLS = 40  # rows and columns of an outer product drawn


def _lesson_plot(args: tuple, lesson, lang: str) -> tuple[dict, str]:
    """The vectorization lesson side by side: the outer product as a heat map (the loop's; NumPy's
    is the same, said in the note), the element-wise product and W·x as bars, the loop's beside NumPy's,
    the dot product in a note."""
    pairs = lesson.pairs
    (dot_loop, dot_numpy), (outer, outer_numpy) = pairs["dot"], pairs["outer"]
    loop, numpy = say(lang, "plot.loop"), say(lang, "plot.numpy")
    same = say(lang, "plot.lesson-same") if np.array_equal(outer, outer_numpy) else say(lang, "plot.lesson-close")
    panels = [
        {
            "type": "heatmap",
            "title": say(lang, "plot.lesson-outer", rows=outer.shape[0], columns=outer.shape[1]),
            "note": same,
            "rows": np.asarray(outer, dtype=float)[:MAX_CELLS, :MAX_CELLS].tolist(),
        }
    ]
    for name, title in (("multiply", "x1 * x2"), ("general_dot", "W·x1")):
        looped, vectorized = (np.ravel(np.asarray(v, dtype=float)) for v in pairs[name])
        shown = min(looped.size, MAX_BARS)
        panels.append(
            {
                "type": "bars",
                "title": title,
                "categories": [str(i) for i in range(shown)],
                "series": [
                    {"label": loop, "color": 0, "values": looped[:shown].tolist()},
                    {"label": numpy, "color": 1, "values": vectorized[:shown].tolist()},
                ],
            }
        )
    panels[1]["note"] = say(lang, "plot.lesson-dot", loop=_short(float(dot_loop)), numpy=_short(float(dot_numpy)))
    alt = say(
        lang,
        "plot.lesson-alt",
        dot=_short(float(dot_loop)),
        rows=outer.shape[0],
        columns=outer.shape[1],
        multiply=_listed(lang, pairs["multiply"][1]),
        general_dot=_listed(lang, pairs["general_dot"][1]),
        seed=lesson.seed,
    )
    legend = [{"label": loop, "color": 0}, {"label": numpy, "color": 1}]
    return {"panels": panels, "legend": legend}, alt


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
    "vectorization": _lesson_plot,
}
