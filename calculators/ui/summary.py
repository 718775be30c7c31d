# SPDX-License-Identifier: MIT
"""The one-sentence answer a resident reads first: headline, big figure, a few plain lines.

Each programme words its own answer (``Programme.summarize``); this adds what every answer says
the same way: the date of the policy used, and that a staff what-if is not the policy.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..programmes import registry


def summarize(result: dict[str, Any]) -> dict[str, Any]:
    """The one-sentence answer, the big figure and a few plain lines, for a resident."""
    programme = registry()[result["calculator"]]
    assert programme.summarize is not None, programme.name
    out = programme.summarize(result)
    on = dt.date.fromisoformat(result["date"])
    lines = list(out["lines"])
    assumed = [p["label"] for p in result.get("parameters", []) if p.get("status") == "override"]
    if assumed:  # a what-if result is never read as the policy's answer
        lines.insert(0, "这是测算：使用了工作人员假设的值（" + "、".join(assumed) + "），不是政策规定。")
    return {**out, "lines": lines, "when": f"按 {on.year}年{on.month}月{on.day}日 的政策估算。"}
