# SPDX-License-Identifier: MIT
"""Build and search at scale: our build vs a plain mkdocs-material build of the same Markdown.

    .venv/bin/python scripts/bench_build.py [--sizes 50,200,500] [--write]

For each size N, N synthetic policy documents are made from the five real ones (new
doc_id and title, same clause structure) in a temporary copy of the project, then timed:
  ours   `mkdocs build` with our hooks (anchor checks, policy_data, calculators, QR-less,
         reference pages, search patch, pre-compression; caches warm, as in daily use)
  plain  `mkdocs build` of the same docs with only mkdocs-material + search (zh, jieba)
and, in Chromium with the phone profile (CDP 10 Mbit/s, 70 ms RTT; CPU unthrottled —
search runs in Material's worker), the time from a `?q=` search to the result list:
first query (index download + build) and a second query (index warm).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PLAIN_YML = """site_name: plain
docs_dir: docs
theme:
  name: material
  language: zh
  font: false
plugins:
  - search
markdown_extensions:
  - attr_list
  - md_in_html
  - admonition
  - tables
  - toc:
      permalink: true
"""


def synthesise(docs: Path, n: int) -> None:
    real = sorted((ROOT / "docs" / "policies").glob("*-*.md"))
    for i in range(n):
        src = real[i % len(real)]
        doc_id = f"synth-{i:04d}"
        text = src.read_text(encoding="utf-8")
        text = re.sub(r"^doc_id: .*$", f"doc_id: {doc_id}", text, count=1, flags=re.M)
        text = re.sub(r"^title: (.*)$", rf"title: \1（样例{i}）", text, count=1, flags=re.M)
        (docs / "policies" / f"{doc_id}.md").write_text(text, encoding="utf-8")


def timed(cmd: list[str], cwd: Path, env: dict) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-3000:])
    return time.perf_counter() - t


def search_latency(site: Path) -> tuple[float, float]:
    import functools
    import http.server
    import threading

    sys.path.insert(0, str(ROOT / "tests"))
    from playwright.sync_api import expect, sync_playwright

    from conftest import CHROMIUM_ARGS, _QuietHandler

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 375, "height": 667})
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 70, "downloadThroughput": 10e6 / 8, "uploadThroughput": 5e6 / 8})
        page.goto(base)
        page.wait_for_load_state("networkidle")
        t0 = time.perf_counter()
        page.goto(base + "?q=" + "渐退期")
        expect(page.locator(".md-search-result__meta")).to_contain_text("结果", timeout=120_000)
        first = time.perf_counter() - t0
        box = page.locator("input.md-search__input")
        page.evaluate("document.querySelector('.md-search-result__meta').textContent = ''")  # noqa: E501
        t0 = time.perf_counter()
        box.fill("单人户")
        box.press("Space")  # Material searches on keyup
        expect(page.locator(".md-search-result__meta")).to_contain_text("结果", timeout=60_000)
        second = time.perf_counter() - t0
        browser.close()
    server.shutdown()
    return first, second


def one_size(n: int, runs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        ours = tmp / "ours"
        ours.mkdir()
        for name in ("docs", "build", "calculators", "policy_data", "overrides"):
            shutil.copytree(ROOT / name, ours / name)
        for name in ("mkdocs.yml", "pyproject.toml"):
            shutil.copy(ROOT / name, ours / name)
        (ours / "node_modules").symlink_to(ROOT / "node_modules")
        (ours / ".cache").symlink_to(ROOT / ".cache")
        synthesise(ours / "docs", n)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "JZ_RECORD_PAGES": "1"}
        subprocess.run([PY, "build/anchors.py", "--update"], cwd=ours, env=env, capture_output=True, check=True)
        plain = tmp / "plain"
        (plain / "docs").mkdir(parents=True)
        shutil.copytree(ours / "docs" / "policies", plain / "docs" / "policies")
        (plain / "docs" / "index.md").write_text("# plain\n", encoding="utf-8")
        (plain / "mkdocs.yml").write_text(PLAIN_YML, encoding="utf-8")
        cmd = [PY, "-m", "mkdocs", "build", "-q"]
        timed(cmd, ours, env)  # warm caches (wheel, stdlib, compression) and record pages
        t_ours = statistics.median(timed(cmd, ours, env) for _ in range(runs))
        t_plain = statistics.median(timed(cmd, plain, env) for _ in range(runs))
        pages = len(list((ours / "site").rglob("index.html")))
        index = (ours / "site" / "search" / "search_index.json").stat().st_size
        plain_index = (plain / "site" / "search" / "search_index.json").stat().st_size
        first, second = search_latency(ours / "site")
    return {"docs": n, "pages": pages, "ours_s": round(t_ours, 2), "plain_s": round(t_plain, 2),
            "ratio": round(t_ours / t_plain, 2), "index_bytes": index, "index_per_page": index // pages,
            "plain_index_bytes": plain_index, "search_first_ms": round(first * 1000), "search_next_ms": round(second * 1000)}


def report(rows: list[dict]) -> str:
    out = ["| synthetic docs | pages | our build | plain build | ratio (≤ 1.5) | search index | per page | first search | next search (≤ 100 ms) |",
           "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        out.append(f"| {r['docs']} | {r['pages']} | {r['ours_s']} s | {r['plain_s']} s | {r['ratio']} {'pass' if r['ratio'] <= 1.5 else 'FAIL'} | "
                   f"{r['index_bytes'] / 1e6:.2f} MB | {r['index_per_page'] / 1000:.1f} KB | {r['search_first_ms']} ms | "
                   f"{r['search_next_ms']} ms {'pass' if r['search_next_ms'] <= 100 else 'FAIL'} |")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="50,200,500")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--write", action="store_true", help="append the table to docs/about/performance.md")
    args = ap.parse_args()
    rows = [one_size(int(n), args.runs) for n in args.sizes.split(",")]
    text = report(rows)
    print(text)
    if args.write:
        (ROOT / "bench").mkdir(exist_ok=True)
        (ROOT / "bench" / "build_results.json").write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
        sys.path.insert(0, str(ROOT / "scripts"))
        from bench import replace_section

        replace_section(ROOT / "docs" / "about" / "performance.md", "build", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
