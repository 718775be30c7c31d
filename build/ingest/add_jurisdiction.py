# SPDX-License-Identifier: MIT
"""Add a place (county, city or province) to policy_data with one command::

    python build/add_jurisdiction.py ID --name 名称 --parent PARENT [--level county|city|province]

Writes ``policy_data/jurisdictions/ID.yaml`` with no values and, as comments, every
parameter the calculators need for a full answer (from each calculator's ``NEEDS``)
with a ready-to-fill entry: value, the clause or source it comes from, its status.
Until they are filled the site still answers (低保 gives the income line, 特困
“还要看…”), and the staff page 参数体检 (``parameters/health/``) lists the gaps.
Documents are added with ``build/add_document.py … --jurisdiction ID``.

A county appears in the calculators' place menu (with its page ``places/ID/``, its
明白卡 and its browser bundle) once it has a value or a document of its own
(``calculators/ui/forms.py: jurisdiction_options``). Each new page address must be
recorded (``build/page_urls.py --update``, a full build): this command does it for
the new parameter page, and says to run it again when the first value is entered.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from calculators.programmes import benefits

from pages import urls as page_urls

ROOT = Path(__file__).resolve().parents[2]
JURISDICTIONS = ROOT / "policy_data" / "jurisdictions"
RE_ID = re.compile(r"^[a-z][a-z0-9-]{1,40}$")
LEVELS = ("county", "city", "province")


def needed_parameters() -> list[tuple[str, str]]:
    """(parameter, what residents lack without it), from the calculators' own lists."""
    seen: dict[str, str] = {}
    for needs in (p.needs for p in benefits()):
        for key, why in needs:
            seen.setdefault(key, why)
    return list(seen.items())


def scaffold(jid: str, name: str, parent: str, level: str) -> str:
    definitions = yaml.safe_load((ROOT / "policy_data" / "parameters.yaml").read_text(encoding="utf-8"))
    out = [
        f"id: {jid}",
        f"name: {name}",
        f"level: {level}",
        f"parent: {parent}",
        "documents: []  # build/add_document.py adds each document's id here",
        "# Values are added under `parameters:` with the clause or source they come from.  Each entry:",
        "#   - from: 2025-07-01            # the day the value took effect",
        "#     value: \"700\"                # as text; null = replaced by a value not yet found",
        "#     clause: DOC_ID#ANCHOR        # and/or source: {title, publisher, date, url} — title and a publisher or a date;",
        "#                                  #   url only if there is one (a paper notice, a phone call record have none)",
        "#     status: verified             # verified | secondary | unverified",
        "#     checked: 2026-12-01          # when someone last checked it",
        "# Next year's value: one more list item (- from: …) under the same parameter, never the parameter a second time.",
        "# Missing now (the site still answers without them; 参数体检 lists them):",
    ]
    for key, why in needed_parameters():
        label = (definitions.get(key) or {}).get("label", key)
        out.append(f"#   {key}: {label} —— {why}")
    out.append("parameters: {}  # with the first value: replace {} by the entries (never a second `parameters:`)")
    return "\n".join(out) + "\n"


def add_jurisdiction(jid: str, name: str, parent: str, level: str, directory: Path = JURISDICTIONS) -> Path:
    if not RE_ID.match(jid):
        raise ValueError(f"地区代码 {jid!r} 只能用小写字母、数字和连字符，以字母开头，例如 mycounty")
    if level not in LEVELS:
        raise ValueError(f"--level 只能是 {'、'.join(LEVELS)}")
    path = directory / f"{jid}.yaml"
    if path.exists():
        raise ValueError(f"{path} 已存在")
    if parent != "national" and not (directory / f"{parent}.yaml").exists():
        raise ValueError(f"上级地区 {parent} 还没有参数文件；先添加它（例如 --level city），或用 national")
    path.write_text(scaffold(jid, name, parent, level), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="添加一个地区 / add a place to policy_data")
    ap.add_argument("id", help="place id, lower-case ASCII, e.g. mycounty")
    ap.add_argument("--name", required=True, help="名称，如 怀远县")
    ap.add_argument("--parent", required=True, help="上级地区代码（如 mycity），省级填 national")
    ap.add_argument("--level", default="county", choices=LEVELS)
    ap.add_argument("--no-lock", action="store_true", help="do not record the new page address (build/page_urls.py --update)")
    args = ap.parse_args(argv)
    try:
        path = add_jurisdiction(args.id, args.name, args.parent, args.level, JURISDICTIONS)
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    print(f"已写入 {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}；缺少的参数见文件开头的注释和网站的“参数体检”页。")
    if args.no_lock:
        print("没有登记新页面地址：构建前请运行 python build/page_urls.py --update")
    else:
        print("登记新页面地址（python build/page_urls.py --update，会完整构建一次网站）……")
        if page_urls.main(["--update"]) != 0:
            print("错误：页面地址没有登记成功（见上面的构建错误）；改正后运行 python build/page_urls.py --update", file=sys.stderr)
            return 1
    if args.level == "county":
        print(f"填入第一个数值（或用 build/add_document.py 添加第一份文件）后，{args.name}会出现在计算器的地区列表里，"
              f"并多出 places/{args.id}/ 和明白卡页面：那时再运行一次 python build/page_urls.py --update，然后构建。")
    return 0

