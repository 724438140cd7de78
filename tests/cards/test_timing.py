"""web/cards/timing.py: a timing run's plan, its measurements and its plot, as the page's worker answers them."""

import json

import pytest

from web.cards import timing

OPERATIONS = ["dot", "outer", "multiply", "general_dot"]  # the course's order, written out: the reference


def test_a_plan_times_every_operation_at_each_size_from_the_smallest():
    plan = timing.timing_plan("1000 10, 100 10")
    assert plan == {"steps": [[name, size] for size in (10, 100, 1000) for name in OPERATIONS]}


def test_a_plan_takes_sizes_written_as_numpy_prints_them_and_whole_floats():
    assert [size for _, size in timing.timing_plan("[1e1 1e6]")["steps"]][::4] == [10, 1_000_000]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("10 2000000", "timing-size"),
        ("0 10", "timing-size"),
        ("1 2 3 4 5 6 7 8 9", "too-many-sizes"),
        ("10 2.5", "expects-whole-number"),
        ("[[10, 100]]", "expects-vector"),
        ("ten", None),  # a parse error: its own code
        ("", "empty"),
    ],
)
def test_sizes_that_cannot_be_timed_are_refused_naming_the_sizes_field(text, code):
    (error,) = timing.timing_plan(text)["errors"]
    assert error["field"] == "sizes" and error["message"]
    assert error["code"] == code if code else error["code"]
    assert set(error) == {"field", "message", "code", "params"}


def test_a_measurement_gives_both_versions_median_seconds_per_call():
    step = timing.measure("multiply", 10)
    assert step["name"] == "multiply" and step["size"] == 10
    assert step["loop"] > 0 and step["numpy"] > 0


def test_the_json_calls_round_trip_what_the_page_sends():
    plan = json.loads(timing.timing_plan_json("10"))
    name, size = plan["steps"][0]
    step = json.loads(timing.measure_json(name, str(size)))
    shown = json.loads(timing.timing_plot_json(json.dumps([step]), "ko"))
    assert set(shown) == {"plot", "alt"}


MEASURED = [
    {"name": "dot", "size": 10, "loop": 2e-6, "numpy": 1e-6},
    {"name": "dot", "size": 1000, "loop": 2e-4, "numpy": 2e-6},
    {"name": "general_dot", "size": 10, "loop": 9e-6, "numpy": 3e-6},
]


def test_the_plot_has_a_log_log_panel_per_operation_with_the_loop_and_numpy_as_lines():
    plot = timing.timing_plot(MEASURED, "en")["plot"]
    assert len(plot["panels"]) == 4
    for panel in plot["panels"]:
        assert panel["xScale"] == panel["yScale"] == "log"
        assert [series["kind"] for series in panel["series"]] == ["line", "line"]
    dot = plot["panels"][0]["series"]
    assert dot[0]["x"] == [10, 1000] and dot[0]["y"] == [2e-6, 2e-4] and dot[1]["y"] == [1e-6, 2e-6]


def test_numpys_points_are_labelled_with_its_speed_up_and_each_panel_notes_the_largest():
    panels = timing.timing_plot(MEASURED, "en")["plot"]["panels"]
    assert panels[0]["series"][1]["labels"] == ["×2", "×100"]  # 2e-6 / 1e-6, 2e-4 / 2e-6
    assert panels[0]["note"] == "×100 at 1,000"
    assert panels[1]["note"] is None and panels[1]["series"][0]["x"] == []  # outer: nothing yet


def test_the_text_alternative_gives_every_figure_in_the_pages_language():
    alt = timing.timing_plot(MEASURED, "en")["alt"]
    for figure in ("2 µs", "200 µs", "×100", "9 µs", "×3", "median of 3"):
        assert figure in alt
    assert (
        "NumPy" in timing.timing_plot(MEASURED, "ko")["alt"] and "반복문" in timing.timing_plot(MEASURED, "ko")["alt"]
    )


def test_before_any_measurement_the_text_alternative_says_so():
    assert timing.timing_plot([], "en")["alt"] == "Nothing measured yet."


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(1.5, "1.5 s"), (12.0, "12 s"), (0.035, "35 ms"), (4.1e-6, "4.1 µs"), (7.6e-7, "760 ns"), (8e-9, "8 ns")],
)
def test_durations_are_written_in_the_unit_a_person_reads(seconds, shown):
    assert timing._duration(seconds) == shown


@pytest.mark.parametrize(
    ("loop", "numpy", "shown"), [(1, 2.5, "0.4"), (3.2, 1, "3.2"), (2, 1, "2"), (1500, 1, "1,500")]
)
def test_a_speed_up_below_ten_keeps_a_decimal_and_a_large_one_is_grouped(loop, numpy, shown):
    assert timing._speedup({"loop": loop, "numpy": numpy}) == shown
