# SPDX-License-Identifier: MIT
"""One entry point for every caller: tests, the CLI, the build, the browser.

``calculate(name, request, params)`` returns a plain dict: the result, or
``{"error": "input_error" | "missing_parameter", "field": …, "message": …}``
for input the user can fix.  It never raises for bad input.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .core.errors import CalculatorError, InputError
from .core.inputs import parse_date, what_if
from .core.params import ParameterSet
from .programmes import dibao, ledger, linshi, screener, standard_check, tekun, where_to_go

# The one registry: request name → the module with its rule (``calculate``) and its metadata
# (``PARAMETERS`` it may read, ``CLAUSES`` it cites directly, ``NEEDS`` for a full answer).
PROGRAMMES: dict[str, Any] = {  # name → module
    "dibao": dibao,
    "tekun": tekun,
    "linshi": linshi,
    "standard": standard_check,
    "screener": screener,
    "ledger": ledger,
}
CALCULATORS = {name: module.calculate for name, module in PROGRAMMES.items()}


def uses(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(parameters, directly cited clauses) a calculator's page may show: its metadata for backlinks."""
    module = PROGRAMMES[name]
    extra = where_to_go.PARAMETERS if name != "standard" else ()
    return tuple(dict.fromkeys(module.PARAMETERS + extra)), module.CLAUSES


def calculate(name: str, request: Any, params: ParameterSet) -> dict[str, Any]:
    try:
        if name not in CALCULATORS:
            raise InputError(f"没有“{name}”这个计算器。可选：{'、'.join(CALCULATORS)}。", "calculator")
        if not isinstance(request, dict):
            raise InputError("输入内容格式不对，应当是一组“项目: 值”。", "")
        on = parse_date(request.get("date"))
        overrides = what_if(request.get("overrides"), params.definitions)
        return CALCULATORS[name](request, params, on, overrides)
    except CalculatorError as exc:
        return exc.to_dict()


def calculate_json(name: str, request_json: str, params: ParameterSet) -> str:
    """JSON in, JSON out: the browser worker's boundary."""
    try:
        request = json.loads(request_json)
    except ValueError:
        return json.dumps(InputError("输入内容不是有效的 JSON。").to_dict(), ensure_ascii=False)
    return json.dumps(calculate(name, request, params), ensure_ascii=False)


def today() -> dt.date:  # pragma: no cover - only the CLI reads the clock
    return dt.date.today()
