# SPDX-License-Identifier: MIT
"""Faults in the browser: broken or missing runtime files, a crashing worker, a stalled
network, JavaScript off. Each time the page explains, offers a retry (where a retry can
help) and still shows the text."""

from __future__ import annotations

import pytest

CALC = "calculators/dibao/#j=changle&area=urban&n=1&age1=45&date=2021-12-01"


def _ctx(browser, **kw):
    return browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, **kw)


@pytest.mark.parametrize(
    "pattern,response,says",
    [
        ("**/pyodide.asm.wasm", {"status": 200, "body": b"\x00asm-but-corrupt", "content_type": "application/wasm"}, "计算器没能加载"),
        ("**/python_stdlib.*.zip", {"status": 404, "body": b"gone"}, "404"),
        ("**/params-*.json", {"status": 500, "body": b"oops"}, "500"),
        ("**/calc-worker.*.js", {"status": 200, "body": "throw new Error('boom')", "content_type": "text/javascript"}, "计算器没能加载"),
    ],
    ids=["corrupt-wasm", "missing-stdlib", "params-500", "worker-crash"],
)
def test_broken_runtime_file_is_explained_with_retry(browser, site_url, pattern, response, says):
    ctx = _ctx(browser)
    ctx.route(pattern, lambda route: route.fulfill(**response))
    page = ctx.new_page()
    page.goto(site_url + CALC)
    page.wait_for_selector(".jz-calc[data-state=fault]", timeout=60_000)
    text = page.inner_text(".jz-loading")
    assert "计算器没能加载" in text and says in text, text
    assert page.is_visible(".jz-retry")
    assert "怎么算的" in page.inner_text("article")  # the explanation stays readable
    assert page.is_visible("#jz-j")  # and the form does not vanish
    ctx.close()


def test_stalled_network_offers_retry_and_recovers(browser, site_url):
    ctx = _ctx(browser)
    ctx.add_init_script("window.__jzStallMs = 1500")
    held = []
    ctx.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page = ctx.new_page()
    page.goto(site_url + CALC)
    page.wait_for_selector(".jz-calc[data-state=slow]", timeout=30_000)
    assert "网络很慢" in page.inner_text(".jz-loading") and page.is_visible(".jz-retry")
    held[0].continue_()
    page.wait_for_selector(".jz-calc[data-state=ready]", timeout=90_000)
    assert "816.00" in page.inner_text(".jz-out")
    ctx.close()


def test_javascript_off_still_shows_text_and_says_why(browser, site_url):
    ctx = _ctx(browser, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(site_url + "calculators/dibao/")
    assert "需要浏览器开启 JavaScript" in page.inner_text("article")
    assert "怎么算的" in page.inner_text("article")
    page.goto(site_url + "tables/")
    assert "1248.00" in page.inner_text("article")  # the quick tables need no JavaScript
    ctx.close()


@pytest.mark.parametrize("field,value", [("wage1", "NaN"), ("wage1", "1e999"), ("wage1", "-1"), ("wage1", "9" * 40),
                                         ("age1", "abc"), ("age1", "200"), ("wage1", "<script>alert(1)</script>")])
def test_bad_values_in_the_form_get_an_inline_chinese_message(browser, site_url, field, value):
    ctx = _ctx(browser)
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + "calculators/dibao/#j=changle&area=urban&n=1&age1=45&date=2021-12-01")
    page.wait_for_selector(".jz-calc[data-state=ready]", timeout=90_000)
    scripts = page.evaluate("document.querySelectorAll('script').length")
    page.fill(f"#jz-{field}", value)
    page.wait_for_selector(f"#jz-{field}-err:not([hidden])", timeout=20_000)
    message = page.inner_text(f"#jz-{field}-err")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message
    assert page.get_attribute(f"#jz-{field}", "aria-invalid") == "true"
    assert "请看上面标红的地方" in page.inner_text(".jz-out")
    assert page.is_visible("h1") and not errors
    assert page.evaluate("document.querySelectorAll('script').length") == scripts  # nothing injected
    ctx.close()
