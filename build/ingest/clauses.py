# SPDX-License-Identifier: MIT
"""The clause parser: numbered text → headings and anchored paragraphs, each with its anchor and citation.

Both families of Chinese official documents, by rules alone: 一、/（一）/1./（1） → ``s2``, ``s2-1``, ``s2-1-8``,
``s2-1-8-1`` (cited 二、（一）8（1））; 第X章/第X节/第X条 and an article's （一） items → ``ch1``, ``ch1-2``, ``art5``,
``art5-1`` (a 款 after an item list: ``art5-k2``); a 序号 table's rows → ``task-N``.  The result is a list of
``markdown.Block`` for the writer.  A new numbering family or table shape goes here.
"""

from __future__ import annotations

import re

from ingest.markdown import Block, escape_md
from ingest.readers import SourceError

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

# Non-numbered table rows with a fixed anchor.
ROW_LABELS = {"备注": "remarks", "说明": "notes", "合计": "total"}
BLANK_CELL = '<span class="editor-note">（原表此栏空白）</span>'


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
