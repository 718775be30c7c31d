# SPDX-License-Identifier: MIT
"""One entry point for every caller: tests, the CLI, the build, the browser.

``calculate(name, request, params)`` returns a plain dict: the result, or
``{"error": "input_error" | "missing_parameter", "field": …, "message": …}``
for input the user can fix.  It never raises for bad input.

The names are the registry's programmes (``calculators.programmes.registry()``: 低保, 特困, 临时救助,
the staff standard check, any programme added later) and two tools that ask them: ``screener``
(我家能申请哪些救助) and ``ledger`` (台账核查).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .core.errors import InputError
from .core.params import ParameterSet
from .core.programme import Calculate, run
from .programmes import registry
from .tools import ledger, screener, where_to_go

TOOLS: dict[str, Calculate] = {"screener": screener.calculate, "ledger": ledger.calculate}


def calculators() -> dict[str, Calculate]:
    """Every name ``calculate`` answers to: the programmes, then the tools."""
    return {**{name: p.calculate for name, p in registry().items()}, **TOOLS}


def uses(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(parameters, directly cited clauses) a calculator's page may show: its metadata for backlinks."""
    p = registry()[name]
    extra = () if p.staff else where_to_go.PARAMETERS
    return tuple(dict.fromkeys(p.parameters + extra)), p.clauses


def calculate(name: str, request: Any, params: ParameterSet) -> dict[str, Any]:
    found = calculators()
    if name not in found:
        return InputError(f"没有“{name}”这个计算器。可选：{'、'.join(found)}。", "calculator").to_dict()
    return run(found[name], request, params)


def calculate_json(name: str, request_json: str, params: ParameterSet) -> str:
    """JSON in, JSON out: the browser worker's boundary."""
    try:
        request = json.loads(request_json)
    except ValueError:
        return json.dumps(InputError("输入内容不是有效的 JSON。").to_dict(), ensure_ascii=False)
    return json.dumps(calculate(name, request, params), ensure_ascii=False)


def today() -> dt.date:  # pragma: no cover - only the CLI reads the clock
    return dt.date.today()
