# SPDX-License-Identifier: MIT
"""特困人员救助供养估算.

认定（《特困人员认定办法》第四条）：无劳动能力、无生活来源、无法定赡养抚养扶养义务人
或者其法定义务人无履行义务能力，三项同时具备。
无劳动能力（第五条）：年满60周岁、未满16周岁（2020年起延长至18周岁），一至三级智力、精神残疾，
一、二级肢体残疾，一级视力残疾。在读学生不因在读而“无劳动能力”：已纳入供养的未成年人年满
年龄上限后仍在读的，按国家规定（义务教育、普通高中、中职）或当地文件（如昌乐：全日制，不含研究生）
可以继续享受到毕业。
供养标准 = 基本生活标准（不低于低保标准 × 倍数）+ 照料护理标准（不低于上年度最低工资 × 比例）.

No dead ends: an unanswered supporter question, an unknown 低保标准 or 最低工资 leave the
result open on that point (status ``possible``, or an amount formula) instead of stopping.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.inputs import answer, choice, integer, money
from ..core.money import num, yuan
from ..core.params import ParameterSet
from ..core.trace import STALE_HINT, Trace
from ..core.vocabulary import AREAS, CARE_LEVELS, DISABILITY_TYPES, SCHOOL_STAGES

# Which stages continue 特困 coverage past the minors' age limit (the parameter's choices).
EXTENSION_STAGES = {"secondary": ("compulsory", "high_school"), "undergraduate": ("compulsory", "high_school", "higher")}

PARAMETERS = (
    "dibao.standard.urban", "dibao.standard.rural", "tekun.elderly_age", "tekun.minor_age_limit", "tekun.basic_multiple",
    "tekun.care_fraction.self_care", "tekun.care_fraction.half_care", "tekun.care_fraction.full_care", "min_wage.monthly",
    "tekun.student_extension",
)
NEEDS = (  # (data health report) what a place must have for a full answer
    ("dibao.standard.rural", "没有农村低保标准：无法判断收入条件、算不出供养标准"),
    ("tekun.basic_multiple", "文件没有规定基本生活标准的倍数：算不出供养标准"),
    ("tekun.care_fraction.full_care", "文件没有规定照料护理标准的比例：算不出照料护理部分"),
    ("min_wage.monthly", "没有上年度最低工资：照料护理部分只能按最近一次查到的或不算"),
)
CLAUSES: tuple[str, ...] = ()


def no_labour_capacity(age: int, grade: int, kind: str, elderly: int, minor: int) -> str:
    """The reason a person counts as having no capacity to work under 第五条, or ""."""
    if age >= elderly:
        return f"年满 {elderly} 周岁"
    if age < minor:
        return f"未满 {minor} 周岁"
    if grade in (1, 2, 3) and kind in ("intellectual", "mental"):
        return f"{grade}级{DISABILITY_TYPES[kind]}残疾"
    if grade in (1, 2) and kind == "physical":
        return f"{grade}级肢体残疾"
    if grade == 1 and kind == "visual":
        return "一级视力残疾"
    return ""


def calculate(request: dict[str, Any], params: ParameterSet, on: dt.date, overrides: dict[str, Any]) -> dict[str, Any]:
    jurisdiction = str(request.get("jurisdiction") or "")
    params.chain(jurisdiction)
    t = Trace(params, jurisdiction, on, overrides)
    area = choice(request.get("area"), "area", "按城市还是农村标准", AREAS)
    age = integer(request.get("age"), "age", "年龄", 0, 120)
    school = request.get("school") or ""
    if school:
        choice(school, "school", "正在上什么学", SCHOOL_STAGES)
    grade = integer(request.get("disability_grade", 0) or 0, "disability_grade", "残疾等级（没有填0）", 0, 4)
    kind = request.get("disability_type") or ""
    if kind:
        choice(kind, "disability_type", "残疾类别", DISABILITY_TYPES)
    income = money(request.get("monthly_income"), "monthly_income", "本人每月收入（基础养老金等不计入的除外）", required=False)
    supporter = answer(request.get("has_able_supporter"), "has_able_supporter", "是否有能履行义务的赡养、抚养、扶养人")
    care = choice(request.get("care_level", "self_care"), "care_level", "生活自理能力", CARE_LEVELS)

    elderly = t.get("tekun.elderly_age")
    minor = t.get("tekun.minor_age_limit")
    elderly_age = int(elderly.value) if elderly else 60
    minor_age = int(minor.value) if minor else 16
    no, open_points = [], []

    # 1. no capacity to work
    why = no_labour_capacity(age, grade, kind, elderly_age, minor_age)
    extension = t.get("tekun.student_extension") if school and not why else None
    if why:
        t.step(f"无劳动能力：{why}。", cites=(elderly,) if age >= elderly_age else (minor,) if age < minor_age else ())
    elif school and extension is not None and school in EXTENSION_STAGES.get(str(extension.value), ()) and age < elderly_age:
        t.step(
            f"已满 {minor_age} 周岁、正在读{SCHOOL_STAGES[school]}：未成年时已经纳入特困供养的，可以继续享受到毕业"
            f"（{params.definitions['tekun.student_extension']['choices'][extension.value]}）。"
            "上学本身不算“无劳动能力”，新申请的请向乡镇（街道）问清楚。",
            cites=(extension, minor),
        )
        open_points.append("年满18周岁后仍在读，只有原来已经享受特困供养的才能延长")
    else:
        no.append("按填写的年龄和残疾情况，不属于无劳动能力")
        t.step("按填写的年龄和残疾情况，不属于《特困人员认定办法》第五条所列的无劳动能力情形"
               "（年满60周岁、未成年，或一至三级智力、精神残疾，一、二级肢体残疾，一级视力残疾）。",
               cites=(elderly, minor))

    # 2. no means of living: income below the local 低保标准
    basis = t.basis(f"dibao.standard.{area}", request.get("standard"), "standard", f"{AREAS[area]}低保标准")
    standard = basis.amount
    if standard is None:
        t.step(f"本人月收入 {yuan(income)} 元。本站没有查到当地{AREAS[area]}低保标准：当地标准高于 {yuan(income)} 元的，"
               "就属于“无生活来源”（财产情况另行核查）。")
        open_points.append(f"本人收入 {yuan(income)} 元是否低于当地低保标准")
    else:
        t.step(f"{AREAS[area]}低保标准：{basis.phrase()}。", cites=(basis,))
        if not basis.current:
            t.warn_stale("standard", f"{basis.phrase()}：{STALE_HINT}，按现在的标准算，供养标准也会更高。")
        if income < standard:
            t.step(f"本人月收入 {yuan(income)} 元低于低保标准，属于无生活来源（财产情况另行核查）。")
        elif not basis.current:
            open_points.append(f"本人收入 {yuan(income)} 元是否低于当地现在的低保标准")
            t.step(f"本人月收入 {yuan(income)} 元不低于{basis.phrase()}；当地现在的标准高于 {yuan(income)} 元的，仍属于无生活来源。")
        else:
            no.append("本人收入不低于低保标准")
            t.step(f"本人月收入 {yuan(income)} 元不低于低保标准 {yuan(standard)} 元，不属于无生活来源。")

    # 3. no able supporter
    if supporter is True:
        no.append("有能履行义务的赡养、抚养、扶养人")
        t.step("有能履行义务的法定赡养、抚养、扶养人，不符合特困条件；可以看看低保。")
    elif supporter is False:
        t.step("没有法定义务人，或义务人没有能力履行义务。")
    else:
        open_points.append("有没有能赡养、抚养、扶养的人")
        t.step("还没有回答“有没有能赡养、抚养、扶养您的人”：有这样的人的，不符合特困条件；没有或他们没有能力的，才符合。")

    status = "not_eligible" if no else ("possible" if open_points else "eligible")
    fields: dict[str, Any] = {"eligible": {"eligible": True, "not_eligible": False}.get(status), "status": status,
                              "standard": yuan(standard) if standard is not None else None, "open_points": open_points,
                              "reasons_not": no, "monthly_amount": None, "amount_is_minimum": True}
    _amount(t, request, on, area, care, standard, basis.current if standard is not None else None, fields)
    if status == "not_eligible" and fields.get("monthly_amount"):
        t.notes.append(f"以上是当地特困供养标准的下限（每月不低于 {fields['monthly_amount']} 元），供参考；按您填写的情况暂不符合特困条件。")
    return t.result("tekun", **fields)


def _amount(t: Trace, request: dict[str, Any], on: dt.date, area: str, care: str, standard: Any, current: bool | None,
            fields: dict[str, Any]) -> None:
    multiple = t.get("tekun.basic_multiple")
    fraction = t.get(f"tekun.care_fraction.{care}")
    if multiple is None or fraction is None:
        t.warn("当地文件没有规定特困人员供养标准的计算方法，本站无法估算金额；请向县民政局咨询当地特困供养标准。")
        return
    m, f = multiple.fraction, fraction.fraction
    prior_year_end = dt.date(on.year - 1, 12, 31)
    wage = t.basis("min_wage.monthly", request.get("min_wage"), "min_wage", "上年度月最低工资标准", on=prior_year_end)
    if standard is None:
        t.step(f"供养标准每月不低于：当地{AREAS[area]}低保标准 × {num(m)} + 上年度月最低工资 × {num(f)}（{CARE_LEVELS[care]}）。"
               "知道当地低保标准的，填上就能算出金额。", formula="低保标准 × 倍数 + 上年度最低工资 × 比例",
               cites=(multiple, fraction))
        fields["formula"] = f"低保标准 × {num(m)} + 上年度最低工资 × {num(f)}"
        return
    basic = m * standard
    t.step(
        f"基本生活标准不低于低保标准的 {num(m)} 倍：{yuan(standard)} × {num(m)} = {yuan(basic)} 元/月。",
        formula="低保标准 × 倍数",
        cites=(multiple,),
    )
    fields["basic_living"] = yuan(basic)
    if wage.amount is None:
        t.step(f"照料护理标准不低于上年度（{on.year - 1}年）月最低工资的 {num(f)}；本站没有查到当地上年度的最低工资，"
               "这部分没有算进去。知道的可以填上。", cites=(fraction,))
        t.warn(f"金额只含基本生活标准 {yuan(basic)} 元，照料护理标准另加。")
        fields["monthly_amount"] = yuan(basic)
        fields["care"] = None
        return
    care_amount = f * wage.amount
    t.step(
        f"{CARE_LEVELS[care]}照料护理标准不低于上年度（{on.year - 1}年）月最低工资的 {num(f)}：用的是{wage.phrase()}，"
        f"{yuan(wage.amount)} × {num(f)} = {yuan(care_amount)} 元/月。",
        formula="上年度最低工资 × 比例",
        cites=(fraction, wage),
    )
    if not wage.current:
        t.warn_stale("min_wage", f"最低工资用的是{wage.phrase()}，{STALE_HINT}。")
    total = basic + care_amount
    t.step(f"特困供养标准每月不低于 {yuan(basic)} + {yuan(care_amount)} = {yuan(total)} 元。", formula="基本生活标准 + 照料护理标准")
    fields.update(monthly_amount=yuan(total), care=yuan(care_amount), amounts_current=bool(current and wage.current))
