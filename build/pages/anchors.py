# SPDX-License-Identifier: MIT
"""Clause anchors are a published API: check them against a lock file.

``build/anchors.lock.json`` records every clause anchor of every policy page,
plus redirects for anchors that were removed or renamed::

    {"documents": {"changle-2021-yijian": ["s1", "s2", ...]},
     "redirects": {"changle-2021-yijian#old-id": "changle-2021-yijian#s2-1-8"}}

The build fails when a locked anchor disappears without a redirect, when a
redirect points nowhere, or when a new anchor is not yet in the lock.  After
adding a clause, record it with::

    python build/anchors.py --update
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from data.documents import PolicyPage, load_policy_pages

LOCK_PATH = Path(__file__).resolve().parents[1] / "anchors.lock.json"  # build/: a published API, next to the commands


def current_anchors(pages: dict[str, PolicyPage]) -> dict[str, list[str]]:
    return {doc_id: [c.anchor for c in page.clauses] for doc_id, page in sorted(pages.items())}


def read_lock(path: Path = LOCK_PATH) -> dict[str, dict]:
    if not path.exists():
        return {"documents": {}, "redirects": {}}
    data = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("documents", {})
    data.setdefault("redirects", {})
    return data


def resolves(ref: str, anchors: dict[str, list[str]]) -> bool:
    doc, _, anchor = ref.partition("#")
    return doc in anchors and (not anchor or anchor in anchors[doc])


def check_anchors(pages: dict[str, PolicyPage], lock: dict[str, dict]) -> list[str]:
    """Every problem with the anchors, as a sentence naming file and anchor."""
    now = current_anchors(pages)
    errors = []
    redirects: dict[str, str] = lock["redirects"]
    for doc, locked in lock["documents"].items():
        for anchor in locked:
            ref = f"{doc}#{anchor}"
            if resolves(ref, now):
                continue
            if ref in redirects:
                continue
            where = pages[doc].path if doc in pages else f"docs/policies/{doc}.md"
            errors.append(
                f"{where}: 已发布的锚点“{anchor}”被删除且没有登记跳转 / published anchor '{ref}' was removed; "
                f"restore it or record a redirect in {LOCK_PATH.name}"
            )
    for src, dst in redirects.items():
        if not resolves(dst, now):
            errors.append(f"{LOCK_PATH.name}: 跳转目标不存在 / redirect '{src}' -> '{dst}' points nowhere")
    for doc, _anchors in now.items():
        locked = set(lock["documents"].get(doc, []))
        for clause in pages[doc].clauses:
            if clause.anchor not in locked:
                errors.append(
                    f"{pages[doc].path}:{clause.line}: 新锚点“{clause.anchor}”尚未登记 / anchor '{doc}#{clause.anchor}' "
                    f"is not in {LOCK_PATH.name}; run `python build/anchors.py --update`"
                )
    return errors


def updated_lock(pages: dict[str, PolicyPage], lock: dict[str, dict]) -> dict[str, dict]:
    """The lock with new anchors added; removed ones stay until redirected."""
    now = current_anchors(pages)
    docs: dict[str, list[str]] = {}
    for doc in sorted(set(now) | set(lock["documents"])):
        merged = list(now.get(doc, []))
        merged += [a for a in lock["documents"].get(doc, []) if a not in merged]
        docs[doc] = merged
    return {"documents": docs, "redirects": dict(sorted(lock["redirects"].items()))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Check or update build/anchors.lock.json")
    ap.add_argument("--docs", type=Path, default=Path("docs"))
    ap.add_argument("--update", action="store_true", help="record new anchors in the lock")
    args = ap.parse_args(argv)
    pages = load_policy_pages(args.docs)
    lock = read_lock()
    if args.update:
        new = updated_lock(pages, lock)
        LOCK_PATH.write_text(json.dumps(new, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        lock = new
    errors = [e for e in check_anchors(pages, lock) if not (args.update and "尚未登记" in e)]
    for e in errors:
        print(e, file=sys.stderr)
    total = sum(len(v) for v in current_anchors(pages).values())
    print(f"{total} anchors in {len(pages)} documents; {len(errors)} problem(s)")
    return 1 if errors else 0
