# SPDX-License-Identifier: MIT
"""How a generated page cites: a clause as a link to its anchor, a source by title, a doubt mark.

Shared by the parameter pages, 明白卡, place pages and per-place rules, so a clause reads the same
everywhere (``[《文件》二、（一）8](…)``) and a value that rests on a secondary source is marked alike.
"""

from __future__ import annotations

import re
from typing import Any

from calculators.core.params import ParameterSet

STATUS_MARK = {"verified": "已核实", "secondary": "二手来源 ⚠", "unverified": "未核实 ⚠"}


def md_url(site_url: str) -> str:
    """``policies/x/#a`` (a site URL) → ``policies/x.md#a`` (a Markdown link MkDocs validates)."""
    path, _, anchor = site_url.partition("#")
    return path.rstrip("/") + ".md" + (f"#{anchor}" if anchor else "")


def clause_link(ref: str, params: ParameterSet, up: str, short: bool = False) -> str:
    """``[《文件》二、（一）8](…)``; ``short``: only ``二、（一）8`` (the document is named nearby)."""
    c = params.clauses.get(ref)
    if c is None:
        return ref
    text = (re.sub(r"^《[^》]*》(（[^）]*）)?", "", c["cite"]) or c["cite"]) if short else c["cite"]
    return f"[{text}]({up}{md_url(c['url'])})"


def source_text(src: dict[str, Any]) -> str:
    """``[title](url)（publisher）``: a paper notice or a phone call record has no url, and may have
    a date instead of a publisher."""
    title = f"[{src['title']}]({src['url']})" if src.get("url") else str(src["title"])
    about = src.get("publisher") or src.get("date")
    return title + (f"（{about}）" if about else "")
