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

import argparse
import shutil
import subprocess
from pathlib import Path

from pages.search import SearchIndexError

ROOT = Path(__file__).resolve().parents[2]
PAGEFIND = ROOT / "node_modules" / ".bin" / "pagefind"
OUTPUT = "pagefind"
EXCLUDE = "[data-search-exclude], .headerlink, .cite-btn"


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="the Pagefind search index of a built site (after any builder)")
    ap.add_argument("site", nargs="?", default="site", type=Path)
    print(index_site(ap.parse_args(argv).site))
    return 0
