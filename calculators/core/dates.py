# SPDX-License-Identifier: MIT
"""Dates in plain Chinese for residents."""

from __future__ import annotations

import datetime as dt


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
