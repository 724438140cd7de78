"""Reads web/cards/CONTRACT.md for the contract's tests: its tables, and whether a value is of a type it names."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
CONTRACT_MD = WEB / "cards" / "CONTRACT.md"
SEPARATOR = re.compile(r"^\|(\s*-+\s*\|)+$")


def read_tables(text: str) -> dict[str, list[dict[str, str]]]:
    """{section: [row as {column: cell}]} for every "## section" that has a table."""
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


TABLES = read_tables(CONTRACT_MD.read_text("utf-8"))


def plain(cell: str) -> str:
    """A cell without its code marks."""
    return cell.strip().strip("`")


def files(cell: str) -> list[str]:
    """The files a cell names (paths relative to web/); "—" names none."""
    return [] if cell.strip() in ("—", "") else [part.strip() for part in cell.split(",")]


def rows(section: str) -> list[dict[str, str]]:
    return TABLES[section]


def column(section: str, name: str) -> list[str]:
    return [plain(row[name]) for row in TABLES[section]]


# --------------------------------------------------------------------------- types


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


SIMPLE = {
    "string": lambda v: isinstance(v, str),
    "number": is_number,
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "object": lambda v: isinstance(v, dict),
    # the plot spec: its own contract, web/plot/SPEC.md (tests/plot/test_spec.py checks it through)
    "spec": lambda v: isinstance(v, dict) and isinstance(v.get("panels"), list),
}


def problems(value, kind: str, where: str = "value") -> list[str]:
    """What is wrong with ``value`` as a ``kind`` of CONTRACT.md (empty: nothing)."""
    if kind.startswith("list of "):
        if not isinstance(value, list):
            return [f"{where}: expected a list, got {value!r:.80}"]
        return [p for i, item in enumerate(value) for p in problems(item, kind[8:], f"{where}[{i}]")]
    if kind.startswith("object of "):
        if not isinstance(value, dict):
            return [f"{where}: expected an object, got {value!r:.80}"]
        return [p for key, item in value.items() for p in problems(item, kind[10:], f"{where}.{key}")]
    if " or " in kind:
        options = [problems(value, option, where) for option in kind.split(" or ")]
        return [] if any(not found for found in options) else [f"{where}: {value!r:.80} is not {kind}"]
    if kind.startswith('"'):
        return [] if value == kind.strip('"') else [f"{where}: expected {kind}, got {value!r:.80}"]
    if kind == "value":  # a result's value: a number, a non-finite one's name, or a list of values
        if isinstance(value, list):
            return [p for i, item in enumerate(value) for p in problems(item, "value", f"{where}[{i}]")]
        return [] if is_number(value) or value in ("inf", "-inf", "nan") else [f"{where}: {value!r} is no value"]
    if kind in SIMPLE:
        return [] if SIMPLE[kind](value) else [f"{where}: {value!r:.80} is not {kind}"]
    table = {row["key"]: (plain(row["type"]), row["required"] == "yes") for row in TABLES[kind]}
    if not isinstance(value, dict):
        return [f"{where}: expected a {kind} object, got {value!r:.80}"]
    found = [f"{where}: {key!r} is no key of a {kind}" for key in value if key not in table]
    found += [f"{where}: {key!r} is missing" for key, (_, required) in table.items() if required and key not in value]
    for key, item in value.items():
        if key in table:
            found += problems(item, table[key][0], f"{where}.{key}")
    return found


def outcome_problems(answer_json: str) -> list[str]:
    """What is wrong with ``evaluate``'s answer: the JSON of a result or of a refusal."""
    try:
        answer = json.loads(answer_json, parse_constant=lambda name: {"not JSON": name})
    except ValueError as error:
        return [f"not JSON: {error}"]
    return problems(answer, "refusal" if isinstance(answer, dict) and "errors" in answer else "result", "answer")
