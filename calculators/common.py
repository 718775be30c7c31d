# SPDX-License-Identifier: MIT
"""Shared pieces of every calculator: input parsing, money, the step trace.

Money is exact: amounts are ``Fraction``s built from strings, and only the
final figures are rounded to the fen (0.01 元), half up.  No document sets a
rounding rule, so the rounding is stated in every result as the site's own.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from typing import Any

from .errors import InputError
from .params import ParameterSet, Resolved

MAX_MONEY = Fraction(10_000_000)  # yuan; anything larger is a typo
RE_NUMBER = re.compile(r"^\d+(\.\d{1,2})?$")
ROUNDING_NOTE = "金额按“分”四舍五入。文件未规定取整方法，这是本站的处理方式。"
ESTIMATE_NOTE = "这是根据您填写的情况和公开政策做的估算，不是审批结果；能否享受、享受多少，以乡镇（街道）审核确认为准。"


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


def yuan(x: Fraction) -> str:
    """Exact amount → string rounded to the fen, half up ("1234.50")."""
    negative = x < 0
    fen = (abs(x) * 100 * 2 + 1) // 2  # half up
    s = f"{fen // 100}.{fen % 100:02d}"
    return "-" + s if negative and fen else s


def num(x: Fraction) -> str:
    """A ratio or multiple for display: "0.3", "1/6", "1.3"."""
    if x.denominator in (1, 2, 4, 5, 8, 10, 20, 25, 50, 100):
        text = f"{float(x):.4f}".rstrip("0").rstrip(".")
        return text
    return f"{x.numerator}/{x.denominator}"




def is_number(value: Any) -> bool:
    return not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, str) and bool(re.match(r"^\d+(\.\d+)?(/\d+)?$", value))))


def cn_date(iso: str | None) -> str:
    """"2021-11-01" → "2021年11月1日" (plain Chinese for residents)."""
    if not iso:
        return ""
    d = dt.date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def cn_month(iso: str | None) -> str:
    """"2021-11-01" → "2021年11月"."""
    if not iso:
        return ""
    d = dt.date.fromisoformat(iso)
    return f"{d.year}年{d.month}月"


class Basis:
    """A money parameter a calculation rests on: typed by the user, found in the data, or unknown."""

    def __init__(self, label: str, amount: Fraction | None, origin: str, resolved: Resolved | None = None) -> None:
        self.label = label
        self.amount = amount
        self.origin = origin  # user | data | none
        self.resolved = resolved

    @property
    def known(self) -> bool:
        return self.amount is not None

    @property
    def current(self) -> bool:
        return self.origin == "user" or (self.resolved is not None and self.resolved.current)

    def to_dict(self) -> dict[str, Any]:
        r = self.resolved
        return {
            "label": self.label,
            "value": yuan(self.amount) if self.amount is not None else None,
            "origin": self.origin,
            "current": self.current if self.known else None,
            "from": r.entry.get("from") if r else None,
            "stale_since": r.stale_since if r else None,
            "jurisdiction": r.jurisdiction if r else None,
        }

    def phrase(self) -> str:
        """How a resident is told which figure was used ("2021年11月起的城市低保标准 816.00 元")."""
        if self.amount is None:
            return f"本站没有查到{self.label}"
        if self.origin == "user":
            return f"您填写的{self.label} {yuan(self.amount)} 元"
        assert self.resolved is not None
        when = cn_month(self.resolved.entry.get("from"))
        if self.current:
            return f"{when}起执行的{self.label} {yuan(self.amount)} 元"
        return f"{when}起的{self.label} {yuan(self.amount)} 元（本站查到的最近一次公布的数）"


STALE_HINT = "现在的标准很可能已经提高"


class Trace:
    """Collects the steps, parameters and warnings of one calculation."""

    def __init__(self, params: ParameterSet, jurisdiction: str, on: dt.date, overrides: dict[str, Any]) -> None:
        self.params = params
        self.jurisdiction = jurisdiction
        self.on = on
        self.overrides = overrides
        self.steps: list[dict[str, Any]] = []
        self.used: dict[str, Resolved] = {}
        self.warnings: list[str] = []
        self.notes: list[str] = []
        self.bases: dict[str, Basis] = {}
        self.stale: dict[str, str] = {}  # field → the warning that its figure is only the last known one
        self.secondary: list[str] = []  # labels of numbers found only in reposts
        self.unverified: list[str] = []  # labels of numbers whose source has an open question

    def get(self, param: str, on: dt.date | None = None) -> Resolved | None:
        r = self.params.resolve(param, self.jurisdiction, on or self.on, self.overrides)
        if r is not None:
            self.used[param] = r
            if r.override:
                self.warn(f"“{r.label}”使用了工作人员假设的值 {r.value}，不是政策规定。")
            elif r.entry.get("status") in ("secondary", "unverified") and is_number(r.value):  # rules are not “numbers”
                group = self.secondary if r.entry["status"] == "secondary" else self.unverified
                if r.label not in group:
                    group.append(r.label)
        return r

    def basis(self, param: str, supplied: Any, field: str, label: str, on: dt.date | None = None) -> Basis:
        """A money parameter: the value the user typed, else the data's value (current or last known), else unknown."""
        if supplied not in (None, ""):
            amount = money(supplied, field, label)
            if amount <= 0:
                raise InputError(f"{label}要大于 0。", field)
            self.notes.append(f"{label}使用您填写的 {yuan(amount)} 元。")
            b = Basis(label, amount, "user")
        else:
            r = self.get(param, on)
            b = Basis(label, r.fraction, "data", r) if r is not None else Basis(label, None, "none")
        self.bases[field] = b
        return b

    def step(self, text: str, formula: str = "", params: tuple[str, ...] = (), clauses: tuple[str, ...] = ()) -> None:
        refs = list(clauses)
        sources = []
        for p in params:
            r = self.used.get(p)
            if r is None:
                continue
            if r.entry.get("clause") and r.entry["clause"] not in refs:
                refs.append(r.entry["clause"])
            if r.entry.get("source") and r.entry["source"] not in sources:
                sources.append(r.entry["source"])
        self.steps.append({"text": text, "formula": formula, "clauses": refs, "sources": sources})

    def warn_stale(self, field: str, text: str) -> None:
        """A warning that the figure behind ``field`` is only the last known one (the page may say it once, in the summary)."""
        self.stale[field] = text
        self.warn(text)

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    def source_warnings(self) -> list[str]:
        """One sentence per kind of doubtful source, naming the numbers (not one per number)."""
        out = []
        if self.secondary:
            out.append("、".join(f"“{x}”" for x in self.secondary)
                       + "是从新闻报道、转载等查到的，本站没有见到当地的原件，请以当地公布的为准。")
        if self.unverified:
            out.append("、".join(f"“{x}”" for x in self.unverified)
                       + "还没有核实（出处的日期或适用范围有疑问），请以当地公布的为准。")
        return out

    def result(self, calculator: str, **fields: Any) -> dict[str, Any]:
        clause_info = {
            ref: self.params.clauses[ref]
            for s in self.steps
            for ref in s["clauses"]
            if ref in self.params.clauses
        }
        return {
            "calculator": calculator,
            "jurisdiction": self.jurisdiction,
            "jurisdiction_name": self.params.name(self.jurisdiction),
            "date": self.on.isoformat(),
            **fields,
            "bases": {k: b.to_dict() for k, b in self.bases.items()},
            "stale_warnings": self.stale,
            "steps": self.steps,
            "notes": self.notes,
            "warnings": self.warnings + self.source_warnings() + [ESTIMATE_NOTE],
            "parameters": [r.to_dict() for r in self.used.values()],
            "clauses": clause_info,
            "rounding": ROUNDING_NOTE,
        }
