# SPDX-License-Identifier: MIT
"""参数体检 (data health): for staff who keep the site true.

Per place: every value it uses with its age, verification status and whether it is
past its adjustment cycle (or replaced, or its document's period is over); documents
past their period; and the parameters a calculator needs that the place lacks, with
what residents get instead.  Pure functions over the compiled bundle: the build
writes ``parameters/health.md`` from ``health_markdown``; ``python
build/compile_policy.py --report`` prints ``health_text``.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from calculators.core.params import ParameterSet, Resolved
from calculators.programmes import benefits
from calculators.ui.forms import PLACE_LEVEL, jurisdiction_options
from calculators.ui.parameters import state_label

STATUS = {"verified": "已核实", "secondary": "二手来源", "unverified": "未核实"}


def needs() -> dict[str, tuple[tuple[str, str], ...]]:
    """What each programme needs for a full answer (its ``Programme.needs``), by the programme's name."""
    return {p.title: p.needs for p in benefits() if p.needs}


def build_date() -> dt.date:
    """The one build date: ``JZ_BUILD_DATE`` (YYYY-MM-DD), else ``SOURCE_DATE_EPOCH``, else today."""
    text = os.environ.get("JZ_BUILD_DATE")
    if text:
        return dt.date.fromisoformat(text)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)


def places(params: ParameterSet) -> list[tuple[str, str]]:
    """Every place a resident can pick (``jurisdiction_options``: counties with their own values or
    documents, 其他地区 last), then every other place staff keep a file for: counties not offered yet
    (a new county with no value and no document, so its gaps show here) and the staff examples
    (places whose documents have lapsed). Provinces, cities and national appear through their counties."""
    offered = jurisdiction_options(params)
    shown = {j for j, _ in offered}
    extra = [(j, d["name"]) for j, d in sorted(params.jurisdictions.items())
             if j not in shown and d.get("level") != "national" and (d.get("level") == PLACE_LEVEL or d.get("documents"))]
    return offered + extra


def value_rows(params: ParameterSet, j: str, on: dt.date) -> list[dict[str, Any]]:
    """Every parameter with a value for ``j`` on ``on``: value, level, age, status, state."""
    rows = []
    for p, d in params.definitions.items():
        r = params.resolve(p, j, on)
        if r is None:
            continue
        start = dt.date.fromisoformat(r.entry["from"])
        rows.append({
            "param": p, "label": d["label"], "value": r.value, "level": params.name(r.jurisdiction),
            "from": r.entry["from"], "age_months": months_between(start, on), "status": STATUS.get(str(r.entry.get("status")), "—"),
            "current": r.current, "why": state_label(r.to_dict()) if not r.current else "",
            "cycle": d.get("cycle_months"),
        })
    return rows


def missing_rows(params: ParameterSet, j: str, on: dt.date) -> list[dict[str, str]]:
    out = []
    for calc, needed in needs().items():
        for p, consequence in needed:
            day = dt.date(on.year - 1, 12, 31) if p == "min_wage.monthly" else on
            r: Resolved | None = params.resolve(p, j, day)
            if r is None:
                out.append({"calculator": calc, "param": p, "label": params.definitions[p]["label"], "consequence": consequence})
    return out


def expired_documents(params: ParameterSet, on: dt.date) -> list[dict[str, Any]]:
    out = []
    for doc, info in sorted(params.documents.items()):
        until = info.get("valid_until")
        if until and dt.date.fromisoformat(until) < on:
            effect = "其规定不再适用（用上一级的）" if info.get("on_expiry") == "lapse" else "其规定只作为“最近一次查到的”显示"
            out.append({"doc": doc, "title": info["title"], "until": until, "effect": effect})
    return out


def summary(params: ParameterSet, on: dt.date) -> dict[str, Any]:
    return {
        "date": on.isoformat(),
        "places": {j: {"name": n, "values": value_rows(params, j, on), "missing": missing_rows(params, j, on)} for j, n in places(params)},
        "expired_documents": expired_documents(params, on),
    }


def _value(v: Any) -> str:
    return ("是" if v else "否") if isinstance(v, bool) else str(v)


def health_markdown(params: ParameterSet, on: dt.date) -> str:
    s = summary(params, on)
    stale_total = sum(1 for p in s["places"].values() for r in p["values"] if not r["current"])
    out = [
        "---",
        "title: 参数体检（工作人员用）",
        "description: 各地参数的年龄、核实状态、是否超过调整周期，过期文件，以及计算器缺少的参数。",
        "search:",
        "  exclude: true",
        "---",
        "",
        "# 参数体检（工作人员用）",
        "",
        f"生成日期：{on.isoformat()}。本页给维护网站的人看：哪些数值已经过了调整周期（只能当作“最近一次查到的”），"
        "哪些是二手或未核实的来源，哪些文件已过期，哪些计算器缺少当地参数。同样的内容可以用 "
        "`python build/compile_policy.py --report` 在命令行查看。",
        "",
        f"共有 **{stale_total}** 个数值不是现行值（过了调整周期、已知被调整或文件期限已过）。",
        "",
        "## 已过期的文件 {#expired}",
        "",
    ]
    if s["expired_documents"]:
        out += [f"- [{d['title']}](../policies/{d['doc']}.md)：期限到 {d['until']}，{d['effect']}。" for d in s["expired_documents"]]
    else:
        out.append("- 没有。")
    out.append("")
    for j, place in s["places"].items():
        out += [f"## {place['name']} {{#{j}}}", ""]
        if place["missing"]:
            out += ["缺少的参数：", ""]
            out += [f"- {m['calculator']}：{m['label']}——{m['consequence']}。" for m in place["missing"]]
            out.append("")
        out += ["| 参数 | 值 | 层级 | 起始 | 已有（月） | 来源状态 | 现行？ |", "| --- | --- | --- | --- | ---: | --- | --- |"]
        for r in place["values"]:
            now = "是" if r["current"] else f"否：{r['why']}"
            out.append(f"| [{r['label']}]({j}.md#{r['param'].replace('.', '-').replace('_', '-')}) | {_value(r['value'])} | {r['level']} | "
                       f"{r['from']} | {r['age_months']} | {r['status']} | {now} |")
        out.append("")
    return "\n".join(out)


def health_text(params: ParameterSet, on: dt.date) -> str:
    s = summary(params, on)
    lines = [f"参数体检 / data health — {on.isoformat()}"]
    for d in s["expired_documents"]:
        lines.append(f"  过期文件 {d['doc']}（{d['title']}）：期限到 {d['until']}，{d['effect']}")
    for j, place in s["places"].items():
        lines.append(f"\n[{j}] {place['name']}")
        for m in place["missing"]:
            lines.append(f"  缺少 {m['param']}（{m['calculator']}）：{m['consequence']}")
        for r in place["values"]:
            flag = "现行" if r["current"] else "非现行"
            lines.append(f"  {flag:4} {r['param']:42} {_value(r['value']):>14}  {r['level']} {r['from']} "
                         f"（{r['age_months']} 个月，{r['status']}）" + (f" — {r['why']}" if r["why"] else ""))
    return "\n".join(lines)
