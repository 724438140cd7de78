"""The runner's messages as web/practice/PROTOCOL.md writes them down, against what the page accepts
(web/practice/protocol.js, in the browser): the same kinds and fields; every documented example is
accepted in the documented order; a forged variant of each -- a field missing or added, each field
of a wrong type, out of order, twice, an index out of range or not an integer -- is refused. Its
table of plain data is what plain.py describes, and what the page reads back."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import numpy as np
import pytest

from doc_tables import Types, read_tables
from web.practice import plain

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "web" / "practice" / "PROTOCOL.md").read_text()
RUNNER = DOC[DOC.index("## The runner's messages") : DOC.index("## Plain data")]
PLAIN = read_tables(DOC)["Plain data (`plain.py`)"]  # what came back: field, type, for (which values), what


def documented() -> dict[str, dict]:
    """Each kind of the runner's messages: its fields (from its table) and its example."""
    kinds = {}
    for section in re.split(r"\n### ", RUNNER)[1:]:
        kind = re.match(r"`([\w-]+)`", section).group(1)
        fields = re.findall(r"^\| (\w+) \| ", section, re.M)
        example = json.loads(re.search(r"```json\n(.*?)\n```", section, re.S).group(1))
        kinds[kind] = {"fields": [name for name in fields if name != "field"], "example": example}
    return kinds


KINDS = documented()
WRONG = [None, 7, 1.5, "text", True, [], {}, "__proto__"]  # each field gets every one that is not its type


def accepts(blank, messages, cases=2):
    """For each message in turn: "" if accepted, else why it was refused (protocol.js's words)."""
    return blank.evaluate(
        """async ([messages, cases]) => {
        const { newCheck, refusal } = await import("/practice/protocol.js");
        const state = newCheck(cases);
        return messages.map((message) => refusal(state, message));
    }""",
        [messages, cases],
    )


@pytest.mark.e2e
def test_the_documented_kinds_and_fields_are_those_the_page_accepts(blank):
    accepted = blank.evaluate("""async () => {
        const { KINDS } = await import("/practice/protocol.js");
        return Object.fromEntries(Object.entries(KINDS).map(([kind, fields]) => [kind, Object.keys(fields)]));
    }""")
    assert {kind: sorted(spec["fields"]) for kind, spec in KINDS.items()} == {k: sorted(v) for k, v in accepted.items()}
    for kind, spec in KINDS.items():
        assert spec["example"]["type"] == kind and sorted(spec["example"]) == sorted(["type", *spec["fields"]])


def in_order() -> list[dict]:
    """The documented examples in the documented order: top, then a case (start, raised, case), done."""
    return [
        KINDS["top"]["example"],
        KINDS["case-start"]["example"],
        KINDS["raised"]["example"],
        KINDS["case"]["example"],
        KINDS["done"]["example"],
    ]


@pytest.mark.e2e
def test_every_documented_message_is_accepted_in_the_documented_order(blank):
    assert accepts(blank, in_order()) == [""] * 5
    assert accepts(blank, [KINDS["failed"]["example"]]) == [""]
    top_raised = {**KINDS["raised"]["example"], "index": None}
    assert (
        accepts(blank, [top_raised, {**KINDS["top"]["example"], "defined": False}, KINDS["done"]["example"]])
        == [""] * 3
    )


def forged_variants() -> list[tuple[str, int, dict]]:
    """(what was forged, where in in_order() it goes, the message)."""
    variants = []
    for position, message in enumerate(in_order()):
        kind = message["type"]
        variants.append((f"{kind}: an extra field", position, {**message, "extra": 1}))
        variants.append((f"{kind}: no type", position, {k: v for k, v in message.items() if k != "type"}))
        for field in KINDS[kind]["fields"]:
            variants.append((f"{kind}: no {field}", position, {k: v for k, v in message.items() if k != field}))
            for wrong in WRONG:
                if (
                    json.dumps(wrong) != json.dumps(message[field])
                    and not (message[field] is None and wrong is None)
                    and _wrong_type(kind, field, wrong)
                ):
                    variants.append((f"{kind}: {field} = {wrong!r}", position, {**message, field: wrong}))
    return variants


def _wrong_type(kind: str, field: str, value) -> bool:
    """Whether ``value`` is not of the field's documented type (so it must be refused)."""
    documented_types = {"output": str, "message": str, "defined": bool, "warnings": list}
    if field == "index":
        return not (type(value) is int or (kind == "raised" and value is None))
    if field in ("error", "returned", "raised", "limit"):
        nullable = not (kind == "raised" and field == "error")
        return not (type(value) is dict or (nullable and value is None))
    return type(value) is not documented_types[field] or (field == "warnings" and value != [])


@pytest.mark.e2e
@pytest.mark.parametrize("what, position, forged", forged_variants(), ids=[v[0] for v in forged_variants()])
def test_a_forged_variant_of_each_documented_message_is_refused(blank, what, position, forged):
    messages = in_order()
    messages[position] = forged
    verdicts = accepts(blank, messages[: position + 1])
    assert verdicts[:position] == [""] * position and verdicts[position], what


@pytest.mark.e2e
@pytest.mark.parametrize(
    "what, messages",
    [
        ("a case before the top level", [KINDS["case-start"]["example"]]),
        ("the top level twice", [KINDS["top"]["example"], KINDS["top"]["example"]]),
        ("a case that was not started", [KINDS["top"]["example"], KINDS["case"]["example"]]),
        (
            "a case started twice",
            [KINDS["top"]["example"], KINDS["case-start"]["example"], KINDS["case-start"]["example"]],
        ),
        ("a case answered twice", in_order()[:4] + [KINDS["case"]["example"]]),
        ("the second case first", [KINDS["top"]["example"], {"type": "case-start", "index": 1}]),
        ("a case past the plan's", [KINDS["top"]["example"], {"type": "case-start", "index": 5}]),
        ("a negative case", [KINDS["top"]["example"], {"type": "case-start", "index": -1}]),
        ("a case index of __proto__", [KINDS["top"]["example"], {"type": "case-start", "index": "__proto__"}]),
        ("raised twice", in_order()[:3] + [KINDS["raised"]["example"]]),
        ("done while a case is open", in_order()[:2] + [KINDS["done"]["example"]]),
        ("anything after done", in_order() + [KINDS["done"]["example"]]),
        ("a message of no kind", [{"type": "pass", "all_passed": True}]),
        ("not an object", ["done"]),
        ("a top level whose output is null", [{**KINDS["top"]["example"], "output": None}]),
    ],
)
def test_messages_out_of_the_documented_order_are_refused(blank, what, messages):
    verdicts = accepts(blank, messages, cases=2)
    assert verdicts[:-1] == [""] * (len(messages) - 1) and verdicts[-1], what


@pytest.mark.e2e
def test_a_message_bigger_than_the_limit_or_not_plain_data_is_refused(blank):
    refused = blank.evaluate("""async () => {
        const { newCheck, refusal, LIMITS } = await import("/practice/protocol.js");
        const top = { type: "top", output: "", error: null, defined: true };
        const big = { type: "case", index: 0, output: "", warnings: [], raised: null, limit: null,
            returned: { type: "numpy.ndarray", data: "A".repeat(LIMITS.messageChars) } };
        const typed = { type: "case", index: 0, output: "", warnings: [], raised: null, limit: null,
            returned: { type: "numpy.ndarray", data: new Float64Array(4) } };
        const deep = { type: "case", index: 0, output: "", warnings: [], raised: null, limit: null,
            returned: { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } } };
        return [big, typed, deep].map((message) => {
            const state = newCheck(1);
            refusal(state, top);
            refusal(state, { type: "case-start", index: 0 });
            return refusal(state, message);
        });
    }""")
    assert all(refused), refused


def test_the_page_reads_a_case_message_again_field_by_field():
    """The page's Python refuses what protocol.js lets through but is not as documented inside."""
    from web.practice import grader, plain

    example = copy.deepcopy(KINDS["case"]["example"])
    assert grader.judge("sigmoid", 0, example)["failed"] == "type"  # a float where an array is due: judged
    hostile = [
        {"returned": {**example["returned"], "number": "not a number"}},
        {
            "returned": {
                "type": "numpy.ndarray",
                "ndarray": True,
                "float": False,
                "floating": False,
                "dtype": "<f8",
                "shape": [2, 2],
                "data": "AAAA",
            }
        },  # 3 bytes for 4 float64
        {
            "returned": {
                "type": "numpy.ndarray",
                "ndarray": True,
                "float": False,
                "floating": False,
                "dtype": "|O",
                "shape": [1],
                "data": "AAAAAAAAAAA=",
            }
        },  # objects are no numbers
        {
            "returned": {
                "type": "numpy.ndarray",
                "ndarray": True,
                "float": False,
                "floating": False,
                "dtype": "<f8",
                "shape": [10**6, 10**6],
                "data": "",
            }
        },  # a huge shape
        {
            "returned": {
                "type": "numpy.ndarray",
                "ndarray": True,
                "float": False,
                "floating": False,
                "dtype": "<f8",
                "shape": [float("nan")],
                "data": "",
            }
        },  # a NaN shape
        {
            "returned": None,
            "raised": {"type": "TypeError", "builtins": ["NotABuiltin"], "message": "", "traceback": ""},
        },
        {"returned": None, "limit": {"limit": "forever"}},
        {"returned": None},  # neither returned, raised nor a limit
    ]
    for change in hostile:
        verdict = grader.judge("sigmoid", 0, {**copy.deepcopy(example), **change})
        assert verdict["status"] == "fail" and verdict["failed"] == "interrupted", change
    with pytest.raises(plain.Refused):
        plain.restore(
            {
                "type": "numpy.ndarray",
                "ndarray": True,
                "float": False,
                "floating": False,
                "dtype": "<f8",
                "shape": [3],
                "data": "AAAAAAAAAAA=",
            }
        )


# --------------------------------------------------------------------------- plain data


def documented_fields(value) -> dict[str, str]:
    """The fields the table documents for what ``value`` is (an array or any other value): their types."""
    kind = "an array" if isinstance(value, np.ndarray) else "any other value"
    return {row["field"]: row["type"] for row in PLAIN if row["for"] in ("every value", kind)}


@pytest.mark.parametrize(
    "value",
    [0.5, np.float64(0.5), np.float32(0.5), 278, np.int64(278), True, None, "text", [1, 2], 10**400]
    + [np.ones((2, 3)), np.arange(3), np.array([object()], dtype=object), np.array(278)],
    ids=lambda value: type(value).__name__,
)
def test_the_plain_data_table_lists_exactly_the_fields_described_with_their_types(value):
    described = json.loads(json.dumps(plain.describe(value)))  # as it crosses
    fields = documented_fields(value)
    assert set(described) == set(fields)
    types = Types({"returned": {field: (kind, True) for field, kind in fields.items()}})
    assert types.problems(described, "returned") == []
    plain.restore(described)  # the page reads it back
    for field in fields:  # and refuses it without any one of them
        with pytest.raises(plain.Refused):
            plain.restore({key: item for key, item in described.items() if key != field})


def test_the_integer_flag_is_documented_as_the_code_decides_it():
    (row,) = [row for row in PLAIN if row["field"] == "integer"]
    assert "isinstance(value, (int, np.integer)) and not isinstance(value, bool)" in row["what"]
    for value, integer in ((278, True), (np.int64(278), True), (True, False), (np.bool_(False), False), (2.0, False)):
        assert plain.describe(value)["integer"] is integer
