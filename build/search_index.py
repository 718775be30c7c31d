# SPDX-License-Identifier: MIT
"""Site search with Pagefind (npm ``pagefind``, pinned; its extended build segments Chinese).

Pagefind indexes the built HTML into many small chunks, so a query fetches only what it
needs (≈ 150 KB whatever the number of documents) instead of one index of every page.

* What is indexed is marked on the page (``data-pagefind-body``): policy pages with the
  filters 类别=政策条款 and 地区=<place>, other pages with 类别=工具与说明, unless their front
  matter says ``search: exclude: true`` (home, policy index, anchor list, per-place
  parameter pages and cards — near-duplicates that would crowd the clauses out).
  Our own notes (``data-search-exclude``: metadata card, 编者注, 本条款用于) are not indexed.
* The search page (``<!-- jz:search -->``) asks for clauses first and tools second, so a
  clause always ranks above a calculator page (``docs/assets/js/search-page.js``).
* Pages keep ``<html lang="zh">``: Pagefind splits the query with the browser's
  ``Intl.Segmenter`` only on zh pages.

Run as a build step (``index_site``) or standalone after any builder::

    python build/search_index.py site/
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGEFIND = ROOT / "node_modules" / ".bin" / "pagefind"
OUTPUT = "pagefind"
EXCLUDE = "[data-search-exclude], .headerlink, .cite-btn"
POLICY_KIND = "政策条款"
OTHER_KIND = "工具与说明"


class SearchIndexError(RuntimeError):
    pass


def excluded(meta: Mapping[str, Any]) -> bool:
    search = meta.get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))


def place_label(meta: dict[str, Any]) -> str:
    return str(meta.get("jurisdiction", ""))


def policy_search_attrs(meta: dict[str, Any]) -> tuple[str, str]:
    """Attributes for a policy page's text container, and its hidden filters."""
    title = html.escape(str(meta.get("short_title") or meta.get("title")), quote=True)
    place = html.escape(place_label(meta), quote=True)
    # A plan whose rules lapsed with its period (``on_expiry: lapse``, e.g. the 2018–2020 范本) is still found,
    # but the search page ranks it below texts in force for the same words (meta ``lapsed``).
    lapsed = '<span hidden data-pagefind-meta="lapsed:1"></span>' if meta.get("on_expiry") == "lapse" else ""
    return (
        f' data-pagefind-body data-pagefind-meta="title:{title}"',
        f'<span hidden data-pagefind-filter="类别:{POLICY_KIND}"></span><span hidden data-pagefind-filter="地区:{place}"></span>{lapsed}',
    )


ARTICLE = '<article class="md-content__inner md-typeset">'


def mark_article(page_html: str) -> str:
    """A non-policy page in the index: its article is the body, filed under 工具与说明.
    (The attribute goes on the theme's <article>, not a wrapper, so CSS that selects the article's
    children — the print sheet — still sees them.)"""
    if ARTICLE not in page_html:
        raise SearchIndexError("页面里没有 Material 的 <article>，无法标记搜索范围 / no <article> to index")
    marked = f'{ARTICLE[:-1]} data-pagefind-body><span hidden data-pagefind-filter="类别:{OTHER_KIND}"></span>'
    return page_html.replace(ARTICLE, marked, 1)


def search_form(places: list[str], up: str) -> str:
    """The search page's form: a big box, a place filter, results (filled by search-page.js)."""
    options = "".join(f'<option value="{html.escape(p, quote=True)}">{html.escape(p)}</option>' for p in places)
    return (
        '<form id="jz-search" class="jz-search" role="search" action="./" method="get">'
        '<label for="jz-q" class="jz-search__label">要找的词</label>'
        '<input id="jz-q" name="q" type="search" enterkeyhint="search" autocomplete="off" '
        'placeholder="例如：渐退期、单人户、临时救助 标准">'
        '<label for="jz-place" class="jz-search__label">地区</label>'
        f'<select id="jz-place" name="place"><option value="">全部地区</option>{options}</select>'
        '<button type="submit" class="md-button md-button--primary">搜索</button>'
        "</form>"
        '<p id="jz-search-status" class="jz-search__status" role="status" aria-live="polite"></p>'
        '<ol id="jz-search-results" class="jz-hits"></ol>'
        '<h2 id="jz-tools-title" class="jz-search__tools" hidden>工具和说明页面</h2>'
        '<ul id="jz-search-tools" class="jz-hits jz-hits--tools"></ul>'
        "<noscript><p>搜索需要浏览器的 JavaScript。政策文件也可以从“政策文件”目录逐份查看。</p></noscript>"
        f'<script src="{up}assets/js/search-page.js" defer></script>'
    )


def index_site(site_dir: Path, binary: Path = PAGEFIND) -> str:
    """Write ``site_dir/pagefind/`` (replacing an old one); returns Pagefind's summary line.

    Pagefind also writes its ready-made UIs; the site uses only the API (``pagefind.js``,
    its worker, wasm and index), so the UI files are removed.
    """
    if not binary.exists():
        raise SearchIndexError(f"找不到 Pagefind（{binary}）：请先运行 npm ci / run npm ci first")
    out = site_dir / OUTPUT
    if out.exists():
        shutil.rmtree(out)
    proc = subprocess.run(
        [str(binary), "--site", str(site_dir), "--output-subdir", OUTPUT, "--exclude-selectors", EXCLUDE],
        capture_output=True, text=True,
    )
    if proc.returncode != 0:
        raise SearchIndexError(f"Pagefind 建立索引失败 / indexing failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    for ui in out.glob("pagefind-*ui.*"):
        ui.unlink()
    for extra in ("pagefind-highlight.js",):
        (out / extra).unlink(missing_ok=True)
    summary = [ln for ln in proc.stdout.splitlines() if "Indexed" in ln or "Finished" in ln]
    if not any("Indexed" in ln for ln in summary):
        raise SearchIndexError("Pagefind 没有索引任何页面 / nothing was indexed:\n" + proc.stdout[-2000:])
    return "; ".join(s.strip() for s in summary)


if __name__ == "__main__":
    print(index_site(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
