# SPDX-License-Identifier: MIT
"""Law that stays true in time, no dead ends, plain words — checked over every place and month.

For every place a resident (or staff) can pick and every month from 2021-01 to 2027-12, households
typed the way a resident would (no numbers only an official knows) go through the browser path
(``run_query``).  Properties:

* no dead end: a valid household always gets an answer, never "type this number first";
* time: a value past its adjustment cycle with no later entry is never current (checked against
  the data independently of the resolver), and a result resting on a last-known value never
  says 现行;
* plain words: resident-facing text has no place id or other ASCII word, and no data note;
* counts: 临时救助 and 特困 amounts do not depend on household size; 低保金 is exactly
  (标准 − 人均收入) × 人数 (第二十三条) wherever it is computed.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

import pytest

from calculators.core.params import ParameterSet, add_months
from calculators.ui.query import run_query

from case_files import bundle

PARAMS = ParameterSet(bundle())
PLACES = sorted(j for j, d in PARAMS.jurisdictions.items() if d["level"] == "county")
MONTHS = [dt.date(y, m, 15) for y in range(2021, 2028) for m in range(1, 13)]
NOTES = sorted({e["note"][:14] for d in PARAMS.jurisdictions.values() for es in d["parameters"].values() for e in es if e.get("note")})
ASCII_WORD = re.compile(r"[A-Za-z]{2,}")

HOUSEHOLDS = {
    "dibao": [
        {"area": "urban", "n": "2", "age1": "68", "age2": "40", "wage2": "1800"},
        {"area": "rural", "n": "3", "age1": "40", "age2": "38", "age3": "8", "farming": "900"},
        {"area": "rural", "n": "2", "age1": "50", "wage1": "1500", "age2": "20", "dis2": "1", "distype2": "physical", "cur": "1"},
        {"area": "urban", "n": "1", "age1": "80", "labour1": "none", "basic_pension": "150"},
    ],
    "tekun": [
        {"area": "rural", "age": "75", "care": "full_care", "supporter": "0"},
        {"area": "urban", "age": "20", "school": "higher", "supporter": "0"},
        {"area": "rural", "age": "70"},
    ],
    "linshi": [{"kind": "illness"}, {"kind": "education"}, {"kind": "emergency"}],
}


def resident_texts(r: dict) -> list[str]:
    s = r["summary"]
    out = [s["headline"], s["figure"], s["sentence"], s["when"], *s["lines"]]
    out += [st["text"] for st in r["steps"]] + r["warnings"] + r["notes"] + [st["text"] for st in r["next_steps"]]
    out += [p["label"] + p["display"] + p["status_label"] + p["state_label"] for p in r["parameters"]]
    return out


def _runs():
    for j in PLACES:
        for on in MONTHS:
            for name, households in HOUSEHOLDS.items():
                for q in households:
                    yield j, on, name, q, run_query(name, {"j": j, **q}, PARAMS, on)


RUNS = list(_runs())


def test_no_dead_end_for_any_place_or_month():
    """Nothing a resident cannot know is ever required: every run is an answer, not a request."""
    errors = [(j, on, name, r.get("message")) for j, on, name, _, r in RUNS if "error" in r]
    assert not errors, errors[:5]
    assert len(RUNS) == len(PLACES) * len(MONTHS) * sum(map(len, HOUSEHOLDS.values()))


def _expected_current(p: dict, on: dt.date) -> bool | None:
    """Independently of the resolver: False when the data shows the value is past its cycle."""
    cycle = PARAMS.definitions[p["id"]].get("cycle_months")
    if not cycle or p["jurisdiction"] == "override":
        return None
    entries = PARAMS.jurisdictions[p["jurisdiction"]]["parameters"][p["id"]]
    later = [e for e in entries if dt.date.fromisoformat(e["from"]) > dt.date.fromisoformat(p["from"])]
    if later and dt.date.fromisoformat(later[0]["from"]) <= on:
        return False  # replaced (by a value not found) before this date
    if not later and on >= add_months(dt.date.fromisoformat(p["from"]), cycle):
        return False
    return None


def test_no_value_called_current_past_its_cycle():
    checked = 0
    for j, on, name, _, r in RUNS:
        stale = False
        for p in r["parameters"]:
            want = _expected_current(p, on if p["id"] != "min_wage.monthly" else dt.date(on.year - 1, 12, 31))
            if want is False:
                assert p["state"] == "last_known", (j, on, p["id"], p["from"])
                checked += 1
            stale = stale or p["state"] == "last_known"
        if stale:
            assert not any("现行" in t for t in resident_texts(r)), (j, on, name)
    assert checked > 1000


def test_resident_text_has_no_ids_codes_or_data_notes():
    for j, on, name, _q, r in RUNS:
        for text in resident_texts(r):
            assert not ASCII_WORD.search(text), (j, on, name, text)
            for note in NOTES:
                assert note not in text, (j, on, name, note)


def test_amounts_are_multiplied_only_by_what_the_clause_multiplies_by():
    for j, on, name, q, r in RUNS:
        if name == "dibao" and r.get("monthly_amount") not in (None, "0.00") and r["status"] == "eligible":
            n = r["household_size"]
            got = Fraction(r["monthly_amount"])
            want = (Fraction(r["standard"]) - Fraction(r["per_capita_income"])) * n
            assert abs(got - want) <= Fraction(n, 200), (j, on, q)  # 第二十三条, per-capita rounded to the fen
        if name in ("linshi", "tekun"):
            bigger = run_query(name, {"j": j, **q, "n": "6", "persons": "6"}, PARAMS, on)
            for key in ("min_amount", "max_amount", "monthly_amount"):
                assert bigger.get(key) == r.get(key), (j, on, name, key)


@pytest.mark.parametrize("j", PLACES)
def test_every_figure_says_which_years_standard_it_rests_on(j):
    """A resident sees the year of the standard behind any amount computed on a last-known one."""
    r = run_query("dibao", {"j": j, **HOUSEHOLDS["dibao"][1]}, PARAMS, dt.date(2026, 12, 3))
    base = r["bases"]["standard"]
    if base["origin"] == "data" and not base["current"]:
        year = base["from"][:4]
        assert any(f"{year}年" in t for t in [r["summary"]["sentence"], *r["summary"]["lines"]]), r["summary"]
    if base["origin"] == "none":
        assert r["status"] == "income_line" and r["summary"]["figure"].startswith("收入线")


def test_each_place_bundle_gives_the_same_answers():
    """The browser gets one small bundle per place (build/assets/calculator.py place_bundles): the
    place's chain, only the clauses a result can cite, no staff notes. Every page-visible answer
    must be identical to the full bundle's; an unknown place answers from the default bundle exactly
    as the full bundle does."""
    import json

    from assets.calculator import DEFAULT_PLACE, place_bundles

    bundles = place_bundles(bundle())
    assert set(PLACES) <= set(bundles) and DEFAULT_PLACE in bundles
    for j in [*PLACES, "nowhere"]:
        small = ParameterSet(bundles.get(j, bundles[DEFAULT_PLACE]))
        assert len(small.clauses) < len(PARAMS.clauses) and len(small.jurisdictions) < len(PARAMS.jurisdictions)
        for on in (dt.date(2021, 12, 1), dt.date(2024, 6, 1), dt.date(2026, 12, 3)):
            for name, households in HOUSEHOLDS.items():
                for q in households:
                    want = run_query(name, {"j": j, **q}, PARAMS, on)
                    got = run_query(name, {"j": j, **q}, small, on)
                    assert json.dumps(got, sort_keys=True) == json.dumps(want, sort_keys=True), (j, on, name, q)


def test_no_income_is_said_plainly_not_as_a_zero_income_line():
    """With no counted income any standard is above it: say so, not “标准高于 0.00 元就可以申请”."""
    r = run_query("dibao", {"j": "zongyang", "area": "rural", "n": "1", "age1": "70"}, PARAMS, dt.date(2026, 12, 3))
    assert r["status"] == "income_line"
    assert "没有计入的收入" in r["summary"]["sentence"] and "高于 0.00 元" not in r["summary"]["sentence"]
    from calculators.api import calculate

    # 昌乐's last-known 2021 standard, no income: the warning about the old standard (shown by the screener)
    old = calculate("dibao", {"jurisdiction": "changle", "area": "urban", "members": [{"age": 45}], "date": "2026-12-03"}, PARAMS)
    text = " ".join(old["stale_warnings"].values())
    assert "高于 0.00 元" not in text and "没有计入的收入" in text
