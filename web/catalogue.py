"""The operations catalogue (operations.json beside this file), read once.

The one list of the site's operations and what is specific to each: the card's name, the
package function, its parameters with their labels and examples, the texts, the formula,
the course's printed output for the example and the practice stub. The bindings, the plot
builders, the grader and every test take their list of operations from here.

Practice is keyed by exercise: a card practises its own function (one exercise, named as the
card), or, when its entry has ``"exercises"``, each of that list's functions (one exercise per
item, each with its own name, function, parameters, texts, stub and solution).
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


def card_exercises(op: dict) -> tuple[dict, ...]:
    """The exercises of one card's entry, in its order, each with ``card`` (the card's name): the
    card itself when it has no ``"exercises"`` list (named as the card), else one per item."""
    return tuple({**exercise, "card": op["name"]} for exercise in op.get("exercises", [op]))


def exercises_in(operations) -> tuple[dict, ...]:
    """Every exercise of ``operations`` (entries of the catalogue), in their order."""
    return tuple(exercise for op in operations for exercise in card_exercises(op))


#: Every practice exercise, in the page's order (each a dict: ``name``, ``card``, ``function``,
#: ``params``, ``title``, ``formula``, ``summary``, ``stub``, ``solution``, ``ko``, maybe ``uses``).
EXERCISES: tuple[dict, ...] = exercises_in(OPERATIONS)

#: Exercises by name ("softmax", or an exercise of a card with several).
EXERCISE_BY_NAME: dict[str, dict] = {exercise["name"]: exercise for exercise in EXERCISES}


def exercises_of(card: str) -> tuple[dict, ...]:
    """The exercises of one card, in the page's order."""
    return tuple(exercise for exercise in EXERCISES if exercise["card"] == card)


def exercise_params(name: str) -> tuple[str, ...]:
    """The parameter names of one exercise's function, in order: ``("yhat", "y")``."""
    return tuple(param["name"] for param in EXERCISE_BY_NAME[name]["params"])


def exercise_examples(name: str) -> dict[str, str]:
    """The example text of each parameter of one exercise: the course's example inputs."""
    return {param["name"]: param["example"] for param in EXERCISE_BY_NAME[name]["params"]}


def uses(name: str) -> tuple[str, ...]:
    """The earlier exercises whose functions the course's answer to this one calls (``uses`` in
    operations.json: sigmoid_derivative calls sigmoid): practice provides them."""
    return tuple(EXERCISE_BY_NAME[name].get("uses", ()))
