# SPDX-License-Identifier: MIT
"""Build and search at province scale: our build vs plain mkdocs-material, and Pagefind on a phone.

    .venv/bin/python scripts/bench_build.py [--sizes 500,2000] [--places 100] [--write]

For each size N, a temporary copy of the project gets N synthetic policy documents over
``--places`` synthetic places (each a copy of a real county's YAML with its own id and name, so
every place has its parameter page, 明白卡 and calculator options; each document a copy of a real
one with a new id, title and place). Then, in the same run:

  ours   `mkdocs build --strict` with our hooks, as deployed (JZ_PUBLIC_URL set: QR codes for every
         clause; Pagefind index; pre-compression): the first build (every QR code made) and a rebuild
         (QR codes and the runtime's compression from the cache, as in daily use).
  plain  `mkdocs build` of the same policy pages with only mkdocs-material and its built-in search.

Memory is the peak resident size of the largest process of the build (Pagefind's indexer included).
Search is measured on our built site, served as production (build/serve.py), in Chromium with the
phone profile of scripts/bench.py (10 Mbit/s, 70 ms RTT; the whole browser, workers too, in a CPU
cgroup where one can be made): the time from typing a query on the loaded search page to the result
list of clauses, and the bytes the query fetched (as the server sent them, compressed, headers included). Three cold visits; medians.
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

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from bench import CHROMIUM_ARGS, PROFILES, calibrate, chromium_launcher, replace_section  # noqa: E402

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
COPY = ("docs", "build", "calculators", "policy_data", "overrides", "mkdocs.yml", "pyproject.toml", "package.json")
REAL_PLACES = ("changle", "zongyang", "zhijin", "huaiyuan")  # counties whose YAML is copied (bench data, not a rule)
QUERIES = ("渐退期", "单人户", "临时救助")  # a rare term, another, and one on every page


def synthesise(proj: Path, n: int, places: int) -> None:
    """N documents over P places in the copy at ``proj``."""
    real_pages = sorted((ROOT / "docs" / "policies").glob("*-*.md"))
    real_pages = [p for p in real_pages if yaml.safe_load(p.read_text(encoding="utf-8").split("\n---\n")[0][4:])["county"] in REAL_PLACES]
    jdir = proj / "policy_data" / "jurisdictions"
    docs_of: dict[str, list[str]] = {}
    for i in range(n):
        src = real_pages[i % len(real_pages)]
        pid = f"synth-p{i % places:03d}"
        doc_id = f"synth-{i:04d}"
        docs_of.setdefault(pid, []).append(doc_id)
        text = src.read_text(encoding="utf-8")
        text = re.sub(r"^doc_id: .*$", f"doc_id: {doc_id}", text, count=1, flags=re.M)
        text = re.sub(r"^title: (.*)$", rf"title: \1（样例{i}）", text, count=1, flags=re.M)
        text = re.sub(r"^short_title: (.*)$", rf"short_title: \1（样例{i}）", text, count=1, flags=re.M)
        text = re.sub(r"^county: .*$", f"county: {pid}", text, count=1, flags=re.M)
        text = re.sub(r"^jurisdiction: .*$", f"jurisdiction: 样例县{i % places:03d}", text, count=1, flags=re.M)
        (proj / "docs" / "policies" / f"{doc_id}.md").write_text(text, encoding="utf-8")
    for k, (pid, docs) in enumerate(sorted(docs_of.items())):
        real = (ROOT / "policy_data" / "jurisdictions" / f"{REAL_PLACES[k % len(REAL_PLACES)]}.yaml").read_text(encoding="utf-8")
        real = re.sub(r"^id: .*$", f"id: {pid}", real, count=1, flags=re.M)
        real = re.sub(r"^name: .*$", f"name: 样例县{pid[-3:]}", real, count=1, flags=re.M)
        real = re.sub(r"^documents: .*$", f"documents: [{', '.join(docs)}]", real, count=1, flags=re.M)
        (jdir / f"{pid}.yaml").write_text(real, encoding="utf-8")


def measured(cmd: list[str], cwd: Path, env: dict) -> tuple[float, int]:
    """(seconds, peak RSS in bytes of the largest process) of a command, via a fresh wrapper process."""
    wrapper = ("import resource, subprocess, sys, time\n"
               "t = time.perf_counter(); p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
               "sys.stderr.write(p.stderr[-3000:]) if p.returncode else None\n"
               "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, p.returncode)")
    out = subprocess.run([PY, "-c", wrapper, *cmd], cwd=cwd, env=env, capture_output=True, text=True)
    secs, rss, code = out.stdout.split()
    if code != "0":
        raise SystemExit(f"build failed in {cwd}:\n{out.stderr[-3000:]}")
    return float(secs), int(rss)


def search_at_phone(site: Path, exe: str, runs: int) -> dict[str, dict[str, float]]:
    import threading

    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "build"))
    from publish.serve import Handler, make_server

    server = make_server(site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    samples: dict[str, dict[str, list[float]]] = {q: {"ms": [], "bytes": []} for q in QUERIES}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        for _ in range(runs):
            ctx = browser.new_context(viewport={"width": 375, "height": 667})
            page = ctx.new_page()
            cdp = ctx.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", {"offline": False, **PROFILES["phone"]})
            page.goto(base + "search/", wait_until="networkidle")
            for q in QUERIES:
                # Bytes as sent by the server (the page's own CDP session does not see the worker's fetches).
                before = Handler.sent
                status = page.locator("#jz-search-status")
                t0 = time.perf_counter()
                page.fill("#jz-q", q)
                while True:
                    text = status.inner_text()
                    if text.startswith(("找到", "没有")) and page.locator("#jz-q").input_value() == q:
                        break
                    if time.perf_counter() - t0 > 120:
                        raise SystemExit(f"search for {q} gave no answer")
                    time.sleep(0.01)
                samples[q]["ms"].append((time.perf_counter() - t0) * 1000)
                while page.locator("#jz-search-status").get_attribute("data-done") != "1":
                    time.sleep(0.01)
                time.sleep(0.3)  # let stragglers finish
                samples[q]["bytes"].append(Handler.sent - before)
                page.evaluate("document.getElementById('jz-search-status').textContent = ''")
            ctx.close()
        browser.close()
    server.shutdown()
    return {q: {k: statistics.median(v) for k, v in s.items()} for q, s in samples.items()}


def one_size(n: int, places: int, runs: int, exe: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        proj = tmp / "ours"
        proj.mkdir()
        for name in COPY:
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, proj / name)
        (proj / "node_modules").symlink_to(ROOT / "node_modules")
        # Runtime caches (wheel, trimmed stdlib, brotli of the runtime) as in daily use; QR codes cold,
        # so the first build shows what a province's first build costs.
        (proj / ".cache").mkdir()
        for entry in (ROOT / ".cache").iterdir():
            if entry.name != "qr":
                (proj / ".cache" / entry.name).symlink_to(entry)
        synthesise(proj, n, min(places, n))
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "JZ_PUBLIC_URL": "https://jiuzhu.example.org/", "JZ_BUILD_DATE": "2026-12-01"}
        subprocess.run([PY, "build/anchors.py", "--update"], cwd=proj, env=env, capture_output=True, check=True)
        plain = tmp / "plain"
        (plain / "docs").mkdir(parents=True)
        shutil.copytree(proj / "docs" / "policies", plain / "docs" / "policies")
        (plain / "docs" / "index.md").write_text("# plain\n", encoding="utf-8")
        (plain / "mkdocs.yml").write_text(PLAIN_YML, encoding="utf-8")
        cmd = [PY, "-m", "mkdocs", "build", "-q"]
        first = measured(cmd, proj, {**env, "JZ_RECORD_PAGES": "1"})  # records the new pages; makes every QR code
        ours = [measured([*cmd, "--strict"], proj, env) for _ in range(runs)]
        plains = [measured(cmd, plain, env) for _ in range(runs)]
        site = proj / "site"
        pf = site / "pagefind"
        pf_files = [p for p in pf.rglob("*") if p.is_file() and p.suffix not in (".br", ".gz")]
        pf_bytes = sum(p.stat().st_size for p in pf_files)
        pages = len(list(site.rglob("index.html")))
        search = search_at_phone(site, exe, 3)
        calc_html = (site / "calculators" / "dibao" / "index.html").stat().st_size
        bundles = [p.stat().st_size for p in (site / "assets" / "calc").glob("params-*.json")]
        big = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
        biggest = f"{big.relative_to(site).as_posix()} ({big.stat().st_size // 1000} KB)"
    t_ours = statistics.median(t for t, _ in ours)
    t_plain = statistics.median(t for t, _ in plains)
    return {
        "docs": n, "places": min(places, n), "pages": pages,
        "first_s": round(first[0], 1), "first_peak_mb": round(first[1] / 1e6),
        "ours_s": round(t_ours, 1), "ours_peak_mb": round(max(m for _, m in ours) / 1e6),
        "plain_s": round(t_plain, 1), "plain_peak_mb": round(max(m for _, m in plains) / 1e6),
        "ratio": round(t_ours / t_plain, 2),
        "pagefind_mb": round(pf_bytes / 1e6, 2), "pagefind_files": len(pf_files), "biggest_page": biggest,
        "calculator_page_kb": round(calc_html / 1000, 1), "place_bundle_kb_max": round(max(bundles) / 1000, 1), "place_bundles": len(bundles),
        "search": {q: {"ms": round(v["ms"]), "kb": round(v["bytes"] / 1000, 1)} for q, v in search.items()},
    }


def report(results: dict) -> str:
    rows = results["sizes"]
    out = [f"Machine: {results['machine']}. CPU for the search runs: {results['cpu']} "
           f"(measured slowdown {results['cpu_slowdown_measured']}×). Build: median of {results['runs']} warm runs.", "",
           "| docs / places | pages | first build (QR codes made) | peak memory | rebuild (≤ 10 min) | peak memory | plain mkdocs-material | peak | rebuild ÷ plain | Pagefind index |",
           "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        ok = "pass" if r["ours_s"] <= 600 else "MISS"
        ok1 = "pass" if r["first_s"] <= 600 else "MISS"
        out.append(f"| {r['docs']} / {r['places']} | {r['pages']} | {r['first_s']} s {ok1} | {r['first_peak_mb']} MB | {r['ours_s']} s {ok} | "
                   f"{r['ours_peak_mb']} MB | {r['plain_s']} s | {r['plain_peak_mb']} MB | {r['ratio']}× | {r['pagefind_mb']} MB, {r['pagefind_files']} files |")
    out += ["", "Search on the phone profile, from typing to the result list (first query ≤ 1 s, next ≤ 300 ms, ≤ 250 KB fetched per query):", "",
            "| docs | first: 渐退期 | next: 单人户 | every page has it: 临时救助 |", "| ---: | ---: | ---: | ---: |"]
    for r in rows:
        s = r["search"]
        cells = []
        for q, limit in (("渐退期", 1000), ("单人户", 300), ("临时救助", 300)):
            ok = "pass" if s[q]["ms"] <= limit and s[q]["kb"] <= 250 else "MISS"
            cells.append(f"{s[q]['ms']} ms, {s[q]['kb']} KB {ok}")
        out.append(f"| {r['docs']} | " + " | ".join(cells) + " |")
    out += ["", "Calculator page (低保) and what it downloads of the parameters: " + "; ".join(
        f"{r['docs']} docs: page {r['calculator_page_kb']} KB, one place's bundle ≤ {r['place_bundle_kb_max']} KB ({r['place_bundles']} bundles)"
        for r in rows) + ".", "", "Largest page: " + "; ".join(f"{r['docs']} docs: {r['biggest_page']}" for r in rows) + "."]
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500,2000")
    ap.add_argument("--places", type=int, default=100)
    ap.add_argument("--runs", type=int, default=1, help="timed builds per size (after one warm-up)")
    ap.add_argument("--write", action="store_true", help="write the table into docs/about/performance.md")
    args = ap.parse_args()
    import platform

    with tempfile.TemporaryDirectory() as tmp:
        exe, cpu = chromium_launcher(Path(tmp))
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
            slowdown = round(calibrate(b), 2)
            b.close()
        results = {"machine": f"{platform.machine()}, {os.cpu_count()} cores", "cpu": cpu, "cpu_slowdown_measured": slowdown,
                   "runs": args.runs, "sizes": []}
        for n in (int(x) for x in args.sizes.split(",")):
            print(f"… {n} documents", file=sys.stderr, flush=True)
            results["sizes"].append(one_size(n, args.places, args.runs, exe))
            print(json.dumps(results["sizes"][-1], ensure_ascii=False), file=sys.stderr, flush=True)
    body = report(results)
    print(body)
    (ROOT / "bench").mkdir(exist_ok=True)
    (ROOT / "bench" / "build-results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.write:
        replace_section(ROOT / "docs" / "about" / "performance.md", "build", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
