"""nnbasics: the NumPy basics of a first neural-network course, one small function each.

Activations (basic_sigmoid, sigmoid, sigmoid_derivative), reshaping
(image2vector), normalization (normalize_rows), softmax, losses (L1, L2),
and reading / printing arrays as a person types them (parse_array,
format_array). Vectorization: the course's loops and their one NumPy call
(dot_loop / dot_vectorized, outer_..., multiply_..., general_dot_...,
example_weights), all four on one input (vectorization_lesson, Lesson), and
timing one against the other (time_operation, time_lesson). Pure NumPy and
the standard library: runs natively and in Pyodide.
"""

from .activations import basic_sigmoid, sigmoid, sigmoid_derivative
from .lesson import Lesson, vectorization_lesson
from .losses import L1, L2
from .normalization import normalize_rows
from .parsing import parse_array
from .printing import format_array
from .reshaping import image2vector
from .softmax import softmax
from .timing import time_lesson, time_operation
from .vectorization import (
    dot_loop,
    dot_vectorized,
    example_weights,
    general_dot_loop,
    general_dot_vectorized,
    multiply_loop,
    multiply_vectorized,
    outer_loop,
    outer_vectorized,
)

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
    "dot_loop",
    "dot_vectorized",
    "outer_loop",
    "outer_vectorized",
    "multiply_loop",
    "multiply_vectorized",
    "general_dot_loop",
    "general_dot_vectorized",
    "example_weights",
    "vectorization_lesson",
    "Lesson",
    "time_operation",
    "time_lesson",
]
