# SPDX-License-Identifier: MIT
"""Dated parameters resolved county → city → province → national.

The bundle is the JSON compiled from ``policy_data/`` by the build.  A value
holds from its ``from`` date until the next entry; an entry whose value is
``null`` ends it (the value after that date is not known).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .errors import InputError


@dataclass(frozen=True)
class Resolved:
    """One parameter value as used in a calculation, with where it came from."""

    param: str
    value: Any
    jurisdiction: str
    entry: dict[str, Any]
    label: str
    unit: str
    override: bool = False

    @property
    def fraction(self) -> Fraction:
        return Fraction(str(self.value))

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
        }


class ParameterSet:
    def __init__(self, bundle: dict[str, Any]) -> None:
        self.definitions: dict[str, Any] = bundle["parameters"]
        self.jurisdictions: dict[str, Any] = bundle["jurisdictions"]
        self.clauses: dict[str, Any] = bundle.get("clauses", {})

    def chain(self, jurisdiction: str) -> list[str]:
        if jurisdiction not in self.jurisdictions:
            known = "、".join(f"{j}（{d['name']}）" for j, d in sorted(self.jurisdictions.items()) if d["level"] == "county")
            raise InputError(f"没有“{jurisdiction}”这个地区的数据。可选地区：{known}，或选“其他地区”自己填写标准。", "jurisdiction")
        out = []
        j: str | None = jurisdiction
        while j is not None:
            out.append(j)
            j = self.jurisdictions[j]["parent"]
        return out

    def name(self, jurisdiction: str) -> str:
        return str(self.jurisdictions[jurisdiction]["name"])

    def resolve(self, param: str, jurisdiction: str, on: dt.date, overrides: dict[str, Any] | None = None) -> Resolved | None:
        """The value in force on ``on``, looked up from the county upwards.

        A jurisdiction whose own entries cover the date answers (an explicit
        ``null`` answers "unknown": we never fall back to a higher level's
        value then, since the county set its own); otherwise its parent is asked.
        """
        definition = self.definitions[param]
        if overrides and param in overrides:
            entry = {"from": on.isoformat(), "note": "工作人员假设值（what-if），不是政策规定"}
            return Resolved(param, overrides[param], "override", entry, definition["label"], definition["unit"], True)
        for j in self.chain(jurisdiction):
            entries = self.jurisdictions[j]["parameters"].get(param, [])
            current = None
            for e in entries:
                if dt.date.fromisoformat(e["from"]) <= on:
                    current = e
            if current is not None:
                if current["value"] is None:
                    return None
                return Resolved(param, current["value"], j, current, definition["label"], definition["unit"])
        return None

    def gap_note(self, param: str, jurisdiction: str, on: dt.date) -> str:
        """Why a value is missing (the note of the closing ``null``), if any."""
        for j in self.chain(jurisdiction):
            current = None
            for e in self.jurisdictions[j]["parameters"].get(param, []):
                if dt.date.fromisoformat(e["from"]) <= on:
                    current = e
            if current is not None:
                return str(current.get("note") or "")
        return ""
