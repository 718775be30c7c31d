# SPDX-License-Identifier: MIT
"""Measure a calculator page in Debian Chromium: cold and repeat visits.

    .venv/bin/python scripts/bench_calculator.py [--runs 5] [--site site] [--page calculators/dibao/]

Serves the built site with Python's http.server (no compression: bytes are the raw
file sizes, an upper bound for a server that brotli-compresses) and reports, per run
and as medians: bytes transferred (every request, worker fetches included), time to
the page's text, time to the first calculator result, and the worker's recompute time.
Unthrottled: numbers describe this machine, not a phone (see issue #6 for profiles).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import statistics
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM_ARGS, _QuietHandler  # noqa: E402

LINK = "#j=changle&area=urban&n=3&age1=45&wage1=1200&age2=43&age3=12&date=2021-12-01"


def one_visit(ctx, url: str) -> dict[str, float]:
    page = ctx.new_page()
    sizes: list[int] = []
    page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
    page.goto(url)
    page.wait_for_selector(".jz-summary", timeout=120_000)
    timing = page.evaluate(
        "() => ({text: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1,"
        " result: performance.now()})"
    )
    page.fill("#jz-wage1", "1300")
    page.wait_for_function("document.querySelector('.jz-figure').innerText.includes('1148.00')")
    recompute = float(page.get_attribute(".jz-calc", "data-compute-ms"))
    page.close()
    return {"bytes": sum(sizes), "text_ms": timing["text"], "result_ms": timing["result"], "recompute_ms": recompute}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--site", default=str(ROOT / "site"))
    ap.add_argument("--page", default="calculators/dibao/")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=args.site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{args.page}{LINK}"
    cold, warm = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        for _ in range(args.runs):
            ctx = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
            cold.append(one_visit(ctx, url))
            warm.append(one_visit(ctx, url))  # same context: HTTP cache is warm
            ctx.close()
        browser.close()
    server.shutdown()
    report = {}
    for name, runs in (("cold", cold), ("repeat", warm)):
        report[name] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        report[name]["runs"] = len(runs)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
