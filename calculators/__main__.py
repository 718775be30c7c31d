# SPDX-License-Identifier: MIT
"""Command line: python -m calculators <dibao|tekun|linshi|standard|screener> --input case.json

``python -m calculators ledger --input 台账.xlsx [--place J] [--set P=V]… [--output checked.xlsx]`` checks a 台账.

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

from .api import calculate, calculators
from .core.errors import InputError
from .core.params import ParameterSet
from .programmes import registry


def render_screener(result: dict) -> str:
    """One line per programme: status, title, why, clauses, where to apply."""
    lines = [f"【{result['jurisdiction_name']} · 我家能申请哪些救助 · {result['date']}】"]
    for p in result["programmes"]:
        amount = f"（{p['amount']}）" if p.get("amount") else ""
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


def render_ledger(result: dict) -> str:
    """One line per household: row, 户主 and its flags with reasons; then the counts and the standards used."""
    titles = result["flag_titles"]
    lines = [f"【{result['jurisdiction_name']} · 台账核查 · {result['date']} · {result['households']} 户】"]
    for x in result["rows"]:
        said = " ".join(f"{titles[f['flag']]}：{f['reason']}" for f in x["flags"]) or "未发现问题"
        lines.append(f"第{x['row']}行 {x['head'] or '（未填户主）'}：{said}")
    lines.append("合计：" + "，".join(f"{titles[k]} {v} 户" for k, v in result["summary"].items()))
    for w in result["warnings"]:
        lines.append(f"※ {w}")
    for p in result["what_if"]:
        lines.append(f"※ 假设值：{p['label']} = {p['value']}（工作人员假设，不是政策规定）")
    lines.append(result["disclaimer"])
    return "\n".join(lines)


def ledger_main(args: argparse.Namespace, params: ParameterSet) -> int:
    from .ui.ledger_files import read_table, write_csv, write_xlsx

    try:
        data = Path(args.input).read_bytes()
    except OSError as exc:
        print(f"无法读取台账文件：{exc}", file=sys.stderr)
        return 2
    overrides = dict(item.partition("=")[::2] for item in args.set)
    try:
        table, problems = read_table(args.input, data)
    except InputError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    request = {"jurisdiction": args.place or "", "table": table, "date": args.date or dt.date.today().isoformat(),
               "overrides": overrides}
    result = calculate("ledger", request, params)
    if "error" in result:
        print(result["message"], file=sys.stderr)
        return 2
    for p in problems:
        print(f"※ {p['message']}", file=sys.stderr)
    if args.output:
        out = Path(args.output)
        out.write_bytes(write_xlsx(table, result) if out.suffix.lower() == ".xlsx" else write_csv(table, result))
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else render_ledger(result))
    return 0


def render(result: dict) -> str:
    if result.get("calculator") == "screener":
        return render_screener(result)
    lines = [f"【{result['jurisdiction_name']} · {result['calculator']} · {result['date']}】"]
    programme = registry().get(str(result.get("calculator")))
    if programme is not None and programme.summarize is not None:  # the same words as the page's answer
        said = programme.summarize(result)
        lines += [f"{said['headline']}：{said['figure']}", said["sentence"]] + [f"※ {x}" for x in said["lines"]]
    amount_label = "每月不低于" if result.get("amount_is_minimum") else "每月金额"  # 特困: the text sets a floor (“不低于”)
    for key, label in (("monthly_amount", amount_label), ("income_line", "收入线（当地标准高于此数可申请）"),
                       ("min_amount", "最少"), ("max_amount", "最多"), ("status", "结论")):
        if key == "monthly_amount" and result.get(key) == "0.00":
            continue  # an amount only where one is due (never “0.00”)
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


DEFAULT_BUNDLE = ".cache/params.json"


def refresh(bundle: Path) -> bool:
    """Recompile the bundle when the project's ``policy_data/`` or policy pages are newer (after a data edit the
    CLI must not answer from last week's numbers). Runs the build's own compile as a separate program: the
    calculators import nothing from the build."""
    root = Path.cwd()
    compile_script = root / "build" / "compile_policy.py"
    sources = [p for d in ("policy_data", "docs/policies") for p in (root / d).rglob("*") if p.is_file()]
    if not compile_script.exists() or not sources:
        return True
    if bundle.exists() and bundle.stat().st_mtime >= max(p.stat().st_mtime for p in sources):
        return True
    import subprocess

    print("※ 参数数据有更新，正在重新编译……", file=sys.stderr)
    done = subprocess.run([sys.executable, str(compile_script), "--out", str(bundle)], cwd=root, capture_output=True, text=True)
    if done.returncode != 0:  # the data has an error: say it, never answer from the old bundle
        print(done.stderr.strip() or done.stdout.strip(), file=sys.stderr)
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m calculators", description="社会救助估算（命令行）；可选的计算器来自 calculators/programmes/ 的登记")
    ap.add_argument("calculator", choices=sorted(calculators()))
    ap.add_argument("--input", required=True, help="JSON 文件（- 表示标准输入）；ledger：台账 .xlsx 或 .csv")
    ap.add_argument("--place", help="ledger：台账是哪个县（地区代码，如 huaiyuan）；不填时从“地区”列里的县名判断")
    ap.add_argument("--output", help="ledger：把加上核查结果的台账写到 .xlsx 或 .csv 文件")
    ap.add_argument("--date", help="按哪一天的政策计算，默认今天（YYYY-MM-DD）")
    ap.add_argument("--set", action="append", default=[], metavar="PARAM=VALUE", help="假设某个参数的值（工作人员测算用）")
    ap.add_argument("--params", default=os.environ.get("JIUZHU_PARAMS", DEFAULT_BUNDLE))
    ap.add_argument("--json", action="store_true", help="输出 JSON")
    args = ap.parse_args(argv)
    params_path = Path(args.params)
    if args.params == DEFAULT_BUNDLE and not refresh(params_path):
        return 2
    if not params_path.exists():
        print(f"找不到参数文件 {params_path}；请先运行 python build/compile_policy.py", file=sys.stderr)
        return 2
    params = ParameterSet(json.loads(params_path.read_text(encoding="utf-8")))
    if args.calculator == "ledger":
        return ledger_main(args, params)
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
