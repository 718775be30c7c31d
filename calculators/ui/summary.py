# SPDX-License-Identifier: MIT
"""The one-sentence answer a resident reads first: headline, big figure, a few plain lines."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any


def _stale_line(result: dict[str, Any], field: str) -> str:
    """“这是按2021年11月的标准算的……” when the figure rests on a last-known value."""
    b = (result.get("bases") or {}).get(field) or {}
    if b.get("origin") != "data" or b.get("current"):
        return ""
    d = dt.date.fromisoformat(b["from"])
    return f"这是按{d.year}年{d.month}月起的标准（本站查到的最近一次）算的，现在的标准很可能更高，能领的可能更多。"


def summarize(result: dict[str, Any]) -> dict[str, Any]:
    """The one-sentence answer, the big figure and a few plain lines, for a resident."""
    c, s = result["calculator"], result.get("status")
    place = result["jurisdiction_name"]
    # A what-if standard is never called the place's: “假设的低保标准 800.00 元”.
    std_of = "工作人员假设的" if any(p.get("status") == "override" and str(p.get("id", "")).startswith("dibao.standard.")
                               for p in result.get("parameters", [])) else place
    on = dt.date.fromisoformat(result["date"])
    when = f"按 {on.year}年{on.month}月{on.day}日 的政策估算。"
    lines: list[str] = []
    said: list[str] = []  # the fields whose "last known" warning the summary already says
    if c == "dibao":
        amount, pc, std, line = result["monthly_amount"], result["per_capita_income"], result["standard"], result["income_line"]
        stale = _stale_line(result, "standard")
        n = result["household_size"]
        if s == "income_line":
            if line == pc and Fraction(pc) == 0:
                sentence = (f"您家没有计入的收入：不论当地低保标准是多少，收入都在标准以下，可以申请，"
                            f"每月约（当地标准）× {n} 人。")
            elif line == pc:
                sentence = (f"您家计入的人均月收入是 {pc} 元。当地低保标准高于 {pc} 元就可以申请，"
                            f"每月约（标准 − {pc}）× {n} 人。")
            else:
                sentence = (f"您家计入的人均月收入是 {pc} 元，在工作的成员还可以扣减就业成本。当地低保标准高于 {line} 元就可以申请，"
                            f"每月约（标准 − 扣减后的人均收入）× {n} 人。")
            out = {"tone": "maybe", "headline": "本站没有查到当地的低保标准，先看收入线", "figure": f"收入线 {line} 元",
                   "sentence": sentence}
        elif s == "eligible":
            out = {"tone": "yes", "headline": "可能可以申请低保", "figure": f"每月约 {amount} 元",
                   "sentence": f"按您填写的情况，家庭月人均收入 {pc} 元，低于{std_of}低保标准 {std} 元，估算全家每月低保金约 {amount} 元。"}
        elif s == "phase_out":
            out = {"tone": "maybe", "headline": "收入已超过标准，可以继续领一段时间（渐退期）", "figure": "渐退期",
                   "sentence": f"家庭月人均收入 {pc} 元，已超过低保标准 {std} 元。您家正在享受低保，可以给予渐退期，"
                   "渐退期内继续领取低保金，领多少由当地确定。"}
        elif s == "edge":
            out = {"tone": "maybe", "headline": "不符合低保，属于低保边缘家庭", "figure": "可申请专项救助",
                   "sentence": f"家庭月人均收入 {pc} 元，高于低保标准 {std} 元，但还在低保边缘线以内，可以申请医疗、教育等专项救助。"}
            if stale:
                stale = (stale.replace("，能领的可能更多", "") + f"当地现在的标准只要高于 {line} 元，您家就可能符合低保，"
                         "建议向乡镇（街道）咨询或直接申请。")
        elif stale:
            out = {"tone": "maybe", "headline": "按查到的旧标准暂不符合，现在的标准可能更高", "figure": f"收入线 {line} 元",
                   "sentence": f"家庭月人均收入 {pc} 元，不低于本站查到的{place}低保标准 {std} 元。当地现在的标准只要高于 {line} 元，"
                   "您家就可能符合，建议向乡镇（街道）咨询或直接申请。"}
            stale = stale.replace("，能领的可能更多", "")
        else:
            out = {"tone": "no", "headline": "按收入暂不符合低保条件", "figure": "暂不符合",
                   "sentence": f"家庭月人均收入 {pc} 元，不低于{std_of}低保标准 {std} 元。家里情况有变化，或遇到大病、急难，可以再看看临时救助。"}
        if stale:
            lines.insert(0, stale)
            said.append("standard")
    elif c == "tekun":
        amount = result.get("monthly_amount")
        figure = f"每月不低于 {amount} 元" if amount else "金额看当地标准"
        stale_field = "standard" if _stale_line(result, "standard") else "min_wage"
        stale = _stale_line(result, stale_field)
        if s == "eligible":
            out = {"tone": "yes", "headline": "可能符合特困供养条件", "figure": figure,
                   "sentence": "按您填写的情况，同时具备无劳动能力、无生活来源、无法定义务人（或其无能力履行）三个条件"
                   + (f"，{place}供养标准估算每月不低于 {amount} 元。" if amount else "。")}
        elif s == "possible":
            out = {"tone": "maybe", "headline": "可能符合特困供养条件，还要看几点", "figure": figure,
                   "sentence": "还要看：" + "；".join(result.get("open_points") or []) + "。"}
        else:
            out = {"tone": "no", "headline": "按填写的情况暂不符合特困条件", "figure": "暂不符合",
                   "sentence": "特困供养要求三个条件同时具备：无劳动能力、无生活来源、无法定义务人（或其无能力履行）。"
                   "暂不符合的原因：" + "；".join(result.get("reasons_not") or []) + "。可以看看低保。"}
            if amount:
                lines.append(f"供参考：{place}特困供养标准每月不低于 {amount} 元。")
        if result.get("formula") and not amount:
            lines.append(f"供养标准每月不低于：{result['formula']}。")
        if stale and amount:
            lines.insert(0, stale)
            said.append(stale_field)
    elif c == "linshi":
        if s == "range":
            out = {"tone": "maybe", "headline": "遇到这类困难，可以申请临时救助", "figure": f"约 {result['min_amount']}—{result['max_amount']} 元",
                   "sentence": f"按{place}的规定，这类困难的临时救助一般在 {result['min_amount']} 到 {result['max_amount']} 元之间"
                   "（算一份，不按家里人数相乘）。给不给、给多少，看医保报销后自己负担的费用、家庭收入和财产，由乡镇（街道）审核确定。"}
            stale = _stale_line(result, "standard_urban")
            if stale:
                lines.append(stale)
                said.append("standard_urban")
        elif s == "multiples_only":
            out = {"tone": "maybe", "headline": "遇到这类困难，可以申请临时救助",
                   "figure": f"城市低保标准的 {result['min_multiple']}—{result['max_multiple']} 倍",
                   "sentence": f"按{place}的规定，这类困难按当地城市低保月标准的 {result['min_multiple']}—{result['max_multiple']} 倍救助"
                   "（算一份，不按家里人数相乘）。本站没有查到当地城市低保标准，知道的填上就能算出金额。"}
        elif s == "refer":
            out = {"tone": "maybe", "headline": "遇到急难，请马上求助", "figure": "马上求助",
                   "sentence": "急难型临时救助的金额按困难程度确定，本站不估算；请立即联系乡镇（街道）或村（社区）。"}
        else:
            out = {"tone": "maybe", "headline": "当地没有公布具体标准", "figure": "请咨询当地",
                   "sentence": f"{place}的文件没有公布这类临时救助的倍数，本站无法估算范围；可以向乡镇（街道）申请，由他们按困难程度确定。"}
    else:
        ok = result.get("complies")
        out = {"tone": "yes" if ok else "no", "headline": "符合挂钩要求" if ok else "有不符合的项目",
               "figure": "符合" if ok else "不符合", "sentence": "按文件规定的比例核查低保标准，逐项结果见下方计算过程。"}
    assumed = [p["label"] for p in result.get("parameters", []) if p.get("status") == "override"]
    if assumed:  # a what-if result is never read as the policy's answer
        lines.insert(0, "这是测算：使用了工作人员假设的值（" + "、".join(assumed) + "），不是政策规定。")
    return {**out, "lines": lines, "when": when, "stale_said": said}
