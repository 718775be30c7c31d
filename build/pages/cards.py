# SPDX-License-Identifier: MIT
"""明白卡: one printable A4 card per place and aid type, generated from policy_data.

Every sentence with a number comes from a parameter (with its clause or source);
examples are computed by ``calculators/``.  Cards are pages ``cards/<place>-<aid>.md``
(not in the navigation; listed on ``cards/index.md``).
"""

from __future__ import annotations

import datetime as dt

from calculators.core.params import ParameterSet, Resolved
from calculators.core.programme import CardSection
from calculators.programmes import benefits
from calculators.tools.where_to_go import next_steps
from calculators.ui.forms import jurisdiction_options

from pages.links import STATUS_MARK, clause_link


def aids() -> dict[str, str]:
    """The programmes that have a 明白卡 (``Programme.card``), name → title, from the registry."""
    return {p.name: p.title for p in benefits() if p.card is not None}


AIDS = aids()


def card_places(params: ParameterSet) -> list[tuple[str, str]]:
    """Places with cards: the counties a resident can pick (a city, province or the national level is
    never a place to pick; its rules are on every county's card)."""
    return [(j, n) for j, n in jurisdiction_options(params) if j != "other" and params.jurisdictions[j].get("level") == "county"]


def _basis(params: ParameterSet, rs: tuple[Resolved | None, ...], up: str) -> str:
    """〔依据：clause links and source titles of the values a line rests on, with a doubt mark〕."""
    parts: list[str] = []
    marks: list[str] = []
    for r in rs:
        if r is None:
            continue
        e = r.entry
        if e.get("clause"):
            link = clause_link(e["clause"], params, up)
            if link not in parts:
                parts.append(link)
        elif e.get("source") and e["source"]["title"] not in parts:
            parts.append(e["source"]["title"])
        mark = STATUS_MARK.get(str(e.get("status")), "")
        if mark and mark != "已核实" and mark not in marks:
            marks.append(mark)
    text = f"〔依据：{'；'.join(parts)}{'，' + '、'.join(marks) if marks else ''}〕"
    return f'<span class="mb-basis">{text}</span>' if parts else ""


def _section(params: ParameterSet, section: CardSection, up: str) -> list[str]:
    out = [f"## {section.heading}", ""]
    for k, line in enumerate(section.lines):
        lead = "" if (section.numbered and k == 0) else (f"{k}. " if section.numbered else "- ")
        out.append(f"{lead}{line.text}{_basis(params, line.cites, up)}")
        if section.numbered and k == 0:
            out.append("")
    return out + [""]


def _how(params: ParameterSet, aid: str, j: str, today: dt.date, up: str) -> list[str]:
    dummy = {"calculator": aid, "jurisdiction": j, "date": today.isoformat()}
    steps = next_steps(aid, {"members": [{"age": "60"}]}, dummy, params)
    out = []
    for s in steps:
        cites = "；".join(clause_link(c, params, up) for c in s["clauses"])
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
    programme = next(p for p in benefits() if p.name == aid)
    assert programme.card is not None
    for section in programme.card(params, j, today):
        out += _section(params, section, up)
    out += ["## 怎么申请", ""] + _how(params, aid, j, today, up) + [""]
    out += ["## 扫码估算" if public_url and qr_svg_fn else "## 打开网址估算", ""]
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
