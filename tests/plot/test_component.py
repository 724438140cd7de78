"""The plotting component's pure parts (web/plot/scales.js and the layout of plot.js), run in
Chromium on a blank page of the site: ticks, number formats, colour scales and ranges,
and where panels go at a given width."""

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
