"""The page's one entry into practice's Python (cards/main.py hands it to practice.js): one JSON
request at a time, in the page's own interpreter, where learner code never runs.

- ``{"plan": op}`` -> :func:`grader.plan` (the cases to show, the runner's ``job``), ``op`` being an
  exercise's name (``catalogue.EXERCISES``; a card's own exercise is named as the card), as below;
- ``{"uses": op}`` -> ``{"uses": ...}`` (:func:`grader.uses`: what an export gives the exercise);
- ``{"top": message}`` -> ``{"top": ...}`` (:func:`messages.read_top`) or ``{"refused": why}``;
- ``{"judge": {"op", "index", "message"}}`` -> ``{"case": ...}`` (:func:`grader.judge`);
- ``{"conclude": {"op", "top", "cases", "stop"}}`` -> the check's outcome (:func:`grader.conclude`);
- ``{"export": codes, "lang"}`` / ``{"split": text}`` -> :func:`export.handle`: files made from the
  editors' text alone.
"""

from __future__ import annotations

import json

from .. import catalogue
from . import export, grader
from .messages import read_top
from .plain import Refused


def prepare() -> None:
    """Plan every exercise now (the cases and their expected values, a quarter of a second in the
    browser): the page's snapshot holds them, so a first check does not wait for them."""
    for exercise in catalogue.EXERCISES:
        grader.plan(exercise["name"])


def handle(request: dict) -> dict:
    if "plan" in request:
        return grader.plan(request["plan"])
    if "uses" in request:
        return {"uses": grader.uses(request["uses"])}
    if "top" in request:
        try:
            return {"top": read_top(request["top"])}
        except Refused as error:
            return {"refused": str(error)}
    if "judge" in request:
        judged = request["judge"]
        return {"case": grader.judge(judged["op"], judged["index"], judged["message"])}
    if "conclude" in request:
        asked = request["conclude"]
        return grader.conclude(asked["op"], asked["top"], asked["cases"], asked["stop"])
    return export.handle(request)


def handle_json(request_json: str) -> str:
    """:func:`handle` over JSON strings, the form the page's JavaScript passes."""
    return json.dumps(handle(json.loads(request_json)))
