# SPDX-License-Identifier: MIT
"""Phone-speed benchmark: our calculator page vs the stock Pyodide runtime, in Debian Chromium.

    .venv/bin/python scripts/bench.py [--runs 5] [--profiles phone,slow4g] [--site site] [--idle 20] [--write]

The site is served like production should be (see README "Serving"): pre-compressed
.br/.gz chosen by Accept-Encoding, ``Cache-Control: immutable`` for content-hashed and
versioned files, ``no-cache`` for pages.  The baseline is a plain page that loads the
stock runtime from the same npm package (``node_modules/pyodide``: stock
``python_stdlib.zip``, lock file), served the same way, and runs one calculation.

Profiles (network by CDP, which also covers Web Worker fetches):
  phone   10 Mbit/s down, 5 up, 70 ms RTT
  slow4g  1.5 Mbit/s down, 0.75 up, 560 ms RTT
CPU: CDP CPU throttling does not reach Web Workers, so the whole browser (every process,
the worker included) runs in a cgroup v1 CPU quota (JZ_BENCH_QUOTA, default 50 % of one core):
/sys/fs/cgroup/cpu/jzbench-<pid>, one per benchmark process (two benchmarks never share a quota).
Where that cgroup cannot be made (no root), the CPU is unthrottled and the report says so.
The load average of the machine (os.getloadavg) is recorded next to the calibration.

Each run is a visitor with a browser profile of their own (a persistent user-data-dir, as on a
phone; an in-memory context has no compiled-code cache at all):
  cold    the first visit, nothing cached; the page then stays open --idle seconds (the service
          worker keeps the runtime, V8 writes its compiled-code cache) and the browser closes;
  repeat  a real return: the browser starts again on the same profile and opens the same address.
Per visit: bytes transferred (encoded), first contentful paint, time to the first calculator
result, recompute time after an input change (input → new figure on screen), and a Chrome trace
(CDP Tracing) read into phases by scripts/trace_phases.py (page, worker start, wasm download,
compile — from V8's code cache or not —, instantiate, stdlib, interpreter, calculators import,
first calculation).  Medians of --runs runs; ratios to the baseline; pass/fail against the
targets of issues #6/#22.  --write puts the tables into docs/about/performance.md and the raw
numbers in bench/results.json.
"""

from __future__ import annotations

import argparse
import atexit
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build"))
sys.path.insert(0, str(ROOT / "scripts"))
from trace_phases import CATEGORIES, ROWS, cpu, durations, load_events, phases  # noqa: E402

from publish.serve import Handler, make_server  # noqa: E402  (the one production-like server)

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PROFILES = {
    "desktop": None,
    "phone": {"latency": 70, "downloadThroughput": 10e6 / 8, "uploadThroughput": 5e6 / 8},
    "slow4g": {"latency": 560, "downloadThroughput": 1.5e6 / 8, "uploadThroughput": 0.75e6 / 8},
}
CGROUP = Path(f"/sys/fs/cgroup/cpu/jzbench-{os.getpid()}")
# Share of one core for the whole browser. Chromium's processes compete inside the quota, so the
# slowdown of one thread is larger than 100000/QUOTA; the report prints the measured factor.
QUOTA = int(os.environ.get("JZ_BENCH_QUOTA", "50000"))
CALC = "calculators/dibao/#j=changle&area=urban&n=3&age1=45&wage1=1200&age2=43&age3=12&date=2021-12-01"
POLICY = "policies/changle-2021-yijian/"
# The screener from a shared link, with the same household as CALC: its first 「详细估算」 is that calculator.
SCREENER = "calculators/screener/#j=changle&area=urban&n=3&age1=45&wage1=1200&age2=43&age3=12"
PHONE = {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True}
RUNTIME_PARTS = ("/pyodide/", "python_stdlib", ".whl", "ledger-libs", "/params-")
TRACE_DIR: Path | None = None  # --traces: keep each visit's trace for chrome://tracing or Perfetto
SETTLE_MS = 3000  # after a browser starts: its own start-up work (profile, internal pages) is done before the visit
BASELINE_HTML = """<!doctype html><html lang="zh"><meta charset="utf-8"><title>stock Pyodide</title>
<p>stock Pyodide: <span id="out">…</span></p>
<script type="module">
import { loadPyodide } from "./pyodide/pyodide.mjs";
performance.mark("jz:boot");
const py = await loadPyodide({ indexURL: new URL("./pyodide/", location.href).href,
                                fsInit: () => { performance.mark("jz:stdlib-written"); } });
performance.mark("jz:interpreter");
const r = py.runPython("from decimal import Decimal\\nstr((Decimal('816') - Decimal('400')) * 3)");
document.getElementById("out").textContent = r;
performance.mark("jz:shown");
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


def _remove_cgroup() -> None:
    try:
        CGROUP.rmdir()  # empty once the browsers have exited
    except OSError:
        pass


def chromium_launcher(tmp: Path) -> tuple[str, str]:
    """Chromium in a CPU cgroup of this process (QUOTA of one core for every process of the browser, workers too)."""
    exe = shutil.which("chromium") or "chromium"
    try:
        CGROUP.mkdir(exist_ok=True)
        (CGROUP / "cpu.cfs_period_us").write_text("100000")
        (CGROUP / "cpu.cfs_quota_us").write_text(str(QUOTA))
    except OSError as exc:
        return exe, f"unthrottled CPU (no cgroup: {exc.strerror})"
    atexit.register(_remove_cgroup)
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


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


RECOMPUTE_JS = """() => new Promise((resolve) => {
  const fig = () => document.querySelector('.jz-figure').textContent;
  const before = fig(); const t0 = performance.now();
  const obs = new MutationObserver(() => { if (document.querySelector('.jz-figure') && fig() !== before) { obs.disconnect(); resolve(performance.now() - t0); } });
  obs.observe(document.querySelector('.jz-out'), {childList: true, subtree: true});
  const w = document.getElementById('jz-wage1'); w.value = '1300'; w.dispatchEvent(new Event('input', {bubbles: true}));
})"""


def visit(ctx, url: str, profile: dict | None, calculator: bool | None, trace: bool = True) -> dict[str, Any]:
    """One page visit in a browser context: its numbers, and its phases from a Chrome trace.
    ``calculator``: True for our calculator page, False for the stock page, None for a page without a result."""
    page = ctx.pages[0] if ctx.pages else ctx.new_page()  # the window the browser opened with (see launch)
    if profile:
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, **profile})
    browser = ctx.browser
    if trace:
        browser.start_tracing(categories=list(CATEGORIES))
    Handler.sent = 0
    Handler.served = []
    page.goto(url, wait_until="load", timeout=300_000)
    out: dict[str, Any] = {}
    if calculator is not None:
        page.wait_for_selector("[data-first-result-ms]", timeout=300_000)
        out["first_result_ms"] = float(page.get_attribute("[data-first-result-ms]", "data-first-result-ms"))
        out["bytes"] = Handler.sent  # to the first result (the service worker registers after it, when idle)
    else:
        # A reading page: what the page itself fetched (the service worker it registers when idle then keeps
        # the site for offline use: not this page's download).
        page.wait_for_load_state("networkidle")
        out["bytes"] = page.evaluate("""() => performance.getEntriesByType('navigation').concat(
          performance.getEntriesByType('resource')).reduce((n, e) => n + e.transferSize, 0)""")
        page.wait_for_timeout(8000)  # the service worker registers when idle and installs: it must not fetch Pyodide either
    if calculator:
        out["recompute_ms"] = page.evaluate(RECOMPUTE_JS)
        out["worker_compute_ms"] = float(page.get_attribute(".jz-calc", "data-compute-ms"))
        later = []
        for wage in ("1400", "1500", "1600"):  # three more changes, half a second apart
            page.wait_for_timeout(500)
            later.append(page.evaluate(RECOMPUTE_JS.replace("'1300'", f"'{wage}'")))
        out["recompute_next_ms"] = statistics.median(later)
    out["fcp_ms"] = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1")
    page.wait_for_timeout(200)
    if trace:
        data = browser.stop_tracing()
        if TRACE_DIR:
            TRACE_DIR.mkdir(parents=True, exist_ok=True)
            (TRACE_DIR / f"{len(list(TRACE_DIR.iterdir())):03d}-{url.split('/')[2].replace(':', '_')}.json").write_bytes(data)
        events = load_events(data)
        if calculator is not None:
            p = phases(events, url.split("#")[0])
            out["phases"] = p
            out.update({f"phase_{k}_ms": v for k, v in durations(p).items()})
            out.update({f"phase_at_{k}_ms": v for k, v in p.items() if isinstance(v, (int, float)) and k != "code_cache_kb"})
            if "code_cache_kb" in p:
                out["code_cache_kb"] = p["code_cache_kb"]
            out.update({f"cpu_{k}_ms": v for k, v in cpu(events, url.split("#")[0]).items()})
    # The runtime (not the tool pages' small scripts, which the service worker keeps with the pages).
    out["pyodide_requests"] = sum(1 for u in Handler.served if any(k in u for k in RUNTIME_PARTS))
    out["page"] = page
    return out


def wait_kept(page, idle_s: float) -> None:
    """Stay on the page like a visitor who reads the answer: the service worker (if any) keeps the runtime
    (up to 60 s), then ``idle_s`` more seconds (V8 writes its compiled-code cache once the code has warmed up)."""
    page.evaluate("""() => new Promise((resolve) => {
      const end = Date.now() + 60000;
      const wasm = [...performance.getEntriesByType('resource')].map((e) => e.name).find((n) => n.endsWith('.wasm'));
      const poll = async () => {
        const kept = !window.caches || !navigator.serviceWorker || !navigator.serviceWorker.controller || !wasm
          || await caches.match(wasm);
        if (kept || Date.now() > end) resolve(); else setTimeout(poll, 500);
      };
      setTimeout(poll, 500);
    })""")
    page.wait_for_timeout(idle_s * 1000)


def launch(p, exe: str, profile_dir: Path, service_workers: str = "allow"):
    """The browser on a profile, settled: the visit then uses the window it opened with. (Each new window of
    desktop Chromium loads its own omnibox pages, some 0.2 s of CPU in a renderer of their own, which a phone's
    browser does not: a new window per visit put that inside the measured time.)"""
    ctx = p.chromium.launch_persistent_context(str(profile_dir), executable_path=exe, args=CHROMIUM_ARGS,
                                               service_workers=service_workers, **PHONE)
    (ctx.pages[0] if ctx.pages else ctx.new_page()).wait_for_timeout(SETTLE_MS)
    return ctx


def visitor(p, exe: str, url: str, prof: dict | None, calculator: bool, idle_s: float, tmp: Path,
            trace: bool) -> tuple[dict, dict]:
    """A first visit and a real return (the browser restarted on the same profile)."""
    profile_dir = Path(tempfile.mkdtemp(dir=tmp))
    sw = os.environ.get("JZ_BENCH_SW", "allow")
    ctx = launch(p, exe, profile_dir, sw)
    cold = visit(ctx, url, prof, calculator, trace)
    wait_kept(cold.pop("page"), idle_s)
    ctx.close()
    ctx = launch(p, exe, profile_dir, sw)
    repeat = visit(ctx, url, prof, calculator, trace)
    repeat.pop("page").close()
    ctx.close()
    shutil.rmtree(profile_dir, ignore_errors=True)
    return cold, repeat


def median_of(rows: list[dict[str, Any]]) -> dict[str, Any]:
    keys = {k for r in rows for k, v in r.items() if isinstance(v, (int, float))}
    med: dict[str, Any] = {k: statistics.median(r[k] for r in rows if k in r) for k in sorted(keys)}
    caches = [r["phases"]["code_cache"] for r in rows if "phases" in r]
    if caches:
        med["code_cache"] = "/".join(caches)
    sources = [r["phases"].get("wasm_source", "?") for r in rows if "phases" in r]
    if sources:
        med["wasm_source"] = max(set(sources), key=sources.count)
    return med


def serve(roots: dict[str, Path]) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = make_server(roots["/"], extra_roots={k: v for k, v in roots.items() if k != "/"})
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def run(args) -> dict:
    """Per profile and run: a visitor of our site (and of the --compare build, on its own origin), one of the
    stock page, and a policy page's first visit."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        server, base = serve({"/": Path(args.site).resolve(), "/__baseline/": baseline_dir(tmp)})
        sites = [("ours", base + CALC, True), ("base", base + "__baseline/", False)]
        servers = [server]
        if args.compare:
            alt, alt_base = serve({"/": Path(args.compare).resolve()})
            servers.append(alt)
            sites.insert(1, ("alt", alt_base + CALC, True))
        exe, cpu_note = chromium_launcher(tmp) if args.cpu else (shutil.which("chromium") or "chromium", "unthrottled CPU")
        results: dict = {"cpu": cpu_note, "profiles": {}, "load_average": {"start": load_average()},
                         "sites": {"ours": args.site, "alt": args.compare}}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
            results["cpu_slowdown_measured"] = round(calibrate(browser), 2)
            browser.close()
            for name in args.profiles:
                prof = PROFILES[name]
                rows: dict[str, list[dict]] = {f"{who}_{v}": [] for who, _, _ in sites for v in ("cold", "repeat")}
                rows["policy_cold"] = []
                traced: dict[str, list[dict]] = {k: [] for k in rows}
                raw: list[dict] = []
                # First the traced runs (the phase table), then the untraced ones (the headline numbers and the
                # targets: tracing itself slows a visit by some 10 %).
                for i in range(args.traced + args.runs):
                    trace = i < args.traced
                    for who, url, calc in sites:
                        cold, repeat = visitor(p, exe, url, prof, calc, args.idle, tmp, trace)
                        (traced if trace else rows)[f"{who}_cold"].append(cold)
                        (traced if trace else rows)[f"{who}_repeat"].append(repeat)
                        print(f"{name} {'traced ' if trace else ''}run {i + 1} {who}: cold {cold['first_result_ms']:.0f} ms, "
                              f"repeat {repeat['first_result_ms']:.0f} ms"
                              f" (code cache {repeat.get('phases', {}).get('code_cache')}), recompute "
                              f"{cold.get('recompute_ms', 0):.1f} ms, load {load_average()}", flush=True)
                    ctx = launch(p, exe, Path(tempfile.mkdtemp(dir=tmp)))
                    policy = visit(ctx, base + POLICY, prof, None, trace=False)
                    policy.pop("page").close()
                    ctx.close()
                    rows["policy_cold"].append(policy)
                    raw.append({k: v[-1] for k, v in (traced if trace else rows).items() if v})
                med = {k: median_of(v or traced[k]) for k, v in rows.items()}
                phases_med = {k: median_of(v) for k, v in traced.items() if v}
                results["profiles"][name] = {"median": med, "phases": phases_med, "runs": args.runs, "traced": args.traced,
                                             "each": raw}
        results["load_average"]["end"] = load_average()
        for s in servers:
            s.shutdown()
    return results


def handoff(args, exe: str, base: str, tmp: Path) -> dict[str, Any]:
    """The screener → calculator handoff of a returning resident (scripts/bench_handoff.mjs drives Chromium over
    the DevTools protocol; Playwright's way of attaching turns prerendering off), with Speculation Rules on and off
    (DevTools' switch) in the same runs, alternating; per profile, medians."""
    out: dict[str, Any] = {"read_ms": args.read * 1000, "runs": args.handoff, "profiles": {}}
    for name in args.profiles:
        rows: dict[str, list[dict]] = {"prerender": [], "no_prerender": []}
        for i in range(args.handoff):
            for key in ("prerender", "no_prerender"):
                cfg = {"exe": exe, "args": CHROMIUM_ARGS, "profileDir": tempfile.mkdtemp(dir=tmp), "calcURL": base + CALC,
                       "screenerURL": base + SCREENER, "readMs": args.read * 1000, "idleMs": args.idle * 1000,
                       "network": PROFILES[name], "prerender": key == "prerender", "settleMs": SETTLE_MS}
                proc = subprocess.run(["node", "--experimental-websocket", "--no-warnings", str(ROOT / "scripts" / "bench_handoff.mjs"),
                                       json.dumps(cfg)], capture_output=True, text=True, timeout=900)
                if proc.returncode != 0:
                    raise RuntimeError("bench_handoff.mjs failed: " + proc.stderr[-2000:])
                r = json.loads(proc.stdout.strip().splitlines()[-1])
                rows[key].append(r)
                shutil.rmtree(cfg["profileDir"], ignore_errors=True)
                print(f"{name} handoff run {i + 1} {key}: {r['handoff_ms']:.0f} ms (prerendered {r['prerendered']}, "
                      f"result {r['first_ms']:.0f} ms after the page began, activation {r['activation_ms']:.0f}), load {load_average()}", flush=True)
        out["profiles"][name] = {k: {"handoff_ms": statistics.median(r["handoff_ms"] for r in v),
                                     "prerendered": sum(r["prerendered"] for r in v), "each": v} for k, v in rows.items()}
    return out


def handoff_report(h: dict[str, Any]) -> str:
    lines = [f"筛查页显示答案后读 {h['read_ms'] / 1000:.0f} 秒，点「详细估算」，到计算器显示结果（{h['runs']} 次的中位数；"
             "同一次运行里交替测，“不预渲染”用 DevTools 的开关关掉 Speculation Rules）：", "",
             "| 网络 | 预渲染 | 不预渲染 | 真的预渲染了的次数 |", "| --- | ---: | ---: | ---: |"]
    for name, d in h["profiles"].items():
        lines.append(f"| {name} | {d['prerender']['handoff_ms']:.0f} ms | {d['no_prerender']['handoff_ms']:.0f} ms | "
                     f"{d['prerender']['prerendered']} / {h['runs']} |")
    return "\n".join(lines)


TARGETS = [
    ("cold first result ≤ 0.4 × stock", lambda m: m["ours_cold"]["first_result_ms"] / m["base_cold"]["first_result_ms"], 0.4, "ratio"),
    ("cold bytes ≤ 0.75 × stock", lambda m: m["ours_cold"]["bytes"] / m["base_cold"]["bytes"], 0.75, "ratio"),
    ("repeat first result ≤ 1500 ms", lambda m: m["ours_repeat"]["first_result_ms"], 1500, "ms"),
    ("recompute ≤ 20 ms", lambda m: m["ours_cold"]["recompute_ms"], 20, "ms"),
    ("policy page ≤ 300 KB", lambda m: m["policy_cold"]["bytes"] / 1000, 300, "KB"),
    ("policy page: no Pyodide requests", lambda m: m["policy_cold"]["pyodide_requests"], 0, ""),
]


CPU_ROWS = (("total", "**CPU 时间（整个浏览器，导航 → 首次结果）**"), ("worker", "　其中 计算器 Worker 线程"),
            ("page", "　其中 页面主线程"), ("compile_gc", "　其中 V8 后台编译和垃圾回收"),
            ("service_worker", "　其中 service worker"), ("browser", "　其中 浏览器进程"), ("network", "　其中 网络进程"))


def phase_table(m: dict[str, Any]) -> list[str]:
    """Where the time goes (medians): each phase's duration, and when it ended (ms since navigation start)."""
    cols = [("ours_cold", "本站 · 冷启动"), ("ours_repeat", "本站 · 再次打开"), ("base_cold", "原版 · 冷启动"), ("base_repeat", "原版 · 再次打开")]
    if "alt_cold" in m:
        cols[2:2] = [("alt_cold", "对比版 · 冷启动"), ("alt_repeat", "对比版 · 再次打开")]
    lines = ["| 阶段 | " + " | ".join(label for _, label in cols) + " |", "| --- |" + " ---: |" * len(cols)]
    for key, label, _, end in ROWS:
        cells = []
        for col, _ in cols:
            r = m[col]
            took, at = r.get(f"phase_{key}_ms"), r.get(f"phase_at_{end}_ms")
            if took is None:
                cells.append("—")
            elif key in ("page", "first_result") or at is None:
                cells.append(f"{took:.0f}")
            else:
                cells.append(f"{took:.0f}（到 {at:.0f}）")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for group, label in CPU_ROWS:
        lines.append(f"| {label} | " + " | ".join(
            f"{m[col][f'cpu_{group}_ms']:.0f}" if f"cpu_{group}_ms" in m[col] else "—" for col, _ in cols) + " |")
    lines.append("| wasm 来自 · V8 编译缓存 | " + " | ".join(
        f"{m[col].get('wasm_source', '—')} · {m[col].get('code_cache', '—')}" for col, _ in cols) + " |")
    return lines


def report(results: dict) -> str:
    la = results.get("load_average", {})
    lines = [f"CPU: {results['cpu']} (measured slowdown of a JS loop vs unthrottled Node: {results['cpu_slowdown_measured']}×); "
             f"load average (1, 5, 15 min) at start {la.get('start')}, at end {la.get('end')} "
             f"on {os.cpu_count()} cores" + ("（与其他任务共用这台机器）" if max(la.get("start", [0]) + la.get("end", [0])) > 1 else ""), ""]
    for name, data in results["profiles"].items():
        m = data["median"]
        lines += [f"### {name} (median of {data['runs']} runs)", "",
                  "| page | visit | bytes | first paint | first result | first recompute |", "| --- | --- | ---: | ---: | ---: | ---: |"]
        for key, label in (("ours_cold", "calculator · cold"), ("ours_repeat", "calculator · repeat"),
                           ("alt_cold", "calculator (--compare) · cold"), ("alt_repeat", "calculator (--compare) · repeat"),
                           ("base_cold", "stock Pyodide · cold"), ("base_repeat", "stock Pyodide · repeat"), ("policy_cold", "policy page · cold")):
            if key not in m:
                continue
            r = m[key]
            fr = f"{r['first_result_ms']:.0f} ms" if "first_result_ms" in r else "—"
            rc = (f"{r['recompute_ms']:.1f} ms (worker {r['worker_compute_ms']:.1f}; next {r['recompute_next_ms']:.1f})"
                  if "recompute_ms" in r else "—")
            lines.append(f"| {label.split(' · ')[0]} | {label.split(' · ')[1]} | {r['bytes'] / 1e6:.3f} MB | {r['fcp_ms']:.0f} ms | {fr} | {rc} |")
        lines += ["", "| target | value | result |", "| --- | ---: | --- |"]
        for label, fn, limit, unit in TARGETS:
            v = fn(m)
            lines.append(f"| {label} | {v:.2f} {unit} | {'pass' if v <= limit else 'FAIL'} |")
        if data.get("phases"):
            lines += ["", f"Phases ({name}, median ms of {data['traced']} traced run(s) — tracing makes a visit some 10 % slower; "
                      "in brackets: ends at, ms since navigation start):", ""]
            lines += phase_table(data["phases"])
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="untraced runs: the headline numbers and the targets")
    ap.add_argument("--traced", type=int, default=1, help="traced runs before them: the phase table")
    ap.add_argument("--profiles", default="phone,slow4g")
    ap.add_argument("--site", default=str(ROOT / "site"))
    ap.add_argument("--idle", type=float, default=20, help="seconds a first visit stays open after the runtime is kept")
    ap.add_argument("--no-cpu", dest="cpu", action="store_false", help="do not throttle the CPU")
    ap.add_argument("--json", help="also write the raw results to this file")
    ap.add_argument("--compare", help="a second build of the site, measured in the same runs (a lever: before → after)")
    ap.add_argument("--write", action="store_true", help="write docs/about/performance.md and bench/results.json")
    ap.add_argument("--traces", help="keep each visit's Chrome trace in this folder")
    ap.add_argument("--handoff", type=int, default=0, help="runs of the screener → calculator handoff (with and without prerendering)")
    ap.add_argument("--read", type=float, default=5, help="seconds the resident reads the screener's answer before the tap")
    args = ap.parse_args()
    global TRACE_DIR
    TRACE_DIR = Path(args.traces) if args.traces else None
    args.profiles = [p for p in args.profiles.split(",") if p]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}, Chromium {browser_version()}"
    if args.handoff:
        with tempfile.TemporaryDirectory() as tmp_s:
            server, base = serve({"/": Path(args.site).resolve()})
            exe, cpu_note = chromium_launcher(Path(tmp_s)) if args.cpu else (shutil.which("chromium") or "chromium", "unthrottled CPU")
            h = handoff(args, exe, base, Path(tmp_s))
            server.shutdown()
        h["date"], h["cpu"], h["machine"] = dt.date.today().isoformat(), cpu_note, machine
        text = handoff_report(h)
        print(text)
        if args.write:
            (ROOT / "bench").mkdir(exist_ok=True)
            (ROOT / "bench" / "handoff.json").write_text(json.dumps(h, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            replace_section(ROOT / "docs" / "about" / "performance.md", "handoff",
                            f"测量日期 {h['date']}；机器：{machine}；CPU：{cpu_note}。\n\n{text}\n")
    if not args.runs and not args.traced:
        return 0
    results = run(args)
    results["date"] = dt.date.today().isoformat()
    results["machine"] = machine
    text = report(results)
    print(text)
    dump = json.dumps(results, indent=1, ensure_ascii=False) + "\n"
    if args.json:
        Path(args.json).write_text(dump, encoding="utf-8")
    if args.write:
        (ROOT / "bench").mkdir(exist_ok=True)
        (ROOT / "bench" / "results.json").write_text(dump, encoding="utf-8")
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
