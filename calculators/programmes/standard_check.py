# SPDX-License-Identifier: MIT
"""低保标准核查（工作人员用）.

昌乐县（乐办字〔2021〕21号 二、（一）1）：城乡低保标准占上年度城乡居民人均消费支出的比例
原则上分别在 25%—35% 和 35%—45% 之间；到“十四五”末，城乡低保标准之比缩小至 1.3:1 以内。
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from ..core.errors import InputError, MissingParameterError
from ..core.form import DATE, JURISDICTION, Field, Form
from ..core.inputs import money
from ..core.money import num, yuan
from ..core.params import ParameterSet
from ..core.programme import Programme
from ..core.trace import Trace
from ..core.vocabulary import AREAS

PARAMETERS = (
    "dibao.standard.urban", "dibao.standard.rural", "standard.urban_consumption_ratio_min", "standard.urban_consumption_ratio_max",
    "standard.rural_consumption_ratio_min", "standard.rural_consumption_ratio_max", "standard.urban_rural_ratio_max",
)
CLAUSES: tuple[str, ...] = ()


def calculate(request: dict[str, Any], params: ParameterSet, on: dt.date, overrides: dict[str, Any]) -> dict[str, Any]:
    jurisdiction = str(request.get("jurisdiction") or "")
    params.chain(jurisdiction)
    t = Trace(params, jurisdiction, on, overrides)
    checks: dict[str, Any] = {}
    standards: dict[str, Fraction] = {}
    for area, name in AREAS.items():
        lo = t.get(f"standard.{area}_consumption_ratio_min")
        hi = t.get(f"standard.{area}_consumption_ratio_max")
        if lo is None or hi is None:
            raise InputError(f"{t.params.name(jurisdiction)}的文件没有规定低保标准与消费支出挂钩的比例，无法核查。", "jurisdiction")
        spending = money(request.get(f"{area}_consumption_year"), f"{area}_consumption_year", f"上年度{name}居民人均消费支出（元/年）")
        if spending <= 0:
            raise InputError(f"上年度{name}居民人均消费支出要大于 0。", f"{area}_consumption_year")
        b = t.basis(f"dibao.standard.{area}", request.get(f"{area}_standard"), f"{area}_standard", f"{name}低保标准")
        if b.amount is None:
            raise MissingParameterError(f"本站没有查到这个日期的{name}低保标准，请填写要核查的{name}低保标准（元/人/月）。", f"{area}_standard")
        std = b.amount
        if not b.current:
            t.warn(f"核查用的是{b.phrase()}；要核查现在的标准，请把它填上。")
        standards[area] = std
        low, high = lo.fraction * spending / 12, hi.fraction * spending / 12
        ok = low <= std <= high
        share = std * 12 / spending
        t.step(
            f"{name}：上年度人均消费支出 {yuan(spending)} 元/年，按 {num(lo.fraction)}—{num(hi.fraction)} 计，"
            f"低保标准应在每月 {yuan(low)}—{yuan(high)} 元之间；核查的标准 {yuan(std)} 元，占 {float(share) * 100:.1f}%，"
            + ("符合。" if ok else ("偏低。" if std < low else "偏高。")),
            formula="人均消费支出 × 比例 ÷ 12",
            cites=(lo, hi, b),
        )
        checks[area] = {"min": yuan(low), "max": yuan(high), "current": yuan(std), "share": f"{float(share):.4f}", "complies": ok}
    cap = t.get("standard.urban_rural_ratio_max")
    ratio = standards["urban"] / standards["rural"]
    ratio_ok = cap is None or ratio <= cap.fraction
    t.step(
        f"城乡低保标准之比 {yuan(standards['urban'])} ÷ {yuan(standards['rural'])} = {float(ratio):.3f}"
        + (f"，目标是不超过 {num(cap.fraction)}:1，" + ("已达到。" if ratio_ok else "尚未达到。") if cap else "。"),
        cites=(cap,),
    )
    checks["urban_rural_ratio"] = {"value": f"{float(ratio):.3f}", "max": num(cap.fraction) if cap else None, "complies": ratio_ok}
    complies = all(c["complies"] for c in checks.values())
    return t.result("standard", status="complies" if complies else "does_not_comply", eligible=None, complies=complies, checks=checks)


def summarize(result: dict[str, Any]) -> dict[str, Any]:
    ok = result.get("complies")
    return {"tone": "yes" if ok else "no", "headline": "符合挂钩要求" if ok else "有不符合的项目",
            "figure": "符合" if ok else "不符合", "sentence": "按文件规定的比例核查低保标准，逐项结果见下方计算过程。",
            "lines": [], "stale_said": []}


FORM = Form(
    "standard",
    "低保标准核查（工作人员）",
    (
        JURISDICTION,
        Field("ucons", "urban_consumption_year", "上年度城镇居民人均消费支出（元/年）", "money", "统计公报中的数字。"),
        Field("rcons", "rural_consumption_year", "上年度农村居民人均消费支出（元/年）", "money", "统计公报中的数字。"),
        Field("ustd", "urban_standard", "要核查的城市低保标准（元/人/月）", "money",
              "不填就用本站查到的最近一次标准（结果会注明它的日期）。", when=(("not_current", "dibao.standard.urban"),)),
        Field("rstd", "rural_standard", "要核查的农村低保标准（元/人/月）", "money",
              "不填就用本站查到的最近一次标准（结果会注明它的日期）。", when=(("not_current", "dibao.standard.rural"),)),
        DATE,
    ),
    (("basic", "核查数据"), ("staff", "工作人员选项")),
)

PROGRAMME = Programme(
    name="standard",
    title="低保标准核查",
    full_title="低保标准核查（工作人员）",
    calculate=calculate,
    parameters=PARAMETERS,
    clauses=CLAUSES,
    form=FORM,
    summarize=summarize,
    staff=True,
    order=90,
)
