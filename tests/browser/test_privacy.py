# SPDX-License-Identifier: MIT
"""Privacy and security: a Content-Security-Policy of the site's own origin on every page,
no violations while the calculator and the search are used, no cookies, nothing stored."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from test_calculator_pages import wait_ready, wait_result

RE_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def test_every_page_has_a_strict_csp_first(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 40
    for p in pages:
        html = p.read_text(encoding="utf-8")
        m = RE_CSP.search(html)
        assert m, p
        assert html.index(m.group(0)) < html.index("<script") if "<script" in html else True, p
        policy = dict(part.strip().split(" ", 1) for part in m.group(1).split(";"))
        assert policy["default-src"] == "'self'"
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"], p
        assert "http" not in m.group(1), p  # no other origin anywhere in the policy


def test_calculator_and_search_run_under_the_csp_without_storing_anything(browser, site_url):
    ctx = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True)
    ctx.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI))"
    )
    page = ctx.new_page()
    page.goto(site_url + "calculators/dibao/#j=changle&area=urban&n=1&age1=45&date=2021-12-01")
    wait_ready(page)
    wait_result(page, "每月约 816.00 元")  # 昌乐 城市 816 (2021-11), no income
    page.fill("#jz-wage1", "777")
    wait_result(page, "每月约 39.00 元")  # 816 − 777
    assert page.evaluate("window.__csp") == []
    page.goto(site_url + "search/?q=" + "渐退期")
    expect(page.locator("#jz-search-status")).to_contain_text("找到", timeout=20_000)
    assert page.evaluate("window.__csp") == []
    assert ctx.cookies() == []
    assert page.evaluate("Object.keys(localStorage).length + Object.keys(sessionStorage).length") == 0
    ctx.close()


# Distinctive values typed into each calculator; no request may carry them (each form, real typing).
TYPED = {
    "dibao": (["#jz-age1", "#jz-wage1", "#jz-std"], ["61", "1234.56", "987.65"], {"#jz-j": "changle", "area": "urban"}),
    "tekun": (["#jz-age", "#jz-income", "#jz-std"], ["77", "321.09", "876.54"], {"#jz-j": "zongyang", "area": "rural"}),
    "linshi": (["#jz-stdu"], ["765.43"], {"#jz-j": "changle", "kind": "illness"}),
    "standard": (["#jz-ucons", "#jz-rcons", "#jz-ustd", "#jz-rstd"], ["23456", "13579", "864.2", "642.8"], {"#jz-j": "changle"}),
}


@pytest.mark.parametrize("name", list(TYPED))
def test_no_request_leaves_the_origin_or_carries_answers(browser, site_url, name):
    from urllib.parse import urlparse

    fields, values, choices = TYPED[name]
    ctx = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True)
    seen = []
    ctx.on("request", lambda r: seen.append((r.url, r.post_data or "")))
    page = ctx.new_page()
    page.goto(site_url + f"calculators/{name}/")
    for sel, val in choices.items():
        if sel.startswith("#"):
            page.select_option(sel, val)
        else:
            page.locator(f'.jz-form input[name="{sel}"][value="{val}"]').check()
    wait_ready(page)
    for sel, val in zip(fields, values):
        if page.is_visible(sel):
            page.fill(sel, val)
    page.wait_for_selector(".jz-summary, .jz-prompt")
    page.wait_for_timeout(500)
    origin = urlparse(site_url).netloc
    foreign = [u for u, _ in seen if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != origin]
    assert not foreign, foreign
    # (a file's content hash, e.g. params-other.c4f161165282.json, is not an answer: "61" may occur in it)
    # (nor is the test server's port: only what follows the origin is looked at)
    # (nor is Pagefind's, e.g. zh_cd61257.pf_fragment, which the service worker keeps for offline search)
    unhashed = [(re.sub(r"_[0-9a-f]{7}\.pf_", "_.pf_", re.sub(r"\.[0-9a-f]{12}\.", ".", urlparse(u)._replace(scheme="", netloc="").geturl())), body)
                for u, body in seen]
    carrying = [u for u, body in unhashed for v in values if len(v) > 1 and (v in u or v in body)]
    assert not carrying, carrying
    ctx.close()
