# SPDX-License-Identifier: MIT
"""One law, one engine: the 低保 calculator, the screener (我家能申请哪些救助) and the 台账 check give the same
answer for the same household — status, amount and the one sentence for a last-known standard.

Generated households × every place a resident can pick × dates 2021–2027 (the demo data: 昌乐 with 潍坊's
2021 standards last known from 2022, 怀远's 2022 standards, 织金's 2024 tiers, 枞阳 with none; 边缘 = 1.5 ×
标准, 《最低生活保障审核确认办法》第八条). A household here has counted income but no wages, because a 台账
has a total only and applies no employment deduction; 重残 members are 一级肢体 (重度残疾, 第八条).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.api import calculate
from calculators.core.params import ParameterSet
from calculators.ui.forms import jurisdiction_options

from case_files import bundle

PARAMS = ParameterSet(bundle())
PLACES = [j for j, _ in jurisdiction_options(PARAMS)]
HEADER = ["户主", "城乡", "家庭人数", "家庭月总收入", "当前待遇", "重残重病人数", "60岁以上人数"]
SCREEN = {"eligible": "likely", "phase_out": "likely", "income_line": "possible"}


@st.composite
def households(draw):
    n = draw(st.integers(1, 6))
    ages = draw(st.lists(st.integers(0, 95), min_size=n, max_size=n))
    severe = draw(st.integers(0, n))
    income = draw(st.integers(0, 3000 * n))  # yuan per month, all counted (no wages)
    return {
        "place": draw(st.sampled_from(PLACES)),
        "area": draw(st.sampled_from(["urban", "rural"])),
        "receives": draw(st.sampled_from(["none", "dibao"])),
        "on": draw(st.dates(dt.date(2021, 1, 1), dt.date(2027, 12, 31))),
        "members": [{"age": a, **({"disability_grade": 1, "disability_type": "physical"} if i < severe else {})} for i, a in enumerate(ages)],
        "severe": severe,
        "income": str(income),
    }


@settings(max_examples=300, deadline=None)
@given(households())
def test_calculator_screener_and_ledger_agree(h):
    on = h["on"].isoformat()
    calc = calculate("dibao", {"jurisdiction": h["place"], "area": h["area"], "date": on, "members": h["members"],
                               "income": {"other": h["income"]}, "current_recipient": h["receives"] == "dibao"}, PARAMS)
    screen = calculate("screener", {"jurisdiction": h["place"], "area": h["area"], "receives": h["receives"], "date": on,
                                    "members": h["members"], "other_income": h["income"]}, PARAMS)
    elderly = sum(1 for m in h["members"] if m["age"] >= 60)
    row = [h["area"] == "urban" and "城市" or "农村", str(len(h["members"])), h["income"], "低保" if h["receives"] == "dibao" else "无",
           str(h["severe"]), str(elderly)]
    ledger = calculate("ledger", {"jurisdiction": h["place"], "date": on, "table": [HEADER, ["甲"] + row]}, PARAMS)
    assert "error" not in calc and "error" not in screen and "error" not in ledger, (calc, screen, ledger)

    entry = next(p for p in screen["programmes"] if p["id"] == "dibao")
    x = ledger["rows"][0]
    amount = calc["monthly_amount"] if calc["status"] == "eligible" else None
    # Same status and amount from all three.
    assert entry["estimate"]["status"] == x["status"] == calc["status"]
    assert entry["estimate"]["monthly_amount"] == x["amount"] == amount
    assert entry["amount"] == (f"每月约 {amount} 元" if amount else None)  # never “约 0.00 元”
    assert x["per_capita"] == calc["per_capita_income"] and x["standard"] == calc["standard"]
    # The same sentence for a last-known standard, shown by each (the page shows it in its summary).
    stale = calc["stale_sentence"]
    assert entry["estimate"]["stale_sentence"] == x["stale_sentence"] == stale
    assert (stale is not None) == (calc["standard_kind"] == "last_known")
    if stale:
        assert stale in entry["why"]
        for f in x["flags"]:
            if f["flag"] in ("unserved", "stale"):
                assert stale in f["reason"] and f["basis"] == "last_known"
        assert all(f["flag"] != "review" for f in x["flags"])  # H1: never 复核 on an old standard
    # The screener's rating follows the calculator's status.
    if h["receives"] == "dibao":
        assert entry["status"] == "likely"
    elif calc["status"] in SCREEN:
        assert entry["status"] == SCREEN[calc["status"]]
    # The ledger's flags follow the same status.
    flags = [f["flag"] for f in x["flags"]]
    if h["receives"] == "none" and calc["status"] == "eligible":
        assert "unserved" in flags
    if h["receives"] == "dibao" and calc["status"] in ("edge", "not_eligible", "phase_out"):
        assert ("stale" if stale else "review") in flags
    if calc["status"] == "income_line":
        assert flags == ["no_standard"]
