# SPDX-License-Identifier: MIT
"""我家能申请哪些救助: every programme the place's documents give, with a reason and the clause.

The programmes beyond the calculators are data (``policy_data/programmes/<place>.yaml``, compiled into
the bundle's ``programmes``); 低保, 特困 and 临时救助 are answered by their calculators, so the same
rules (and the same no-dead-end answers when a standard is unknown) hold here.

A programme's ``who`` is a list of alternatives, each a set of conditions that must all hold:

* ``receives: [dibao, tekun, edge, none]`` — the household receives one of these now (``none``: none of
  them); a household receiving nothing whom the 低保 estimate says may qualify is "possible" for ``dibao``;
* ``member: {...}`` — one member has all of: ``school`` (stages), ``disability_grade`` (grades),
  ``disabled``, ``severe_disability`` (重度残疾人: 一、二级, 三级智力、精神 — ``severe_disability()``), ``serious_illness``, ``age_min``/``age_max``, ``able_to_work``, ``working``;
* ``spending: medical | education`` (or a list: any of them) — this year's spending of that kind is above zero;
* ``area: urban | rural``; ``housing: [rent, own, unsafe, none]``; ``emergency: [fire, accident, illness, disaster]``;
* ``zero_employment: true`` — no member works although one of working age is able to.

Each condition is true, false or unknown (the question was not answered): all true → ``likely``;
one false → ``unlikely``; otherwise ``possible`` ("还要看…"). A programme whose clause does not say who
qualifies (``who_unstated``) is at most ``possible``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.dates import cn_date
from ..core.errors import InputError
from ..core.inputs import answer, choice, integer, money, parse_date
from ..core.money import yuan
from ..core.params import ParameterSet
from ..core.vocabulary import AREAS, DISABILITY_TYPES, EMERGENCY, HOUSING, RECEIVES, SCHOOL_STAGES, WORKING_AGE, severe_disability
from . import dibao, linshi, tekun
from .where_to_go import next_steps

# Read through the calculators it runs (backlinks); the catalogue's own clauses come from the data.
PARAMETERS = tuple(dict.fromkeys(dibao.PARAMETERS + tekun.PARAMETERS + linshi.PARAMETERS))
CLAUSES: tuple[str, ...] = ()
STATUS_TEXT = {"likely": "很可能可以申请", "possible": "可能可以申请，还要看具体情况", "unlikely": "按填写的情况，可能不符合", "unknown": "本站判断不了"}

Tri = bool | None


def _all(values: list[Tri]) -> Tri:
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def _any(values: list[Tri]) -> Tri:
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def parse_household(request: dict[str, Any]) -> dict[str, Any]:
    members = request.get("members")
    if not isinstance(members, list) or not members:
        raise InputError("请至少填写一位家庭成员。", "members")
    if len(members) > 20:
        raise InputError("家庭成员最多填 20 位。", "members")
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
    h["other_income"] = money(request.get("other_income"), "other_income", "全家其他每月收入（元）", required=False)
    for key, label in (("medical_spending", "今年自己负担的医疗费用"), ("education_spending", "今年自己负担的教育费用")):
        h[key] = money(request[key], key, label, required=False) if request.get(key) not in (None, "") else None
    return h


def _member_matches(m: dict[str, Any], want: dict[str, Any]) -> Tri:
    checks: list[Tri] = []
    for key, value in want.items():
        if key == "school":
            checks.append(m["school"] in value)
        elif key == "disability_grade":
            checks.append(m["disability_grade"] in value)
        elif key == "severe_disability":
            checks.append(severe_disability(m["disability_grade"], m["disability_type"]) == bool(value))
        elif key == "disabled":
            checks.append((m["disability_grade"] > 0) == bool(value))
        elif key == "serious_illness":
            checks.append(None if m["serious_illness"] is None else m["serious_illness"] == bool(value))
        elif key == "age_min":
            checks.append(m["age"] >= value)
        elif key == "age_max":
            checks.append(m["age"] <= value)
        elif key == "able_to_work":
            able = (WORKING_AGE[0] <= m["age"] <= WORKING_AGE[1] and not severe_disability(m["disability_grade"], m["disability_type"])
                    and m["labour"] != "none" and not m["school"] and m["serious_illness"] is not True)
            checks.append(able == bool(value))
        elif key == "working":
            checks.append((m["wage"] > 0) == bool(value))
        else:  # the compile rejects unknown keys; kept safe here
            checks.append(None)
    return _all(checks)


def evaluate(cond: dict[str, Any], h: dict[str, Any], dibao_may: Tri) -> Tri:
    """One alternative of a programme's ``who``: every condition must hold."""
    checks: list[Tri] = []
    for key, value in cond.items():
        if key == "receives":
            if h["receives"] is None:
                checks.append(None)  # not answered: 还要看
            elif h["receives"] == "none":
                # Not receiving now; if the 低保 estimate says the family may qualify, it could once approved.
                checks.append(True if "none" in value else None if "dibao" in value and dibao_may is True else False)
            else:
                checks.append(h["receives"] in value)
        elif key == "member":
            checks.append(_any([_member_matches(m, value) for m in h["members"]]))
        elif key == "spending":
            kinds = [value] if isinstance(value, str) else value
            spent = [h.get(f"{k}_spending") for k in kinds]
            checks.append(_any([None if x is None else x > 0 for x in spent]))
        elif key == "area":
            checks.append(None if h["area"] is None else h["area"] == value)
        elif key == "housing":
            checks.append(None if h["housing"] is None else h["housing"] in value)
        elif key == "emergency":
            checks.append(None if h["emergency"] is None else h["emergency"] in value)
        elif key == "zero_employment":
            able = [m for m in h["members"] if _member_matches(m, {"able_to_work": True}) is True]
            checks.append(bool(able) and all(m["wage"] == 0 for m in able))
        else:
            checks.append(None)
    return _all(checks)


def _calc(name: str, request: dict[str, Any], params: ParameterSet) -> dict[str, Any]:
    from ..api import calculate

    return calculate(name, request, params)


def _from_dibao(h: dict[str, Any], j: str, on: dt.date, params: ParameterSet) -> tuple[dict[str, Any], Tri]:
    req = {"jurisdiction": j, "area": h["area"] or "rural", "date": on.isoformat(),
           "members": [{"age": m["age"], "wage": yuan(m["wage"]), "disability_grade": m["disability_grade"],
                        "disability_type": m["disability_type"],
                        **({"serious_illness": m["serious_illness"]} if m["serious_illness"] is not None else {})} for m in h["members"]]}
    if h["other_income"]:
        req["income"] = {"other": yuan(h["other_income"])}
    r = _calc("dibao", req, params)
    why: list[str] = []
    if "error" in r:
        status, may = "unknown", None
        why.append(r.get("message", ""))
    else:
        s = r["status"]
        if s in ("eligible", "phase_out"):
            status, may = "likely", True
            amount = r.get("monthly_amount")
            why.append(f"按您填写的收入估算，家庭人均收入低于当地低保标准，每月约 {amount} 元。" if amount else "按您填写的收入估算，可以申请低保。")
        elif s == "income_line":
            status, may = "possible", None
            line = r.get("income_line")
            why.append("本站没有查到当地现在的低保标准；您家没有计入的收入，不论当地标准是多少都在标准以下，可以申请。"
                       if line in ("0", "0.00") else f"本站没有查到当地现在的低保标准：当地标准高于 {line} 元（您家的收入线），就可以申请。")
        elif s == "edge":
            status, may = "unlikely", False
            why.append("家庭人均收入略高于低保标准，属于低保边缘家庭：低保可能申请不到，但可以申请医疗、教育等专项救助。")
        else:
            status, may = "unlikely", False
            why.append("按您填写的收入，家庭人均收入高于当地低保标准。")
        why += list((r.get("stale_warnings") or {}).values())[:1]  # "按2021年的标准…现在的标准很可能更高"
    if h["receives"] == "dibao":
        status, may = "likely", True
        why.insert(0, "您家现在享受低保。")
    if h["area"] is None:
        why.append("没有填城市还是农村，先按农村标准估算。")
    clauses = sorted({c for st in r.get("steps", []) for c in st.get("clauses", [])}) if "error" not in r else []
    return ({"id": "dibao", "title": "最低生活保障（低保）", "status": status, "why": why, "amount": r.get("monthly_amount"),
             "clauses": clauses, "apply": "向户籍所在地乡镇（街道）提出申请，可以请村（居）委会帮忙。", "bring": [],
             "calculator": "calculators/dibao/"}, may)


def _from_linshi(h: dict[str, Any], j: str, on: dt.date, params: ParameterSet) -> dict[str, Any] | None:
    kind = None
    if h["emergency"] in ("fire", "accident", "illness", "disaster"):
        kind = "emergency"
    elif (h.get("medical_spending") or 0) > 0 and any(m["serious_illness"] for m in h["members"]):
        kind = "illness"
    elif (h.get("education_spending") or 0) > 0:
        kind = "education"
    if kind is None:
        return {"id": "linshi", "title": "临时救助", "status": "possible" if h["emergency"] is None else "unlikely",
                "why": ["遇到突发事件、意外事故、重病或教育费用负担过重，基本生活暂时有困难的，可以申请临时救助。"
                        + ("您没有填写最近是否遇到急难。" if h["emergency"] is None else "按您填写的情况，目前没有这类急难。")],
                "amount": None, "clauses": [], "apply": "向乡镇（街道）申请；情况紧急的可以直接求助。", "bring": [], "calculator": "calculators/linshi/"}
    r = _calc("linshi", {"jurisdiction": j, "kind": kind, "date": on.isoformat()}, params)
    if "error" in r:
        return None
    why = [t for t in ((r.get("summary") or {}).get("sentence"),) if t] or [s["text"] for s in r["steps"][:2]]
    amount = None if r.get("min_amount") is None else f"{r['min_amount']}—{r['max_amount']}"
    return {"id": "linshi", "title": "临时救助", "status": "likely" if kind == "emergency" else "possible", "why": why,
            "amount": amount, "clauses": sorted({c for st in r["steps"] for c in st["clauses"]}),
            "apply": "向乡镇（街道）申请；情况紧急的可以直接求助。", "bring": [], "calculator": "calculators/linshi/"}


def _from_tekun(h: dict[str, Any], j: str, on: dt.date, params: ParameterSet) -> dict[str, Any]:
    """特困供养 is for one person without working ability, income or an able supporter: the calculator
    answers for a household of one; with others in the household who can work, they are the supporters."""
    entry: dict[str, Any] = {"id": "tekun", "title": "特困人员救助供养", "amount": None, "clauses": [], "bring": [],
             "apply": "向户籍所在地乡镇（街道）提出申请，可以请村（居）委会帮忙。", "calculator": "calculators/tekun/"}
    if h["receives"] == "tekun":
        return {**entry, "status": "likely", "why": ["您现在享受特困供养。"]}
    members = h["members"]
    if len(members) > 1:
        able = [m for m in members if _member_matches(m, {"able_to_work": True}) is True]
        if able:
            return {**entry, "status": "unlikely",
                    "why": ["特困供养要求没有能履行义务的赡养、抚养、扶养人；家里有能劳动的成员，一般由他们尽义务。"]}
        return {**entry, "status": "possible",
                "why": ["家里的人都是老人、未成年人或重残重病，没有能劳动的成员：要看有没有别的能尽赡养、抚养义务的亲属，请用特困供养估算或向乡镇（街道）咨询。"]}
    m = members[0]
    req = {"jurisdiction": j, "area": h["area"] or "rural", "date": on.isoformat(), "age": m["age"],
           "disability_grade": m["disability_grade"], "disability_type": m["disability_type"], "monthly_income": yuan(m["wage"] + h["other_income"])}
    if m["school"]:
        req["school"] = m["school"]
    r = _calc("tekun", req, params)
    if "error" in r:
        return {**entry, "status": "unknown", "why": [r.get("message", "")]}
    status = {"eligible": "likely", "possible": "possible"}.get(r["status"], "unlikely")
    why = [("还要看：" + "、".join(r["open_points"]) + "。") if r.get("open_points") else ""]
    why += [f"不符合的地方：{'、'.join(r['reasons_not'])}。"] if r.get("reasons_not") else []
    if r.get("monthly_amount") and status != "unlikely":
        why.append(f"当地特困供养标准每月不低于 {r['monthly_amount']} 元。")
    return {**entry, "status": status, "why": [w for w in why if w],
            "amount": r.get("monthly_amount") if status != "unlikely" else None,
            "clauses": sorted({c for st in r["steps"] for c in st["clauses"]})}


def _catalogue(j: str, params: ParameterSet) -> list[dict[str, Any]]:
    """The place's chain, nearest level first; a programme id defined nearer replaces a farther one."""
    seen: dict[str, dict[str, Any]] = {}
    for level in params.chain(j):
        for p in params.programmes.get(level, []):
            seen.setdefault(p["id"], p)
    return list(seen.values())


def calculate(request: dict[str, Any], params: ParameterSet, on: dt.date, overrides: dict[str, Any]) -> dict[str, Any]:
    j = str(request.get("jurisdiction") or "")
    if j not in params.jurisdictions:
        raise InputError("请选择所在的县（市、区）。", "jurisdiction")
    h = parse_household(request)
    out: list[dict[str, Any]] = []
    dibao_entry, may = _from_dibao(h, j, on, params)
    out.append(dibao_entry)
    out.append(_from_tekun(h, j, on, params))
    linshi_entry = _from_linshi(h, j, on, params)
    if linshi_entry:
        out.append(linshi_entry)
    for p in _catalogue(j, params):
        if p.get("until") and on > parse_date(p["until"]):
            continue
        if p.get("from") and on < parse_date(p["from"]):
            continue
        verdict = _any([evaluate(c, h, may) for c in p["who"]])
        status = {True: "likely", None: "possible", False: "unlikely"}[verdict]
        why = [p["gives"]]
        if p.get("who_unstated"):
            why.append(p["who_unstated"])
            status = "possible" if status == "likely" else status
        doc = params.documents.get(str(p.get("clause") or "").split("#", 1)[0]) or {}
        if doc.get("valid_until") and on > parse_date(doc["valid_until"]):
            if doc.get("on_expiry") == "lapse":
                continue  # the document's period is over and its rules with it
            why.append(f"出自的文件期限到{cn_date(doc['valid_until'])}为止，之后是否继续执行本站没有查到，请向乡镇（街道）确认。")
            status = "possible" if status == "likely" else status
        if p.get("status") != "verified" and p.get("source"):
            why.append(f"依据：{p['source']['title']}（{p['source'].get('publisher', '')}），本站没有见到原件，请以当地公布的为准。")
        out.append({"id": p["id"], "title": p["title"], "status": status, "why": why, "amount": None,
                    "clauses": [p["clause"]] if p.get("clause") else [], "sources": [p["source"]] if p.get("source") else [],
                    "apply": p.get("apply", ""), "bring": p.get("bring", [])})
    order = {"likely": 0, "possible": 1, "unknown": 2, "unlikely": 3}
    out.sort(key=lambda p: order[p["status"]])
    for p in out:
        p["status_text"] = STATUS_TEXT[p["status"]]
    # Where to go: the same next steps as the calculators (the place's 一门受理 window, 居住证, time limit,
    # 绿色通道, 12345 where its texts say so; otherwise the township and the 村（居）委会 — never an invented number).

    steps = next_steps("dibao", {"members": request.get("members") or []}, {"jurisdiction": j, "date": on.isoformat()}, params)
    clauses = {c: params.clauses[c] for p in out for c in p["clauses"] if c in params.clauses}
    clauses.update({c: params.clauses[c] for st in steps for c in st["clauses"] if c in params.clauses})
    return {"calculator": "screener", "jurisdiction": j, "jurisdiction_name": params.name(j), "date": on.isoformat(),
            "programmes": out, "next_steps": steps, "clauses": clauses, "steps": [], "warnings": [], "notes": [],
            "disclaimer": "这是根据您填写的情况和公开政策做的初步判断，不是审批结果；能否享受、享受多少，以乡镇（街道）审核确认为准。"}

