# SPDX-License-Identifier: MIT
"""Parsing what a user typed: money, whole numbers, yes/no, choices, dates.

Every parser raises ``InputError`` naming the request field, with a Chinese message a
resident can act on; nothing here knows about any programme.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from typing import Any

from .errors import InputError

MAX_MONEY = Fraction(10_000_000)  # yuan; anything larger is a typo
RE_NUMBER = re.compile(r"^\d+(\.\d{1,2})?$")


def money(value: Any, field: str, label: str, required: bool = True) -> Fraction:
    """Parse a yuan amount typed by a user: 0 ≤ x ≤ 10,000,000, at most 2 decimals."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        if required:
            raise InputError(f"请填写{label}（元）。没有就填 0。", field)
        return Fraction(0)
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise InputError(f"{label}要填数字，例如 1500 或 1500.50。", field)
    text = str(value).strip().replace(",", "").replace("，", "")
    if text.startswith("-"):
        raise InputError(f"{label}不能是负数。", field)
    if not RE_NUMBER.match(text):
        raise InputError(f"{label}要填数字，最多两位小数，例如 1500 或 1500.50。", field)
    amount = Fraction(text)
    if amount > MAX_MONEY:
        raise InputError(f"{label}填得太大了（超过1000万元），请检查是否多填了零。", field)
    return amount


def integer(value: Any, field: str, label: str, lo: int, hi: int) -> int:
    if value is None or (isinstance(value, str) and value.strip() == ""):
        raise InputError(f"请填写{label}。", field)
    if isinstance(value, bool):
        raise InputError(f"{label}要填整数。", field)
    try:
        n = int(str(value).strip())
    except ValueError:
        raise InputError(f"{label}要填整数，例如 {lo if lo > 0 else 1}。", field) from None
    if n < lo or n > hi:
        raise InputError(f"{label}要在 {lo} 到 {hi} 之间。", field)
    return n


def flag(value: Any, field: str, label: str) -> bool:
    if value in (None, ""):
        return False
    if isinstance(value, bool):
        return value
    if value in ("true", "1", 1, "是"):
        return True
    if value in ("false", "0", 0, "否"):
        return False
    raise InputError(f"{label}请选“是”或“否”。", field)


def answer(value: Any, field: str, label: str) -> bool | None:
    """A yes/no question that may be left unanswered (``None``): the result then says what it depends on."""
    if value in (None, ""):
        return None
    return flag(value, field, label)


def choice(value: Any, field: str, label: str, options: dict[str, str]) -> str:
    if not isinstance(value, str) or value not in options:  # (a list or dict is not even hashable)
        shown = "、".join(options.values())
        raise InputError(f"请选择{label}：{shown}。", field)
    return str(value)


def parse_date(value: Any, field: str = "date") -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise InputError("日期要写成 2024-07-01 这样的格式。", field) from None


RE_DECIMAL = re.compile(r"^\d+(\.\d+)?$")
RE_RATIO = re.compile(r"^\d+(\.\d+)?(/\d+)?$")


def _fraction(text: str) -> Fraction | None:
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):  # “1/0”
        return None


def what_if(raw: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    """Staff-supplied values (``{"dibao.standard.rural": "700"}``) checked against each parameter's unit.

    Every value used this way is labelled “工作人员假设的值” in the result (``Trace.get``)."""
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict):
        raise InputError("假设值的格式不对，应当是“参数: 值”。", "overrides")
    out: dict[str, Any] = {}
    for key, value in raw.items():
        d = definitions.get(key)
        field = f"overrides.{key}"
        if d is None:
            raise InputError(f"假设值里有不认识的参数名“{key}”。", field)
        text = str(value).strip().replace(",", "").replace("，", "") if not isinstance(value, bool) else value
        label, unit = d.get("label", key), d.get("unit")
        if unit in ("CNY/person/month", "CNY/month"):
            if not (isinstance(text, str) and RE_NUMBER.match(text)) or Fraction(text) <= 0 or Fraction(text) > MAX_MONEY:
                raise InputError(f"“{label}”要填大于 0 的金额，最多两位小数，例如 700 或 712.50。", field)
            out[key] = text
        elif unit == "ratio":
            x = _fraction(text) if isinstance(text, str) and RE_RATIO.match(text) else None
            if x is None or not 0 < x <= 100:
                raise InputError(f"“{label}”要填一个正数，例如 0.3、1.5 或 1/6。", field)
            out[key] = text
        elif unit in ("months", "years", "working_days"):
            if not (isinstance(text, str) and re.match(r"^\d{1,4}$", text)) and not (isinstance(value, int) and not isinstance(value, bool)):
                raise InputError(f"“{label}”要填整数。", field)
            out[key] = int(text)
        elif unit == "bool":
            out[key] = flag(value, field, label)
        elif unit == "choice":
            out[key] = choice(value, field, label, {k: str(v) for k, v in (d.get("choices") or {}).items()})
        else:
            raise InputError(f"“{label}”不能假设。", field)
    return out
