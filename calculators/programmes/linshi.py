# SPDX-License-Identifier: MIT
"""临时救助估算：给出一个范围，不是一个确定的金额.

昌乐县（乐办字〔2021〕21号 二、（一）8）：“对重大疾病患者和因子女自负教育费用负担过重的支出型
救助对象，分别按照城市低保月标准的3—12倍和3—6倍进行救助”。Our reading: the multiple belongs to
the 救助对象 — the patient, or the family carrying the children's education costs — once per
case; it is **not** multiplied by the number of people in the household.  No text here says
the aid is paid in one sum: 枞阳 二、（三） and 织金 三、12 describe 分阶段救助.

Whether aid is given and how much depends on the out-of-pocket cost after insurance, the
family's income and property, and the township's assessment; the range is what the clause
allows, not an entitlement.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.inputs import choice
from ..core.money import num, yuan
from ..core.params import ParameterSet, Resolved
from ..core.trace import STALE_HINT, Trace
from ..core.vocabulary import LINSHI_KINDS

WHO = {"illness": "一名重大疾病患者", "education": "一户因子女教育费用负担过重的家庭"}

PARAMETERS = (
    "dibao.standard.urban", "linshi.illness_multiple_min", "linshi.illness_multiple_max", "linshi.education_multiple_min",
    "linshi.education_multiple_max", "linshi.case_by_case", "linshi.advance_aid", "linshi.staged_aid",
    "linshi.tiered_no_multiples",
)
NEEDS = (  # (data health report) what a place must have for a full answer
    ("linshi.illness_multiple_min", "文件没有公布重大疾病临时救助的倍数：只能请居民向乡镇咨询"),
    ("dibao.standard.urban", "没有城市低保标准：只能给出倍数，算不出金额"),
)
CLAUSES: tuple[str, ...] = ()


def _quoted(r: Resolved, fallback: str) -> str:
    """The clause's own words for a rule (e.g. “小金额先行救助”), else our short name for it."""
    return str(r.entry.get("quote")) if r is not None and r.entry.get("quote") else fallback


def calculate(request: dict[str, Any], params: ParameterSet, on: dt.date, overrides: dict[str, Any]) -> dict[str, Any]:
    jurisdiction = str(request.get("jurisdiction") or "")
    params.chain(jurisdiction)
    t = Trace(params, jurisdiction, on, overrides)
    kind = choice(request.get("kind"), "kind", "遇到的困难", LINSHI_KINDS)
    fields: dict[str, Any] = {"kind": kind, "min_amount": None, "max_amount": None, "eligible": None}

    if kind == "emergency":
        advance = t.get("linshi.advance_aid")
        if advance is not None:
            words = _quoted(advance, "先行救助")
            t.step(f"当地文件写明，急难情况可以实行“{words}”：简化核对、评议和公示，先救助，事后补齐手续。",
                   cites=(advance,))
        else:
            t.step("遇到突发急难，请立即向乡镇（街道）或村（社区）求助。")
        t.warn("急难型临时救助的金额由当地按困难程度确定，本站不估算金额。")
        fields["status"] = "refer"
    else:
        lo = t.get(f"linshi.{kind}_multiple_min")
        hi = t.get(f"linshi.{kind}_multiple_max")
        if lo is None or hi is None:
            tiered = t.get("linshi.tiered_no_multiples")
            t.step(
                f"{t.params.name(jurisdiction)}的文件没有公布{LINSHI_KINDS[kind]}临时救助的具体倍数"
                + ("（只要求参照城市低保标准分类分档）" if tiered else "")
                + "，本站无法估算范围；请向乡镇（街道）咨询当地的分类分档标准。",
                cites=(tiered,),
            )
            fields["status"] = "no_local_rule"
        else:
            _range(t, request, kind, lo, hi, fields)
    staged = t.get("linshi.staged_aid")
    if staged is not None:
        t.step(f"当地文件写明可以“{_quoted(staged, '分阶段救助')}”：困难持续的，不一定一次给完。",
               cites=(staged,))
    case = t.get("linshi.case_by_case")
    if case is not None:
        t.step("生活仍有重大困难的，可以按“一事一议”适度提高救助。", cites=(case,))
    t.notes.append("临时救助给不给、给多少，由乡镇（街道）根据医保报销后自己负担的费用、家庭收入和财产、困难程度审核确定。")
    return t.result("linshi", **fields)


def _range(t: Trace, request: dict[str, Any], kind: str, lo_r: Resolved, hi_r: Resolved, fields: dict[str, Any]) -> None:
    std = t.basis("dibao.standard.urban", request.get("standard_urban"), "standard_urban", "城市低保月标准")
    multiples = (lo_r, hi_r)
    lo, hi = lo_r.fraction, hi_r.fraction
    if std.amount is None:
        t.step(
            f"{LINSHI_KINDS[kind]}：按城市低保月标准的 {num(lo)}—{num(hi)} 倍救助（{WHO[kind]}算一份，不按家里人数相乘）。"
            "本站没有查到当地城市低保标准，知道的可以填上，就能算出范围。",
            formula="城市低保月标准 × 倍数", cites=multiples,
        )
        fields.update(status="multiples_only", min_multiple=num(lo), max_multiple=num(hi))
        return
    t.step(f"城市低保月标准：{std.phrase()}。", cites=(std,))
    if not std.current:
        t.warn_stale("standard_urban", f"{std.phrase()}：{STALE_HINT}，按现在的标准算，范围也会更高。")
    low, high = lo * std.amount, hi * std.amount
    t.step(
        f"{LINSHI_KINDS[kind]}：按城市低保月标准的 {num(lo)}—{num(hi)} 倍，约 {yuan(low)}—{yuan(high)} 元。"
        f"这是{WHO[kind]}的范围，不按家里人数相乘。",
        formula="城市低保月标准 × 倍数",
        cites=multiples,
    )
    fields.update(status="range", min_amount=yuan(low), max_amount=yuan(high), standard_current=std.current)
