# SPDX-License-Identifier: MIT
"""Shared ways of saying things to residents: shares and multiples as the texts write them, the place.

Every programme, the screener and the 台账 check word these the same way.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from .dates import cn_month
from .money import num
from .params import ParameterSet, Resolved

# The one jurisdiction that is not a place: “其他地区（按全国规定）” — only national rules apply.
GENERIC_PLACE = "other"


def share(value: Any) -> str:
    """A proportion as the texts write it: "0.30" → “30%”; "1/10" stays “1/10” (written as a fraction)."""
    text = str(value)
    if "/" in text:
        return text
    x = Fraction(text)
    if x < 1:
        pct = x * 100
        return f"{num(pct)}%"
    return f"{num(x)} 倍"


def times(value: Any) -> str:
    """A multiple: "1.3" → “1.3 倍”, "1.5" → “1.5 倍”."""
    return f"{num(Fraction(str(value)))} 倍"


def place(params: ParameterSet, j: str) -> str:
    """The place in a sentence: its name, or “当地” for the generic place (never “其他地区的标准”)."""
    return "当地" if j == GENERIC_PLACE else params.name(j)


def state_label(p: dict[str, Any]) -> str:
    """"" for a current value; otherwise why it is only the last known one, in plain words (``Resolved.to_dict()``)."""
    if p.get("state") != "last_known" or not p.get("stale_since"):
        return ""
    d = dt.date.fromisoformat(p["stale_since"])
    since = f"{d.year}年{d.month}月"
    end = d - dt.timedelta(days=1)
    until = f"{end.year}年{end.month}月{end.day}日"
    return {
        "cycle": f"这是本站查到的最近一次公布的数；按规定每隔一段时间调整，{since}起很可能已经调整",
        "superseded": f"这是本站查到的最近一次公布的数；{since}起已经调整，新的数本站还没有查到",
        "period": f"文件写明的期限到{until}为止，之后是否继续执行本站没有查到",
        "document": f"出自的文件期限到{until}为止，之后是否继续执行本站没有查到",
    }.get(str(p.get("stale_reason")), "这是本站查到的最近一次公布的数")


def quoted(text: str) -> str:
    """A clause's words inside our “…”: its own “…” become ‘…’ (so quotes never nest the same way)."""
    return "“" + str(text).replace("“", "‘").replace("”", "’") + "”"


LAST_KNOWN = "本站查到的最近一次"
MAY_BE_HIGHER = "现在的标准很可能更高"


def since_words(r: Resolved, params: ParameterSet, place_id: str) -> str:
    """When a standard applies, as every card, table and 台账 reason says it: “2021年11月起执行” when current;
    “潍坊市公布的，2021年11月起，本站查到的最近一次；现在的标准很可能更高” when only last known (never 现行)."""
    level = "" if r.jurisdiction == place_id else f"{params.name(r.jurisdiction)}公布的，"
    start = cn_month(r.entry.get("from"))
    if r.current:
        return f"{level}{start}起执行"
    return f"{level}{start}起，{LAST_KNOWN}；{MAY_BE_HIGHER}"
