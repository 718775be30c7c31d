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
from fractions import Fraction
from typing import Any

from ..core.dates import cn_month
from ..core.form import DATE, JURISDICTION, Field, Form
from ..core.inputs import answer, choice, integer, money
from ..core.money import yuan
from ..core.params import ParameterSet, Resolved
from ..core.programme import CardLine, CardSection, Programme, Screening, run, time_limit_steps
from ..core.trace import STALE_HINT, Basis, Trace
from ..core.vocabulary import AREAS, CARE_LEVELS, DISABILITY_GRADES, DISABILITY_TYPES, SCHOOL_STAGES, options
from ..core.words import place, share, since_words, times
from .dibao import AREA, answered, standards_lines

# Which stages continue 特困 coverage past the minors' age limit (the parameter's choices).
EXTENSION_STAGES = {"secondary": ("compulsory", "high_school"), "undergraduate": ("compulsory", "high_school", "higher")}

PARAMETERS = (
    "dibao.standard.urban", "dibao.standard.rural", "tekun.elderly_age", "tekun.minor_age_limit", "tekun.new_applicant_minor_age", "tekun.basic_multiple", "tekun.basic_standard.urban", "tekun.basic_standard.rural",
    "tekun.care_standard.self_care", "tekun.care_standard.half_care", "tekun.care_standard.full_care",
    "tekun.care_fraction.self_care", "tekun.care_fraction.half_care", "tekun.care_fraction.full_care", "min_wage.monthly",
    "tekun.student_extension", "tekun.time_limit_working_days", "tekun.time_limit_township_working_days",
    "tekun.time_limit_county_working_days", "tekun.standard_set_by",
)
NEEDS = (  # (data health report) what a place must have for a full answer
    ("dibao.standard.rural", "没有农村低保标准：无法判断收入条件、算不出供养标准"),
    ("tekun.basic_multiple", "文件没有规定基本生活标准的倍数：算不出供养标准"),
    ("tekun.care_fraction.full_care", "文件没有规定照料护理标准的比例：算不出照料护理部分"),
    ("min_wage.monthly", "没有上年度最低工资：照料护理部分只能按最近一次查到的或不算"),
)
CLAUSES: tuple[str, ...] = ()


def no_labour_capacity(age: int, grade: int, kind: str, elderly: int, minor: int) -> str:
    """The reason a person counts as having no capacity to work under 第五条, or "".

    《特困人员认定办法》第五条（三）: “残疾等级为一、二、三级的智力、精神残疾人，残疾等级为一、二级的
    肢体残疾人，残疾等级为一级的视力残疾人” — the one statement of that list (the card words it from here).
    """
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
    new_minor = t.get("tekun.new_applicant_minor_age")
    if why and new_minor is not None and int(new_minor.value) <= age < minor_age and age < elderly_age \
            and not no_labour_capacity(age, grade, kind, elderly_age, int(new_minor.value)):
        # 16–17 and not disabled: the texts do not say one thing. 2020 改革完善意见 二、（二）5 “将特困救助供养覆盖的
        # 未成年人年龄从16周岁延长至18周岁”; the 2021 认定办法 第五条（二） counts “未满16周岁” as 无劳动能力 and 第二十四条
        # 第二款 lets minors already in 特困 continue “至18周岁”. Reading: those already in 特困 continue; a new applicant
        # aged 16–17 is a point to ask, not a refusal (a place whose own text covers new applicants to 18 sets the value).
        t.step(f"年龄 {age} 周岁：已经享受特困供养的未成年人，可以继续享受到 {minor_age} 周岁；新申请的，"
               f"《特困人员认定办法》第五条写的无劳动能力是未满 {new_minor.value} 周岁，2020年中央意见把覆盖的未成年人年龄"
               f"延长到 {minor_age} 周岁——能不能新认定，请向乡镇（街道）问清楚。", cites=(new_minor, minor))
        open_points.append(f"{age} 周岁新申请的能不能认定（已经享受的可以继续到 {minor_age} 周岁）")
    elif why and new_minor is not None and age < int(new_minor.value) < minor_age and age < elderly_age:
        t.step(f"无劳动能力：未满 {new_minor.value} 周岁。", cites=(new_minor,))
    elif why:
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
        if income == 0:
            t.step("本人没有收入，不论当地低保标准是多少，收入都在标准以下，属于“无生活来源”的收入条件（财产情况另行核查）。")
        else:
            t.step(f"本人月收入 {yuan(income)} 元。本站没有查到{place(params, jurisdiction)}的{AREAS[area]}低保标准："
                   f"当地标准高于 {yuan(income)} 元的，就属于“无生活来源”（财产情况另行核查）。")
            open_points.append(f"本人收入 {yuan(income)} 元是否低于当地低保标准")
    else:
        t.step(f"{AREAS[area]}低保标准：{basis.phrase()}。", cites=(basis,))
        if not basis.current:
            method = t.params.resolve("tekun.basic_multiple", jurisdiction, on, t.overrides) is not None
            t.warn_stale("standard", f"{basis.phrase()}：{STALE_HINT}" + ("，按现在的标准算，供养标准也会更高。" if method else "。"))
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
    rests = _amount(t, request, on, area, care, basis, fields)
    if status == "not_eligible" and fields.get("monthly_amount"):
        t.notes.append(f"以上是当地特困供养标准的下限（每月不低于 {fields['monthly_amount']} 元），供参考；按您填写的情况暂不符合特困条件。")
    fields["figure_year"] = _figure_year(rests)
    return t.result("tekun", **fields)


def _figure_year(rests: list[Resolved]) -> int | None:
    """The year of the oldest figure the amount rests on, when it is not current (“按 2021 年标准”)."""
    olds = [r for r in rests if not r.override and not r.current]
    return min(int(r.entry["from"][:4]) for r in olds) if olds else None


def _time_limit(t: Trace) -> None:
    """特困's own time limits: a place's text that names 特困 (枞阳: 低保、特困 20 个工作日), else
    《特困人员认定办法》第十三条、第十六条 (15 + 15 个工作日) — never the 低保 time limit (M3)."""
    overall = t.get("tekun.time_limit_working_days")
    if overall is not None:
        t.step(f"申请后，特困供养应在 {overall.value} 个工作日内办结。", cites=(overall,))
        return
    town, county = t.get("tekun.time_limit_township_working_days"), t.get("tekun.time_limit_county_working_days")
    if town is not None and county is not None:
        t.step(f"申请后，乡镇（街道）应在 {town.value} 个工作日内调查核实、提出初审意见并在村（社区）公示；"
               f"县级民政部门收到材料后 {county.value} 个工作日内提出确认意见。", cites=(town, county))


def _set_locally(t: Trace, area: str, basis: Basis) -> str:
    """No text on the site gives this place's 供养标准 or its method (a multiple of the 低保标准): say who sets it,
    that it is not found, and the place's 低保标准 with its date — never a floor the texts do not give."""
    j = t.jurisdiction
    above = [t.params.name(x) for x in t.params.chain(j)[1:] if t.params.jurisdictions[x].get("level") in ("city", "province")]
    who = "、".join(reversed(above)) if above else "当地省、市"
    by = t.get("tekun.standard_set_by")
    rule = ""
    if by is not None:
        cite = t.params.clauses.get(str(by.entry.get("clause")), {}).get("cite", "")
        rule = (f"特困人员供养标准由{t.params.definitions['tekun.standard_set_by']['choices'][by.value]}确定、公布"
                + (f"（{cite}）" if cite else "") + "。")
    words = (f"{rule}本站没有查到{who}公布的特困人员供养标准，{place(t.params, j)}的文件也没有写它是低保标准的几倍，所以算不出金额；"
             "请向县民政局或乡镇（街道）问当地的特困供养标准。")
    t.step(words, cites=(by,))
    r = basis.resolved
    if basis.amount is not None and r is not None:
        since = f"{cn_month(r.entry.get('from'))}起" + ("" if basis.current else "，本站查到的最近一次")
        return words + f"作个对照：{basis.level or place(t.params, j)}{AREAS[area]}低保标准是每人每月 {yuan(basis.amount)} 元（{since}）。"
    if basis.amount is not None:
        return words + f"作个对照：您填写的{AREAS[area]}低保标准是每人每月 {yuan(basis.amount)} 元。"
    return words + f"本站也没有查到{place(t.params, j)}的{AREAS[area]}低保标准。"


def _published_wins(t: Trace, published: Basis, by_rule: Fraction | None, how: str, what: str) -> bool:
    """Say a published figure beside the one a rule gives (both are floors); True when the published one is used."""
    if published.amount is None:
        return False
    wins = by_rule is None or published.amount > by_rule
    t.step(f"{published.phrase()}" + ("。" if by_rule is None else f"，高于{how}算出的 {yuan(by_rule)} 元，{what}按它算。"
                                      if wins else f"，不高于{how}算出的 {yuan(by_rule)} 元。"), cites=(published,))
    return wins


def _amount(t: Trace, request: dict[str, Any], on: dt.date, area: str, care: str, basis: Basis,
            fields: dict[str, Any]) -> list[Resolved]:
    """The 供养标准 floor: 基本生活标准 + 照料护理标准, each the higher of what a rule gives (a multiple of the 低保标准,
    a share of last year's minimum wage) and a figure the province or city published (潍坊, 蚌埠). Both are floors
    (“不低于”), so the higher one is the floor. Returns the data values the amount rests on (for “按 YEAR 年标准”)."""
    standard = basis.amount
    multiple = t.get("tekun.basic_multiple")
    fraction = t.get(f"tekun.care_fraction.{care}")
    published = t.basis(f"tekun.basic_standard.{area}", None, "basic_standard", f"{AREAS[area]}特困人员基本生活标准")
    published_care = t.basis(f"tekun.care_standard.{care}", None, "care_standard", f"{CARE_LEVELS[care]}照料护理标准")
    if multiple is None and published.amount is None:
        fields["set_locally"] = _set_locally(t, area, basis)
        return []
    rests: list[Resolved] = []
    # 1. 基本生活标准
    basic: Fraction | None = None
    if multiple is not None and standard is not None:
        basic = multiple.fraction * standard
        t.step(f"基本生活标准不低于低保标准的 {times(multiple.value)}：{yuan(standard)} × {multiple.value} = {yuan(basic)} 元/月。",
               formula="低保标准 × 倍数", cites=(multiple,))
        if basis.resolved is not None and basis.origin == "data":
            rests.append(basis.resolved)
    if _published_wins(t, published, basic, "按倍数", "基本生活标准"):
        basic = published.amount
        rests = [published.resolved] if published.resolved is not None else []
        if not published.current:  # (said only for the figure the amount rests on)
            t.warn_stale("basic_standard", f"{published.phrase()}：{STALE_HINT}。")
    if basic is None:  # a multiple, no 低保标准 and no published figure
        assert multiple is not None
        if fraction is None:
            t.step(f"基本生活标准每月不低于：当地{AREAS[area]}低保标准 × {multiple.value}，照料护理标准另加（本站没有查到）。"
                   "知道当地低保标准的，填上就能算出基本生活部分。", formula="低保标准 × 倍数", cites=(multiple,))
            fields["formula"] = f"低保标准 × {multiple.value}（照料护理另加）"
            return []
        t.step(f"供养标准每月不低于：当地{AREAS[area]}低保标准 × {multiple.value} + 上年度月最低工资 × {share(fraction.value)}（{CARE_LEVELS[care]}）。"
               "知道当地低保标准的，填上就能算出金额。", formula="低保标准 × 倍数 + 上年度最低工资 × 比例",
               cites=(multiple, fraction))
        fields["formula"] = f"低保标准 × {multiple.value} + 上年度最低工资 × {share(fraction.value)}"
        return []
    fields["basic_living"] = yuan(basic)
    # 2. 照料护理标准
    care_amount: Fraction | None = None
    care_rests: list[Resolved] = []
    care_stale: tuple[str, str] | None = None
    if fraction is not None:
        prior_year_end = dt.date(on.year - 1, 12, 31)
        wage = t.basis("min_wage.monthly", request.get("min_wage"), "min_wage", "上年度月最低工资标准", on=prior_year_end)
        if wage.amount is None:
            t.step(f"照料护理标准不低于上年度（{on.year - 1}年）月最低工资的 {share(fraction.value)}；本站没有查到当地上年度的最低工资"
                   + ("。" if published_care.amount is not None else "，这部分没有算进去。知道的可以填上。"), cites=(fraction,))
        else:
            care_amount = fraction.fraction * wage.amount
            t.step(f"{CARE_LEVELS[care]}照料护理标准不低于上年度（{on.year - 1}年）月最低工资的 {share(fraction.value)}："
                   f"用的是{wage.phrase()}，{yuan(wage.amount)} × {share(fraction.value)} = {yuan(care_amount)} 元/月。",
                   formula="上年度最低工资 × 比例", cites=(fraction, wage))
            care_rests = [wage.resolved] if wage.resolved is not None and wage.origin == "data" else []
            if not wage.current:
                care_stale = ("min_wage", f"最低工资用的是{wage.phrase()}，{STALE_HINT}。")
    if _published_wins(t, published_care, care_amount, "按最低工资", "照料护理标准"):
        care_amount = published_care.amount
        care_rests = [published_care.resolved] if published_care.resolved is not None else []
        care_stale = None if published_care.current else ("care_standard", f"{published_care.phrase()}：{STALE_HINT}。")
    if care_stale:  # (said only for the figure the amount rests on)
        t.warn_stale(*care_stale)
    if care_amount is None:
        # No care standard (贵州: three bands, amounts not found; or no minimum wage): the floor is the basic part;
        # the care part is said to come on top, never guessed.
        if fraction is None:
            t.step(f"照料护理标准（{CARE_LEVELS[care]}）：本站没有查到{place(t.params, t.jurisdiction)}的照料护理标准，"
                   "这部分没有算进去；实际供养标准还要加上照料护理部分。")
        t.warn(f"金额只含基本生活标准 {yuan(basic)} 元，照料护理标准另加。")
        fields.update(monthly_amount=yuan(basic), care=None,
                      amounts_current=all(r.current for r in rests))
        return rests
    total = basic + care_amount
    t.step(f"特困供养标准每月不低于 {yuan(basic)} + {yuan(care_amount)} = {yuan(total)} 元。", formula="基本生活标准 + 照料护理标准")
    rests += care_rests
    fields.update(monthly_amount=yuan(total), care=yuan(care_amount), amounts_current=all(r.current for r in rests))
    return rests


# --------------------------------------------------------------------------- how a result is said


def amount_words(result: dict[str, Any]) -> str:
    """“每月不低于 1694.13 元（按 2021 年标准）”: the text sets a floor (“不低于”), never “约”."""
    amount = result.get("monthly_amount")
    if not amount:
        return ""
    year = result.get("figure_year")
    notes = ([f"按 {year} 年标准"] if year else []) + (["照料护理另加"] if result.get("care") is None else [])
    return f"每月不低于 {amount} 元" + (f"（{'，'.join(notes)}）" if notes else "")


def summarize(result: dict[str, Any]) -> dict[str, Any]:
    s = result.get("status")
    amount = result.get("monthly_amount")
    words = amount_words(result)
    # the big figure stays short on a phone (长辈版); its year is in the sentence right below it
    figure = f"每月不低于 {amount} 元" if amount else ("当地标准未查到" if result.get("set_locally") else "金额看下面的算法")
    stale_field = next((f for f in ("standard", "basic_standard", "min_wage", "care_standard") if f in result["stale_warnings"]), "")
    stale = result["stale_warnings"].get(stale_field, "")
    lines: list[str] = []
    if s == "eligible":
        out = {"tone": "yes", "headline": "可能符合特困供养条件", "figure": figure,
               "sentence": "按您填写的情况，同时具备无劳动能力、无生活来源、无法定义务人（或其无能力履行）三个条件"
               + (f"，{place_of(result)}供养标准{words}。" if amount else "。")}
    elif s == "possible":
        out = {"tone": "maybe", "headline": "可能符合特困供养条件，还要看几点", "figure": figure,
               "sentence": "还要看：" + "；".join(result.get("open_points") or []) + "。"}
    else:
        out = {"tone": "no", "headline": "按填写的情况暂不符合特困条件", "figure": "暂不符合",
               "sentence": "特困供养要求三个条件同时具备：无劳动能力、无生活来源、无法定义务人（或其无能力履行）。"
               "暂不符合的原因：" + "；".join(result.get("reasons_not") or []) + "。可以看看低保。"}
        if amount:
            lines.append(f"供参考：{place_of(result)}特困供养标准{words}。")
    if result.get("formula") and not amount:
        lines.append(f"供养标准每月不低于：{result['formula']}。")
    if result.get("set_locally") and s != "not_eligible":
        lines.append(result["set_locally"])
    said = []
    if stale and amount:
        lines.insert(0, stale)
        said.append(stale_field)
    return {**out, "lines": lines, "stale_said": said}


def place_of(result: dict[str, Any]) -> str:
    return "当地" if result["jurisdiction"] == "other" else str(result["jurisdiction_name"])


def screen(s: Screening) -> dict[str, Any]:
    """特困供养 is for one person without working ability, income or an able supporter: the calculator
    answers for a household of one; with others in the household who can work, they are the supporters."""
    from ..core.household import able_to_work

    h = s.household
    entry: dict[str, Any] = {"id": "tekun", "title": PROGRAMME.full_title, "amount": None, "clauses": [], "bring": [],
                             "apply": "向户籍所在地乡镇（街道）提出申请，可以请村（居）委会帮忙。", "calculator": PROGRAMME.page}
    if h["receives"] == "tekun":
        return {**entry, "status": "likely", "why": ["您现在享受特困供养。"]}
    members = h["members"]
    if len(members) > 1:
        if any(able_to_work(m) is True for m in members):
            return {**entry, "status": "unlikely",
                    "why": ["特困供养要求没有能履行义务的赡养、抚养、扶养人；家里有能劳动的成员，一般由他们尽义务。"]}
        return {**entry, "status": "possible",
                "why": ["家里的人都是老人、未成年人或重残重病，没有能劳动的成员：要看有没有别的能尽赡养、抚养义务的亲属，请用特困供养估算或向乡镇（街道）咨询。"]}
    m = members[0]
    req = {"jurisdiction": s.jurisdiction, "area": h["area"] or "rural", "age": m["age"],
           "disability_grade": m["disability_grade"], "disability_type": m["disability_type"],
           "monthly_income": yuan(m["wage"] + h["other_income"])}
    if m["school"]:
        req["school"] = m["school"]
    if h.get("supporter") is not None:
        req["has_able_supporter"] = h["supporter"]
    r = run(calculate, req, s.params, s.on, s.overrides)
    if "error" in r:
        return {**entry, "status": "unknown", "why": [r.get("message", "")]}
    s.results["tekun"] = r
    status = {"eligible": "likely", "possible": "possible"}.get(r["status"], "unlikely")
    why = [("还要看：" + "、".join(r["open_points"]) + "。") if r.get("open_points") else ""]
    why += [f"不符合的地方：{'、'.join(r['reasons_not'])}。"] if r.get("reasons_not") else []
    words = amount_words(r)
    if words and status != "unlikely":
        why.append(f"{place_of(r)}特困供养标准{words}。")
        stale = r["stale_warnings"].get("standard") or r["stale_warnings"].get("min_wage")
        if stale:
            why.append(stale)
    elif r.get("set_locally") and status != "unlikely":
        why.append(r["set_locally"])  # (it says the 低保标准's date itself)
    if "dibao" in s.standing or "dibao?" in s.standing:
        why.append("特困供养和低保不能同时享受：符合特困条件的，按特困供养；不符合的，看低保。")
    return {**entry, "status": status, "why": [w for w in why if w], "amount": words if status != "unlikely" else None,
            "request": answered(req, h), "clauses": sorted({c for st in r["steps"] for c in st["clauses"]})}


def card(params: ParameterSet, j: str, on: dt.date) -> list[CardSection]:
    def get(p: str) -> Resolved | None:
        r = params.resolve(p, j, on)
        return None if r is None or r.off else r

    elderly, minor = get("tekun.elderly_age"), get("tekun.minor_age_limit")
    who = (
        CardLine("同时具备三个条件："),
        CardLine(f"没有劳动能力：年满 {elderly.value if elderly else 60} 周岁、未满 {minor.value if minor else 16} 周岁，"
                 "或一至三级智力、精神残疾，一、二级肢体残疾，一级视力残疾；", (elderly, minor)),
        CardLine("没有生活来源（本人收入低于当地低保标准，财产符合规定）；"),
        CardLine("没有法定赡养、抚养、扶养义务人，或者义务人没有能力履行义务。"),
    )
    much: list[CardLine] = []
    basic = get("tekun.basic_multiple")
    published = [(AREAS[a], r) for a in ("urban", "rural") if (r := get(f"tekun.basic_standard.{a}")) is not None]
    cares = [(name, r) for care, name in (("self_care", "全自理"), ("half_care", "半护理"), ("full_care", "全护理"))
             if (r := get(f"tekun.care_standard.{care}")) is not None]
    if published or cares:
        # one line: the figures a province or city published (basic living by area, care by level), with their date
        parts = (["基本生活 " + "、".join(f"{a} **{r.value} 元**" for a, r in published)] if published else []) + (
            ["照料护理 " + "、".join(f"{name} {r.value} 元" for name, r in cares)] if cares else [])
        first = (published or cares)[0][1]
        much.append(CardLine("公布的特困供养标准（每人每月）：" + "；".join(parts) + f"（{since_words(first, params, j)}）。",
                             tuple(r for _, r in published) + tuple(r for _, r in cares)))
    if basic:
        found = [(name, get(f"tekun.care_fraction.{care}"))
                 for care, name in (("self_care", "全自理"), ("half_care", "半护理"), ("full_care", "全护理"))]
        found_ = [(name, r) for name, r in found if r is not None]
        care_words = ("，照料护理不低于上年度最低工资的 " + "、".join(f"{share(r.value)}（{name}）" for name, r in found_)
                      if found_ else "")
        much.append(CardLine(("文件规定：" if published or cares else "") + f"基本生活不低于当地低保标准的 {times(basic.value)}"
                             + care_words + ("；与公布的数取高的。" if published or cares else "。"),
                             (basic,) + tuple(r for _, r in found_)))
        much += standards_lines(params, j, on)
    elif published:
        much += standards_lines(params, j, on)
    else:
        much.append(CardLine("当地文件没有写明特困供养标准的计算方法，请向县民政局或乡镇（街道）询问当地标准。"))
    return [CardSection("谁可以申请", who, numbered=True), CardSection("能领多少", tuple(much))]


def next_steps(params: ParameterSet, j: str, on: dt.date) -> list[dict[str, Any]]:
    """The time limit, from 特困's own rules."""
    return time_limit_steps(_time_limit, params, j, on)


FORM = Form(
    "tekun",
    "特困供养估算",
    (
        JURISDICTION,
        AREA,
        Field("age", "age", "年龄", "int", lo=0, hi=120),
        Field("school", "school", "正在上什么学", "choice", "未成年时已经享受特困供养、现在还在上学的，可能可以延长到毕业。",
              options(SCHOOL_STAGES, "没有上学"), when=(("has", "tekun.student_extension"), ("age_between", "age", 16, 29))),
        Field("dis", "disability_grade", "残疾等级", "choice", "", options(DISABILITY_GRADES), default="0"),
        Field("distype", "disability_type", "残疾类别", "choice", "", options(DISABILITY_TYPES, "—")),
        Field("income", "monthly_income", "本人每月收入（元）", "money",
              "中央确定的基础养老金、社会保险、优待抚恤金、高龄津贴不算；没有收入填 0。"),
        Field("supporter", "has_able_supporter", "有没有能赡养、抚养、扶养您的人", "choice",
              "指有能力尽义务的配偶、子女、父母等。他们自己也困难、没有能力的，选“没有”。", (("1", "有"), ("0", "没有"))),
        Field("care", "care_level", "生活能不能自理", "choice", "",
              (("self_care", "能自理"), ("half_care", "部分需要照顾（半护理）"), ("full_care", "完全需要照顾（全护理）")),
              default="self_care"),
        Field("std", "standard", "当地现在的低保标准（知道才填，元/人/月）", "money",
              "不知道就空着，本站按查到的最近一次标准估算。",
              when=(("not_current", "dibao.standard.{area}"),), group="more"),
        Field("minwage", "min_wage", "当地上一年的月最低工资标准（知道才填，元）", "money",
              "不知道就空着，本站按查到的最近一次标准估算。",
              when=(("has", "tekun.basic_multiple"), ("has", "tekun.care_fraction.full_care"),
                    ("not_current_prior_year", "min_wage.monthly")), group="more"),
        DATE,
    ),
    (("basic", "基本情况"), ("more", "补充情况"), ("staff", "工作人员选项")),
)

PROGRAMME = Programme(
    name="tekun",
    title="特困供养",
    full_title="特困人员救助供养",
    calculate=calculate,
    parameters=PARAMETERS,
    clauses=CLAUSES,
    needs=NEEDS,
    form=FORM,
    summarize=summarize,
    screen=screen,
    card=card,
    topic="特困",
    next_steps=next_steps,
    order=20,
)
