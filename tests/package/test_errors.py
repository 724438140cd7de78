"""Every refusal of the package has a stable code and the parameters its English message is
made of (nnbasics/errors.py), so a page can say it in another language; every template is
the message of some refusal."""

import numpy as np
import pytest

import nnbasics
from nnbasics.errors import MESSAGES, InputError, InputTypeError

from .test_lesson import LESSON_CODES
from .test_parsing import PARSING_CODES, placeholders, render
from .test_timing import TIMING_CODES
from .test_vectorization import VECTORIZATION_CODES

# (call, its arguments, the code, the exception type the caller knows it as)
REFUSALS = [
    (nnbasics.image2vector, (np.zeros((2, 2)),), "expects-image", ValueError),
    (nnbasics.normalize_rows, (np.zeros(3),), "expects-rows", ValueError),
    (nnbasics.softmax, (np.zeros((1, 1, 1)),), "expects-vector-or-rows", ValueError),
    (nnbasics.L1, (np.zeros(3), np.zeros(4)), "shape-mismatch", ValueError),
    (nnbasics.L2, (np.zeros(5), np.zeros((5, 1))), "shape-mismatch-broadcast", ValueError),
    (nnbasics.L1, (1.0, 2.0), "no-examples", ValueError),
    (nnbasics.basic_sigmoid, ([1, 2, 3],), "one-number-only", TypeError),
    (nnbasics.basic_sigmoid, (np.array([1.0, 2.0]),), "one-number-only-array", TypeError),
]


@pytest.mark.parametrize("function, args, code, kind", REFUSALS, ids=[code for _, _, code, _ in REFUSALS])
def test_an_operations_refusal_has_its_code_and_the_params_of_its_message(function, args, code, kind):
    with pytest.raises(kind) as refused:
        function(*args)
    error = refused.value
    assert isinstance(error, InputTypeError if kind is TypeError else InputError)
    assert error.code == code
    assert set(error.params) == placeholders(MESSAGES[code])
    assert render(MESSAGES[code], error.params) == str(error)
    assert error.params.get("function", function.__name__) == function.__name__


def test_the_messages_name_shapes_as_numpy_does():
    with pytest.raises(
        ValueError,
        match=r"yhat of shape \(5,\) and y of shape \(5, 1\) \(y - yhat would "
        r"silently broadcast them to shape \(5, 5\)\)",
    ):
        nnbasics.L2(np.zeros(5), np.zeros((5, 1)))


# Refused by the page's bindings in the package's words (tests/cards/test_bindings.py).
BINDINGS_CODES = {"empty-array"}


def test_every_template_is_the_message_of_a_refusal():
    operations = {code for _, _, code, _ in REFUSALS}
    assert PARSING_CODES | operations | BINDINGS_CODES | VECTORIZATION_CODES | TIMING_CODES | LESSON_CODES == set(
        MESSAGES
    )
