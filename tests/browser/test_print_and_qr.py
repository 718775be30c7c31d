# SPDX-License-Identifier: MIT
"""Publicity kit: QR codes decode to the right address, 明白卡 print on one A4 page,
every page prints without overflow, sharing tags on every page."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import PUBLIC_URL

A4_WIDTH_PX = 794  # 210 mm at 96 dpi


def decode_svg(page, svg_path: Path) -> str:
    """Render the SVG in Chromium, then decode the picture with zxing-cpp."""
    import zxingcpp
    from PIL import Image

    page.set_content(f'<body style="margin:0;background:#fff">{svg_path.read_text(encoding="utf-8")}</body>')
    png = page.locator("svg").screenshot()
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(results) == 1, svg_path
    return results[0].text


@pytest.mark.parametrize(
    "svg,url",
    [
        ("policies/changle-2021-yijian/qr/page.svg", "policies/changle-2021-yijian/"),
        ("policies/changle-2021-yijian/qr/s2-1-8.svg", "policies/changle-2021-yijian/#s2-1-8"),
        ("policies/huaiyuan-2023-qingdan/qr/task-1.svg", "policies/huaiyuan-2023-qingdan/#task-1"),
        ("calculators/dibao/qr.svg", "calculators/dibao/"),
    ],
)
def test_qr_code_decodes_to_its_address(built_site, browser, svg, url):
    page = browser.new_page()
    assert decode_svg(page, built_site / svg) == PUBLIC_URL + url
    page.close()


def test_every_clause_has_a_qr_code(built_site):
    for page in (built_site / "policies").glob("*/index.html"):
        heads = re.findall(r"<h[1-6]\b[^>]*>", page.read_text(encoding="utf-8"))
        ids = [re.search(r'\bid="([^"]+)"', h).group(1) for h in heads if "data-cite=" in h]
        assert ids
        for anchor in ids:
            assert (page.parent / "qr" / f"{anchor}.svg").exists(), (page, anchor)


def test_card_qr_opens_the_calculator_for_that_place(built_site, browser):
    page = browser.new_page()
    html = (built_site / "cards" / "changle-dibao" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r'<div class="mb-card__qr">\s*(<svg.*?</svg>)', html, re.S).group(1)
    tmp = built_site / "_card_qr_test.svg"
    tmp.write_text(svg, encoding="utf-8")
    try:
        assert decode_svg(page, tmp) == PUBLIC_URL + "calculators/dibao/#j=changle"
    finally:
        tmp.unlink()
    page.close()


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def test_every_mingbai_card_prints_on_one_a4_page_at_12pt(browser, site_url, built_site):
    cards = sorted(p.parent.name for p in (built_site / "cards").glob("*-*/index.html") if "页面已移到" not in p.read_text(encoding="utf-8"))
    assert len(cards) >= 12  # 4 counties × 3 aids
    page = browser.new_page(viewport={"width": A4_WIDTH_PX, "height": 1123})
    for card in cards:
        page.goto(site_url + f"cards/{card}/")
        page.emulate_media(media="print")
        text = page.inner_text("article")
        assert "不是政府文件" in text and "以乡镇（街道）审核确认为准" in text, card
        assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.mb-card')).fontSize)") >= 16, card  # 12 pt
        assert _pdf_pages(page.pdf(format="A4", print_background=True)) == 1, card
        page.emulate_media(media="screen")
    page.close()


def test_card_numbers_carry_their_basis(built_site):
    html = (built_site / "cards" / "changle-dibao" / "index.html").read_text(encoding="utf-8")
    # 816 (潍坊, 2021-11) is secondary: the line says so and names the source.
    line = re.search(r"城市 <strong>816 元</strong>.*?</li>", html, re.S).group(0)
    assert "二手来源 ⚠" in line and "潍坊" in line
    # (640 − 300) × 3 = 1020.00, computed by calculators/ (差额, 民发〔2021〕57号 第二十三条)
    assert "每月约 <strong>1020.00 元</strong>" in html


@pytest.mark.parametrize(
    "path",
    ["", "policies/changle-2021-yijian/", "policies/huaiyuan-2023-qingdan/", "parameters/", "parameters/changle/", "tables/",
     "cards/changle-dibao/", "calculators/dibao/#j=changle&area=urban&n=3&age1=45&wage1=1200&age2=43&age3=12&date=2021-12-01"],
)
def test_page_prints_on_a4_without_overflow(browser, site_url, path):
    page = browser.new_page(viewport={"width": A4_WIDTH_PX - 106, "height": 1000})  # A4 minus 2 × 14 mm margins
    page.goto(site_url + path)
    if path.startswith("calculators"):
        page.wait_for_selector(".jz-summary", timeout=90_000)
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    wide = page.evaluate(
        "() => [...document.querySelectorAll('article *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
        ".map(e => e.tagName + '.' + e.className).slice(0, 5)"
    )
    assert not wide, wide
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")  # subpixel rounding
    assert not page.is_visible(".md-header")
    height = page.evaluate("document.documentElement.scrollHeight")
    pdf = page.pdf(format="A4")
    # No blank-page runaway: at most the pages the printed layout needs (A4 ≈ 1000 px of content at this width).
    assert 1 <= _pdf_pages(pdf) <= 1 + height // 900, (_pdf_pages(pdf), height)
    if path.startswith("calculators"):
        text = page.inner_text("article")
        assert "打印于" in text and "1248.00" in text and "为什么" in text
    page.close()


def test_sharing_tags_on_every_page(built_site):
    pages = list(built_site.rglob("index.html"))
    assert len(pages) > 40
    for p in pages:
        html = p.read_text(encoding="utf-8")
        if "页面已移到" in html:  # a forwarding page for a retired address (build/page_urls.py)
            continue
        rel = p.parent.relative_to(built_site).as_posix()
        url = PUBLIC_URL + ("" if rel == "." else rel + "/")
        for prop in ("og:title", "og:description", "og:site_name"):
            assert re.search(rf'<meta property="{prop}" content="[^"]+">', html), (p, prop)
        assert f'<meta property="og:url" content="{url}">' in html, p
        assert re.search(r"<title>.+ - 社会救助政策明白站</title>", html) or rel == ".", p
        desc = re.search(r'<meta name="description" content="([^"]+)">', html).group(1)
        assert len(desc) >= 10


@pytest.mark.parametrize("calc,link,figure", [
    # 昌乐 城市 816 (2021-11): (816 − 1200 ÷ 3) × 3 = 1248.00 (第二十三条)
    ("dibao", "#j=changle&area=urban&n=3&age1=45&wage1=1200&age2=43&age3=12&date=2021-12-01", "每月约 1248.00 元"),
    # 枞阳 no standard: income line (1800 − 0.3 S) ÷ 2 < S ⇔ S > 782.61
    ("dibao", "#j=zongyang&area=rural&n=2&age1=68&age2=40&wage2=1800", "收入线 782.61 元"),
    ("tekun", "#j=changle&area=urban&age=70&income=0&care=full_care&supporter=0", "每月不低于 1864.00 元"),
])
def test_result_sheet_is_one_a4_page_with_the_result_first(browser, site_url, calc, link, figure):
    """打印结果 for a typical household: one A4 page; the answer comes before the answers given;
    the empty form, the English date placeholder and the explanation text are not printed."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(site_url + f"calculators/{calc}/" + link)
    page.wait_for_selector(".jz-summary", timeout=90_000)
    expect(page.locator(".jz-figure")).to_have_text(figure, timeout=20_000)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    shown = page.inner_text("article")  # (before pdf(): printing fires afterprint, which ends the sheet mode)
    assert shown.index(figure) < shown.index("您填写的情况") < shown.index("重新打开这次估算")
    assert "打印于" in shown and "不是审批结果" in shown
    assert not page.is_visible(".jz-form") and not page.is_visible("text=怎么算的")
    assert "mm/dd/yyyy" not in shown and "年/月/日" not in shown
    answers = page.inner_text(".jz-answers")
    assert ("年龄 45" in answers or "年龄：70" in answers) or "年龄 68" in answers
    assert _pdf_pages(page.pdf(format="A4", print_background=True)) == 1
    page.close()
