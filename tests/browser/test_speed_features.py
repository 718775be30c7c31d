# SPDX-License-Identifier: MIT
"""Speed features in the real browser: repeat visits from the service worker, offline use,
load-on-intent with Data Saver, no Pyodide bytes on policy pages, pre-compressed files.
(Speed *numbers* come from scripts/bench.py, not from tests.)"""

from __future__ import annotations

import json
import shutil
import time

from test_offline import Served

from conftest import CHROMIUM_ARGS, poll
from test_calculator_pages import wait_ready, wait_result

LINK = "calculators/dibao/#j=changle&area=rural&n=1&age1=60&date=2021-12-01"  # 昌乐 农村 640 (2021-11): 640.00


def _phone(browser):
    return browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)


def test_repeat_visit_and_offline_use(browser, site_url):
    ctx = _phone(browser)
    page = ctx.new_page()
    page.goto(site_url + LINK)
    wait_ready(page)
    wait_result(page, "每月约 640.00 元")
    # Registered when the browser is idle after the first answer; its install keeps the runtime.
    poll(page, "navigator.serviceWorker.controller !== null", timeout=30_000)
    # Repeat visit: the runtime comes from the service worker, not the network.
    fetched = []
    page.on("requestfinished", lambda r: fetched.append(r) if r.response() and not r.response().from_service_worker else None)
    page.reload()
    wait_ready(page)
    wait_result(page, "每月约 640.00 元")
    big = [r.url for r in fetched if "pyodide" in r.url or "/assets/calc/" in r.url]
    assert not big, big
    # Offline: the page, the runtime and the answer still work.
    ctx.set_offline(True)
    page.close()
    offline = ctx.new_page()
    offline.goto(site_url + "calculators/dibao/#j=changle&area=rural&n=2&age1=60&age2=58&date=2021-12-01")
    wait_ready(offline)
    wait_result(offline, "每月约 1280.00 元")  # (640 − 0) × 2
    # A prefilled link opened on the same page (only the # changes) is applied too.
    offline.goto(site_url + "calculators/dibao/#j=changle&area=rural&n=3&age1=60&age2=58&age3=10&date=2021-12-01")
    wait_result(offline, "每月约 1920.00 元")  # (640 − 0) × 3
    # Pages never visited in this context, precached at install: home, a policy page, 速查表.
    for path, says in (("", "社会救助政策明白站"), ("policies/zhijin-2023-fengong/", "落实临时救助制度"), ("tables/", "低保金速查表")):
        offline.goto(site_url + path)
        assert says in offline.inner_text("article"), path
    offline.reload()  # an offline reload of a policy page too
    assert "低保金速查表" in offline.inner_text("article")
    ctx.close()


def test_data_saver_waits_for_intent(browser, site_url):
    ctx = _phone(browser)
    ctx.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
    page = ctx.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + LINK)
    page.wait_for_selector(".jz-calc[data-state=waiting]")
    text = page.inner_text(".jz-loading")
    assert "省流量" in text and "MB" in text
    assert page.get_attribute(".jz-tables-link", "href").endswith("/tables/")
    page.wait_for_timeout(1000)
    assert not [u for u in requests if "pyodide" in u or "/assets/calc/" in u and not u.endswith(".js")]
    page.click(".jz-start")
    wait_ready(page)
    wait_result(page, "每月约 640.00 元")
    ctx.close()


def test_policy_page_has_no_pyodide_bytes_and_is_small(browser, site_url):
    page = browser.new_page()
    sizes = []
    page.on("requestfinished", lambda r: sizes.append((r.url, r.sizes()["responseBodySize"])))
    page.goto(site_url + "policies/changle-2021-yijian/")
    page.wait_for_load_state("networkidle")
    # (The page registers the service worker when idle — the whole site offline after one visit — and the worker
    # downloads no runtime for a reading page either: tests/browser/test_offline.py.)
    assert not [u for u, _ in sizes if "pyodide" in u or "/assets/calc/" in u]
    total = sum(s for _, s in sizes)
    assert total < 1_000_000, total  # uncompressed here; see scripts/bench.py for the compressed size
    page.close()


def test_big_files_have_precompressed_copies(built_site):
    for rel in ("assets/pyodide/314.0.7/pyodide.asm.wasm", "assets/pyodide/314.0.7/pyodide.asm.mjs", "index.html"):
        f = built_site / rel
        br, gz = f.with_name(f.name + ".br"), f.with_name(f.name + ".gz")
        assert br.exists() and gz.exists(), rel
        assert br.stat().st_size < gz.stat().st_size < f.stat().st_size
    import brotli

    wasm = built_site / "assets/pyodide/314.0.7/pyodide.asm.wasm"
    assert brotli.decompress((wasm.parent / (wasm.name + ".br")).read_bytes()) == wasm.read_bytes()
    stdlib = next((built_site / "assets/calc").glob("python_stdlib.*.zip"))
    assert stdlib.with_name(stdlib.name + ".br").exists()


def test_first_return_uses_v8s_compiled_code(browser, built_site, tmp_path):
    """A real return (the browser restarted on the same profile, the service worker now in control) compiles
    nothing: V8 takes the runtime's compiled code from its cache (a Chrome trace records the hit). The code was
    cached beside the HTTP cache's copy on the first visit, which the service worker did not yet control, so the
    worker serves the .wasm from the HTTP cache while the browser has it (build/js/sw.js wasmFirst); from its own
    copy, V8 would compile again and cache only then (the miss scripts/bench.py measured before)."""
    served = Served(built_site)
    profile = tmp_path / "profile"
    url = served.url + LINK

    def launch():
        return browser.browser_type.launch_persistent_context(
            str(profile), executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS,
            viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)

    try:
        ctx = launch()
        page = ctx.new_page()
        ctx.browser.start_tracing(categories=[TRACE])
        page.goto(url)
        wait_result(page, "每月约 640.00 元", timeout=90_000)
        poll(page, f"navigator.serviceWorker.controller !== null && caches.match({json.dumps(served.url)} + "
                   f"'assets/pyodide/314.0.7/pyodide.asm.wasm').then(Boolean)", timeout=60_000)
        # V8 writes the compiled code once the module has warmed up (about a second on an idle machine, much longer
        # while other tests load it): wait until the trace records the write, not for a fixed time.
        deadline = time.monotonic() + 120
        seen: list[dict] = []
        tries = 0
        # (the event names no URL; the runtime is the one big module: its cache is some 1 MB, anything else's tiny)
        while True:
            doc = json.loads(ctx.browser.stop_tracing())
            seen += doc["traceEvents"] if isinstance(doc, dict) else doc
            if [e for e in seen if e["name"] == "v8.wasm.cachedModule" and e["args"].get("producedCacheSize", 0) > 200_000]:
                break
            assert time.monotonic() < deadline, "V8 never cached the runtime's compiled code on the first visit"
            ctx.browser.start_tracing(categories=[TRACE])
            # V8 caches a module once enough of it has been optimised; one answer may not be enough. A resident tries
            # a few answers: so does the test (each a new calculation in the worker).
            tries += 1
            page.fill('input[name="age1"]', str(60 + tries % 30))
            page.wait_for_timeout(1_000)
        ctx.close()

        ctx = launch()
        page = ctx.new_page()
        ctx.browser.start_tracing(categories=[TRACE])
        page.goto(url)
        wait_result(page, "每月约 640.00 元", timeout=90_000)
        controlled = page.evaluate("navigator.serviceWorker.controller !== null")
        doc = json.loads(ctx.browser.stop_tracing())
        ctx.close()
    finally:
        served.close()
    assert controlled, "the return is served by the service worker"
    events = doc["traceEvents"] if isinstance(doc, dict) else doc
    assert wasm_events(doc, "v8.wasm.moduleCacheHit"), [e["name"] for e in events if e["name"].startswith("v8.wasm")]


TRACE = "disabled-by-default-devtools.timeline"


def wasm_events(doc, name: str) -> list[dict]:
    """The trace's events called ``name`` about the runtime's .wasm."""
    events = doc["traceEvents"] if isinstance(doc, dict) else doc
    return [e for e in events if e["name"] == name and str(e.get("args", {}).get("url", "")).endswith("pyodide.asm.wasm")]


def test_keeping_offline_waits_while_the_form_is_being_changed(browser, site_url):
    """The service worker (whose install downloads and stores the whole site) is registered only once the resident
    has left the form alone for a few seconds (page-kit.js QUIET_MS): answers recomputed while the form is being
    changed never share the phone's CPU with it."""
    ctx = _phone(browser)
    page = ctx.new_page()
    page.goto(site_url + LINK)
    wait_ready(page)
    wait_result(page, "每月约 640.00 元")
    registered = "navigator.serviceWorker.getRegistration().then((r) => !!r)"
    for wage in range(100, 900, 100):  # a change every second for 8 s
        page.fill("#jz-wage1", str(wage))
        page.wait_for_timeout(1000)
        assert not page.evaluate(registered), f"registered while the form was being changed ({wage})"
    poll(page, registered, timeout=15_000)  # then, left alone, the site is kept
    ctx.close()


SNAPSHOT_KEYS = "caches.open('pyodide-snapshot').then((c) => c.keys()).then((k) => k.map((r) => r.url))"


def _boot_marks(page) -> dict:
    return json.loads(page.get_attribute(".jz-calc", "data-boot-marks") or "{}")


def test_return_visit_restores_the_interpreter_from_a_snapshot_made_on_this_phone(browser, site_url):
    """Once the resident has paused, the worker keeps a memory snapshot of its interpreter (calculators imported) in
    a cache of its own; the next visit restores it instead of starting Python again, answers the same, loads another
    place's parameters afresh; a snapshot that cannot be restored is dropped and the calculator starts as usual."""
    ctx = _phone(browser)
    page = ctx.new_page()
    page.goto(site_url + LINK)
    wait_ready(page)
    wait_result(page, "每月约 640.00 元")
    assert _boot_marks(page)["restored"] is False
    poll(page, f"{SNAPSHOT_KEYS}.then((k) => k.length === 1)", timeout=30_000)
    [key] = page.evaluate(SNAPSHOT_KEYS)
    assert "/assets/calc/python_stdlib." in key and key.endswith(".zip.snapshot")

    page.reload()
    wait_ready(page)
    wait_result(page, "每月约 640.00 元")
    assert _boot_marks(page)["restored"] is True
    page.goto(site_url + "calculators/dibao/#j=zhijin&area=rural&n=1&age1=72&date=2024-06-01")  # 织金 农村 567 (2024-04)
    wait_result(page, "每月约 567.00 元")

    page.evaluate("(key) => caches.open('pyodide-snapshot').then((c) => c.put(key, new Response(new Uint8Array(64))))", key)
    page.goto(site_url + LINK)  # (only the # changes: the same document)
    page.reload()
    wait_ready(page)
    wait_result(page, "每月约 640.00 元")
    assert _boot_marks(page)["restored"] is False
    assert page.get_attribute(".jz-calc", "data-state") == "ready"
    poll(page, f"{SNAPSHOT_KEYS}.then((k) => k.length === 0)", timeout=10_000)  # the damaged one is dropped
    ctx.close()
