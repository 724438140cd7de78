"""Printing an array exactly as ``print`` shows it under NumPy's defaults."""

import numpy as np

# NumPy's default print options, spelled out so that options someone set
# globally (np.set_printoptions) never change what format_array returns.
NUMPY_DEFAULT_PRINT_OPTIONS = {
    "precision": 8,
    "threshold": 1000,
    "edgeitems": 3,
    "linewidth": 75,
    "suppress": False,
    "nanstr": "nan",
    "infstr": "inf",
    "sign": "-",
    "floatmode": "maxprec",
    "formatter": None,
    "legacy": False,
}


def format_array(a):
    """Return exactly what ``print(a)`` shows under NumPy's default options.

    Parameters
    ----------
    a : numpy.ndarray, float or any object
        Typically a result of this package: an array, or a float for the
        losses and ``basic_sigmoid``.

    Returns
    -------
    str
        ``str(a)`` under the default print options: 8 significant digits,
        lines of at most 75 characters, and arrays of more than 1000
        elements summarised with ``...``. A Python or NumPy float is shown
        in full (``0.7310585786300049``).

    Raises
    ------
    Exception
        Only what ``str(a)`` itself raises; this function adds no check.

    Notes
    -----
    Print options are global in NumPy; the defaults are applied only while
    formatting (``np.printoptions``) and the caller's options are restored.
    Up to 1000 elements, the text can be read back with ``parse_array``.

    Examples
    --------
    >>> import numpy as np
    >>> from nnbasics import format_array, sigmoid
    >>> print(format_array(sigmoid(np.array([1, 2, 3]))))
    [0.73105858 0.88079708 0.95257413]
    >>> format_array(0.43)
    '0.43'
    >>> print(format_array(np.arange(2000.0)))
    [0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]
    """
    with np.printoptions(**NUMPY_DEFAULT_PRINT_OPTIONS):
        return str(a)
