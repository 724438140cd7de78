"""Reshaping: unrolling an image into a column vector."""

from ._arrays import as_float_array


def image2vector(image):
    """Unroll an image of shape (height, width, channels) into a column vector.

    Parameters
    ----------
    image : array_like
        A 3-D array of shape ``(height, width, channels)``.

    Returns
    -------
    numpy.ndarray
        Shape ``(height * width * channels, 1)``, float64, in C order: all
        channels of pixel (0, 0) first, then pixel (0, 1), and so on.

    Raises
    ------
    ValueError
        If `image` is not 3-D (the message names the shape it got).

    Notes
    -----
    Like ``reshape``, this returns a view of a float64 `image` (no copy).

    Examples
    --------
    >>> import numpy as np
    >>> from nnbasics import image2vector
    >>> image = np.array([[[0.67826139, 0.29380381], [0.90714982, 0.52835647], [0.4215251 , 0.45017551]],
    ...                   [[0.92814219, 0.96677647], [0.85304703, 0.52351845], [0.19981397, 0.27417313]],
    ...                   [[0.60659855, 0.00533165], [0.10820313, 0.49978937], [0.34144279, 0.94630077]]])
    >>> print(image2vector(image))
    [[0.67826139]
     [0.29380381]
     [0.90714982]
     [0.52835647]
     [0.4215251 ]
     [0.45017551]
     [0.92814219]
     [0.96677647]
     [0.85304703]
     [0.52351845]
     [0.19981397]
     [0.27417313]
     [0.60659855]
     [0.00533165]
     [0.10820313]
     [0.49978937]
     [0.34144279]
     [0.94630077]]
    """
    image = as_float_array(image, "image2vector", (3,), "expects-image")
    return image.reshape(image.size, 1)  # image.size = height * width * channels
