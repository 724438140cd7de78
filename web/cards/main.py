"""PyScript entry point: hand the page's JavaScript the bindings and practice's checking (which
grades and exports in this interpreter, where learner code never runs), then get out of the way."""

import json

from pyodide.ffi import create_proxy
from pyscript import window

from web.cards import bindings


def practice_json(request_json: str) -> str:
    from web.practice import checking  # in the page's snapshot already; imported on first use after a normal start

    return checking.handle_json(request_json)


window.nn.app.attach(create_proxy(bindings.evaluate_json), json.dumps(bindings.sources()), create_proxy(practice_json))
