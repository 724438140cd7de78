"""nnbasics: the NumPy basics of a first neural-network course, one small function each.

Activations (basic_sigmoid, sigmoid, sigmoid_derivative), reshaping
(image2vector), normalization (normalize_rows), softmax, losses (L1, L2),
and reading / printing arrays as a person types them (parse_array,
format_array). Pure NumPy and the standard library: runs natively and in
Pyodide.
"""

from .activations import basic_sigmoid, sigmoid, sigmoid_derivative
from .losses import L1, L2
from .normalization import normalize_rows
from .parsing import parse_array
from .printing import format_array
from .reshaping import image2vector
from .softmax import softmax

__all__ = [
    "basic_sigmoid",
    "sigmoid",
    "sigmoid_derivative",
    "image2vector",
    "normalize_rows",
    "softmax",
    "L1",
    "L2",
    "parse_array",
    "format_array",
]
