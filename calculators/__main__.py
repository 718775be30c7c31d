# SPDX-License-Identifier: MIT
"""Command line: python -m calculators <dibao|tekun|linshi|standard> --input case.json

Reads the parameter bundle compiled by ``python build/compile_policy.py``
(default ``.cache/params.json``, or ``--params`` / ``$JIUZHU_PARAMS``).
Exit status 2, with the message, on bad input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from .api import CALCULATORS, calculate
from .core.params import ParameterSet


def render_screener(result: dict) -> str:
    """One line per programme: status, title, why, clauses, where to apply."""
    lines = [f"【{result['jurisdiction_name']} · 我家能申请哪些救助 · {result['date']}】"]
    for p in result["programmes"]:
        amount = f"（约 {p['amount']} 元）" if p.get("amount") else ""
        cites = "；".join(result["clauses"].get(c, {}).get("cite", c) for c in p["clauses"])
        lines.append(f"- {p['title']}：{p['status_text']}{amount}")
        for w in p["why"]:
            lines.append(f"    {w}")
        if cites:
            lines.append(f"    依据：{cites}")
        if p.get("apply"):
            lines.append(f"    怎么申请：{p['apply']}")
    lines.append("下一步怎么办：")
    for st in result.get("next_steps", []):
        cites = "；".join(result["clauses"].get(c, {}).get("cite", c) for c in st["clauses"])
        lines.append(f"  · {st['text']}" + (f"〔依据：{cites}〕" if cites else ""))
    lines.append(result["disclaimer"])
    return "\n".join(lines)


def render(result: dict) -> str:
    if result.get("calculator") == "screener":
        return render_screener(result)
    lines = [f"【{result['jurisdiction_name']} · {result['calculator']} · {result['date']}】"]
    amount_label = "每月不低于" if result.get("amount_is_minimum") else "每月金额"  # 特困: the text sets a floor (“不低于”)
    for key, label in (("monthly_amount", amount_label), ("income_line", "收入线（当地标准高于此数可申请）"),
                       ("min_amount", "最少"), ("max_amount", "最多"), ("status", "结论")):
        if result.get(key) is not None:
            lines.append(f"{label}：{result[key]}")
    lines.append("计算过程：")
    for i, s in enumerate(result["steps"], 1):
        cites = "；".join(result["clauses"].get(c, {}).get("cite", c) for c in s["clauses"])
        lines.append(f"  {i}. {s['text']}" + (f"〔依据：{cites}〕" if cites else ""))
    for w in result["notes"] + result["warnings"]:
        lines.append(f"※ {w}")
    lines.append(result["rounding"])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m calculators", description="社会救助估算（命令行）")
    ap.add_argument("calculator", choices=sorted(CALCULATORS))
    ap.add_argument("--input", required=True, help="JSON 文件（- 表示标准输入）")
    ap.add_argument("--date", help="按哪一天的政策计算，默认今天（YYYY-MM-DD）")
    ap.add_argument("--set", action="append", default=[], metavar="PARAM=VALUE", help="假设某个参数的值（工作人员测算用）")
    ap.add_argument("--params", default=os.environ.get("JIUZHU_PARAMS", ".cache/params.json"))
    ap.add_argument("--json", action="store_true", help="输出 JSON")
    args = ap.parse_args(argv)
    params_path = Path(args.params)
    if not params_path.exists():
        print(f"找不到参数文件 {params_path}；请先运行 python build/compile_policy.py", file=sys.stderr)
        return 2
    params = ParameterSet(json.loads(params_path.read_text(encoding="utf-8")))
    try:
        text = sys.stdin.read() if args.input == "-" else Path(args.input).read_text(encoding="utf-8")
        request = json.loads(text)
    except (OSError, ValueError) as exc:
        print(f"无法读取输入：{exc}", file=sys.stderr)
        return 2
    if isinstance(request, dict):
        request.setdefault("date", args.date or dt.date.today().isoformat())
        if args.date:
            request["date"] = args.date
        for item in args.set:
            key, _, value = item.partition("=")
            request.setdefault("overrides", {})[key] = value
    result = calculate(args.calculator, request, params)
    if "error" in result:
        print(result["message"] + (f"（{result['field']}）" if result["field"] else ""), file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
