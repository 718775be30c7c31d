# SPDX-License-Identifier: MIT
"""What a programme declares about itself, once: the registry's entry.

A programme (低保, 特困供养, 临时救助, …) is one module in ``calculators/programmes/`` that defines
``PROGRAMME = Programme(...)``: its rule (``calculate``), the parameters it reads, its form, how a
result is said in one sentence, its entry in the screener, its 明白卡 section, what a place must have
for a full answer (参数体检), where to apply and which time limit applies.  The CLI, the screener,
the 台账 check's wording, the calculator pages, the cards and the data-health report all iterate over
``calculators.programmes.registry()``; nothing else lists programmes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import CalculatorError, InputError
from .form import Form
from .inputs import parse_date, what_if
from .params import ParameterSet, Resolved

Request = dict[str, Any]
Result = dict[str, Any]
Calculate = Callable[[Request, ParameterSet, dt.date, dict[str, Any]], Result]


@dataclass
class Screening:
    """What the screener knows while it asks each programme about one household.

    ``household`` is the screener's parsed answers (members with age, wage, school, disability …;
    ``area``, ``receives``, ``other_income``, ``emergency`` … — ``None`` where not answered);
    ``standing`` collects what earlier programmes estimated (``"dibao"``: the 低保 estimate says the
    family may qualify; ``"edge"``: it is a 低保边缘 family), which catalogue conditions then use.
    """

    household: dict[str, Any]
    jurisdiction: str
    on: dt.date
    params: ParameterSet
    overrides: dict[str, Any] = field(default_factory=dict)
    standing: set[str] = field(default_factory=set)
    results: dict[str, Result] = field(default_factory=dict)  # programme name → its calculator result


@dataclass(frozen=True)
class CardLine:
    """One line of a 明白卡: the words, and the values whose clause or source the card cites after it."""

    text: str
    cites: tuple[Resolved | None, ...] = ()


@dataclass(frozen=True)
class CardSection:
    heading: str
    lines: tuple[CardLine, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Programme:
    """One programme, declared once (see the module docstring)."""

    name: str  # request name and page address: calculators/<name>/
    title: str  # short name residents use: “低保”
    full_title: str  # the programme's name in a list: “最低生活保障（低保）”
    calculate: Calculate
    parameters: tuple[str, ...]  # every parameter the rule may read (backlinks; a test checks it)
    clauses: tuple[str, ...] = ()  # clauses cited directly, not through a parameter
    needs: tuple[tuple[str, str], ...] = ()  # (parameter, what residents get without it): 参数体检
    form: Form | None = None  # the calculator page's questions
    summarize: Callable[[Result], dict[str, Any]] | None = None  # the one-sentence answer
    screen: Callable[[Screening], dict[str, Any] | None] | None = None  # its entry in 我家能申请哪些救助
    card: Callable[[ParameterSet, str, dt.date], list[CardSection]] | None = None  # its 明白卡
    topic: str | None = None  # the documents' topic (front matter ``topics``) this programme belongs to
    apply: str = "向户籍所在地的乡镇人民政府（街道办事处）提出申请"  # where to apply (next steps)
    next_steps: Callable[[ParameterSet, str, dt.date], list[dict[str, Any]]] | None = None  # its own extra steps
    staff: bool = False  # a staff tool: not in the screener, cards or resident pages
    order: int = 100  # position in lists

    @property
    def page(self) -> str:
        """The calculator page (site-relative), when the programme has a form."""
        return f"calculators/{self.name}/" if self.form is not None else ""


def run(calculate: Calculate, request: Any, params: ParameterSet, on: dt.date | None = None,
        overrides: dict[str, Any] | None = None) -> Result:
    """Run a rule on a request: the result, or ``{"error", "field", "message"}`` for input the user can fix.

    ``on`` and ``overrides`` are read from the request (``date``, ``overrides``) unless given already parsed.
    """
    try:
        if not isinstance(request, dict):
            raise InputError("输入内容格式不对，应当是一组“项目: 值”。", "")
        day = on if on is not None else parse_date(request.get("date"))
        what = overrides if overrides is not None else what_if(request.get("overrides"), params.definitions)
        return calculate(request, params, day, what)
    except CalculatorError as exc:
        return exc.to_dict()


def time_limit_steps(say: Callable[[Any], None], params: ParameterSet, j: str, on: dt.date) -> list[dict[str, Any]]:
    """A programme's time-limit sentence (what ``say(trace)`` adds to a result) as a next step."""
    from .trace import Trace

    t = Trace(params, j, on, {})
    say(t)
    return [{"text": "提交申请后，" + st["text"].removeprefix("申请后，"), "clauses": st["clauses"], "sources": st["sources"],
             "after_permit": True} for st in t.steps]
