"""``python -m nnbasics [SIZES]``: the vectorization lesson's loops and NumPy timed on this machine, as a
table (``nnbasics.timing.main``): the page's timing run, natively."""

import sys

from .timing import main

sys.exit(main(sys.argv[1:]))
