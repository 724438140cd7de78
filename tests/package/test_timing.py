"""Timing the vectorization lesson (nnbasics/timing.py): time_operation's contract, checked with a
scripted clock (no assertion here depends on how fast anything runs); time_lesson's rows and the
sizes it takes (timing_sizes); the table ``python -m nnbasics`` prints; every refusal with
its code and the argument it names."""

import itertools
import math
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

import nnbasics
from nnbasics import parse_array, time_lesson, time_operation
from nnbasics.errors import InputError
from nnbasics.timing import (
    MAX_CALLS,
    MAX_TIMING_SIZE,
    MAX_TIMING_SIZES,
    MIN_READING_SECONDS,
    SIZES,
    TABLE_HEADER,
    main,
    timing_inputs,
    timing_row,
    timing_sizes,
)
from nnbasics.vectorization import OPERATIONS, UNCHECKED

from .test_vectorization import NAMES, check_refusal

# --------------------------------------------------------------------------- refusals

# (call, its arguments, the code, the exception type the caller knows it as, the argument(s) named)
REFUSALS = [
    (time_operation, ("cross", 100), "unknown-operation", ValueError, ()),
    (time_operation, (3, 100), "unknown-operation", ValueError, ()),
    (time_operation, ("dot", 0), "timing-size", ValueError, ("size",)),
    (time_operation, ("outer", MAX_TIMING_SIZE + 1), "timing-size", ValueError, ("size",)),
    (time_operation, ("dot", 1e5), "expects-whole-number", TypeError, ("size",)),
    (time_operation, ("dot", 100, 0), "too-small", ValueError, ("repeats",)),
    (time_operation, ("dot", 100, 2.0), "expects-whole-number", TypeError, ("repeats",)),
    (timing_sizes, ([[10, 100]],), "expects-vector", ValueError, ("sizes",)),
    (timing_sizes, (10,), "expects-vector", ValueError, ("sizes",)),
    (timing_sizes, ([],), "empty-vector", ValueError, ("sizes",)),
    (timing_sizes, (["10"],), "expects-real-numbers", TypeError, ("sizes",)),
    (timing_sizes, ([True, False],), "expects-real-numbers", TypeError, ("sizes",)),
    (timing_sizes, ([10, 2.5],), "expects-whole-number", TypeError, ("sizes",)),
    (timing_sizes, ([10, np.nan],), "expects-whole-number", TypeError, ("sizes",)),
    (timing_sizes, ([np.inf],), "expects-whole-number", TypeError, ("sizes",)),
    # timing-size has no {argument}: it names no argument, only the size it got
    (timing_sizes, ([10, 0],), "timing-size", ValueError, ()),
    (timing_sizes, (np.array([10.0, MAX_TIMING_SIZE + 1.0]),), "timing-size", ValueError, ()),
    (timing_sizes, (list(range(1, MAX_TIMING_SIZES + 2)),), "too-many-sizes", ValueError, ("sizes",)),
    (time_lesson, ([10], 0), "too-small", ValueError, ("repeats",)),
    (time_lesson, ([10], 2.0), "expects-whole-number", TypeError, ("repeats",)),
]
TIMING_CODES = {code for _, _, code, _, _ in REFUSALS}  # every template: test_errors.py


@pytest.mark.parametrize(
    "function, args, code, kind, named", REFUSALS, ids=[f"{f.__name__}-{code}" for f, _, code, _, _ in REFUSALS]
)
def test_every_refusal_has_its_code_names_the_argument_and_renders_from_its_params(function, args, code, kind, named):
    check_refusal(function, args, code, kind, named)


def test_the_refusals_say_what_was_got():
    with pytest.raises(InputError, match=r"from 1 to 1,000,000, but got 1000001"):
        time_operation("dot", MAX_TIMING_SIZE + 1)
    with pytest.raises(InputError, match=r"operations 'dot', 'outer', 'multiply', 'general_dot', not 'cross'"):
        time_operation("cross", 10)
    with pytest.raises(TypeError, match=r"timing_sizes expects sizes to be a whole number, but got 2.5$"):
        timing_sizes([10, 2.5])
    with pytest.raises(InputError, match=r"^timing_sizes times at most 8 different sizes, but sizes holds 9$"):
        timing_sizes([1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 1])


def test_a_size_out_of_range_is_named_with_the_function_the_sizes_were_given_to_check():
    with pytest.raises(InputError) as refused:
        time_lesson([10, 0], clock=_unread)
    assert refused.value.code == "timing-size" and refused.value.params["function"] == "timing_sizes"
    assert refused.value.params["size"] == 0


def _unread():
    raise AssertionError("the clock was read before every argument was checked")


# --------------------------------------------------------------------------- time_operation


def scripted(runs):
    """A clock that makes the runs last ``runs`` seconds, in turn (read twice per run), and then
    refuses to be read again: ``time_operation`` reads it before and after each run, nowhere else."""
    times, now = [], 100.0
    for seconds in runs:
        times += [now, now + seconds]
        now += seconds + 1.0  # what happens between runs is not timed
    return iter(times).__next__


def settled(seconds):
    """A first run long enough to settle on one call per reading."""
    return max(seconds, MIN_READING_SECONDS)


def test_the_medians_are_of_each_versions_readings_in_the_documented_order():
    loop, vectorized = [0.5, 0.1, 0.4, 0.2, 0.3], [0.05, 0.001, 0.04, 0.002, 0.003]
    runs = [loop[0], vectorized[0]] + [t for pair in zip(loop[1:], vectorized[1:]) for t in pair]
    clock = scripted(runs)
    assert time_operation("dot", 10, repeats=5, clock=clock) == pytest.approx((0.3, 0.003))
    with pytest.raises(StopIteration):  # read exactly twice per run
        clock()


def test_an_even_number_of_readings_has_the_mean_of_the_middle_two_as_median():
    runs = [settled(0.4), settled(0.04), 0.1, 0.01, 0.2, 0.02, 0.3, 0.03]
    assert time_operation("multiply", 10, repeats=4, clock=scripted(runs)) == pytest.approx((0.25, 0.025))


def test_one_repeat_is_the_run_that_settled_the_number_of_calls():
    assert time_operation("outer", 10, repeats=1, clock=scripted([0.2, 0.02])) == pytest.approx((0.2, 0.02))


def test_fast_calls_are_run_1_2_5_10_20_50_times_until_a_run_lasts_long_enough():
    short = MIN_READING_SECONDS / 2
    # the loop settles at 10 calls (its fourth run), the vectorized version at 2, then one more each
    runs = [short, short, short, 3.0, short, 0.5, 4.0, 0.6]
    loop, vectorized = time_operation("general_dot", 30, repeats=2, clock=scripted(runs))
    assert loop == pytest.approx((3.0 / 10 + 4.0 / 10) / 2)
    assert vectorized == pytest.approx((0.5 / 2 + 0.6 / 2) / 2)


def test_a_clock_that_does_not_move_stops_at_max_calls_and_reads_zero():
    assert MAX_CALLS == 10**5
    assert time_operation("dot", 1, repeats=1, clock=lambda: 0.0) == (0.0, 0.0)


@pytest.mark.parametrize("name", NAMES)
def test_with_the_real_clock_every_operation_gives_two_finite_positive_medians(name):
    timings = time_operation(name, 100, repeats=2)
    assert type(timings) is tuple and len(timings) == 2
    assert all(type(t) is float and math.isfinite(t) and t > 0 for t in timings)


@pytest.mark.parametrize("size", [1, MAX_TIMING_SIZE])
def test_the_sizes_from_1_to_max_timing_size_are_taken(size):
    assert MAX_TIMING_SIZE == 10**6
    assert time_operation("dot", size, repeats=1, clock=scripted([1.0, 2.0])) == (1.0, 2.0)


@pytest.mark.parametrize("size", [1, 2, 10, 99, 10**4, 10**5 + 1, MAX_TIMING_SIZE])
def test_a_size_is_about_the_number_of_scalar_products_one_call_does(size):
    for name in ("dot", "multiply"):
        x1, x2 = timing_inputs(name, size)[1]
        assert x1.shape == x2.shape == (size,)
    x1, x2 = timing_inputs("outer", size)[1]
    n = round(math.sqrt(size))
    assert x1.shape == x2.shape == (n,) and abs(n * n - size) <= n
    W, x = timing_inputs("general_dot", size)[1]
    assert W.shape == (3, max(1, size // 3)) and x.shape == (W.shape[1],) and W.size <= max(3, size)


@pytest.mark.parametrize("name", NAMES)
def test_the_loop_gets_python_lists_the_vectorized_call_arrays_with_the_same_seeded_numbers(name):
    loop_args, vectorized_args = timing_inputs(name, 300, seed=7)
    for a, b in zip(loop_args, vectorized_args):
        assert isinstance(b, np.ndarray) and b.dtype == np.float64
        assert isinstance(a, list) or a is b  # W is one array for both
        assert np.array_equal(np.asarray(a), b)
    again, other = timing_inputs(name, 300, seed=7), timing_inputs(name, 300, seed=8)
    assert np.array_equal(again[1][-1], vectorized_args[-1]) and not np.array_equal(other[1][-1], vectorized_args[-1])


@pytest.mark.parametrize("name", NAMES)
def test_what_is_timed_is_the_courses_code_computing_the_same_as_the_checked_pair(name):
    loop_args, vectorized_args = timing_inputs(name, 300)
    _, checked_loop, checked_vectorized = next(op for op in OPERATIONS if op[0] == name)
    loop, vectorized = UNCHECKED[name]
    assert np.array_equal(loop(*loop_args), checked_loop(*loop_args))
    assert np.array_equal(vectorized(*vectorized_args), checked_vectorized(*vectorized_args))
    np.testing.assert_allclose(loop(*loop_args), vectorized(*vectorized_args), rtol=1e-12)


# --------------------------------------------------------------------------- timing_sizes and time_lesson


def test_the_default_sizes_are_the_powers_of_ten_from_10_to_10_to_the_6_and_at_most_8_are_taken():
    assert SIZES == (10, 100, 1000, 10_000, 100_000, 1_000_000)
    assert MAX_TIMING_SIZES == 8 and timing_sizes(SIZES) == SIZES


@pytest.mark.parametrize(
    "values, sizes",
    [
        ([1000, 10, 100], (10, 100, 1000)),
        ([10, 10, 100, 10], (10, 100)),
        ((5,), (5,)),
        (np.array([1, MAX_TIMING_SIZE], dtype=np.int64), (1, 10**6)),
        (np.array([7, 3], dtype=np.uint16), (3, 7)),
        (parse_array("10 100 1e6"), (10, 100, 10**6)),
        (parse_array("[1e2, 100.0, 1E1]"), (10, 100)),
        (list(range(8, 0, -1)) * 3, (1, 2, 3, 4, 5, 6, 7, 8)),  # 8 different sizes, repeated
    ],
)
def test_timing_sizes_are_the_different_whole_numbers_ascending_as_python_ints(values, sizes):
    checked = timing_sizes(values)
    assert checked == sizes and type(checked) is tuple and all(type(size) is int for size in checked)


def test_time_lesson_times_each_size_ascending_and_each_operation_in_the_courses_order():
    # repeats=1: each operation's loop then its NumPy call settle on one call each, in one run each
    sizes = [100, 10, 100]
    runs = [MIN_READING_SECONDS * (k + 1) for k in range(16)]
    rows = time_lesson(sizes, repeats=1, clock=scripted(runs))
    expected_order = [(name, size) for size in (10, 100) for name in NAMES]
    assert [(name, size) for name, size, _, _ in rows] == expected_order
    assert [seconds for _, _, loop, vectorized in rows for seconds in (loop, vectorized)] == pytest.approx(runs)
    assert all(type(size) is int and type(loop) is float for _, size, loop, _ in rows)


def test_time_lesson_gives_time_operations_medians_with_its_seed():
    step = itertools.count(0.0, 0.25).__next__  # every run lasts 0.25 s: one call per reading
    rows = time_lesson([30], repeats=3, seed=7, clock=step)
    assert rows == [(name, 30, 0.25, 0.25) for name in NAMES]


def test_with_the_real_clock_time_lesson_gives_a_row_of_positive_times_per_operation_and_size():
    rows = time_lesson([1, 50], repeats=1)
    assert len(rows) == 8 and all(loop > 0 and vectorized > 0 for _, _, loop, vectorized in rows)


# --------------------------------------------------------------------------- the table, python -m nnbasics


@pytest.mark.parametrize(
    "row, line",
    [
        (("dot", 10, 1.5, 0.25), "dot                 10  (10,) and (10,)                1.5 s    250 ms      ×6.0"),
        (
            ("general_dot", 10**6, 0.123456, 2e-6),
            "general_dot  1,000,000  (3, 333333) and (333333,)     123 ms      2 µs   ×61,728",
        ),
        (
            ("outer", 100, 3.14159e-7, 0.0),
            "outer              100  (10,) and (10,)               314 ns      0 ns       n/a",
        ),
        (
            ("multiply", 7, 0.00099, 0.0001),
            "multiply             7  (7,) and (7,)                 990 µs    100 µs      ×9.9",
        ),
    ],
)
def test_a_row_of_the_table_says_the_inputs_the_times_with_their_unit_and_the_speed_up(row, line):
    assert timing_row(row) == line


def test_the_table_head_names_each_column_over_a_rule():
    names, rule = TABLE_HEADER.splitlines()
    assert names.split() == ["operation", "size", "inputs", "loop", "NumPy", "speed-up"]
    assert set(rule) == {"-"} and len(rule) >= len(timing_row(("general_dot", 10**6, 1.0, 1.0)))


def test_main_prints_the_lesson_timed_at_the_sizes_given_as_text(capsys):
    step = itertools.count(0.0, 0.5).__next__
    assert main(["20", "1e1", "10"], clock=step) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"The course's loops against NumPy: Python {sys.version.split()[0]}, NumPy {np.__version__}"
    assert out[1:3] == TABLE_HEADER.splitlines()
    assert out[3:] == [timing_row((name, size, 0.5, 0.5)) for size in (10, 20) for name in NAMES]
    assert out[3] == "dot                 10  (10,) and (10,)               500 ms    500 ms      ×1.0"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["0"], "error: timing_sizes expects a size (scalar products per call) from 1 to 1,000,000, but got 0"),
        (["ten"], "error: unexpected 'ten' at line 1, column 1: expected a number"),
        (["[[10]]"], "error: timing_sizes expects sizes to be a 1-D vector, but got an array of shape (1, 1)"),
    ],
)
def test_main_refuses_sizes_it_cannot_use_with_the_packages_message_and_status_2(argv, message, capsys):
    assert main(argv, clock=_unread) == 2
    printed = capsys.readouterr()
    assert printed.out == "" and printed.err == message + "\n"


def test_python_m_nnbasics_runs_the_table_with_no_warning():
    py = pathlib.Path(nnbasics.__file__).parent.parent
    environment = {**os.environ, "PYTHONPATH": str(py)}
    done = subprocess.run(
        [sys.executable, "-m", "nnbasics", "10"], capture_output=True, text=True, env=environment, check=True
    )
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[1:3] == TABLE_HEADER.splitlines() and [line.split()[0] for line in lines[3:]] == NAMES
