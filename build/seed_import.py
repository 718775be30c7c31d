# SPDX-License-Identifier: MIT
"""Turn a raw source text (as received in ``shared/seeds``) into a policy page.

This is an *import* tool, run by hand once per new document::

    python build/seed_import.py ../shared/seeds docs/policies

After import the Markdown in ``docs/policies/`` is the source of truth: it is
reviewed, editor's notes are added by hand, and anchors are frozen in
``build/anchors.lock.json``.  Running the importer again overwrites the pages,
so do that only for a new document (``--only DOC_ID``).

What it does:

* drops page furniture listed in ``FURNITURE`` (scraped headers, view counters);
* re-joins paragraphs that the extraction split at page breaks;
* turns the numbering 一、 / （一） / 1. into headings with explicit ASCII ids
  (``s2``, ``s2-1``, ``s2-1-8``) and a ``data-cite`` label (``二、（一）8``) used
  by the "复制引用" button;
* splits a numbered clause into a short heading (its first sentence) and the
  body, so search results land on the clause;
* escapes characters that Markdown would read as markup.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

CN_DIGITS = "零一二三四五六七八九十"

RE_L1 = re.compile(r"^([一二三四五六七八九十]+)、\s*(.*)$")
RE_L2 = re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*(.*)$")
RE_L3 = re.compile(r"^(\d{1,2})[.．]\s*(\D.*)$")
SENTENCE_END = tuple("。：:；！？”）)")


def cn_to_int(text: str) -> int:
    """Convert a Chinese numeral up to 99 (一 … 九十九) to an int."""
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + CN_DIGITS.index(text[1])
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CN_DIGITS.index(tens) * 10 + (CN_DIGITS.index(ones) if ones else 0)
    return CN_DIGITS.index(text)


def escape_md(text: str) -> str:
    """Escape the few characters in policy text that Markdown treats as markup."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([*_`\[\]\\])", r"\\\1", text)
    return text


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


@dataclass
class Block:
    kind: str  # "h1" | "heading" | "para" | "raw"
    text: str = ""
    level: int = 0
    anchor: str = ""
    cite: str = ""
    title: str = ""


@dataclass
class Doc:
    doc_id: str
    source_file: str
    meta: dict[str, object]
    furniture: list[str] = field(default_factory=list)
    # Extra heading levels: the document's own structure starts at this depth.
    base_level: int = 2


def join_broken_lines(lines: list[str], min_len: int = 25, keep: int = 1) -> list[str]:
    """Re-join paragraphs split by page breaks in the extraction.

    A non-empty line that is long and does not end a sentence continues in the
    next non-empty line, unless that line starts a new numbered clause.  The
    first ``keep`` lines (title, masthead) are never joined onto.
    """
    out: list[str] = []
    for line in lines:
        s = line.strip()
        if not s:
            continue
        if (
            len(out) > keep
            and len(out[-1]) >= min_len
            and not out[-1].endswith(SENTENCE_END)
            and not (RE_L1.match(s) or RE_L2.match(s) or RE_L3.match(s))
        ):
            out[-1] = out[-1] + s
        else:
            out.append(s)
    return out


def structure(lines: list[str], cite_prefix: str = "") -> list[Block]:
    """Classify lines into headed clauses and paragraphs with structural ids."""
    blocks: list[Block] = []
    n1 = n2 = 0
    l1_label = l2_label = ""
    for s in lines:
        if m := RE_L1.match(s):
            n1, n2 = cn_to_int(m.group(1)), 0
            l1_label, l2_label = f"{m.group(1)}、", ""
            blocks.append(Block("heading", s, 0, f"s{n1}", cite_prefix + l1_label))
        elif m := RE_L2.match(s):
            n2 = cn_to_int(m.group(1))
            l2_label = f"（{m.group(1)}）"
            anchor = f"s{n1}-{n2}" if n1 else f"p{n2}"
            title, body = split_title(m.group(2))
            prefix = s[: len(s) - len(m.group(2))]
            if not title and not body.endswith(SENTENCE_END):
                title, body = m.group(2), ""  # a heading-only line
            blocks.append(
                Block("heading", prefix + title, 1, anchor, cite_prefix + l1_label + l2_label)
            )
            if body:
                blocks.append(Block("para", body))
        elif (m := RE_L3.match(s)) and n1:
            k = int(m.group(1))
            anchor = f"s{n1}-{n2}-{k}" if n2 else f"s{n1}-{k}"
            title, body = split_title(m.group(2))
            prefix = s[: len(s) - len(m.group(2))]
            level = 2 if n2 else 1
            blocks.append(
                Block("heading", prefix + title, level, anchor, cite_prefix + l1_label + l2_label + str(k))
            )
            if body:
                blocks.append(Block("para", body))
        else:
            blocks.append(Block("para", s))
    return blocks


def render(blocks: list[Block], base_level: int) -> str:
    out: list[str] = []
    for b in blocks:
        if b.kind == "h1":
            out.append(f"# {escape_md(b.text)} {{#title}}")
        elif b.kind == "heading":
            hashes = "#" * (base_level + b.level)
            attrs = f"#{b.anchor}"
            if b.cite:
                attrs += f' data-cite="{b.cite}"'
            out.append(f"{hashes} {escape_md(b.text)} {{{attrs}}}")
        elif b.kind == "raw":
            out.append(b.text)
        else:
            out.append(escape_md(b.text))
        out.append("")
    return "\n".join(out)


def front_matter(meta: dict[str, object]) -> str:
    import yaml

    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines()


def drop(lines: list[str], furniture: list[str]) -> list[str]:
    """Remove furniture lines (matched after stripping); fail if one is absent."""
    stripped = [ln.strip() for ln in lines]
    for f in furniture:
        if f not in stripped:
            raise SystemExit(f"furniture line not found in source: {f!r}")
    return [ln for ln in lines if ln.strip() not in furniture]


# ---------------------------------------------------------------------------
# Per-document import (each source has its own shape)
# ---------------------------------------------------------------------------


def import_zongyang(lines: list[str]) -> list[Block]:
    lines = [ln.lstrip("# ").strip() for ln in lines]
    lines = join_broken_lines(lines)
    title = lines[0]
    plan_at = next(i for i, ln in enumerate(lines) if ln.startswith("枞阳县社会救助工作便民惠民"))
    blocks = [Block("h1", title)]
    blocks += [Block("para", ln) for ln in lines[1:plan_at]]
    blocks.append(Block("heading", lines[plan_at], 0, "plan"))
    blocks += structure(lines[plan_at + 1 :])
    for b in blocks:
        if b.kind == "heading" and b.anchor != "plan":
            b.level += 1
    return blocks


def import_changle(lines: list[str]) -> list[Block]:
    lines = [ln.lstrip("# ").strip() for ln in lines if ln.strip() != "---"]
    lines = join_broken_lines(lines, keep=3)
    # Masthead (issuing office, 文号) precede the title, as printed.
    blocks = [Block("raw", f'<p class="doc-masthead">{escape_md(lines[0])}<br>{escape_md(lines[1])}</p>')]
    blocks.append(Block("h1", lines[2]))
    blocks += structure(lines[3:])
    return blocks


def import_xx(lines: list[str]) -> list[Block]:
    lines = [ln.strip() for ln in lines]
    title = lines[0]
    body: list[str] = []
    for ln in lines[1:]:
        if not ln:
            continue
        # The preamble was split inside a sentence at every line: rejoin until 。
        if (
            body
            and not body[-1].endswith(SENTENCE_END)
            and not any(r.match(x) for r in (RE_L1, RE_L2) for x in (ln, body[-1]))
        ):
            body[-1] += ln
        else:
            body.append(ln)
    return [Block("h1", title)] + structure(body)


def import_zhijin(lines: list[str]) -> list[Block]:
    lines = [ln.replace("\u3000", " ").strip() for ln in lines]
    lines = join_broken_lines(lines, min_len=15)
    title = lines[0]
    plan_at = next(i for i, ln in enumerate(lines) if ln.startswith("织金县贯彻落实《毕节市"))
    blocks = [Block("h1", title)]
    blocks += [Block("para", ln) for ln in lines[1:plan_at]]
    blocks.append(Block("heading", lines[plan_at], 0, "plan"))
    blocks += structure(lines[plan_at + 1 :])
    for b in blocks:
        if b.kind == "heading" and b.anchor != "plan":
            b.level += 1
    return blocks


def import_huaiyuan(lines: list[str]) -> list[Block]:
    """The task list is a 5-column table flattened to tab-indented lines.

    Each row becomes a clause heading (序号 + 工作任务) and a definition list of
    the other three columns, which reads well at 375 px.  The header row's
    labels are repeated on every row (``<dt>``), and the original header line is
    kept out of the text (the faithful-text test records this).
    """
    title = lines[0].strip()
    rows: list[list[str]] = []
    cur: list[str] = []
    for ln in lines[2:]:
        if ln.strip() == "" and not ln.startswith("\t"):
            if cur:
                rows.append(cur)
            cur = []
        else:
            cur.append(ln.strip())
    if cur:
        rows.append(cur)
    header, data = rows[0], rows[1:]
    blocks = [Block("h1", title)]
    for row in data:
        if row[0] == "备注":
            blocks.append(Block("heading", "备注", 0, "remarks"))
            blocks.append(Block("raw", '<p class="editor-note">（原表此栏空白）</p>'))
            continue
        n, task, *cells = row
        cells += [""] * (3 - len(cells))
        blocks.append(Block("heading", f"{n} {task}", 0, f"task-{n}", f"第{n}项"))
        dl = ['<dl class="task-fields">']
        for label, value in zip(header[2:], cells):
            value = value.strip()
            shown = escape_md(value) if value else '<span class="editor-note">（原表此栏空白）</span>'
            dl.append(f"<dt>{label}</dt><dd>{shown}</dd>")
        dl.append("</dl>")
        blocks.append(Block("raw", "\n".join(dl)))
    return blocks


def add_editor_notes(blocks: list[Block], notes: list[dict[str, str]]) -> list[Block]:
    """Insert each editor's note after the first block containing ``after``.

    Notes are visibly marked and excluded from search and from the
    faithful-text comparison (class ``editor-note``).
    """
    for note in notes:
        at = next((i for i, b in enumerate(blocks) if note["after"] in b.text), None)
        if at is None:
            raise SystemExit(f"editor note anchor text not found: {note['after']!r}")
        html = (
            '<div class="editor-note" data-search-exclude role="note">'
            f"<p><strong>编者注</strong>　{escape_md(note['text'])}</p></div>"
        )
        blocks.insert(at + 1, Block("raw", html))
    return blocks


IMPORTERS = {
    "zongyang-2021-fangan": import_zongyang,
    "changle-2021-yijian": import_changle,
    "xx-mzj-doudi-fangan": import_xx,
    "zhijin-2023-fengong": import_zhijin,
    "huaiyuan-2023-qingdan": import_huaiyuan,
}


def main(argv: list[str] | None = None) -> int:
    import yaml

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seeds", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--only", help="import just this document id")
    args = ap.parse_args(argv)
    catalogue = yaml.safe_load((Path(__file__).parent / "seed_catalogue.yaml").read_text(encoding="utf-8"))
    for doc_id, entry in catalogue.items():
        if args.only and doc_id != args.only:
            continue
        lines = drop(read_lines(args.seeds / entry["source_file"]), entry.get("furniture", []))
        blocks = add_editor_notes(IMPORTERS[doc_id](lines), entry.get("editor_notes", []))
        meta = {"doc_id": doc_id, **entry["meta"], "source_file": entry["source_file"]}
        text = front_matter(meta) + render(blocks, 2)
        (args.out / f"{doc_id}.md").write_text(text, encoding="utf-8")
        print(f"wrote {args.out / (doc_id + '.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
