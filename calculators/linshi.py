# SPDX-License-Identifier: MIT
"""临时救助估算：给出一个范围，不是一个确定的金额.

昌乐县（乐办字〔2021〕21号 二、（一）8）：重大疾病患者、子女自负教育费用负担过重的支出型
救助对象，分别按照城市低保月标准的 3—12 倍和 3—6 倍救助；重大生活困难的“一事一议”。
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .common import Trace, choice, integer, num, yuan
from .params import ParameterSet

KINDS = {"illness": "重大疾病（支出型）", "education": "教育费用负担过重（支出型）", "emergency": "突发急难（急难型）"}

PARAMETERS = (
    "dibao.standard.urban", "linshi.illness_multiple_min", "linshi.illness_multiple_max", "linshi.education_multiple_min",
    "linshi.education_multiple_max", "linshi.case_by_case", "linshi.advance_aid",
)
CLAUSES = ("zhijin-2023-fengong#s3-12",)


def calculate(request: dict[str, Any], params: ParameterSet, on: dt.date, overrides: dict[str, Any]) -> dict[str, Any]:
    jurisdiction = str(request.get("jurisdiction", ""))
    t = Trace(params, jurisdiction, on, overrides)
    params.chain(jurisdiction)
    kind = choice(request.get("kind"), "kind", "遇到的困难", KINDS)
    persons = integer(request.get("persons", 1), "persons", "需要救助的人数", 1, 20)
    fields: dict[str, Any] = {"kind": kind, "persons": persons, "min_amount": None, "max_amount": None}

    if kind == "emergency":
        advance = t.get("linshi.advance_aid")
        if advance is not None:
            t.step("突发急难可以“先行救助”：简化核对、评议和公示，先救助，事后补齐手续。", params=("linshi.advance_aid",))
        else:
            t.step("遇到突发急难，请立即向乡镇（街道）或村（社区）求助。")
        t.warn("急难型临时救助的金额由当地按困难程度确定，本站不估算金额。")
        fields.update(status="refer", eligible=None)
    else:
        lo = t.get(f"linshi.{kind}_multiple_min")
        hi = t.get(f"linshi.{kind}_multiple_max")
        if lo is None or hi is None:
            t.step(
                f"{t.params.name(jurisdiction)}的文件没有公布{KINDS[kind]}临时救助的具体倍数，本站无法估算范围；"
                "请向乡镇（街道）咨询当地的分类分档标准。",
                clauses=("zhijin-2023-fengong#s3-12",) if jurisdiction == "zhijin" else (),
            )
            fields.update(status="no_local_rule", eligible=None)
        else:
            std = t.require("dibao.standard.urban", request.get("standard_urban"), "standard_urban", "城市低保月标准")
            t.step(f"城市低保月标准：{yuan(std)} 元。", params=("dibao.standard.urban",))
            low = lo.fraction * std * persons
            high = hi.fraction * std * persons
            t.step(
                f"{KINDS[kind]}：每人按城市低保月标准的 {num(lo.fraction)}—{num(hi.fraction)} 倍，"
                f"{persons} 人合计 {yuan(low)}—{yuan(high)} 元（一次性）。",
                formula="城市低保月标准 × 倍数 × 人数",
                params=(f"linshi.{kind}_multiple_min", f"linshi.{kind}_multiple_max"),
            )
            fields.update(status="range", eligible=None, min_amount=yuan(low), max_amount=yuan(high))
    case = t.get("linshi.case_by_case")
    if case is not None:
        t.step("生活仍有重大困难的，可以按“一事一议”适度提高救助。", params=("linshi.case_by_case",))
    t.notes.append("临时救助是否给予、给多少，由乡镇（街道）根据困难程度审核确定。")
    return t.result("linshi", **fields)
