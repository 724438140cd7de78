"""Shared fixtures and Hypothesis settings for the nnbasics unit tests."""

import warnings

import numpy as np
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# Modest example counts keep the suite fast; no deadline (CI machines vary);
# no example database, so no .hypothesis/ directory is written into the checkout.
settings.register_profile("nnbasics-unit", max_examples=60, deadline=None, database=None)
settings.load_profile("nnbasics-unit")


# The course's 3 x 3 x 2 example image.
COURSE_IMAGE = np.array(
    [
        [[0.67826139, 0.29380381], [0.90714982, 0.52835647], [0.4215251, 0.45017551]],
        [[0.92814219, 0.96677647], [0.85304703, 0.52351845], [0.19981397, 0.27417313]],
        [[0.60659855, 0.00533165], [0.10820313, 0.49978937], [0.34144279, 0.94630077]],
    ]
)


@pytest.fixture
def strict_floats():
    """For the whole test, every warning and every floating-point event raises."""
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        yield


def float_arrays(min_dims=0, max_dims=3, max_side=5, limit=1e6, min_side=0):
    """Hypothesis strategy: float64 arrays of finite numbers in [-limit, limit]."""
    return hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side),
        elements=st.floats(-limit, limit, allow_nan=False, allow_infinity=False),
    )
