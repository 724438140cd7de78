"""parse_array: what a person may type, what is refused (and the message), and print -> parse."""

import ast
import builtins
import json
import re

import numpy as np
import pytest
from hypothesis import given

from nnbasics import format_array, parse_array

from .conftest import COURSE_IMAGE, float_arrays

COURSE_IMAGE_LITERAL = """[[[ 0.67826139,  0.29380381], [ 0.90714982,  0.52835647], [ 0.4215251 ,  0.45017551],],
 [[ 0.92814219,  0.96677647], [ 0.85304703,  0.52351845], [ 0.19981397,  0.27417313],],
 [[ 0.60659855,  0.00533165], [ 0.10820313,  0.49978937], [ 0.34144279,  0.94630077],],
]"""

SOFTMAX_PRINTED = (
    "[[9.80897665e-01 8.94462891e-04 1.79657674e-02 1.21052389e-04\n  1.21052389e-04]\n"
    " [8.78679856e-01 1.18916387e-01 8.01252314e-04 8.01252314e-04\n  8.01252314e-04]]"
)
SOFTMAX_NUMBERS = [
    [9.80897665e-01, 8.94462891e-04, 1.79657674e-02, 1.21052389e-04, 1.21052389e-04],
    [8.78679856e-01, 1.18916387e-01, 8.01252314e-04, 8.01252314e-04, 8.01252314e-04],
]

ACCEPTED = [
    ("[1, 2, 3]", [1, 2, 3]),
    ("[[0, 3, 4], [1, 6, 4]]", [[0, 3, 4], [1, 6, 4]]),
    ("[[0, 3, 4],\n [1, 6, 4],\n]", [[0, 3, 4], [1, 6, 4]]),
    ("[1, 2, 3,]", [1, 2, 3]),
    ("[\n1,\n2\n]", [1, 2]),
    (COURSE_IMAGE_LITERAL, COURSE_IMAGE),
    (repr(COURSE_IMAGE), COURSE_IMAGE),
    (str(COURSE_IMAGE), COURSE_IMAGE),
    ("[0.73105858 0.88079708 0.95257413]", [0.73105858, 0.88079708, 0.95257413]),
    ("[[0.  0.6 0.8]\n [0.1 0.8 0.5]]", [[0, 0.6, 0.8], [0.1, 0.8, 0.5]]),
    (SOFTMAX_PRINTED, SOFTMAX_NUMBERS),
    ("np.array([1, 2, 3])", [1, 2, 3]),
    ("numpy.array([[1, 2], [3, 4]])", [[1, 2], [3, 4]]),
    ("array([1., 2.])", [1, 2]),
    ("np.array([1, 2], dtype=float)", [1, 2]),
    ("np.array([1, 2], dtype=np.float64)", [1, 2]),
    ("np.array([[1, 2]], dtype='int')", [[1, 2]]),
    ("array([1, 2], dtype=int8)", [1, 2]),
    ("np.array(3)", 3),
    ("0 3 4; 1 6 4", [[0, 3, 4], [1, 6, 4]]),
    ("0 3 4\n1 6 4\n", [[0, 3, 4], [1, 6, 4]]),
    ("0 3 4\n  \n1 6 4;", [[0, 3, 4], [1, 6, 4]]),
    ("0, 3, 4\r\n1, 6, 4", [[0, 3, 4], [1, 6, 4]]),
    ("1 2 3", [1, 2, 3]),
    ("1, 2, 3", [1, 2, 3]),
    ("1\n2\n3", [[1], [2], [3]]),
    ("3", 3),
    ("  7  \n", 7),
    ("1e-3", 0.001),
    (".5", 0.5),
    ("-2.", -2),
    ("+4", 4),
    ("[ 1.5E+02 , -.25 , +3 ]", [150, -0.25, 3]),
    ("1\u00a02", [1, 2]),
    ("[]", np.zeros(0)),
    ("[[], []]", np.zeros((2, 0))),
]

REFUSED = [
    ("", "empty text"),
    ("  \n\t", "empty text"),
    ("[1, 2", "missing ']' to close the '[' at line 1, column 1"),
    ("[[1, 2], [3, 4]", "missing ']' to close the '[' at line 1, column 1"),
    ("[[1, 2], [3, 4", "missing ']' to close the '[' at line 1, column 10"),
    ("[1, 2]]", "unmatched ']' at line 1, column 7"),
    ("]", "unmatched ']' at line 1, column 1"),
    ("[[1, 2, 3], [4, 5]]", "row 2 has 2 numbers but row 1 has 3 (at line 1, column 13)"),
    ("[[1, 2],\n [3]]", "row 2 has 1 number but row 1 has 2 (at line 2, column 2)"),
    ("0 3 4; 1 6", "row 2 has 2 numbers but row 1 has 3"),
    ("[[[1, 2], [3, 4]], [[5, 6]]]", "item 2 has shape (1, 2) but item 1 has shape (2, 2)"),
    ("[1, [2, 3]]", "a list must hold only numbers or only lists"),
    ("[[1, 2], 3]", "a list must hold only numbers or only lists"),
    ("[1, 2, abc]", "unexpected 'abc' at line 1, column 8"),
    ("abc", "unexpected 'abc' at line 1, column 1"),
    ("[1,\n 2,\n abc]", "unexpected 'abc' at line 3, column 2"),
    ("x = [1, 2]", "unexpected 'x' at line 1, column 1"),
    ("['1', '2']", "text in quotes is not a number"),
    ('"1 2"', "text in quotes is not a number"),
    ("True", "True and False are not numbers"),
    ("[True, False]", "True and False are not numbers"),
    ("1j", "complex numbers are not accepted"),
    ("[1+2j]", "complex numbers are not accepted"),
    ("[2.5-1e3j, 1]", "complex numbers are not accepted"),
    ("{1: 2}", "dict or a set"),
    ("(1, 2, 3)", "parentheses (tuples or calls) are not read"),
    ("[(1, 2)]", "parentheses (tuples or calls) are not read"),
    ("np.zeros(3)", "parentheses (tuples or calls) are not read"),
    ("__import__('os').system('ls')", "parentheses (tuples or calls) are not read"),
    ("nan", "only finite real numbers"),
    ("[1, nan]", "only finite real numbers"),
    ("inf", "only finite real numbers"),
    ("[-inf]", "only finite real numbers"),
    ("[Infinity]", "only finite real numbers"),
    ("1e999", "'1e999' at line 1, column 1 is too large for a float"),
    ("[1, 2,\n -1e400]", "'-1e400' at line 2, column 2 is too large for a float"),
    ("[[[[1]]]]", "more than 3 dimensions"),
    ("[0. 1. 2. ... 7. 8. 9.]", "'...' means NumPy left numbers out"),
    ("[1,,2]", "unexpected ',' at line 1, column 4"),
    ("[,1]", "unexpected ',' at line 1, column 2"),
    ("[1] [2]", "after the end of the array"),
    ("[1], [2]", "after the end of the array"),
    ("1 [2]", "must be inside the brackets"),
    ("[1.2.3]", "unexpected '1.2.3'"),
    ("[1 - 2]", "unexpected '-'"),
    ("1_000", "unexpected '1_000'"),
    ("0x10", "unexpected '0x10'"),
    ("[1; 2]", "';' separates rows only in text without brackets"),
    (";", "no numbers found"),
    ("np.array([1, 2]) * 2", "missing ')' at the end"),
    ("np.array([1, 2], dtype=bool)", "dtype=bool is not supported"),
    ("np.array([1.5], dtype=int)", "dtype=int would cut off the decimals"),
    ("np.array( )", "nothing inside np.array()"),
    ("np.array(1 2)", "must hold one list in brackets"),
]


@pytest.mark.parametrize("text, expected", ACCEPTED)
def test_parse_array_accepts(text, expected):
    result = parse_array(text)
    expected = np.asarray(expected, dtype=np.float64)
    assert result.dtype == np.float64
    assert result.shape == expected.shape
    np.testing.assert_array_equal(result, expected)


@pytest.mark.parametrize("text, fragment", REFUSED)
def test_parse_array_refuses_with_a_message_saying_what_and_where(text, fragment):
    with pytest.raises(ValueError, match=re.escape(fragment)):
        parse_array(text)


def test_parse_array_refuses_text_that_is_not_a_str():
    with pytest.raises(TypeError, match="parse_array reads text"):
        parse_array([1, 2, 3])


def test_parse_array_refuses_more_than_a_million_numbers_saying_the_limit():
    assert parse_array("1 " * 1_000_000).shape == (1_000_000,)
    with pytest.raises(ValueError, match="at most 1,000,000 numbers"):
        parse_array("[" + "1, " * 1_000_001 + "]")
    with pytest.raises(ValueError, match="at most 1,000,000 numbers"):
        parse_array("1 2\n" * 500_001)


def test_parse_array_never_evaluates_the_text(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("parse_array must not evaluate text")

    for owner, name in [(builtins, "eval"), (builtins, "exec"), (ast, "literal_eval"), (json, "loads")]:
        monkeypatch.setattr(owner, name, forbidden)
    assert parse_array("np.array([[1, 2], [3, 4]])").tolist() == [[1, 2], [3, 4]]
    with pytest.raises(ValueError):
        parse_array("__import__('os').system('echo hacked')")


def test_parse_array_reads_a_1000_by_1000_printout_with_commas_exactly():
    # How fast is the benchmark's business (python3 build.py bench), not a test's.
    a = np.random.default_rng(0).standard_normal((1000, 1000))
    # What np.array2string(a, separator=', ', threshold=big) prints, in full precision, built quickly.
    text = "[" + ",\n ".join("[" + ", ".join(map(repr, row)) + "]" for row in a.tolist()) + "]"
    np.testing.assert_array_equal(parse_array(text), a)


@pytest.mark.parametrize(
    "printed",
    ["[0.73105858 0.88079708 0.95257413]", "[0.19661193 0.10499359 0.04517666]", SOFTMAX_PRINTED,
     "[[0.         0.6        0.8       ]\n [0.13736056 0.82416338 0.54944226]]"],
)
def test_every_course_printout_parses_back_and_prints_the_same(printed):
    assert format_array(parse_array(printed)) == printed


@given(float_arrays(min_dims=0, max_dims=3, min_side=1, max_side=4, limit=1e300))
def test_print_then_parse_gives_the_same_numbers_at_printed_precision(a):
    back = parse_array(format_array(a))
    assert back.shape == a.shape
    np.testing.assert_allclose(back, a, rtol=1e-8, atol=1e-8)


@given(float_arrays(min_dims=2, max_dims=2, min_side=1, max_side=12, limit=1e6))
def test_print_with_commas_then_parse_gives_the_same_numbers(a):
    text = np.array2string(a, separator=", ", precision=17, floatmode="unique")
    np.testing.assert_array_equal(parse_array(text), a)


def test_parse_array_reads_the_typographic_minus_that_plots_and_web_pages_print():
    np.testing.assert_array_equal(parse_array("[\u22121.5, 2]"), [-1.5, 2.0])
    np.testing.assert_array_equal(parse_array("1\u00a02"), [1.0, 2.0])
