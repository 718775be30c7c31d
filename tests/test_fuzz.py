# SPDX-License-Identifier: MIT
"""Fuzzing every calculator's input: hostile values never raise, always name the field in
Chinese, and behave the same in CPython and in Pyodide.

Two boundaries are fuzzed: ``calculate(name, request)`` (the engine, any JSON-like value
in any field) and ``run_query(name, query)`` (what the browser form sends: any text in
any key).  A deterministic sample of the same generators is replayed inside Pyodide
(tests/test_pyodide_node.py's runner) and must give identical JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators.api import calculate
from calculators.core.params import ParameterSet
from calculators.ui.forms import FORMS
from calculators.ui.query import run_query

from case_files import bundle

ROOT = Path(__file__).resolve().parent.parent
PARAMS = ParameterSet(bundle())
TODAY = dt.date(2026, 11, 23)
CJK = re.compile(r"[\u4e00-\u9fff]")
NASTY_TEXT = ["", " ", "NaN", "nan", "inf", "-inf", "Infinity", "1e999", "-1", "-0", "0", "00", "１２３", "1,000", "1，000",
              "12.345", "9" * 40, "abc", "一千", "<script>", "null", "true", "[]", "{}", "\u0000", "2024-02-30", "1900-01-01",
              "0.001", "10000001", "１"]
PLACES = list(PARAMS.jurisdictions) + ["beijing", "", "../etc", "CHANGLE"]

values = st.one_of(
    st.sampled_from(NASTY_TEXT), st.text(max_size=8), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
    st.none(), st.booleans(), st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
member = st.dictionaries(st.sampled_from(["age", "wage", "labour", "disability_grade", "disability_type", "serious_illness", "student", "employed"]), values, max_size=8)
request = st.fixed_dictionaries(
    {"jurisdiction": st.sampled_from(PLACES), "date": st.one_of(st.sampled_from(["2021-12-01", "2026-11-23", "1990-01-01", "2099-12-31"]), values)},
    optional={
        "area": st.one_of(st.sampled_from(["urban", "rural"]), values),
        "members": st.one_of(st.lists(member, max_size=25), values),
        "income": st.one_of(st.dictionaries(st.sampled_from(["farming", "other", "basic_pension", "bogus"]), values, max_size=3), values),
        "standard": values, "standard_urban": values, "min_wage": values, "age": values, "kind": values, "persons": values,
        "care_level": values, "monthly_income": values, "urban_consumption_year": values, "rural_consumption_year": values,
        "current_recipient": values, "medical_expense_year": values, "prior_year_income": values, "overrides": values,
    },
)


def check(result: dict) -> None:
    assert isinstance(result, dict)
    json.dumps(result, ensure_ascii=False)  # the browser receives it as JSON
    if "error" in result:
        assert result["error"] in ("input_error", "missing_parameter"), result
        assert isinstance(result["field"], str)
        assert CJK.search(result["message"]), result  # a Chinese sentence
    else:
        assert result["steps"] and result["warnings"][-1].startswith("这是根据您填写的情况")


@pytest.mark.parametrize("name", list(FORMS))
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(req=request)
def test_engine_never_raises_on_hostile_requests(name, req):
    check(calculate(name, req, PARAMS))


@pytest.mark.parametrize("name", list(FORMS))
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=st.dictionaries(st.sampled_from(
    ["j", "area", "n", "age1", "wage1", "age2", "labour1", "dis1", "distype1", "ill1", "farming", "std", "cur", "med", "prior",
     "date", "kind", "persons", "stdu", "age", "income", "care", "minwage", "ucons", "rcons", "ustd", "rstd", "bogus"]),
    st.one_of(st.sampled_from(NASTY_TEXT + PLACES), st.text(max_size=6)), max_size=14))
def test_form_boundary_never_raises_and_points_at_a_question(name, query):
    out = run_query(name, query, PARAMS, TODAY)
    check(out)
    if "error" in out and out["field"] not in ("", "jurisdiction"):
        assert out["key"], out  # the page can put the message next to a question


def test_200_members_and_empty_household():
    big = calculate("dibao", {"jurisdiction": "changle", "area": "urban", "date": "2021-12-01", "members": [{"age": 30}] * 200}, PARAMS)
    assert big["field"] == "members" and "20" in big["message"]
    empty = calculate("dibao", {"jurisdiction": "changle", "area": "urban", "date": "2021-12-01", "members": []}, PARAMS)
    assert empty["field"] == "members" and "至少" in empty["message"]
    for n, says in (("200", "最多填 20 人"), ("0", "至少填 1"), ("25", "最多填 20 人"), ("2.5", "整数")):
        r = run_query("dibao", {"j": "changle", "area": "urban", "n": n, "age1": "40", "date": "2021-12-01"}, PARAMS, TODAY)
        assert r.get("error") == "input_error" and r["key"] == "n" and says in r["message"], (n, r)  # never a result


def test_date_before_any_parameter_gives_the_income_line():
    """No dead end: with no standard at all for the date, the answer is the household's income line."""
    r = calculate("dibao", {"jurisdiction": "changle", "area": "urban", "date": "1990-01-01", "members": [{"age": 30, "wage": "450"}]}, PARAMS)
    assert r["status"] == "income_line" and r["income_line"] == "450.00" and r["monthly_amount"] is None


def sample(n: int = 400, seed: int = 20261123) -> list[dict]:
    """Deterministic hostile requests (same spirit as the strategies) for the Pyodide replay."""
    rng = random.Random(seed)
    pool = NASTY_TEXT + [None, True, False, 0, -5, 10**15, 1.5, [], {}]  # JSON has no NaN: the browser sends "NaN" text

    def v():
        return rng.choice(pool)

    valid = {  # worked cases (tests/cases): every field a calculator reads, with good values
        "dibao": {"jurisdiction": "changle", "date": "2021-12-01", "area": "urban", "members": [{"age": 45, "wage": "1200"}, {"age": 43}]},
        "tekun": {"jurisdiction": "changle", "date": "2021-12-01", "area": "urban", "age": 70, "care_level": "full_care", "min_wage": "1900"},
        "linshi": {"jurisdiction": "changle", "date": "2021-12-01", "kind": "illness", "persons": 2},
        "standard": {"jurisdiction": "changle", "date": "2021-12-01", "urban_consumption_year": "30000", "rural_consumption_year": "15000"},
    }
    items = []
    for i in range(n):
        name = list(FORMS)[i % len(FORMS)]
        req = json.loads(json.dumps(valid[name]))
        keys = ["jurisdiction", "date", "area", "members", "income", "standard", "age", "kind", "persons", "min_wage",
                "care_level", "urban_consumption_year", "rural_consumption_year", "overrides"]
        for k in rng.sample(keys, rng.choice([0, 1, 1, 2, 3, 6])):  # a few requests stay valid
            if k == "members" and rng.random() < 0.7:
                req[k] = [{"age": v(), "wage": v()} for _ in range(rng.randint(0, 3))]
            elif k == "jurisdiction":
                req[k] = rng.choice(PLACES)
            else:
                req[k] = v()
        items.append({"kind": "calc", "calculator": name, "request": req, "name": f"fuzz {i}"})
    return items


def _json_safe(x):
    return json.loads(json.dumps(x, ensure_ascii=False, allow_nan=True))


def test_hostile_sample_identical_in_pyodide(tmp_path, node):
    from assets.calculator import calculators_wheel, pyodide_version
    from assets.stdlib import trimmed_stdlib

    items = sample()
    (tmp_path / "p.json").write_text(json.dumps(bundle(), ensure_ascii=False), encoding="utf-8")
    (tmp_path / "stdlib.zip").write_bytes(trimmed_stdlib(calculators_wheel(), bundle(), pyodide_version())[0])
    job = {"params": str(tmp_path / "p.json"), "stdlib": str(tmp_path / "stdlib.zip"), "items": items}
    (tmp_path / "job.json").write_text(json.dumps(job, ensure_ascii=False, allow_nan=True), encoding="utf-8")
    proc = subprocess.run([node, str(ROOT / "tests/pyodide/run_cases.mjs"), str(tmp_path / "job.json")], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout)["results"]
    want = [_json_safe(calculate(i["calculator"], _json_safe(i["request"]), PARAMS)) for i in items]
    errors = sum(1 for w in want if "error" in w)
    assert 100 < errors < len(items)  # the sample really is hostile, and not only errors
    diffs = [i["name"] for i, g, w in zip(items, got, want) if g != w]
    assert not diffs, diffs[:10]
