"""Reads the tables of a contract document (web/plot/SPEC.md, web/cards/CONTRACT.md) and checks
a value against a type those tables name: `list of T`, `object of T`, `A or B`, a quoted literal,
a simple type, or an object whose keys a section's table lists."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

SEPARATOR = re.compile(r"^\|(\s*-+\s*\|)+$")


def read_tables(text: str) -> dict[str, list[dict[str, str]]]:
    """{section: [row as {column: cell}]} for every "## section" that has a table.

    Examples
    --------
    >>> read_tables("## spec\\n| key | type |\\n| --- | --- |\\n| panels | list of panel |\\n")
    {'spec': [{'key': 'panels', 'type': 'list of panel'}]}
    """
    tables: dict[str, list[dict[str, str]]] = {}
    section, header = None, None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("## "):
            section, header = line[3:].strip(), None
        elif section and line.startswith("|") and not SEPARATOR.match(line):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if header is None:
                header = cells
            else:
                tables.setdefault(section, []).append(dict(zip(header, cells, strict=True)))
    return tables


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


SIMPLE: dict[str, Callable[[object], bool]] = {
    "string": lambda v: isinstance(v, str),
    "number": is_number,
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}

Objects = dict[str, dict[str, tuple[str, bool]]]  # {object name: {key: (type, required)}}
Special = Callable[[object, str, Callable[[object, str, str], list[str]]], "list[str] | str"]


class Types:
    """The types of one document: its objects' tables, its simple types, and its special kinds.

    A special kind is a function ``(value, where, check)`` that gives the problems itself, or the
    name of the kind to check ``value`` as instead (e.g. a panel by its ``type``).

    Examples
    --------
    >>> types = Types({"point": {"x": ("number", True), "tag": ('"a" or "b"', False)}})
    >>> types.problems([{"x": 1, "tag": "a"}], "list of point")
    []
    >>> for problem in types.problems([{"x": 1, "tag": "c", "y": 2}], "list of point"):
    ...     print(problem)
    value[0]: 'y' is no key of a point
    value[0].tag: 'c' is not "a" or "b"
    """

    def __init__(self, objects: Objects, simple: dict | None = None, special: dict[str, Special] | None = None):
        self.objects = objects
        self.simple = {**SIMPLE, **(simple or {})}
        self.special = special or {}

    def problems(self, value, kind: str, where: str = "value") -> list[str]:
        """What is wrong with ``value`` as a ``kind`` (empty: nothing)."""
        if " or " in kind and not kind.startswith(("list of ", "object of ")):
            options = [self.problems(value, option, where) for option in kind.split(" or ")]
            return [] if any(not found for found in options) else [f"{where}: {value!r:.80} is not {kind}"]
        if kind.startswith("list of "):
            if not isinstance(value, list):
                return [f"{where}: expected a list, got {value!r:.80}"]
            return [p for i, item in enumerate(value) for p in self.problems(item, kind[8:], f"{where}[{i}]")]
        if kind.startswith("object of "):
            if not isinstance(value, dict):
                return [f"{where}: expected an object, got {value!r:.80}"]
            return [p for key, item in value.items() for p in self.problems(item, kind[10:], f"{where}.{key}")]
        if kind.startswith('"'):
            return [] if value == kind.strip('"') else [f"{where}: expected {kind}, got {value!r:.80}"]
        if kind in self.special:
            found = self.special[kind](value, where, self.problems)
            if not isinstance(found, str):
                return found
            kind = found
        if kind in self.simple:
            return [] if self.simple[kind](value) else [f"{where}: {value!r:.80} is not {kind}"]
        table = self.objects[kind]
        if not isinstance(value, dict):
            return [f"{where}: expected a {kind} object, got {value!r:.80}"]
        found = [f"{where}: {key!r} is no key of a {kind}" for key in value if key not in table]
        found += [
            f"{where}: {key!r} is missing" for key, (_, required) in table.items() if required and key not in value
        ]
        for key, item in value.items():
            if key in table:
                found += self.problems(item, table[key][0], f"{where}.{key}")
        return found
