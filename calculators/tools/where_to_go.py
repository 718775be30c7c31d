# SPDX-License-Identifier: MIT
"""Where to go and what to do now, after a result: each step with the clause or source that says so.

Contacts are parameters like any other (``service.*`` for what a text says a place provides,
``contact.*`` for a published telephone number), so each carries its source, date and status.
No number is ever written here: where the data has none, the resident is told whom to ask
(the 村（居）委会, who may also apply on the family's behalf).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.params import ParameterSet
from ..core.vocabulary import severe_disability
from ..programmes import registry

# Parameters read by ``next_steps`` itself (a programme's own steps read its own parameters).
PARAMETERS = ("service.one_window", "service.green_channel", "service.hotline_12345", "service.residence_permit",
              "contact.county_hotline")
DOUBT = {"secondary": "（这个号码是从转载中查到的，请以当地公布的为准）", "unverified": "（这个号码还没有核实，请以当地公布的为准）"}


def next_steps(name: str, request: dict[str, Any], result: dict[str, Any], params: ParameterSet) -> list[dict[str, Any]]:
    """What to do now, each with the clause that says so where there is one."""
    j = result["jurisdiction"]
    on = dt.date.fromisoformat(result["date"])
    steps: list[dict[str, Any]] = []

    def clause_of(param: str) -> list[str]:
        r = params.resolve(param, j, on)
        return [r.entry["clause"]] if r is not None and r.entry.get("clause") else []

    programme = registry().get(name)
    if programme is None or programme.staff:
        return steps
    window = clause_of("service.one_window")
    steps.append({
        "text": programme.apply + "；不知道找谁、自己去不方便的，先问村（居）委会，可以请他们帮忙代为提出。"
        + ("当地乡镇（街道）设有社会救助“一门受理、协同办理”窗口。" if window else ""),
        "clauses": window,
    })
    own = programme.next_steps(params, j, on) if programme.next_steps is not None else []
    steps += [st for st in own if not st.get("after_permit")]
    permit = clause_of("service.residence_permit")
    if permit:
        steps.append({"text": "户口不在这里、但持有当地居住证的，可以问问能否在居住地申请。", "clauses": permit})
    steps += [{k: v for k, v in st.items() if k != "after_permit"} for st in own if st.get("after_permit")]
    people = request.get("members") or [request]

    def elderly_or_disabled(p: dict[str, Any]) -> bool:
        age, grade = str(p.get("age", "")).strip(), str(p.get("disability_grade") or "0").strip()
        return ((age.isascii() and age.isdigit() and int(age) >= 60)
                or (grade.isascii() and grade.isdigit() and severe_disability(grade, p.get("disability_type"))))

    green = clause_of("service.green_channel")
    if green and any(elderly_or_disabled(p) for p in people if isinstance(p, dict)):
        steps.append({"text": "家里有60周岁以上老人或重度残疾人的，当地为办理社会救助开通了绿色通道，可以向工作人员说明。", "clauses": green})
    phone = params.resolve("contact.county_hotline", j, on)
    if phone is not None:
        steps.append({"text": f"县级民政部门社会救助服务电话：{phone.value}" + DOUBT.get(str(phone.entry.get("status")), "") + "。",
                      "clauses": clause_of("contact.county_hotline"),
                      "sources": [phone.entry["source"]] if phone.entry.get("source") else []})
    hotline = clause_of("service.hotline_12345")
    if hotline:
        steps.append({"text": "有困难找不到人办，可以拨打“12345”政务服务热线求助。", "clauses": hotline})
    steps.append({"text": "带上身份证、户口簿、收入情况等材料；需要什么材料，以乡镇（街道）告知的为准。", "clauses": []})
    return steps
