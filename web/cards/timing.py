"""The vectorization card's timing run, as the page's worker answers it: the steps for the sizes the
learner typed, one measurement per call (cards/timing.js calls them one after the other, so the run
can stop between any two and the page's cards still compute) and the log-log plot of what has been
measured so far, worded in the page's language. Pure functions: tested natively."""

from __future__ import annotations

import json

import numpy as np

import nnbasics
from nnbasics.timing import timing_sizes
from nnbasics.vectorization import OPERATIONS

from ..i18n.words import say
from .bindings import FieldError, parse_field, refusal

#: Readings of each version per measurement; the median is shown (nnbasics.time_operation).
TIMING_REPEATS = 3
#: The units of a duration, from the largest.
UNITS = (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9))
#: Each operation's panel title: the NumPy call the loop is measured against.
CALLED = {
    "dot": "np.dot(x1, x2)",
    "outer": "np.outer(x1, x2)",
    "multiply": "np.multiply(x1, x2)",
    "general_dot": "np.dot(W, x)",
}


def timing_plan(sizes_text: str) -> dict:
    """The run for the sizes field's text: ``{"steps": [[operation, size], ...]}``, by size from
    the smallest, every operation at one size before the next (so a run stopped early still has a
    point in every panel), or ``{"errors": [...]}`` naming the field ``sizes`` (as a card's)."""
    try:
        sizes = timing_sizes(np.atleast_1d(parse_field({"sizes": sizes_text}, "sizes")))  # "10": one size
    except FieldError as error:
        return refusal([error])
    except (ValueError, TypeError) as error:
        return refusal([FieldError("sizes", error)])
    return {"steps": [[name, size] for size in sizes for name, _, _ in OPERATIONS]}


def measure(name: str, size: int) -> dict:
    """One step: the loop's and NumPy's median seconds per call of ``name`` at ``size``."""
    loop, vectorized = nnbasics.time_operation(name, int(size), repeats=TIMING_REPEATS)
    return {"name": name, "size": int(size), "loop": loop, "numpy": vectorized}


def _duration(seconds: float) -> str:
    """Seconds as a person reads them: ``1.2 s``, ``35 ms``, ``4.1 µs``, ``760 ns``."""
    unit, scale = next(((unit, scale) for unit, scale in UNITS if seconds >= scale), UNITS[-1])
    value = seconds / scale
    return f"{value:.2g} {unit}" if value < 10 else f"{value:.0f} {unit}"


def _speedup(row: dict) -> str:
    """How many times faster NumPy was: ``0.4``, ``3.2``, ``120``, ``1,500``."""
    if row["numpy"] <= 0:
        return "∞"
    ratio = row["loop"] / row["numpy"]
    return f"{ratio:.1f}".rstrip("0").rstrip(".") if ratio < 10 else f"{ratio:,.0f}"


def timing_plot(measured: list[dict], lang: str) -> dict:
    """The plot of the measurements so far (``measure``'s answers): one log-log panel per operation,
    seconds per call against size, the loop and NumPy a line each, NumPy's points labelled with its
    speed-up; and its text alternative, every figure spelled out. ``{"plot", "alt"}``."""
    panels, rows = [], []
    for name, _, _ in OPERATIONS:
        mine = sorted((row for row in measured if row["name"] == name), key=lambda row: row["size"])
        sizes = [row["size"] for row in mine]
        series = [
            {"label": say(lang, "plot.loop"), "color": 0, "kind": "line", "x": sizes, "y": [r["loop"] for r in mine]},
            {
                "label": say(lang, "plot.numpy"),
                "color": 1,
                "kind": "line",
                "x": sizes,
                "y": [r["numpy"] for r in mine],
                "labels": [f"×{_speedup(r)}" for r in mine],
            },
        ]
        last = mine[-1] if mine else None
        note = say(lang, "plot.speedup-note", speedup=_speedup(last), size=f"{last['size']:,}") if last else None
        panels.append(
            {
                "type": "xy",
                "title": CALLED[name],
                "note": note,
                "xLabel": say(lang, "plot.size"),
                "yLabel": say(lang, "plot.seconds-per-call"),
                "xScale": "log",
                "yScale": "log",
                "series": series,
            }
        )
        for r in mine:
            rows.append(
                say(
                    lang,
                    "plot.timing-row",
                    operation=CALLED[name],
                    size=f"{r['size']:,}",
                    loop=_duration(r["loop"]),
                    numpy=_duration(r["numpy"]),
                    speedup=_speedup(r),
                )
            )
    legend = [{"label": say(lang, "plot.loop"), "color": 0}, {"label": say(lang, "plot.numpy"), "color": 1}]
    alt = (
        say(lang, "plot.timing-alt", repeats=TIMING_REPEATS, rows="; ".join(rows))
        if rows
        else say(lang, "plot.timing-none")
    )
    return {"plot": {"panels": panels, "legend": legend, "columns": 2}, "alt": alt}


def timing_plan_json(sizes_text: str) -> str:
    """:func:`timing_plan` as JSON, for the page's JavaScript."""
    return json.dumps(timing_plan(sizes_text))


def measure_json(name: str, size: str) -> str:
    """:func:`measure` as JSON (``size`` as the plan's number, sent as text)."""
    return json.dumps(measure(name, int(size)))


def timing_plot_json(measured_json: str, lang: str = "en") -> str:
    """:func:`timing_plot` over JSON: the measurements in, the plot and its words out."""
    return json.dumps(timing_plot(json.loads(measured_json), lang), allow_nan=False)
