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
import re
import shutil
import sys
from pathlib import Path

import yaml

from ingest.document import JURISDICTIONS_DIR, POLICIES_DIR, ROOT, SOURCES_DIR, import_document
from ingest.readers import SourceError
from pages import anchors, urls

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
