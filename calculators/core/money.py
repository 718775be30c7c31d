# SPDX-License-Identifier: MIT
"""Exact money and ratios for display.

Money is exact: amounts are ``Fraction``s built from strings, and only the
final figures are rounded to the fen (0.01 元), half up.  No document sets a
rounding rule, so the rounding is stated in every result as the site's own.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

ROUNDING_NOTE = "金额按“分”四舍五入。文件未规定取整方法，这是本站的处理方式。"


def yuan(x: Fraction) -> str:
    """Exact amount → string rounded to the fen, half up ("1234.50")."""
    n, d = x.numerator, x.denominator
    negative = n < 0
    fen = (abs(n) * 200 + d) // (2 * d)  # half up: ⌊|x| × 100 + ½⌋, in integers (no Fraction arithmetic)
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
