"""A whole practice check in one process, natively: :func:`grader.plan`, :func:`runner.run` (here,
not in the learner's interpreter) and :func:`grader.judge` / :func:`grader.conclude`, with the
messages passed as the page passes them (plain JSON): the native tests' harness.
"""

from __future__ import annotations

import inspect
import json
import sys
from typing import Callable

import nnbasics
from web import catalogue
from web.practice import runner, wording
from web.practice.grader import MEMORY_LIMIT, TIME_LIMIT, conclude, judge, plan
from web.practice.messages import read_top


def grade(
    op: str,
    code: str,
    report: Callable[[dict], None] | None = None,
    *,
    context: list[dict] | None = None,
    time_limit: float = TIME_LIMIT,
    memory_limit: int = MEMORY_LIMIT,
) -> dict:
    """Plan, run (runner.run, in this process: the native tests' harness; the page runs it in the
    learner's own interpreter) and conclude one check; ``report`` gets the page's events (``plan``,
    ``stage``, ``case``) as they happen. ``context``: the earlier functions' code the check provides
    (``{"function", "code"}``; by default the course's own, as a page whose learner has not passed them)."""
    report = report or (lambda event: None)
    planned = plan(op, time_limit, memory_limit)
    if context is None:
        context = [{"function": used["function"], "code": used["reference"]} for used in planned["uses"]]
    report({"type": "plan", "function": planned["function"], "cases": planned["cases"]})
    top, results = None, []

    def receive(message: dict) -> None:
        nonlocal top
        message = json.loads(json.dumps(message))  # plain data, as it crosses in the page
        if message["type"] == "top":
            top = read_top(message)
        elif message["type"] == "case-start":
            report({"type": "stage", "stage": "case", "index": message["index"]})
        elif message["type"] == "case":
            results.append(judge(op, message["index"], message))
            report({"type": "case", "index": message["index"], "case": results[-1]})

    report({"type": "stage", "stage": "top-level"})
    runner.run({**planned["job"], "code": code, "context": context}, receive)
    outcome = conclude(op, top, results)
    for index in range(len(results), len(outcome["cases"])):
        report({"type": "case", "index": index, "case": outcome["cases"][index]})
    return outcome


# Reading its outcome, and what a course learner would write


def package_source(op: str) -> str:
    """The module that defines the package's function of exercise ``op``, as a learner could paste it."""
    function = getattr(nnbasics, catalogue.EXERCISE_BY_NAME[op]["function"])
    source = inspect.getsource(sys.modules[function.__module__])
    return source.replace("from .", "from nnbasics.")  # its relative imports, made absolute


def en(phrases) -> str:
    """The grader's phrases as an English page shows them (without their marks)."""
    return wording.render("en", phrases)


def by_name(result: dict) -> dict[str, dict]:
    return {case["name"]: case for case in result["cases"]}


def failures(result: dict) -> dict[str, str]:
    return {case["name"]: case["failed"] for case in result["cases"] if case["status"] == "fail"}


# What a learner following the course would write: the catalogue's solutions, by exercise.
COURSE_SOLUTIONS = {exercise["name"]: exercise["solution"] for exercise in catalogue.EXERCISES}


def replace(op: str, old: str, new: str) -> str:
    code = COURSE_SOLUTIONS[op]
    assert old in code, (op, old)
    return code.replace(old, new)
