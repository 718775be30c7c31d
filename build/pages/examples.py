# SPDX-License-Identifier: MIT
"""Examples in the hand-written pages, made from whatever documents and places the site has.

A hand-written link to one county's clause breaks (or misleads) on every other site: the home
page's 绿色通道 line, the anchor page's example address and the campaign-link examples are markers
(``<!-- jz:green-channel -->``, ``<!-- jz:anchor-example -->``, ``<!-- jz:link-examples -->``)
filled from the data — a site without such a clause or place says less, never something wrong.
"""

from __future__ import annotations

import re

from calculators.core.params import ParameterSet
from calculators.ui.forms import OTHER_PLACE, jurisdiction_options

from data.documents import PolicyPage, applies_everywhere
from pages.policy import nav_labels

GREEN_CHANNEL = "service.green_channel"
GREEN_CHANNEL_LINKS_MAX = 3


def green_channel_line(params: ParameterSet, pages: dict[str, PolicyPage], up: str = "") -> str:
    """The home page's list item on 绿色通道, linking each clause a place offered to residents cites for it;
    empty when no such place has one (the item is left out)."""
    labels = nav_labels(list(pages.values()))
    links: list[str] = []
    for j, _ in jurisdiction_options(params):
        for entry in (params.jurisdictions[j].get("parameters") or {}).get(GREEN_CHANNEL, []):
            doc, _, anchor = str(entry.get("clause") or "").partition("#")
            page = pages.get(doc)
            if entry.get("value") is not True or page is None:
                continue
            clause = page.clause(anchor) if anchor else None
            link = f"[{labels[doc]}{clause.cite if clause else ''}]({up}policies/{doc}.md{'#' + anchor if anchor else ''})"
            if link not in links:
                links.append(link)
    if not links:
        return ""
    more = "等" if len(links) > GREEN_CHANNEL_LINKS_MAX else ""
    return f"- 60 周岁以上老人、重度残疾人等，部分地区开通了**绿色通道**（见{'、'.join(links[:GREEN_CHANNEL_LINKS_MAX])}{more}）。"


RE_EXAMPLE_ANCHORS = (re.compile(r"^s\d+-\d+-\d+$"), re.compile(r"^s\d+-\d+$"), re.compile(r"^art\d+$"), re.compile(r"^(?!title$)"))


def example_clause(pages: dict[str, PolicyPage]) -> tuple[PolicyPage, str, str] | None:
    """A clause to show addresses with: from a place's document before a national one; within it a nested
    clause (二、（一）8) before a shallower one; None without any clause."""
    for page in sorted(pages.values(), key=lambda p: (applies_everywhere(p), p.doc_id)):
        for pattern in RE_EXAMPLE_ANCHORS:
            for c in page.clauses:
                if pattern.match(c.anchor) and c.cite:
                    return page, c.anchor, c.cite
    return None


def anchor_example(pages: dict[str, PolicyPage]) -> str:
    found = example_clause(pages)
    if found is None:
        return "本站还没有收录文件；收录以后，这里举一个例子。"
    page, anchor, cite = found
    return (f"例如{page.meta['cite_title']}{cite}：\n\n    policies/{page.doc_id}/#{anchor}\n\n"
            f"在站内数据（如 `policy_data/`）中，这一条写作 `{page.doc_id}#{anchor}`。")


def link_examples(params: ParameterSet) -> str:
    """Two campaign links for the first place a resident can pick (其他地区 when there is none yet)."""
    options = jurisdiction_options(params)
    j = next((p for p, _ in options if p != OTHER_PLACE), OTHER_PLACE)
    name = params.name(j) if j in params.jurisdictions else "其他地区"
    return (f"- {name}城市三口之家，一人月工资 1200 元：\n"
            f"  `calculators/dibao/#j={j}&area=urban&n=3&age1=45&wage1=1200&age2=43&age3=12`\n"
            f"- {name}重大疾病临时救助：`calculators/linshi/#j={j}&kind=illness`")
