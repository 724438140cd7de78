"""image2vector: (height, width, channels) -> (height * width * channels, 1) in C order."""

import re

import numpy as np
import pytest
from hypothesis import given

from nnbasics import format_array, image2vector

from .conftest import COURSE_IMAGE, float_arrays


def test_image2vector_of_the_course_image_is_an_18_by_1_column():
    vector = image2vector(COURSE_IMAGE)
    assert vector.shape == (18, 1)
    assert format_array(vector).startswith("[[0.67826139]\n [0.29380381]\n [0.90714982]")


def test_image2vector_unrolls_in_c_order_pixel_by_pixel():
    image = np.arange(2 * 3 * 4, dtype=float).reshape(2, 3, 4) * 1.5
    vector = image2vector(image)
    height, width, channels = image.shape
    for i in range(height):
        for j in range(width):
            for k in range(channels):
                assert vector[(i * width + j) * channels + k, 0] == image[i, j, k]


def test_image2vector_of_an_integer_image_is_float64():
    vector = image2vector(np.ones((2, 2, 3), dtype=np.uint8))
    assert vector.dtype == np.float64 and vector.shape == (12, 1)


@given(float_arrays(min_dims=3, max_dims=3))
def test_image2vector_keeps_every_number_in_order(image):
    vector = image2vector(image)
    assert vector.shape == (image.size, 1)
    assert vector[:, 0].tolist() == image.ravel().tolist()


@pytest.mark.parametrize("shape", [(), (18,), (3, 6), (1, 3, 3, 2)])
def test_image2vector_refuses_anything_not_3d_naming_the_shape(shape):
    with pytest.raises(ValueError, match=re.escape(f"got an array of shape {shape}")):
        image2vector(np.zeros(shape))
