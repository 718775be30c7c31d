# SPDX-License-Identifier: MIT
"""YAML test cases (OpenFisca style): one list of cases per file in tests/cases/<calculator>/.

Each case: ``name`` (a sentence a caseworker can check), ``date``, ``input``, and either
``expected`` (result fields that must be equal), or ``expected_error`` (error kind and
field). Optional: ``steps_contain`` / ``warnings_contain`` / ``steps_lack`` (substrings), ``clauses``
(clause ids the steps must cite), ``checks`` (nested fields), ``message_contains``.
The same files run in CPython here and, later, inside Pyodide.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"


@functools.lru_cache(maxsize=1)
def bundle() -> dict[str, Any]:
    from compile_policy import compile_policy_data

    return compile_policy_data(ROOT / "policy_data", ROOT / "docs")


def load_cases(path: Path) -> list[dict[str, Any]]:
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    for c in cases:
        if isinstance(c.get("date"), dt.date):
            c["date"] = c["date"].isoformat()
    return cases


def check_case(case: dict[str, Any], result: dict[str, Any]) -> list[str]:
    """Every way ``result`` differs from what ``case`` expects (empty: passed)."""
    problems = []
    if "expected_error" in case:
        for k, v in case["expected_error"].items():
            if result.get(k) != v:
                problems.append(f"error {k}: expected {v!r}, got {result.get(k)!r} ({result.get('message')})")
        if case.get("message_contains") and case["message_contains"] not in result.get("message", ""):
            problems.append(f"message lacks {case['message_contains']!r}: {result.get('message')!r}")
        return problems
    if "error" in result:
        return [f"unexpected error: {result}"]
    if "programmes" in result:  # the screener: one status, clause and reason per programme
        got = {p["id"]: p for p in result["programmes"]}
        for pid, status in (case.get("programmes") or {}).items():
            if pid not in got:
                problems.append(f"programme {pid} missing (have {sorted(got)})")
            elif got[pid]["status"] != status:
                problems.append(f"programme {pid}: expected {status}, got {got[pid]['status']} ({got[pid]['why']})")
        for pid, amount in (case.get("programme_amounts") or {}).items():
            if pid in got and got[pid]["amount"] != amount:
                problems.append(f"programme {pid}: amount expected {amount!r}, got {got[pid]['amount']!r}")
        said = " ".join(st["text"] for st in result.get("next_steps", []))
        for text in case.get("next_steps_contain") or []:
            if text not in said:
                problems.append(f"next steps lack {text!r}: {said}")
        for pid in case.get("programmes_absent") or []:
            if pid in got:
                problems.append(f"programme {pid} listed, but must not be ({got[pid]['why']})")
        for pid, clauses in (case.get("programme_clauses") or {}).items():
            for c in clauses:
                if pid in got and c not in got[pid]["clauses"]:
                    problems.append(f"programme {pid} does not cite {c}")
        for pid, texts in (case.get("why_contain") or {}).items():
            for t in texts:
                if pid in got and t not in " ".join(got[pid]["why"]):
                    problems.append(f"programme {pid}: reason lacks {t!r}")
    for k, v in (case.get("expected") or {}).items():
        if result.get(k) != v:
            problems.append(f"{k}: expected {v!r}, got {result.get(k)!r}")
    for area, fields in (case.get("checks") or {}).items():
        for k, v in fields.items():
            got = result.get("checks", {}).get(area, {}).get(k)
            if got != v:
                problems.append(f"checks.{area}.{k}: expected {v!r}, got {got!r}")
    steps = " ".join(s["text"] for s in result["steps"])
    for text in case.get("steps_contain", []):
        if text not in steps:
            problems.append(f"steps lack {text!r}")
    for text in case.get("steps_lack", []):
        if text in steps:
            problems.append(f"steps contain {text!r}, which they must not")
    warnings = " ".join(result["warnings"])
    for text in case.get("warnings_contain", []):
        if text not in warnings:
            problems.append(f"warnings lack {text!r}")
    cited = {c for s in result["steps"] for c in s["clauses"]}
    for clause in case.get("clauses", []):
        if clause not in cited:
            problems.append(f"no step cites {clause}")
    return problems
