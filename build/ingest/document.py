# SPDX-License-Identifier: MIT
"""One document imported: the source's lines through the rules to the page text (pure: writes nothing).

``import_lines`` runs the steps — furniture (``lines``), masthead and title, the plan of a 印发 notice, the
clause hierarchy (``clauses``), a table, editor's notes, the metadata (``metadata``) — and ``import_document``
reads the source (``readers``) and the overrides, and writes the page with its front matter (``markdown``),
keeping an existing page's front matter on a re-import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ingest.clauses import RE_HEADING_WITH_ARTICLE, is_clause_start, render_table, structure, table_rows
from ingest.lines import RE_DATE_LINE, furniture_reason, is_title_line, join_broken_lines, normalise_line, portal_fields
from ingest.markdown import Block, add_editor_notes, escape_md, existing_front_matter, front_matter_text, render
from ingest.metadata import ORGAN_END, RE_DOC_NUMBER, derive_meta, topics_of
from ingest.readers import SourceError, read_source

ROOT = Path(__file__).resolve().parents[2]
SOURCES_DIR = ROOT / "tests" / "sources"
POLICIES_DIR = ROOT / "docs" / "policies"
JURISDICTIONS_DIR = ROOT / "policy_data" / "jurisdictions"


@dataclass
class Imported:
    body: str
    meta: dict[str, Any]
    furniture: list[str]
    table_header: list[str]
    review: list[str]


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
