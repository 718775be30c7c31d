# SPDX-License-Identifier: MIT
"""最低生活保障（低保）估算.

低保金（差额）= （低保标准 − 家庭月人均收入）× 共同生活家庭成员人数
（《最低生活保障审核确认办法》第二十三条：按家庭人均收入与低保标准的差额计算）。

家庭月人均收入 = （工资 + 其他收入 − 不计入的收入 − 就业成本扣减）÷ 人数.

No dead ends: when no standard is known for the place and date, the result is the
household's *income line* (the standard above which it would qualify); when only an
old standard is known, the figure is computed on it, says its date, and the line is
given too.  Whoever knows today's standard can type it (``standard``).

This module is the one statement of the 低保 rule: the calculator page, the screener
(``screen``), the 台账 check (``calculators.tools.ledger`` runs ``calculate`` per row) and
the 明白卡 (``card``) all ask it, and say a last-known standard with one sentence
(``stale_sentence``).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from ..core.errors import InputError
from ..core.form import DATE, JURISDICTION, YES, Field, Form
from ..core.inputs import choice, flag, integer, money
from ..core.money import num, yuan
from ..core.params import ParameterSet, Resolved
from ..core.programme import CardLine, CardSection, Programme, Screening, run, time_limit_steps
from ..core.trace import STALE_HINT, Basis, Trace
from ..core.vocabulary import AREAS, DISABILITY_GRADES, DISABILITY_TYPES, LABOUR, MAX_MEMBERS, WORKING_AGE, options, severe_disability
from ..core.words import GENERIC_PLACE, place, share, since_words, times

INCOME_KINDS = {
    "farming": "种养殖、经营净收入",
    "property": "房租、利息等财产收入",
    "transfer": "赡养费、抚养费等转移收入",
    "pension_other": "其他养老金、退休金",
    "other": "其他收入",
}
EXCLUDED_KINDS = {
    "basic_pension": "中央确定的城乡居民基础养老金",
    "allowances": "优待抚恤金、计划生育奖励扶助金、奖学金、见义勇为奖励等",
    "childcare": "育儿补贴",
}
PARAMETERS = (  # every parameter this calculator may read (backlinks; a test checks it is complete)
    "dibao.standard.urban", "dibao.standard.rural", "dibao.employment_deduction_ratio", "dibao.employment_deduction_allowed",
    "dibao.phase_out_months", "dibao.phase_out_months_max", "dibao.phase_out_allowed", "dibao.phase_out_employment_only",
    "dibao.phase_out_exit_without_severe", "dibao.edge_multiple", "dibao.single_person_household", "dibao.single_person_scope", "dibao.single_person_adult_disabled",
    "dibao.class1_full_amount", "dibao.childcare_subsidy_excluded", "dibao.allowances_excluded",
    "dibao.rigid_expense_multiple", "dibao.basic_pension_excluded", "dibao.review_months.class1",
    "dibao.review_months.class2", "dibao.review_months.class3", "dibao.time_limit_working_days",
    "dibao.time_limit_extended_working_days", "dibao.time_limit_delegated_working_days",
)
NEEDS = (  # what a place must have for a full answer, and what residents get without it (data health report)
    ("dibao.standard.urban", "没有城市低保标准：城市家庭只能看到收入线，算不出金额"),
    ("dibao.standard.rural", "没有农村低保标准：农村家庭只能看到收入线，算不出金额"),
)
CLAUSES: tuple[str, ...] = ()  # every clause comes through a parameter
PHASE_OUT = ("dibao.phase_out_months", "dibao.phase_out_months_max", "dibao.phase_out_allowed")


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
        # 重残或重病, known only as a count (a 台账 column “重残重病人数”): which one is not said.
        "severe": flag(raw.get("severe"), f"{f}.severe", who + "是否重度残疾或患重病"),
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
    return severe_disability(m["disability_grade"], m["disability_type"]) or m["serious_illness"] or m["severe"]


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


def income_line(total: Fraction, wages: list[Fraction], ratio: Fraction | None, n: int, multiple: Fraction = Fraction(1)) -> Fraction:
    """The lowest standard S at which this household's per-capita income is below ``multiple`` × S (exactly).

    With ``multiple`` 1 it is the 低保 line; with the 边缘 multiple (1.5) the standard above which the
    household is a 低保边缘 family.  Without a deduction: S* = total / (n × multiple).  With one (枞阳:
    30 % of the standard, at most the wage), per-capita income falls as S rises; on each stretch where
    the same workers are capped at their wage, S = (total − capped wages) / (n × multiple + ratio × uncapped).
    """
    if ratio is None or not wages:
        return total / (n * multiple)
    lo = Fraction(0)
    for hi in sorted({w / ratio for w in wages}) + [None]:
        capped = sum((w for w in wages if w / ratio <= lo), Fraction(0))
        uncapped = sum(1 for w in wages if w / ratio > lo)
        s = (total - capped) / (n * multiple + ratio * uncapped)
        if s >= lo and (hi is None or s <= hi):
            return s
        lo = hi  # type: ignore[assignment]  # hi is None only on the last stretch, which returns
    raise AssertionError("unreachable")  # pragma: no cover


def stale_sentence(basis: Basis, per_capita: Fraction, line: Fraction, eligible: bool, edge_multiple: Fraction | None) -> str | None:
    """The one sentence that says a result rests on a last-known standard, and what it would take.

    Said the same way by the calculator page, the screener and the 台账 check (a property test
    holds them to it).  Our reading of “last known”: today's standard is unknown but very probably
    higher (standards are raised yearly), so a household below the old one is below today's; one
    above it qualifies once today's standard is above its income line.  A line more than the 边缘
    multiple (1.5) above the old standard is said with that comparison, not as a likely outcome.
    """
    if basis.kind != "last_known" or basis.amount is None:
        return None
    used = f"按{basis.phrase()}"
    if eligible:
        none = "家庭没有计入的收入，不论当地现在的标准是多少都在标准以下；" if per_capita == 0 else ""
        return f"{none}{used}计算；{STALE_HINT}，按现在的标准计算，能领的会更多。"
    head = f"{used}，家庭人均月收入 {yuan(per_capita)} 元不低于这个标准"
    if edge_multiple is not None and line >= edge_multiple * basis.amount:
        return (f"{head}；当地现在的标准要高于 {yuan(line)} 元才符合低保的收入条件，"
                f"这比查到的标准高出 {num((edge_multiple - 1) * 100)}% 以上。")
    return f"{head}；当地现在的标准高于 {yuan(line)} 元时，就符合低保的收入条件。"


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
            "规定核算收入时可以扣减必要的就业成本，但没有规定扣减多少；本估算未扣减，实际可能更有利。",
            cites=(allowed,),
        )
        t.warn("就业成本可以按规定适当扣减，扣减多少由当地确定，本估算未扣减。")
    wages_for_line = worker_wages if ratio is not None else []
    line = income_line(total, wages_for_line, ratio, n)
    edge_r = t.params.resolve("dibao.edge_multiple", t.jurisdiction, t.on, t.overrides)
    edge_multiple = edge_r.fraction if edge_r is not None and not edge_r.off else None

    fields: dict[str, Any] = {"household_size": n, "income_line": yuan(line), "standard_known": basis.known,
                              "standard_current": basis.current if basis.known else None, "standard_kind": basis.kind,
                              "stale_sentence": None, "single_person_applicants": None, "single_person_basis": None,
                              "current_recipient": current_recipient}
    if not basis.known:
        return _income_line_result(t, members, area, total, line, ratio_r, workers, fields)

    standard = basis.amount
    assert standard is not None
    t.step(f"低保标准：{basis.phrase()}，每人每月。", cites=(basis,))
    deduction, per_capita = _per_capita(total, worker_wages, ratio, standard, n)
    if workers and ratio is not None:
        caveat = _area_caveat(ratio_r, area)
        cap = ratio * standard
        for i, m in workers:
            d = min(cap, m["wage"])
            t.step(
                f"第{i + 1}位成员在工作，扣减就业成本 {yuan(d)} 元"
                f"（低保标准的 {share(ratio_r.value)}，即 {yuan(cap)} 元，且不超过本人工资 {yuan(m['wage'])} 元）。" + caveat,  # type: ignore[union-attr]
                formula="min(低保标准 × 扣减比例, 本人工资)",
                cites=(ratio_r,),
            )
    t.step(
        f"家庭月人均收入 =（{yuan(total)} − {yuan(deduction)}）÷ {n} 人 = {yuan(per_capita)} 元。",
        formula="（计入收入 − 扣减）÷ 共同生活家庭成员人数",
    )
    _rigid_expenses(t, request)
    eligible = per_capita < standard
    stale = stale_sentence(basis, per_capita, line, eligible, edge_multiple)
    if stale:
        t.warn_stale("standard", stale)
    fields["stale_sentence"] = stale

    # --- decision -------------------------------------------------------------
    fields.update(standard=yuan(standard), per_capita_income=yuan(per_capita))
    if edge_multiple is not None:
        fields["edge_line"] = yuan(edge_multiple * standard)
    if request.get("line", True) is not False:
        fields["line"] = where_is_the_line(t, members, total, ratio, standard, current_recipient)
    if eligible:
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
        is_edge = edge_multiple is not None and per_capita < edge_multiple * standard
        if not phased:
            t.step(f"人均收入 {yuan(per_capita)} 元不低于低保标准 {yuan(standard)} 元，按收入不符合低保条件。")
            if is_edge:
                fields["status"] = "edge"
                t.step(
                    f"人均收入低于低保标准的 {times(edge_multiple)}（{yuan(edge_multiple * standard)} 元），属于低保边缘家庭，"  # type: ignore[operator]
                    "可以申请医疗、教育等专项救助。",
                    cites=(t.get("dibao.edge_multiple"),),
                )
        fields["edge"] = is_edge
        _single_person(t, request, members, is_edge, basis, total, wages_for_line, ratio, edge_multiple, fields)
    _time_limit(t)
    return t.result("dibao", **fields)


def _earner(members: list[dict[str, Any]]) -> int:
    """Whose earnings the chart varies: the member earning most, else the first of working age, else the first."""
    earning = [i for i, m in enumerate(members) if m["wage"] > 0]
    if earning:
        return max(earning, key=lambda i: members[i]["wage"])
    return next((i for i, m in enumerate(members) if WORKING_AGE[0] <= m["age"] <= WORKING_AGE[1]), 0)


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
    phase = [t.params.resolve(p, t.jurisdiction, t.on, t.overrides) for p in PHASE_OUT]
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
        amount = yuan(excluded["basic_pension"])
        if rule is None:
            text = (f"城乡居民基础养老金 {amount} 元：本站没有查到这个日期不计入收入的规定，本估算没有计入；"
                    "计不计入请向乡镇（街道）确认。")
        elif rule.current:
            text = f"中央确定的城乡居民基础养老金 {amount} 元不计入收入（个人账户养老金和地方另加的部分要计入，请填在“退休金、其他养老金”里）。"
        else:
            text = (f"规定“十四五”时期中央确定的城乡居民基础养老金不计入收入，“十四五”已于2025年底结束，"
                    f"本站没有查到是否继续执行的规定；本估算仍按不计入算（{amount} 元），请向乡镇（街道）确认。")
        t.step(text, cites=(rule,))
    if excluded["allowances"]:
        rule = t.get("dibao.allowances_excluded")
        t.step(f"优待抚恤金、奖励扶助金、奖学金等 {yuan(excluded['allowances'])} 元不计入收入。"
               + ("" if rule is not None else "（本站没有查到这项规定的条文，请向乡镇（街道）确认。）"), cites=(rule,))
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
                f"本年度{label}刚性支出 {yuan(spent)} 元，超过上年度家庭年收入的 {times(rigid.value)}（{yuan(limit)} 元），"
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
        f"本站没有查到{place(t.params, t.jurisdiction)}的{AREAS[area]}低保标准，所以先算您家的“收入线”。"
        f"家庭每月计入的收入 {yuan(total)} 元，共 {n} 人，人均 {yuan(total / n)} 元。",
    )
    if workers and ratio is not None:
        t.step(
            f"在工作的成员按当地低保标准的 {share(ratio_r.value)} 扣减就业成本（不超过本人工资），标准越高扣得越多。"  # type: ignore[union-attr]
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


def _phase_out_rules(t: Trace) -> tuple[Resolved | None, Resolved | None, Resolved | None]:
    months, longest, allowed = (t.get(p) for p in PHASE_OUT)
    return months, longest, allowed


def phase_out_length(months: Resolved | None, longest: Resolved | None) -> str:
    """“一般 6 个月，最长不超过 12 个月” / “原则上不超过 6 个月” / “期限由当地确定”, as the texts say it."""
    parts = [f"一般 {months.value} 个月" if months else "",
             (f"最长不超过 {longest.value} 个月" if months else f"原则上不超过 {longest.value} 个月") if longest else ""]
    return "，".join(x for x in parts if x) or "期限由当地确定"


def _phase_out(t: Trace, members: list[dict[str, Any]], workers: list, area: str, per_capita: Fraction, standard: Fraction,
               fields: dict[str, Any]) -> bool:
    """A current recipient whose income is now above the standard: 渐退期 where the rules give one (“可以给予”)."""
    months, longest, allowed = _phase_out_rules(t)
    if not (months or longest or allowed):
        return False
    used = (months, longest, allowed)
    employment_only = t.get("dibao.phase_out_employment_only")
    caveat = _area_caveat(months or longest or allowed, area)
    fields["phase_out_rule"] = {"length": phase_out_length(months, longest), "employment_only": employment_only is not None,
                                "area_caveat": caveat}
    if employment_only and not workers:
        t.step(
            f"人均收入 {yuan(per_capita)} 元已超过低保标准 {yuan(standard)} 元。渐退期是给家庭成员就业后收入增加的低保家庭的；"
            "您家没有填写在工作的成员，按规定不属于这种情况，乡镇（街道）复核时会重新确定。",
            cites=used + (employment_only,),
        )
        return False
    t.step(
        f"人均收入 {yuan(per_capita)} 元已超过低保标准 {yuan(standard)} 元。您家现在享受低保，"
        f"可以给予渐退期（{phase_out_length(months, longest)}），渐退期内继续领取低保金；给不给、领多少由当地确定，本站不估算。" + caveat,
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
            quote = exit_rule.entry.get("quote")
            t.step(f"文件写的是“{quote}”。" if quote else "家中没有重病、重度残疾成员的，渐退期满后退出低保。", cites=(exit_rule,))
    fields.update(status="phase_out", eligible=True, monthly_amount=None, phase_out=fields["phase_out_rule"])
    return True


def _adult_disabled(t: Trace, members: list[dict[str, Any]], alone: list[int], fields: dict[str, Any]) -> bool:
    """2022 national notice 一、（一）: “成年无业重度残疾人可以参照‘单人户’提出低保申请” — not limited to 边缘 families
    (unlike 审核确认办法 第八条). Read: a member aged 18 or over, with no wage typed, who is 重度残疾 (一、二级, 三级智力、
    精神). A member known only as “重残或重病” (a 台账 count) is said conditionally. Whether he then qualifies turns on
    his own income, which the form does not ask apart: the answer says so and never computes an amount."""
    rule = t.get("dibao.single_person_adult_disabled")
    if rule is None:
        return False
    adults = [i for i in alone if members[i]["age"] >= 18 and members[i]["wage"] == 0
              and (severe_disability(members[i]["disability_grade"], members[i]["disability_type"])
                   or (members[i]["severe"] and not members[i]["serious_illness"]))]
    if not adults:
        return False
    sure = all(severe_disability(members[i]["disability_grade"], members[i]["disability_type"]) for i in adults)
    who = "、".join(f"第{i + 1}位" for i in adults)
    t.step(f"{who}成员" + ("是" if sure else "如果是") + "成年、没有工作的重度残疾人，可以参照“单人户”单独申请低保，"
           "不限于低保边缘家庭；按单人户看的是他本人的收入和财产，兄弟姐妹或60周岁以上老人给的供养费可以视情豁免。"
           "能不能纳入、领多少，由当地审核确定。", cites=(rule,))
    fields.update(single_person_applicants=adults, single_person_basis="adult_disabled")
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


def _single_person(t: Trace, request: dict[str, Any], members: list[dict[str, Any]], edge: bool, basis: Basis,
                   total: Fraction, wages: list[Fraction], ratio: Fraction | None, edge_multiple: Fraction | None,
                   fields: dict[str, Any]) -> None:
    """单人户: who may apply alone follows the place's text, else the national rule (低保边缘家庭)."""
    alone = [i for i, m in enumerate(members) if severe(m)]
    household = t.get("dibao.single_person_household") if alone and len(members) > 1 else None
    if household is None:
        return
    scope = t.get("dibao.single_person_scope")
    kind = scope.value if scope is not None else None
    who = "、".join(f"第{i + 1}位" for i in alone)
    used = (household, scope)
    limited = (kind == "edge" and not edge) or (
        kind == "poverty_registered" and not flag(request.get("poverty_registered"), "poverty_registered", "是否建档立卡贫困户"))
    if limited and _adult_disabled(t, members, alone, fields):
        return
    if kind == "edge" and not edge:
        if basis.kind == "last_known" and edge_multiple is not None:
            # M1: on an old standard the refusal is not a fact: say what today's standard would have to be.
            above = income_line(total, wages, ratio, len(members), edge_multiple)
            t.step(f"{who}成员是重度残疾人或重病患者。单独（按“单人户”）申请低保限于低保边缘家庭的成员；"
                   f"按{basis.phrase()}，您家高于边缘线；当地现在的标准高于 {yuan(above)} 元时，您家属于低保边缘家庭，"
                   "这样的成员就可以单独申请。", cites=used)
            fields["single_person_if"] = {"members": alone, "standard_above": yuan(above)}
            return
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
    delegated = t.params.resolve("dibao.time_limit_delegated_working_days", t.jurisdiction, t.on, t.overrides)
    if delegated is not None and delegated.jurisdiction == limit.jurisdiction:  # (a county's own limit is already its own)
        delegated = t.get("dibao.time_limit_delegated_working_days")
        more += f"；审核确认权限下放到乡镇（街道）的，{delegated.value} 个工作日内完成" if delegated is not None else ""
    else:
        delegated = None
    t.step(f"申请后，应在 {limit.value} 个工作日内作出审核确认决定{more}。", cites=(limit, extended, delegated))


def next_steps(params: ParameterSet, j: str, on: dt.date) -> list[dict[str, Any]]:
    """The time limit, from 低保's own rules."""
    return time_limit_steps(_time_limit, params, j, on)


# --------------------------------------------------------------------------- how a result is said


def summarize(result: dict[str, Any]) -> dict[str, Any]:
    """The one-sentence answer, the big figure and a few plain lines, for a resident."""
    s = result.get("status")
    amount, pc, std, line = result["monthly_amount"], result["per_capita_income"], result["standard"], result["income_line"]
    owner = (result.get("bases") or {}).get("standard", {}).get("level", "")
    kind = result.get("standard_kind")
    of = {"typed": "您填写的", "assumed": "工作人员假设的"}.get(str(kind), owner)
    stale = result.get("stale_sentence") or ""
    n = result["household_size"]
    lines: list[str] = []
    if s == "income_line":
        if line == pc and Fraction(pc) == 0:
            sentence = (f"您家没有计入的收入：不论当地低保标准是多少，收入都在标准以下，可以申请，"
                        f"每月约（当地标准）× {n} 人。")
        elif line == pc:
            sentence = (f"您家计入的人均月收入是 {pc} 元。当地低保标准高于 {pc} 元就可以申请，"
                        f"每月约（标准 − {pc}）× {n} 人。")
        else:
            sentence = (f"您家计入的人均月收入是 {pc} 元，在工作的成员还可以扣减就业成本。当地低保标准高于 {line} 元就可以申请，"
                        f"每月约（标准 − 扣减后的人均收入）× {n} 人。")
        out = {"tone": "maybe", "headline": "本站没有查到当地的低保标准，先看收入线", "figure": f"收入线 {line} 元",
               "sentence": sentence}
    elif s == "eligible":
        out = {"tone": "yes", "headline": "可能可以申请低保", "figure": f"每月约 {amount} 元",
               "sentence": f"按您填写的情况，家庭月人均收入 {pc} 元，低于{of}低保标准 {std} 元，估算全家每月低保金约 {amount} 元。"}
    elif s == "phase_out":
        out = {"tone": "maybe", "headline": "收入已超过标准，可以继续领一段时间（渐退期）", "figure": "渐退期",
               "sentence": f"家庭月人均收入 {pc} 元，已超过低保标准 {std} 元。您家正在享受低保，可以给予渐退期"
               f"（{result['phase_out']['length']}），渐退期内继续领取低保金；给不给、领多少由当地确定。"}
    elif kind == "last_known" and (s == "edge" or not _far_above(result)):
        out = {"tone": "maybe", "headline": "按查到的旧标准暂不符合，现在的标准可能更高", "figure": f"收入线 {line} 元",
               "sentence": ("当地现在的低保标准很可能比本站查到的高，您家可能仍然符合低保；是否继续享受，以乡镇（街道）按现在的标准复核为准。"
                            if result.get("current_recipient") else
                            "当地现在的低保标准很可能比本站查到的高，您家可能符合低保，建议向乡镇（街道）咨询或直接申请。")
               + ("人均收入也在边缘线以内，属于低保边缘家庭，可以申请医疗、教育等专项救助。"
                  if s == "edge" and not result.get("current_recipient") else "")}
    elif s == "edge":
        out = {"tone": "maybe", "headline": "不符合低保，属于低保边缘家庭", "figure": "可申请专项救助",
               "sentence": f"家庭月人均收入 {pc} 元，高于{of}低保标准 {std} 元，但还在低保边缘线以内，可以申请医疗、教育等专项救助。"}
    else:
        out = {"tone": "no", "headline": "按收入暂不符合低保条件", "figure": "暂不符合",
               "sentence": f"家庭月人均收入 {pc} 元，不低于{of}低保标准 {std} 元。家里情况有变化，或遇到大病、急难，可以再看看临时救助。"}
    if result.get("single_person_applicants") and result.get("single_person_basis") == "adult_disabled":
        who = "、".join(f"第{i + 1}位" for i in result["single_person_applicants"])
        lines.append(f"{who}家庭成员（成年、没有工作的重度残疾人）可以参照“单人户”单独申请低保（看他本人的收入）。")
    elif result.get("single_person_applicants"):
        who = "、".join(f"第{i + 1}位" for i in result["single_person_applicants"])
        lines.append(f"{who}家庭成员是重度残疾人或重病患者，可以单独（按“单人户”）申请低保。")
    elif result.get("single_person_if"):
        sp = result["single_person_if"]
        who = "、".join(f"第{i + 1}位" for i in sp["members"])
        lines.append(f"当地现在的标准高于 {sp['standard_above']} 元时，您家属于低保边缘家庭，{who}家庭成员（重度残疾或重病）可以单独申请低保。")
    said = []
    if stale:
        lines.insert(0, stale)
        said.append("standard")
    return {**out, "lines": lines, "stale_said": said}


def _far_above(result: dict[str, Any]) -> bool:
    """Per-capita income at or above the 边缘 line of the (old) standard: today's would need to be 50 % higher."""
    edge = result.get("edge_line")
    return edge is not None and Fraction(result["per_capita_income"]) >= Fraction(edge)


def screen(s: Screening) -> dict[str, Any]:
    """我家能申请哪些救助: the 低保 entry, from this calculator's own result and wording."""
    h = s.household
    req: dict[str, Any] = {
        "jurisdiction": s.jurisdiction, "area": h["area"] or "rural", "date": s.on.isoformat(), "line": False,
        "current_recipient": h["receives"] == "dibao",
        "members": [{"age": m["age"], "wage": yuan(m["wage"]), "disability_grade": m["disability_grade"],
                     "disability_type": m["disability_type"],
                     **({"serious_illness": m["serious_illness"]} if m["serious_illness"] is not None else {})} for m in h["members"]]}
    if h["other_income"]:
        req["income"] = {"other": yuan(h["other_income"])}
    r = run(calculate, req, s.params, s.on, s.overrides)
    entry: dict[str, Any] = {"id": "dibao", "title": PROGRAMME.full_title, "amount": None, "clauses": [],
                             "apply": "向户籍所在地乡镇（街道）提出申请，可以请村（居）委会帮忙。", "bring": [], "calculator": PROGRAMME.page}
    if "error" in r:
        return {**entry, "status": "unknown", "why": [r.get("message", "")]}
    s.results["dibao"] = r
    summary = summarize(r)
    st, kind = r["status"], r.get("standard_kind")
    why = [summary["sentence"]] + summary["lines"]
    if st in ("eligible", "phase_out"):
        status = "likely"
        s.standing.add("dibao")
    elif st == "income_line":
        status = "possible"
        s.standing.add("dibao?")
    elif kind == "last_known" and (st == "edge" or not _far_above(r)):
        status = "possible"  # M2: on an old standard the family may well qualify today
        s.standing.add("dibao?")
        if st == "edge":
            s.standing.add("edge")
    elif r.get("single_person_applicants"):
        status = "possible"  # H2: a 边缘 family's 重残/重病 member may apply alone (单人保); or an adult unemployed 重残
        if st == "edge":
            s.standing.add("edge")
    else:
        status = "unlikely"
        if st == "edge":
            s.standing.add("edge")
    if h["receives"] == "dibao":
        why.insert(0, "您家现在享受低保。")
        status = "likely"
    if h["area"] is None:
        why.append("没有填城市还是农村，先按农村标准估算。")
    return {**entry, "status": status, "why": why, "amount": f"每月约 {r['monthly_amount']} 元" if st == "eligible" else None,
            "request": answered(req, h),
            "estimate": {"status": st, "monthly_amount": r["monthly_amount"] if st == "eligible" else None,
                         "stale_sentence": r["stale_sentence"]},
            "clauses": sorted({c for step in r["steps"] for c in step["clauses"]})}


def answered(request: dict[str, Any], h: dict[str, Any]) -> dict[str, Any]:
    """The request a screener entry ran, as what its 详细估算 link carries: without the answers the resident did
    not give (an unanswered 城市/农村 was estimated as 农村; the calculator asks it)."""
    return {k: v for k, v in request.items() if not (k == "area" and h["area"] is None)}


def card(params: ParameterSet, j: str, on: dt.date) -> list[CardSection]:
    """The 低保 明白卡: who may apply, how much, with each rule's clause."""
    def get(p: str) -> Resolved | None:
        r = params.resolve(p, j, on)
        return None if r is None or r.off else r

    who = [CardLine("共同生活的家庭成员人均收入低于当地低保标准，家庭财产也符合当地规定。")]
    household, scope = get("dibao.single_person_household"), get("dibao.single_person_scope")
    adult = get("dibao.single_person_adult_disabled")  # the same rule the calculator applies (_adult_disabled)
    adult_words = "成年、没有工作的重度残疾人不论家庭是不是低保边缘家庭都可以"
    if household is not None:
        words = params.definitions["dibao.single_person_scope"]["choices"].get(scope.value) if scope else "符合条件的重度残疾人、重病患者"
        # L6: the limit to 边缘 families is the scope's rule (national 57号 where the county names none): cite both.
        who.append(CardLine(f"{words}，可以按“单人户”单独申请" + (f"；{adult_words}。" if adult else "。"), (household, scope, adult)))
    elif adult is not None:
        who.append(CardLine(f"{adult_words}参照“单人户”单独申请。", (adult,)))
    edge = get("dibao.edge_multiple")
    if edge is not None:
        who.append(CardLine(f"人均收入高于低保标准、低于标准的 {times(edge.value)}的，是低保边缘家庭，可申请医疗、教育等专项救助。", (edge,)))
    much = [CardLine("每月低保金 =（低保标准 − 家庭月人均收入）× 共同生活的人数。")]
    much += standards_lines(params, j, on)
    ratio = get("dibao.employment_deduction_ratio")
    if ratio is not None:
        much.append(CardLine(f"在工作的家庭成员，计算收入时扣减就业成本：低保标准的 {share(ratio.value)}，不超过本人工资。", (ratio,)))
    elif (allowed := get("dibao.employment_deduction_allowed")) is not None:
        much.append(CardLine("在工作的家庭成员，计算收入时可以扣减必要的就业成本，扣减多少由当地确定。", (allowed,)))
    months, longest, allowed_po = get("dibao.phase_out_months"), get("dibao.phase_out_months_max"), get("dibao.phase_out_allowed")
    if months or longest or allowed_po:
        only_work = get("dibao.phase_out_employment_only")
        whose = "就业后收入超过标准的低保家庭" if only_work else "收入超过标准的低保家庭"
        rule = months or longest or allowed_po
        # the “就业后” rule is cited with the length where both come from one level (else the length's own clause)
        work = only_work if only_work is not None and rule is not None and only_work.jurisdiction == rule.jurisdiction else None
        much.append(CardLine(f"{whose}可有渐退期（{phase_out_length(months, longest)}），期间照领。",
                             (months, longest, allowed_po, work)))
    if j != GENERIC_PLACE:
        r = run(calculate, {"jurisdiction": j, "area": "rural", "members": [{"age": 40}] * 3,
                            "income": {"other": "900"}, "line": False}, params, on, {})
        if r.get("status") == "eligible":
            old = "" if r["standard_current"] else "（旧标准，现在能领的可能更多）"
            much.append(CardLine(f"例：农村三口之家，每月共收入 900 元（人均 300 元），按农村标准 {r['standard']} 元，"
                                 f"每月约 **{r['monthly_amount']} 元**{old}。"))
    return [CardSection("谁可以申请", tuple(who)), CardSection("能领多少", tuple(much))]


def standards_lines(params: ParameterSet, j: str, on: dt.date, areas: tuple[str, ...] = ("urban", "rural")) -> list[CardLine]:
    """The 低保标准 with its start date, one line (both areas when they share level, date and freshness); a
    last-known one is never called current (cards of every programme)."""
    found = [(area, r) for area in areas if (r := params.resolve(f"dibao.standard.{area}", j, on)) is not None]
    missing = [AREAS[area] for area in areas if area not in dict(found)]
    if not found:  # neither is known: one line, not two
        return [CardLine("低保标准：本站没有查到，请向村（居）委会或乡镇（街道）询问；家庭人均收入低于当地标准的就可以申请。")]

    groups: dict[str, list[tuple[str, Resolved]]] = {}
    for area, r in found:
        groups.setdefault(since_words(r, params, j), []).append((area, r))
    lines = [CardLine("低保标准（每人每月）：" + "、".join(f"{AREAS[a]} **{r.value} 元**" for a, r in rs) + f"（{w}）",
                      tuple(r for _, r in rs)) for w, rs in groups.items()]
    return lines + [CardLine(f"{area}低保标准：本站没有查到，请向村（居）委会或乡镇（街道）询问。") for area in missing]


# --------------------------------------------------------------------------- the form


AREA = Field("area", "area", "按城市还是农村标准", "choice",
             "一般按户籍所在地：城镇选“城市”，农村选“农村”。拿不准的，问村（居）委会。", options(AREAS))
_SEVERE_WHEN = (("has_any", "dibao.single_person_household", "dibao.phase_out_exit_without_severe"),)

FORM = Form(
    "dibao",
    "低保估算",
    (
        JURISDICTION,
        AREA,
        Field("n", "members", "家里几口人一起生活", "count",
              "共同生活的家庭成员：配偶、未成年子女、一起生活的父母和成年子女等。", default="1", group="members", lo=1, hi=MAX_MEMBERS),
        Field("age", "members[].age", "年龄", "int", "", group="members", lo=0, hi=120),
        Field("wage", "members[].wage", "每月工资（元）", "money", "打工、上班每月到手的钱；没有填 0。", group="members"),
        Field("labour", "members[].labour", "劳动能力", "choice", "",
              options(LABOUR), default="full",
              when=(("has_any", "dibao.review_months.class1", "dibao.review_months.class2", "dibao.review_months.class3"),),
              group="members"),
        Field("dis", "members[].disability_grade", "残疾等级", "choice", "", options(DISABILITY_GRADES), default="0",
              when=_SEVERE_WHEN, group="members"),
        Field("distype", "members[].disability_type", "残疾类别", "choice", "", options(DISABILITY_TYPES, "—"),
              when=_SEVERE_WHEN, group="members"),
        Field("ill", "members[].serious_illness", "患重特大疾病", "flag", "", YES, when=_SEVERE_WHEN, group="members"),
        Field("farming", "income.farming", "种地、养殖、做生意每月净收入（元）", "money", "按一年算好再除以 12。", group="income"),
        Field("property", "income.property", "房租、利息等每月收入（元）", "money", group="income"),
        Field("transfer", "income.transfer", "子女给的赡养费、抚养费等每月收入（元）", "money", group="income"),
        Field("pension_other", "income.pension_other", "退休金、其他养老金每月（元）", "money",
              "城乡居民养老金里中央确定的基础养老金部分不填在这里，填在下一项；个人账户养老金和地方另加的部分填在这里。", group="income"),
        Field("basic_pension", "income.basic_pension", "城乡居民养老金中中央确定的基础养老金部分每月（元）", "money",
              "规定“十四五”时期（到2025年底）这部分不计入收入；之后是否继续，结果里会说明。个人账户养老金和地方另加的部分不填在这里。",
              when=(("has", "dibao.basic_pension_excluded"),), group="income"),
        Field("allowances", "income.allowances", "优待抚恤金、奖励扶助金、奖学金等每月（元）", "money",
              "这部分不算收入。", group="income"),
        Field("childcare", "income.childcare", "育儿补贴每月（元）", "money",
              "3周岁以下孩子领的育儿补贴，不算收入（按年领的除以 12）。", when=(("has", "dibao.childcare_subsidy_excluded"),),
              group="income"),
        Field("other", "income.other", "其他每月收入（元）", "money",
              "正在领的低保金、临时救助金等救助款物不算收入，不要填在这里。", group="income"),
        Field("cur", "current_recipient", "现在是否在享受低保", "flag", "已经在享受的，收入超过标准后可能有渐退期。", YES,
              when=(("has_any",) + PHASE_OUT,), group="more"),
        Field("std", "standard", "当地现在的低保标准（知道才填，元/人/月）", "money",
              "不知道就空着：本站会告诉您收入线，并按查到的最近一次标准估算。知道的（问村（居）委会）填上，结果更准。",
              when=(("not_current", "dibao.standard.{area}"),), group="more"),
        Field("poor", "poverty_registered", "是否未脱贫建档立卡贫困户", "flag", "只有当地文件把单人户限于建档立卡贫困户时才问。", YES,
              when=(("is", "dibao.single_person_scope", "poverty_registered"),), group="more"),
        Field("med", "medical_expense_year", "今年自己负担的医疗费（元）", "money", "看病自付部分，按全年算。",
              when=(("has", "dibao.rigid_expense_multiple"),), group="more"),
        Field("edu", "education_expense_year", "今年的教育支出（元）", "money", "子女上学的学费等，按全年算。",
              when=(("has", "dibao.rigid_expense_multiple"),), group="more"),
        Field("prior", "prior_year_income", "去年全家的总收入（元/年）", "money", "填了医疗或教育支出时需要。",
              when=(("has", "dibao.rigid_expense_multiple"),), group="more"),
        DATE,
        # What-if values for staff (Trace marks each as “工作人员假设的值” in the result and on the print sheet).
        Field("wstd", "overrides.dibao.standard.{area}", "测算：假设低保标准（元/人/月）", "money",
              "工作人员测算用：填了就按这个数算，结果会注明是假设的值，不是政策规定。", group="staff"),
        Field("wratio", "overrides.dibao.employment_deduction_ratio", "测算：假设就业成本扣减比例（如 0.3）", "ratio",
              "在工作的成员每人扣减“低保标准 × 比例”，不超过本人工资。", group="staff"),
        Field("wedge", "overrides.dibao.edge_multiple", "测算：假设低保边缘倍数（如 1.5）", "ratio",
              "人均收入低于“低保标准 × 倍数”的，属于低保边缘家庭。", group="staff"),
    ),
    (("basic", "基本情况"), ("members", "家庭成员"), ("income", "其他收入"), ("more", "补充情况"), ("staff", "工作人员选项")),
)

PROGRAMME = Programme(
    name="dibao",
    title="低保",
    full_title="最低生活保障（低保）",
    calculate=calculate,
    parameters=PARAMETERS,
    clauses=CLAUSES,
    needs=NEEDS,
    form=FORM,
    summarize=summarize,
    screen=screen,
    card=card,
    topic="低保",
    next_steps=next_steps,
    order=10,
)
