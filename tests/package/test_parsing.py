"""parse_array: what a person may type (full-width too), what is refused (message, code, params),
print -> parse. Its time: test_parsing_speed.py."""

import ast
import builtins
import copy
import json
import pickle
import re
import string

import numpy as np
import pytest
from hypothesis import given

from nnbasics import format_array, parse_array, parsing
from nnbasics.errors import MESSAGES, InputError

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
    # Typed with a Korean keyboard in full-width mode.
    ("［1，２，3］", [1, 2, 3]),
    ("［［１，２］，［３，４］］", [[1, 2], [3, 4]]),
    ("１\u3000２；３\u3000４", [[1, 2], [3, 4]]),
    ("－１．５ｅ＋３", -1500),
    ("１Ｅ－２", 0.01),
    ("np.array（［1, 2］）", [1, 2]),
    ("\u3000[1,\u30002]\u3000", [1, 2]),
]

REFUSED = [
    ("", "empty", "empty text"),
    ("  \n\t", "empty", "empty text"),
    ("[1, 2", "unclosed-bracket", "missing ']' to close the '[' at line 1, column 1"),
    ("[[1, 2], [3, 4]", "unclosed-bracket", "missing ']' to close the '[' at line 1, column 1"),
    ("[[1, 2], [3, 4", "unclosed-bracket", "missing ']' to close the '[' at line 1, column 10"),
    ("[1, 2]]", "unmatched-bracket", "unmatched ']' at line 1, column 7"),
    ("]", "unmatched-bracket", "unmatched ']' at line 1, column 1"),
    ("[[1, 2, 3], [4, 5]]", "ragged-rows", "row 2 has 2 numbers but row 1 has 3 (at line 1, column 13)"),
    ("[[1, 2],\n [3]]", "ragged-rows", "row 2 has 1 number but row 1 has 2 (at line 2, column 2)"),
    ("0 3 4; 1 6", "ragged-rows", "row 2 has 2 numbers but row 1 has 3"),
    ("[[[1, 2], [3, 4]], [[5, 6]]]", "ragged-items", "item 2 has shape (1, 2) but item 1 has shape (2, 2)"),
    ("[1, [2, 3]]", "mixed-items", "a list must hold only numbers or only lists"),
    ("[[1, 2], 3]", "mixed-items", "a list must hold only numbers or only lists"),
    ("[1, 2, abc]", "not-a-list-item", "unexpected 'abc' at line 1, column 8"),
    ("abc", "not-a-number", "unexpected 'abc' at line 1, column 1"),
    ("[1,\n 2,\n abc]", "not-a-list-item", "unexpected 'abc' at line 3, column 2"),
    ("x = [1, 2]", "not-a-list-item", "unexpected 'x' at line 1, column 1"),
    ("['1', '2']", "quoted-text", "text in quotes is not a number"),
    ('"1 2"', "quoted-text", "text in quotes is not a number"),
    ("True", "boolean", "True and False are not numbers"),
    ("[True, False]", "boolean", "True and False are not numbers"),
    ("1j", "complex-number", "complex numbers are not accepted"),
    ("[1+2j]", "complex-number", "complex numbers are not accepted"),
    ("[2.5-1e3j, 1]", "complex-number", "complex numbers are not accepted"),
    ("{1: 2}", "dict-or-set", "dict or a set"),
    ("(1, 2, 3)", "parentheses", "parentheses (tuples or calls) are not read"),
    ("[(1, 2)]", "parentheses", "parentheses (tuples or calls) are not read"),
    ("np.zeros(3)", "parentheses", "parentheses (tuples or calls) are not read"),
    ("__import__('os').system('ls')", "parentheses", "parentheses (tuples or calls) are not read"),
    ("nan", "not-finite", "only finite real numbers"),
    ("[1, nan]", "not-finite", "only finite real numbers"),
    ("inf", "not-finite", "only finite real numbers"),
    ("[-inf]", "not-finite", "only finite real numbers"),
    ("[Infinity]", "not-finite", "only finite real numbers"),
    ("1e999", "too-large", "'1e999' at line 1, column 1 is too large for a float"),
    ("[1, 2,\n -1e400]", "too-large", "'-1e400' at line 2, column 2 is too large for a float"),
    ("[[[[1]]]]", "too-many-dimensions", "more than 3 dimensions"),
    ("[0. 1. 2. ... 7. 8. 9.]", "numpy-ellipsis", "'...' means NumPy left numbers out"),
    ("[1,,2]", "misplaced-comma", "unexpected ',' at line 1, column 4"),
    ("[,1]", "misplaced-comma", "unexpected ',' at line 1, column 2"),
    ("[1] [2]", "after-the-end", "after the end of the array"),
    ("[1], [2]", "after-the-end", "after the end of the array"),
    ("1 [2]", "outside-brackets", "must be inside the brackets"),
    ("[1.2.3]", "not-a-list-item", "unexpected '1.2.3'"),
    ("[1 - 2]", "not-a-list-item", "unexpected '-'"),
    ("1_000", "not-a-number", "unexpected '1_000'"),
    ("0x10", "not-a-number", "unexpected '0x10'"),
    ("[1; 2]", "semicolon-in-brackets", "';' separates rows only in text without brackets"),
    (";", "no-numbers", "no numbers found"),
    ("np.array([1, 2]) * 2", "unclosed-parenthesis", "missing ')' at the end"),
    ("np.array([1, 2], dtype=bool)", "unsupported-dtype", "dtype=bool is not supported"),
    ("np.array([1.5], dtype=int)", "int-dtype-decimals", "dtype=int would cut off the decimals"),
    ("np.array( )", "empty-wrapper", "nothing inside np.array()"),
    ("np.array(1 2)", "wrapper-without-list", "must hold one list in brackets"),
    # Full-width forms are read as ASCII, so their mistakes are the ASCII ones.
    ("１，２；３", "ragged-rows", "row 2 has 1 number but row 1 has 2 (at line 1, column 5)"),
    ("［1, 2", "unclosed-bracket", "missing ']' to close the '[' at line 1, column 1"),
    ("[1，，2]", "misplaced-comma", "unexpected ',' at line 1, column 4"),
    # Any other character that is not ASCII is named, with its code point and Unicode name.
    ("[1·2]", "unexpected-character", "unexpected character '·' (U+00B7 MIDDLE DOT) at line 1, column 3"),
    (
        "[1, 2,\n 가]",
        "unexpected-character",
        "unexpected character '가' (U+AC00 HANGUL SYLLABLE GA) at line 2, column 2",
    ),
    (
        "［1，２，ｘ］",
        "unexpected-character",
        "unexpected character 'ｘ' (U+FF58 FULLWIDTH LATIN SMALL LETTER X) at line 1, column 6",
    ),
    ("np.array([1, 2])。", "unexpected-character", "'。' (U+3002 IDEOGRAPHIC FULL STOP) at line 1, column 17"),
    ("[‘1’]", "unexpected-character", "'‘' (U+2018 LEFT SINGLE QUOTATION MARK) at line 1, column 2"),
    ("1\u200b2", "unexpected-character", "'\\u200b' (U+200B ZERO WIDTH SPACE) at line 1, column 2"),
    ("1 \x80", "unexpected-character", "'\\x80' (U+0080 <control>) at line 1, column 3"),
    ("1 \U0001f600", "unexpected-character", "(U+1F600 GRINNING FACE) at line 1, column 3"),
]


@pytest.mark.parametrize("text, expected", ACCEPTED)
def test_parse_array_accepts(text, expected):
    result = parse_array(text)
    expected = np.asarray(expected, dtype=np.float64)
    assert result.dtype == np.float64
    assert result.shape == expected.shape
    np.testing.assert_array_equal(result, expected)


@pytest.mark.parametrize("text, code, fragment", REFUSED)
def test_parse_array_refuses_with_a_message_saying_what_and_where(text, code, fragment):
    with pytest.raises(ValueError, match=re.escape(fragment)):
        parse_array(text)


def test_parse_array_refuses_text_that_is_not_a_str():
    with pytest.raises(TypeError, match="parse_array reads text"):
        parse_array([1, 2, 3])


def test_parse_array_refuses_more_than_a_million_numbers_saying_the_limit():
    assert parse_array("1 " * 1_000_000).shape == (1_000_000,)
    with pytest.raises(ValueError, match="at most 1,000,000 numbers"):
        parse_array("[" + "1, " * 1_000_001 + "]")
    with pytest.raises(InputError, match="at most 1,000,000 numbers") as refused:
        parse_array("1 2\n" * 500_001)
    assert (refused.value.code, refused.value.params) == ("too-many-numbers", {"max_numbers": 1_000_000})


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
    [
        "[0.73105858 0.88079708 0.95257413]",
        "[0.19661193 0.10499359 0.04517666]",
        SOFTMAX_PRINTED,
        "[[0.         0.6        0.8       ]\n [0.13736056 0.82416338 0.54944226]]",
    ],
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


# What a Korean IME types in full-width mode, and the ASCII each is read as.
FULL_WIDTH = dict(zip("０１２３４５６７８９，［］－．＋；（）ｅＥ\u3000", "0123456789,[]-.+;()eE "))
# What plots and web pages print instead of ASCII.
TYPOGRAPHIC = {"\u2212": "-", "\u2013": "-", "\u00a0": " "}


def test_parse_array_reads_exactly_the_listed_full_width_and_typographic_characters():
    assert {chr(code): ascii for code, ascii in parsing._TYPOGRAPHIC.items()} == FULL_WIDTH | TYPOGRAPHIC


@pytest.mark.parametrize("ascii_text", ["np.array([[+1.5e-2, 3E1], [6789, 0.4]])", "-1.5e+2 3E1; 6789 .4"])
def test_parse_array_reads_each_full_width_character_as_its_ascii_form(ascii_text):
    expected = parse_array(ascii_text)
    for wide, ascii in FULL_WIDTH.items():
        if ascii in ascii_text:
            one_wide = ascii_text.replace(ascii, wide)
            np.testing.assert_array_equal(parse_array(one_wide), expected, err_msg=one_wide)
    all_wide = ascii_text.translate(str.maketrans({ascii: wide for wide, ascii in FULL_WIDTH.items()}))
    np.testing.assert_array_equal(parse_array(all_wide), expected, err_msg=all_wide)


def test_the_docstring_names_every_character_read_as_ascii():
    doc = parse_array.__doc__
    ranges = [range(int(a, 16), int(b, 16) + 1) for a, b in re.findall(r"U\+(\w{4})-U\+(\w{4})", doc)]
    for char in FULL_WIDTH | TYPOGRAPHIC:
        assert f"U+{ord(char):04X}" in doc or any(ord(char) in r for r in ranges), f"U+{ord(char):04X}"


# ---- every refusal has a stable code, and the params its English message is made of ----

# A MESSAGES template as a page would render it: {name}, {name!r}, {name:,}, {n:number/numbers}
# ('1 number', '2 numbers'), {{ and }}; written here apart from parsing.py as a second opinion.
TEMPLATE_FIELD = re.compile(r"\{\{|\}\}|\{(?P<name>\w+)(?P<repr>!r)?(?::(?P<spec>[^}]*))?\}")


def render(template, params):
    def field(match):
        if match["name"] is None:
            return match.group()[0]
        value, spec = params[match["name"]], match["spec"] or ""
        if "/" in spec:
            one, many = spec.split("/")
            return f"{value} {one if value == 1 else many}"
        return format(repr(value) if match["repr"] else value, spec)

    return TEMPLATE_FIELD.sub(field, template)


def placeholders(template):
    return {match["name"] for match in TEMPLATE_FIELD.finditer(template) if match["name"]}


@pytest.mark.parametrize("text, code, fragment", REFUSED)
def test_every_refusal_has_its_code_and_params_from_which_the_message_renders(text, code, fragment):
    with pytest.raises(InputError) as refused:
        parse_array(text)
    error = refused.value
    assert isinstance(error, ValueError)
    assert error.code == code
    assert set(error.params) == placeholders(MESSAGES[code])
    for value in error.params.values():  # plain values, as a page receives them
        assert type(value) in (str, int) or (type(value) is tuple and all(type(n) is int for n in value))
    assert render(MESSAGES[code], error.params) == str(error)


PARSING_CODES = {code for _, code, _ in REFUSED} | {"too-many-numbers"}  # the latter tested on its own above


def test_every_message_template_is_well_formed():
    assert PARSING_CODES <= set(MESSAGES)  # the operations' codes: test_errors.py
    for template in MESSAGES.values():  # str.format reads the same fields
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        assert fields == placeholders(template), template


def test_a_refusal_names_the_character_its_code_point_and_unicode_name():
    with pytest.raises(InputError) as refused:
        parse_array("[1, 2,\n 3·4]")
    assert refused.value.code == "unexpected-character"
    assert refused.value.params == {
        "char": "·",
        "codepoint": "U+00B7",
        "charname": "MIDDLE DOT",
        "line": 2,
        "column": 3,
    }


def test_an_input_error_survives_pickling_and_copying_with_its_code_and_params():
    with pytest.raises(InputError) as refused:
        parse_array("[[1, 2, 3], [4, 5]]")
    for again in (pickle.loads(pickle.dumps(refused.value)), copy.copy(refused.value)):
        assert (type(again), again.code, again.params, str(again)) == (
            InputError,
            "ragged-rows",
            refused.value.params,
            str(refused.value),
        )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[1, 2, 3]", np.array([1, 2, 3])),
        ("7", np.array(7)),
        ("[[1, -2], [3, 4]]", np.array([[1, -2], [3, 4]])),
        ("np.array([1.0, 2], dtype=int)", np.array([1.0, 2], dtype=int)),
        ("np.array([1, 2])", np.array([1, 2])),
        ("np.array(3)", np.array(3)),
        ("０ １", np.array([0, 1])),
    ],
)
def test_with_integers_whole_numbers_written_as_such_read_as_numpy_reads_the_literal(text, expected):
    array = parse_array(text, integers=True)
    assert array.dtype == np.int64 and array.shape == expected.shape
    np.testing.assert_array_equal(array, expected)


@pytest.mark.parametrize(
    "text",
    ["[1, 2.5]", "[1., 2]", "1e3", "np.array([1, 2], dtype=float)", "np.array([1.5])", "9007199254740993", "[1, 2]"],
)
def test_a_decimal_point_an_exponent_a_float_dtype_or_a_number_past_2_53_keeps_float64(text):
    integers = text != "[1, 2]"  # and without integers=True, integers are floats as ever
    assert parse_array(text, integers=integers).dtype == np.float64
