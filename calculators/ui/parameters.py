# SPDX-License-Identifier: MIT
"""The values a result used, in words: display value, verification status, freshness."""

from __future__ import annotations

from typing import Any

from ..core.params import ParameterSet
from ..core.words import state_label

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
