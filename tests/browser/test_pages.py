# SPDX-License-Identifier: MIT
"""Every page in a real phone-sized browser: no third-party requests, no
sideways scrolling, Chinese rendered, citations copy the right text."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"

# One page of each type.
PAGE_TYPES = {
    "home": "",
    "policy-index": "policies/",
    "policy-document": "policies/changle-2021-yijian/",
    "task-table": "policies/huaiyuan-2023-qingdan/",
    "anchor-list": "about/anchors/",
    "about": "about/",
}


def all_pages(site: Path) -> list[str]:
    pages = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


def test_every_page_loads_only_from_own_origin(browser, built_site, site_url):
    origin = urlsplit(site_url).netloc
    ctx = browser.new_context(viewport={"width": 375, "height": 667})
    page = ctx.new_page()
    foreign: list[str] = []
    page.on("request", lambda r: urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).netloc != origin and foreign.append(r.url))
    pages = all_pages(built_site)
    assert len(pages) >= 9
    for rel in pages:
        page.goto(site_url + rel, wait_until="networkidle")
    # search loads Pagefind, its worker, wasm and index chunks: include it
    page.goto(site_url + "search/?q=低保", wait_until="networkidle")
    ctx.close()
    assert foreign == []


def test_no_google_fonts_or_cdn_in_output(built_site):
    # HTML and CSS only: Material's JS bundle names unpkg.com for Mermaid
    # diagrams, which load only when a page has one (none here); the request
    # log above proves nothing of the kind is fetched.
    for path in built_site.rglob("*"):
        if path.suffix in {".html", ".css"}:
            text = path.read_text(encoding="utf-8", errors="ignore")
            for host in ("fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr.net", "unpkg.com"):
                assert host not in text, f"{path} references {host}"


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_phone_layout_has_no_horizontal_overflow(kind, phone, site_url):
    phone.goto(site_url + PAGE_TYPES[kind], wait_until="networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / f"{kind}-375.png"), full_page=True)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{kind}: page is {width}px wide at a 375px viewport"
    # Chinese glyphs come from an installed CJK font, not tofu boxes.
    assert phone.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"', '低保')")


def test_every_clause_heading_has_a_permalink_and_cite_button(phone, site_url):
    phone.goto(site_url + "policies/changle-2021-yijian/")
    headings = phone.locator(".policy-text [data-cite][id]")
    n = headings.count()
    # 一、二、三、 (3) + 二、（一）（二）（三） (3) + items 1–20 (20) + 三、（一）（二）（三） (3)
    assert n == 29
    assert phone.locator(".policy-text [data-cite][id] .headerlink").count() == n
    assert phone.locator(".policy-text [data-cite][id] .cite-btn").count() == n
    box = phone.locator("#s2-1-8 .cite-btn").bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44


def test_copy_citation_gives_formal_reference_and_url(browser, site_url):
    ctx = browser.new_context(viewport={"width": 375, "height": 667})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = ctx.new_page()
    page.goto(site_url + "policies/changle-2021-yijian/#s2-1-8")
    page.locator("#s2-1-8 .cite-btn").click()
    expect(page.locator("#s2-1-8 .cite-btn")).to_have_text("已复制")
    text = page.evaluate("navigator.clipboard.readText()")
    ctx.close()
    title, url = text.split("\n")
    # 昌乐 乐办字〔2021〕21号, 二、主要任务 （一） 8. 完善临时救助制度
    assert title == "《关于改革完善社会救助制度统筹健全社会救助体系的实施意见》（乐办字〔2021〕21号）二、（一）8"
    assert url == site_url + "policies/changle-2021-yijian/#s2-1-8"


def test_clause_anchor_opens_the_clause(phone, site_url):
    phone.goto(site_url + "policies/huaiyuan-2023-qingdan/#task-7")
    heading = phone.locator("#task-7")
    assert "加强村级救急难基金建设" in heading.inner_text()
    assert heading.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
