"""Reads web/cards/CONTRACT.md for the contract's tests: its tables, and whether a value is of a type it names."""

from __future__ import annotations

import json
from pathlib import Path

from doc_tables import Types, is_number, read_tables

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
CONTRACT_MD = WEB / "cards" / "CONTRACT.md"
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


def _value(value, where, check) -> list[str]:
    """A result's value: a number, a non-finite one's name, or a list of values (a lesson's: an
    object of them)."""
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in check(item, "value", f"{where}[{i}]")]
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in check(item, "value", f"{where}.{key}")]
    return [] if is_number(value) or value in ("inf", "-inf", "nan") else [f"{where}: {value!r} is no value"]


TYPES = Types(
    {
        name: {plain(row["key"]): (plain(row["type"]), row["required"] == "yes") for row in TABLES[name]}
        for name, table in TABLES.items()
        if table and {"key", "type", "required"} <= set(table[0])
    },
    simple={
        "object": lambda v: isinstance(v, dict),
        # the plot spec: its own contract, web/plot/SPEC.md (tests/plot/test_spec.py checks it through)
        "spec": lambda v: isinstance(v, dict) and isinstance(v.get("panels"), list),
    },
    special={"value": _value},
)
problems = TYPES.problems


def outcome_problems(answer_json: str) -> list[str]:
    """What is wrong with ``evaluate``'s answer: the JSON of a result or of a refusal."""
    try:
        answer = json.loads(answer_json, parse_constant=lambda name: {"not JSON": name})
    except ValueError as error:
        return [f"not JSON: {error}"]
    return problems(answer, "refusal" if isinstance(answer, dict) and "errors" in answer else "result", "answer")
