# SPDX-License-Identifier: MIT
"""Page addresses are published (posters, QR codes, chat messages): keep them.

``build/pages.lock.json`` lists every page URL the site has published, and
redirects for pages that moved::

    {"pages": ["", "policies/changle-2021-yijian/", ...],
     "redirects": {"old/address/": "new/address/"}}

The build fails when a published URL disappears without a redirect, when a
redirect points at no page, or when a new page is not yet recorded.  For each
redirect the build writes a small page at the old address that forwards (keeping
``#…``, so clause links and prefilled calculator links survive).  Record new pages with::

    python build/page_urls.py --update      # runs a build that records them
"""

from __future__ import annotations

import argparse
import html
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

LOCK_PATH = Path(__file__).resolve().parents[1] / "pages.lock.json"  # build/, next to anchors.lock.json


def read_lock(path: Path = LOCK_PATH) -> dict:
    if not path.exists():
        return {"pages": [], "redirects": {}}
    data = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("pages", [])
    data.setdefault("redirects", {})
    return data


def check_pages(urls: set[str], lock: dict) -> list[str]:
    errors = []
    redirects: dict[str, str] = lock["redirects"]
    for url in lock["pages"]:
        if url not in urls and url not in redirects:
            errors.append(f"页面地址 /{url} 已发布，不能删除或改名而不留跳转：在 build/pages.lock.json 的 redirects 里加 "
                          f'"{url}": "新地址/" / published page /{url} disappeared without a redirect')
    for old, new in redirects.items():
        if new not in urls:
            errors.append(f"跳转 /{old} → /{new} 指向不存在的页面 / redirect target /{new} does not exist")
        if old in urls:
            errors.append(f"跳转 /{old} 与现有页面重名 / redirect source /{old} is a live page")
    new_pages = sorted(urls - set(lock["pages"]))
    if new_pages:
        errors.append("新页面还没有登记，请运行 python build/page_urls.py --update / unrecorded pages: " + ", ".join("/" + u for u in new_pages))
    return errors


def redirect_page(old: str, new: str) -> str:
    depth = old.count("/")
    target = "../" * depth + new
    t = html.escape(target, quote=True)
    return (
        '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>页面已移动</title>'
        f'<meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url={t}">'
        f"<script>location.replace({json.dumps(target)} + location.search + location.hash)</script></head>"
        f'<body><p>页面已移到 <a href="{t}">新地址</a>。</p></body></html>'
    )


def write_redirects(site_dir: Path, lock: dict) -> int:
    for old, new in lock["redirects"].items():
        out = site_dir / old / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(redirect_page(old, new), encoding="utf-8")
    return len(lock["redirects"])


def record_pages(urls: set[str], lock: dict, path: Path = LOCK_PATH) -> None:
    lock = {"pages": sorted(set(lock["pages"]) | urls), "redirects": lock["redirects"]}
    path.write_text(json.dumps(lock, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="record new page URLs (a build with JZ_RECORD_PAGES=1)")
    ap.add_argument("--update", action="store_true", required=True)
    ap.parse_args(argv)
    root = Path(__file__).resolve().parents[2]
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", tmp], cwd=root,
                              env={**os.environ, "JZ_RECORD_PAGES": "1", "NO_MKDOCS_2_WARNING": "1"})
    lock = read_lock()
    print(f"build/pages.lock.json: {len(lock['pages'])} pages, {len(lock['redirects'])} redirects")
    return proc.returncode
