"""Reading an array that a person typed or pasted: parse_array (its refusals: errors.py).

The text is read by a small tokenizer built on regular expressions. It is
never evaluated as code (no eval, no ast.literal_eval): only numbers,
brackets, commas, semicolons, whitespace and an ``np.array(...)`` wrapper are
understood, and everything else is refused with a message saying where.
"""

import re
import unicodedata

import numpy as np

from .errors import InputError

MAX_NUMBERS = 1_000_000
MAX_DIMENSIONS = 3

# Every unbounded repetition below is possessive (*+, ++): a run of digits or spaces, once
# read, is never given back to be split another way, so reading any text, valid or not,
# takes time linear in its length (a backtracking [0-9]+\.?[0-9]* took seconds on '1' * 8000
# + 'x'). Giving back never helped anyway: what may follow a run cannot continue it.
# A real number as Python and NumPy print it: 3, -2., .5, +4, 1e-3, 9.8e-01.
_UNSIGNED = r"(?:[0-9]++(?:\.[0-9]*+)?|\.[0-9]++)(?:[eE][+-]?[0-9]++)?"
_NUMBER = rf"[+-]?{_UNSIGNED}"
_NUMBER_RE = re.compile(_NUMBER)
# Numbers separated by commas and/or whitespace, each one not glued to
# anything that would make it something else ('1.2.3', '2j', '1e5x', '1-2').
_ALONE = r"(?![\w.+-])"
_NUMBERS_RE = re.compile(rf"{_NUMBER}{_ALONE}(?:(?:\s*+,\s*+|\s++){_NUMBER}{_ALONE})*+")
# One token of a nested list, with the whitespace after it.
_TOKEN_RE = re.compile(rf"(?:(?P<numbers>{_NUMBERS_RE.pattern})|(?P<open>\[)|(?P<close>\])|(?P<comma>,))\s*+")
_SPACE_RE = re.compile(r"\s*+")
_ROW_RE = re.compile(r"[^\n;]++")
_WORD_RE = re.compile(r"[^\s,;\[\]]++")
_NONFINITE_RE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)
_COMPLEX_RE = re.compile(rf"{_NUMBER}(?:[+-]{_UNSIGNED})?[jJ]")
# A character that no rule reads: not ASCII and not whitespace (after _TYPOGRAPHIC).
_FOREIGN_RE = re.compile(r"[^\x00-\x7f\s]")
# What text copied from a page (or a plot's tick labels) may hold instead of ASCII, and what a
# Korean (or Chinese, Japanese) IME types in full-width mode: each is read as the ASCII after it.
_TYPOGRAPHIC = str.maketrans(
    {"\u2212": "-", "\u2013": "-", "\u00a0": " ", "\u3000": " "}  # MINUS SIGN, EN DASH, spaces
    # FULLWIDTH DIGIT ZERO, ..., FULLWIDTH COMMA, ...: U+FF01-U+FF5E are ASCII ! to ~ + 0xFEE0.
    | {chr(ord(ascii) + 0xFEE0): ascii for ascii in "0123456789,[]-.+;()eE"}
)
_WRAPPER_RE = re.compile(r"\s*+(?:(?:np|numpy)\s*+\.\s*+)?array\s*+\(")
_WRAPPER_END_RE = re.compile(r"(?:,\s*+dtype\s*+=\s*+(?P<dtype>[\w.'\"]*+)\s*+)?,?\s*+\)\Z")
_FLOAT_DTYPES = {"float", "float16", "float32", "float64", "double"}
_INT_DTYPES = {"int", "int8", "int16", "int32", "int64"}


def parse_array(text, integers=False):
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

        Typed with a Korean (or another East Asian) keyboard in full-width
        mode, or copied from a web page or a plot, these characters are read
        as the ASCII character after them: the full-width digits ``０``-``９``
        (U+FF10-U+FF19) as 0-9; ``，`` (U+FF0C) ``,``; ``［`` (U+FF3B) ``[``;
        ``］`` (U+FF3D) ``]``; ``（`` (U+FF08) ``(``; ``）`` (U+FF09) ``)``;
        ``－`` (U+FF0D) ``-``; ``＋`` (U+FF0B) ``+``; ``．`` (U+FF0E) ``.``;
        ``；`` (U+FF1B) ``;``; ``ｅ`` (U+FF45) ``e``; ``Ｅ`` (U+FF25) ``E``; the
        IDEOGRAPHIC SPACE (U+3000) and NO-BREAK SPACE (U+00A0) as a space;
        MINUS SIGN (U+2212) and EN DASH (U+2013) as ``-``.

    integers : bool, optional
        Read numbers as NumPy reads the same literal: when every number is
        written without a decimal point or an exponent (``[1, 2, 3]``, or
        inside ``np.array(..., dtype=int)``), the array is int64, as long as
        each is below 2**53 in size. By default, and otherwise, float64.

    Returns
    -------
    numpy.ndarray
        A new float64 array of up to 3 dimensions (int64 with `integers`, as
        above).

    Raises
    ------
    InputError
        A ValueError whose message says what is wrong and where (line and
        column): empty text, unbalanced brackets, rows of different lengths,
        anything that is not a finite real number (words, text in quotes,
        True/False, complex numbers, nan, inf, dicts, tuples, calls), NumPy's
        ``...`` (numbers left out of a long printout), more than 3
        dimensions or more than 1,000,000 numbers. A character that is not
        ASCII (nor whitespace, nor one of those above) is refused before
        anything else is looked at, named with its code point and Unicode
        name. The error's ``code`` (a key of ``errors.MESSAGES``) and ``params`` (the
        values in the message) let a page word it in another language.
    TypeError
        If `text` is not a str.

    Notes
    -----
    The text is never evaluated as code. A regular expression splits it into
    tokens (numbers, ``[``, ``]``, ``,``); the brackets are checked with a
    stack, and all the numbers are converted to floats in one NumPy call.
    Every unbounded repetition in the patterns is possessive, so the time
    taken is linear in the length of the text, whether it is read or refused.

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
    >>> parse_array('［1，２，3］')
    array([1., 2., 3.])
    >>> parse_array("[1, 2, 3]", integers=True)
    array([1, 2, 3])
    >>> parse_array("[1, 2.5]", integers=True)
    array([1. , 2.5])
    >>> try:
    ...     parse_array("[[1, 2, 3], [4, 5]]")
    ... except ValueError as error:
    ...     print(error)
    ...     print(error.code, error.params)
    row 2 has 2 numbers but row 1 has 3 (at line 1, column 13)
    ragged-rows {'row': 2, 'count': 2, 'first_count': 3, 'line': 1, 'column': 13}
    >>> parse_array("[1·2]")
    Traceback (most recent call last):
    ...
    nnbasics.errors.InputError: unexpected character '·' (U+00B7 MIDDLE DOT) at line 1, column 3
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_array reads text (a str), not {type(text).__name__}")
    if not text.strip():
        raise InputError("empty", {})
    if not text.isascii():
        text = text.translate(_TYPOGRAPHIC)  # same length: positions in messages stay right
        foreign = _FOREIGN_RE.search(text)
        if foreign is not None:
            char = foreign.group()
            raise InputError(
                "unexpected-character",
                {
                    "char": char,
                    "codepoint": f"U+{ord(char):04X}",
                    "charname": _unicode_name(char),
                    **_place(text, foreign.start()),
                },
            )
    start, end, dtype = _unwrap(text)
    if text.find("[", start, end) >= 0 or text.find("]", start, end) >= 0:
        shape, numbers = _read_brackets(text, start, end)
    else:
        shape, numbers = _read_rows(text, start, end)
        if dtype is not None and shape != ():
            raise InputError("wrapper-without-list", {})
    values = _to_array(text, start, end, numbers, dtype)
    if integers and _as_integers(numbers, values, dtype):
        values = values.astype(np.int64)
    return values.reshape(shape)


def _unwrap(text):
    """Where the literal is: (start, end, dtype) inside np.array(...), else the whole text.

    dtype is None without a wrapper, "float" or "int" with one, "" with one that names no dtype
    (NumPy then takes it from the numbers).
    """
    wrapper = _WRAPPER_RE.match(text)
    if wrapper is None:
        return 0, len(text), None
    # Searched for in the last 100 characters only, up to the trailing whitespace (excluded, as
    # each try from inside a long run of it would scan the run again: quadratic time).
    stripped = len(text.rstrip())
    ending = _WRAPPER_END_RE.search(text, max(wrapper.end(), stripped - 100), stripped)
    if ending is None:
        raise InputError("unclosed-parenthesis", _place(text, wrapper.end() - 1))
    name = (ending["dtype"] or "float").strip("'\"").removeprefix("np.").removeprefix("numpy.")
    if name not in _FLOAT_DTYPES | _INT_DTYPES:
        raise InputError("unsupported-dtype", {"dtype": ending["dtype"]})
    if _SPACE_RE.match(text, wrapper.end(), ending.start()).end() == ending.start():
        raise InputError("empty-wrapper", {})
    return wrapper.end(), ending.start(), ("int" if name in _INT_DTYPES else "float") if ending["dtype"] else ""


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
            _mismatch(text, position, self.length + 1, item_shape, self.item_shape)
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
            _unexpected(text, position, "not-a-list-item")
        kind = token.lastgroup
        if shape is not None and kind != "close":
            raise InputError("after-the-end", {"word": _word(text, position), **_place(text, position)})
        if kind == "open":
            if len(open_lists) == MAX_DIMENSIONS:
                raise InputError(
                    "too-many-dimensions",
                    {"max_dimensions": MAX_DIMENSIONS, "level": MAX_DIMENSIONS + 1, **_place(text, position)},
                )
            open_lists.append(_List(position))
        elif kind == "close":
            if not open_lists:
                raise InputError("unmatched-bracket", _place(text, position))
            closed = open_lists.pop()
            if open_lists:
                open_lists[-1].add(text, closed.position, closed.shape())
            else:
                shape = closed.shape()
        elif kind == "numbers":
            if not open_lists:
                raise InputError("outside-brackets", _place(text, position))
            found = token.group().replace(",", " ").split()
            open_lists[-1].add(text, position, (), len(found))
            numbers += found
            _check_count(len(numbers))
        elif kind == "comma":
            if not open_lists or open_lists[-1].last != "item":
                _unexpected(text, position, "misplaced-comma")
            open_lists[-1].last = ","
        position = token.end()
    if open_lists:
        raise InputError("unclosed-bracket", _place(text, open_lists[-1].position))
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
            _unexpected(text, after, "not-a-number")
        found = run.group().replace(",", " ").split()
        if rows and len(found) != len(rows[0]):
            _mismatch(text, position, len(rows) + 1, (len(found),), (len(rows[0]),))
        rows.append(found)
        _check_count(len(rows) * len(rows[0]))
    if not rows:
        raise InputError("no-numbers", {})
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
                raise InputError("too-large", {"number": number.group(), **_place(text, number.start())})
    if dtype == "int" and not np.array_equal(values, np.trunc(values)):
        raise InputError("int-dtype-decimals", {})
    return values


def _as_integers(numbers, values, dtype):
    """Whether NumPy reads these number tokens as int64: ``dtype=int``, or no dtype and none written
    with a decimal point or an exponent; and each below 2**53 (so the float read is the int written)."""
    written = dtype == "int" or (not dtype and not any("." in n or "e" in n or "E" in n for n in numbers))
    return written and bool(np.all(np.abs(values) < 2**53))


def _check_count(count):
    if count > MAX_NUMBERS:
        raise InputError("too-many-numbers", {"max_numbers": MAX_NUMBERS})


def _mismatch(text, position, k, shape, first_shape):
    """Refuse item k of a list (at position) for differing from item 1."""
    if shape == () or first_shape == ():
        raise InputError("mixed-items", _place(text, position))
    if len(shape) == len(first_shape) == 1:
        raise InputError(
            "ragged-rows", {"row": k, "count": shape[0], "first_count": first_shape[0], **_place(text, position)}
        )
    raise InputError("ragged-items", {"item": k, "shape": shape, "first_shape": first_shape, **_place(text, position)})


def _place(text, position):
    """{'line': L, 'column': C} (both counted from 1) of a position in text."""
    line = text.count("\n", 0, position) + 1
    column = position - text.rfind("\n", 0, position)
    return {"line": line, "column": column}


def _unicode_name(char):
    """The character's Unicode name, or the kind of character for the few without one."""
    kinds = {"Cc": "<control>", "Co": "<private use>", "Cs": "<surrogate>"}
    return unicodedata.name(char, None) or kinds.get(unicodedata.category(char), "<unassigned>")


def _word(text, position):
    """The word at position (up to the next space, comma or bracket), or one character."""
    word = _WORD_RE.match(text, position)
    return word.group()[:30] if word else text[position]


def _unexpected(text, position, code):
    """Refuse the word at position: with `code`, or the code of the common mistake it is."""
    word = _word(text, position)
    if "..." in word:
        code = "numpy-ellipsis"
    elif _NONFINITE_RE.fullmatch(word):
        code = "not-finite"
    elif word in ("True", "False", "true", "false"):
        code = "boolean"
    elif _COMPLEX_RE.fullmatch(word):
        code = "complex-number"
    elif word[0] in "'\"":
        code = "quoted-text"
    elif word[0] == "{":
        code = "dict-or-set"
    elif "(" in word or ")" in word:
        code = "parentheses"
    elif word == ";":
        code = "semicolon-in-brackets"
    raise InputError(code, {"word": word, **_place(text, position)})
