"""PyScript entry point: hand the page's JavaScript the bindings, then get out of the way."""
import json

from pyodide.ffi import create_proxy
from pyscript import window

import bindings


def benchmark(repeat: int = 5) -> str:
    """Per-operation timings in this runtime, for ``python3 build.py bench``."""
    import benchmark as timings  # loaded only when asked

    return json.dumps(timings.run(repeat))


window.nnApp.benchmark = create_proxy(benchmark)
window.nnApp.attach(create_proxy(bindings.evaluate_json), json.dumps(bindings.sources()))
