# SPDX-License-Identifier: MIT
"""最低生活保障（低保）估算.

低保金（差额）= （低保标准 − 家庭月人均收入）× 共同生活家庭成员人数
（《最低生活保障审核确认办法》第二十三条：按家庭人均收入与低保标准的差额计算）。

家庭月人均收入 = （工资 + 其他收入 − 不计入的收入 − 就业成本扣减）÷ 人数.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from .common import Trace, choice, flag, integer, money, num, yuan
from .errors import InputError
from .params import ParameterSet

AREAS = {"urban": "城市", "rural": "农村"}
LABOUR = {"full": "有劳动能力", "partial": "部分丧失劳动能力", "none": "完全丧失劳动能力"}
DISABILITY_TYPES = {
    "physical": "肢体",
    "intellectual": "智力",
    "mental": "精神",
    "visual": "视力",
    "hearing": "听力",
    "speech": "言语",
    "multiple": "多重",
}
INCOME_KINDS = {
    "farming": "种养殖、经营净收入",
    "property": "房租、利息等财产收入",
    "transfer": "赡养费、抚养费等转移收入",
    "pension_other": "其他养老金、退休金",
    "other": "其他收入",
}
EXCLUDED_KINDS = {
    "basic_pension": "城乡居民基本养老保险基础养老金",
    "allowances": "优待抚恤金、计划生育奖励扶助金、奖学金、见义勇为奖励等",
}
MAX_MEMBERS = 20
PARAMETERS = (  # every parameter this calculator may read (backlinks; a test checks it is complete)
    "dibao.standard.urban", "dibao.standard.rural", "dibao.employment_deduction_ratio", "dibao.employment_deduction_allowed",
    "dibao.phase_out_months", "dibao.phase_out_months_max", "dibao.edge_multiple", "dibao.single_person_household",
    "dibao.rigid_expense_multiple", "dibao.basic_pension_excluded", "dibao.review_months.class1",
    "dibao.review_months.class2", "dibao.review_months.class3", "dibao.time_limit_working_days",
)
CLAUSES = ("xx-mzj-doudi-fangan#s2-1",)  # cited directly by a step


def parse_member(raw: Any, i: int) -> dict[str, Any]:
    f = f"members[{i}]"
    who = f"第{i + 1}位家庭成员的"
    if not isinstance(raw, dict):
        raise InputError(f"{who}情况没有填写完整。", f)
    m = {
        "age": integer(raw.get("age"), f"{f}.age", who + "年龄", 0, 120),
        "labour": choice(raw.get("labour", "full"), f"{f}.labour", who + "劳动能力", LABOUR),
        "disability_grade": integer(raw.get("disability_grade", 0) or 0, f"{f}.disability_grade", who + "残疾等级（没有填0）", 0, 4),
        "disability_type": raw.get("disability_type") or "",
        "serious_illness": flag(raw.get("serious_illness"), f"{f}.serious_illness", who + "是否患重特大疾病"),
        "student": flag(raw.get("student"), f"{f}.student", who + "是否在校学生"),
        "employed": flag(raw.get("employed"), f"{f}.employed", who + "是否在工作"),
        "wage": money(raw.get("wage"), f"{f}.wage", who + "月工资", required=False),
    }
    if m["disability_type"] and (not isinstance(m["disability_type"], str) or m["disability_type"] not in DISABILITY_TYPES):
        choice(m["disability_type"], f"{f}.disability_type", who + "残疾类别", DISABILITY_TYPES)
    if m["wage"] > 0 and not m["employed"]:
        m["employed"] = True
    return m


def may_apply_alone(m: dict[str, Any]) -> bool:
    """重度残疾人（一、二级；三级智力、精神）或重病患者."""
    g, t = m["disability_grade"], m["disability_type"]
    return (g in (1, 2)) or (g == 3 and t in ("intellectual", "mental")) or m["serious_illness"]


def calculate(request: dict[str, Any], params: ParameterSet, on: dt.date, overrides: dict[str, Any]) -> dict[str, Any]:
    jurisdiction = str(request.get("jurisdiction", ""))
    t = Trace(params, jurisdiction, on, overrides)
    params.chain(jurisdiction)  # unknown place → clear error first
    area = choice(request.get("area"), "area", "户籍类别（城市或农村）", AREAS)
    raw_members = request.get("members")
    if not isinstance(raw_members, list) or not raw_members:
        raise InputError("请至少填写一位共同生活的家庭成员。", "members")
    if len(raw_members) > MAX_MEMBERS:
        raise InputError(f"共同生活的家庭成员最多填 {MAX_MEMBERS} 人；人数更多的请到乡镇（街道）咨询。", "members")
    members = [parse_member(m, i) for i, m in enumerate(raw_members)]
    n = len(members)

    std_param = f"dibao.standard.{area}"
    standard = t.require(std_param, request.get("standard"), "standard", f"{AREAS[area]}低保标准")
    t.step(
        f"{t.params.name(jurisdiction)}{AREAS[area]}低保标准：每人每月 {yuan(standard)} 元。",
        params=(std_param,),
    )

    # --- income -------------------------------------------------------------
    wages = sum((m["wage"] for m in members), Fraction(0))
    other_raw = request.get("income") or {}
    if not isinstance(other_raw, dict):
        raise InputError("其他收入没有按项目填写。", "income")
    unknown = set(other_raw) - set(INCOME_KINDS) - set(EXCLUDED_KINDS)
    if unknown:
        raise InputError(f"不认识的收入项目：{'、'.join(sorted(unknown))}。", "income")
    counted = {k: money(other_raw.get(k), f"income.{k}", INCOME_KINDS[k], required=False) for k in INCOME_KINDS}
    excluded = {k: money(other_raw.get(k), f"income.{k}", EXCLUDED_KINDS[k], required=False) for k in EXCLUDED_KINDS}
    other = sum(counted.values(), Fraction(0))
    total = wages + other
    parts = [f"工资 {yuan(wages)}"] + [f"{INCOME_KINDS[k]} {yuan(v)}" for k, v in counted.items() if v]
    t.step(f"家庭每月计入的收入：{' + '.join(parts)} = {yuan(total)} 元。", formula="工资 + 其他收入")
    if excluded["basic_pension"]:
        pension_rule = t.get("dibao.basic_pension_excluded")
        t.step(
            f"城乡居民基本养老保险基础养老金 {yuan(excluded['basic_pension'])} 元不计入收入。",
            params=("dibao.basic_pension_excluded",) if pension_rule else (),
        )
    if excluded["allowances"]:
        t.step(
            f"优待抚恤金、奖励扶助金、奖学金等 {yuan(excluded['allowances'])} 元不计入收入（《最低生活保障审核确认办法》规定的不计入项目）。",
        )

    # --- employment cost deduction -------------------------------------------
    deduction = Fraction(0)
    ratio = t.get("dibao.employment_deduction_ratio")
    workers = [(i, m) for i, m in enumerate(members) if m["employed"] and m["wage"] > 0]
    if workers and ratio is not None:
        cap = ratio.fraction * standard
        for i, m in workers:
            d = min(cap, m["wage"])
            deduction += d
            t.step(
                f"第{i + 1}位成员在工作，扣减就业成本 {yuan(d)} 元"
                f"（低保标准的 {num(ratio.fraction)}，即 {yuan(cap)} 元，且不超过本人工资 {yuan(m['wage'])} 元）。",
                formula="min(低保标准 × 扣减比例, 本人工资)",
                params=("dibao.employment_deduction_ratio",),
            )
    elif workers and t.get("dibao.employment_deduction_allowed") is not None:
        t.step(
            "当地文件规定核算收入时扣减必要的就业成本，但没有规定扣减标准；本估算未扣减，实际可能更有利。",
            params=("dibao.employment_deduction_allowed",),
        )
        t.warn("就业成本扣减的具体标准由当地确定，本估算未扣减。")

    counted_income = max(total - deduction, Fraction(0))
    per_capita = counted_income / n
    t.step(
        f"家庭月人均收入 =（{yuan(total)} − {yuan(deduction)}）÷ {n} 人 = {yuan(per_capita)} 元。",
        formula="（计入收入 − 扣减）÷ 共同生活家庭成员人数",
    )

    # --- rigid expenses (支出型) ------------------------------------------------
    rigid = t.get("dibao.rigid_expense_multiple")
    medical = money(request.get("medical_expense_year"), "medical_expense_year", "本年度自付医疗费用", required=False)
    education = money(request.get("education_expense_year"), "education_expense_year", "本年度教育支出", required=False)
    if rigid is not None and (medical or education):
        prior = money(request.get("prior_year_income"), "prior_year_income", "上年度家庭年收入")
        limit = rigid.fraction * prior
        for label, spent in (("医疗", medical), ("教育", education)):
            if spent > limit:
                t.step(
                    f"本年度{label}刚性支出 {yuan(spent)} 元，超过上年度家庭年收入的 {num(rigid.fraction)} 倍（{yuan(limit)} 元），"
                    "核算收入时可按规定程序适当扣减；扣减多少由当地确定，本估算未扣减。",
                    params=("dibao.rigid_expense_multiple",),
                )
                t.warn(f"{label}支出较大，可能按支出型救助扣减收入，请向乡镇（街道）说明。")

    # --- decision -------------------------------------------------------------
    current = flag(request.get("current_recipient"), "current_recipient", "现在是否在享受低保")
    fields: dict[str, Any] = {"standard": yuan(standard), "per_capita_income": yuan(per_capita), "household_size": n}
    if per_capita < standard:
        amount = (standard - per_capita) * n
        t.step(
            f"人均收入 {yuan(per_capita)} 元低于低保标准 {yuan(standard)} 元，可以申请低保。"
            f"每月低保金 =（{yuan(standard)} − {yuan(per_capita)}）× {n} 人 = {yuan(amount)} 元。",
            formula="（低保标准 − 家庭月人均收入）× 人数",
            params=(std_param,),
        )
        if counted_income == 0 and all(m["labour"] == "none" for m in members) and "template" in params.chain(jurisdiction):
            t.step(
                "全家完全丧失劳动能力、没有收入，按低保标准全额发放。",
                clauses=("xx-mzj-doudi-fangan#s2-1",),
            )
        status, eligible = "eligible", True
        fields["monthly_amount"] = yuan(amount)
    else:
        fields["monthly_amount"] = yuan(Fraction(0))
        eligible = False
        phase = t.get("dibao.phase_out_months")
        phase_max = t.get("dibao.phase_out_months_max")
        if current and (phase or phase_max):
            status = "phase_out"
            months = f"{phase.value} 个月" if phase else ""
            longest = f"最长不超过 {phase_max.value} 个月" if phase_max else ""
            t.step(
                f"人均收入 {yuan(per_capita)} 元已超过低保标准 {yuan(standard)} 元。现在享受低保的家庭可给予渐退期"
                f"{'：' + '，'.join(x for x in (months, longest) if x)}，期满后再退出。",
                params=("dibao.phase_out_months", "dibao.phase_out_months_max"),
            )
        else:
            status = "not_eligible"
            t.step(f"人均收入 {yuan(per_capita)} 元不低于低保标准 {yuan(standard)} 元，按收入不符合低保条件。")
        edge = t.get("dibao.edge_multiple")
        if edge is not None and per_capita < edge.fraction * standard:
            if status == "not_eligible":
                status = "edge"
            t.step(
                f"人均收入低于低保标准的 {num(edge.fraction)} 倍（{yuan(edge.fraction * standard)} 元），属于低保边缘家庭，"
                "可以申请相应的专项救助；家中重残、重病人员可能单独纳入低保。",
                params=("dibao.edge_multiple",),
            )
    fields["eligible"] = eligible
    fields["status"] = status

    # --- single-person households and review ------------------------------------
    alone = [i for i, m in enumerate(members) if may_apply_alone(m)]
    single = t.get("dibao.single_person_household")
    if alone and single is not None and not eligible and n > 1:
        who = "、".join(f"第{i + 1}位" for i in alone)
        t.step(
            f"{who}成员属于重度残疾人或重病患者，可以按“单人户”单独申请低保；单人户领多少由当地确定。",
            params=("dibao.single_person_household",),
        )
        fields["single_person_applicants"] = alone
    if eligible:
        if all(m["labour"] == "none" for m in members):
            review = "dibao.review_months.class1"
        elif any(m["labour"] == "partial" for m in members) and not any(m["labour"] == "full" for m in members):
            review = "dibao.review_months.class2"
        else:
            review = "dibao.review_months.class3"
        r = t.get(review)
        if r is not None:
            t.step(f"纳入低保后，一般每 {r.value} 个月复核一次。", params=(review,))
            fields["review_months"] = r.value
    limit = t.get("dibao.time_limit_working_days")
    if limit is not None:
        t.step(f"申请后，乡镇（街道）应在 {limit.value} 个工作日内作出审核确认决定。", params=("dibao.time_limit_working_days",))
    return t.result("dibao", **fields)
