# SPDX-License-Identifier: MIT
"""The screener's 详细估算 links (issue #22, walk finding 2): each programme's link is its calculator's own prefilled
link, and opening it gives the calculator the household the screener judged — the same status and amount."""

from __future__ import annotations

import datetime as dt

import pytest

from calculators.api import calculate
from calculators.core.params import ParameterSet
from calculators.ui.forms import query_from_request
from calculators.ui.query import run_query

from case_files import bundle

DAY = dt.date(2026, 12, 5)

HOUSEHOLDS = [
    # the widow of walk 1: 织金, 72, 二级肢体残疾, nobody to support her
    {"jurisdiction": "zhijin", "area": "rural", "supporter": "0", "members": [{"age": 72, "disability_grade": 2, "disability_type": "physical"}]},
    # the family of walk 2: 昌乐, four, one wage, a seriously ill mother, 急难 with medical costs
    {"jurisdiction": "changle", "area": "urban", "emergency": "illness", "medical_spending": "18000",
     "members": [{"age": 42, "wage": "2800"}, {"age": 40, "serious_illness": True}, {"age": 9, "school": "compulsory"},
                 {"age": 16, "school": "high_school"}]},
    # 怀远, a couple on 低保 with other income; 城乡 not answered
    {"jurisdiction": "huaiyuan", "receives": "dibao", "other_income": "300", "members": [{"age": 66}, {"age": 63, "wage": "500"}]},
]


@pytest.mark.parametrize("household", HOUSEHOLDS, ids=["zhijin-widow", "changle-family", "huaiyuan-couple"])
def test_each_link_opens_its_calculator_on_the_same_household(household):
    params = ParameterSet(bundle())
    screened = calculate("screener", {**household, "date": DAY.isoformat()}, params)
    linked = [p for p in screened["programmes"] if p.get("calculator")]
    assert {p["id"] for p in linked} >= {"dibao", "tekun", "linshi"}
    for p in linked:
        link = p["link"]
        assert link["j"] == household["jurisdiction"]
        page = run_query(p["id"], {**link, "date": DAY.isoformat()}, params, DAY)
        if set(link) == {"j"}:
            # the screener did not run this calculator (a family for 特困, no hardship for 临时救助): it asks the rest
            assert page.get("error") == "input_error", page
            continue
        if "area" not in household and p["id"] != "linshi":
            # an unanswered question is not answered for the resident: the calculator asks it
            assert "area" not in link and page.get("field") == "area", page
            continue
        assert "error" not in page, (p["id"], link, page.get("message"))
        if p["id"] == "dibao" and p["amount"]:
            assert p["amount"] == f"每月约 {page['monthly_amount']} 元", (link, page["summary"])
        if p["id"] == "linshi" and p["amount"]:
            assert p["amount"] == f"约 {page['min_amount']}—{page['max_amount']} 元"
        if p["id"] == "tekun" and p["status"] != "unlikely":
            assert page["status"] in ("eligible", "possible"), link


def test_link_keys_are_the_calculators_own():
    link = query_from_request("dibao", {"jurisdiction": "changle", "area": "urban", "current_recipient": True,
                                        "members": [{"age": 42, "wage": "2800.00"}, {"age": 40, "serious_illness": True, "disability_grade": 0}],
                                        "income": {"other": "300.00"}, "line": False, "date": "2026-12-05"})
    assert link == {"j": "changle", "area": "urban", "n": "2", "age1": "42", "age2": "40", "wage1": "2800", "ill2": "1",
                    "other": "300", "cur": "1"}
    assert query_from_request("tekun", {"jurisdiction": "zhijin", "age": 72, "has_able_supporter": False})["supporter"] == "0"
