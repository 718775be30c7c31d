# SPDX-License-Identifier: MIT
"""Staff reference pages generated from policy_data/ and the calculators.

* ``jurisdiction_page`` — every parameter that applies to a place, with its value
  history along the chain county → city → province → national, source, status and
  the date this site last checked it.
* ``comparison_table`` — the values in force on a date, side by side per county.
* ``backlinks`` — for every clause, the parameters and calculators resting on it.
* ``quick_tables`` — 低保金 by household size × per-capita income, 特困 amounts by
  care level, 临时救助 ranges: computed by ``calculators/`` itself, so they agree
  with the browser calculator (a browser test checks cells against it).
All functions return Markdown (or data); nothing here holds a policy number.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any
from urllib.parse import urlencode

from calculators.api import calculate, uses
from calculators.core.params import ParameterSet, Resolved
from calculators.core.words import LAST_KNOWN, MAY_BE_HIGHER, since_words
from calculators.programmes import registry
from calculators.ui.forms import FORMS, jurisdiction_options
from calculators.ui.parameters import choice_text, state_label

from pages.links import STATUS_MARK, clause_link, source_text

UNIT_TEXT = {"CNY/month": "元/月", "CNY/person/month": "元/人/月", "months": "个月", "working_days": "个工作日", "years": "周岁", "ratio": "", "bool": "", "phone": ""}
# Parameter groups: one per programme of the registry (its parameters are named ``<programme>.…``),
# then the values several programmes share.
GROUPS = tuple((f"{p.name}.", p.title) for p in registry().values()) + (
    ("min_wage.", "最低工资"),
    ("service.", "办理服务"),
    ("contact.", "联系电话"),
)
CALC_TITLES = {name: form.title for name, form in FORMS.items()}


def param_anchor(param: str) -> str:
    return param.replace(".", "-").replace("_", "-")


def value_text(value: Any, unit: str) -> str:
    if value is None:
        return "未找到（此日起的值本站没有找到）"
    if isinstance(value, bool):
        return "是" if value else "否"
    return f"{value} {UNIT_TEXT.get(unit, unit)}".strip()


def _basis(entry: dict[str, Any], params: ParameterSet, up: str) -> str:
    parts = []
    if entry.get("clause"):
        parts.append(clause_link(entry["clause"], params, up))
    src = entry.get("source")
    if src:
        parts.append(source_text(src))
    if entry.get("quote"):
        parts.append(f"原文：“{entry['quote']}”")
    if entry.get("area"):
        parts.append(f"条文写在{'农村' if entry['area'] == 'rural' else '城市'}低保下")
    if entry.get("note"):
        parts.append(entry["note"])
    return "；".join(parts) or "—"


def jurisdiction_page(j: str, params: ParameterSet, today: dt.date, up: str = "../", url_up: str = "../../") -> str:
    """Markdown for ``parameters/<j>.md``; ``up`` leads to docs/, ``url_up`` to the site root."""
    info = params.jurisdictions[j]
    chain = params.chain(j)
    names = " → ".join(params.name(x) for x in chain)
    out = [
        # Kept out of search: 14 near-identical pages would crowd the clauses out of the results;
        # the comparison page (in search) links to every one.
        "---",
        f"title: {info['name']}：政策参数",
        f"description: {info['name']}社会救助政策参数：每个数值的历次规定、出处、核实状态和核对日期。",
        "search:",
        "  exclude: true",
        "---",
        "",
        f"# {info['name']}：政策参数",
        "",
        f"本页列出适用于{info['name']}的全部参数。查找顺序：{names}——本级没有规定的，用上一级的。"
        f"“现行”指 {today.isoformat()}（本页生成日）施行、且在调整周期内的值；超过调整周期或已知被调整的，"
        "标为“最近一次查到的”，不当作现行。标 ⚠ 的不是照录文件原文的值，请以当地公布的为准。",
        "",
    ]
    if info.get("documents"):
        docs = "、".join(f"[{d}]({up}policies/{d}.md)" for d in info["documents"])
        out += [f"本地文件：{docs}", ""]
    used = [p for p in params.definitions if any(p in params.jurisdictions[x]["parameters"] for x in chain)]
    for prefix, title in GROUPS:
        group = [p for p in used if p.startswith(prefix)]
        if not group:
            continue
        out += [f"## {title} {{#{prefix.rstrip('.')}}}", ""]
        for p in group:
            d = params.definitions[p]
            current = params.resolve(p, j, today)
            now = now_text(current, d, params)
            out += [f"### {d['label']} {{#{param_anchor(p)}}}", "", d["description"], "", now, ""]
            out.append("历次规定（新的在下）：")
            out.append("")
            for x in chain:
                for e in params.jurisdictions[x]["parameters"].get(p, []):
                    shown = "此后本级规定不再适用（用上一级的）" if e.get("lapsed") else value_text(choice_text(e["value"], d), d["unit"])
                    until = f"，至 {e['until']} 止（文件自身的期限）" if e.get("until") else ""
                    out.append(
                        f"- {e['from']} 起{until}：**{shown}**（{params.name(x)}）· "
                        f"{STATUS_MARK.get(str(e.get('status')), '—')} · 核对 {e.get('checked') or '—'}  \n"
                        f"  依据：{_basis(e, params, up)}"
                    )
            out.append("")
    calcs = [f'<a href="{url_up}calculators/{n}/#j={j}">{CALC_TITLES[n]}</a>' for n in FORMS if j in dict(jurisdiction_options(params))]
    if calcs:
        out += ["## 用这些参数的计算器 {#calculators}", "", "、".join(calcs), ""]
    return "\n".join(out)


def now_text(r: Resolved | None, d: dict[str, Any], params: ParameterSet) -> str:
    """“现行：…” only for a current value; a last-known one says so, with its date and why."""
    if r is None:
        return "现行：**本站没有找到**"
    where = f"{params.name(r.jurisdiction)}，{r.entry['from']} 起，{STATUS_MARK.get(str(r.entry.get('status')), '')}"
    if r.outranks:
        where += f"；晚于{params.name(r.outranks)}的规定且更有利，优先适用"
    if r.current:
        return f"现行：**{value_text(choice_text(r.value, d), d['unit'])}**（{where}）"
    return (f"最近一次查到的：**{value_text(choice_text(r.value, d), d['unit'])}**（{where}）。"
            f"{state_label(r.to_dict())}，不当作现行值。")


def _cell(params: ParameterSet, p: str, j: str, on: dt.date) -> str:
    d = params.definitions[p]
    r = params.resolve(p, j, on)
    if r is None:
        return "—"
    mark = "" if r.entry.get("status") == "verified" else " ⚠"
    old = "" if r.current else f"（最近一次查到，{r.entry['from'][:7]} 起）"
    return f"[{value_text(choice_text(r.value, d), d['unit'])}{mark}{old}]({j}.md#{param_anchor(p)})"


def comparison_table(params: ParameterSet, today: dt.date) -> str:
    places = jurisdiction_options(params)
    head = "| 参数 | " + " | ".join(f"[{n}]({j}.md)" for j, n in places) + " |"
    out = [
        f"各地 {today.isoformat()} 适用的参数（点数值看来历）。“—”表示文件没有规定或本站没有找到；⚠ 表示二手或未核实的来源；"
        "“最近一次查到”表示已超过调整周期或已知被调整、新值本站还没有查到，不是现行值。",
        "",
    ]
    for prefix, title in GROUPS:
        rows = [p for p in params.definitions if p.startswith(prefix)]
        out += [f"### {title}", "", head, "| --- |" + " --- |" * len(places)]
        for p in rows:
            cells = " | ".join(_cell(params, p, j, today) for j, _ in places)
            out.append(f"| {params.definitions[p]['label']} | {cells} |")
        out.append("")
    out += ["其他层级：" + "、".join(f"[{d['name']}]({j}.md)" for j, d in params.jurisdictions.items() if j not in dict(places)), ""]
    return "\n".join(out)


def backlinks(params: ParameterSet) -> dict[str, list[tuple[str, str, str]]]:
    """clause ref → [(group, link text, site-relative URL)]: calculators, then parameters per place."""
    out: dict[str, list[tuple[str, str, str]]] = {}

    def add(ref: str, group: str, text: str, url: str) -> None:
        if ref in params.clauses and (group, text, url) not in out.setdefault(ref, []):
            out[ref].append((group, text, url))

    by_param: dict[str, set[str]] = {}
    for info in params.jurisdictions.values():
        for p, entries in info["parameters"].items():
            for e in entries:
                if e.get("clause"):
                    by_param.setdefault(p, set()).add(e["clause"])
    for name in FORMS:
        ps, direct = uses(name)
        refs = {ref for p in ps for ref in by_param.get(p, ())} | set(direct)
        for ref in sorted(refs):
            add(ref, "计算器", CALC_TITLES[name], f"calculators/{name}/")
    for j, info in params.jurisdictions.items():
        for p, entries in info["parameters"].items():
            for e in entries:
                if e.get("clause"):
                    add(e["clause"], f"{info['name']}参数", params.definitions[p]["label"], f"parameters/{j}/#{param_anchor(p)}")
    return out


# --------------------------------------------------------------------------- quick tables

def dibao_link(j: str, area: str, n: int, income: str, on: dt.date, today: dt.date) -> str:
    q = {"j": j, "area": area, "n": str(n)}
    for i in range(1, n + 1):
        q[f"age{i}"] = "40"
    q["other"] = income
    if on != today:
        q["date"] = on.isoformat()
    return "calculators/dibao/#" + urlencode(q)


def dibao_rows(params: ParameterSet, j: str, area: str, on: dt.date, sizes=range(1, 6), step: int = 100):
    """[(per-capita income, [amount per household size])] up to the standard, from the calculator."""
    std = params.resolve(f"dibao.standard.{area}", j, on)
    top = int(std.fraction) if std else 0
    rows = []
    for pc in list(range(0, top, step)) + ([top] if top % step else []):
        amounts = []
        for n in sizes:
            r = calculate("dibao", {"jurisdiction": j, "area": area, "date": on.isoformat(), "members": [{"age": 40}] * n,
                                    "income": {"other": str(pc * n)}}, params)
            amounts.append(r["monthly_amount"])
        rows.append((pc, amounts))
    return std, rows


QUICK_TABLES_ONE_PAGE_MAX = 12  # more places: each place's tables are on its own page (places/<id>/)


def quick_tables(params: ParameterSet, today: dt.date, only: str | None = None, up: str = "../") -> str:
    """速查表 for every place (``tables/``), or for ``only`` one (its place page); ``up`` leads from the
    page to the site root. Past ``QUICK_TABLES_ONE_PAGE_MAX`` places ``tables/`` lists the places
    instead (100 places' tables on one page were 1.3 MB)."""
    places = [(j, n) for j, n in jurisdiction_options(params) if j != "other" and (only is None or j == only)]
    if only is None and len(places) > QUICK_TABLES_ONE_PAGE_MAX:
        return ("各地的速查表在各地区的页面上（点地区名）。以下数字由本站计算器算出，只是估算，以乡镇（街道）审核确认为准。\n\n"
                + "\n".join(f"- [{n}](../places/{j}.md#tables)" for j, n in places) + "\n")
    out = [
        f"以下数字由本站计算器在生成网站时（{today.isoformat()}）算出，和在线计算器用的是同一套代码和数据。"
        "只是估算，以乡镇（街道）审核确认为准。标 ⚠ 的标准来自二手或未核实的来源。",
        "",
    ]
    out += ["## 低保金速查表 {#dibao}", "",
            "每月低保金（元）=（低保标准 − 家庭月人均收入）× 人数。表中的“人均收入”是已经扣除不计入部分后的收入；"
            "有人在工作的家庭，当地可能扣减就业成本，请用计算器。", ""]
    for j, name in places:
        for area, area_name in (("urban", "城市"), ("rural", "农村")):
            on = today
            anchor = f"dibao-{j}-{area}"
            std, rows = dibao_rows(params, j, area, on)
            if std is None:
                out += [f"### {name}（{area_name}） {{#{anchor}}}", "",
                        "本站没有查到这里的低保标准，无法列表：家庭人均收入低于当地标准的，每月约（标准 − 人均收入）× 人数。"
                        "可以用计算器算出您家的收入线。", ""]
                continue
            mark = "" if std.entry.get("status") == "verified" else " ⚠"
            when = since_words(std, params, j) + ("，能领的可能更多" if not std.current else "")
            out += [f"### {name}（{area_name}） {{#{anchor}}}", "",
                    f"{area_name}低保标准 **{std.value} 元/人/月**{mark}（{when}）。", ""]
            out += ["| 人均收入 | 1人 | 2人 | 3人 | 4人 | 5人 |", "| ---: | ---: | ---: | ---: | ---: | ---: |"]
            for pc, amounts in rows:
                cells = " | ".join(
                    f'<a href="{up}{dibao_link(j, area, n, str(pc * n), on, today)}">{a}</a>' for n, a in enumerate(amounts, 1)
                )
                out.append(f"| {pc} | {cells} |")
            out.append("")
    out += ["## 特困供养标准速查 {#tekun}", ""]
    for j, name in places:
        row = []
        for care, care_name in (("self_care", "全自理"), ("half_care", "半护理"), ("full_care", "全护理")):
            r = calculate("tekun", {"jurisdiction": j, "area": "rural", "age": 70, "care_level": care, "date": today.isoformat(),
                                    "has_able_supporter": False}, params)
            row.append((care_name, r))
        if any(r.get("care") is None or r.get("monthly_amount") is None for _, r in row):
            out += [f"- **{name}**：无法列表。当地文件没有写明特困供养标准的计算方法，或本站没有查到计算所需的标准。"]
        else:
            old = "" if all(r.get("amounts_current") for _, r in row) else f"（按{LAST_KNOWN}的低保标准和最低工资算，{MAY_BE_HIGHER}）"
            out += [f"- **{name}**（农村）：" + "；".join(f"{c} 不低于 {r['monthly_amount']} 元/月" for c, r in row) + old]
    out += ["", "## 临时救助范围速查 {#linshi}", ""]
    for j, name in places:
        lines = []
        for kind, kind_name in (("illness", "重大疾病"), ("education", "教育负担过重")):
            r = calculate("linshi", {"jurisdiction": j, "kind": kind, "date": today.isoformat()}, params)
            if r.get("status") == "range":
                b = r["bases"]["standard_urban"]
                when = "" if b["current"] else f"（按 {b['from'][:7]} 起的城市低保标准，{LAST_KNOWN}）"
                lines.append(f"{kind_name}每例 {r['min_amount']}—{r['max_amount']} 元{when}")
        out.append(f"- **{name}**：" + ("；".join(lines) if lines else "文件没有公布倍数，无法估算范围，请向乡镇（街道）咨询。"))
    out.append("")
    return "\n".join(out)


def rule_value(value: Any, d: dict[str, Any]) -> str:
    """A rule's value as a resident reads it: 0.30 → 30%, 1/10 stays, 1.3 or 3 (a multiple) → 1.3 倍."""
    if d.get("unit") == "choice":
        return str(choice_text(value, d))
    if d.get("unit") == "ratio" and isinstance(value, str) and "/" not in value:
        try:
            x = float(value)
        except ValueError:
            return value
        return f"{x * 100:g}%" if x < 1 else f"{value} 倍"
    return value_text(choice_text(value, d), d["unit"])


def place_rules(name: str, params: ParameterSet, today: dt.date, up: str = "../") -> str:
    """What each place's own documents add for this calculator, generated from policy_data (no number
    typed twice): every rule set by the county, city or province, with the words of its clause.
    Values adjusted periodically (standards, minimum wage) are on the parameter pages instead."""
    used = [p for p in uses(name)[0] if p.startswith(name + ".") and not params.definitions[p].get("cycle_months")]
    out = []
    for j, place in jurisdiction_options(params):
        if j == "other":
            continue
        items = []
        for p in used:
            r = params.resolve(p, j, today)
            if r is None or r.jurisdiction == "national" or r.value is None or r.value is False:
                continue
            d = params.definitions[p]
            text = d["label"] if r.value is True else f"{d['label']}：{rule_value(r.value, d)}"
            basis = []
            if r.entry.get("quote"):
                basis.append(f"原文“{r.entry['quote']}”")
            if r.entry.get("clause"):
                basis.append(clause_link(r.entry["clause"], params, up, short=True))
            if r.entry.get("area") == "rural":
                basis.append("条文写在农村低保下，城市家庭是否适用请向乡镇确认")
            if not r.current:
                basis.append(state_label(r.to_dict()))
            if r.entry.get("status") != "verified":
                basis.append(STATUS_MARK.get(str(r.entry.get("status")), "未核实 ⚠"))
            items.append(text + (f"（{'，'.join(basis)}）" if basis else ""))
        if items:  # one rule a line: easier to read on a phone than one long sentence
            out.append(f"- **{place}**：")
            out += [f"    - {item}" for item in items]
        else:
            out.append(f"- **{place}**：本地文件没有另外的规定，按上级和全国性规定计算。")
    out.append("- **其他地区**：只按全国性规定计算。")
    return "\n".join(out) + "\n"


RE_HEADING = re.compile(r'(<(h[1-6]|p)\b[^>]*\bid="([^"]+)"[^>]*>.*?</\2>)', re.S)  # a clause: a heading or an anchored paragraph


SEP = '<span class="used-by__sep">、</span>'


def add_backlinks(html_text: str, doc_id: str, links: dict[str, list[tuple[str, str, str]]], up: str) -> str:
    """After each clause (heading or anchored paragraph) that something rests on: 本条款用于 … (calculators, parameters)."""

    def add(m: re.Match[str]) -> str:
        used = links.get(f"{doc_id}#{m.group(3)}")
        if not used:
            return m.group(1)
        groups: dict[str, list[str]] = {}
        for group, text, url in used:
            groups.setdefault(group, []).append(f'<a href="{up}{html.escape(url)}">{html.escape(text)}</a>')
        # Each link carries its own 、 so a line never starts with the separator.
        body = "".join(
            f'<span class="used-by__group">{html.escape(g)}：'
            + "".join(f'<span class="used-by__item">{a}{SEP if i < len(items) - 1 else ""}</span>' for i, a in enumerate(items))
            + "</span>"
            for g, items in groups.items()
        )
        return m.group(1) + f'<p class="used-by" data-search-exclude><span class="used-by__title">本条款用于</span>{body}</p>'

    return RE_HEADING.sub(add, html_text)


# --------------------------------------------------------------------------- documents on their way


def pending_text(p: dict[str, Any]) -> str:
    """What is known of a document on its way (a law in its readings), dated, and no more.

    Said the same way on the about page and on every document it would supersede."""
    from calculators.core.dates import cn_date as format_date

    doubt = {"secondary": "据新闻报道", "unverified": "未核实"}
    steps = "；".join(f"{format_date(r['date'])}{r['text']}（{doubt.get(str(r.get('status')), '已核实')}）" for r in p["readings"])
    out = f"{p['title']}：{steps}。"
    if p.get("effective"):
        out += f"{format_date(p['effective'])}起施行；此前的规定到前一天为止，本站的数字按它核对后更新。"
        return out
    if p.get("adopted"):
        out += f"{format_date(p['adopted'])}通过，本站还没有核实施行日期。"
    reports = [r["text"] for r in p.get("reports") or []]
    if reports:
        out += "；".join(reports) + "，但本站没有在国家法律法规数据库（flk.npc.gov.cn）核实到。"
    out += (f"本站（{format_date(p['checked'])}核对）仍按现行的" if p.get("checked") else "本站仍按现行的")
    out += "规定整理和计算；它施行后，以它和届时的规定为准。"
    return out


def pending_note(p: dict[str, Any]) -> str:
    """The note on a document the pending one would supersede (HTML, after the metadata card)."""
    return (f'<div class="editor-note" data-search-exclude role="note"><p><strong>编者注</strong>　'
            f"{html.escape(pending_text(p))}</p></div>")
