# SPDX-License-Identifier: MIT
"""Add a policy document to the site with one command, no code::

    python build/add_document.py SOURCE --id DOC_ID --jurisdiction J [--url URL] [--force]

SOURCE is the text as received: ``.txt`` (UTF-8 or GB18030), ``.docx`` or a saved web
page (``.html``).  The tool copies it to ``tests/sources/`` (the faithful-text test
compares the published page with it), writes ``docs/policies/DOC_ID.md`` and records
the new clause anchors in ``build/anchors.lock.json`` and the page address in
``build/pages.lock.json``.  It then prints a short review list: what the rules could
not decide (a title split over lines, an issuer guessed from the signature …).

Everything is decided by rules over the text, the same for every document:

* **page furniture** is dropped: bookmarks, "来源/作者/更新时间/浏览量/字号" bars, the
  government-portal metadata table (索引号, 发布机构, 文号, 是否有效 … — read into the
  front matter first), a truncated summary ending in "…", print/close/ICP footer lines;
* **the 公文 parts**: masthead (发文机关 + 文号 above the title), title, signature and
  date, and a plan attached to a 印发 notice (the line after the date that names a
  方案/意见/办法 …) which becomes its own heading ``#plan``;
* **the clause hierarchy**, both families: 一、/（一）/1./（1） → ``s2``, ``s2-1``,
  ``s2-1-8``, ``s2-1-8-1``; 第X章/第X节/第X条 and the （一） items of an article →
  ``ch1``, ``ch1-2``, ``art5``, ``art5-1`` (articles are numbered through the whole
  text, so ``art5`` is unique).  An article's items are whole paragraphs with their
  marker, each anchored, all alike; a 款 after an item list is anchored too (``art8-k2``,
  第八条第二款; its items ``art8-k2-1``);
* **the 令 line** of a regulation (“2014年2月21日中华人民共和国国务院令第649号公布　根据
  2019年3月2日…修订”): 文号, issuer, 公布日期 and revision; “本办法自…起施行” → ``valid_from``;
* **tables** (rows of tab-indented cells, as 怀远's task list): a numbered row becomes a
  clause ``task-N`` (cited 第N项) with the other columns as a definition list;
* lines broken by page breaks are re-joined (a line that does not end a sentence
  continues when it is long, leaves a bracket open or ends on a connective) — never before
  a line starting with a date, nor across a blank line where the source separates its
  paragraphs with blank lines (unless a bracket is left open);
* Markdown markup of an extraction (``#``, ``- ``, ``> `` at a line's start; a chapter
  heading run together with its first article) is not text.

What a person must decide is data, in an optional overrides file next to the source
(``tests/sources/DOC_ID.yaml``): ``furniture`` (more lines to drop), ``keep`` (lines the
rules would drop), ``editor_notes`` (``after`` + ``text``), ``meta`` (front-matter
values: corrections and additions).  Re-importing an existing page (``--force``) keeps its
front matter and sets every ``meta`` value over it, so a correction is made once, in
``meta``, and survives every re-import; the review list does not ask about a value
``meta`` supplies.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from data.documents import TOPIC_KEYWORDS
from pages import anchors, urls

ROOT = Path(__file__).resolve().parents[2]
SOURCES_DIR = ROOT / "tests" / "sources"
POLICIES_DIR = ROOT / "docs" / "policies"
JURISDICTIONS_DIR = ROOT / "policy_data" / "jurisdictions"

CN_NUM = "零一二三四五六七八九"
CN_CHARS = "零〇一二三四五六七八九十百"

RE_L1 = re.compile(r"^([一二三四五六七八九十]+)、\s*(.*)$")
RE_L2 = re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*(.*)$")
RE_L3 = re.compile(r"^(\d{1,2})[.．]\s*(\D.*)$")
RE_L4 = re.compile(r"^[（(](\d{1,2})[）)]\s*(.*)$")
RE_CHAPTER = re.compile(rf"^第([{CN_CHARS}]+)章\s*(.*)$")
RE_SECTION = re.compile(rf"^第([{CN_CHARS}]+)节\s*(.*)$")
RE_ARTICLE = re.compile(rf"^第([{CN_CHARS}]+)条\s*(.*)$")
CLAUSE_STARTS = (RE_L1, RE_L2, RE_L3, RE_L4, RE_CHAPTER, RE_SECTION, RE_ARTICLE)
# A chapter heading run together with its first article by the extraction (“第十章　社会力量参与第五十二条　国家……”).
RE_HEADING_WITH_ARTICLE = re.compile(rf"^(第[{CN_CHARS}]+[章节][^。；，：]*?)\s*(第[{CN_CHARS}]+条[\s\u3000].*)$")

SENTENCE_END = tuple("。：:；！？”）)")
CONNECTIVE_END = tuple("和及与或、，,")
OPENERS, CLOSERS = "《（(〔【“<", "》）)〕】”>"
RE_DOC_NUMBER = re.compile(r"[\u4e00-\u9fa5A-Za-z]+[〔\[［(（]\d{4}[〕\]］)）]\d+号")
RE_DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
RE_DATE_START = re.compile(r"^[（(]?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
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
# 公文 kinds, longest first: the end of a title says what the document is.
KINDS = (
    "责任分工方案", "工作任务清单", "重点工作任务清单", "行动方案", "实施方案", "工作方案", "实施意见", "指导意见",
    "实施细则", "管理办法", "实施办法", "任务清单", "若干措施", "办法", "细则", "规定", "意见", "方案", "清单", "措施",
    "通知", "决定", "条例",
)
ORGAN_END = ("局", "办公室", "人民政府", "委员会", "厅", "部", "委", "中心", "办", "政府")

# Government-portal metadata table: label → front-matter key (None: read, not kept).
PORTAL_FIELDS = {
    "索引号": "index_number", "信息分类": None, "主题分类": None, "发布机构": None, "发文机关": None,
    "生成日期": "date", "成文日期": "date", "发布日期": None, "文号": "doc_number", "发文字号": "doc_number",
    "名称": None, "标题": None, "是否有效": "validity", "有效性": "validity",
}
RE_PORTAL = re.compile(r"(" + "|".join(r"\s*".join(k) for k in PORTAL_FIELDS) + r")\s*[:：]\s*([^\t]*)")
RE_INFO_BAR = re.compile(r"(来源|作者|更新时间|发布时间|时间|浏览量|浏览次数|点击数|阅读数|字号)\s*[:：]")
RE_FOOTER = re.compile(r"(打印本页|关闭窗口|【打印】|【关闭】|分享到|扫一扫在手机|主办单位[:：]|ICP备|网站标识码|公网安备)")

# Non-numbered table rows with a fixed anchor.
ROW_LABELS = {"备注": "remarks", "说明": "notes", "合计": "total"}
BLANK_CELL = '<span class="editor-note">（原表此栏空白）</span>'


class SourceError(ValueError):
    """A source the tool cannot import: the message says what to fix."""


# ---------------------------------------------------------------------------
# Reading the source
# ---------------------------------------------------------------------------


def read_source(path: Path) -> tuple[list[str], dict[str, str]]:
    """The source as lines (tables as blank-line separated rows of ``\\t`` cells) and any page metadata."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path), {}
    if suffix in (".html", ".htm"):
        return read_html(path.read_bytes())
    if suffix not in (".txt", ".md", ""):
        raise SourceError(f"{path}: 只能读取 .txt、.docx 或 .html 文件 / unsupported file type {suffix}")
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding).splitlines(), {}
        except UnicodeDecodeError:
            continue
    raise SourceError(f"{path}: 文件编码无法识别（应为 UTF-8 或 GB18030）")


def table_lines(rows: list[list[str]]) -> list[str]:
    out = [""]
    for row in rows:
        out += ["\t" + cell for cell in row] + [""]
    return out


def read_docx(path: Path) -> list[str]:
    import docx  # python-docx, only needed for .docx sources
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            lines.append(item.text)
        elif isinstance(item, Table):
            rows = []
            for row in item.rows:
                cells, seen = [], set()
                for cell in row.cells:  # a merged cell appears once per grid column
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append("".join(p.text for p in cell.paragraphs).strip())
                rows.append(cells)
            lines += table_lines(rows)
    return lines


class _PageText(HTMLParser):
    """Text of a saved web page: block elements are lines, table cells ``\\t`` lines."""

    SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "select", "button", "noscript"}
    BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "table", "tr", "dd", "dt", "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skip = 0
        self.meta: dict[str, str] = {}
        self.in_title = False
        self.title = ""
        self.rows: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.table_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and a.get("name") and a.get("content"):
            self.meta[a["name"]] = a["content"]
        if tag == "title":
            self.in_title = True
        if tag in self.SKIP:
            self.skip += 1
        if self.skip:
            return
        if tag == "table":
            self.table_depth += 1
            if self.table_depth == 1:
                self.rows = []
        elif tag == "tr" and self.rows is not None and self.table_depth == 1:
            self.rows.append([])
        elif tag in ("td", "th") and self.rows is not None and self.table_depth == 1:
            self.cell = []
        elif tag in self.BLOCK and self.cell is None:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in ("td", "th") and self.cell is not None and self.rows:
            self.rows[-1].append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
            self.cell = None
        elif tag == "table":
            self.table_depth -= 1
            if self.table_depth == 0 and self.rows is not None:
                self.lines += table_lines([r for r in self.rows if any(r)])
                self.rows = None
                self.lines.append("")
        elif tag in self.BLOCK and self.cell is None:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        else:
            self.lines[-1] += data.replace("\n", " ")


def read_html(data: bytes) -> tuple[list[str], dict[str, str]]:
    head = data[:4096].decode("ascii", "ignore").lower()
    m = re.search(r'charset=["\']?([a-z0-9_-]+)', head)
    encoding = m.group(1) if m else "utf-8"
    try:
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        text = data.decode("gb18030", "replace")
    parser = _PageText()
    parser.feed(text)
    parser.close()
    lines = [ln if ln.startswith("\t") else ln.replace("\xa0", " ").strip() for ln in parser.lines]
    meta = dict(parser.meta)
    title = meta.get("ArticleTitle") or parser.title.split("_")[0].split("-")[0].strip()
    # A portal page repeats menus before the document: start at its title.
    start = next((i for i, ln in enumerate(lines) if title and ln.strip() == title), 0)
    meta["title"] = title
    return lines[start:], meta


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------


def cn_to_int(text: str) -> int:
    """A Chinese numeral up to 999 (一, 十二, 二十, 一百零五) as an int."""
    text = text.replace("〇", "零")
    total, current = 0, 0
    for ch in text:
        if ch in CN_NUM:
            current = CN_NUM.index(ch)
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def is_clause_start(line: str) -> bool:
    return any(r.match(line) for r in CLAUSE_STARTS)


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


def split_title(body: str, limit: int = 60) -> tuple[str, str]:
    """Split a clause into its lead sentence and the rest.

    Policy clauses usually open with a short title sentence ("完善最低生活保障
    制度。") followed by the substance.  When the first sentence is long, the
    clause has no title sentence and the whole text stays in the body.
    """
    m = re.search(r"[。；]", body)
    if m and m.end() <= limit and m.end() < len(body):
        return body[: m.end()], body[m.end() :].strip()
    if m and m.end() == len(body) and len(body) <= limit:
        return body, ""
    return "", body


def kind_of(name: str) -> str:
    name = re.sub(r"[（(][^（）()]*[）)]$", "", name)  # ……办法（试行）
    return next((k for k in KINDS if name.endswith(k)), "")


def escape_md(text: str) -> str:
    """Escape the few characters in policy text that Markdown treats as markup."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([*_`\[\]\\])", r"\\\1", text)


# ---------------------------------------------------------------------------
# Structure
# ---------------------------------------------------------------------------


@dataclass
class Block:
    kind: str  # "h1" | "heading" | "para" | "clause" (an anchored paragraph: an article's item or 款) | "raw"
    text: str = ""
    level: int = 0
    anchor: str = ""
    cite: str = ""


def heading_with_body(prefix: str, rest: str, level: int, anchor: str, cite: str) -> list[Block]:
    title, body = split_title(rest)
    if not title and not body.endswith(SENTENCE_END):
        title, body = rest, ""  # a heading-only line
    out = [Block("heading", prefix + title, level, anchor, cite)]
    if body:
        out.append(Block("para", body))
    return out


def structure_numbered(lines: list[str]) -> list[Block]:
    """一、 / （一） / 1. / （1）: ids ``s2``, ``s2-1``, ``s2-1-8``, ``s2-1-8-1``; cite ``二、（一）8（1）``."""
    blocks: list[Block] = []
    n1 = n2 = n3 = 0
    l1 = l2 = l3 = ""
    for s in lines:
        if m := RE_L1.match(s):
            n1, n2, n3 = cn_to_int(m.group(1)), 0, 0
            l1, l2, l3 = f"{m.group(1)}、", "", ""
            blocks += heading_with_body(s[: len(s) - len(m.group(2))], m.group(2), 0, f"s{n1}", l1)
        elif m := RE_L2.match(s):
            n2, n3, l3 = cn_to_int(m.group(1)), 0, ""
            l2 = f"（{m.group(1)}）"
            anchor = f"s{n1}-{n2}" if n1 else f"p{n2}"
            blocks += heading_with_body(s[: len(s) - len(m.group(2))], m.group(2), 1, anchor, l1 + l2)
        elif (m := RE_L3.match(s)) and n1:
            n3 = int(m.group(1))
            l3 = str(n3)
            anchor = f"s{n1}-{n2}-{n3}" if n2 else f"s{n1}-{n3}"
            blocks += heading_with_body(s[: len(s) - len(m.group(2))], m.group(2), 2 if n2 else 1, anchor, l1 + l2 + l3)
        elif (m := RE_L4.match(s)) and n3:
            k = int(m.group(1))
            base = f"s{n1}-{n2}-{n3}" if n2 else f"s{n1}-{n3}"
            blocks += heading_with_body(s[: len(s) - len(m.group(2))], m.group(2), 3 if n2 else 2, f"{base}-{k}", f"{l1}{l2}{l3}（{k}）")
        else:
            blocks.append(Block("para", s))
    return blocks


def int_to_cn(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (款 numbers)."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else CN_NUM[tens]) + "十" if tens else "") + (CN_NUM[ones] if ones or not tens else "")


def is_article_break(line: str) -> bool:
    return bool(RE_CHAPTER.match(line) or RE_SECTION.match(line) or RE_ARTICLE.match(line))


def article_blocks(art: int, numeral: str, paragraphs: list[str], level: int) -> list[Block]:
    """One article: its number heads it (``art5``), its 款 are paragraphs, its （一） items anchored paragraphs.

    Every item of an article is rendered the same way, whole, with its marker: ``art5-1`` (第五条第（一）项,
    with 第M款 when the article has several 款).  A 款 that follows an item list is anchored too, ``art5-k3``
    (第五条第三款), so the last item does not run on into it; its own items are ``art5-k3-1``.
    """
    label = f"第{numeral}条"
    blocks = [Block("heading", label, level, f"art{art}", label)]
    kuan_count = sum(1 for p in paragraphs if not RE_L2.match(p)) or 1
    kuan, prefix, after_items = 0, f"art{art}", False
    seen: set[str] = set()
    for p in paragraphs:
        m = RE_L2.match(p)
        if m is None:
            kuan += 1
            if after_items:
                prefix = f"art{art}-k{kuan}"
                blocks.append(Block("clause", p, level + 1, prefix, f"{label}第{int_to_cn(kuan)}款"))
            else:
                blocks.append(Block("para", p))
            continue
        after_items = True
        anchor = f"{prefix}-{cn_to_int(m.group(1))}"
        if anchor in seen:
            raise SourceError(f"{label}的第（{m.group(1)}）项出现两次，而中间没有另起一款；请核对原文 / item listed twice in article {art}")
        seen.add(anchor)
        in_kuan = f"第{int_to_cn(max(kuan, 1))}款" if kuan_count > 1 else ""
        blocks.append(Block("clause", p, level + 1, anchor, f"{label}{in_kuan}第（{m.group(1)}）项"))
    return blocks


def structure_articles(lines: list[str]) -> list[Block]:
    """第X章 / 第X节 / 第X条 / （一）: ids ``ch1``, ``ch1-2``, ``art5``, ``art5-1``; cite ``第五条第（一）项``."""
    blocks: list[Block] = []
    ch = sec = 0
    i = 0
    while i < len(lines):
        s = lines[i]
        if m := RE_CHAPTER.match(s):
            ch, sec = cn_to_int(m.group(1)), 0
            blocks.append(Block("heading", s, 0, f"ch{ch}", f"第{m.group(1)}章"))
        elif m := RE_SECTION.match(s):
            sec = cn_to_int(m.group(1))
            blocks.append(Block("heading", s, 1, f"ch{ch}-{sec}" if ch else f"sec{sec}", f"第{m.group(1)}节"))
        elif m := RE_ARTICLE.match(s):
            end = next((j for j in range(i + 1, len(lines)) if is_article_break(lines[j])), len(lines))
            paragraphs = ([m.group(2)] if m.group(2) else []) + lines[i + 1 : end]
            blocks += article_blocks(cn_to_int(m.group(1)), m.group(1), paragraphs, (1 if ch else 0) + (1 if sec else 0))
            i = end
            continue
        else:
            blocks.append(Block("para", s))
        i += 1
    return blocks


def structure(lines: list[str]) -> list[Block]:
    """The clause hierarchy: 第X条 documents use articles, the others 一、/（一）/1."""
    if sum(1 for s in lines if RE_ARTICLE.match(s)) >= 2:
        return structure_articles(lines)
    return structure_numbered(lines)


def table_rows(raw: list[str]) -> list[list[str]]:
    """Rows of ``\\t`` cells separated by blank lines (怀远's table, a .docx/.html table)."""
    rows: list[list[str]] = []
    cur: list[str] = []
    for ln in raw:
        if ln.strip() == "" and not ln.startswith("\t"):
            if cur:
                rows.append(cur)
            cur = []
        elif ln.startswith("\t"):
            cur.append(ln.strip())
    if cur:
        rows.append(cur)
    return rows


def render_table(rows: list[list[str]]) -> tuple[list[Block], list[str]]:
    """A table as clauses: one heading per row, the other columns as a definition list.

    In a numbered table (first column 序号) row N is the clause ``task-N`` (cited 第N项) headed
    "N + second column"; other rows are headed by their first cell (备注 → ``remarks``, else
    ``row-I``).  Returns the blocks and the header row, whose labels are repeated on every row.
    """
    header, data = rows[0], rows[1:]
    numbered = header[0] in ("序号", "编号")
    blocks: list[Block] = []
    for i, row in enumerate(data, 1):
        first = row[0]
        if numbered and re.fullmatch(r"\d{1,3}", first):
            task = row[1] if len(row) > 1 else ""
            blocks.append(Block("heading", f"{first} {task}".strip(), 0, f"task-{first}", f"第{first}项"))
            labels, cells = header[2:], row[2:]
        else:
            blocks.append(Block("heading", first, 0, ROW_LABELS.get(first, f"row-{i}")))
            labels, cells = header[1:], row[1:]
            if not any(cells):
                blocks.append(Block("raw", '<p class="editor-note">（原表此栏空白）</p>'))
                continue
        cells = cells + [""] * (len(labels) - len(cells))
        dl = ['<dl class="task-fields">']
        for label, value in zip(labels, cells):
            value = value.strip()
            dl.append(f"<dt>{escape_md(label)}</dt><dd>{escape_md(value) if value else BLANK_CELL}</dd>")
        dl.append("</dl>")
        blocks.append(Block("raw", "\n".join(dl)))
    return blocks, header


def render(blocks: list[Block], base_level: int = 2) -> str:
    out: list[str] = []
    for b in blocks:
        if b.kind == "h1":
            out.append(f"# {escape_md(b.text)} {{#title}}")
        elif b.kind == "heading":
            attrs = f"#{b.anchor}" + (f' data-cite="{b.cite}"' if b.cite else "")
            out.append(f"{'#' * (base_level + b.level)} {escape_md(b.text)} {{{attrs}}}")
        elif b.kind == "raw":
            out.append(b.text)
        elif b.kind == "clause":  # attr_list: the attributes on the paragraph's last line
            out.append(f'{escape_md(b.text)}\n{{: #{b.anchor} data-cite="{b.cite}" }}')
        else:
            out.append(escape_md(b.text))
        out.append("")
    return "\n".join(out)


def add_editor_notes(blocks: list[Block], notes: list[dict[str, str]]) -> list[Block]:
    """Insert each editor's note after the first block containing ``after``.

    Notes are visibly marked and excluded from search and from the
    faithful-text comparison (class ``editor-note``).
    """
    for note in notes:
        at = next((i for i, b in enumerate(blocks) if note["after"] in b.text), None)
        if at is None:
            raise SourceError(f"编者注的位置文字在原文中找不到 / editor note anchor text not found: {note['after']!r}")
        blocks.insert(
            at + 1,
            Block(
                "raw",
                '<div class="editor-note" data-search-exclude role="note">'
                f"<p><strong>编者注</strong>　{escape_md(note['text'])}</p></div>",
            ),
        )
    return blocks


@dataclass
class Imported:
    body: str
    meta: dict[str, Any]
    furniture: list[str]
    table_header: list[str]
    review: list[str]


RE_MD_MARKER = re.compile(r"^(?:#+\s*|[-*+>]\s+)")


def normalise_line(line: str) -> str:
    """A line without the Markdown markers of an extraction: a heading's ``#``, a list's ``- ``, a quote's ``> ``."""
    return RE_MD_MARKER.sub("", line.strip())


def import_lines(raw: list[str], overrides: dict[str, Any] | None = None, page_meta: dict[str, str] | None = None) -> Imported:
    """Turn the source lines into the page body and the metadata the rules can read."""
    overrides = overrides or {}
    review: list[str] = []
    keep = set(overrides.get("keep", []))
    extra = list(overrides.get("furniture", []))
    stripped = {ln.strip() for ln in raw}
    for f in extra:
        if f not in stripped:
            raise SourceError(f"要删去的行在原文中找不到 / furniture line not in the source: {f!r}")

    first_text = next((normalise_line(ln) for ln in raw if normalise_line(ln) and normalise_line(ln) != "---"), "")
    furniture: list[str] = []
    body_raw: list[str] = []
    portal_lines: list[str] = []
    for ln in raw:
        s = ln.strip()
        reason = "" if s in keep else ("按替换文件删去" if s in extra else furniture_reason(ln, first_text))
        if reason:
            furniture.append(s)
            if reason == "网站信息公开栏":
                portal_lines.append(ln)
            continue
        body_raw.append(ln)
    portal = portal_fields(portal_lines)

    table_at = next((i for i, ln in enumerate(body_raw) if ln.startswith("\t")), None)
    # The text lines, with "" where the source has a blank line (or a Markdown rule): the join rules read them.
    spaced: list[str] = []
    for ln in body_raw if table_at is None else body_raw[:table_at]:
        s = normalise_line(ln)
        m = RE_HEADING_WITH_ARTICLE.match(s)
        spaced += ["" if s == "---" else s] if m is None else [m.group(1), m.group(2)]
    lines = [s for s in spaced if s]
    if not lines:
        raise SourceError("原文没有可读的文字 / the source has no text")

    # Masthead: 发文机关 and 文号 printed above the title.
    masthead: list[str] = []
    masthead_in_text = False
    docno_at = next((i for i, s in enumerate(lines[:3]) if RE_DOC_NUMBER.fullmatch(s)), None)
    if docno_at is not None and docno_at + 1 < len(lines) and all(s.endswith(ORGAN_END) for s in lines[:docno_at]):
        masthead = lines[: docno_at + 1]
        text_at = [i for i, s in enumerate(spaced) if s]
        spaced = spaced[text_at[docno_at] + 1 :]
    elif docno_at is not None:
        masthead = [lines[docno_at]]  # printed under the title: stays in the text, read as the 文号
        masthead_in_text = True
    title_line = next(s for s in spaced if s)
    lines = join_broken_lines(spaced, protect=1)

    blocks: list[Block] = []
    if masthead and not masthead_in_text:
        blocks.append(Block("raw", '<p class="doc-masthead">' + "<br>".join(escape_md(s) for s in masthead) + "</p>"))
    blocks.append(Block("h1", title_line))

    # A 印发 notice with its plan: the plan's title follows the signature date.
    date_at = next((i for i, s in enumerate(lines) if RE_DATE_LINE.match(s)), None)
    plan_at = None
    if date_at is not None:
        for i in range(date_at + 1, min(date_at + 4, len(lines))):
            s = lines[i]
            if is_title_line(s) and not is_clause_start(s):
                plan_at = i
                break
    table_header: list[str] = []
    if plan_at is not None:
        blocks += [Block("para", s) for s in lines[1:plan_at]]
        blocks.append(Block("heading", lines[plan_at], 0, "plan"))
        inner = structure(lines[plan_at + 1 :])
        for b in inner:
            if b.kind == "heading":
                b.level += 1
        blocks += inner
    else:
        blocks += structure(lines[1:])
    if table_at is not None:
        rows = table_rows(body_raw[table_at:])
        if len(rows) >= 2:
            table_blocks, table_header = render_table(rows)
            blocks += table_blocks
        tail = [normalise_line(ln) for ln in body_raw[table_at:] if ln.strip() and not ln.startswith("\t")]
        if tail:
            review.append(f"表格后还有 {len(tail)} 行文字，已按段落排在表后，请核对：{tail[0][:30]}")
            blocks += [Block("para", s) for s in tail]

    blocks = add_editor_notes(blocks, overrides.get("editor_notes", []))
    meta = derive_meta(title_line, masthead, lines, portal, page_meta or {}, review, set(overrides.get("meta") or {}))
    if not any(b.kind == "heading" for b in blocks):
        review.append("没有识别出任何条款编号（一、/（一）/1. 或 第X条），全文按段落排版。")
    return Imported(render(blocks), meta, furniture, table_header, review)


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


# ---------------------------------------------------------------------------
# Writing the page
# ---------------------------------------------------------------------------


def jurisdiction_label(jurisdiction: str) -> tuple[str, str]:
    """("枞阳县（安徽省铜陵市）", "county") from policy_data/jurisdictions."""
    path = JURISDICTIONS_DIR / f"{jurisdiction}.yaml"
    if not path.exists():
        raise SourceError(
            f"地区 {jurisdiction} 还没有参数文件 {path.relative_to(ROOT)}；先运行 "
            f"python build/add_jurisdiction.py {jurisdiction} --name 名称 --parent 上级"
        )
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    names: list[str] = []
    parent = data.get("parent")
    while parent and parent != "national":
        p = yaml.safe_load((JURISDICTIONS_DIR / f"{parent}.yaml").read_text(encoding="utf-8")) or {}
        names.insert(0, p.get("name", parent))
        parent = p.get("parent")
    label = data.get("name", jurisdiction) + (f"（{''.join(names)}）" if names else "")
    return label, data.get("level", "county")


def front_matter_text(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


def existing_front_matter(path: Path) -> str | None:
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    end = text.find("\n---\n", 4)
    return text[: end + 5] + "\n" if text.startswith("---\n") and end > 0 else None


def with_import_record(front: str, imp: Imported, supplied: dict[str, Any] | None = None) -> str:
    """Existing front matter with ``furniture`` / ``table_header`` set to what this import dropped and
    every value of the overrides' ``meta:`` (``supplied``) set over it; the rest as it was."""
    meta = yaml.safe_load(front[4:-6]) or {}
    record: dict[str, Any] = {"furniture": imp.furniture, "table_header": imp.table_header}
    supplied = {k: v for k, v in (supplied or {}).items() if k not in record}
    if all(meta.get(k, []) == v for k, v in record.items()) and all(k in meta and meta[k] == v for k, v in supplied.items()):
        return front
    if supplied:  # a correction: the front matter written again, in its order, new keys before source_file
        for k, v in supplied.items():
            meta[k] = v
        order = [k for k in meta if k not in ("source_file", *record)]
        meta = {k: meta[k] for k in order + [k for k in ("source_file",) if k in meta]}
        meta.update({k: v for k, v in record.items() if v})
        return front_matter_text(meta)
    lines = front[:-6].splitlines()  # without the closing "---\n\n"
    kept, skipping = [], False
    for ln in lines:
        if re.match(r"^(furniture|table_header):", ln):
            skipping = True
            continue
        if skipping and ln.startswith(("- ", "  ")):
            continue
        skipping = False
        kept.append(ln)
    extra = yaml.safe_dump({k: v for k, v in record.items() if v}, allow_unicode=True, sort_keys=False, width=1000)
    return "\n".join(kept) + "\n" + extra + "---\n\n"


def page_text(doc_id: str, jurisdiction: str, source_file: str, imp: Imported, overrides: dict[str, Any], url: str | None) -> str:
    label, level = jurisdiction_label(jurisdiction)
    meta: dict[str, Any] = {"doc_id": doc_id, "title": imp.meta["title"], "short_title": imp.meta["short_title"],
                            "cite_title": imp.meta["cite_title"], "issuer": imp.meta["issuer"],
                            "doc_number": imp.meta["doc_number"], "date": imp.meta["date"], "validity": imp.meta["validity"],
                            "jurisdiction": label, "county": jurisdiction, "level": level, "kind": imp.meta["kind"]}
    for key in ("date_label", "valid_from", "revised", "index_number"):
        if key in imp.meta:
            meta[key] = imp.meta[key]
    meta["topics"] = topics_of(imp.body) or ["社会救助"]
    meta["source_note"] = f"原页面：{url}；以该页面为准。" if url else "原文件页面地址未随文本提供；以发布机关的原件为准。"
    if url:
        meta["source_url"] = url
    meta.update(overrides.get("meta", {}))
    meta["source_file"] = source_file
    if imp.furniture:
        meta["furniture"] = imp.furniture
    if imp.table_header:
        meta["table_header"] = imp.table_header
    return front_matter_text(meta) + imp.body


def import_document(source: Path, doc_id: str, jurisdiction: str, *, out_dir: Path = POLICIES_DIR,
                    overrides_path: Path | None = None, url: str | None = None, keep_front_matter: bool = True) -> tuple[str, Imported]:
    """The page text for a source (pure: writes nothing)."""
    overrides: dict[str, Any] = {}
    if overrides_path and overrides_path.exists():
        overrides = yaml.safe_load(overrides_path.read_text(encoding="utf-8")) or {}
    raw, page_meta = read_source(source)
    imp = import_lines(raw, overrides, page_meta)
    existing = existing_front_matter(out_dir / f"{doc_id}.md") if keep_front_matter else None
    if existing is not None:
        return with_import_record(existing, imp, overrides.get("meta") or {}) + imp.body, imp
    return page_text(doc_id, jurisdiction, source.name, imp, overrides, url), imp


RE_DOC_ID = re.compile(r"^[a-z0-9][a-z0-9-]{2,60}$")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="把一份政策文件加到网站上 / add a policy document to the site")
    ap.add_argument("source", type=Path, help=".txt / .docx / .html as received")
    ap.add_argument("--id", required=True, dest="doc_id", help="page id, lower-case ASCII, e.g. mycounty-2025-banfa")
    ap.add_argument("--jurisdiction", required=True, help="place id in policy_data/jurisdictions/, e.g. mycounty")
    ap.add_argument("--url", help="the page the document was published at")
    ap.add_argument("--overrides", type=Path, help="YAML of furniture / keep / editor_notes / meta (default tests/sources/DOC_ID.yaml)")
    ap.add_argument("--force", action="store_true", help="re-import over an existing page (its front matter is kept)")
    ap.add_argument("--out", type=Path, default=POLICIES_DIR)
    ap.add_argument("--no-lock", action="store_true", help="do not update the anchor and page locks")
    args = ap.parse_args(argv)

    try:
        if not RE_DOC_ID.match(args.doc_id):
            raise SourceError("--id 只能用小写字母、数字和连字符（3–60 个），例如 mycounty-2025-banfa")
        if not args.source.exists():
            raise SourceError(f"找不到文件 {args.source}")
        target = args.out / f"{args.doc_id}.md"
        if target.exists() and not args.force:
            raise SourceError(f"{target} 已存在；重新导入请加 --force（页面元数据保留）")
        source = args.source
        if args.out == POLICIES_DIR and source.resolve().parent != SOURCES_DIR.resolve():
            dest = SOURCES_DIR / source.name
            if dest.exists() and dest.read_bytes() != source.read_bytes():
                raise SourceError(f"{dest} 已存在且内容不同；请把文件改名后再导入")
            shutil.copyfile(source, dest)
            source = dest
        overrides = args.overrides or SOURCES_DIR / f"{args.doc_id}.yaml"
        text, imp = import_document(source, args.doc_id, args.jurisdiction, out_dir=args.out, overrides_path=overrides, url=args.url)
    except SourceError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"已写入 {target}")
    if args.out == POLICIES_DIR and register_document(JURISDICTIONS_DIR / f"{args.jurisdiction}.yaml", args.doc_id):
        print(f"已把 {args.doc_id} 加入 policy_data/jurisdictions/{args.jurisdiction}.yaml 的 documents")
    if not args.no_lock and args.out == POLICIES_DIR:
        update_locks()
    if imp.furniture:
        print(f"删去的网页杂项 {len(imp.furniture)} 行（记录在页面元数据 furniture 中）：")
        for f in imp.furniture:
            print(f"  - {f[:70]}")
    print("请核对：" if imp.review else "规则都能判断，无需核对的项目。")
    for item in imp.review:
        print(f"  · {item}")
    print(f"请核对页面开头的元数据（标题、简称、发文机关、文号、日期、有效性、主题、nav_title、valid_until/on_expiry）。"
          f"要改正或补充，写在 {overrides.relative_to(ROOT) if overrides.is_relative_to(ROOT) else overrides} 的 meta: 下，"
          "再加 --force 运行同一条命令（重新导入会保留页面元数据，并把 meta: 的值写进去）。")
    return 0


def register_document(path: Path, doc_id: str) -> bool:
    """Add ``doc_id`` to the place's ``documents:`` list, keeping the file's comments and layout."""
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    if doc_id in (data.get("documents") or []):
        return False
    m = re.search(r"^documents:[ \t]*\[([^\]]*)\]", text, re.M)
    if m:
        items = [x.strip() for x in m.group(1).split(",") if x.strip()] + [doc_id]
        text = text[: m.start()] + f"documents: [{', '.join(items)}]" + text[m.end() :]
    elif re.search(r"^documents:[ \t]*$", text, re.M):
        text = re.sub(r"^(documents:[ \t]*\n(?:[ \t]*- .*\n)*)", lambda mm: mm.group(1) + f"  - {doc_id}\n", text, count=1, flags=re.M)
    else:
        text = re.sub(r"^(parent:.*\n)", lambda mm: mm.group(1) + f"documents: [{doc_id}]\n", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")
    return True


def update_locks() -> None:
    """Record the new page's anchors and address (``anchors.py --update``, ``page_urls.py --update``)."""
    anchors.main(["--update"])
    urls.main(["--update"])

