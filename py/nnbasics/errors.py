"""The package's refusals: errors with a stable code and parameters, and their English words.

Every message the package gives a person is an :class:`InputError` (a ``ValueError``) or an
:class:`InputTypeError` (a ``TypeError``): ``str(error)`` is the English message, built from
``MESSAGES[error.code]`` and ``error.params``, so a page can word the same message in
another language from the code and the parameters alone.
"""

import string

_AT = "at line {line}, column {column}"
_WORD_AT = "unexpected {word!r} " + _AT + ": "
# The English message of each InputError code: a str.format template of the error's params,
# plus one addition, {n:number/numbers}, which gives '1 number' or '2 numbers'.
MESSAGES = {
    "empty": "empty text: type some numbers, for example [1, 2, 3] or 1 2 3",
    "no-numbers": "no numbers found: type some numbers, for example 1 2 3",
    "unexpected-character": "unexpected character {char!r} ({codepoint} {charname}) " + _AT,
    "unclosed-bracket": "missing ']' to close the '[' " + _AT,
    "unmatched-bracket": "unmatched ']' " + _AT + ": there is no '[' for it to close",
    "after-the-end": (
        "unexpected {word!r} " + _AT + ", after the end of the array: put all the rows inside one pair of brackets"
    ),
    "outside-brackets": "numbers " + _AT + " must be inside the brackets",
    "too-many-dimensions": ("more than {max_dimensions} dimensions: '[' " + _AT + " opens a level {level} list"),
    "too-many-numbers": "too many numbers: parse_array reads at most {max_numbers:,} numbers",
    "mixed-items": "a list must hold only numbers or only lists, not both (" + _AT + ")",
    "ragged-rows": "row {row} has {count:number/numbers} but row 1 has {first_count} (" + _AT + ")",
    "ragged-items": "item {item} has shape {shape} but item 1 has shape {first_shape} (" + _AT + ")",
    "too-large": (
        "{number!r} " + _AT + " is too large for a float (it would be inf): only finite numbers are accepted"
    ),
    "not-a-number": _WORD_AT + "expected a number",
    "not-a-list-item": _WORD_AT + "expected a number, ',', '[' or ']'",
    "misplaced-comma": _WORD_AT + "expected a number or a list before each ','",
    "numpy-ellipsis": _WORD_AT
    + (
        "'...' means NumPy left numbers out when printing an array of more "
        "than 1000 numbers, so they cannot be read back; print it in full "
        "with np.set_printoptions(threshold=sys.maxsize) and paste that"
    ),
    "not-finite": _WORD_AT + "only finite real numbers are accepted, not nan or inf",
    "boolean": _WORD_AT + "True and False are not numbers here; write 1 or 0",
    "complex-number": _WORD_AT + "complex numbers are not accepted, only real numbers",
    "quoted-text": _WORD_AT + "text in quotes is not a number",
    "dict-or-set": _WORD_AT + "{{...}} is a dict or a set, not an array; use [ ] brackets",
    "parentheses": _WORD_AT
    + (
        "parentheses (tuples or calls) are not read, nothing is evaluated; "
        "use [ ] brackets, optionally inside np.array(...)"
    ),
    "semicolon-in-brackets": _WORD_AT + "';' separates rows only in text without brackets, like 1 2; 3 4",
    "unclosed-parenthesis": (
        "missing ')' at the end to close the '(' " + _AT + ": "
        "write np.array([...]) around one list, with nothing after it"
    ),
    "empty-array": (
        "the array is empty (shape {shape}): there is nothing to compute; put some numbers in it, for example [1, 2, 3]"
    ),
    "empty-wrapper": "nothing inside np.array(): put a list in it, like np.array([1, 2, 3])",
    "wrapper-without-list": "np.array(...) must hold one list in brackets, like np.array([1, 2, 3])",
    "unsupported-dtype": "dtype={dtype} is not supported: use dtype=float or dtype=int",
    "int-dtype-decimals": "dtype=int would cut off the decimals: remove dtype=int or use dtype=float",
    # the operations' own checks
    "expects-image": (
        "{function} expects a 3-D image of shape (height, width, channels), but got an array of shape {shape}"
    ),
    "expects-rows": "{function} expects a 2-D array (one row per example), but got an array of shape {shape}",
    "expects-vector-or-rows": (
        "{function} expects a 1-D vector or a 2-D array (one row per example), but got an array of shape {shape}"
    ),
    "shape-mismatch": (
        "{function} expects yhat and y of the same shape, but got yhat of shape {yhat_shape} and y of shape {y_shape}"
    ),
    "shape-mismatch-broadcast": (
        "{function} expects yhat and y of the same shape, but got yhat of shape "
        "{yhat_shape} and y of shape {y_shape} (y - yhat would silently broadcast "
        "them to shape {broadcast_shape})"
    ),
    "no-examples": (
        "{function} expects arrays of at least one dimension (one entry per example), but got "
        "yhat and y of shape {shape}"
    ),
    "one-number-only": (
        "basic_sigmoid uses math.exp, which takes one real number, not {given}; use sigmoid (np.exp) for arrays"
    ),
    "one-number-only-array": (
        "basic_sigmoid uses math.exp, which takes one real number, not an array of "
        "shape {shape}; use sigmoid (np.exp) for arrays"
    ),
    # the vectorization lesson's checks (nnbasics/_arrays.py) and its timing (nnbasics/timing.py)
    "expects-vector": "{function} expects {argument} to be a 1-D vector, but got an array of shape {shape}",
    "empty-vector": "{function} expects {argument} to hold at least one number, but it is empty",
    "expects-real-numbers": (
        "{function} expects {argument} to hold real numbers (int or float), but got an array of dtype {dtype}"
    ),
    "length-mismatch": (
        "{function} expects x1 and x2 of the same length, but got x1 of length {x1_length} and x2 of length {x2_length}"
    ),
    "expects-matrix": "{function} expects {argument} to be a 2-D matrix, but got an array of shape {shape}",
    "columns-mismatch": (
        "{function} expects W with one column per entry of x (W.shape[1] == len(x)), but got W of "
        "shape {W_shape} and x of length {x_length}"
    ),
    "expects-whole-number": "{function} expects {argument} to be a whole number, but got {given}",
    "too-small": "{function} expects {argument} to be at least {minimum}, but got {value}",
    "unknown-operation": "{function} times one of the operations {operations}, not {given}",
    "timing-size": "{function} expects a size (scalar products per call) from 1 to {max_size:,}, but got {size}",
    "too-many-sizes": "{function} times at most {max_sizes} different sizes, but {argument} holds {count}",
    "lesson-too-long": (
        "{function} takes vectors of at most {max_length:,} numbers (its outer loop does length² products), "
        "but got {length:,}"
    ),
}


class _Coded:
    """A refusal with a stable `code` and its `params`.

    ``code`` is a key of MESSAGES and ``params`` a dict of the values (str, int or
    tuple) that its template puts into the English message, ``str(error)``; a page
    can word the message in another language from these two alone.
    """

    def __init__(self, code, params):
        super().__init__(_English().vformat(MESSAGES[code], (), params))
        self.code = code
        self.params = params

    def __reduce__(self):  # pickle and copy rebuild it from code and params
        return type(self), (self.code, self.params)


class _English(string.Formatter):
    """str.format, plus {n:number/numbers}: '1 number', '2 numbers'."""

    def format_field(self, value, spec):
        if "/" in spec:
            one, many = spec.split("/")
            return f"{value} {one if value == 1 else many}"
        return super().format_field(value, spec)


class InputError(_Coded, ValueError):
    """A value the package cannot use (a text, a shape): a ValueError with a code."""


class InputTypeError(_Coded, TypeError):
    """A kind of value the function does not take: a TypeError with a code."""
