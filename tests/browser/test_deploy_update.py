# SPDX-License-Identifier: MIT
"""Deployed with deploy/nginx.conf on real nginx, seen by real Chromium at 375 px.

1. The calculator works with the build's Content-Security-Policy sent as a *header* (and the header
   equals the page's own <meta>), over brotli.
2. Next year's update: build v1 is served (for 200 days, so browsers would cache it heuristically
   without revalidation rules), a returning visitor (persistent profile: HTTP cache and service worker
   kept) computes 怀远's 低保; a new standard is recorded on a copy of the data, v2 is built and swapped
   in by scripts/deploy_release.py; the same visitor gets the new figure on the first revisit, and
   offline afterwards the figure last fetched, with the standard's start date.

``JZ_NGINX_RECIPE=/path/server-block.conf`` runs these tests against another server block (same
placeholders: ``/srv/jiuzhu``, ``listen 80;``) — how the README's old snippet was shown to fail.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from deploy_support import RECIPE, Nginx, add_dated_value, copy_project, deploy, get, mkdocs_build
from playwright.sync_api import expect

from calculators.core.params import ParameterSet
from calculators.ui.query import run_query

from conftest import CHROMIUM_ARGS, PUBLIC_URL
from test_calculator_pages import calculator_state, wait_ready

PLACE = "huaiyuan"  # 怀远: a county with a document and a 城市低保标准 on file
QUERY = {"j": PLACE, "area": "urban", "n": "2", "age1": "45", "wage1": "300", "age2": "43"}
LINK = "calculators/dibao/#" + "&".join(f"{k}={v}" for k, v in QUERY.items())
PHONE = {"viewport": {"width": 375, "height": 667}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
SERVED_FOR = dt.timedelta(days=200)  # how long v1 has been online when v2 goes out


def recipe() -> str:
    return Path(os.environ.get("JZ_NGINX_RECIPE") or RECIPE).read_text(encoding="utf-8")


def expected(site: Path, today: dt.date) -> dict:
    """What the engine computes for the link from the bundle this build ships (the browser must agree)."""
    bundle = json.loads(next((site / "assets" / "calc").glob(f"params-{PLACE}.*.json")).read_text(encoding="utf-8"))
    return run_query("dibao", QUERY, ParameterSet(bundle), today)


def show_figure(page, figure: str, timeout: float = 60_000) -> None:
    expect(page.locator(".jz-figure")).to_have_text(figure, timeout=timeout)


def csp_violations(page) -> list[str]:
    found: list[str] = []
    page.on("console", lambda m: found.append(m.text) if "Content Security Policy" in m.text else None)
    return found


@pytest.fixture(scope="module")
def next_year(built_site, tmp_path_factory):
    """v2: the same project with one more dated 城市低保标准 for 怀远 (from yesterday), built once
    from a copy (the repository's policy_data is never edited); the slow caches are shared."""
    tmp = tmp_path_factory.mktemp("next-year")
    project = copy_project(tmp / "project")
    start = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    current = expected(built_site, dt.date.today())["standard"]
    value = str(int(float(current or 700)) + 61)
    add_dated_value(project / "policy_data" / "jurisdictions" / f"{PLACE}.yaml", "dibao.standard.urban", [
        f"    - from: {start}",
        f'      value: "{value}"',
        "      source:",
        "        title: 测试用数值（部署测试：下一年的标准）",
        "        url: https://example.org/test-only",
        "        publisher: 测试",
        f"        date: {start}",
        "      status: unverified",
        f"      checked: {start}",
    ])
    out = tmp / "site"
    mkdocs_build(project, out, PUBLIC_URL)
    return out


@pytest.fixture()
def served(tmp_path):
    """An empty release layout and nginx serving it with the recipe."""
    base = tmp_path / "srv"
    base.mkdir()
    server = Nginx(tmp_path / "nginx", base, recipe())
    yield base, server
    server.stop()


def test_calculator_works_with_the_header_policy(browser, built_site, served):
    """The header nginx sends for the calculator page is the page's <meta> policy, and under it the
    page reaches a 低保 answer (a stale or wrong header blocks the inline start script)."""
    base, server = served
    deploy(built_site, base, release_id="v1")
    server.start()
    want = expected(built_site, dt.date.today())["summary"]["figure"]
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    violations = csp_violations(page)
    responses: dict[str, dict[str, str]] = {}
    page.on("response", lambda r: responses.__setitem__(r.url.rsplit("/", 1)[-1], r.headers))
    page.goto(server.url + LINK)
    wait_ready(page, timeout=120_000)
    show_figure(page, want)
    meta = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert responses[""].get("content-security-policy") == meta  # calculators/dibao/
    assert responses["pyodide.asm.wasm"]["content-type"] == "application/wasm"
    assert responses["pyodide.asm.wasm"].get("content-encoding") in ("br", "gzip")
    assert not violations, violations
    ctx.close()


def test_returning_visitor_gets_the_new_standard_then_keeps_it_offline(browser, built_site, next_year, served, tmp_path):
    base, server = served
    today = dt.date.today()
    v1, v2 = expected(built_site, today), expected(next_year, today)
    assert v1["summary"]["figure"] != v2["summary"]["figure"], "the update must change the answer"
    start = dt.date.fromisoformat(v2["bases"]["standard"]["from"])
    since = f"{start.year}年{start.month}月起"

    # v1 has been online for a while (deploy_release keeps the build's modification times).
    release = deploy(built_site, base, release_id="v1")
    then = time.time() - SERVED_FOR.total_seconds()
    for p in [release, *release.rglob("*")]:
        os.utime(p, (then, then), follow_symlinks=False)
    server.start()

    profile = tmp_path / "profile"
    ctx = browser.browser_type.launch_persistent_context(
        str(profile), executable_path=shutil.which("chromium") or shutil.which("chromium-browser"), args=CHROMIUM_ARGS, **PHONE)
    try:
        page = ctx.new_page()
        page.goto(server.url + LINK)
        wait_ready(page, timeout=120_000)
        show_figure(page, v1["summary"]["figure"])
        # The service worker registers after the first answer and then keeps the runtime (the page asks for it).
        wait_for(page, "async () => !!navigator.serviceWorker.controller && (await Promise.all((await caches.keys()).map(async (k) => "
                 "(await (await caches.open(k)).keys()).some((r) => r.url.endsWith('/pyodide.asm.wasm'))))).some(Boolean)",
                 "the service worker to keep the runtime")
        page.close()

        # Deploy v2: a new release, swapped in while nginx runs; the old bundles stay reachable.
        old_bundle = next((release / "assets" / "calc").glob(f"params-{PLACE}.*.json")).name
        checked = "$jz_csp" in recipe()  # the recipe's CSP header tells when nginx has reloaded
        deploy(next_year, base, reload_cmd=server.reload_command, check_url=server.url if checked else "", release_id="v2")
        assert get(server.url + "assets/calc/" + old_bundle)[0] == 200, "a page opened before the swap still finds its bundle"

        # The first revisit shows the new figure (the page is revalidated, not taken from a cache).
        page = ctx.new_page()
        page.goto(server.url + LINK)
        wait_ready(page, timeout=120_000)
        show_figure(page, v2["summary"]["figure"])
        assert since in page.inner_text(".jz-out")
        # The new service worker takes over and drops the old cache.
        version = (next_year / "sw.js").read_text(encoding="utf-8").split('const VERSION = "', 1)[1][:12]
        # (the site's caches: the calculator's worker keeps its interpreter snapshot in a cache of its own)
        wait_for(page, f"async () => (await caches.keys()).filter((n) => n.startsWith('jz-')).join() === 'jz-{version}' "
                       "&& !!navigator.serviceWorker.controller",
                 "the new service worker's cache to be the only one")
        page.close()

        # Offline: the figure last fetched, with the date of the standard it rests on.
        ctx.set_offline(True)
        page = ctx.new_page()
        page.goto(server.url + LINK)
        wait_ready(page, timeout=120_000)
        show_figure(page, v2["summary"]["figure"])
        text = page.inner_text(".jz-out")
        assert since in text, text[:600]
        assert v2["summary"]["when"] in text
    finally:
        ctx.close()


def wait_for(page, function: str, what: str, timeout: float = 90) -> None:
    """Poll an async function in the page (``page.evaluate`` awaits it; no string eval in the page)."""
    end = time.monotonic() + timeout
    while not page.evaluate(function):
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}: {calculator_state(page)}")
        page.wait_for_timeout(200)
