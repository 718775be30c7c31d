# SPDX-License-Identifier: MIT
"""The whole site offline after one visit (issue #22 part 3), in real Chromium at 375 px with a real service worker.

The site is served the production way (build/serve.py: pre-compressed files, caching headers, the site's 404 page),
the phone goes offline with ``context.set_offline``, and every page opened offline is one this phone never opened.
What the worker keeps and when is build/publish/offline.py; the worker is build/js/sw.js.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"viewport": {"width": 375, "height": 667}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
READY = ".jz-calc[data-state=ready]"
# The walk's first visit (journey 6): the 低保 calculator for 织金, answered (织金 农村 567 from 2024-04).
FIRST_VISIT = "calculators/dibao/#j=zhijin&area=rural&n=1&age1=72&date=2024-06-01"


class Served:
    """A built site served by build/serve.py on a free port (pre-compressed files, caching headers, the 404 page)."""

    def __init__(self, site: Path) -> None:
        import sys

        sys.path.insert(0, str(ROOT / "build"))
        import http.server

        from publish.serve import Handler

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("SiteHandler", (Handler,), {"roots": {"/": site}}))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def served(built_site):
    s = Served(built_site)
    yield s
    s.close()


def sw_lists(site: Path) -> dict:
    text = (site / "sw.js").read_text(encoding="utf-8")
    return {k: json.loads(re.search(rf"^const {k} = (.*);$", text, re.M).group(1)) for k in ("PAGES", "RUNTIME", "EXTRA", "PLACES")} | {
        "VERSION": re.search(r'^const VERSION = "(\w+)";', text, re.M).group(1)}


KEPT = """async (base) => {
  const keys = (await caches.keys()).filter((k) => k.startsWith("jz-"));
  const out = {keys, files: [], state: null, controlled: !!navigator.serviceWorker.controller};
  if (keys.length !== 1) return out;
  const cache = await caches.open(keys[0]);
  out.files = (await cache.keys()).map((r) => r.url.slice(base.length) || "./");
  const st = await cache.match(base + "__jz-offline-state.json");
  out.state = st ? await st.json() : null;
  return out;
}"""


def kept(page, base: str) -> dict:
    return page.evaluate(KEPT, base)


def wait_kept(page, base: str, want: list[str], runtime: bool, timeout: float = 120.0) -> dict:
    """Until the one cache holds every path of ``want`` (and the runtime, if asked) and controls the page."""
    end = time.monotonic() + timeout
    while True:
        k = kept(page, base)
        ok = k["controlled"] and k["state"] is not None and not (set(want) - set(k["files"])) and (not runtime or k["state"]["runtime"])
        if ok:
            return k
        if time.monotonic() > end:
            raise AssertionError(f"the service worker did not keep everything: missing {sorted(set(want) - set(k['files']))[:8]}, {k['keys']}, "
                                 f"state {k['state']}")
        page.wait_for_timeout(250)


def wait_ready(page, timeout: float = 90_000) -> None:
    page.wait_for_selector(READY, timeout=timeout)


def open_offline(page, url: str) -> str:
    """Open a page with the phone offline: never the browser's error page (page.goto would raise)."""
    page.goto(url)
    expect(page.locator("article")).to_be_visible()
    return page.inner_text("article")


def test_one_visit_then_every_page_type_opens_offline(browser, served, built_site):
    """Journey 6 of the walk, done: after one calculator visit, every kind of page opens offline, none opened
    before — the screener (with an answer), search (with results), 明白卡, parameter and place pages, the other
    calculators for every place the site has, the 台账 page (which says its own file is not kept) — and an
    address that is not kept shows the Chinese offline page, whose links work offline."""
    lists = sw_lists(built_site)
    base = served.url
    ctx = browser.new_context(**PHONE)
    try:
        page = ctx.new_page()
        page.goto(base + FIRST_VISIT)
        wait_ready(page)
        expect(page.locator(".jz-out")).to_contain_text("567.00", timeout=20_000)
        k = wait_kept(page, base, lists["PAGES"] + lists["RUNTIME"], runtime=True)
        assert k["keys"] == ["jz-" + lists["VERSION"]]
        # Every place's bundle is kept while the places are few: the calculators work for every place offline.
        bundles = [f for f in lists["RUNTIME"] if "/params-" in f]
        assert len(bundles) == len(list((built_site / "assets" / "calc").glob("params-*.json"))) >= 5
        assert not [f for f in k["files"] if "ledger-libs" in f], "the 台账 page's openpyxl is kept only when that page is used"
        page.close()

        ctx.set_offline(True)
        page = ctx.new_page()
        visited_online = {base + FIRST_VISIT.split("#")[0]}
        opened = []

        def visit(path: str) -> str:
            assert base + path.split("#")[0].split("?")[0] not in visited_online
            opened.append(path)
            return open_offline(page, base + path)

        assert "社会救助政策明白站" in visit("")
        assert "政策文件" in visit("policies/")
        assert "落实临时救助制度" in visit("policies/zhijin-2023-fengong/")
        assert "低保金速查表" in visit("tables/")
        assert "织金县" in visit("places/zhijin/")
        assert "昌乐县" in visit("parameters/changle/")
        assert "明白卡" in visit("cards/")
        assert "特困" in visit("cards/huaiyuan-tekun/")
        assert "条款" in visit("about/anchors/")

        # The screener, with an answer (the runtime and 昌乐's bundle come from the cache).
        visit("calculators/screener/#j=changle&area=urban&rec=dibao&n=1&age1=45&wage1=0")
        expect(page.locator('.jz-programme[data-id="dibao"]')).to_be_visible(timeout=90_000)

        # Search: the index is kept while the site is small, so it answers offline.
        visit("search/?q=" + urllib.parse.quote("渐退期"))
        expect(page.locator("#jz-search-status")).to_have_attribute("data-done", "1", timeout=20_000)
        assert page.locator("#jz-search-results a").count() > 0, page.inner_text("#jz-search-status")

        # The other calculators, for every place the site offers (never opened online).
        for path, says in (
            ("calculators/tekun/#j=changle&area=rural&age=80&income=0&supporter=0&date=2021-12-01", "每月不低于"),
            ("calculators/linshi/#j=changle&kind=illness&date=2021-12-01", "2448.00"),
            ("calculators/standard/#j=changle&ucons=30000&rcons=15000&date=2021-12-01", "625.00—875.00"),
        ):
            visit(path)
            wait_ready(page)
            expect(page.locator(".jz-out")).to_contain_text(says, timeout=20_000)
        for place in ("changle", "huaiyuan", "zongyang", "zhijin", "other"):
            page.goto("about:blank")
            page.goto(base + f"calculators/dibao/#j={place}&area=rural&n=1&age1=70&date=2024-06-01")
            wait_ready(page)
            expect(page.locator(".jz-out .jz-figure")).to_be_visible(timeout=20_000)
            assert "没有下载下来" not in page.inner_text(".jz-out") and "没有存到" not in page.inner_text(".jz-out")

        # The 台账 page opens; its own openpyxl was never kept on this phone, and it says so in Chinese.
        visit("calculators/ledger/")
        expect(page.locator(".jz-ledger .jz-loading-text")).to_contain_text("没有联网", timeout=60_000)
        assert "没有存到这部手机上" in page.inner_text(".jz-ledger .jz-loading-text")

        # An address this phone has not kept: the Chinese offline page at that address, never the browser's.
        text = visit("places/nowhere/")
        assert "现在没有联网" in text and "还没有存到这部手机上" in text
        assert page.url == base + "places/nowhere/"
        page.click("article a:has-text('我家能申请哪些救助')")
        expect(page.locator(".jz-screener")).to_be_visible()
        assert page.url == base + "calculators/screener/"
        assert len(opened) >= 15
    finally:
        ctx.close()


def test_reading_visit_keeps_pages_never_the_runtime(browser, served, built_site):
    """A visit to a policy page alone makes the reading site work offline and downloads no Pyodide (neither the
    page nor the service worker); offline, a calculator page then says in Chinese that the calculator is not kept yet,
    and its bottom bar does not go on saying it is preparing."""
    lists = sw_lists(built_site)
    base = served.url
    ctx = browser.new_context(**PHONE)
    requests: list[str] = []
    ctx.on("request", lambda r: requests.append(r.url))
    try:
        page = ctx.new_page()
        page.goto(base + "policies/changle-2021-yijian/")
        k = wait_kept(page, base, lists["PAGES"], runtime=False)
        assert not k["state"]["runtime"]
        # The runtime proper: Pyodide, the standard library (with the calculators), the parameter bundles (the tool pages' own
        # small scripts are kept with the pages, so that a tool page opened offline can say what is missing).
        heavy = re.compile(r"pyodide|python_stdlib|\.whl|params-|ledger-libs|chartist")
        assert not [f for f in k["files"] if heavy.search(f)], k["files"]
        assert not [u for u in requests if heavy.search(u)]
        ctx.set_offline(True)
        assert "低保金速查表" in open_offline(page, base + "tables/")
        assert "织金县" in open_offline(page, base + "places/zhijin/")
        open_offline(page, base + "calculators/dibao/#j=changle&area=urban&n=1&age1=45")
        page.wait_for_selector(".jz-calc[data-state=fault]", timeout=60_000)
        text = page.inner_text(".jz-loading")
        assert "现在没有联网" in text and "计算器还没有存到这部手机上" in text, text
        assert page.is_hidden(".jz-sticky") and "正在准备" not in page.inner_text(".jz-calc")
        # Search without the index on this phone (a big site keeps only what was used): a Chinese offline state.
        page.goto(base + "search/")
        page.evaluate("""async () => { for (const k of await caches.keys()) { const c = await caches.open(k);
            for (const r of await c.keys()) if (new URL(r.url).pathname.startsWith('/pagefind/')) await c.delete(r); } }""")
        page.reload()
        page.fill("#jz-q", "渐退期")
        expect(page.locator("#jz-search-status")).to_have_attribute("data-done", "1", timeout=20_000)
        status = page.inner_text("#jz-search-status")
        assert "现在没有联网" in status and "政策文件" in status, status
        assert page.get_attribute("#jz-search-status", "data-offline") == "1"
    finally:
        ctx.close()


def worker_caches(ctx) -> set[str]:
    """The cache names as the context's service workers see them (no tab needed); a worker that has just been
    replaced or restarted is skipped."""
    out = set()
    for w in ctx.service_workers:
        try:
            # the site's caches (the calculator worker keeps its interpreter snapshot in a cache of its own)
            out.add(w.evaluate("caches.keys().then((k) => k.filter((n) => n.startsWith('jz-')).join())"))
        except Exception:  # noqa: BLE001 - "Service worker restarted": ask the others
            pass
    return out


UPDATE = "async () => { const reg = await navigator.serviceWorker.getRegistration(); await reg.update().catch(() => {}); }"
SETTLED = "navigator.serviceWorker.getRegistration().then((reg) => !reg.installing && !reg.waiting)"


def test_a_failed_update_keeps_the_working_cache(browser, built_site, tmp_path):
    """F5: the next release's install fails on one file (a route aborts the worker's request for the 明白卡 index, as a
    flaky phone network would): the new cache is dropped, the old one and its worker stay, and offline the phone still has every page and the calculators.
    Once the file comes back, the update completes, the old cache goes, and the runtime is kept across it."""
    import sys

    sys.path.insert(0, str(ROOT / "build"))
    from pages.urls import read_lock
    from publish.offline import write_service_worker

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    served = Served(site)
    base = served.url
    v1 = sw_lists(site)
    ctx = browser.new_context(**PHONE)
    try:
        page = ctx.new_page()
        page.goto(base + "calculators/dibao/#j=changle&area=rural&n=1&age1=60&date=2021-12-01")
        wait_ready(page)
        expect(page.locator(".jz-out")).to_contain_text("每月约 640.00 元", timeout=20_000)
        wait_kept(page, base, v1["PAGES"] + v1["RUNTIME"], runtime=True)

        # The next release: 速查表 changes, so the worker is a new version; its install will fail on the 明白卡 index.
        tables = site / "tables" / "index.html"
        tables.write_text(tables.read_text(encoding="utf-8").replace("不用打开计算器，直接查表。", "（第二版）不用打开计算器，直接查表。", 1), encoding="utf-8")
        for f in (tables, site / "sw.js"):
            for packed in (f.with_name(f.name + ".br"), f.with_name(f.name + ".gz")):
                packed.unlink(missing_ok=True)
        v2 = write_service_worker(site, set(read_lock()["redirects"]))
        assert v2 != v1["VERSION"]
        failed: list[str] = []
        ctx.route(base + "cards/", lambda route: (failed.append(route.request.url), route.abort("connectionreset")))
        page.evaluate(UPDATE)

        end = time.monotonic() + 60
        while not failed or not page.evaluate(SETTLED):  # the new worker asked for 明白卡, failed and gave up
            assert time.monotonic() < end, "the update never ran"
            page.wait_for_timeout(200)
        k = kept(page, base)
        assert k["keys"] == ["jz-" + v1["VERSION"]], k["keys"]  # the new, incomplete cache is gone; the old one stays
        assert k["state"]["runtime"] and not set(v1["PAGES"] + v1["RUNTIME"]) - set(k["files"])
        page.close()

        ctx.set_offline(True)
        page = ctx.new_page()
        text = open_offline(page, base + "tables/")
        assert "低保金速查表" in text and "第二版" not in text  # the old release, whole
        assert "明白卡" in open_offline(page, base + "cards/")
        page.goto(base + "calculators/dibao/#j=changle&area=rural&n=3&age1=60&age2=58&age3=10&date=2021-12-01")
        wait_ready(page)
        expect(page.locator(".jz-out")).to_contain_text("每月约 1920.00 元", timeout=20_000)  # the old cache's runtime
        page.close()

        # The file is back: the update completes, replaces the old cache and keeps the runtime.
        ctx.set_offline(False)
        ctx.unroute(base + "cards/")
        page = ctx.new_page()
        page.goto(base + "tables/")
        page.evaluate(UPDATE)
        end = time.monotonic() + 90
        while not page.evaluate(f"navigator.serviceWorker.getRegistration().then(async (r) => !!r.waiting "
                                f"|| (await caches.keys()).filter((n) => n.startsWith('jz-')).join() === 'jz-{v2}')"):
            assert time.monotonic() < end, "the update did not install"
            page.wait_for_timeout(200)
        # Installed (its skipWaiting asks to take over at once). Chromium may still wait — up to 5 minutes — while the
        # old worker has just been busy with an open tab; a phone's tabs close, and so does this one: with no tab left
        # the new version activates at once.
        page.close()
        end = time.monotonic() + 120  # its own time: under load the install above may have used most of the first
        while worker_caches(ctx) != {f"jz-{v2}"}:
            assert time.monotonic() < end, ("the update never activated", worker_caches(ctx), [w.url for w in ctx.service_workers])
            time.sleep(0.2)
        page = ctx.new_page()
        page.goto(base + "tables/")
        k = kept(page, base)
        assert k["state"]["runtime"]
        ctx.set_offline(True)
        assert "第二版" in open_offline(page, base + "tables/")
        page.goto(base + "calculators/dibao/#j=changle&area=rural&n=2&age1=60&age2=58&date=2021-12-01")
        wait_ready(page)
        expect(page.locator(".jz-out")).to_contain_text("每月约 1280.00 元", timeout=20_000)  # the runtime, kept across
        page.goto(base + "calculators/linshi/#j=changle&kind=illness&date=2021-12-01")
        wait_ready(page)
        expect(page.locator(".jz-out .jz-figure")).to_contain_text("2448.00", timeout=20_000)
    finally:
        ctx.close()
        served.close()


def test_province_scale_keeps_the_visited_place_and_its_neighbours(browser, built_site, tmp_path):
    """At province scale the pages of every place and every bundle are too many to keep: the worker keeps the
    visited place's pages and bundle and its neighbours' bundles (here written with the limits at 0, so this
    site's five places behave as a province's hundred). 怀远 and 枞阳 are both in 安徽省; 织金 is not."""
    import sys

    sys.path.insert(0, str(ROOT / "build"))
    from pages.urls import read_lock
    from publish.offline import write_service_worker

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    for packed in (site / "sw.js.br", site / "sw.js.gz"):
        packed.unlink(missing_ok=True)
    write_service_worker(site, set(read_lock()["redirects"]), documents_max=0, places_max=0)
    lists = sw_lists(site)
    assert lists["PLACES"]["huaiyuan"]["near"] == ["zongyang"]
    assert "places/huaiyuan/" not in lists["PAGES"] and "policies/huaiyuan-2023-qingdan/" not in lists["PAGES"]
    assert "policies/shehui-jiuzhu-zanxing-banfa/" in lists["PAGES"]  # national texts belong to every place
    served = Served(site)
    base = served.url
    ctx = browser.new_context(**PHONE)
    try:
        page = ctx.new_page()
        page.goto(base + "places/huaiyuan/")  # a reading visit: the place's pages, no runtime
        wait_kept(page, base, lists["PAGES"] + lists["PLACES"]["huaiyuan"]["files"], runtime=False)
        page.goto(base + "calculators/dibao/#j=huaiyuan&area=rural&n=1&age1=70")  # then the calculator once
        wait_ready(page)
        expect(page.locator(".jz-out .jz-figure")).to_be_visible(timeout=20_000)
        zongyang = [f for f in lists["PLACES"]["zongyang"]["files"] if f.startswith("assets/")]
        wait_kept(page, base, lists["RUNTIME"] + zongyang, runtime=True)
        page.close()

        ctx.set_offline(True)
        page = ctx.new_page()
        for path in ("places/huaiyuan/", "parameters/huaiyuan/", "cards/huaiyuan-dibao/", "policies/huaiyuan-2023-qingdan/"):
            assert "现在没有联网" not in open_offline(page, base + path), path
        assert "现在没有联网" in open_offline(page, base + "places/zhijin/")  # not kept, and said so in Chinese
        page.goto(base + "calculators/dibao/#j=zongyang&area=rural&n=1&age1=70")  # the neighbour's bundle
        wait_ready(page)
        expect(page.locator(".jz-out")).to_contain_text("收入", timeout=20_000)
        assert "没有存到" not in page.inner_text(".jz-out")
        page.goto("about:blank")
        page.goto(base + "calculators/dibao/#j=zhijin&area=rural&n=1&age1=70")  # far away: not kept
        wait_ready(page)
        expect(page.locator(".jz-out")).to_contain_text("这个地区的参数还没有存到这部手机上", timeout=20_000)
        assert page.is_visible(".jz-recompute")
    finally:
        ctx.close()
        served.close()
