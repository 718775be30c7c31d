# SPDX-License-Identifier: MIT
"""The calculator forms: fields, query-string keys, which questions a place needs.

One description serves three callers:

* the build renders the HTML form from ``FORMS`` (labels, help, options);
* the browser sends the form as flat ``key → text`` pairs (exactly the URL
  query string of a prefilled link) and ``run_query`` turns them into a
  calculator request, runs it and adds what the page shows around the result;
* the campaign documentation lists every key (``query_reference``).

A field is asked only when the chosen place's rules need it (``when``): e.g.
“您当地的低保标准” only where this site has no standard for that date,
“现在是否在享受低保” only where a 渐退期 is set.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..core.errors import InputError
from ..core.inputs import parse_date
from ..core.params import ParameterSet
from ..core.vocabulary import AREAS, DISABILITY_GRADES, DISABILITY_TYPES, LABOUR, SCHOOL_STAGES, options

YES = (("1", "是"), ("", "否"))
AREA_OPTIONS = options(AREAS)
DISABILITY_GRADE_OPTIONS = options(DISABILITY_GRADES)
SCHOOL_OPTIONS = options(SCHOOL_STAGES, "没有上学")
DISABILITY_TYPE_OPTIONS = options(DISABILITY_TYPES, "—")
LABOUR_OPTIONS = options(LABOUR)
CARE_OPTIONS = (("self_care", "能自理"), ("half_care", "部分需要照顾（半护理）"), ("full_care", "完全需要照顾（全护理）"))
LINSHI_KIND_OPTIONS = (("illness", "家里有人得了大病，医疗费负担重"), ("education", "孩子上学，自己负担的教育费用太重"),
                       ("emergency", "突发事故、灾害等急难情况"))


@dataclass(frozen=True)
class Field:
    """One question.

    ``target`` is where the answer goes in the calculator request: ``"area"``,
    ``"income.farming"``, or ``"members[].age"`` for a per-member question
    (its query key gets the member number appended: ``age1``, ``age2`` …).
    ``when`` is a tuple of conditions, all of which must hold for the field to
    be asked: ``("has", param)``, ``("missing", param)``,
    ``("missing_prior_year", param)`` (value on 31 Dec of the previous year),
    ``("not_current", param)`` (unknown, or only a last-known value: the field is optional),
    ``("not_current_prior_year", param)``, ``("is", param, value)``, ``("in", key, values)``,
    ``("age_between", key, lo, hi)``.  ``{area}`` in a parameter id is replaced by the
    answer to ``area``.
    """

    key: str
    target: str
    label: str
    kind: str  # jurisdiction | choice | money | ratio | int | flag | date | count
    help: str = ""
    options: tuple[tuple[str, str], ...] = ()
    default: str = ""
    when: tuple[tuple[Any, ...], ...] = ()
    group: str = "basic"
    lo: int = 0
    hi: int = 0

    @property
    def member(self) -> bool:
        return self.target.startswith("members[]")


@dataclass(frozen=True)
class Form:
    name: str
    title: str
    fields: tuple[Field, ...]
    groups: tuple[tuple[str, str], ...]


JURISDICTION = Field("j", "jurisdiction", "您家在哪个县（市、区）", "jurisdiction",
                     "选“其他地区”时按全国性规定估算；知道当地标准的，可以在下面填上。")
DATE = Field("date", "date", "按哪一天的政策计算", "date",
             "默认今天。工作人员核对以往的决定时可以改。", group="staff")
AREA = Field("area", "area", "按城市还是农村标准", "choice",
             "一般按户籍所在地：城镇选“城市”，农村选“农村”。拿不准的，问村（居）委会。", AREA_OPTIONS)

DIBAO = Form(
    "dibao",
    "低保估算",
    (
        JURISDICTION,
        AREA,
        Field("n", "members", "家里几口人一起生活", "count",
              "共同生活的家庭成员：配偶、未成年子女、一起生活的父母和成年子女等。", default="1", group="members", lo=1, hi=20),
        Field("age", "members[].age", "年龄", "int", "", group="members", lo=0, hi=120),
        Field("wage", "members[].wage", "每月工资（元）", "money", "打工、上班每月到手的钱；没有填 0。", group="members"),
        Field("labour", "members[].labour", "劳动能力", "choice", "",
              LABOUR_OPTIONS, default="full",
              when=(("has_any", "dibao.review_months.class1", "dibao.review_months.class2", "dibao.review_months.class3"),),
              group="members"),
        Field("dis", "members[].disability_grade", "残疾等级", "choice", "", DISABILITY_GRADE_OPTIONS, default="0",
              when=(("has_any", "dibao.single_person_household", "dibao.phase_out_exit_without_severe"),), group="members"),
        Field("distype", "members[].disability_type", "残疾类别", "choice", "", DISABILITY_TYPE_OPTIONS,
              when=(("has_any", "dibao.single_person_household", "dibao.phase_out_exit_without_severe"),), group="members"),
        Field("ill", "members[].serious_illness", "患重特大疾病", "flag", "", YES,
              when=(("has_any", "dibao.single_person_household", "dibao.phase_out_exit_without_severe"),), group="members"),
        Field("farming", "income.farming", "种地、养殖、做生意每月净收入（元）", "money", "按一年算好再除以 12。", group="income"),
        Field("property", "income.property", "房租、利息等每月收入（元）", "money", group="income"),
        Field("transfer", "income.transfer", "子女给的赡养费、抚养费等每月收入（元）", "money", group="income"),
        Field("pension_other", "income.pension_other", "退休金、其他养老金每月（元）", "money",
              "城乡居民基础养老金不填在这里，填在下一项。", group="income"),
        Field("basic_pension", "income.basic_pension", "城乡居民基础养老金每月（元）", "money",
              "这部分不算收入，填了也不会减少低保金。", when=(("has", "dibao.basic_pension_excluded"),), group="income"),
        Field("allowances", "income.allowances", "优待抚恤金、奖励扶助金、奖学金等每月（元）", "money",
              "这部分不算收入。", group="income"),
        Field("childcare", "income.childcare", "育儿补贴每月（元）", "money",
              "3周岁以下孩子领的育儿补贴，不算收入（按年领的除以 12）。", when=(("has", "dibao.childcare_subsidy_excluded"),),
              group="income"),
        Field("other", "income.other", "其他每月收入（元）", "money",
              "正在领的低保金、临时救助金等救助款物不算收入，不要填在这里。", group="income"),
        Field("cur", "current_recipient", "现在是否在享受低保", "flag", "已经在享受的，收入超过标准后可能有渐退期。", YES,
              when=(("has_any", "dibao.phase_out_months", "dibao.phase_out_months_max", "dibao.phase_out_allowed"),),
              group="more"),
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

TEKUN = Form(
    "tekun",
    "特困供养估算",
    (
        JURISDICTION,
        AREA,
        Field("age", "age", "年龄", "int", lo=0, hi=120),
        Field("school", "school", "正在上什么学", "choice", "未成年时已经享受特困供养、现在还在上学的，可能可以延长到毕业。",
              SCHOOL_OPTIONS, when=(("has", "tekun.student_extension"), ("age_between", "age", 16, 29))),
        Field("dis", "disability_grade", "残疾等级", "choice", "", DISABILITY_GRADE_OPTIONS, default="0"),
        Field("distype", "disability_type", "残疾类别", "choice", "", DISABILITY_TYPE_OPTIONS),
        Field("income", "monthly_income", "本人每月收入（元）", "money", "基础养老金不算；没有收入填 0。"),
        Field("supporter", "has_able_supporter", "有没有能赡养、抚养、扶养您的人", "choice",
              "指有能力尽义务的配偶、子女、父母等。他们自己也困难、没有能力的，选“没有”。", (("1", "有"), ("0", "没有"))),
        Field("care", "care_level", "生活能不能自理", "choice", "",
              CARE_OPTIONS, default="self_care"),
        Field("std", "standard", "当地现在的低保标准（知道才填，元/人/月）", "money",
              "不知道就空着，本站按查到的最近一次标准估算。",
              when=(("not_current", "dibao.standard.{area}"),), group="more"),
        Field("minwage", "min_wage", "当地上一年的月最低工资标准（知道才填，元）", "money",
              "不知道就空着，本站按查到的最近一次标准估算。",
              when=(("has", "tekun.basic_multiple"), ("not_current_prior_year", "min_wage.monthly")), group="more"),
        DATE,
    ),
    (("basic", "基本情况"), ("more", "补充情况"), ("staff", "工作人员选项")),
)

LINSHI = Form(
    "linshi",
    "临时救助估算",
    (
        JURISDICTION,
        Field("kind", "kind", "遇到了什么困难", "choice", "",
              LINSHI_KIND_OPTIONS),
        Field("stdu", "standard_urban", "当地现在的城市低保标准（知道才填，元/人/月）", "money",
              "不知道就空着，本站按查到的最近一次标准估算。",
              when=(("in", "kind", ("illness", "education")), ("has", "linshi.{kind}_multiple_min"),
                    ("not_current", "dibao.standard.urban")), group="more"),
        DATE,
    ),
    (("basic", "基本情况"), ("more", "补充情况"), ("staff", "工作人员选项")),
)

STANDARD = Form(
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

FORMS = {f.name: f for f in (DIBAO, TEKUN, LINSHI, STANDARD)}
RE_MEMBER_KEY = re.compile(r"^([a-z_]+?)(\d{1,2})$")
MAX_MEMBERS = 20


PLACE_LEVEL = "county"  # every county-level division (县、县级市、市辖区、旗): the level a resident lives at
OTHER_PLACE = "other"  # 其他地区: national rules only, the local standard typed in


def jurisdiction_options(params: ParameterSet) -> list[tuple[str, str]]:
    """Places a resident can choose, by id, then 其他地区（按全国规定） last.

    Offered: every jurisdiction of level ``county`` (any county-level division) that has its
    own values or its own document — a county with only a 低保标准 and no document yet is a
    place (its bundle, place page, 明白卡 and 参数体检 entry follow from this list).
    Never offered: ``national``, provinces and cities (their rules reach residents through
    their counties; 其他地区 is the national-rules choice), and a place whose every document
    is a time-limited plan that lapses (``on_expiry: lapse``, e.g. the 2018–2020 范本) and
    whose values all rest on such documents: a staff example, not a place to pick.
    """
    def lapses(doc: str) -> bool:
        return (params.documents.get(doc) or {}).get("on_expiry") == "lapse"

    def offered(j: str, d: dict[str, Any]) -> bool:
        if j == OTHER_PLACE or d.get("level") != PLACE_LEVEL:
            return False
        if any(not lapses(doc) for doc in d.get("documents") or []):
            return True
        return any(e.get("value") is not None and not (e.get("clause") and lapses(str(e["clause"]).split("#", 1)[0]))
                   for entries in (d.get("parameters") or {}).values() for e in entries)

    order = sorted((j, d["name"]) for j, d in params.jurisdictions.items() if offered(j, d))
    if OTHER_PLACE in params.jurisdictions:
        order.append((OTHER_PLACE, f"{params.name(OTHER_PLACE)}（按全国规定）"))
    return order


def _date(query: dict[str, str], today: dt.date) -> dt.date:
    text = (query.get("date") or "").strip()
    if not text:
        return today
    return parse_date(text)


def _holds(cond: tuple[Any, ...], query: dict[str, str], params: ParameterSet, j: str, on: dt.date) -> bool:
    op = cond[0]
    if op == "in":
        return query.get(cond[1], "") in cond[2]
    if op == "age_between":
        text = str(query.get(cond[1], "")).strip()
        return text.isdigit() and cond[2] <= int(text) <= cond[3]
    area = query.get("area") if query.get("area") in ("urban", "rural") else "urban"
    kind = query.get("kind") if query.get("kind") in ("illness", "education") else "illness"
    ids = [c.format(area=area, kind=kind) if isinstance(c, str) else c for c in cond[1:]]
    if op == "has":
        return params.resolve(ids[0], j, on) is not None
    if op == "has_any":
        return any(params.resolve(p, j, on) is not None for p in ids)
    if op == "missing":
        return params.resolve(ids[0], j, on) is None
    if op == "missing_prior_year":
        return params.resolve(ids[0], j, dt.date(on.year - 1, 12, 31)) is None
    if op in ("not_current", "not_current_prior_year"):
        day = dt.date(on.year - 1, 12, 31) if op == "not_current_prior_year" else on
        r = params.resolve(ids[0], j, day)
        return r is None or not r.current
    if op == "is":
        r = params.resolve(ids[0], j, on)
        return r is not None and r.value == cond[2]
    raise ValueError(f"unknown condition {op}")


def visible_keys(name: str, query: dict[str, str], params: ParameterSet, today: dt.date) -> list[str]:
    """Base keys of the questions to ask for this place, date and answers so far."""
    form = FORMS[name]
    j = query.get("j") or ""
    try:
        on = _date(query, today)
        params.chain(j)
    except InputError:
        return [f.key for f in form.fields if not f.when]
    return [f.key for f in form.fields if all(_holds(c, query, params, j, on) for c in f.when)]


def member_count(query: dict[str, str]) -> int:
    """The household size typed in the form; 0, > 20 or not a number gets a message at the field."""
    text = str(query.get("n") or "").strip()
    if text == "":
        return 1
    if not text.isdigit():
        raise InputError("家里人数要填整数，例如 3。", "members")
    n = int(text)
    if n < 1:
        raise InputError("家里人数至少填 1（只有您自己就填 1）。", "members")
    if n > MAX_MEMBERS:
        raise InputError(f"家里人数最多填 {MAX_MEMBERS} 人；人数更多的，请直接到乡镇（街道）咨询。", "members")
    return n


def _put(request: dict[str, Any], target: str, value: Any) -> None:
    head, _, leaf = target.partition(".")
    if leaf:
        request.setdefault(head, {})[leaf] = value
    else:
        request[head] = value


def request_from_query(name: str, query: dict[str, str], params: ParameterSet, today: dt.date,
                       visible: list[str] | None = None) -> dict[str, Any]:
    """The calculator request for the questions currently asked (hidden answers are ignored)."""
    form = FORMS[name]
    shown = set(visible if visible is not None else visible_keys(name, query, params, today))
    request: dict[str, Any] = {"date": (query.get("date") or "").strip() or today.isoformat()}
    members: list[dict[str, Any]] = []
    for f in form.fields:
        if f.key not in shown or f.key == "date":
            continue
        if f.kind == "count" and f.target == "members":
            members = [{} for _ in range(member_count(query))]
            request["members"] = members
            continue
        if f.member:
            leaf = f.target.split(".", 1)[1]
            for i, m in enumerate(members):
                raw = query.get(f"{f.key}{i + 1}", f.default)
                if raw not in ("", None):
                    m[leaf] = raw
            continue
        raw = query.get(f.key, f.default)
        if raw in ("", None):
            continue
        area = str(query.get("area")) if query.get("area") in ("urban", "rural") else "urban"
        _put(request, f.target.replace("{area}", area), raw)
    return request


def key_for_field(name: str, field: str) -> str:
    """The form key for an error's request field: ``members[1].wage`` → ``wage2``."""
    m = re.match(r"^members\[(\d+)\]\.(\w+)$", field)
    for f in FORMS[name].fields:
        if m and f.target == f"members[].{m.group(2)}":
            return f"{f.key}{int(m.group(1)) + 1}"
        if f.target == field or field in (f.target.replace("{area}", "urban"), f.target.replace("{area}", "rural")):
            return f.key
    return ""


def query_reference(name: str) -> list[dict[str, str]]:
    """Every query key of a form, for the page that teaches campaigns to write links."""
    out = []
    for f in FORMS[name].fields:
        key = f"{f.key}1、{f.key}2 …" if f.member else f.key
        values = "、".join(f"{k or '（空）'}＝{v}" for k, v in f.options) if f.options else {
            "money": "金额（元），如 1500 或 1500.50",
            "ratio": "比例或倍数，如 0.3、1.5",
            "int": f"整数 {f.lo}–{f.hi}",
            "count": f"整数 {f.lo}–{f.hi}",
            "date": "日期，如 2025-07-01",
            "jurisdiction": "地区代码，见下表",
            "flag": "1＝是",
        }.get(f.kind, "")
        out.append({"key": key, "label": f.label, "values": values})
    return out

