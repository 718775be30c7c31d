# SPDX-License-Identifier: MIT
"""我家能申请哪些救助: every programme the place's documents give, with a reason and the clause.

Two sources, one rule each:

* the programmes in the registry (低保, 特困, 临时救助, and any added later) answer for themselves: the
  screener asks each one's ``screen`` with the household, and the entry is that programme's own
  calculator result, said in its own words (the same stale-standard sentence as on its page);
* the programmes beyond the calculators are data (``policy_data/programmes/<place>.yaml``, compiled
  into the bundle's ``programmes``), with conditions over the household's answers.

A catalogue programme's ``who`` is a list of alternatives, each a set of conditions that must all hold:

* ``receives: [dibao, tekun, edge, none]`` — the household receives one of these now (``none``: none of
  them). A household receiving nothing whom the 低保 estimate puts among those who may qualify
  (``dibao``), or in the 低保边缘 band (``edge``), meets the condition only “possibly” — the estimate is
  not a decision (so at most ``possible``);
* ``member: {...}`` — one member has all of: ``school`` (stages), ``disability_grade`` (grades),
  ``disabled``, ``severe_disability`` (重度残疾人: 一、二级, 三级智力、精神 — ``severe_disability()``), ``serious_illness``,
  ``age_min``/``age_max``, ``able_to_work``, ``working``;
* ``spending: medical | education`` (or a list: any of them) — this year's spending of that kind is above zero;
* ``area: urban | rural``; ``housing: [rent, own, unsafe, none]``; ``emergency: [fire, accident, illness, disaster]``;
* ``zero_employment: true`` — 零就业家庭 (《就业促进法》第五十六条: “法定劳动年龄内的家庭人员均处于失业状况的
  城市居民家庭”): an urban household whose members able to work earn no wage. Whether they are registered
  unemployed, and whether other income is earned, is not asked: at most ``possible``;
* ``no_able_adult: true`` — nobody in the household is able to work (children, old, 重残重病 only).

Each condition is true, false or unknown (the question was not answered): all true → ``likely``;
one false → ``unlikely``; otherwise ``possible`` ("还要看…"). A programme whose clause does not say who
qualifies (``who_unstated``) is at most ``possible``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.dates import cn_date
from ..core.errors import InputError
from ..core.household import Tri, able_to_work, parse_household
from ..core.inputs import parse_date
from ..core.params import ParameterSet
from ..core.programme import Screening
from ..core.vocabulary import severe_disability
from ..programmes import benefits
from ..ui.forms import query_from_request
from .where_to_go import next_steps

STATUS_TEXT = {"likely": "很可能可以申请", "possible": "可能可以申请，还要看具体情况", "unlikely": "按填写的情况，可能不符合", "unknown": "本站判断不了"}
CONDITIONS = ("receives", "member", "spending", "area", "housing", "emergency", "zero_employment", "no_able_adult")
MEMBER_CONDITIONS = ("school", "disability_grade", "disabled", "severe_disability", "serious_illness", "age_min", "age_max",
                     "able_to_work", "working")
DISCLAIMER = "这是根据您填写的情况和公开政策做的初步判断，不是审批结果；能否享受、享受多少，以乡镇（街道）审核确认为准。"


def _all(values: list[Tri]) -> Tri:
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def _any(values: list[Tri]) -> Tri:
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


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
            checks.append(able_to_work(m) == bool(value))
        elif key == "working":
            checks.append((m["wage"] > 0) == bool(value))
        else:  # the compile rejects unknown keys (MEMBER_CONDITIONS); kept safe here
            checks.append(None)
    return _all(checks)


def _receives(value: list[str], h: dict[str, Any], standing: set[str]) -> Tri:
    """The household receives one of ``value`` now; an estimate (not a decision) counts only as “possibly”."""
    if h["receives"] is None:
        return None  # not answered: 还要看
    if h["receives"] != "none":
        return h["receives"] in value
    if "none" in value:
        return True
    estimated = ({"dibao"} if standing & {"dibao", "dibao?"} else set()) | ({"edge"} if "edge" in standing else set())
    return None if estimated & set(value) else False


def evaluate(cond: dict[str, Any], h: dict[str, Any], standing: set[str]) -> Tri:
    """One alternative of a programme's ``who``: every condition must hold."""
    checks: list[Tri] = []
    for key, value in cond.items():
        if key == "receives":
            checks.append(_receives(value, h, standing))
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
            able = [m for m in h["members"] if able_to_work(m) is True]
            if not able or any(m["wage"] > 0 for m in able) or h["area"] == "rural":
                checks.append(False)
            else:
                checks.append(None)  # urban (or not said) and nobody able earns: whether 失业 is registered is not asked
        elif key == "no_able_adult":
            checks.append(not any(able_to_work(m) is True for m in h["members"]))
        else:
            checks.append(None)
    return _all(checks)


def _catalogue(j: str, params: ParameterSet) -> list[dict[str, Any]]:
    """The place's chain, nearest level first; a programme id defined nearer replaces a farther one."""
    seen: dict[str, dict[str, Any]] = {}
    for level in params.chain(j):
        for p in params.programmes.get(level, []):
            seen.setdefault(p["id"], p)
    return list(seen.values())


def _from_catalogue(p: dict[str, Any], h: dict[str, Any], standing: set[str], on: dt.date, params: ParameterSet) -> dict[str, Any] | None:
    if p.get("until") and on > parse_date(p["until"]):
        return None
    if p.get("from") and on < parse_date(p["from"]):
        return None
    verdict = _any([evaluate(c, h, standing) for c in p["who"]])
    status = {True: "likely", None: "possible", False: "unlikely"}[verdict]
    why = [p["gives"]]
    if p.get("who_unstated"):
        why.append(p["who_unstated"])
        status = "possible" if status == "likely" else status
    doc = params.documents.get(str(p.get("clause") or "").split("#", 1)[0]) or {}
    if doc.get("valid_until") and on > parse_date(doc["valid_until"]):
        if doc.get("on_expiry") == "lapse":
            return None  # the document's period is over and its rules with it
        why.append(f"出自的文件期限到{cn_date(doc['valid_until'])}为止，之后是否继续执行本站没有查到，请向乡镇（街道）确认。")
        status = "possible" if status == "likely" else status
    if p.get("status") != "verified" and p.get("source"):
        why.append(f"依据：{p['source']['title']}（{p['source'].get('publisher', '')}），本站没有见到原件，请以当地公布的为准。")
    return {"id": p["id"], "title": p["title"], "status": status, "why": why, "amount": None,
            "clauses": [p["clause"]] if p.get("clause") else [], "sources": [p["source"]] if p.get("source") else [],
            "apply": p.get("apply", ""), "bring": p.get("bring", [])}


def calculate(request: dict[str, Any], params: ParameterSet, on: dt.date, overrides: dict[str, Any]) -> dict[str, Any]:
    j = str(request.get("jurisdiction") or "")
    if j not in params.jurisdictions:
        raise InputError("请选择所在的县（市、区）。", "jurisdiction")
    s = Screening(parse_household(request), j, on, params, overrides)
    out: list[dict[str, Any]] = []
    for programme in benefits():
        if programme.screen is not None:
            entry = programme.screen(s)
            if entry is not None:
                out.append(entry)
    for p in _catalogue(j, params):
        entry = _from_catalogue(p, s.household, s.standing, on, params)
        if entry is not None:
            out.append(entry)
    order = {"likely": 0, "possible": 1, "unknown": 2, "unlikely": 3}
    out.sort(key=lambda p: order[p["status"]])
    for p in out:
        p["status_text"] = STATUS_TEXT[p["status"]]
        # 详细估算: the calculator's own prefilled link, carrying every answer that calculator asks
        ran = p.pop("request", None)
        if p.get("calculator"):
            p["link"] = {"j": j, **(query_from_request(p["id"], ran) if ran else {})}
    # Where to go: the same next steps as the calculators (the place's 一门受理 window, 居住证, time limit,
    # 绿色通道, 12345 where its texts say so; otherwise the township and the 村（居）委会 — never an invented number).
    steps = next_steps("dibao", {"members": request.get("members") or []}, {"jurisdiction": j, "date": on.isoformat()}, params)
    clauses = {c: params.clauses[c] for p in out for c in p["clauses"] if c in params.clauses}
    clauses.update({c: params.clauses[c] for st in steps for c in st["clauses"] if c in params.clauses})
    return {"calculator": "screener", "jurisdiction": j, "jurisdiction_name": params.name(j), "date": on.isoformat(),
            "programmes": out, "next_steps": steps, "clauses": clauses, "steps": [], "warnings": [], "notes": [],
            "disclaimer": DISCLAIMER}
