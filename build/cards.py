# SPDX-License-Identifier: MIT
"""明白卡: one printable A4 card per place and aid type, generated from policy_data.

Every sentence with a number comes from a parameter (with its clause or source);
examples are computed by ``calculators/``.  Cards are pages ``cards/<place>-<aid>.md``
(not in the navigation; listed on ``cards/index.md``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from calculators.api import calculate
from calculators.core.params import ParameterSet
from calculators.programmes.where_to_go import next_steps
from calculators.ui.forms import jurisdiction_options

from reference_pages import STATUS_MARK, _clause_link, value_text

AIDS = {"dibao": "低保", "tekun": "特困供养", "linshi": "临时救助"}


def card_places(params: ParameterSet) -> list[tuple[str, str]]:
    """Places with cards: the counties a resident can pick (a city, province or the national level is
    never a place to pick; its rules are on every county's card)."""
    return [(j, n) for j, n in jurisdiction_options(params) if j != "other" and params.jurisdictions[j].get("level") == "county"]


def _basis(params: ParameterSet, r: Any, up: str) -> str:
    e = r.entry
    # One basis on a card: the clause where there is one (a source beside it only corroborates; the parameter
    # page shows both), else the source.
    parts = [_clause_link(e["clause"], params, up)] if e.get("clause") else [str(e["source"]["title"])] if e.get("source") else []
    mark = STATUS_MARK.get(str(e.get("status")), "")
    text = f"〔依据：{'；'.join(parts)}{'，' + mark if mark and mark != '已核实' else ''}〕"
    return f'<span class="mb-basis">{text}</span>' if parts else ""


def _fact(params: ParameterSet, param: str, j: str, on: dt.date, up: str) -> tuple[Any, str] | None:
    r = params.resolve(param, j, on)
    if r is None:
        return None
    return r, _basis(params, r, up)


def _line(params: ParameterSet, param: str, j: str, on: dt.date, up: str, text: str) -> list[str]:
    """``text`` with ``{v}`` = the parameter's value and its basis appended — or nothing if unset."""
    fact = _fact(params, param, j, on, up)
    return [text.format(v=fact[0].value) + fact[1]] if fact else []


def _standards(params: ParameterSet, j: str, today: dt.date, up: str) -> list[str]:
    """Each 低保标准 with its start date; a last-known one is never called current."""
    lines: list[str] = []
    missing: list[str] = []
    for area, area_name in (("urban", "城市"), ("rural", "农村")):
        r = params.resolve(f"dibao.standard.{area}", j, today)
        if r is None:
            missing.append(area_name)
            continue
        start = dt.date.fromisoformat(r.entry["from"])
        when = f"{start.year}年{start.month}月起执行"
        if not r.current:
            when = f"{start.year}年{start.month}月起，本站查到的最近一次；现在的标准很可能更高"
        lines.append(f"{area_name}低保标准：**{value_text(r.value, r.unit)}**（{when}） {_basis(params, r, up)}")
    if not lines:  # neither is known: one line, not two
        return ["城乡低保标准：本站没有查到，请向村（居）委会或乡镇（街道）询问；家庭人均收入低于当地标准的就可以申请。"]
    return lines + [f"{area}低保标准：本站没有查到，请向村（居）委会或乡镇（街道）询问。" for area in missing]


def _how(params: ParameterSet, aid: str, j: str, today: dt.date, up: str) -> list[str]:
    dummy = {"calculator": aid, "jurisdiction": j, "date": today.isoformat()}
    steps = next_steps(aid, {"members": [{"age": "60"}]} if aid != "tekun" else {"age": "60"}, dummy, params)
    out = []
    for s in steps:
        cites = "；".join(_clause_link(c, params, up) for c in s["clauses"])
        src = "；".join(x["title"] for x in s.get("sources", []))
        basis = "；".join(x for x in (cites, src) if x)
        out.append(f"1. {s['text']}" + (f'<span class="mb-basis">〔依据：{basis}〕</span>' if basis else ""))
    return out


def card_markdown(params: ParameterSet, j: str, aid: str, today: dt.date, public_url: str, qr_svg_fn=None) -> str:
    up = "../"
    name = params.name(j)
    link = f"calculators/{aid}/#j={j}"
    out = [
        "---",
        f"title: {name}{AIDS[aid]}明白卡",
        f"description: {name}{AIDS[aid]}：谁可以申请、能领多少、怎么申请。由社会救助政策明白站根据公开文件整理，不是政府文件。",
        "search:",
        "  exclude: true  # print material; the same facts are on the policy and parameter pages",
        "---",
        "",
        f'<div class="mb-card" data-place="{j}" data-aid="{aid}" markdown>',
        "",
        f"# {name}{AIDS[aid]}明白卡",
        "",
        f'<p class="mb-card__notice">社会救助政策明白站根据公开文件整理（{today.isoformat()}），不是政府文件，也不是审批依据。'
        "能否享受、享受多少，以乡镇（街道）审核确认为准。</p>",
        "",
    ]
    if aid == "dibao":
        out += ["## 谁可以申请", ""]
        out += ["- 共同生活的家庭成员人均收入低于当地低保标准，家庭财产也符合当地规定。"]
        scope = params.resolve("dibao.single_person_scope", j, today)
        who = params.definitions["dibao.single_person_scope"]["choices"].get(scope.value) if scope else "符合条件的重度残疾人、重病患者"
        out += _line(params, "dibao.single_person_household", j, today, up, f"- {who}，可以按“单人户”单独申请。")
        out += _line(params, "dibao.edge_multiple", j, today, up,
                     "- 人均收入高于低保标准、但低于标准的 {v} 倍的，属于低保边缘家庭，可以申请医疗、教育等专项救助。")
        out += ["", "## 能领多少", "", "- 每月低保金 =（低保标准 − 家庭月人均收入）× 共同生活的人数。"]
        out += [f"- {line}" for line in _standards(params, j, today, up)]
        out += _line(params, "dibao.employment_deduction_ratio", j, today, up,
                     "- 在工作的家庭成员，计算收入时扣减就业成本：低保标准的 {v}，不超过本人工资。")
        out += _line(params, "dibao.phase_out_months", j, today, up, "- 收入超过标准的低保家庭，可以有 {v} 个月渐退期，期间继续领取。")
        out += _line(params, "dibao.phase_out_allowed", j, today, up, "- 已就业的低保家庭收入超过标准后，给予一定时间的渐退期，期间继续领取。")
        r = calculate("dibao", {"jurisdiction": j, "area": "rural", "date": today.isoformat(), "members": [{"age": 40}] * 3,
                                "income": {"other": "900"}}, params)
        if r.get("status") == "eligible":
            stale = "" if r["standard_current"] else "（旧标准，现在能领的可能更多）"
            out += [f"- 例：农村三口之家，每月共收入 900 元（人均 300 元），按农村标准 {r['standard']} 元，"
                    f"每月约 **{r['monthly_amount']} 元**{stale}。"]
        elif r.get("status") == "income_line":
            out += ["- 例：农村三口之家，每月共收入 900 元（人均 300 元）：当地农村低保标准高于 300 元，"
                    "每月约（标准 − 300）× 3 元。"]
    elif aid == "tekun":
        out += ["## 谁可以申请", "",
                "同时具备三个条件：",
                "",
                "1. 没有劳动能力：年满 60 周岁、未成年，或一至三级智力、精神残疾，一、二级肢体残疾，一级视力残疾；",
                "2. 没有生活来源（收入低于当地低保标准，财产符合规定）；",
                "3. 没有法定赡养、抚养、扶养义务人，或者义务人没有能力履行义务。",
                ""]
        out += _line(params, "tekun.minor_age_limit", j, today, up, "未成年人的年龄放宽到 {v} 周岁以下。") + [""]
        out += ["## 能领多少", ""]
        basic = _fact(params, "tekun.basic_multiple", j, today, up)
        if basic:
            out += [f"- 基本生活标准：不低于当地低保标准的 {basic[0].value} 倍。{basic[1]}"]
            facts = [(name, _fact(params, f"tekun.care_fraction.{care}", j, today, up))
                     for care, name in (("self_care", "全自理"), ("half_care", "半护理"), ("full_care", "全护理"))]
            found = [(name, f) for name, f in facts if f]
            if found and len({f[1] for _, f in found}) == 1:  # one clause for all three: one line
                out += ["- 照料护理标准：不低于上年度最低工资标准的 " + "、".join(f"{f[0].value}（{name}）" for name, f in found)
                        + f"。{found[0][1][1]}"]
            else:
                out += [f"- {name}的照料护理标准：不低于上年度最低工资标准的 {f[0].value}。{f[1]}" for name, f in found]
            out += [f"- {line}" for line in _standards(params, j, today, up)]
        else:
            out += ["- 当地文件没有写明特困供养标准的计算方法，请向县民政局或乡镇（街道）询问当地标准。"]
    else:
        out += ["## 什么情况可以申请", "",
                "- 因突发事件、意外伤害、重大疾病等，基本生活暂时出现严重困难，其他救助暂时无法覆盖的家庭或个人。", ""]
        out += ["## 能领多少", ""]
        found = False
        for kind, kind_name in (("illness", "重大疾病患者"), ("education", "因子女教育费用负担过重的")):
            lo = _fact(params, f"linshi.{kind}_multiple_min", j, today, up)
            hi = _fact(params, f"linshi.{kind}_multiple_max", j, today, up)
            if lo and hi:
                found = True
                out += [f"- {kind_name}：按城市低保月标准的 {lo[0].value}—{hi[0].value} 倍救助（算一份，不按家里人数相乘）。{lo[1]}"]
        if found:
            out += [f"- {line}" for line in _standards(params, j, today, up)[:1]]
        else:
            out += ["- 当地文件没有公布具体倍数，给多少由乡镇（街道）按困难程度确定。"]
        advance = params.resolve("linshi.advance_aid", j, today)
        words = (advance.entry.get("quote") or "先行救助") if advance else ""
        out += _line(params, "linshi.advance_aid", j, today, up, f"- 情况紧急的，可以“{words}”，事后补办手续。")
        out += _line(params, "linshi.staged_aid", j, today, up, "- 困难持续的，可以分阶段救助。")
        out += _line(params, "linshi.case_by_case", j, today, up, "- 救助后仍有重大困难的，可以“一事一议”。")
    out += ["", "## 怎么申请", ""] + _how(params, aid, j, today, up) + [""]
    out += ["## 扫码估算", ""]
    if public_url and qr_svg_fn:
        out += [f'<div class="mb-card__qr">{qr_svg_fn(public_url + link)}'
                f'<p>用手机扫码，打开{name}{AIDS[aid]}估算（已选好地区）。<br>{public_url}{link}</p></div>', ""]
    else:
        # The address is known only where the card is opened: a script writes it out in full
        # (what prints); without scripts the site-relative path stays readable.
        out += [f'<p class="mb-card__url">用手机打开这个地址，估算{name}{AIDS[aid]}（已选好地区）：<br>'
                f'<a class="mb-abs" href="../../{link}">{link}</a></p>', ""]
    out += ["</div>", ""]
    return "\n".join(out)


def cards_index(params: ParameterSet) -> str:
    rows = ["| 地区 | " + " | ".join(AIDS.values()) + " |", "| --- |" + " --- |" * len(AIDS)]
    for j, name in card_places(params):
        rows.append(f"| {name} | " + " | ".join(f"[{AIDS[a]}明白卡]({j}-{a}.md)" for a in AIDS) + " |")
    return "\n".join(rows)
