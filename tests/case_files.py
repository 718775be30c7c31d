# SPDX-License-Identifier: MIT
"""YAML test cases (OpenFisca style): one list of cases per file in tests/cases/<calculator>/.

Each case: ``name`` (a sentence a caseworker can check), ``date``, ``input``, and either
``expected`` (result fields that must be equal), or ``expected_error`` (error kind and
field). Optional: ``steps_contain`` / ``warnings_contain`` / ``steps_lack`` (substrings), ``clauses``
(clause ids the steps must cite), ``checks`` (nested fields), ``message_contains``; for the screener
``programmes`` (id → status), ``programme_amounts``, ``programme_clauses``, ``why_contain``, ``why_lack``,
``programmes_absent``, ``next_steps_contain``.
The same files run in CPython here and, later, inside Pyodide.

The runner is strict (unlike OpenFisca's, which ignores what it does not know): an unknown key, a
case with nothing to check, or an expectation about a programme the result does not list is a failure
— a typo must never silently disable a case worked from a clause.
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
    """The compiled demo content (tests/fixtures/demo/, through ``demo_project``): the cases are worked from its clauses."""
    from data.compile import compile_policy_data
    from demo_project import project

    return compile_policy_data(project() / "policy_data", project() / "docs")


REQUIRED = {"name", "date", "input"}
EXPECTATIONS = {"expected", "expected_error", "message_contains", "steps_contain", "steps_lack", "warnings_contain", "clauses",
                "checks", "programmes", "programme_amounts", "programme_clauses", "why_contain", "why_lack", "programmes_absent",
                "next_steps_contain"}


class CaseFormatError(ValueError):
    pass


def validate_case(case: Any, where: str) -> None:
    """A case's keys are known, the required ones are there, and it checks something."""
    if not isinstance(case, dict):
        raise CaseFormatError(f"{where}: a case must be a mapping")
    unknown = set(case) - REQUIRED - EXPECTATIONS
    if unknown:
        raise CaseFormatError(f"{where}: unknown key(s) {sorted(unknown)} (known: {sorted(REQUIRED | EXPECTATIONS)})")
    missing = REQUIRED - set(case)
    if missing:
        raise CaseFormatError(f"{where}: missing {sorted(missing)}")
    if not set(case) & EXPECTATIONS:
        raise CaseFormatError(f"{where}: the case checks nothing (add expected, expected_error, programmes, …)")
    if "expected_error" in case and set(case) & (EXPECTATIONS - {"expected_error", "message_contains"}):
        raise CaseFormatError(f"{where}: expected_error goes with message_contains only")


def load_cases(path: Path) -> list[dict[str, Any]]:
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(cases, list) or not cases:
        raise CaseFormatError(f"{path}: a case file is a non-empty list of cases")
    for i, c in enumerate(cases):
        validate_case(c, f"{path.name} case {i + 1} ({c.get('name') if isinstance(c, dict) else c!r})")
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
        for key in ("programme_amounts", "programme_clauses", "why_contain", "why_lack"):
            for pid in case.get(key) or {}:
                if pid not in got:
                    problems.append(f"{key}: programme {pid} is not listed (have {sorted(got)})")
        for pid, clauses in (case.get("programme_clauses") or {}).items():
            for c in clauses:
                if pid in got and c not in got[pid]["clauses"]:
                    problems.append(f"programme {pid} does not cite {c}")
        for pid, texts in (case.get("why_contain") or {}).items():
            for t in texts:
                if pid in got and t not in " ".join(got[pid]["why"]):
                    problems.append(f"programme {pid}: reason lacks {t!r}")
        for pid, texts in (case.get("why_lack") or {}).items():
            for t in texts:
                if pid in got and t in " ".join(got[pid]["why"]):
                    problems.append(f"programme {pid}: reason contains {t!r}, which it must not")
    elif set(case) & {"programmes", "programme_amounts", "programme_clauses", "why_contain", "why_lack", "programmes_absent",
                      "next_steps_contain"}:
        problems.append("screener expectations on a result that is not the screener's")
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
