"""parse_array takes time linear in the length of the text, valid or not: no pattern of it can
backtrack."""

import ast
import gc
import pathlib
import re
import re._parser as sre_parser  # the parse tree of a pattern (CPython 3.11+)
import statistics
import time
from re._constants import MAX_REPEAT, MAXREPEAT, MIN_REPEAT

import pytest

from nnbasics import parse_array, parsing

# ---- time linear in the length of the text, valid or not ----

# Each shape of text at about n characters; several once took time quadratic in n.
LINEAR_SHAPES = {
    "digits then a letter": lambda n: "1" * n + "x",
    "digits then a letter, in brackets": lambda n: "[" + "1" * n + "x]",
    "digits then j": lambda n: "1" * n + "j",
    "digits + digits then a letter": lambda n: "1" * (n // 2) + "+" + "1" * (n // 2) + "x",
    "digits then a dot and a letter": lambda n: "1" * n + ".x",
    "an exponent of many digits then a letter": lambda n: "1e" + "1" * n + "x",
    "a number of many digits": lambda n: "1" * (n // 2) + "." + "1" * (n // 2),
    "a valid list": lambda n: "[" + "1, " * (n // 3) + "]",
    "a valid list of lists": lambda n: "[" + "[1, 2], " * (n // 8) + "]",
    "rows separated by spaces": lambda n: "1 2 3 4 5 6 7\n" * (n // 14),
    "numbers then a letter": lambda n: "1 " * (n // 2) + "x",
    "a number, spaces then a letter": lambda n: "1" + " " * n + "x",
    "a number, spaces then a letter, in brackets": lambda n: "[1" + " " * n + "x]",
    "'1.' repeated": lambda n: "1." * (n // 2),
    "'1e' repeated": lambda n: "1e" * (n // 2),
    "minus signs": lambda n: "-" * n,
    "dots": lambda n: "." * n,
    "spaces then a number": lambda n: " " * n + "1",
    "newlines in brackets": lambda n: "[" + "\n" * n + "1]",
    "open brackets": lambda n: "[" * n,
    "np.array( then spaces": lambda n: "np.array([1]" + " " * n,
    "np.array( then dtype= and spaces": lambda n: "np.array([1], dtype=" + " " * n,
    "rows of different lengths at the end": lambda n: "1 2\n" * (n // 4) + "1",
    "a number too large at the end": lambda n: "[" + "1, " * (n // 3) + "1e999]",
    "full-width digits then a letter": lambda n: "１" * n + "x",
    "full-width list": lambda n: "［" + "１，" * (n // 2) + "］",
    "numbers then a character that is not ASCII": lambda n: "1 " * (n // 2) + "·",
}


def seconds(text):
    """The processor time parse_array takes on text: not the time other programs take, nor the
    garbage collector's (a collection can start in any call, and lasts as long as all the
    objects of the test run take to visit)."""
    gc.disable()
    try:
        start = time.process_time()
        try:
            parse_array(text)
        except ValueError:
            pass
        return time.process_time() - start
    finally:
        gc.enable()


@pytest.mark.parametrize("make", LINEAR_SHAPES.values(), ids=LINEAR_SHAPES.keys())
def test_parse_array_takes_time_linear_in_the_length_of_the_text(make):
    small, large = make(4_000), make(64_000)  # 16 times longer: 16 times slower if linear
    small_times = [seconds(small) for _ in range(3)]
    # First 4 times longer (4 times slower if linear), so that a quadratic regression fails in
    # seconds, not minutes; only when slow in seconds too, never for a moment of noise.
    medium = seconds(make(16_000))
    ratio = medium / statistics.median(small_times)
    assert ratio <= 10 or medium < 0.5, f"16,000 characters took {ratio:.0f} times as long as 4,000"
    large_times = []
    for _ in range(7):  # interleaved, so a busy moment of the machine slows both
        small_times.append(seconds(small))
        large_times.append(seconds(large))
        if large_times[-1] > max(100 * statistics.median(small_times), 1.0):
            break  # plainly superlinear (quadratic is 256 times slower): no need to wait for more
    ratio = statistics.median(large_times) / statistics.median(small_times)
    assert ratio <= 40, f"64,000 characters took {ratio:.0f} times as long as 4,000"


# ---- every unbounded repetition in the patterns is possessive, so none can backtrack ----


def backtracking_repetitions(parsed):
    """The unbounded repetitions (greedy * + {n,} or lazy *? +?) of a parsed pattern that can give
    back what they matched. An atomic group does not make them safe: inside it, a failing match
    still tries every split of a digit run between two of them before the group fails."""
    for op, value in parsed:
        if op in (MAX_REPEAT, MIN_REPEAT) and value[1] == MAXREPEAT:
            yield f"{op} {value[0]},{value[1]} of {value[2]}"
        yield from (found for child in subpatterns(value) for found in backtracking_repetitions(child))


def subpatterns(value):
    if isinstance(value, sre_parser.SubPattern):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from subpatterns(item)


def test_the_check_for_backtracking_finds_the_patterns_that_took_quadratic_time():
    for old in (r"[0-9]+\.?[0-9]*", r"(?:\s*,\s*|\s+)", r"(?>[0-9]+[0-9]*)x", r"(?:a+?)*+"):
        assert list(backtracking_repetitions(sre_parser.parse(old))), old
    assert not list(backtracking_repetitions(sre_parser.parse(r"[0-9]++\.?[0-9]*+(?:,\s*+)*+x{2,5}")))


def test_every_unbounded_repetition_in_the_parsing_patterns_is_possessive():
    patterns = {name: value for name, value in vars(parsing).items() if isinstance(value, re.Pattern)}
    assert {"_NUMBER_RE", "_NUMBERS_RE", "_TOKEN_RE", "_WRAPPER_END_RE"} <= set(patterns)
    for name, pattern in patterns.items():
        assert not list(backtracking_repetitions(sre_parser.parse(pattern.pattern, pattern.flags))), name
    # ... and those are all of them: re.compile is the only function of re that parsing.py calls.
    tree = ast.parse(pathlib.Path(parsing.__file__).read_text(encoding="utf-8"))
    calls = [
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and getattr(node.func.value, "id", None) == "re"
    ]
    assert calls == ["compile"] * len(patterns)
