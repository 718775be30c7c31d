# SPDX-License-Identifier: MIT
"""The calculator forms: fields, query-string keys, which questions a place needs.

Each programme declares its form (``Programme.form``, made of ``calculators.core.form`` fields);
``FORMS`` collects them from the registry. One description serves three callers:

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
from typing import Any

from ..core.errors import InputError
from ..core.form import Field, Form
from ..core.inputs import parse_date
from ..core.params import ParameterSet
from ..core.vocabulary import MAX_MEMBERS as _MAX_MEMBERS
from ..core.words import GENERIC_PLACE
from ..programmes import registry

__all__ = ["FORMS", "Field", "Form", "jurisdiction_options", "request_from_query", "query_from_request", "visible_keys", "key_for_field",
           "query_reference"]

FORMS: dict[str, Form] = {name: p.form for name, p in registry().items() if p.form is not None}
MAX_MEMBERS = _MAX_MEMBERS
RE_MEMBER_KEY = re.compile(r"^([a-z_]+?)(\d{1,2})$")


PLACE_LEVEL = "county"  # every county-level division (县、县级市、市辖区、旗): the level a resident lives at
OTHER_PLACE = GENERIC_PLACE  # 其他地区: national rules only, the local standard typed in


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
        return text.isascii() and text.isdigit() and cond[2] <= int(text) <= cond[3]
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
    if not (text.isascii() and text.isdigit()):  # (“²” is a digit to str.isdigit, not to int())
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


def _link_value(f: Field, value: Any) -> str:
    """A request value as its form answer: ``True`` → ``1``; ``False`` → ``0`` where the question offers it
    (有 / 没有), else nothing; ``"0.00"`` → ``0``."""
    if isinstance(value, bool):
        if value:
            return "1"
        return "0" if any(k == "0" for k, _ in f.options) else ""
    text = str(value)
    if f.kind == "money" and text.endswith(".00"):
        text = text[:-3]
    return text


def query_from_request(name: str, request: dict[str, Any]) -> dict[str, str]:
    """The prefilled link (``key → text``, as 复制链接 writes it) that opens calculator ``name`` with this request's
    answers — the inverse of ``request_from_query`` for the form's questions (never the date or staff what-ifs).
    The screener's 详细估算 carries its answers this way, in the calculator's own keys."""
    out: dict[str, str] = {}
    given = request.get("members")
    members: list[Any] = given if isinstance(given, list) else []
    for f in FORMS[name].fields:
        if f.key == "date" or f.group == "staff" or "{" in f.target:
            continue
        if f.kind == "count" and f.target == "members":
            if members and str(len(members)) != f.default:
                out[f.key] = str(len(members))
            continue
        if f.member:
            leaf = f.target.split(".", 1)[1]
            for i, m in enumerate(members):
                text = _link_value(f, m.get(leaf)) if isinstance(m, dict) and m.get(leaf) not in (None, "") else ""
                if text and text != f.default:
                    out[f"{f.key}{i + 1}"] = text
            continue
        head, _, leaf = f.target.partition(".")
        value = (request.get(head) or {}).get(leaf) if leaf else request.get(head)
        text = _link_value(f, value) if value not in (None, "") else ""
        if text and text != f.default:
            out[f.key] = text
    return out


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

