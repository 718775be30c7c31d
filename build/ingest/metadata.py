# SPDX-License-Identifier: MIT
"""What a document's text says about itself: title, 文号, date, issuer, kind, validity, in-force date, topics.

Read from the 公文 parts (masthead, signature and date), a regulation's 令 line (文号, issuer, 公布日期,
revision), “本办法自…起施行”, a portal's 信息公开 table and the saved page's ``<meta>``; what the rules cannot
decide goes to the review list, unless a person supplies it in the overrides' ``meta:``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from data.documents import TOPIC_KEYWORDS
from ingest.clauses import is_clause_start
from ingest.lines import RE_DATE_LINE, kind_of

RE_DOC_NUMBER = re.compile(r"[\u4e00-\u9fa5A-Za-z]+[〔\[［(（]\d{4}[〕\]］)）]\d+号")

# A 令 line: “2014年2月21日中华人民共和国国务院令第649号公布” → date, 文号 国务院令第649号, issuer 国务院.
RE_DECREE = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:中华人民共和国)?([\u4e00-\u9fa5]{2,12}?)令\s*"
    r"(第\s*[0-9〇零一二三四五六七八九十百]+\s*号)\s*(?:公布|发布)"
)
# A revision in the 令 line (“根据2019年3月2日《国务院关于修改部分行政法规的决定》修订”): the last one counts.
RE_REVISED = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:(?!\d{4}\s*年)[^　])*?修订")
# “本办法自2021年7月1日起施行” (or, in the 令 line, “自1999年10月1日起施行”): the in-force date.
RE_IN_FORCE = re.compile(
    r"(?:^[（(].*?|本(?:办法|条例|规定|细则|意见|方案|通知|决定|规则|措施|清单)\s*)"
    r"自\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*起\s*(?:施行|执行|实施)"
)
RE_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

ORGAN_END = ("局", "办公室", "人民政府", "委员会", "厅", "部", "委", "中心", "办", "政府")


def unwrap_title(title: str) -> str:
    """A title without the line-wrap spaces of the print layout; the space between two issuing
    organs stays (中共昌乐县委办公室 昌乐县人民政府办公室关于……)."""
    def keep(m: re.Match[str]) -> str:
        left, right = title[: m.start()], title[m.end() :]
        return " " if left.endswith(ORGAN_END) and not right.startswith("关于") else ""

    return re.sub(r"(?<=[\u4e00-\u9fa5》）])\s+(?=[\u4e00-\u9fa5《（])", keep, title)


def _date(m: re.Match[str], at: int = 1) -> dt.date:
    return dt.date(int(m.group(at)), int(m.group(at + 1)), int(m.group(at + 2)))


def derive_meta(title: str, masthead: list[str], lines: list[str], portal: dict[str, str], page: dict[str, str], review: list[str],
                supplied: set[str] | None = None) -> dict[str, Any]:
    """What the text itself says: title, 文号, date, issuer, kind, validity, in-force date.

    ``supplied``: front-matter keys a person gives in the overrides' ``meta:`` — the review list does
    not ask about them.
    """
    supplied = supplied or set()

    def ask(key: str, text: str) -> None:
        if key not in supplied:
            review.append(text)

    meta: dict[str, Any] = {}
    meta["title"] = unwrap_title(title)
    if meta["title"] != title:
        ask("title", f"标题去掉了排版空格：{meta['title']}")
    # A 令 line before the first clause (“2014年2月21日中华人民共和国国务院令第649号公布”).
    head = lines[: next((i for i, s in enumerate(lines) if is_clause_start(s)), len(lines))]
    decree = next((m for s in head for m in [RE_DECREE.search(s)] if m), None)
    docno = portal.get("文号") or portal.get("发文字号") or next((s for s in masthead if RE_DOC_NUMBER.fullmatch(s)), None)
    if not docno and (m := RE_DOC_NUMBER.search(title)):
        docno = m.group(0)
    if not docno and decree:
        docno = decree.group(4) + "令" + "".join(decree.group(5).split())
    meta["doc_number"] = docno
    date: dt.date | int | None = None
    for key in ("生成日期", "成文日期", "发布日期"):
        if key in portal and (m := RE_ISO_DATE.search(portal[key])):
            date = _date(m)
            break
    date_at = next((i for i, s in enumerate(lines) if RE_DATE_LINE.match(s)), None)
    if date is None and date_at is not None:
        date = _date(RE_DATE_LINE.match(lines[date_at]))  # type: ignore[arg-type]
    if date is None and decree:
        date = _date(decree)
        meta["date_label"] = "公布日期"
    if date is None and page.get("PubDate") and (m := RE_ISO_DATE.search(page["PubDate"])):
        date = _date(m)
    if date is None and (m := re.search(r"(20\d{2})年", title)):
        date = int(m.group(1))
        ask("date", f"日期只从标题读到年份：{date}")
    elif date is None:
        ask("date", "没有找到成文日期，date 留空。")
    meta["date"] = date
    # Issuer: the signature lines just above the date, else the organs before 关于 in the title, else the 令's organ.
    issuer = ""
    if date_at is not None:
        sig: list[str] = []
        for s in reversed(lines[:date_at]):
            if s.endswith(ORGAN_END) and len(s) <= 20:
                sig.insert(0, s)
            else:
                break
        issuer = "、".join(sig)
    if not issuer and "关于" in meta["title"]:
        head_organs = meta["title"].split("关于")[0].strip()
        if head_organs.endswith(ORGAN_END):
            issuer = "、".join(head_organs.split())
    if not issuer and decree:
        issuer = decree.group(4)
    if not issuer and page.get("ContentSource"):
        issuer = page["ContentSource"]
    if not issuer:
        ask("issuer", "没有找到发文机关（落款），issuer 请手填。")
    meta["issuer"] = issuer or "原文未署名"
    valid = portal.get("是否有效") or portal.get("有效性")
    meta["validity"] = f"有效（原页面标注“是否有效：{valid}”）" if valid in ("是", "有效") else (f"原页面标注“{valid}”" if valid else "原文未注明")
    in_force = next((m for s in lines for m in [RE_IN_FORCE.search(s)] if m), None)
    if in_force:
        meta["valid_from"] = _date(in_force)
    revised = [m for s in head for m in RE_REVISED.finditer(s)]
    if revised:
        meta["revised"] = _date(revised[-1])
    m = re.search(r"印发《(.+)》的通知", meta["title"])
    name = m.group(1) if m else re.sub(r"^.*?(?=关于)", "", meta["title"]) if "关于" in meta["title"] else meta["title"]
    name = name.replace("<", "〈").replace(">", "〉")
    meta["kind"] = kind_of(name) or kind_of(meta["title"]) or "文件"
    meta["cite_title"] = f"《{name}》" + (f"（{docno}）" if docno else "")
    meta["short_title"] = name if len(name) <= 30 else name[:30]
    if len(name) > 30:
        ask("short_title", f"简称（short_title）截成了前 30 字，请改写：{meta['short_title']}")
    if portal.get("索引号"):
        meta["index_number"] = portal["索引号"]
    return meta


def topics_of(text: str) -> list[str]:
    return [t for t, words in TOPIC_KEYWORDS.items() if any(w in text for w in words)]
