"""format_array: exactly print's output under NumPy's default print options."""

import contextlib
import io

import numpy as np
import pytest
from hypothesis import given

from nnbasics import format_array

from .conftest import float_arrays

DEFAULTS = np.get_printoptions()  # the test session runs with NumPy's defaults


def printed(a):
    """What print(a) writes, without the newline."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        print(a)
    return out.getvalue()[:-1]


def test_the_session_runs_with_numpys_default_print_options():
    assert DEFAULTS["precision"] == 8 and DEFAULTS["threshold"] == 1000 and DEFAULTS["linewidth"] == 75


@pytest.mark.parametrize(
    "value, text",
    [
        (1.1, "1.1"),
        (0.43, "0.43"),
        (0.7310585786300049, "0.7310585786300049"),
        (np.float64(0.43), "0.43"),
        (np.array(0.5), "0.5"),
        (np.float64(1e-20), "1e-20"),
        (3, "3"),
    ],
)
def test_format_array_of_a_number_is_str(value, text):
    assert format_array(value) == text


@given(float_arrays(max_side=8))
def test_format_array_is_what_print_shows(a):
    assert format_array(a) == printed(a)


def test_format_array_summarises_over_1000_elements_like_print():
    a = np.arange(1001.0)
    text = format_array(a)
    assert text == printed(a) == "[   0.    1.    2. ...  998.  999. 1000.]"
    b = np.linspace(0, 1, 2000).reshape(40, 50)
    assert format_array(b) == printed(b) and "..." in format_array(b)


def test_format_array_keeps_1000_elements_in_full():
    a = np.arange(1000.0)
    assert "..." not in format_array(a)


def test_format_array_ignores_print_options_set_globally_and_restores_them():
    a = np.array([[np.pi, np.nan, 1e-5], [np.inf, -2.0, 0.5]])
    expected = printed(a)  # print() under NumPy's defaults
    weird = dict(
        precision=2,
        threshold=3,
        edgeitems=1,
        linewidth=20,
        suppress=True,
        nanstr="NA",
        infstr="INF",
        sign="+",
        floatmode="fixed",
        formatter={"float_kind": lambda v: "X"},
    )
    with np.printoptions(**weird):
        options = np.get_printoptions()
        assert format_array(a) == expected
        assert format_array(np.arange(2000.0)) == "[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]"
        assert np.get_printoptions() == options
    with np.printoptions(legacy="1.13"):
        assert format_array(a) == expected
    assert np.get_printoptions() == DEFAULTS
