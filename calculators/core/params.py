# SPDX-License-Identifier: MIT
"""Dated parameters resolved county → city → province → national, with time.

The bundle is the JSON compiled from ``policy_data/`` by the build.  A value
holds from its ``from`` date until the next entry.  Time is an input, and a
value can be in force without being *current*:

* a parameter with an adjustment cycle (``cycle_months`` in its definition:
  低保标准 yearly, 最低工资 at least every two years) is current only within
  one cycle of its start; after that it is the **last known** value;
* an entry ``value: null`` says "replaced on this date by a value we have not
  found": the previous value of that level stays the last known one;
* an entry ``lapsed: true`` says "this level's rule no longer applies": the
  next level up answers;
* an entry's ``until`` is the last day its own text gives it (“十四五”时期 → 2025-12-31);
  afterwards it is last known;
* a value resting on a clause of a document with ``valid_until`` is, after that
  date, last known (``on_expiry: last_known``) or lapsed (``on_expiry: lapse``,
  e.g. a time-limited campaign plan);
* a definition with ``floor: higher`` (or ``lower``) lets a higher level's value
  that took effect later and is more favourable outrank a local one (a later
  national floor beats an earlier, narrower local rule); ``floor: later`` does the
  same for a yes/no rule a higher level stated later (its words are the ones said).

Nothing here holds a number or a place: all of it comes from the bundle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .errors import InputError


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (clamped to the month's end)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - unreachable


@dataclass(frozen=True)
class Resolved:
    """One parameter value as used in a calculation, with where it came from and how fresh it is."""

    param: str
    value: Any
    jurisdiction: str
    entry: dict[str, Any]
    label: str
    unit: str
    override: bool = False
    # "current": in force and within its cycle; "last_known": the most recent value found, but
    # past its cycle, replaced by a value not found, or its document's period is over.
    state: str = "current"
    stale_since: str | None = None
    stale_reason: str | None = None  # cycle | superseded | period | document
    outranks: str | None = None  # the lower level whose less favourable value this one beat

    @property
    def fraction(self) -> Fraction:
        return Fraction(str(self.value))

    @property
    def current(self) -> bool:
        return self.state == "current"

    @property
    def off(self) -> bool:
        """A yes/no rule set to false (e.g. a what-if “false”): callers treat it as no rule."""
        return self.unit == "bool" and self.value is False

    def to_dict(self) -> dict[str, Any]:
        e = self.entry
        return {
            "id": self.param,
            "label": self.label,
            "unit": self.unit,
            "value": self.value,
            "jurisdiction": self.jurisdiction,
            "from": e.get("from"),
            "clause": e.get("clause"),
            "source": e.get("source"),
            "status": "override" if self.override else e.get("status"),
            "checked": e.get("checked"),
            "note": e.get("note"),
            "state": self.state,
            "stale_since": self.stale_since,
            "stale_reason": self.stale_reason,
            "outranks": self.outranks,
        }


class ParameterSet:
    def __init__(self, bundle: dict[str, Any]) -> None:
        self.definitions: dict[str, Any] = bundle["parameters"]
        self.jurisdictions: dict[str, Any] = bundle["jurisdictions"]
        self.clauses: dict[str, Any] = bundle.get("clauses", {})
        self.documents: dict[str, Any] = bundle.get("documents", {})
        self.programmes: dict[str, list[dict[str, Any]]] = bundle.get("programmes", {})  # place → catalogue (screener)
        # (param, place, day, what-if) → answer: the bundle never changes after loading, and a 台账 of 2,000
        # rows asks the same few questions 2,000 times.
        self._resolved: dict[tuple[Any, ...], Resolved | None] = {}

    def chain(self, jurisdiction: str) -> list[str]:
        if jurisdiction not in self.jurisdictions:
            if not jurisdiction:
                raise InputError("请先选择您家在哪个县（市、区）。", "jurisdiction")
            raise InputError("本站还没有这个地区的政策。请从列表里选择，或者选“其他地区”。", "jurisdiction")
        out = []
        j: str | None = jurisdiction
        while j is not None:
            out.append(j)
            j = self.jurisdictions[j]["parent"]
        return out

    def name(self, jurisdiction: str) -> str:
        return str(self.jurisdictions[jurisdiction]["name"])

    # ------------------------------------------------------------------ resolution

    def _document_end(self, entry: dict[str, Any]) -> tuple[dt.date, str] | None:
        """(last day, on_expiry) of the document the entry's clause belongs to, if it has a period."""
        clause = entry.get("clause")
        if not clause:
            return None
        doc = self.documents.get(clause.split("#", 1)[0]) or {}
        until = doc.get("valid_until")
        if not until:
            return None
        return dt.date.fromisoformat(until), str(doc.get("on_expiry") or "last_known")

    def _at_level(self, param: str, j: str, on: dt.date) -> Resolved | None | str:
        """This level's answer: a Resolved, ``None`` (known to be unknown), or "pass" (ask the parent)."""
        definition = self.definitions[param]
        entries = [e for e in self.jurisdictions[j]["parameters"].get(param, []) if dt.date.fromisoformat(e["from"]) <= on]
        if not entries:
            return "pass"
        last = entries[-1]
        if last.get("lapsed"):
            return "pass"
        state, since, reason = "current", None, None
        entry = last
        if last["value"] is None:
            # Replaced by a value not found: the previous value of this level is the last known one.
            earlier = [e for e in entries[:-1] if e["value"] is not None and not e.get("lapsed")]
            if not earlier:
                return None
            entry = earlier[-1]
            state, since, reason = "last_known", last["from"], "superseded"
        until = entry.get("until")
        if until and state == "current" and on > dt.date.fromisoformat(until):
            # The text itself limits the value (e.g. “十四五”时期): afterwards it is only the last known rule.
            state, since, reason = "last_known", (dt.date.fromisoformat(until) + dt.timedelta(days=1)).isoformat(), "period"
        ends = self._document_end(entry)
        if ends is not None and on > ends[0]:
            if ends[1] == "lapse":
                return "pass"
            if state == "current":
                state, since, reason = "last_known", (ends[0] + dt.timedelta(days=1)).isoformat(), "document"
        cycle = definition.get("cycle_months")
        known_later = any(dt.date.fromisoformat(e["from"]) > on for e in self.jurisdictions[j]["parameters"].get(param, []))
        if cycle and state == "current" and not known_later:
            # (When the data already records this level's next change, the value held until then.)
            expires = add_months(dt.date.fromisoformat(entry["from"]), int(cycle))
            if on >= expires:
                state, since, reason = "last_known", expires.isoformat(), "cycle"
        return Resolved(param, entry["value"], j, entry, definition["label"], definition["unit"],
                        state=state, stale_since=since, stale_reason=reason)

    def resolve(self, param: str, jurisdiction: str, on: dt.date, overrides: dict[str, Any] | None = None) -> Resolved | None:
        """The value for ``on``, looked up from the county upwards (see the module docstring); memoised."""
        key = (param, jurisdiction, on, tuple(sorted((overrides or {}).items())))
        if key not in self._resolved:
            self._resolved[key] = self._resolve(param, jurisdiction, on, overrides)
        return self._resolved[key]

    def _resolve(self, param: str, jurisdiction: str, on: dt.date, overrides: dict[str, Any] | None = None) -> Resolved | None:
        """The value for ``on``, looked up from the county upwards (see the module docstring).

        A level whose own entries cover the date answers; an explicit ``null`` with no
        earlier value answers "unknown" (we never borrow a higher level's number then,
        since the county set its own).  ``None`` means no value is known at all.
        """
        definition = self.definitions[param]
        if overrides and param in overrides:
            entry = {"from": on.isoformat(), "note": "工作人员假设值（what-if），不是政策规定"}
            return Resolved(param, overrides[param], "override", entry, definition["label"], definition["unit"], True)
        chain = self.chain(jurisdiction)
        found: Resolved | None = None
        rest: list[str] = []
        for i, j in enumerate(chain):
            answer = self._at_level(param, j, on)
            if answer == "pass":
                continue
            found = answer if isinstance(answer, Resolved) else None
            rest = chain[i + 1:]
            if answer is None:
                return None
            break
        if found is None:
            return None
        direction = definition.get("floor")
        if direction in ("higher", "lower"):
            for j in rest:
                up = self._at_level(param, j, on)
                if not isinstance(up, Resolved) or isinstance(up.value, bool):
                    continue
                later = up.entry["from"] > found.entry["from"]
                better = Fraction(str(up.value)) > found.fraction if direction == "higher" else Fraction(str(up.value)) < found.fraction
                if later and better:
                    found = Resolved(up.param, up.value, up.jurisdiction, up.entry, up.label, up.unit, state=up.state,
                                     stale_since=up.stale_since, stale_reason=up.stale_reason, outranks=found.jurisdiction)
        if direction == "later":
            # a yes/no rule stated again, later, by a higher level (“全面推行” after a county's “探索”): the later
            # statement is the one said
            for j in rest:
                up = self._at_level(param, j, on)
                if isinstance(up, Resolved) and up.value is True and up.entry["from"] > found.entry["from"]:
                    found = Resolved(up.param, up.value, up.jurisdiction, up.entry, up.label, up.unit, state=up.state,
                                     stale_since=up.stale_since, stale_reason=up.stale_reason, outranks=found.jurisdiction)
        return found
