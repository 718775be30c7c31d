# SPDX-License-Identifier: MIT
"""The step trace of one calculation: the values it rests on, its steps, warnings and clauses."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from .dates import cn_month
from .errors import InputError
from .inputs import money
from .money import ROUNDING_NOTE, is_number, yuan
from .params import ParameterSet, Resolved

ESTIMATE_NOTE = "这是根据您填写的情况和公开政策做的估算，不是审批结果；能否享受、享受多少，以乡镇（街道）审核确认为准。"


class Basis:
    """A money parameter a calculation rests on: typed by the user, found in the data, or unknown."""

    def __init__(self, label: str, amount: Fraction | None, origin: str, resolved: Resolved | None = None,
                 level: str = "") -> None:
        self.label = label
        self.amount = amount
        self.origin = origin  # user | data | none
        self.resolved = resolved
        self.level = level  # the name of the level that set the value, when it is not the place itself (“潍坊市”)

    @property
    def known(self) -> bool:
        return self.amount is not None

    @property
    def current(self) -> bool:
        return self.origin == "user" or (self.resolved is not None and self.resolved.current)

    @property
    def kind(self) -> str:
        """What the figure rests on: ``typed`` (by the user), ``assumed`` (a staff what-if),
        ``current``, ``last_known`` (data past its cycle) or ``none``."""
        if self.amount is None:
            return "none"
        if self.origin == "user":
            return "typed"
        assert self.resolved is not None
        if self.resolved.override:
            return "assumed"
        return "current" if self.resolved.current else "last_known"

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
            "kind": self.kind,
            "level": self.level,
        }

    def phrase(self) -> str:
        """How a resident is told which figure was used ("2021年11月起的城市低保标准 816.00 元")."""
        if self.amount is None:
            return f"本站没有查到{self.label}"
        if self.origin == "user":
            return f"您填写的{self.label} {yuan(self.amount)} 元"
        assert self.resolved is not None
        if self.resolved.override:
            return f"工作人员假设的{self.label} {yuan(self.amount)} 元"
        when = cn_month(self.resolved.entry.get("from"))
        if self.current:
            return f"{when}起执行的{self.level}{self.label} {yuan(self.amount)} 元"
        return f"{when}起的{self.level}{self.label} {yuan(self.amount)} 元（本站查到的最近一次公布的数）"

    def owner(self) -> str:
        """Whose standard it is, for a sentence “低于…低保标准”: 您填写的 / 工作人员假设的 / 潍坊市 / “” (the place's own)."""
        if self.origin == "user":
            return "您填写的"
        if self.resolved is not None and self.resolved.override:
            return "工作人员假设的"
        return self.level


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
            elif r.entry.get("status") in ("secondary", "unverified") and is_number(r.value) and r.unit not in ("working_days", "months", "years"):
                # (rules and time limits are not the figures the amount rests on; their status is in the values table)
                group = self.secondary if r.entry["status"] == "secondary" else self.unverified
                if r.label not in group:
                    group.append(r.label)
            if r.off:
                return None
        return r

    def basis(self, param: str, supplied: Any, field: str, label: str, on: dt.date | None = None) -> Basis:
        """A money parameter: the value the user typed, else the data's value (current or last known), else unknown."""
        if supplied not in (None, "") and param in self.overrides:  # a staff what-if value wins over a typed one
            self.notes.append(f"{label}按工作人员假设的值计算，没有使用填写的 {supplied} 元。")
            supplied = None
        if supplied not in (None, ""):
            amount = money(supplied, field, label)
            if amount <= 0:
                raise InputError(f"{label}要大于 0。", field)
            self.notes.append(f"{label}使用您填写的 {yuan(amount)} 元。")
            b = Basis(label, amount, "user")
        else:
            r = self.get(param, on)
            level = self.params.name(r.jurisdiction) if r is not None and not r.override and r.jurisdiction != self.jurisdiction else ""
            b = Basis(label, r.fraction, "data", r, level) if r is not None else Basis(label, None, "none")
        self.bases[field] = b
        return b

    def step(self, text: str, formula: str = "", cites: tuple[Resolved | Basis | None, ...] = (),
             clauses: tuple[str, ...] = ()) -> None:
        """One line of the arithmetic, citing the values it rests on (what ``get``/``basis`` returned).

        A value's clause or source is cited; ``None`` (a rule this place does not have) and a figure the
        user typed cite nothing.  Passing a parameter's *name* is an error: a name cannot say whether
        the value was found.
        """
        refs = list(clauses)
        sources = []
        for c in cites:
            if isinstance(c, str):
                raise TypeError(f"Trace.step cites values, not names: {c!r}")
            r = c.resolved if isinstance(c, Basis) else c
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
