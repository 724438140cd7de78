"""What the page's JavaScript may call in the page's interpreter (start/python-worker.js answers
each ``call`` message with one of :data:`CALLS`): plain strings in, a JSON string out. The page's
Python runs in that worker, never on the page's main thread (web/cards/CONTRACT.md, "calls")."""

from __future__ import annotations

import json

from web.cards import bindings, timing


def evaluate_json(op: str, inputs_json: str, lang: str = "en", edited: str | None = None) -> str:
    """A card's result or refusal (``bindings.evaluate_json``)."""
    return bindings.evaluate_json(op, inputs_json, lang, edited)


def sources_json() -> str:
    """Each catalogue operation's source, as JSON (``bindings.sources``)."""
    return json.dumps(bindings.sources())


def practice_json(request_json: str) -> str:
    """Practice's checking: one JSON request, one JSON answer (``checking.handle_json``)."""
    from web.practice import checking  # in the page's snapshot already; imported on first use after a normal start

    return checking.handle_json(request_json)


CALLS = {
    call.__name__: call
    for call in (
        evaluate_json,
        sources_json,
        practice_json,
        timing.timing_plan_json,  # the vectorization card's timing run (cards/timing.js)
        timing.measure_json,
        timing.timing_plot_json,
    )
}
