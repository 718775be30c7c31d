# SPDX-License-Identifier: MIT
"""Where a calculator page's load goes, read from a Chrome trace (``scripts/bench.py`` records one per visit).

The page and the worker put ``performance.mark("jz:…")`` at their phase boundaries (``build/js/calc-worker.js``,
``calc-page.js``, the ``<head>`` script of ``build/pages/forms.py``; the stock baseline page of bench.py marks
``jz:boot``, ``jz:stdlib-written``, ``jz:interpreter`` and ``jz:shown`` too). Chromium records user-timing marks
in the trace (category ``blink.user_timing``) on the thread that made them, with the trace's own clock, so marks of
the page and of its Web Worker line up with what the browser itself records:

* ``navigationStart`` (``blink.user_timing``) of the visited page: time zero;
* ``firstContentfulPaint`` (``loading``);
* ``ResourceSendRequest`` / ``ResourceReceiveResponse`` / ``ResourceFinish`` (``devtools.timeline``) of
  ``pyodide.asm.wasm`` and the stdlib zip (where the wasm came from: network, HTTP cache or service worker);
* ``wasm.AsyncInstantiate`` (``v8.wasm``): the runtime's module is instantiated as soon as its streaming compile
  finishes, so its start is the end of the compile;
* ``v8.wasm.moduleCacheHit`` / ``v8.wasm.cachedModule`` (``disabled-by-default-devtools.timeline``, Blink's
  ``v8_wasm_response_extensions.cc``): V8's compiled-code cache was used / a compiled module was written to it.
"""

from __future__ import annotations

import json
from typing import Any

CATEGORIES = (
    "devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.wasm", "disabled-by-default-v8.compile",
    "blink.user_timing", "loading",
)

# (key, label, start, end): the phase table's rows; start/end are keys of ``phases()`` (ms since navigation start).
ROWS = (
    ("page", "页面首屏（导航 → 首次绘制）", "nav", "fcp"),
    ("worker", "启动 Worker（创建 → 脚本开始运行）", "jz:worker-create", "jz:worker-script"),
    ("runtime_js", "Pyodide 的 JS（pyodide.mjs 和 pyodide.asm.mjs）", "jz:boot", "runtime_js"),
    # The compile streams: it runs while the bytes arrive, so download and compile are one phase.
    ("wasm", "下载并编译 wasm（请求 → 编译完）", "wasm_request", "wasm_compiled"),
    ("instantiate", "实例化 wasm", "wasm_compiled", "wasm_instantiated"),
    ("stdlib", "等标准库下载并写入", "wasm_instantiated", "jz:stdlib-written"),
    ("interpreter", "解释器启动", "jz:stdlib-written", "jz:interpreter"),
    ("calculators", "导入计算器（解包、import、地区参数）", "jz:interpreter", "jz:calculators"),
    ("first_calc", "第一次计算（含显示）", "jz:calculators", "jz:shown"),
    ("first_result", "首次结果（导航 → 显示）", "nav", "jz:shown"),
)


def load_events(data: bytes | str) -> list[dict[str, Any]]:
    """The events of a trace as Playwright's ``browser.stop_tracing()`` returns it (JSON object or array)."""
    doc = json.loads(data)
    return list(doc["traceEvents"] if isinstance(doc, dict) else doc)


def _nav(events: list[dict[str, Any]], url_part: str) -> dict[str, Any]:
    for e in events:
        data = (e.get("args") or {}).get("data") or {}
        if e["name"] == "navigationStart" and url_part in (data.get("documentLoaderURL") or "") and data.get("isOutermostMainFrame"):
            return e
    raise ValueError(f"no navigationStart for a page whose address holds {url_part!r} in the trace")


def phases(events: list[dict[str, Any]], url_part: str) -> dict[str, Any]:
    """Phase boundaries of one visit, in ms since its navigation start, plus what the code cache did.

    Args:
        events: the trace's events.
        url_part: a part of the visited page's address (finds its ``navigationStart``).

    Returns:
        ``nav``, ``fcp``, each ``jz:…`` mark (its first occurrence in the page's renderer), ``wasm_request``,
        ``wasm_done``, ``wasm_compiled``, ``wasm_instantiated``, ``stdlib_done`` where found; ``code_cache``
        ("hit" or "miss"), ``code_cache_kb`` (consumed on a hit, else written during the visit, if any) and
        ``wasm_source`` (where the wasm came from: network, HTTP cache, service worker).
    """
    nav = _nav(events, url_part)
    pid, t0 = nav["pid"], nav["ts"]
    frame = nav["args"].get("frame")
    ms = lambda ts: round((ts - t0) / 1000, 1)  # noqa: E731
    out: dict[str, Any] = {"nav": 0.0}
    mine = sorted((e for e in events if e.get("pid") == pid and e.get("ts", 0) >= t0), key=lambda e: e["ts"])
    requests: dict[str, str] = {}
    sources: dict[str, str] = {}
    for e in mine:
        name, data = e["name"], (e.get("args") or {}).get("data") or {}
        if e.get("cat") == "blink.user_timing" and name.startswith("jz:"):
            out.setdefault(name, ms(e["ts"]))
        elif name == "firstContentfulPaint" and (e.get("args") or {}).get("frame") == frame:
            out.setdefault("fcp", ms(e["ts"]))
        elif name == "ResourceSendRequest":
            url = data.get("url", "")
            if url.endswith(".wasm") and "wasm_request" not in out:
                requests[data["requestId"]] = "wasm"
                out["wasm_request"] = ms(e["ts"])
            elif "python_stdlib" in url and "stdlib_request" not in out:
                requests[data["requestId"]] = "stdlib"
                out["stdlib_request"] = ms(e["ts"])
        elif name == "ResourceReceiveResponse" and data.get("requestId") in requests:
            sources[requests[data["requestId"]]] = (
                "service worker" if data.get("fromServiceWorker") else "HTTP cache" if data.get("fromCache") else "network")
        elif name == "ResourceFinish" and data.get("requestId") in requests:
            out.setdefault(requests[data["requestId"]] + "_done", ms(e["ts"]))
    js = [out[k] for k in ("jz:runtime-js", "jz:runtime-asm") if k in out]
    if js:
        out["runtime_js"] = max(js)  # both modules imported (side by side since calc-worker.js imports the second itself)
    inst = [e for e in mine if e["name"] == "wasm.AsyncInstantiate" and e.get("ph") == "X"]
    if inst:
        big = max(inst, key=lambda e: e.get("dur", 0))  # the runtime's module, not Pyodide's tiny helper module
        out["wasm_compiled"] = ms(big["ts"])
        out["wasm_instantiated"] = ms(big["ts"] + big.get("dur", 0))
    hit = next((e for e in mine if e["name"] == "v8.wasm.moduleCacheHit"), None)
    made = next((e for e in mine if e["name"] == "v8.wasm.cachedModule"), None)
    out["code_cache"] = "hit" if hit else "miss"
    if hit:
        out["code_cache_kb"] = round(hit["args"].get("consumedCacheSize", 0) / 1000)
    elif made:
        out["code_cache_kb"] = round(made["args"].get("producedCacheSize", 0) / 1000)
    if "wasm" in sources:
        out["wasm_source"] = sources["wasm"]
    return out


# Threads by what they do for the visit (process name, thread name) → group; the rest is "other".
CPU_GROUPS = (
    ("Renderer", "DedicatedWorker thread", "worker"),
    ("Renderer", "CrRendererMain", "page"),
    ("Renderer", "ThreadPoolForegroundWorker", "compile_gc"),  # V8's background compiles (wasm, JS) and GC
    ("Renderer", "ServiceWorker thread", "service_worker"),
    ("Browser", "", "browser"),
    ("Service: network.mojom.NetworkService", "", "network"),
)


def cpu(events: list[dict[str, Any]], url_part: str) -> dict[str, float]:
    """CPU time (ms) every thread of the browser spent from the navigation start to the first result (``jz:shown``),
    by ``CPU_GROUPS`` and in total: robust where wall time is not (a CPU quota shared by all the browser's
    processes, on a machine shared with others, makes wall time wait for CPU that other work used).
    Summed from the thread time (``tdur``) of each thread's outermost trace events."""
    nav = _nav(events, url_part)
    t0 = nav["ts"]
    shown = [e["ts"] for e in events if e["name"] == "jz:shown" and e.get("pid") == nav["pid"]]
    if not shown:
        return {}
    t1 = min(shown)
    procs = {e["pid"]: e["args"]["name"] for e in events if e["name"] == "process_name"}
    threads = {(e["pid"], e["tid"]): e["args"]["name"] for e in events if e["name"] == "thread_name"}
    spans: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for e in events:
        if e.get("ph") == "X" and t0 <= e.get("ts", 0) <= t1:
            spans.setdefault((e["pid"], e["tid"]), []).append(e)
    out: dict[str, float] = {}
    for key, xs in spans.items():
        xs.sort(key=lambda e: e["ts"])
        end, used = 0, 0
        for e in xs:  # outermost events only: nested ones are already inside their parent's time
            if e["ts"] >= end:
                used += e.get("tdur", e.get("dur", 0))
                end = e["ts"] + e.get("dur", 0)
        proc, thread = procs.get(key[0], ""), threads.get(key, "")
        group = next((g for pn, tn, g in CPU_GROUPS if proc == pn and (not tn or thread == tn)), "other")
        out[group] = out.get(group, 0) + used / 1000
    out["total"] = sum(out.values())
    return {k: round(v) for k, v in out.items()}


def durations(p: dict[str, Any]) -> dict[str, float]:
    """Each row of ``ROWS`` as (end − start) ms where both ends were found."""
    return {key: round(p[end] - p[start], 1) for key, _, start, end in ROWS if start in p and end in p}
