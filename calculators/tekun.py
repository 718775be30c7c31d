# SPDX-License-Identifier: MIT
"""特困人员救助供养估算.

认定（《特困人员认定办法》第四条）：无劳动能力、无生活来源、无法定赡养抚养扶养义务人
或者其法定义务人无履行义务能力，三项同时具备。
供养标准 = 基本生活标准（不低于低保标准 × 倍数）+ 照料护理标准（不低于上年度最低工资 × 比例）.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .common import Trace, choice, flag, integer, money, num, yuan
from .params import ParameterSet

AREAS = {"urban": "城市", "rural": "农村"}
CARE = {"self_care": "全自理", "half_care": "半护理", "full_care": "全护理"}
DISABILITY_TYPES = {"physical": "肢体", "intellectual": "智力", "mental": "精神", "visual": "视力", "hearing": "听力", "speech": "言语", "multiple": "多重"}

PARAMETERS = (
    "dibao.standard.urban", "dibao.standard.rural", "tekun.elderly_age", "tekun.minor_age_limit", "tekun.basic_multiple",
    "tekun.care_fraction.self_care", "tekun.care_fraction.half_care", "tekun.care_fraction.full_care", "min_wage.monthly",
)
CLAUSES: tuple[str, ...] = ()


def no_labour_capacity(age: int, student: bool, grade: int, kind: str, elderly: int, minor: int) -> str:
    """The reason a person counts as having no capacity to work, or "" (第五条)."""
    if age >= elderly:
        return f"年满 {elderly} 周岁"
    if age < minor:
        return f"未满 {minor} 周岁"
    if student and age < 25:
        return "在读全日制学生（可延长至毕业）"
    if grade in (1, 2, 3) and kind in ("intellectual", "mental"):
        return f"{grade}级{DISABILITY_TYPES[kind]}残疾"
    if grade in (1, 2) and kind == "physical":
        return f"{grade}级肢体残疾"
    if grade == 1 and kind == "visual":
        return "一级视力残疾"
    return ""


def calculate(request: dict[str, Any], params: ParameterSet, on: dt.date, overrides: dict[str, Any]) -> dict[str, Any]:
    jurisdiction = str(request.get("jurisdiction", ""))
    t = Trace(params, jurisdiction, on, overrides)
    params.chain(jurisdiction)
    area = choice(request.get("area"), "area", "户籍类别（城市或农村）", AREAS)
    age = integer(request.get("age"), "age", "年龄", 0, 120)
    student = flag(request.get("student"), "student", "是否在读全日制学生")
    grade = integer(request.get("disability_grade", 0) or 0, "disability_grade", "残疾等级（没有填0）", 0, 4)
    kind = request.get("disability_type") or ""
    if kind:
        choice(kind, "disability_type", "残疾类别", DISABILITY_TYPES)
    income = money(request.get("monthly_income"), "monthly_income", "本人每月收入（基础养老金等不计入的除外）", required=False)
    supporter = flag(request.get("has_able_supporter"), "has_able_supporter", "是否有能履行义务的赡养、抚养、扶养人")
    care = choice(request.get("care_level", "self_care"), "care_level", "生活自理能力", CARE)

    elderly = t.get("tekun.elderly_age")
    minor = t.get("tekun.minor_age_limit")
    standard = t.require(f"dibao.standard.{area}", request.get("standard"), "standard", f"{AREAS[area]}低保标准")
    t.step(f"{AREAS[area]}低保标准：每人每月 {yuan(standard)} 元。", params=(f"dibao.standard.{area}",))

    reasons_no = []
    why = no_labour_capacity(age, student, grade, kind, int(elderly.value) if elderly else 60, int(minor.value) if minor else 16)
    if why:
        t.step(f"无劳动能力：{why}。", params=("tekun.elderly_age", "tekun.minor_age_limit"))
    else:
        reasons_no.append("按填写的年龄和残疾情况，不属于无劳动能力")
        t.step("按填写的年龄和残疾情况，不属于《特困人员认定办法》第五条所列的无劳动能力情形。", params=("tekun.elderly_age",))
    if income < standard:
        t.step(f"本人月收入 {yuan(income)} 元低于低保标准，属于无生活来源（财产情况另行核查）。")
    else:
        reasons_no.append("本人收入不低于低保标准")
        t.step(f"本人月收入 {yuan(income)} 元不低于低保标准 {yuan(standard)} 元，不属于无生活来源。")
    if supporter:
        reasons_no.append("有能履行义务的赡养、抚养、扶养人")
        t.step("有能履行义务的法定赡养、抚养、扶养人，不符合特困条件；可以看看低保。")
    else:
        t.step("没有法定义务人，或义务人无履行能力。")
    eligible = not reasons_no

    fields: dict[str, Any] = {"eligible": eligible, "status": "eligible" if eligible else "not_eligible", "standard": yuan(standard)}
    multiple = t.get("tekun.basic_multiple")
    care_param = f"tekun.care_fraction.{care}"
    fraction = t.get(care_param)
    if multiple is None or fraction is None:
        t.warn("当地文件没有规定特困人员供养标准的计算方法，本站无法估算金额；请向县民政局咨询当地特困供养标准。")
        fields["monthly_amount"] = None
        return t.result("tekun", **fields)
    basic = multiple.fraction * standard
    t.step(
        f"基本生活标准不低于低保标准的 {num(multiple.fraction)} 倍：{yuan(standard)} × {num(multiple.fraction)} = {yuan(basic)} 元/月。",
        formula="低保标准 × 倍数",
        params=("tekun.basic_multiple",),
    )
    prior_year_end = dt.date(on.year - 1, 12, 31)
    wage_supplied = request.get("min_wage")
    t_wage = Trace(params, jurisdiction, prior_year_end, overrides)
    wage = t_wage.require("min_wage.monthly", wage_supplied, "min_wage", "上年度月最低工资标准")
    t.used.update(t_wage.used)
    t.warnings += [w for w in t_wage.warnings if w not in t.warnings]
    t.notes += t_wage.notes
    care_amount = fraction.fraction * wage
    t.step(
        f"{CARE[care]}照料护理标准不低于上年度（{on.year - 1}年）月最低工资 {yuan(wage)} 元的 {num(fraction.fraction)}：{yuan(care_amount)} 元/月。",
        formula="上年度最低工资 × 比例",
        params=(care_param, "min_wage.monthly"),
    )
    total = basic + care_amount
    t.step(f"特困供养标准每月不低于 {yuan(basic)} + {yuan(care_amount)} = {yuan(total)} 元。", formula="基本生活标准 + 照料护理标准")
    fields.update(monthly_amount=yuan(total), basic_living=yuan(basic), care=yuan(care_amount), amount_is_minimum=True)
    if not eligible:
        t.notes.append("以上金额是当地特困供养标准的下限，供参考；按您填写的情况暂不符合特困条件。")
    return t.result("tekun", **fields)
