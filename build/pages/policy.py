# SPDX-License-Identifier: MIT
"""Policy pages: the metadata card, the policy index, the nav entries and the anchor list.

Pure functions over the documents read by ``data/documents.py``; the MkDocs hook
(``build/hooks.py``) only calls them.  Nothing here depends on MkDocs.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from data.documents import POLICY_DIR, TOPIC_KEYWORDS, PolicyPage, PolicyPageError, applies_everywhere


def format_date(value: Any) -> str:
    """ISO date (or a bare year) → 2021年9月18日 for display."""
    if value is None or value == "":
        return "原文未注明"
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, int):
        return f"{value}年"
    return str(value)


def metadata_card(meta: dict[str, Any]) -> str:
    """The block shown above a document: who issued it, when, is it in force, where the text comes from.

    ``not_in_text`` (front matter) says, per field, that a value is not printed in the text we have
    (a transcription without its 文号 or signature) and where it comes from; the card shows that note
    with the value, or instead of it.
    """
    notes = meta.get("not_in_text") or {}

    def shown(key: str, value: Any, missing: str) -> str:
        note = notes.get(key)
        if value in (None, ""):
            return str(note) if note else missing
        return f"{value}（{note}）" if note else str(value)

    rows: list[tuple[str, Any]] = [
        ("发布机关", shown("issuer", meta.get("issuer"), "原文未署名")),
        ("文号", shown("doc_number", meta.get("doc_number"), "原文无文号")),
        (meta.get("date_label") or "成文日期", shown("date", format_date(meta.get("date")) if meta.get("date") else None, "原文未注明")),
    ]
    start, end = meta.get("valid_from"), meta.get("valid_until")
    if end:
        rows.append(("有效期", f"{format_date(start) + '至' if start else '至'}{format_date(end)}"))
    elif start or notes.get("valid_from"):
        rows.append(("施行日期", shown("valid_from", format_date(start) if start else None, "")))
    if meta.get("revised"):
        rows.append(("修订日期", format_date(meta["revised"])))
    rows += [
        ("是否有效", meta.get("validity") or "原文未注明"),
        ("适用地区", meta.get("jurisdiction")),
        ("文件类型", meta.get("kind")),
    ]
    if meta.get("index_number"):
        rows.append(("索引号", meta["index_number"]))
    if meta.get("text_source"):
        rows.append(("文本来源", meta["text_source"]))
    dl = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(str(v))}</dd>" for k, v in rows)
    note = html.escape(str(meta.get("source_note", "")))
    return (
        '<section class="doc-meta" data-search-exclude aria-label="文件信息">'
        f'<dl class="doc-meta__list">{dl}</dl>'
        f'<p class="doc-meta__note">本站不是政府网站。正文照录原文，仅供查阅；{note}</p>'
        "</section>"
    )


def policy_index(pages: dict[str, PolicyPage]) -> str:
    """Markdown for the policy index: by county, by year and by topic (at scale: places and years)."""
    docs = sorted(pages.values(), key=lambda p: (str(p.meta.get("jurisdiction")), str(p.meta.get("date"))))
    if grouped(pages):
        return _index_by_place(docs)
    out = ["## 按地区 {#by-county}", ""]
    for p in docs:
        number = f"（{p.meta['doc_number']}）" if p.meta.get("doc_number") else ""
        place = "" if applies_everywhere(p) else f"（[本地文件与测算](../places/{place_of(p)}.md)）"
        out.append(f"- **{p.meta['jurisdiction']}**：[{p.meta['short_title']}]({p.doc_id}.md){number}，{format_date(p.meta.get('date'))}{place}")
    out += ["", "## 按年份 {#by-year}", ""]
    by_year: dict[str, list[PolicyPage]] = {}
    for p in docs:
        d = p.meta.get("date")
        year = str(d.year if isinstance(d, dt.date) else d) if d else "年份不详"
        by_year.setdefault(year, []).append(p)
    for year in sorted(by_year, key=lambda y: (not y[:4].isdigit(), y), reverse=False):
        links = "、".join(f"[{p.meta['short_title']}]({p.doc_id}.md)" for p in by_year[year])
        out.append(f"- **{year}**：{links}")
    out += ["", "## 按主题 {#by-topic}", "", "每个主题列出标题里提到它的条款，点击直达该条。", ""]
    for topic, words in TOPIC_KEYWORDS.items():
        hits = [
            (p, c)
            for p in docs
            for c in p.clauses
            if c.cite and any(w in c.title for w in words)
        ]
        if not hits:
            continue
        out.append(f"### {topic} {{#topic-{topic_slug(topic)}}}")
        out.append("")
        for p, c in hits:
            out.append(f"- [{p.meta['short_title']} {c.cite}]({p.doc_id}.md#{c.anchor})：{c.title}")
        out.append("")
    return "\n".join(out)


NAV_GROUP_OVER = 12  # more documents than this: the nav groups them by place


def nav_label(page: PolicyPage) -> str:
    """The short nav entry: front matter ``nav_title``, else place + kind (枞阳县行动方案)."""
    meta = page.meta
    if meta.get("nav_title"):
        return str(meta["nav_title"])
    place = str(meta["jurisdiction"]).split("（")[0]
    return f"{place}{meta['kind']}"


def nav_labels(pages: list[PolicyPage]) -> dict[str, str]:
    """Nav entries by doc id; where place + kind is not unique (three 全国办法), the short title instead."""
    labels = {p.doc_id: nav_label(p) for p in pages}
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    return {p.doc_id: (str(p.meta["short_title"]) if counts[labels[p.doc_id]] > 1 and not p.meta.get("nav_title") else labels[p.doc_id])
            for p in pages}


def _date_key(page: PolicyPage) -> tuple[int, str, str]:
    d = page.meta.get("date")
    text = d.isoformat() if isinstance(d, dt.date) else str(d or "")
    return (0 if text else 1, text, page.doc_id)


def place_of(page: PolicyPage) -> str:
    return str(page.meta["county"])


def place_name(page: PolicyPage, names: dict[str, str]) -> str:
    return names.get(place_of(page)) or str(page.meta["jurisdiction"]).split("（")[0]


def grouped(pages: dict[str, PolicyPage]) -> bool:
    """Past ``NAV_GROUP_OVER`` documents the nav lists places (``places/<id>/``), not documents:
    every page carries the whole nav, so thousands of entries would cost every page and the build."""
    return len(pages) > NAV_GROUP_OVER


def policy_nav(pages: dict[str, PolicyPage], place_names: dict[str, str] | None = None) -> list[Any]:
    """Nav entries for the policy pages, from their front matter: oldest first, undated last;
    once there are more than ``NAV_GROUP_OVER``, one entry per place, after a section (全国) with the
    national documents themselves (they have no place page)."""
    docs = sorted(pages.values(), key=_date_key)
    labels = nav_labels(docs)
    if not grouped(pages):
        return [{labels[p.doc_id]: f"{POLICY_DIR}/{p.doc_id}.md"} for p in docs]
    names = place_names or {}
    out: list[Any] = []
    national = [p for p in docs if applies_everywhere(p)]
    for j in sorted({place_of(p) for p in national}):
        group = [p for p in national if place_of(p) == j]
        out.append({place_name(group[0], names): [{labels[p.doc_id]: f"{POLICY_DIR}/{p.doc_id}.md"} for p in group]})
    places = sorted({place_of(p) for p in docs if not applies_everywhere(p)}, key=lambda j: (names.get(j, j), j))
    return out + [{names.get(j, j): f"places/{j}.md"} for j in places]


def fill_nav(nav: list[Any], pages: dict[str, PolicyPage], place_names: dict[str, str] | None = None) -> list[Any]:
    """Put the policy pages into the nav section that starts with ``policies/index.md``."""
    index = f"{POLICY_DIR}/index.md"
    for item in nav:
        if isinstance(item, dict):
            for _label, section in item.items():
                if isinstance(section, list) and section and section[0] == index:
                    section[1:] = policy_nav(pages, place_names)
                    return nav
    raise PolicyPageError(f"mkdocs.yml 的 nav 里没有以 {index} 开头的一节 / no nav section starts with {index}")


def _index_by_place(docs: list[PolicyPage]) -> str:
    """A province's index: the national documents one by one, then one line per place (its page lists
    the documents), and the years."""
    places: dict[str, list[PolicyPage]] = {}
    for p in docs:
        places.setdefault(place_of(p), []).append(p)
    local = {j: ps for j, ps in places.items() if not applies_everywhere(ps[0])}
    out = ["## 按地区 {#by-county}", "", f"共 {len(docs)} 份文件，{len(places)} 个地区。点地区名查看该地的文件和测算工具；找条款请用[搜索](../search.md)。", ""]
    for ps in (ps for j, ps in sorted(places.items()) if j not in local):
        out.append(f"- **{ps[0].meta['jurisdiction']}**（各地都适用）：{len(ps)} 份")
        for p in sorted(ps, key=_date_key):
            number = f"（{p.meta['doc_number']}）" if p.meta.get("doc_number") else ""
            out.append(f"    - [{p.meta['short_title']}]({p.doc_id}.md){number}，{format_date(p.meta.get('date'))}")
    for j, ps in sorted(local.items(), key=lambda kv: str(kv[1][0].meta["jurisdiction"])):
        out.append(f"- [{ps[0].meta['jurisdiction']}](../places/{j}.md)：{len(ps)} 份")
    years: dict[str, int] = {}
    for p in docs:
        d = p.meta.get("date")
        year = str(d.year if isinstance(d, dt.date) else d) if d else "年份不详"
        years[year] = years.get(year, 0) + 1
    out += ["", "## 按年份 {#by-year}", ""] + [f"- **{y}**：{n} 份" for y, n in sorted(years.items())]
    return "\n".join(out) + "\n"


def topic_slug(topic: str) -> str:
    return {
        "低保": "dibao",
        "特困": "tekun",
        "临时救助": "linshi",
        "医疗": "yiliao",
        "教育": "jiaoyu",
        "住房": "zhufang",
        "就业": "jiuye",
        "服务类救助": "fuwu",
        "监测预警": "jiance",
        "受灾": "shouzai",
        "流浪乞讨": "liulang",
    }[topic]


ANCHOR_LIST_MAX = 3000  # more anchors than this: the anchor list is one line per document


def anchors_compact(pages: dict[str, PolicyPage]) -> bool:
    """Past ``ANCHOR_LIST_MAX`` anchors (a province's tens of thousands) the anchor list names documents only and
    the full list is ``about/anchors.json``; below it every clause is listed, so each can be found and linked."""
    return sum(len(p.clauses) for p in pages.values()) > ANCHOR_LIST_MAX


def anchor_table(pages: dict[str, PolicyPage], up: str = "") -> str:
    """Markdown table of every clause anchor; ``up`` is the path back to docs/.  At scale (tens of
    thousands of anchors) one line per document, and the full list as ``about/anchors.json``."""
    if anchors_compact(pages):
        out = ["完整的锚点清单（每份文件的每个锚点）见 [anchors.json](anchors.json)（与 `build/anchors.lock.json` 相同）。", "",
               "| 文件 | 页面地址 | 锚点数 |", "| --- | --- | ---: |"]
        out += [f"| [{p.meta['short_title']}]({up}{POLICY_DIR}/{d}.md) | `{POLICY_DIR}/{d}/` | {len(p.clauses)} |" for d, p in pages.items()]
        return "\n".join(out) + "\n"
    out = []
    for doc_id, page in pages.items():
        out += [f"### {page.meta['short_title']} {{#anchors-{doc_id}}}", ""]
        out += [f"页面地址：`{POLICY_DIR}/{doc_id}/`，条款引用写作 `{doc_id}#锚点`。", ""]
        out += ["| 锚点 | 引用位置 | 条款标题 |", "| --- | --- | --- |"]
        for c in page.clauses:
            title = (c.title if len(c.title) <= 40 else c.title[:40] + "…").replace("|", "\\|")  # an item: its opening
            out.append(f"| [`{c.anchor}`]({up}{POLICY_DIR}/{doc_id}.md#{c.anchor}) | {c.cite or '—'} | {title} |")
        out.append("")
    return "\n".join(out)
