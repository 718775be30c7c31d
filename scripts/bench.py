# SPDX-License-Identifier: MIT
"""Phone-speed benchmark: our calculator page vs the stock Pyodide runtime, in Debian Chromium.

    .venv/bin/python scripts/bench.py [--runs 5] [--profiles phone,slow4g] [--site site] [--write]

The site is served like production should be (see README "Serving"): pre-compressed
.br/.gz chosen by Accept-Encoding, ``Cache-Control: immutable`` for content-hashed and
versioned files, ``no-cache`` for pages.  The baseline is a plain page that loads the
stock runtime from the same npm package (``node_modules/pyodide``: stock
``python_stdlib.zip``, lock file), served the same way, and runs one calculation.

Profiles (network by CDP, which also covers Web Worker fetches):
  phone   10 Mbit/s down, 5 up, 70 ms RTT
  slow4g  1.5 Mbit/s down, 0.75 up, 560 ms RTT
CPU: CDP CPU throttling does not reach Web Workers, so the whole browser (every process,
the worker included) runs in a cgroup v1 CPU quota of 25 % of one core (4× slower than
an unthrottled core): /sys/fs/cgroup/cpu/jzbench, cpu.cfs_quota_us=25000/100000.
Where that cgroup cannot be made (no root), the CPU is unthrottled and the report says so.

Per page, cold (new browser context) and repeat (same context: HTTP cache + service
worker): bytes transferred (encoded), first contentful paint, time to the first
calculator result, recompute time after an input change (input → new figure on screen).
Medians of --runs runs; ratios to the baseline; pass/fail against issue #6's targets.
--write puts the table into docs/about/performance.md and the raw numbers in bench/results.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.server
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build"))
from publish.serve import Handler  # noqa: E402  (the one production-like server)

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PROFILES = {
    "desktop": None,
    "phone": {"latency": 70, "downloadThroughput": 10e6 / 8, "uploadThroughput": 5e6 / 8},
    "slow4g": {"latency": 560, "downloadThroughput": 1.5e6 / 8, "uploadThroughput": 0.75e6 / 8},
}
CGROUP = Path("/sys/fs/cgroup/cpu/jzbench")
# Share of one core for the whole browser. Chromium's processes compete inside the quota, so the
# slowdown of one thread is larger than 100000/QUOTA; the report prints the measured factor.
QUOTA = int(os.environ.get("JZ_BENCH_QUOTA", "50000"))
CALC = "calculators/dibao/#j=changle&area=urban&n=3&age1=45&wage1=1200&age2=43&age3=12&date=2021-12-01"
POLICY = "policies/changle-2021-yijian/"
BASELINE_HTML = """<!doctype html><html lang="zh"><meta charset="utf-8"><title>stock Pyodide</title>
<p>stock Pyodide: <span id="out">…</span></p>
<script type="module">
import { loadPyodide } from "./pyodide/pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL("./pyodide/", location.href).href });
const r = py.runPython("from decimal import Decimal\\nstr((Decimal('816') - Decimal('400')) * 3)");
document.getElementById("out").textContent = r;
document.body.dataset.firstResultMs = performance.now().toFixed(0);
</script></html>
"""


def baseline_dir(tmp: Path) -> Path:
    """A plain page + the stock runtime files (same npm version), pre-compressed like the site."""
    from publish.precompress import precompress

    d = tmp / "baseline"
    (d / "pyodide").mkdir(parents=True)
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        shutil.copyfile(ROOT / "node_modules" / "pyodide" / name, d / "pyodide" / name)
    (d / "index.html").write_text(BASELINE_HTML, encoding="utf-8")
    precompress(d, ROOT / ".cache" / "compressed")
    return d


def chromium_launcher(tmp: Path) -> tuple[str, str]:
    """Chromium in a 25 %-of-one-core CPU cgroup (4× slowdown for every process, workers too)."""
    exe = shutil.which("chromium")
    try:
        CGROUP.mkdir(exist_ok=True)
        (CGROUP / "cpu.cfs_period_us").write_text("100000")
        (CGROUP / "cpu.cfs_quota_us").write_text(str(QUOTA))
    except OSError as exc:
        return exe, f"unthrottled CPU (no cgroup: {exc.strerror})"
    wrapper = tmp / "chromium-4x"
    wrapper.write_text(f'#!/bin/sh\necho $$ > {CGROUP}/cgroup.procs\nexec {exe} "$@"\n')
    wrapper.chmod(0o755)
    return str(wrapper), f"CPU limited by cgroup cpu.cfs_quota_us={QUOTA}/100000 on the whole browser"


def calibrate(browser) -> float:
    """Measured slowdown of a fixed JS loop vs the same loop in an unthrottled Node."""
    loop = "let x=0; for (let i=0;i<3e7;i++) x+=i%7; x"
    node = subprocess.run(["node", "-e", f"const t=performance.now(); {loop}; console.log(performance.now()-t)"],
                          capture_output=True, text=True)
    page = browser.new_page()
    t = page.evaluate(f"() => {{ const t=performance.now(); {loop}; return performance.now()-t }}")
    page.close()
    return t / float(node.stdout.strip())


def visit(ctx, url: str, profile: dict | None, calculator: bool) -> dict[str, float]:
    page = ctx.new_page()
    if profile:
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, **profile})
    urls: list[str] = []
    ctx.on("request", lambda r: urls.append(r.url))
    Handler.sent = 0
    page.goto(url, wait_until="load", timeout=300_000)
    out: dict[str, float] = {}
    if calculator is not None:
        page.wait_for_selector("[data-first-result-ms]", timeout=300_000)
        out["first_result_ms"] = float(page.get_attribute("[data-first-result-ms]", "data-first-result-ms"))
        boot = page.get_attribute("[data-boot-ms]", "data-boot-ms") if calculator else None
        if boot:
            out["worker_boot_ms"] = float(boot)
            out["worker_start_ms"] = float(page.get_attribute("[data-start-ms]", "data-start-ms"))
            for k, v in json.loads(page.get_attribute("[data-boot-marks]", "data-boot-marks") or "{}").items():
                out[f"boot_{k}_ms"] = v
    if calculator:
        out["recompute_ms"] = page.evaluate(
            """() => new Promise((resolve) => {
                 const fig = () => document.querySelector('.jz-figure').textContent;
                 const before = fig(); const t0 = performance.now();
                 const obs = new MutationObserver(() => { if (document.querySelector('.jz-figure') && fig() !== before) { obs.disconnect(); resolve(performance.now() - t0); } });
                 obs.observe(document.querySelector('.jz-out'), {childList: true, subtree: true});
                 const w = document.getElementById('jz-wage1'); w.value = '1300'; w.dispatchEvent(new Event('input', {bubbles: true}));
               })"""
        )
        out["worker_compute_ms"] = float(page.get_attribute(".jz-calc", "data-compute-ms"))
    else:
        page.wait_for_load_state("networkidle")
    out["fcp_ms"] = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1")
    page.wait_for_timeout(200)
    out["bytes"] = Handler.sent
    out["pyodide_requests"] = sum(1 for u in urls if "pyodide" in u or "/assets/calc/" in u)
    page.close()
    return out


def run(args) -> dict:
    from playwright.sync_api import sync_playwright

    site = Path(args.site).resolve()
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        Handler.roots = {"/": site, "/__baseline/": baseline_dir(tmp)}
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        exe, cpu_note = chromium_launcher(tmp) if args.cpu else (shutil.which("chromium"), "unthrottled CPU")
        results: dict = {"cpu": cpu_note, "profiles": {}}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
            results["cpu_slowdown_measured"] = round(calibrate(browser), 2)
            for name in args.profiles:
                prof = PROFILES[name]
                rows: dict[str, list[dict]] = {k: [] for k in ("ours_cold", "ours_repeat", "base_cold", "base_repeat", "policy_cold")}
                for _ in range(args.runs):
                    for who, url, calc in (("ours", base + CALC, True), ("base", base + "__baseline/", False)):
                        ctx = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True,
                                                  service_workers=os.environ.get("JZ_BENCH_SW", "allow"))
                        rows[f"{who}_cold"].append(visit(ctx, url, prof, calc))
                        rows[f"{who}_repeat"].append(visit(ctx, url, prof, calc))
                        ctx.close()
                    ctx = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
                    rows["policy_cold"].append(visit(ctx, base + POLICY, prof, None))
                    ctx.close()
                med = {k: {m: statistics.median(r[m] for r in v) for m in v[0]} for k, v in rows.items()}
                results["profiles"][name] = {"median": med, "runs": args.runs}
            browser.close()
        server.shutdown()
    return results


TARGETS = [
    ("cold first result ≤ 0.4 × stock", lambda m: m["ours_cold"]["first_result_ms"] / m["base_cold"]["first_result_ms"], 0.4, "ratio"),
    ("cold bytes ≤ 0.75 × stock", lambda m: m["ours_cold"]["bytes"] / m["base_cold"]["bytes"], 0.75, "ratio"),
    ("repeat first result ≤ 1500 ms", lambda m: m["ours_repeat"]["first_result_ms"], 1500, "ms"),
    ("recompute ≤ 20 ms", lambda m: m["ours_cold"]["recompute_ms"], 20, "ms"),
    ("policy page ≤ 300 KB", lambda m: m["policy_cold"]["bytes"] / 1000, 300, "KB"),
    ("policy page: no Pyodide requests", lambda m: m["policy_cold"]["pyodide_requests"], 0, ""),
]


def report(results: dict) -> str:
    lines = [f"CPU: {results['cpu']} (measured slowdown of a JS loop vs unthrottled Node: {results['cpu_slowdown_measured']}×)", ""]
    for name, data in results["profiles"].items():
        m = data["median"]
        lines += [f"### {name} (median of {data['runs']} runs)", "",
                  "| page | visit | bytes | first paint | first result | recompute |", "| --- | --- | ---: | ---: | ---: | ---: |"]
        for key, label in (("ours_cold", "calculator · cold"), ("ours_repeat", "calculator · repeat"),
                           ("base_cold", "stock Pyodide · cold"), ("base_repeat", "stock Pyodide · repeat"), ("policy_cold", "policy page · cold")):
            r = m[key]
            fr = f"{r['first_result_ms']:.0f} ms" if "first_result_ms" in r else "—"
            rc = f"{r['recompute_ms']:.1f} ms (worker {r['worker_compute_ms']:.1f})" if "recompute_ms" in r else "—"
            lines.append(f"| {label.split(' · ')[0]} | {label.split(' · ')[1]} | {r['bytes'] / 1e6:.3f} MB | {r['fcp_ms']:.0f} ms | {fr} | {rc} |")
        lines += ["", "| target | value | result |", "| --- | ---: | --- |"]
        for label, fn, limit, unit in TARGETS:
            v = fn(m)
            lines.append(f"| {label} | {v:.2f} {unit} | {'pass' if v <= limit else 'FAIL'} |")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--profiles", default="phone,slow4g")
    ap.add_argument("--site", default=str(ROOT / "site"))
    ap.add_argument("--no-cpu", dest="cpu", action="store_false", help="do not throttle the CPU")
    ap.add_argument("--write", action="store_true", help="write docs/about/performance.md and bench/results.json")
    args = ap.parse_args()
    args.profiles = [p for p in args.profiles.split(",") if p]
    results = run(args)
    results["date"] = dt.date.today().isoformat()
    results["machine"] = f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}, Chromium {browser_version()}"
    text = report(results)
    for name, data in results["profiles"].items():
        print(name, {k: {m: round(v) for m, v in r.items() if m.startswith(("boot", "worker", "first"))} for k, r in data["median"].items() if k.startswith("ours")})
    print(text)
    if args.write:
        (ROOT / "bench").mkdir(exist_ok=True)
        (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        body = f"测量日期 {results['date']}；机器：{results['machine']}。\n\n{text}\n"
        replace_section(ROOT / "docs" / "about" / "performance.md", "results", body)
    return 0


def replace_section(doc: Path, name: str, body: str) -> None:
    """Replace what lies between <!-- bench:NAME --> and <!-- /bench:NAME --> in a page."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    text = doc.read_text(encoding="utf-8")
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    doc.write_text(f"{head}{start}\n\n{body.strip()}\n\n{end}{tail}", encoding="utf-8")


def browser_version() -> str:
    out = subprocess.run([shutil.which("chromium") or "chromium", "--version"], capture_output=True, text=True)
    return out.stdout.strip().split()[-1] if out.stdout else "?"


if __name__ == "__main__":
    raise SystemExit(main())
