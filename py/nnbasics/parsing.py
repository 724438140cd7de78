"""Reading an array that a person typed or pasted: parse_array.

The text is read by a small tokenizer built on regular expressions. It is
never evaluated as code (no eval, no ast.literal_eval): only numbers,
brackets, commas, semicolons, whitespace and an ``np.array(...)`` wrapper are
understood, and everything else is refused with a message saying where.
"""

import re

import numpy as np

MAX_NUMBERS = 1_000_000
MAX_DIMENSIONS = 3

# A real number as Python and NumPy print it: 3, -2., .5, +4, 1e-3, 9.8e-01.
_UNSIGNED = r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_NUMBER = rf"[+-]?{_UNSIGNED}"
_NUMBER_RE = re.compile(_NUMBER)
# Numbers separated by commas and/or whitespace, each one not glued to
# anything that would make it something else ('1.2.3', '2j', '1e5x', '1-2').
_ALONE = r"(?![\w.+-])"
_NUMBERS_RE = re.compile(rf"{_NUMBER}{_ALONE}(?:(?:\s*,\s*|\s+){_NUMBER}{_ALONE})*+")
# One token of a nested list, with the whitespace after it.
_TOKEN_RE = re.compile(rf"(?:(?P<numbers>{_NUMBERS_RE.pattern})|(?P<open>\[)|(?P<close>\])|(?P<comma>,))\s*")
_SPACE_RE = re.compile(r"\s*")
_ROW_RE = re.compile(r"[^\n;]+")
_WORD_RE = re.compile(r"[^\s,;\[\]]+")
# What text copied from a page (or a plot's tick labels) may hold instead of ASCII.
_TYPOGRAPHIC = str.maketrans({"\u2212": "-", "\u2013": "-", "\u00a0": " "})
_WRAPPER_RE = re.compile(r"\s*(?:(?:np|numpy)\s*\.\s*)?array\s*\(")
_WRAPPER_END_RE = re.compile(r"(?:,\s*dtype\s*=\s*(?P<dtype>[\w.'\"]*)\s*)?,?\s*\)\s*\Z")
_FLOAT_DTYPES = {"float", "float16", "float32", "float64", "double"}
_INT_DTYPES = {"int", "int8", "int16", "int32", "int64"}


def parse_array(text):
    """Read an array of real numbers from text that a person typed or pasted.

    Parameters
    ----------
    text : str
        One of, with surrounding whitespace ignored:

        - a list literal of up to 3 levels, ``[[0, 3, 4], [1, 6, 4]]``
          (trailing commas and newlines anywhere are fine);
        - NumPy's printed form, without commas and over several lines,
          ``[[0.  0.6 0.8]\\n [0.1 0.8 0.5]]``, so any result printed by
          ``format_array`` can be pasted back;
        - either of those inside ``np.array(...)``, ``numpy.array(...)`` or
          ``array(...)``, optionally with ``dtype=float`` or ``dtype=int``;
        - plain numbers separated by spaces or commas, rows separated by
          newlines or ``;``: ``0 3 4; 1 6 4`` (one line gives a 1-D array);
        - one number, ``3``, which gives a 0-d array.

    Returns
    -------
    numpy.ndarray
        A new float64 array of up to 3 dimensions.

    Raises
    ------
    ValueError
        With a message saying what is wrong and where (line and column):
        empty text, unbalanced brackets, rows of different lengths, anything
        that is not a finite real number (words, text in quotes, True/False,
        complex numbers, nan, inf, dicts, tuples, calls), NumPy's ``...``
        (numbers left out of a long printout), more than 3 dimensions or
        more than 1,000,000 numbers.
    TypeError
        If `text` is not a str.

    Notes
    -----
    The text is never evaluated as code. A regular expression splits it into
    tokens (numbers, ``[``, ``]``, ``,``); the brackets are checked with a
    stack, and all the numbers are converted to floats in one NumPy call.

    Examples
    --------
    >>> from nnbasics import parse_array
    >>> parse_array("[[0, 3, 4], [1, 6, 4]]").shape
    (2, 3)
    >>> print(parse_array("[0.73105858 0.88079708 0.95257413]"))
    [0.73105858 0.88079708 0.95257413]
    >>> print(parse_array("0 3 4; 1 6 4"))
    [[0. 3. 4.]
     [1. 6. 4.]]
    >>> parse_array("[[1, 2, 3], [4, 5]]")
    Traceback (most recent call last):
    ...
    ValueError: row 2 has 2 numbers but row 1 has 3 (at line 1, column 13)
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_array reads text (a str), not {type(text).__name__}")
    if not text.strip():
        raise ValueError("empty text: type some numbers, for example [1, 2, 3] or 1 2 3")
    text = text.translate(_TYPOGRAPHIC)  # same length: positions in messages stay right
    start, end, dtype = _unwrap(text)
    if text.find("[", start, end) >= 0 or text.find("]", start, end) >= 0:
        shape, numbers = _read_brackets(text, start, end)
    else:
        shape, numbers = _read_rows(text, start, end)
        if dtype is not None and shape != ():
            raise ValueError("np.array(...) must hold one list in brackets, like np.array([1, 2, 3])")
    return _to_array(text, start, end, numbers, dtype).reshape(shape)


def _unwrap(text):
    """Where the literal is: (start, end, dtype) inside np.array(...), else the whole text.

    dtype is None without a wrapper, "float" or "int" with one.
    """
    wrapper = _WRAPPER_RE.match(text)
    if wrapper is None:
        return 0, len(text), None
    ending = _WRAPPER_END_RE.search(text, max(wrapper.end(), len(text.rstrip()) - 100))
    if ending is None:
        raise ValueError(
            f"missing ')' at the end to close the '(' at {_where(text, wrapper.end() - 1)}: "
            "write np.array([...]) around one list, with nothing after it"
        )
    name = (ending["dtype"] or "float").strip("'\"").removeprefix("np.").removeprefix("numpy.")
    if name not in _FLOAT_DTYPES | _INT_DTYPES:
        raise ValueError(f"dtype={ending['dtype']} is not supported: use dtype=float or dtype=int")
    if _SPACE_RE.match(text, wrapper.end(), ending.start()).end() == ending.start():
        raise ValueError("nothing inside np.array(): put a list in it, like np.array([1, 2, 3])")
    return wrapper.end(), ending.start(), "int" if name in _INT_DTYPES else "float"


class _List:
    """A '[' being read: where it is and what it holds so far."""

    __slots__ = ("position", "length", "item_shape", "last")

    def __init__(self, position):
        self.position = position
        self.length = 0  # items read so far
        self.item_shape = None  # shape of its first item: () for a number
        self.last = "["  # the last token read in it: "[", "item" or ","

    def add(self, text, position, item_shape, count=1):
        """Record `count` items of `item_shape`, checking they match the first."""
        if self.item_shape is not None and item_shape != self.item_shape:
            reason = _mismatch(self.length + 1, item_shape, self.item_shape)
            raise ValueError(f"{reason} (at {_where(text, position)})")
        self.item_shape = item_shape
        self.length += count
        self.last = "item"

    def shape(self):
        return (self.length,) + (self.item_shape or ())


def _read_brackets(text, start, end):
    """Read a nested list: its shape and the number tokens, in order."""
    open_lists = []
    numbers = []
    shape = None
    position = _SPACE_RE.match(text, start, end).end()
    while position < end:
        token = _TOKEN_RE.match(text, position, end)
        if token is None:
            _unexpected(text, position, "a number, ',', '[' or ']'")
        kind = token.lastgroup
        if shape is not None and kind != "close":
            raise ValueError(
                f"unexpected {_word(text, position)!r} at {_where(text, position)}, after the end "
                "of the array: put all the rows inside one pair of brackets"
            )
        if kind == "open":
            if len(open_lists) == MAX_DIMENSIONS:
                raise ValueError(
                    f"more than {MAX_DIMENSIONS} dimensions: '[' at {_where(text, position)} "
                    f"opens a level {MAX_DIMENSIONS + 1} list"
                )
            open_lists.append(_List(position))
        elif kind == "close":
            if not open_lists:
                raise ValueError(f"unmatched ']' at {_where(text, position)}: there is no '[' for it to close")
            closed = open_lists.pop()
            if open_lists:
                open_lists[-1].add(text, closed.position, closed.shape())
            else:
                shape = closed.shape()
        elif kind == "numbers":
            if not open_lists:
                raise ValueError(f"numbers at {_where(text, position)} must be inside the brackets")
            found = token.group().replace(",", " ").split()
            open_lists[-1].add(text, position, (), len(found))
            numbers += found
            _check_count(len(numbers))
        elif kind == "comma":
            if not open_lists or open_lists[-1].last != "item":
                _unexpected(text, position, "a number or a list before each ','")
            open_lists[-1].last = ","
        position = token.end()
    if open_lists:
        raise ValueError(f"missing ']' to close the '[' at {_where(text, open_lists[-1].position)}")
    return shape, numbers


def _read_rows(text, start, end):
    """Read plain numbers, rows separated by newlines or ';': shape and number tokens."""
    rows = []
    for row in _ROW_RE.finditer(text, start, end):
        position = _SPACE_RE.match(text, row.start(), row.end()).end()
        if position == row.end():
            continue  # a blank line
        run = _NUMBERS_RE.match(text, position, row.end())
        after = _SPACE_RE.match(text, run.end() if run else position, row.end()).end()
        if run is None or after != row.end():
            _unexpected(text, after, "a number")
        found = run.group().replace(",", " ").split()
        if rows and len(found) != len(rows[0]):
            reason = _mismatch(len(rows) + 1, (len(found),), (len(rows[0]),))
            raise ValueError(f"{reason} (at {_where(text, position)})")
        rows.append(found)
        _check_count(len(rows) * len(rows[0]))
    if not rows:
        raise ValueError("no numbers found: type some numbers, for example 1 2 3")
    if len(rows) > 1:
        return (len(rows), len(rows[0])), [number for row in rows for number in row]
    return ((len(rows[0]),) if len(rows[0]) > 1 else ()), rows[0]


def _to_array(text, start, end, numbers, dtype):
    """Convert the number tokens to float64 in one step, refusing overflow to inf."""
    values = np.array(numbers, dtype=np.float64)
    if not np.isfinite(values).all():
        index = int(np.argmin(np.isfinite(values)))
        for i, number in enumerate(_NUMBER_RE.finditer(text, start, end)):
            if i == index:
                raise ValueError(
                    f"{number.group()!r} at {_where(text, number.start())} is too large for a "
                    "float (it would be inf): only finite numbers are accepted"
                )
    if dtype == "int" and not np.array_equal(values, np.trunc(values)):
        raise ValueError("dtype=int would cut off the decimals: remove dtype=int or use dtype=float")
    return values


def _check_count(count):
    if count > MAX_NUMBERS:
        raise ValueError(f"too many numbers: parse_array reads at most {MAX_NUMBERS:,} numbers")


def _mismatch(k, shape, first_shape):
    """Say how item k differs from item 1 of the same list."""
    if shape == () or first_shape == ():
        return "a list must hold only numbers or only lists, not both"
    if len(shape) == len(first_shape) == 1:
        return f"row {k} has {_numbers(shape[0])} but row 1 has {first_shape[0]}"
    return f"item {k} has shape {shape} but item 1 has shape {first_shape}"


def _numbers(n):
    return "1 number" if n == 1 else f"{n} numbers"


def _where(text, position):
    """'line L, column C' (both counted from 1) of a position in text."""
    line = text.count("\n", 0, position) + 1
    column = position - text.rfind("\n", 0, position)
    return f"line {line}, column {column}"


def _word(text, position):
    """The word at position (up to the next space, comma or bracket), or one character."""
    word = _WORD_RE.match(text, position)
    return word.group()[:30] if word else text[position]


def _unexpected(text, position, expected):
    """Refuse the word at position, explaining why when it is a common mistake."""
    word = _word(text, position)
    if "..." in word:
        reason = ("'...' means NumPy left numbers out when printing an array of more than "
                  "1000 numbers, so they cannot be read back; print it in full with "
                  "np.set_printoptions(threshold=sys.maxsize) and paste that")
    elif re.fullmatch(r"[+-]?(nan|inf|infinity)", word, re.IGNORECASE):
        reason = "only finite real numbers are accepted, not nan or inf"
    elif word in ("True", "False", "true", "false"):
        reason = "True and False are not numbers here; write 1 or 0"
    elif re.fullmatch(rf"{_NUMBER}(?:[+-]{_UNSIGNED})?[jJ]", word):
        reason = "complex numbers are not accepted, only real numbers"
    elif word[0] in "'\"":
        reason = "text in quotes is not a number"
    elif word[0] == "{":
        reason = "{...} is a dict or a set, not an array; use [ ] brackets"
    elif "(" in word or ")" in word:
        reason = ("parentheses (tuples or calls) are not read, nothing is evaluated; use [ ] "
                  "brackets, optionally inside np.array(...)")
    elif word == ";":
        reason = "';' separates rows only in text without brackets, like 1 2; 3 4"
    else:
        reason = f"expected {expected}"
    raise ValueError(f"unexpected {word!r} at {_where(text, position)}: {reason}")
