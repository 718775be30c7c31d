# SPDX-License-Identifier: MIT
"""Screener → calculator handoff (issue #22, part 2: “so the handoff finds it warm”), in real Chromium at 375 px.

The screener works out each 「详细估算」's answer with its own ready runtime and leaves it in the tab's sessionStorage
(build/js/page-kit.js handOver); the calculator opened from the untouched link shows it before its own runtime is
ready, then answers again itself. Here the calculator's runtime is held back (its .wasm never arrives) to see the
handed-over answer alone, and let through to see that the calculator's own answer is the same. Guards: another day,
another build, an edited answer — then nothing is shown until the calculator's own answer. The likely calculator is
marked for prerendering by the screener's Speculation Rules (measured by scripts/bench.py --handoff: Playwright's way
of attaching to pages turns Chromium's prerendering off, so it is not exercised here).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from test_screener_page import wait_programmes

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-results" / "screenshots"
PHONE = {"viewport": {"width": 375, "height": 667}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
# The widow of the phone walk: 织金, 农村, 72, 二级肢体残疾, no income, nobody to support her.
WIDOW = "calculators/screener/#j=zhijin&area=rural&sup=0&n=1&age1=72&dis1=2&distype1=physical"
FIGURE = ".jz-out .jz-figure"


@pytest.fixture()
def tab(browser):
    """A phone tab without the service worker (so a held-back .wasm stays held back), and its console errors."""
    ctx = browser.new_context(**PHONE, service_workers="block")
    page = ctx.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    yield page
    ctx.close()


def hold_runtime(page) -> None:
    """From now on this tab's .wasm never arrives: a page opened now has no runtime of its own."""
    page.context.route("**/*.wasm", lambda route: None)


def open_screener(page, site_url: str) -> dict[str, str]:
    page.goto(site_url + WIDOW)
    got = wait_programmes(page)
    page.wait_for_selector("a.jz-prerender", state="attached", timeout=30_000)  # the answers are left, then the mark
    return got


def test_tekun_shows_the_screeners_answer_before_its_own_runtime_is_ready(tab, site_url):
    # 特困 for 织金: 贵州's rule (基本生活标准原则上不低于当地低保标准的1.3倍, 2017 report) on 567 (织金 农村, 2024-04):
    # 567 × 1.3 = 737.10, care part on top — the same figure test_walk_findings.py reads from the calculator itself.
    got = open_screener(tab, site_url)
    assert got["tekun"] == "likely"
    hold_runtime(tab)
    tab.click('.jz-programme[data-id="tekun"] .jz-programme__calc')
    expect(tab.locator(FIGURE)).to_have_text("每月不低于 737.10 元", timeout=10_000)
    calc = tab.locator(".jz-calc")
    assert calc.get_attribute("data-answered-by") == "handoff"
    assert calc.get_attribute("data-state") != "ready"  # no runtime of its own: the answer is the screener's
    assert "567.00 × 1.3 = 737.10" in tab.inner_text(".jz-out")  # the arithmetic comes with it
    expect(tab.locator(".jz-loading-text")).to_contain_text("下面的结果已经算好")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / "handoff-before-runtime.png"), full_page=True)
    # An edited answer is no longer the screener's question: the figure goes until the calculator can answer.
    tab.fill("#jz-age", "58")
    expect(tab.locator(FIGURE)).to_have_count(0)
    expect(tab.locator(".jz-out")).to_contain_text("正在准备计算器")


def test_the_calculators_own_answer_is_the_handed_over_one(tab, site_url):
    # 低保 for the same widow (织金 农村 567 a month, 2024-04; a single person with no income): the screener's amount
    # in its title, handed over, then the calculator's own worker answers the same.
    open_screener(tab, site_url)
    title = tab.inner_text('.jz-programme[data-id="dibao"] .jz-programme__title')
    amount = re.search(r"每月约 [\d.]+ 元", title).group(0)
    tab.click('.jz-programme[data-id="dibao"] .jz-programme__calc')
    calc = tab.locator(".jz-calc")
    expect(calc).to_have_attribute("data-state", "ready", timeout=90_000)
    expect(calc).to_have_attribute("data-result-seq", re.compile(r"^[2-9]"), timeout=20_000)  # its own answer came after
    assert calc.get_attribute("data-answered-by") == "handoff"
    expect(tab.locator(FIGURE)).to_have_text(amount)
    assert not [e for e in tab.errors if "Content Security Policy" in e]


@pytest.mark.parametrize("spoil, why", [
    ("h.day = '2000-01-01'", "worked out for another day"),
    ("h.key = 'another build'", "worked out by another build of the site"),
    ("h.calc = 'dibao'", "worked out for another calculator"),
])
def test_nothing_is_shown_from_an_answer_that_does_not_apply(tab, site_url, spoil, why):
    open_screener(tab, site_url)
    href = tab.get_attribute('.jz-programme[data-id="tekun"] .jz-programme__calc', "href")
    tab.evaluate(f"""(href) => {{ const all = JSON.parse(sessionStorage.getItem('jz-handoff'));
      const h = all[href]; {spoil}; sessionStorage.setItem('jz-handoff', JSON.stringify(all)); }}""", href)
    hold_runtime(tab)
    tab.click('.jz-programme[data-id="tekun"] .jz-programme__calc')
    expect(tab.locator(".jz-out")).to_contain_text("正在准备计算器", timeout=10_000)
    tab.wait_for_timeout(1500)
    assert tab.locator(FIGURE).count() == 0, why
    assert tab.locator(".jz-calc").get_attribute("data-answered-by") is None


def test_the_likely_calculator_is_marked_for_prerendering_under_the_pages_csp(tab, site_url):
    got = open_screener(tab, site_url)
    rules = tab.locator('head script[type="speculationrules"]')
    assert rules.count() == 1 and '"selector_matches":"a.jz-prerender"' in rules.inner_text()
    marked = tab.locator("a.jz-prerender")
    assert marked.count() == 1  # one prerender at a time: each would start a runtime of its own
    first = tab.locator(".jz-programmes--likely .jz-programme__calc").first
    assert marked.get_attribute("href") == first.get_attribute("href")
    assert got[tab.locator(".jz-programmes--likely .jz-programme").first.get_attribute("data-id")] == "likely"
    # The rule is allowed by its hash in the page's Content-Security-Policy, like the page's other build-written scripts.
    csp = tab.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert not [e for e in tab.errors if "Content Security Policy" in e or "speculation" in e.lower()]
    # What the screener keeps: its answers in this tab's sessionStorage only (the page says so); no cookie, nothing
    # in localStorage.
    assert tab.evaluate("Object.keys(sessionStorage)") == ["jz-handoff"]
    assert tab.evaluate("Object.keys(localStorage).length") == 0 and tab.context.cookies() == []
    # A changed answer moves the mark (the old prerender is dropped by the browser when its link loses the mark).
    tab.fill("#jz-age1", "40")
    expect(tab.locator("a.jz-prerender")).to_have_count(0, timeout=5_000)
    tab.wait_for_selector("a.jz-prerender", state="attached", timeout=30_000)
