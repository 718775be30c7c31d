# SPDX-License-Identifier: MIT
"""最低生活保障（低保）估算.

低保金（差额）= （低保标准 − 家庭月人均收入）× 共同生活家庭成员人数
（《最低生活保障审核确认办法》第二十三条：按家庭人均收入与低保标准的差额计算）。

家庭月人均收入 = （工资 + 其他收入 − 不计入的收入 − 就业成本扣减）÷ 人数.

No dead ends: when no standard is known for the place and date, the result is the
household's *income line* (the standard above which it would qualify); when only an
old standard is known, the figure is computed on it, says its date, and the line is
given too.  Whoever knows today's standard can type it (``standard``).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from ..core.errors import InputError
from ..core.inputs import choice, flag, integer, money
from ..core.money import num, yuan
from ..core.params import ParameterSet, Resolved
from ..core.trace import STALE_HINT, Trace
from ..core.vocabulary import AREAS, DISABILITY_TYPES, LABOUR, severe_disability

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
    "childcare": "育儿补贴",
}
MAX_MEMBERS = 20
PARAMETERS = (  # every parameter this calculator may read (backlinks; a test checks it is complete)
    "dibao.standard.urban", "dibao.standard.rural", "dibao.employment_deduction_ratio", "dibao.employment_deduction_allowed",
    "dibao.phase_out_months", "dibao.phase_out_months_max", "dibao.phase_out_allowed", "dibao.phase_out_employment_only",
    "dibao.phase_out_exit_without_severe", "dibao.edge_multiple", "dibao.single_person_household", "dibao.single_person_scope",
    "dibao.class1_full_amount", "dibao.childcare_subsidy_excluded",
    "dibao.rigid_expense_multiple", "dibao.basic_pension_excluded", "dibao.review_months.class1",
    "dibao.review_months.class2", "dibao.review_months.class3", "dibao.time_limit_working_days",
    "dibao.time_limit_extended_working_days",
)
NEEDS = (  # what a place must have for a full answer, and what residents get without it (data health report)
    ("dibao.standard.urban", "没有城市低保标准：城市家庭只能看到收入线，算不出金额"),
    ("dibao.standard.rural", "没有农村低保标准：农村家庭只能看到收入线，算不出金额"),
)
CLAUSES: tuple[str, ...] = ()  # every clause comes through a parameter


def parse_member(raw: Any, i: int) -> dict[str, Any]:
    f = f"members[{i}]"
    who = f"第{i + 1}位家庭成员的"
    if not isinstance(raw, dict):
        raise InputError(f"{who}情况没有填写完整。", f)
    m: dict[str, Any] = {
        "age": integer(raw.get("age"), f"{f}.age", who + "年龄", 0, 120),
        "labour": choice(raw.get("labour", "full"), f"{f}.labour", who + "劳动能力", LABOUR),
        "disability_grade": integer(raw.get("disability_grade", 0) or 0, f"{f}.disability_grade", who + "残疾等级（没有填0）", 0, 4),
        "disability_type": raw.get("disability_type") or "",
        "serious_illness": flag(raw.get("serious_illness"), f"{f}.serious_illness", who + "是否患重特大疾病"),
        "employed": flag(raw.get("employed"), f"{f}.employed", who + "是否在工作"),
        "wage": money(raw.get("wage"), f"{f}.wage", who + "月工资", required=False),
    }
    if m["disability_type"] and (not isinstance(m["disability_type"], str) or m["disability_type"] not in DISABILITY_TYPES):
        choice(m["disability_type"], f"{f}.disability_type", who + "残疾类别", DISABILITY_TYPES)
    if m["wage"] > 0 and not m["employed"]:
        m["employed"] = True
    return m


def severe(m: dict[str, Any]) -> bool:
    """重度残疾人 (``severe_disability``) or 重病（重特大疾病）患者."""
    return severe_disability(m["disability_grade"], m["disability_type"]) or m["serious_illness"]


def _area_caveat(r: Resolved | None, area: str) -> str:
    """A sentence when the clause behind ``r`` is written for the other area only."""
    scope = r.entry.get("area") if r is not None else None
    if scope and scope != area:
        return f"（这条规定写在{AREAS[scope]}低保的管理要求里，{AREAS[area]}家庭是否同样适用，请向乡镇（街道）确认。）"
    return ""


def _per_capita(total: Fraction, wages: list[Fraction], ratio: Fraction | None, standard: Fraction, n: int) -> tuple[Fraction, Fraction]:
    """(deduction, per-capita income) at a given standard: each worker's deduction is min(ratio × standard, wage)."""
    deduction = sum((min(ratio * standard, w) for w in wages), Fraction(0)) if ratio is not None else Fraction(0)
    return deduction, max(total - deduction, Fraction(0)) / n


def income_line(total: Fraction, wages: list[Fraction], ratio: Fraction | None, n: int) -> Fraction:
    """The lowest standard S at which this household's per-capita income is below S (exactly).

    Without a deduction: S* = total / n.  With one (枞阳: 30 % of the standard, at most the
    wage), per-capita income falls as S rises; on each stretch where the same workers are
    capped at their wage, S = (total − capped wages) / (n + ratio × uncapped workers).
    """
    if ratio is None or not wages:
        return total / n
    lo = Fraction(0)
    for hi in sorted({w / ratio for w in wages}) + [None]:
        capped = sum((w for w in wages if w / ratio <= lo), Fraction(0))
        uncapped = sum(1 for w in wages if w / ratio > lo)
        s = (total - capped) / (n + ratio * uncapped)
        if s >= lo and (hi is None or s <= hi):
            return s
        lo = hi  # type: ignore[assignment]  # hi is None only on the last stretch, which returns
    raise AssertionError("unreachable")  # pragma: no cover


def calculate(request: dict[str, Any], params: ParameterSet, on: dt.date, overrides: dict[str, Any]) -> dict[str, Any]:
    jurisdiction = str(request.get("jurisdiction") or "")
    params.chain(jurisdiction)  # unknown place → clear error first
    t = Trace(params, jurisdiction, on, overrides)
    area = choice(request.get("area"), "area", "按城市还是农村标准", AREAS)
    raw_members = request.get("members")
    if not isinstance(raw_members, list) or not raw_members:
        raise InputError("请至少填写一位共同生活的家庭成员。", "members")
    if len(raw_members) > MAX_MEMBERS:
        raise InputError(f"共同生活的家庭成员最多填 {MAX_MEMBERS} 人；人数更多的请到乡镇（街道）咨询。", "members")
    members = [parse_member(m, i) for i, m in enumerate(raw_members)]
    n = len(members)
    current_recipient = flag(request.get("current_recipient"), "current_recipient", "现在是否在享受低保")

    std_param = f"dibao.standard.{area}"
    basis = t.basis(std_param, request.get("standard"), "standard", f"{AREAS[area]}低保标准")

    # --- income -------------------------------------------------------------
    wages_total = sum((m["wage"] for m in members), Fraction(0))
    other_raw = request.get("income") or {}
    if not isinstance(other_raw, dict):
        raise InputError("其他收入没有按项目填写。", "income")
    unknown = set(other_raw) - set(INCOME_KINDS) - set(EXCLUDED_KINDS)
    if unknown:
        raise InputError("收入里有本站不认识的项目，请按表格里的项目填写。", "income")
    counted = {k: money(other_raw.get(k), f"income.{k}", INCOME_KINDS[k], required=False) for k in INCOME_KINDS}
    excluded = {k: money(other_raw.get(k), f"income.{k}", EXCLUDED_KINDS[k], required=False) for k in EXCLUDED_KINDS}
    total = wages_total + sum(counted.values(), Fraction(0))
    parts = [f"工资 {yuan(wages_total)}"] + [f"{INCOME_KINDS[k]} {yuan(v)}" for k, v in counted.items() if v]
    t.step(f"家庭每月计入的收入：{' + '.join(parts)} = {yuan(total)} 元。", formula="工资 + 其他收入")
    _excluded_steps(t, excluded)

    # --- employment cost deduction -------------------------------------------
    ratio_r = t.get("dibao.employment_deduction_ratio")
    ratio = ratio_r.fraction if ratio_r is not None else None
    workers = [(i, m) for i, m in enumerate(members) if m["employed"] and m["wage"] > 0]
    worker_wages = [m["wage"] for _, m in workers]
    allowed = t.get("dibao.employment_deduction_allowed") if workers and ratio is None else None
    if allowed is not None:
        t.step(
            "当地文件规定核算收入时扣减必要的就业成本，但没有规定扣减标准；本估算未扣减，实际可能更有利。",
            cites=(allowed,),
        )
        t.warn("就业成本扣减的具体标准由当地确定，本估算未扣减。")
    line = income_line(total, worker_wages if ratio is not None else [], ratio, n)

    fields: dict[str, Any] = {"household_size": n, "income_line": yuan(line), "standard_known": basis.known,
                              "standard_current": basis.current if basis.known else None}
    if not basis.known:
        return _income_line_result(t, members, area, total, line, ratio_r, workers, fields)

    standard = basis.amount
    assert standard is not None
    t.step(f"低保标准：{basis.phrase()}，每人每月。", cites=(basis,))
    if not basis.current:
        t.warn_stale("standard", f"{basis.phrase()}：{STALE_HINT}。" + (
            "您家没有计入的收入，不论当地现在的标准是多少，收入都在标准以下。" if line == 0
            else f"当地现在的标准只要高于 {yuan(line)} 元，您家就可能符合低保条件。"))
    deduction, per_capita = _per_capita(total, worker_wages, ratio, standard, n)
    if workers and ratio is not None:
        caveat = _area_caveat(ratio_r, area)
        cap = ratio * standard
        for i, m in workers:
            d = min(cap, m["wage"])
            t.step(
                f"第{i + 1}位成员在工作，扣减就业成本 {yuan(d)} 元"
                f"（低保标准的 {num(ratio)}，即 {yuan(cap)} 元，且不超过本人工资 {yuan(m['wage'])} 元）。" + caveat,
                formula="min(低保标准 × 扣减比例, 本人工资)",
                cites=(ratio_r,),
            )
    t.step(
        f"家庭月人均收入 =（{yuan(total)} − {yuan(deduction)}）÷ {n} 人 = {yuan(per_capita)} 元。",
        formula="（计入收入 − 扣减）÷ 共同生活家庭成员人数",
    )
    _rigid_expenses(t, request)

    # --- decision -------------------------------------------------------------
    fields.update(standard=yuan(standard), per_capita_income=yuan(per_capita))
    fields["line"] = where_is_the_line(t, members, total, ratio, standard, current_recipient)
    if per_capita < standard:
        amount = (standard - per_capita) * n
        t.step(
            f"人均收入 {yuan(per_capita)} 元低于低保标准 {yuan(standard)} 元，可以申请低保。"
            f"每月低保金 =（{yuan(standard)} − {yuan(per_capita)}）× {n} 人 = {yuan(amount)} 元。",
            formula="（低保标准 − 家庭月人均收入）× 人数",
            cites=(basis,),
        )
        if total - deduction <= 0 and all(m["labour"] == "none" for m in members) and (full := t.get("dibao.class1_full_amount")):
            t.step("全家完全丧失劳动能力、没有收入，按低保标准全额发放。", cites=(full,))
        fields.update(status="eligible", eligible=True, monthly_amount=yuan(amount))
        _review(t, members, fields)
    else:
        fields.update(status="not_eligible", eligible=False, monthly_amount=yuan(Fraction(0)))
        phased = current_recipient and _phase_out(t, members, workers, area, per_capita, standard, fields)
        if not phased:
            t.step(f"人均收入 {yuan(per_capita)} 元不低于低保标准 {yuan(standard)} 元，按收入不符合低保条件。")
            edge = t.get("dibao.edge_multiple")
            if edge is not None and per_capita < edge.fraction * standard:
                fields["status"] = "edge"
                t.step(
                    f"人均收入低于低保标准的 {num(edge.fraction)} 倍（{yuan(edge.fraction * standard)} 元），属于低保边缘家庭，"
                    "可以申请医疗、教育等专项救助。",
                    cites=(edge,),
                )
            _single_person(t, request, members, fields["status"] == "edge", fields)
    _time_limit(t)
    return t.result("dibao", **fields)


def _earner(members: list[dict[str, Any]]) -> int:
    """Whose earnings the chart varies: the member earning most, else the first of working age, else the first."""
    earning = [i for i, m in enumerate(members) if m["wage"] > 0]
    if earning:
        return max(earning, key=lambda i: members[i]["wage"])
    return next((i for i, m in enumerate(members) if 16 <= m["age"] < 60), 0)


def where_is_the_line(t: Trace, members: list[dict[str, Any]], total: Fraction, ratio: Fraction | None, standard: Fraction,
                      current_recipient: bool) -> dict[str, Any]:
    """收入线在哪里: how 低保金 and the family's total income change as one member earns more.

    The same rule as above (差额: （标准 − 人均收入）× 人数; each worker's deduction min(比例 × 标准, 工资)),
    solved for the earnings at which the per-capita income reaches the standard (``threshold``) and the
    边缘 line (``edge_until``), plus points to draw.  With no deduction, every yuan earned below the
    threshold lowers 低保金 by one yuan: total income stays flat until the threshold, then 低保金 stops.
    """
    n = len(members)
    i = _earner(members)
    others = total - members[i]["wage"]  # counted income apart from this member's wage
    d_others = sum((min(ratio * standard, m["wage"]) for j, m in enumerate(members) if j != i and m["employed"] and m["wage"] > 0),
                   Fraction(0)) if ratio is not None else Fraction(0)
    cap = ratio * standard if ratio is not None else Fraction(0)

    def counted(e: Fraction) -> Fraction:  # the household's income after deductions, earning e
        return max(others + e - d_others - min(cap, e), Fraction(0))

    def earnings_at(level: Fraction) -> Fraction | None:
        """The least e ≥ 0 with counted(e) ≥ level × n (None: never below it, even earning nothing)."""
        need = level * n
        if counted(Fraction(0)) >= need:
            return None
        return need + cap + d_others - others  # counted(e) is flat up to the cap, then rises 1:1

    threshold = earnings_at(standard)
    edge_r = t.params.resolve("dibao.edge_multiple", t.jurisdiction, t.on, t.overrides)
    edge_until = earnings_at(edge_r.fraction * standard) if edge_r is not None else None
    top = (edge_until or threshold or members[i]["wage"] or standard) * Fraction(5, 4)
    # Both curves are straight between these (the deduction cap, the line, the 边缘 line): the chart and its
    # table need no other points.
    marks = {Fraction(0), top, members[i]["wage"]} | {x for x in (threshold, edge_until, cap) if x is not None and x <= top}
    points = []
    for e in sorted(marks):
        pc = counted(e) / n
        benefit = (standard - pc) * n if pc < standard else Fraction(0)
        points.append({"earnings": yuan(e), "benefit": yuan(benefit), "total": yuan(others + e + benefit)})
    phase = [t.params.resolve(p, t.jurisdiction, t.on, t.overrides)
             for p in ("dibao.phase_out_months", "dibao.phase_out_months_max", "dibao.phase_out_allowed")]
    phase = [r if r is not None and not r.off else None for r in phase]
    # Where the 渐退期 is only for income from work, the chart's rising earnings are such income.
    only_work = t.params.resolve("dibao.phase_out_employment_only", t.jurisdiction, t.on, t.overrides)
    months = phase[0].value if phase[0] is not None else (phase[1].value if phase[1] is not None else None)
    return {
        "member": i,
        "member_wage": yuan(members[i]["wage"]),
        "threshold_earnings": yuan(threshold) if threshold is not None else None,
        "threshold_total_income": yuan(others + threshold) if threshold is not None else None,
        "edge_until_earnings": yuan(edge_until) if edge_until is not None else None,
        "edge_multiple": str(edge_r.value) if edge_r is not None else None,
        "edge_clause": edge_r.entry.get("clause") if edge_r is not None else None,
        "phase_out": bool(current_recipient and any(phase)),
        "phase_out_months": months if current_recipient else None,
        "phase_out_employment_only": only_work is not None and not only_work.off,
        "deduction_cap": yuan(cap) if ratio is not None else None,
        "points": points,
    }


def _excluded_steps(t: Trace, excluded: dict[str, Fraction]) -> None:
    if excluded["basic_pension"]:
        rule = t.get("dibao.basic_pension_excluded")
        text = f"城乡居民基本养老保险基础养老金 {yuan(excluded['basic_pension'])} 元不计入收入。"
        if rule is not None and not rule.current:
            text = (f"文件规定“十四五”时期城乡居民基本养老保险基础养老金不计入收入，“十四五”已于2025年底结束，"
                    f"本站没有查到是否继续执行的规定；本估算仍按不计入算（{yuan(excluded['basic_pension'])} 元），请向乡镇（街道）确认。")
        t.step(text, cites=(rule,))
    if excluded["allowances"]:
        t.step(
            f"优待抚恤金、奖励扶助金、奖学金等 {yuan(excluded['allowances'])} 元不计入收入（《最低生活保障审核确认办法》规定的不计入项目）。",
        )
    if excluded["childcare"]:
        rule = t.get("dibao.childcare_subsidy_excluded")
        if rule is not None:
            t.step(f"育儿补贴 {yuan(excluded['childcare'])} 元不计入收入。", cites=(rule,))
        else:
            t.step(f"育儿补贴 {yuan(excluded['childcare'])} 元：这个日期还没有育儿补贴制度，本估算没有计入。")


def _rigid_expenses(t: Trace, request: dict[str, Any]) -> None:
    rigid = t.get("dibao.rigid_expense_multiple")
    medical = money(request.get("medical_expense_year"), "medical_expense_year", "本年度自付医疗费用", required=False)
    education = money(request.get("education_expense_year"), "education_expense_year", "本年度教育支出", required=False)
    if rigid is None or not (medical or education):
        return
    prior = money(request.get("prior_year_income"), "prior_year_income", "上年度家庭年收入")
    limit = rigid.fraction * prior
    for label, spent in (("医疗", medical), ("教育", education)):
        if spent > limit:
            t.step(
                f"本年度{label}刚性支出 {yuan(spent)} 元，超过上年度家庭年收入的 {num(rigid.fraction)} 倍（{yuan(limit)} 元），"
                "核算收入时可按规定程序适当扣减；扣减多少由当地确定，本估算未扣减。",
                cites=(rigid,),
            )
            t.warn(f"{label}支出较大，可能按支出型救助扣减收入，请向乡镇（街道）说明。")


def _income_line_result(t: Trace, members: list[dict[str, Any]], area: str, total: Fraction, line: Fraction,
                        ratio_r: Resolved | None, workers: list[tuple[int, dict[str, Any]]], fields: dict[str, Any]) -> dict[str, Any]:
    """No standard known: the honest answer that needs none — the household's income line."""
    n = len(members)
    ratio = ratio_r.fraction if ratio_r is not None else None
    t.step(
        f"本站没有查到{t.params.name(t.jurisdiction)}的{AREAS[area]}低保标准，所以先算您家的“收入线”。"
        f"家庭每月计入的收入 {yuan(total)} 元，共 {n} 人，人均 {yuan(total / n)} 元。",
    )
    if workers and ratio is not None:
        t.step(
            f"在工作的成员按当地低保标准的 {num(ratio)} 扣减就业成本（不超过本人工资），标准越高扣得越多。"
            + _area_caveat(ratio_r, area),
            cites=(ratio_r,),
        )
    t.step(
        f"当地{AREAS[area]}低保标准高于 {yuan(line)} 元（每人每月），您家就可能符合低保条件；"
        f"每月低保金约为（当地标准 − 家庭人均收入）× {n} 人。",
        formula="（低保标准 − 家庭月人均收入）× 人数",
    )
    t.warn("知道当地现在的低保标准的（可以问村（居）委会或乡镇（街道）），把它填在“当地现在的低保标准”里，就能算出金额。")
    alone = [i for i, m in enumerate(members) if severe(m)]
    if alone and n > 1 and t.get("dibao.single_person_household") is not None:
        _single_person_note(t, alone, conditional=True)
    fields.update(status="income_line", eligible=None, monthly_amount=None, standard=None, per_capita_income=yuan(total / n))
    _time_limit(t)
    return t.result("dibao", **fields)


def _phase_out(t: Trace, members: list[dict[str, Any]], workers: list, area: str, per_capita: Fraction, standard: Fraction,
               fields: dict[str, Any]) -> bool:
    """A current recipient whose income is now above the standard: 渐退期 where the place has one."""
    months = t.get("dibao.phase_out_months")
    longest = t.get("dibao.phase_out_months_max")
    allowed = t.get("dibao.phase_out_allowed")
    if not (months or longest or allowed):
        return False
    used = (months, longest, allowed)
    employment_only = t.get("dibao.phase_out_employment_only")
    if employment_only and not workers:
        t.step(
            f"人均收入 {yuan(per_capita)} 元已超过低保标准 {yuan(standard)} 元。当地的渐退期是给家庭成员就业后收入增加的低保家庭的；"
            "您家没有填写在工作的成员，按文件不属于这种情况，乡镇（街道）复核时会重新确定。",
            cites=used + (employment_only,),
        )
        return False
    length = "，".join(x for x in (f"一般 {months.value} 个月" if months else "",
                                    f"最长不超过 {longest.value} 个月" if longest else "") if x) or "期限由当地确定"
    caveat = _area_caveat(months or allowed, area)
    t.step(
        f"人均收入 {yuan(per_capita)} 元已超过低保标准 {yuan(standard)} 元。您家现在享受低保，可以给予渐退期（{length}），"
        "渐退期内继续领取低保金，领多少由当地确定，本站不估算。" + caveat,
        cites=used + (employment_only,),
    )
    exit_rule = t.get("dibao.phase_out_exit_without_severe")
    if exit_rule:
        if any(severe(m) for m in members):
            t.step(
                "文件写的是“收入高于低保标准且无重病、重残对象”的家庭渐退期满后退出；您家有重病或重度残疾的成员，"
                "期满后是否退出，文件没有这样规定，请向乡镇（街道）说明家里的情况。",
                cites=(exit_rule,),
            )
        else:
            t.step("家中没有重病、重度残疾成员的，渐退期满后退出低保。", cites=(exit_rule,))
    fields.update(status="phase_out", eligible=True, monthly_amount=None)
    return True


def _single_person_note(t: Trace, alone: list[int], conditional: bool) -> None:
    who = "、".join(f"第{i + 1}位" for i in alone)
    household, scope = t.get("dibao.single_person_household"), t.get("dibao.single_person_scope")
    if scope is not None and scope.value == "edge":
        t.step(
            f"{who}成员是重度残疾人或重病患者。" + ("如果您家属于低保边缘家庭（人均收入高于低保标准、低于边缘线），" if conditional else "")
            + "这样的成员可以单独（按“单人户”）申请低保；单人户领多少由当地确定。",
            cites=(household, scope),
        )
    else:
        t.step(f"{who}成员是重度残疾人或重病患者，符合条件的可以按“单人户”单独申请低保；单人户领多少由当地确定。",
               cites=(household, scope))


def _single_person(t: Trace, request: dict[str, Any], members: list[dict[str, Any]], edge: bool, fields: dict[str, Any]) -> None:
    """单人户: who may apply alone follows the place's text, else the national rule (低保边缘家庭)."""
    alone = [i for i, m in enumerate(members) if severe(m)]
    household = t.get("dibao.single_person_household") if alone and len(members) > 1 else None
    if household is None:
        return
    scope = t.get("dibao.single_person_scope")
    kind = scope.value if scope is not None else None
    who = "、".join(f"第{i + 1}位" for i in alone)
    used = (household, scope)
    if kind == "edge" and not edge:
        t.step(f"{who}成员是重度残疾人或重病患者。单独（按“单人户”）申请低保限于低保边缘家庭的成员；"
               "按您填写的收入，您家高于边缘线，所以不能单独申请。", cites=used)
        return
    if kind == "poverty_registered" and not flag(request.get("poverty_registered"), "poverty_registered", "是否建档立卡贫困户"):
        t.step(f"{who}成员是重度残疾人或重病患者。当地文件只允许未脱贫建档立卡贫困户中的这类人员按单人户申请。", cites=used)
        return
    _single_person_note(t, alone, conditional=False)
    fields["single_person_applicants"] = alone


def _review(t: Trace, members: list[dict[str, Any]], fields: dict[str, Any]) -> None:
    if all(m["labour"] == "none" for m in members):
        review = "dibao.review_months.class1"
    elif any(m["labour"] == "partial" for m in members) and not any(m["labour"] == "full" for m in members):
        review = "dibao.review_months.class2"
    else:
        review = "dibao.review_months.class3"
    r = t.get(review)
    if r is not None:
        t.step(f"纳入低保后，一般每 {r.value} 个月复核一次。", cites=(r,))
        fields["review_months"] = r.value


def _time_limit(t: Trace) -> None:
    limit = t.get("dibao.time_limit_working_days")
    if limit is None:
        return
    more = ""
    extended = t.params.resolve("dibao.time_limit_extended_working_days", t.jurisdiction, t.on, t.overrides)
    if extended is not None and extended.jurisdiction == limit.jurisdiction:  # the extension belongs to that rule only
        extended = t.get("dibao.time_limit_extended_working_days")
        more = f"（特殊情况可以延长到 {extended.value} 个工作日）" if extended is not None else ""
    else:
        extended = None
    t.step(f"申请后，乡镇（街道）应在 {limit.value} 个工作日内作出审核确认决定{more}。", cites=(limit, extended))

