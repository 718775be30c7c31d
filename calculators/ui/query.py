# SPDX-License-Identifier: MIT
"""The browser's boundary: flat form answers in, everything the page shows out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..api import calculate
from ..core.errors import InputError
from ..core.params import ParameterSet
from ..tools.where_to_go import next_steps
from .forms import FORMS, key_for_field, request_from_query, visible_keys
from .parameters import shown_parameters
from .summary import summarize


def run_query(name: str, query: dict[str, str], params: ParameterSet, today: dt.date) -> dict[str, Any]:
    """Flat form answers in → everything the page shows out. Never raises for bad input."""
    if name not in FORMS:
        return {"error": "input_error", "field": "calculator", "key": "", "message": f"没有“{name}”这个计算器。", "visible": []}
    query = {str(k): "" if v is None else str(v) for k, v in (query or {}).items()}
    visible = visible_keys(name, query, params, today)
    try:
        request = request_from_query(name, query, params, today, visible)
    except InputError as exc:
        out = exc.to_dict()
        return {**out, "key": key_for_field(name, exc.field) or "date", "visible": visible}
    result = calculate(name, request, params)
    if "error" in result:
        return {**result, "key": key_for_field(name, result["field"]), "visible": visible, "request": request}
    steps = next_steps(name, request, result, params)
    clauses = dict(result["clauses"])
    clauses.update({ref: params.clauses[ref] for s in steps for ref in s["clauses"] if ref in params.clauses})
    clauses.update({p["clause"]: params.clauses[p["clause"]] for p in result["parameters"] if p.get("clause") in params.clauses})
    summary = summarize(result)
    # A figure's "last known" warning is said once on the page: in the summary, when the summary says it.
    repeated = {result["stale_warnings"][f] for f in summary.pop("stale_said") if f in result["stale_warnings"]}
    warnings = [w for w in result["warnings"] if w not in repeated]
    return {
        **result,
        "warnings": warnings,
        "clauses": clauses,
        "parameters": shown_parameters(result["parameters"], params),
        "summary": summary,
        "next_steps": steps,
        "visible": visible,
        "request": request,
    }


def run_query_json(name: str, query_json: str, params: ParameterSet, today_iso: str) -> str:
    """JSON in, JSON out: the browser worker's boundary."""
    import json

    try:
        query = json.loads(query_json)
        if not isinstance(query, dict):
            raise ValueError
    except ValueError:
        query = {}
    return json.dumps(run_query(name, query, params, dt.date.fromisoformat(today_iso)), ensure_ascii=False)
