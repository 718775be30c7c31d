# SPDX-License-Identifier: MIT
"""A place's own page, ``places/<id>/``: the page a county links to from a poster.

Its documents (from their front matter), the documents of the levels above it that apply there too,
its calculators with the place chosen, its parameters, 明白卡 and quick tables.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from calculators.core.params import ParameterSet
from calculators.ui.forms import FORMS, jurisdiction_options

from data.documents import POLICY_DIR
from pages.cards import AIDS
from pages.policy import format_date
from pages.reference import quick_tables


def place_page(j: str, docs: list[Any], params: ParameterSet, card_places: list[tuple[str, str]], today: dt.date,
               higher: list[tuple[str, list[Any]]] | None = None) -> str:
    """Markdown for ``places/<j>.md``: a place's documents (from their front matter), the documents of the
    levels above it that also apply there (``higher``: (name, documents), nearest first — city, province,
    national), its calculators prefilled with the place, its parameters and 明白卡 — the page a county
    links to from a poster."""
    def line(m: dict[str, Any], doc_id: str, validity: bool) -> str:
        number = f"（{m['doc_number']}）" if m.get("doc_number") else ""
        valid = f"（有效性：{m.get('validity') or '原文未注明'}）" if validity else ""
        return f"[{m['short_title']}](../{POLICY_DIR}/{doc_id}.md){number}，{format_date(m.get('date'))}{valid}"

    newest = lambda ps: sorted(ps, key=lambda p: str(p.meta.get("date") or ""), reverse=True)  # noqa: E731
    name = params.name(j) if j in params.jurisdictions else str(docs[0].meta["jurisdiction"])
    out = ["---", f"title: {name} · 政策文件与测算", "search:", "  exclude: true", "---", "",
           f"# {name} · 政策文件与测算", "",
           f"本页列出本站收录的{name}政策文件，以及按{name}的参数预先选好地区的测算工具。本站不是政府网站；"
           "能否享受救助、享受多少，由乡镇（街道）审核确认。", "", "## 政策文件 {#documents}", ""]
    if not docs:
        out.append(f"本站还没有收录{name}的政策文件。下面的测算按本站查到的{name}的数值（见“参数与明白卡”）和上级、全国性的规定计算。")
    for p in newest(docs):
        out.append("- " + line(p.meta, p.doc_id, validity=True))
    if any(ps for _, ps in higher or []):
        out += ["", "## 上级文件（本地也适用） {#higher}", "",
                f"{name}的文件没有写到的事项，按上级和全国的规定办理。", ""]
        for level_name, ps in higher or []:
            if ps:
                out.append(f"- **{level_name}**：")
                out += [f"    - {line(p.meta, p.doc_id, validity=False)}" for p in newest(ps)]
    selectable = dict(jurisdiction_options(params))
    if j in selectable:
        out += ["", "## 测算（已选好本地） {#calculators}", ""]
        for form in FORMS.values():
            out.append(f'- <a href="../../calculators/{form.name}/#j={j}">{form.title}</a>')
    out += ["", "## 参数与明白卡 {#parameters}", ""]
    if j in params.jurisdictions:
        out.append(f"- [{name}的参数（低保标准等，含来源和日期）](../parameters/{j}.md)")
    if j in dict(card_places):
        out.append("- 明白卡（可打印）：" + "、".join(f"[{AIDS[a]}](../cards/{j}-{a}.md)" for a in AIDS))
        out += ["", "## 速查表 {#tables}", "", quick_tables(params, today, only=j, up="../../")]
    return "\n".join(out) + "\n"
