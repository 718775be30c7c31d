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
from fractions import Fraction
from typing import Any

from .api import calculate
from .common import parse_date
from .errors import InputError
from .params import ParameterSet

YES = (("1", "是"), ("", "否"))
AREA_OPTIONS = (("urban", "城市"), ("rural", "农村"))
DISABILITY_GRADES = (("0", "没有残疾证"), ("1", "一级"), ("2", "二级"), ("3", "三级"), ("4", "四级"))
SCHOOL_OPTIONS = (
    ("", "没有上学"),
    ("compulsory", "小学、初中"),
    ("high_school", "高中、中专、职高"),
    ("higher", "大学、高职、专科"),
    ("postgraduate", "研究生"),
)
DISABILITY_TYPE_OPTIONS = (
    ("", "—"),
    ("physical", "肢体"),
    ("intellectual", "智力"),
    ("mental", "精神"),
    ("visual", "视力"),
    ("hearing", "听力"),
    ("speech", "言语"),
    ("multiple", "多重"),
)


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
    kind: str  # jurisdiction | choice | money | int | flag | date | count
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
              (("full", "有劳动能力"), ("partial", "部分丧失"), ("none", "完全丧失")), default="full",
              when=(("has_any", "dibao.review_months.class1", "dibao.review_months.class2", "dibao.review_months.class3"),),
              group="members"),
        Field("dis", "members[].disability_grade", "残疾等级", "choice", "", DISABILITY_GRADES, default="0",
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
        Field("dis", "disability_grade", "残疾等级", "choice", "", DISABILITY_GRADES, default="0"),
        Field("distype", "disability_type", "残疾类别", "choice", "", DISABILITY_TYPE_OPTIONS),
        Field("income", "monthly_income", "本人每月收入（元）", "money", "基础养老金不算；没有收入填 0。"),
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
              (("illness", "家里有人得了大病，医疗费负担重"), ("education", "孩子上学，自己负担的教育费用太重"),
               ("emergency", "突发事故、灾害等急难情况"))),
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


def jurisdiction_options(params: ParameterSet) -> list[tuple[str, str]]:
    """Places a resident can choose: those with a published document, then 其他地区.

    A place whose every document is a time-limited plan that lapses (``on_expiry: lapse``,
    e.g. the 2018–2020 范本) is a staff example, not a place to pick.
    """
    def offered(d: dict[str, Any]) -> bool:
        docs = d.get("documents") or []
        return bool(docs) and not all((params.documents.get(doc) or {}).get("on_expiry") == "lapse" for doc in docs)

    order = sorted((j, d["name"]) for j, d in params.jurisdictions.items() if offered(d))
    return order + [("other", params.name("other"))] if "other" in params.jurisdictions else order


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
        _put(request, f.target, raw)
    return request


def key_for_field(name: str, field: str) -> str:
    """The form key for an error's request field: ``members[1].wage`` → ``wage2``."""
    m = re.match(r"^members\[(\d+)\]\.(\w+)$", field)
    for f in FORMS[name].fields:
        if m and f.target == f"members[].{m.group(2)}":
            return f"{f.key}{int(m.group(1)) + 1}"
        if f.target == field:
            return f.key
    return ""


def _stale_line(result: dict[str, Any], field: str) -> str:
    """“这是按2021年11月的标准算的……” when the figure rests on a last-known value."""
    b = (result.get("bases") or {}).get(field) or {}
    if b.get("origin") != "data" or b.get("current"):
        return ""
    d = dt.date.fromisoformat(b["from"])
    return f"这是按{d.year}年{d.month}月起的标准（本站查到的最近一次）算的，现在的标准很可能更高，能领的可能更多。"


def _fmt_status(result: dict[str, Any]) -> dict[str, Any]:
    """The one-sentence answer, the big figure and a few plain lines, for a resident."""
    c, s = result["calculator"], result.get("status")
    place = result["jurisdiction_name"]
    on = dt.date.fromisoformat(result["date"])
    when = f"按 {on.year}年{on.month}月{on.day}日 的政策估算。"
    lines: list[str] = []
    said: list[str] = []  # the fields whose "last known" warning the summary already says
    if c == "dibao":
        amount, pc, std, line = result["monthly_amount"], result["per_capita_income"], result["standard"], result["income_line"]
        stale = _stale_line(result, "standard")
        n = result["household_size"]
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
                   "sentence": f"按您填写的情况，家庭月人均收入 {pc} 元，低于{place}低保标准 {std} 元，估算全家每月低保金约 {amount} 元。"}
        elif s == "phase_out":
            out = {"tone": "maybe", "headline": "收入已超过标准，可以继续领一段时间（渐退期）", "figure": "渐退期",
                   "sentence": f"家庭月人均收入 {pc} 元，已超过低保标准 {std} 元。您家正在享受低保，可以给予渐退期，"
                   "渐退期内继续领取低保金，领多少由当地确定。"}
        elif s == "edge":
            out = {"tone": "maybe", "headline": "不符合低保，属于低保边缘家庭", "figure": "可申请专项救助",
                   "sentence": f"家庭月人均收入 {pc} 元，高于低保标准 {std} 元，但还在低保边缘线以内，可以申请医疗、教育等专项救助。"}
            if stale:
                stale = (stale.replace("，能领的可能更多", "") + f"当地现在的标准只要高于 {line} 元，您家就可能符合低保，"
                         "建议向乡镇（街道）咨询或直接申请。")
        elif stale:
            out = {"tone": "maybe", "headline": "按查到的旧标准暂不符合，现在的标准可能更高", "figure": f"收入线 {line} 元",
                   "sentence": f"家庭月人均收入 {pc} 元，不低于本站查到的{place}低保标准 {std} 元。当地现在的标准只要高于 {line} 元，"
                   "您家就可能符合，建议向乡镇（街道）咨询或直接申请。"}
            stale = stale.replace("，能领的可能更多", "")
        else:
            out = {"tone": "no", "headline": "按收入暂不符合低保条件", "figure": "暂不符合",
                   "sentence": f"家庭月人均收入 {pc} 元，不低于{place}低保标准 {std} 元。家里情况有变化，或遇到大病、急难，可以再看看临时救助。"}
        if stale:
            lines.insert(0, stale)
            said.append("standard")
    elif c == "tekun":
        amount = result.get("monthly_amount")
        figure = f"每月不低于 {amount} 元" if amount else "金额看当地标准"
        stale_field = "standard" if _stale_line(result, "standard") else "min_wage"
        stale = _stale_line(result, stale_field)
        if s == "eligible":
            out = {"tone": "yes", "headline": "可能符合特困供养条件", "figure": figure,
                   "sentence": "按您填写的情况，同时具备无劳动能力、无生活来源、无法定义务人（或其无能力履行）三个条件"
                   + (f"，{place}供养标准估算每月不低于 {amount} 元。" if amount else "。")}
        elif s == "possible":
            out = {"tone": "maybe", "headline": "可能符合特困供养条件，还要看几点", "figure": figure,
                   "sentence": "还要看：" + "；".join(result.get("open_points") or []) + "。"}
        else:
            out = {"tone": "no", "headline": "按填写的情况暂不符合特困条件", "figure": "暂不符合",
                   "sentence": "特困供养要求三个条件同时具备：无劳动能力、无生活来源、无法定义务人（或其无能力履行）。"
                   "暂不符合的原因：" + "；".join(result.get("reasons_not") or []) + "。可以看看低保。"}
            if amount:
                lines.append(f"供参考：{place}特困供养标准每月不低于 {amount} 元。")
        if result.get("formula") and not amount:
            lines.append(f"供养标准每月不低于：{result['formula']}。")
        if stale and amount:
            lines.insert(0, stale)
            said.append(stale_field)
    elif c == "linshi":
        if s == "range":
            out = {"tone": "maybe", "headline": "遇到这类困难，可以申请临时救助", "figure": f"约 {result['min_amount']}—{result['max_amount']} 元",
                   "sentence": f"按{place}的规定，这类困难的临时救助一般在 {result['min_amount']} 到 {result['max_amount']} 元之间"
                   "（算一份，不按家里人数相乘）。给不给、给多少，看医保报销后自己负担的费用、家庭收入和财产，由乡镇（街道）审核确定。"}
            stale = _stale_line(result, "standard_urban")
            if stale:
                lines.append(stale)
                said.append("standard_urban")
        elif s == "multiples_only":
            out = {"tone": "maybe", "headline": "遇到这类困难，可以申请临时救助",
                   "figure": f"城市低保标准的 {result['min_multiple']}—{result['max_multiple']} 倍",
                   "sentence": f"按{place}的规定，这类困难按当地城市低保月标准的 {result['min_multiple']}—{result['max_multiple']} 倍救助"
                   "（算一份，不按家里人数相乘）。本站没有查到当地城市低保标准，知道的填上就能算出金额。"}
        elif s == "refer":
            out = {"tone": "maybe", "headline": "遇到急难，请马上求助", "figure": "马上求助",
                   "sentence": "急难型临时救助的金额按困难程度确定，本站不估算；请立即联系乡镇（街道）或村（社区）。"}
        else:
            out = {"tone": "maybe", "headline": "当地没有公布具体标准", "figure": "请咨询当地",
                   "sentence": f"{place}的文件没有公布这类临时救助的倍数，本站无法估算范围；可以向乡镇（街道）申请，由他们按困难程度确定。"}
    else:
        ok = result.get("complies")
        out = {"tone": "yes" if ok else "no", "headline": "符合挂钩要求" if ok else "有不符合的项目",
               "figure": "符合" if ok else "不符合", "sentence": "按文件规定的比例核查低保标准，逐项结果见下方计算过程。"}
    return {**out, "lines": lines, "when": when, "stale_said": said}


# Parameters read by ``next_steps`` (for dibao, tekun and linshi).
NEXT_STEP_PARAMETERS = ("service.one_window", "service.green_channel", "service.hotline_12345", "service.residence_permit",
                        "dibao.time_limit_working_days", "dibao.time_limit_extended_working_days", "linshi.apply_where_emergency")


def uses(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(parameters, directly cited clauses) a calculator page may show: its metadata for backlinks."""
    from . import dibao, linshi, standard, tekun

    module = {"dibao": dibao, "tekun": tekun, "linshi": linshi, "standard": standard}[name]
    extra = NEXT_STEP_PARAMETERS if name != "standard" else ()
    return tuple(dict.fromkeys(module.PARAMETERS + extra)), module.CLAUSES


def next_steps(name: str, request: dict[str, Any], result: dict[str, Any], params: ParameterSet) -> list[dict[str, Any]]:
    """What to do now, each with the clause that says so where there is one."""
    j = result["jurisdiction"]
    on = dt.date.fromisoformat(result["date"])
    steps: list[dict[str, Any]] = []

    def clause_of(param: str) -> list[str]:
        r = params.resolve(param, j, on)
        return [r.entry["clause"]] if r is not None and r.entry.get("clause") else []

    if name == "standard":
        return steps
    window = clause_of("service.one_window")
    where = ("向户籍所在地的乡镇人民政府（街道办事处）提出申请" if name != "linshi"
             else "向乡镇人民政府（街道办事处）提出申请")
    steps.append({
        "text": where + "；自己去不方便的，可以请村（居）委会帮忙代为提出。"
        + ("当地乡镇（街道）设有社会救助“一门受理、协同办理”窗口。" if window else ""),
        "clauses": window,
    })
    if name == "linshi" and clause_of("linshi.apply_where_emergency"):
        steps.append({"text": "不是本地户籍的，也可以向急难发生地的乡镇（街道）申请临时救助。",
                      "clauses": clause_of("linshi.apply_where_emergency")})
    permit = clause_of("service.residence_permit")
    if permit:
        steps.append({"text": "户口不在这里、但持有当地居住证的，可以问问能否在居住地申请。", "clauses": permit})
    limit = params.resolve("dibao.time_limit_working_days", j, on)
    if name in ("dibao", "tekun") and limit is not None:
        extended = params.resolve("dibao.time_limit_extended_working_days", j, on)
        more = (f"，特殊情况可以延长到 {extended.value} 个工作日" if extended is not None and extended.jurisdiction == limit.jurisdiction
                else "")
        steps.append({"text": f"提交申请后，乡镇（街道）一般应在 {limit.value} 个工作日内作出审核确认决定{more}。",
                      "clauses": clause_of("dibao.time_limit_working_days"),
                      "sources": [limit.entry["source"]] if limit.entry.get("source") else []})
    people = request.get("members") or [request]
    elderly_or_disabled = any(
        (str(p.get("age", "")).strip().isdigit() and int(str(p["age"]).strip()) >= 60)
        or str(p.get("disability_grade", "0")) in ("1", "2")
        for p in people if isinstance(p, dict)
    )
    green = clause_of("service.green_channel")
    if green and elderly_or_disabled:
        steps.append({"text": "家里有60周岁以上老人或重度残疾人的，当地为办理社会救助开通了绿色通道，可以向工作人员说明。", "clauses": green})
    hotline = clause_of("service.hotline_12345")
    if hotline:
        steps.append({"text": "有困难找不到人办，可以拨打“12345”政务服务热线求助。", "clauses": hotline})
    steps.append({"text": "带上身份证、户口簿、收入情况等材料；需要什么材料，以乡镇（街道）告知的为准。", "clauses": []})
    return steps


UNITS = {"CNY/month": " 元/月", "CNY/person/month": " 元/人/月", "months": " 个月", "working_days": " 个工作日", "years": " 周岁", "ratio": ""}
STATUS = {
    "verified": "照录文件原文或政府网站",
    "secondary": "从新闻报道、转载中查到，没见到原件，请以当地公布的为准",
    "unverified": "还没有核实，请以当地公布的为准",
    "override": "工作人员假设的值，不是政策规定",
}


def choice_text(value: Any, definition: dict[str, Any]) -> Any:
    """A ``choice`` parameter's value in words (its definition's ``choices``); other values unchanged."""
    return (definition.get("choices") or {}).get(value, value) if isinstance(value, str) else value


def state_label(p: dict[str, Any]) -> str:
    """"" for a current value; otherwise why it is only the last known one, in plain words."""
    if p.get("state") != "last_known" or not p.get("stale_since"):
        return ""
    d = dt.date.fromisoformat(p["stale_since"])
    since = f"{d.year}年{d.month}月"
    end = d - dt.timedelta(days=1)
    until = f"{end.year}年{end.month}月{end.day}日"
    return {
        "cycle": f"这是本站查到的最近一次公布的数；按规定每隔一段时间调整，{since}起很可能已经调整",
        "superseded": f"这是本站查到的最近一次公布的数；{since}起已经调整，新的数本站还没有查到",
        "period": f"文件写明的期限到{until}为止，之后是否继续执行本站没有查到",
        "document": f"出自的文件期限到{until}为止，之后是否继续执行本站没有查到",
    }.get(str(p.get("stale_reason")), "这是本站查到的最近一次公布的数")


def shown_parameters(parameters: list[dict[str, Any]], params: ParameterSet | None = None) -> list[dict[str, Any]]:
    """Each parameter used, with its value, verification status and freshness in words (no data notes)."""
    out = []
    for p in parameters:
        v = p["value"]
        definition = (params.definitions.get(p["id"]) or {}) if params else {}
        if isinstance(v, bool):
            display = "是" if v else "否"
        elif choice_text(v, definition) != v:
            display = str(choice_text(v, definition))
        else:
            display = f"{v}{UNITS.get(p['unit'], '')}"
        shown = {k: val for k, val in p.items() if k != "note"}
        out.append({**shown, "display": display, "status_label": STATUS.get(str(p["status"]), "还没有核实"),
                    "state_label": state_label(p)})
    return out


def run_query(name: str, query: dict[str, str], params: ParameterSet, today: dt.date) -> dict[str, Any]:
    """Flat form answers in → everything the page shows out. Never raises for bad input."""
    if name not in FORMS:
        return {"error": "input_error", "field": "calculator", "key": "", "message": f"没有“{name}”这个计算器。", "visible": []}
    query = {str(k): "" if v is None else str(v) for k, v in (query or {}).items()}
    visible = visible_keys(name, query, params, today)
    try:
        request = request_from_query(name, query, params, today, visible)
    except InputError as exc:
        out = exc.to_dict()
        return {**out, "key": key_for_field(name, exc.field) or "date", "visible": visible}
    result = calculate(name, request, params)
    if "error" in result:
        return {**result, "key": key_for_field(name, result["field"]), "visible": visible, "request": request}
    steps = next_steps(name, request, result, params)
    clauses = dict(result["clauses"])
    clauses.update({ref: params.clauses[ref] for s in steps for ref in s["clauses"] if ref in params.clauses})
    clauses.update({p["clause"]: params.clauses[p["clause"]] for p in result["parameters"] if p.get("clause") in params.clauses})
    summary = _fmt_status(result)
    # A figure's "last known" warning is said once on the page: in the summary, when the summary says it.
    repeated = {result["stale_warnings"][f] for f in summary.pop("stale_said") if f in result["stale_warnings"]}
    warnings = [w for w in result["warnings"] if w not in repeated]
    return {
        **result,
        "warnings": warnings,
        "clauses": clauses,
        "parameters": shown_parameters(result["parameters"], params),
        "summary": summary,
        "next_steps": steps,
        "visible": visible,
        "request": request,
    }


def query_reference(name: str) -> list[dict[str, str]]:
    """Every query key of a form, for the page that teaches campaigns to write links."""
    out = []
    for f in FORMS[name].fields:
        key = f"{f.key}1、{f.key}2 …" if f.member else f.key
        values = "、".join(f"{k or '（空）'}＝{v}" for k, v in f.options) if f.options else {
            "money": "金额（元），如 1500 或 1500.50",
            "int": f"整数 {f.lo}–{f.hi}",
            "count": f"整数 {f.lo}–{f.hi}",
            "date": "日期，如 2025-07-01",
            "jurisdiction": "地区代码，见下表",
            "flag": "1＝是",
        }.get(f.kind, "")
        out.append({"key": key, "label": f.label, "values": values})
    return out


def run_query_json(name: str, query_json: str, params: ParameterSet, today_iso: str) -> str:
    """JSON in, JSON out: the browser worker's boundary."""
    import json

    try:
        query = json.loads(query_json)
        if not isinstance(query, dict):
            raise ValueError
    except ValueError:
        query = {}
    return json.dumps(run_query(name, query, params, dt.date.fromisoformat(today_iso)), ensure_ascii=False)
