# SPDX-License-Identifier: MIT
"""What a question on a calculator page is: its key, where the answer goes, its words and when it is asked.

A programme declares its form with these (``Programme.form``); ``calculators.ui.forms`` turns the
flat answers of a page (the URL query of a prefilled link) into the programme's request, and the
build renders the HTML from the same description.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

YES = (("1", "是"), ("", "否"))


@dataclass(frozen=True)
class Field:
    """One question.

    ``target`` is where the answer goes in the calculator request: ``"area"``,
    ``"income.farming"``, or ``"members[].age"`` for a per-member question
    (its query key gets the member number appended: ``age1``, ``age2`` …).
    ``when`` is a tuple of conditions, all of which must hold for the field to
    be asked: ``("has", param)``, ``("has_any", param, …)``, ``("missing", param)``,
    ``("missing_prior_year", param)`` (value on 31 Dec of the previous year),
    ``("not_current", param)`` (unknown, or only a last-known value: the field is optional),
    ``("not_current_prior_year", param)``, ``("is", param, value)``, ``("in", key, values)``,
    ``("age_between", key, lo, hi)``.  ``{area}`` in a parameter id is replaced by the
    answer to ``area``, ``{kind}`` by the answer to ``kind``.
    """

    key: str
    target: str
    label: str
    kind: str  # jurisdiction | choice | money | ratio | int | flag | date | count
    help: str = ""
    options: tuple[tuple[str, str], ...] = ()
    default: str = ""
    when: tuple[tuple[Any, ...], ...] = ()
    group: str = "basic"
    lo: int = 0
    hi: int = 0

    @property
    def member(self) -> bool:
        return self.target.startswith("members[]")


@dataclass(frozen=True)
class Form:
    name: str
    title: str
    fields: tuple[Field, ...]
    groups: tuple[tuple[str, str], ...]


JURISDICTION = Field("j", "jurisdiction", "您家在哪个县（市、区）", "jurisdiction",
                     "选“其他地区（按全国规定）”时按全国性规定估算；知道当地标准的，可以在下面填上。")
DATE = Field("date", "date", "按哪一天的政策计算", "date",
             "默认今天。工作人员核对以往的决定时可以改。", group="staff")
