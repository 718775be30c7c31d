# SPDX-License-Identifier: MIT
"""The post-build stage: everything done to the built HTML site, in order.

Runs as MkDocs' ``on_post_build`` (build/hooks.py) and standalone after any builder that has
produced the pages (e.g. Zensical, which does not run MkDocs hooks)::

    python build/postbuild.py site/ [--docs docs/] [--public-url https://…/]

1. redirect pages for moved addresses (build/pages.lock.json);
2. at province scale, ``about/anchors.json``;
3. QR codes for every document, clause and calculator (only with a public address);
4. the search index (Pagefind);
5. the service worker with its precache list;
6. the Content-Security-Policy on every page, and the same per page as response headers for the
   host (``_headers``, ``_headers.nginx``: publish/csp.py), rewritten on every build;
7. pre-compressed ``.br``/``.gz`` copies (last: every file is final).

Caches live in ``.cache/`` next to ``docs/`` (never inside the output folder, which a
builder's ``--clean`` wipes).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from calculators.ui.forms import FORMS

from data.documents import POLICY_DIR, PolicyPage, load_policy_pages
from pages.anchors import read_lock
from pages.policy import anchors_compact
from pages.qr import write_many
from pages.search import SearchIndexError
from pages.urls import read_lock as read_page_lock
from pages.urls import write_redirects
from publish.csp import CspError, add_csp, write_header_files
from publish.offline import write_service_worker
from publish.precompress import precompress
from publish.search import index_site


class PostBuildError(RuntimeError):
    pass


def write_qr_codes(site_dir: Path, public: str, cache: Path, pages: dict[str, PolicyPage]) -> int:
    """SVG QR codes for every policy page and clause, and every calculator page."""
    jobs: dict[Path, tuple[str, str]] = {}
    for doc_id, page in pages.items():
        out = site_dir / POLICY_DIR / doc_id / "qr"
        url = f"{public}{POLICY_DIR}/{doc_id}/"
        jobs[out / "page.svg"] = (url, str(page.meta["short_title"]))
        for c in page.clauses:
            jobs[out / f"{c.anchor}.svg"] = (f"{url}#{c.anchor}", f"{page.meta['short_title']} {c.cite}")
    for name in FORMS:
        target = site_dir / "calculators" / name
        if target.exists():
            jobs[target / "qr.svg"] = (f"{public}calculators/{name}/", "")
    write_many(jobs, cache)
    return len(jobs)


def post_build(site: Path, docs_dir: Path, public_url: str, pages: dict[str, PolicyPage] | None = None) -> None:
    pages = pages if pages is not None else load_policy_pages(docs_dir)
    cache = docs_dir.parent / ".cache"
    write_redirects(site, read_page_lock())
    if anchors_compact(pages):  # also a generated file in a MkDocs build (hooks.on_files): the anchor list links it
        (site / "about").mkdir(parents=True, exist_ok=True)
        (site / "about" / "anchors.json").write_text(json.dumps(read_lock(), ensure_ascii=False), encoding="utf-8")
    if public_url:
        write_qr_codes(site, public_url, cache / "qr", pages)
    try:
        index_site(site)
    except SearchIndexError as exc:
        raise PostBuildError(str(exc)) from exc
    # The whole site offline after one visit; at province scale a place's pages with the place (publish/offline.py).
    write_service_worker(site, set(read_page_lock()["redirects"]))
    try:
        add_csp(site)
    except CspError as exc:
        raise PostBuildError(str(exc)) from exc
    write_header_files(site, public_url)
    precompress(site, cache / "compressed")  # last: every file is final now


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="post-build steps on a built site (after MkDocs, Zensical or another builder)")
    ap.add_argument("site", type=Path)
    ap.add_argument("--docs", type=Path, default=Path(__file__).resolve().parents[2] / "docs")
    ap.add_argument("--public-url", default=os.environ.get("JZ_PUBLIC_URL", ""))
    args = ap.parse_args(argv)
    try:
        post_build(args.site, args.docs, args.public_url)
    except PostBuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"post-build done: {args.site}")
    return 0
