# SPDX-License-Identifier: MIT
"""A household as the screener and the 台账 check know it: what was answered, and ``None`` where not.

Every programme's ``screen`` reads this shape (``Screening.household``), so the questions are
parsed once and each answer means the same thing to every programme.
"""

from __future__ import annotations

from typing import Any

from .errors import InputError
from .inputs import answer, choice, integer, money
from .vocabulary import AREAS, DISABILITY_TYPES, EMERGENCY, HOUSING, MAX_MEMBERS, RECEIVES, SCHOOL_STAGES, WORKING_AGE, severe_disability

Tri = bool | None


def parse_household(request: dict[str, Any]) -> dict[str, Any]:
    members = request.get("members")
    if not isinstance(members, list) or not members:
        raise InputError("请至少填写一位家庭成员。", "members")
    if len(members) > MAX_MEMBERS:
        raise InputError(f"家庭成员最多填 {MAX_MEMBERS} 位；人数更多的，请直接到乡镇（街道）咨询。", "members")
    out: list[dict[str, Any]] = []
    for i, raw in enumerate(members):
        f, who = f"members[{i}]", f"第{i + 1}位家庭成员的"
        if not isinstance(raw, dict):
            raise InputError(f"{who}情况没有填写完整。", f)
        school = raw.get("school") or ""
        if school:
            choice(school, f"{f}.school", who + "上学阶段", SCHOOL_STAGES)
        kind = raw.get("disability_type") or ""
        if kind:
            choice(kind, f"{f}.disability_type", who + "残疾类别", DISABILITY_TYPES)
        out.append({
            "age": integer(raw.get("age"), f"{f}.age", who + "年龄", 0, 120),
            "school": school,
            "disability_grade": integer(raw.get("disability_grade", 0) or 0, f"{f}.disability_grade", who + "残疾等级（没有填0）", 0, 4),
            "disability_type": kind,
            "serious_illness": answer(raw.get("serious_illness"), f"{f}.serious_illness", who + "是否患重特大疾病"),
            "labour": raw.get("labour"),
            "wage": money(raw.get("wage"), f"{f}.wage", who + "月工资", required=False),
        })
    h: dict[str, Any] = {"members": out}
    h["area"] = choice(request.get("area"), "area", "住在城市还是农村", AREAS) if request.get("area") else None
    h["receives"] = choice(request.get("receives"), "receives", "现在是否享受低保或特困", RECEIVES) if request.get("receives") else None
    h["housing"] = choice(request.get("housing"), "housing", "住房情况", HOUSING) if request.get("housing") else None
    h["emergency"] = choice(request.get("emergency"), "emergency", "最近是否遇到急难", EMERGENCY) if request.get("emergency") else None
    h["supporter"] = answer(request.get("supporter"), "supporter", "有没有能赡养、抚养、扶养的人")
    h["other_income"] = money(request.get("other_income"), "other_income", "全家其他每月收入（元）", required=False)
    for key, label in (("medical_spending", "今年自己负担的医疗费用"), ("education_spending", "今年自己负担的教育费用")):
        h[key] = money(request[key], key, label, required=False) if request.get(key) not in (None, "") else None
    return h


def able_to_work(m: dict[str, Any]) -> Tri:
    """Of working age (``WORKING_AGE``), not 重度残疾, not unable to work, not in school, not seriously ill."""
    able = (WORKING_AGE[0] <= m["age"] <= WORKING_AGE[1] and not severe_disability(m["disability_grade"], m["disability_type"])
            and m.get("labour") != "none" and not m["school"] and m["serious_illness"] is not True)
    return able
