# SPDX-License-Identifier: MIT
"""Rules over a source's lines, before structure: what is page furniture, and where a paragraph was broken.

Page furniture (bookmarks, 来源/浏览量 bars, a portal's 信息公开 table — read into the front matter first —, a
truncated summary, footer lines) is dropped and listed; Markdown markup of an extraction is removed
(``normalise_line``); lines broken by page or column ends are re-joined (``join_broken_lines``), never before a
clause or a date, nor onto a short title line.  A new kind of furniture or a new joining rule goes here.
"""

from __future__ import annotations

import re

from ingest.clauses import SENTENCE_END, is_clause_start

CONNECTIVE_END = tuple("和及与或、，,")
OPENERS, CLOSERS = "《（(〔【“<", "》）)〕】”>"

RE_DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
RE_DATE_START = re.compile(r"^[（(]?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")

# 公文 kinds, longest first: the end of a title says what the document is.
KINDS = (
    "责任分工方案", "工作任务清单", "重点工作任务清单", "行动方案", "实施方案", "工作方案", "实施意见", "指导意见",
    "实施细则", "管理办法", "实施办法", "任务清单", "若干措施", "办法", "细则", "规定", "意见", "方案", "清单", "措施",
    "通知", "决定", "条例",
)

# Government-portal metadata table: label → front-matter key (None: read, not kept).
PORTAL_FIELDS = {
    "索引号": "index_number", "信息分类": None, "主题分类": None, "发布机构": None, "发文机关": None,
    "生成日期": "date", "成文日期": "date", "发布日期": None, "文号": "doc_number", "发文字号": "doc_number",
    "名称": None, "标题": None, "是否有效": "validity", "有效性": "validity",
}
RE_PORTAL = re.compile(r"(" + "|".join(r"\s*".join(k) for k in PORTAL_FIELDS) + r")\s*[:：]\s*([^\t]*)")
RE_INFO_BAR = re.compile(r"(来源|作者|更新时间|发布时间|时间|浏览量|浏览次数|点击数|阅读数|字号)\s*[:：]")
RE_FOOTER = re.compile(r"(打印本页|关闭窗口|【打印】|【关闭】|分享到|扫一扫在手机|主办单位[:：]|ICP备|网站标识码|公网安备)")


def furniture_reason(line: str, title: str) -> str:
    """Why a line is page furniture rather than document text ("" if it is text)."""
    s = line.strip()
    if s.startswith("[bookmark:"):
        return "书签标记"
    if RE_PORTAL.match(s) and (len(RE_PORTAL.findall(s)) > 1 or "\t" in line or re.match(r"^\S(\s+\S){1,3}\s*[:：]", s) or len(s) < 60):
        return "网站信息公开栏"
    if len(RE_INFO_BAR.findall(s)) >= 2:
        return "网页信息栏（来源、浏览量等）"
    if s.endswith(("...", "…")) and (len(s) > 80 or (title and s.startswith(title[:10]))):
        return "截断的摘要"
    if RE_FOOTER.search(s) and len(s) < 80:
        return "网页页脚"
    return ""


def portal_fields(lines: list[str]) -> dict[str, str]:
    """Values of a portal metadata table (索引号, 文号, 生成日期, 是否有效 …)."""
    out: dict[str, str] = {}
    for ln in lines:
        for label, value in RE_PORTAL.findall(ln.strip()):
            key = re.sub(r"\s+", "", label)
            value = value.strip()
            if value and key not in out:
                out[key] = value
    return out


def _brackets(text: str) -> tuple[int, bool]:
    """(brackets left open at the end, whether a closing bracket came with none open)."""
    depth, stray = 0, False
    for ch in text:
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            stray = stray or depth == 0
            depth = max(0, depth - 1)
    return depth, stray


def brackets_open(text: str) -> bool:
    return _brackets(text)[0] > 0


def closes_unopened(text: str) -> bool:
    return _brackets(text)[1]


def is_title_line(line: str) -> bool:
    """A short line naming a document (……责任分工方案): a heading, never joined onto."""
    return bool(kind_of(line)) and len(line) <= 45 and not brackets_open(line) and "，" not in line and not line.endswith(CONNECTIVE_END)


def continues(prev: str, nxt: str, min_len: int = 25) -> bool:
    """Does ``nxt`` continue the paragraph ``prev`` (split by a page break)?"""
    if prev.endswith(SENTENCE_END) or is_clause_start(nxt) or RE_DATE_START.match(nxt) or RE_DATE_LINE.match(prev):
        return False
    if is_title_line(prev):
        return False
    return len(prev) >= min_len or brackets_open(prev) or closes_unopened(nxt) or prev.endswith(CONNECTIVE_END)


def looks_cut(line: str, min_len: int = 25) -> bool:
    """A line that stops where a page or column ended: long, no sentence end, no bracket left open, no title."""
    return len(line) >= min_len and not line.endswith(SENTENCE_END) and not brackets_open(line) and not is_title_line(line)


def blank_lines_are_paragraphs(lines: list[str], start: int = 0) -> bool:
    """Does the source separate paragraphs with blank lines?  Yes when it has blank lines and no line
    (from ``start``) before one looks cut; an extraction with a blank line after every printed line has cut ones."""
    before_blank = [lines[i] for i in range(start, len(lines) - 1) if lines[i] and lines[i + 1] == ""]
    return bool(before_blank) and not any(looks_cut(s) for s in before_blank)


def join_broken_lines(lines: list[str], protect: int) -> list[str]:
    """Re-join paragraphs split by page breaks; the first ``protect`` lines (masthead, title) stay whole.

    ``lines`` may hold ``""`` for the source's blank lines.  Where the source separates paragraphs with
    blank lines, a blank line ends the paragraph unless the line before it leaves a bracket open (a title
    broken inside 《…》); elsewhere blank lines say nothing and the rules alone decide.
    """
    text_at = [i for i, s in enumerate(lines) if s]
    paragraphs = blank_lines_are_paragraphs(lines, text_at[protect] if protect < len(text_at) else len(lines))
    out: list[str] = []
    gap = False
    for s in lines:
        if not s:
            gap = bool(out)
            continue
        after_blank, gap = gap, False
        if len(out) > protect and continues(out[-1], s) and not (paragraphs and after_blank and not brackets_open(out[-1])):
            out[-1] += s
        else:
            out.append(s)
    return out


def kind_of(name: str) -> str:
    name = re.sub(r"[（(][^（）()]*[）)]$", "", name)  # ……办法（试行）
    return next((k for k in KINDS if name.endswith(k)), "")


RE_MD_MARKER = re.compile(r"^(?:#+\s*|[-*+>]\s+)")


def normalise_line(line: str) -> str:
    """A line without the Markdown markers of an extraction: a heading's ``#``, a list's ``- ``, a quote's ``> ``."""
    return RE_MD_MARKER.sub("", line.strip())
