# SPDX-License-Identifier: MIT
"""Accessibility: axe-core (WCAG 2.1 A/AA) on every page type at phone and desktop sizes,
and a calculator used with the keyboard only."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from test_calculator_pages import wait_ready, wait_result

PAGES = {
    "home": "",
    "policy": "policies/changle-2021-yijian/",
    "policy-cards": "policies/huaiyuan-2023-qingdan/",
    "calculator-result": "calculators/dibao/#j=changle&area=urban&n=2&age1=45&wage1=1200&age2=43&date=2021-12-01",
    "calculator-error": "calculators/tekun/#j=changle&area=urban&age=-5",
    "calculator-linshi": "calculators/linshi/#j=changle&kind=illness&date=2021-12-01",
    "parameters": "parameters/",
    "parameter-page": "parameters/zongyang/",
    "tables": "tables/",
    "card": "cards/changle-dibao/",
    "links": "calculators/links/",
    "about": "about/",
    "performance": "about/performance/",
}
SIZES = {"phone": {"width": 375, "height": 667}, "desktop": {"width": 1280, "height": 800}}
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_no_serious_violations(page) -> None:
    result = Axe().run(page, options=WCAG)
    bad = [v for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, result.generate_report()


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_axe_violations(browser, site_url, name, size):
    page = browser.new_page(viewport=SIZES[size])
    page.goto(site_url + PAGES[name])
    if name.startswith("calculator"):
        wait_ready(page)
        page.wait_for_selector(".jz-summary, .jz-prompt")
    assert_no_serious_violations(page)
    page.close()


def test_loading_state_is_accessible(browser, site_url):
    ctx = browser.new_context(viewport=SIZES["phone"])
    ctx.route("**/pyodide.asm.wasm", lambda route: None)  # never answered: stays loading
    page = ctx.new_page()
    page.goto(site_url + "calculators/dibao/")
    assert page.get_attribute(".jz-loading", "role") == "status"
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}})
    assert not [v for v in result.response["violations"] if v["impact"] in ("serious", "critical")], result.generate_report()
    ctx.close()


def test_calculator_with_keyboard_only(browser, site_url):
    """Tab to each question, choose with the keyboard, type; 昌乐 农村 640 (2021-11), one person,
    income 140: 640 − 140 = 500.00."""
    page = browser.new_page(viewport=SIZES["phone"])
    page.goto(site_url + "calculators/dibao/#date=2021-12-01")
    page.focus("#jz-j")
    page.keyboard.press("End")  # last option first, then find 昌乐 by typing
    page.select_option("#jz-j", "changle")  # (select boxes open native pickers; value set as a keyboard user would)
    page.keyboard.press("Tab")  # → area radio group
    page.keyboard.press("ArrowRight")  # 城市 → 农村 (arrow keys move within a radio group)
    page.keyboard.press("Space")
    expect(page.locator('input[name="area"][value="rural"]')).to_be_checked()
    page.focus("#jz-age1")
    page.keyboard.type("60")
    page.keyboard.press("Tab")
    expect(page.locator("#jz-wage1")).to_be_focused()
    page.keyboard.type("140")
    wait_ready(page)
    wait_result(page, "每月约 500.00 元")
    # Every visible control has a label tied to it.
    unlabeled = page.eval_on_selector_all(
        ".jz-form input:not([type=radio]), .jz-form select",
        "els => els.filter(e => e.offsetParent && !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.id)",
    )
    assert not unlabeled, unlabeled
    page.close()


def test_elder_mode_large_text_big_targets_remembered(browser, site_url):
    """长辈版 (《互联网网站适老化通用设计规范》): text ≥ 18 px, line height ≥ 1.3, targets ≥ 60 px,
    high contrast (axe), remembered on this device only after the visitor turns it on."""
    from pathlib import Path

    shots = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(viewport=SIZES["phone"], is_mobile=True, has_touch=True, device_scale_factor=2)
    page = ctx.new_page()
    page.goto(site_url + "calculators/dibao/#j=changle&area=urban&n=2&age1=45&wage1=1200&age2=43&date=2021-12-01")
    assert page.evaluate("localStorage.length") == 0
    page.click(".elder-toggle")
    assert page.get_attribute(".elder-toggle", "aria-pressed") == "true"
    wait_ready(page)
    wait_result(page, "每月约 432.00 元")  # 昌乐 城市 816 (2021-11); per capita 1200 ÷ 2 = 600; (816 − 600) × 2
    size, line = page.evaluate("(() => { const s = getComputedStyle(document.querySelector('article p')); return [parseFloat(s.fontSize), parseFloat(s.lineHeight)] })()")
    assert size >= 18 and line / size >= 1.3, (size, line)
    small = page.eval_on_selector_all(
        ".jz-form input:not([type=radio]), .jz-form select, .jz-choice, .jz-step, .jz-copy-link, .elder-toggle",
        "els => els.filter(e => e.offsetParent).map(e => [e.id || e.className, e.getBoundingClientRect().height]).filter(([, h]) => h < 60)",
    )
    assert not small, small
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2aa"]}})
    assert not [v for v in result.response["violations"] if v["impact"] in ("serious", "critical")], result.generate_report()
    page.screenshot(path=str(shots / "elder-calculator.png"), full_page=True)
    page.goto(site_url + "policies/changle-2021-yijian/")  # remembered on the next page
    assert page.evaluate("document.documentElement.classList.contains('elder')")
    page.screenshot(path=str(shots / "elder-policy.png"))
    page.click(".elder-toggle")
    assert page.evaluate("localStorage.getItem('jz-elder')") is None
    ctx.close()


ELDER_PAGES = ["home", "policy", "calculator-result", "tables", "card", "parameter-page"]


@pytest.mark.parametrize("name", ELDER_PAGES)
def test_elder_mode_has_no_serious_axe_violations(browser, site_url, name):
    """长辈版 changes colours (the primary buttons were once dark text on dark teal, 2.2:1): axe again."""
    ctx = browser.new_context(viewport=SIZES["phone"])
    page = ctx.new_page()
    page.goto(site_url)
    page.click(".elder-toggle")
    page.goto(site_url + PAGES[name])
    assert page.evaluate("document.documentElement.classList.contains('elder')")
    if name.startswith("calculator"):
        wait_ready(page)
        page.wait_for_selector(".jz-summary")
    assert_no_serious_violations(page)
    ctx.close()


def test_front_door_looks_right_in_both_modes(browser, site_url, built_site):
    """The home page as a person sees it at 375 px: icons drawn (no raw “:material-…:” text, here or
    on any page), every main button ≥ 44 px with text and icon in the button's own colour."""
    import re

    raw = [p for p in built_site.rglob("*.html")
           if re.search(r":(material|fontawesome|octicons|simple)-[a-z0-9-]+:", re.sub(r"<[^>]+>", " ", p.read_text(encoding="utf-8")))]
    assert not raw, raw
    shots = __import__("pathlib").Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for elder in (False, True):
        ctx = browser.new_context(viewport=SIZES["phone"], is_mobile=True, has_touch=True)
        page = ctx.new_page()
        page.goto(site_url)
        if elder:
            page.click(".elder-toggle")
        buttons = page.locator(".home-actions a.md-button")
        assert buttons.count() >= 5 and "我家能申请哪些救助" in buttons.first.inner_text()  # the screener first (#14)
        for i in range(buttons.count()):
            b = buttons.nth(i)
            assert b.locator("svg").count() == 1, b.inner_text()
            assert ":" not in b.inner_text()
            assert b.bounding_box()["height"] >= (60 if elder else 44)
        page.screenshot(path=str(shots / f"home-{'elder' if elder else 'normal'}.png"), full_page=True)
        ctx.close()


def test_elder_mode_tables_and_backlinks_are_large(browser, site_url):
    """长辈版: table text at the large size with finger-sized links; 本条款用于 one link a line
    (a line never starts with 、)."""
    ctx = browser.new_context(viewport=SIZES["phone"])
    page = ctx.new_page()
    page.goto(site_url)
    page.click(".elder-toggle")
    page.goto(site_url + "tables/")
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset table td')).fontSize)") >= 18
    small = page.eval_on_selector_all(".md-typeset table a", "els => els.filter(e => e.getBoundingClientRect().height < 44).length")
    assert small == 0
    page.goto(site_url + "policies/changle-2021-yijian/")
    links = page.locator(".used-by a")
    assert links.count() > 5
    assert page.eval_on_selector_all(".used-by a", "els => els.filter(e => e.getBoundingClientRect().height < 44).length") == 0
    assert page.eval_on_selector_all(".used-by__sep", "els => els.filter(e => e.offsetParent !== null).length") == 0
    ctx.close()
