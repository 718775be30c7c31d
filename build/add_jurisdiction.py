# SPDX-License-Identifier: MIT
"""Add a place (county, city or province) to policy_data with one command::

    python build/add_jurisdiction.py ID --name 名称 --parent PARENT [--level county|city|province]

Writes ``policy_data/jurisdictions/ID.yaml`` with no values and, as comments, every
parameter the calculators need for a full answer (from each calculator's ``NEEDS``)
with a ready-to-fill entry: value, the clause or source it comes from, its status.
Until they are filled the site still answers (低保 gives the income line, 特困
“还要看…”), and the staff page 参数体检 (``parameters/health/``) lists the gaps.
Documents are added with ``build/add_document.py … --jurisdiction ID``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
JURISDICTIONS = ROOT / "policy_data" / "jurisdictions"
RE_ID = re.compile(r"^[a-z][a-z0-9-]{1,40}$")
LEVELS = ("county", "city", "province")


def needed_parameters() -> list[tuple[str, str]]:
    """(parameter, what residents lack without it), from the calculators' own lists."""
    sys.path.insert(0, str(ROOT))
    from calculators.programmes import dibao, linshi, tekun

    seen: dict[str, str] = {}
    for needs in (dibao.NEEDS, tekun.NEEDS, linshi.NEEDS):
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
        "#     clause: DOC_ID#ANCHOR        # and/or source: {title, url, publisher, date}",
        "#     status: verified             # verified | secondary | unverified",
        "#     checked: 2026-12-01          # when someone last checked it",
        "# Missing now (the site still answers without them; 参数体检 lists them):",
    ]
    for key, why in needed_parameters():
        label = (definitions.get(key) or {}).get("label", key)
        out.append(f"#   {key}: {label} —— {why}")
    out.append("parameters: {}")
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
    args = ap.parse_args(argv)
    try:
        path = add_jurisdiction(args.id, args.name, args.parent, args.level)
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    print(f"已写入 {path.relative_to(ROOT)}；缺少的参数见文件开头的注释和网站的“参数体检”页。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
