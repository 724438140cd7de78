"""The plotting component (web/plot), run in Chromium on a blank page of the site: its pure parts
(scales.js: ticks, linear and log maps, number formats, colour scales and ranges), where plot.js
puts panels at a given width, and what it draws (the texts it writes, and where)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def scales(page, expression: str):
    """Evaluate ``expression`` with scales.js imported as ``s``."""
    return page.evaluate(f"import('/plot/scales.js').then((s) => {expression})")


def test_nice_ticks_step_by_one_two_or_five_times_a_power_of_ten(blank):
    ticks = scales(blank, "s.niceTicks(0, 1, 5)")
    assert ticks["step"] == pytest.approx(0.2)
    assert ticks["ticks"] == pytest.approx([0, 0.2, 0.4, 0.6, 0.8, 1])
    assert scales(blank, "s.niceTicks(-6, 6, 6)") == {"ticks": [-6, -4, -2, 0, 2, 4, 6], "step": 2}
    assert scales(blank, "s.niceTicks(0, 1000, 4)")["step"] == 200
    assert scales(blank, "s.niceTicks(0.0001, 0.00035, 5)")["step"] == pytest.approx(5e-5)


def test_nice_ticks_of_an_empty_or_absurd_range_never_loop_or_explode(blank):
    assert scales(blank, "s.niceTicks(3, 3, 5)") == {"ticks": [3], "step": 3}
    assert scales(blank, "s.niceTicks(-1e308, 1e308, 5)")["ticks"] == [-1e308, 1e308]
    assert len(scales(blank, "s.niceTicks(0, 1e-300, 5)")["ticks"]) <= 61


def test_an_axis_uses_one_notation_for_all_its_labels_with_a_typographic_minus(blank):
    labels = scales(blank, "[-0.5, 0, 0.5, 1].map(s.axisFormatter([-0.5, 0, 0.5, 1], 0.5))")
    assert labels == ["\u22120.5", "0", "0.5", "1.0"]
    labels = scales(blank, "[0, 2e6, 4e6].map(s.axisFormatter([0, 2e6, 4e6], 2e6))")
    assert labels == ["0", "2e+6", "4e+6"]


def test_values_are_written_with_the_asked_significant_digits_compactly(blank):
    assert scales(
        blank,
        "[s.fmtValue(123.456, 3), s.fmtValue(-2.5, 3), s.fmtValue(0.000123, 3), "
        "s.fmtValue(2, 3), s.fmtValue(1e6, 2), s.fmtValue(NaN, 3)]",
    ) == ["123", "\u22122.5", "1.23e\u22124", "2", "1e+6", ""]


def test_viridis_runs_from_dark_purple_to_yellow_and_clamps(blank):
    assert scales(blank, "[0, 0.5, 1, -3, 7, NaN].map(s.viridisRGB)") == [
        [68, 1, 84],
        [33, 145, 140],
        [253, 231, 37],
        [68, 1, 84],
        [253, 231, 37],
        [68, 1, 84],
    ]
    assert scales(blank, "s.viridisCSS(1)") == "rgb(253, 231, 37)"


def test_text_on_a_cell_takes_the_colour_of_better_contrast(blank):
    assert scales(
        blank, "[s.textOn([0, 0, 0]), s.textOn([255, 255, 255]), s.textOn([68, 1, 84]), s.textOn([253, 231, 37])]"
    ) == ["#ffffff", "#000000", "#ffffff", "#000000"]


def test_colour_ranges_come_from_the_spec_or_the_finite_data(blank):
    assert scales(blank, "s.colorRange([3, 1], [])") == [1, 3]
    assert scales(blank, "s.colorRange(null, [[1, 5], [null, -2]])") == [-2, 5]
    assert scales(blank, "s.colorRange(undefined, [[]])") == [0, 1]
    assert scales(blank, "[s.colorT(5, [0, 10]), s.colorT(5, [5, 5])]") == [0.5, 0.5]


def test_ranges_given_by_a_spec_are_ordered_and_widened_when_empty(blank):
    assert scales(blank, "s.userRange([5, 0])") == [0, 5]
    assert scales(blank, "s.userRange([2, 2])") == pytest.approx([1.8, 2.2])
    assert scales(blank, "[s.userRange(['a', 1]), s.userRange([1]), s.userRange(null)]") == [None, None, None]
    assert scales(blank, "s.padRange(0, 10)") == pytest.approx([-0.5, 10.5])
    assert scales(blank, "[0, 5, 10].map(s.linear(0, 10, 100, 200))") == [100, 150, 200]


def layout(page, spec: dict, width: int):
    """Where plot.js puts the panels of ``spec`` on a canvas ``width`` CSS px wide."""
    return page.evaluate(
        """([spec, width]) => Promise.all([import('/plot/plot.js'), import('/plot/canvas.js')])
        .then(([plot, canvas]) => {
            const c = document.querySelector('canvas');
            const env = canvas.makeEnv(c, c.getContext('2d'), getComputedStyle(c), 1);
            const L = plot.layout(env, spec, width);
            return { boxes: L.boxes.map(b => [b.x, b.y, b.w]), H: L.H, legend: L.lg.lines.length };
        })""",
        [spec, width],
    )


XY = {"type": "xy", "series": [{"label": "s", "color": 0, "kind": "line", "x": [0, 1], "y": [0, 1]}]}


def test_panels_fill_a_row_at_240_px_or_more_each_and_wrap_below(blank):
    wide = layout(blank, {"panels": [XY, XY, XY]}, 1000)
    assert [y for _, y, _ in wide["boxes"]] == [0, 0, 0] and wide["boxes"][0][2] > 240
    narrow = layout(blank, {"panels": [XY, XY, XY]}, 400)
    assert [x for x, _, _ in narrow["boxes"]] == [0, 0, 0]
    assert narrow["boxes"][0][1] < narrow["boxes"][1][1] < narrow["boxes"][2][1]
    assert narrow["H"] > 3 * 200


def test_a_spec_asking_for_columns_gets_fewer_when_panels_would_be_too_narrow(blank):
    two = layout(blank, {"panels": [XY, XY], "columns": 2}, 600)
    assert two["boxes"][0][1] == two["boxes"][1][1]
    phone = layout(blank, {"panels": [XY, XY], "columns": 2}, 300)  # a card's canvas at 360 px
    assert phone["boxes"][0][1] == phone["boxes"][1][1]
    squeezed = layout(blank, {"panels": [XY, XY], "columns": 2}, 260)
    assert squeezed["boxes"][0][1] < squeezed["boxes"][1][1]


def test_a_legend_takes_lines_above_the_panels(blank):
    legend = [{"label": f"series number {i}", "color": i} for i in range(6)]
    laid = layout(blank, {"panels": [XY], "legend": legend}, 320)
    assert laid["legend"] >= 2
    assert laid["boxes"][0][1] == laid["legend"] * 20 + 8


def test_drawing_a_spec_it_does_not_know_never_throws(blank):
    blank.evaluate("""import('/plot/plot.js').then((plot) => {
        const c = document.querySelector('canvas');
        plot.drawPlot(c, { panels: [{ type: 'pie' }, null, { type: 'bars' }], legend: 'x' });
        plot.drawPlot(c, null);
        plot.drawPlot(null, {});
    })""")


def test_log_ticks_are_the_decades_and_two_and_five_times_them_under_three_decades(blank):
    assert scales(blank, "s.logTicks(10, 1e6)") == [10, 100, 1000, 1e4, 1e5, 1e6]
    assert scales(blank, "s.logTicks(3e-7, 2)") == [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1]
    assert scales(blank, "s.logTicks(1, 100)") == [1, 2, 5, 10, 20, 50, 100]
    assert scales(blank, "s.logTicks(0.15, 0.6)") == [0.2, 0.5]
    assert scales(blank, "s.logTicks(3, 7)") == [3, 4, 5, 6, 7]  # within a decade: linear ones
    assert scales(blank, "[s.logTicks(0, 10), s.logTicks(-1, 10), s.logTicks(10, 1)]") == [[], [], []]
    assert len(scales(blank, "s.logTicks(1e-300, 1e300)")) <= 41


def test_a_log_scale_maps_the_range_ends_to_the_ends_and_each_decade_to_equal_room(blank):
    assert scales(blank, "[10, 1000, 1e6].map(s.logScale(10, 1e6, 0, 500))") == pytest.approx([0, 200, 500])
    assert scales(blank, "[1e-7, 1e-3, 10].map(s.logScale(1e-7, 10, 300, 0))") == pytest.approx([300, 150, 0])
    assert scales(blank, "[0, -1, NaN].map(s.logScale(1, 10, 0, 1)).every(Number.isNaN)")
    assert scales(blank, "[2].map(s.scaleMap('linear', 0, 4, 0, 100))") == [50]


def test_log_tick_labels_are_plain_from_a_thousandth_to_a_thousand_and_powers_beyond(blank):
    values = "[1, 10, 100, 1000, 1e4, 1e6, 0.1, 0.001, 1e-4, 1e-7, 2e4, 5e-6, 0.02, 0]"
    assert scales(blank, f"{values}.map(s.logTickLabel)") == [
        "1", "10", "100", "1000", "1e4", "1e6", "0.1", "0.001",
        "1e\u22124", "1e\u22127", "2e4", "5e\u22126", "0.02", "",
    ]  # fmt: skip


def test_log_ticks_are_labelled_as_far_as_the_labels_fit(blank):
    decades = "[10, 100, 1000, 1e4, 1e5, 1e6]"
    assert scales(blank, f"s.logLabelled({decades}, 100, 40)") == [True] * 6
    # a decade is 15 px, a label 40: every third decade, multiples of three first
    assert scales(blank, f"s.logLabelled({decades}, 15, 40)") == [False, False, True, False, False, True]
    # every fourth: 1e4 alone at multiples of four, so from the exponent that labels two
    assert scales(blank, f"s.logLabelled({decades}, 10, 40)") == [True, False, False, False, True, False]
    # 2 and 5 sit 0.3 decade from their neighbours: only the decades when that is too close
    assert scales(blank, "s.logLabelled([1, 2, 5, 10, 20, 50, 100], 30, 18)") == [
        True, False, False, True, False, False, True,
    ]  # fmt: skip
    # no power of ten (ticks within a decade): each far enough from the last one labelled
    assert scales(blank, "s.logLabelled([3, 4, 5, 6, 7], 100, 18)") == [True, False, True, False, False]


def test_a_log_axis_range_is_the_data_padded_in_log10_and_a_given_one_only_above_zero(blank):
    assert scales(blank, "s.padLogRange(10, 1e6)") == pytest.approx([10**0.75, 10**6.25])
    assert scales(blank, "s.padLogRange(100, 100)") == pytest.approx([10, 1000])  # a decade each side
    assert scales(blank, "s.axisRange('log', [1e-3, 1], 5, 6)") == [1e-3, 1]
    assert scales(blank, "s.axisRange('log', [0, 1], 100, 100)") == pytest.approx([10, 1000])
    assert scales(blank, "s.axisRange('log', null, Infinity, -Infinity)") == [1, 10]
    assert scales(blank, "s.axisRange('linear', null, 0, 10)") == pytest.approx([-0.5, 10.5])


def drawn_texts(page, spec: dict, width: int):
    """Every text drawPlot writes for ``spec`` on a canvas ``width`` CSS px wide, unrotated, as
    {text, box: [left, top, right, bottom]} in CSS px (rotated texts, the y axis titles, left out)."""
    return page.evaluate(
        """([spec, width]) => import('/plot/plot.js').then((plot) => {
            const c = document.querySelector('canvas');
            c.style.width = width + 'px';
            const ctx = c.getContext('2d');
            const texts = [];
            const fillText = ctx.fillText;
            ctx.fillText = function (text, x, y, ...rest) {
                const m = ctx.getTransform();
                if (m.b === 0 && m.c === 0) {
                    const h = parseFloat(/(\\d+(\\.\\d+)?)px/.exec(ctx.font)[1]);
                    const w = ctx.measureText(text).width;
                    const left = x + m.e / m.a - ({ center: w / 2, right: w, end: w }[ctx.textAlign] ?? 0);
                    const cy = y + m.f / m.d;
                    const top = { top: cy, middle: cy - h / 2, bottom: cy - h }[ctx.textBaseline] ?? cy - 0.8 * h;
                    texts.push({ text: String(text), box: [left, top, left + w, top + h] });
                }
                return fillText.call(this, text, x, y, ...rest);
            };
            plot.drawPlot(c, spec);
            delete ctx.fillText;
            return texts;
        })""",
        [spec, width],
    )


def overlapping(texts):
    """The pairs of texts whose boxes overlap."""
    return [
        (a["text"], b["text"])
        for i, a in enumerate(texts)
        for b in texts[i + 1 :]
        if a["box"][0] < b["box"][2]
        and b["box"][0] < a["box"][2]
        and a["box"][1] < b["box"][3]
        and b["box"][1] < a["box"][3]
    ]


SIZES = [10, 100, 1000, 10**4, 10**5, 10**6]


def timing_panel(title: str, loop_per_item: float) -> dict:
    loop = [loop_per_item * n for n in SIZES]
    numpy = [2e-6 + 1e-9 * n for n in SIZES]
    return {
        "type": "xy",
        "title": title,
        "xLabel": "size",
        "yLabel": "seconds per call",
        "xScale": "log",
        "yScale": "log",
        "series": [
            {"label": "Python loop", "color": 1, "kind": "line", "x": SIZES, "y": loop},
            {"label": "NumPy", "color": 0, "kind": "points", "x": SIZES, "y": numpy,
             "labels": [f"\u00d7{a / b:.0f}" for a, b in zip(loop, numpy, strict=True)]},
        ],
    }  # fmt: skip


TIMING = {
    "legend": [{"label": "Python loop", "color": 1}, {"label": "NumPy", "color": 0}],
    "columns": 2,
    "panels": [
        timing_panel(name, k) for name, k in [("dot", 8e-8), ("outer", 1e-7), ("multiply", 6e-8), ("W·x", 9e-8)]
    ],
}


@pytest.mark.parametrize("width", [900, 360, 300])
def test_a_four_panel_log_log_plot_writes_no_text_over_another(blank, width):
    texts = drawn_texts(blank, TIMING, width)
    assert overlapping(texts) == []
    written = {t["text"] for t in texts}
    assert "1e\u22126" in written and "0.01" in written  # the seconds, every decade at this height
    assert len(written & {"10", "100", "1000", "1e4", "1e5", "1e6"}) >= 2  # sizes: as many decades as fit
    if width == 900:
        assert {"10", "100", "1000", "1e4", "1e5", "1e6"} <= written
        assert "\u00d780" in written  # the NumPy points' labels (dot: 0.08 s / 0.001 s)


def test_a_log_panel_with_zeros_nulls_negatives_one_point_or_no_data_draws_its_frame(blank):
    spec = {
        "columns": 2,
        "panels": [
            {"type": "xy", "xScale": "log", "yScale": "log", "series": [
                {"label": "a", "color": 0, "kind": "line", "x": [0, 10, 100, None, 1000, -5, 10**4],
                 "y": [1, 0.1, 0, 0.3, None, 2, 1e-3],
                 "labels": ["at zero", None, "at y 0", "", "at null", "x<0", None]},
            ]},
            {"type": "xy", "xScale": "log", "yScale": "log", "series": [
                {"label": "a", "color": 0, "kind": "points", "x": [100], "y": [1e-6], "labels": ["\u00d7120"]},
            ]},
            {"type": "xy", "xScale": "log", "yScale": "log", "series": [
                {"label": "a", "color": 0, "kind": "points", "x": [], "y": []},
                {"label": "b", "color": 1, "kind": "line", "x": [0, -1], "y": [1, 2]},
            ]},
            {"type": "xy", "xScale": "log", "series": [{"label": "a", "color": 0, "kind": "line", "x": [], "y": []}]},
        ],
    }  # fmt: skip
    written = [t["text"] for t in drawn_texts(blank, spec, 600)]
    assert not {"at zero", "at y 0", "at null", "x<0"} & set(written)  # points with no place: no label
    assert "\u00d7120" in written  # a single point: a decade each side, labelled
    assert {"1e\u22127", "1e\u22125"} <= set(written) and {"10", "1000"} <= set(written)
    assert written.count("no data") == 2  # and both frames' ticks: the default range 1 to 10
    assert written.count("10") >= 3


def test_labels_beside_points_never_overlap_and_stay_inside_the_plot(blank):
    crowd = {
        "label": "a",
        "color": 0,
        "kind": "points",
        "x": [1, 1.01, 1.02, 1.03, 1.04, 1.05] * 2,
        "y": [1, 1, 1, 1, 1, 1, 1.01, 1.01, 1.01, 1.01, 1.01, 1.01],
        "labels": [f"label {i}" for i in range(12)],
    }
    corner = {"label": "b", "color": 1, "kind": "points", "x": [100], "y": [100], "labels": ["in the corner, no room"]}
    spec = {"panels": [{"type": "xy", "xScale": "log", "yScale": "log", "xRange": [0.5, 100], "yRange": [0.5, 100],
                        "series": [crowd, corner]}]}  # fmt: skip
    texts = drawn_texts(blank, spec, 600)
    labels = [t for t in texts if t["text"].startswith("label")]
    assert 1 <= len(labels) < 12  # the crowd's labels that fit
    assert overlapping(labels) == []
    assert "in the corner, no room" not in {t["text"] for t in texts}
