"""The operations catalogue (operations.json beside this file), read once.

The one list of the site's operations and what is specific to each: the card's name, the
package function, its parameters with their labels and examples, the texts, the formula,
the course's printed output for the example and the practice stub. The bindings, the plot
builders, the grader and every test take their list of operations from here.
"""

from __future__ import annotations

import json
from pathlib import Path

#: Every operation, in the page's order (each a dict as written in operations.json).
OPERATIONS: tuple[dict, ...] = tuple(json.loads(Path(__file__).with_name("operations.json").read_text("utf-8")))

#: Operations by card name ("softmax", "l1", ...).
BY_NAME: dict[str, dict] = {op["name"]: op for op in OPERATIONS}


def params(name: str) -> tuple[str, ...]:
    """The parameter names of one operation's function, in order: ``("yhat", "y")``."""
    return tuple(param["name"] for param in BY_NAME[name]["params"])


def examples(name: str) -> dict[str, str]:
    """The example text of each parameter of one operation, as the card shows it first."""
    return {param["name"]: param["example"] for param in BY_NAME[name]["params"]}


def uses(name: str) -> tuple[str, ...]:
    """The earlier operations whose functions the course's answer to this one calls (``uses`` in
    operations.json: sigmoid_derivative calls sigmoid): practice provides them."""
    return tuple(BY_NAME[name].get("uses", ()))
