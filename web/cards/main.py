"""PyScript entry point: hand the page's JavaScript the bindings, then get out of the way."""
import json

from pyodide.ffi import create_proxy
from pyscript import window

import bindings

window.nnApp.attach(create_proxy(bindings.evaluate_json), json.dumps(bindings.sources()))
