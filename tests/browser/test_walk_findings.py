# SPDX-License-Identifier: MIT
"""The phone walk's findings (research/phone-walk-2026-12, issue #22 part 4), each in real Chromium at 375 px:
the screener's 详细估算 carries every answer into the calculator; 特困 where no local standard is known says who
sets it and gives the 低保 standard with its date (never an invented floor); the 赡养人 question; 临时救助 says
it is not a monthly payment and keeps its estimate after 急难; the Chinese 404; readable chart axes in 长辈版; the
true download size; the 台账 download; no exception names; search counts that count clauses.

Screenshots (normal and 长辈版) go to test-results/screenshots/.
"""

from __future__ import annotations

import io
import re
import sys
import threading
import time
import urllib.parse
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from test_screener_page import wait_programmes

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-results" / "screenshots"
FILES = ROOT / "tests" / "ledger"
PHONE = {"viewport": {"width": 375, "height": 667}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
READY = ".jz-calc[data-state=ready]"
ELDER = "try { localStorage.setItem('jz-elder', '1') } catch (e) {}"


@pytest.fixture(params=["normal", "elder"])
def mode(request):
    return request.param


def phone_page(browser, elder: bool = False):
    ctx = browser.new_context(**PHONE)
    if elder:
        ctx.add_init_script(ELDER)
    return ctx, ctx.new_page()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


programmes = wait_programmes  # (the screener page's own helper)


def link_of(page, programme: str) -> dict[str, str]:
    href = page.get_attribute(f'.jz-programme[data-id="{programme}"] .jz-programme__calc', "href")
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(href).fragment))


# The widow of journey 1: 织金, 农村, 72, 二级肢体残疾, no income, nobody to support her.
WIDOW = "calculators/screener/#j=zhijin&area=rural&sup=0&n=1&age1=72&dis1=2&distype1=physical"


def test_widow_screener_hands_every_answer_to_tekun_which_says_who_sets_the_standard(browser, site_url, mode):
    """Walk 1: 「详细估算」 under 特困 opened #j=zhijin only. Now the link is the calculator's own prefilled link with
    every answer it asks (the same format as 复制链接), and 特困 gives the floor the texts give — 贵州's rule (基本生活标准
    原则上不低于当地低保标准的1.3倍, 2017 report): 567 (织金 农村, 2024-04) × 1.3 = 737.10, care part on top, with its
    year — not “看当地标准”."""
    ctx, page = phone_page(browser, mode == "elder")
    try:
        page.goto(site_url + WIDOW)
        got = programmes(page)
        assert got["tekun"] == "likely" and got["dibao"] == "likely"
        tekun = page.locator('.jz-programme[data-id="tekun"]')
        expect(tekun).to_contain_text("每月不低于 737.10 元（按 2024 年标准，照料护理另加）")
        link = link_of(page, "tekun")
        assert link == {"j": "zhijin", "area": "rural", "age": "72", "dis": "2", "distype": "physical", "income": "0", "supporter": "0"}, link
        assert link_of(page, "dibao") == {"j": "zhijin", "area": "rural", "age1": "72", "wage1": "0", "dis1": "2", "distype1": "physical"}
        page.click('.jz-programme[data-id="tekun"] .jz-programme__calc')
        page.wait_for_selector(READY, timeout=90_000)
        assert page.input_value("#jz-age") == "72" and page.input_value("#jz-dis") == "2" and page.input_value("#jz-distype") == "physical"
        assert page.is_checked('#jz-supporter input[value="0"]') and page.input_value("#jz-income") == "0"
        expect(page.locator(".jz-out .jz-figure")).to_have_text("每月不低于 737.10 元", timeout=20_000)
        out = page.inner_text(".jz-out")
        assert "金额看当地标准" not in out and "567.00 × 1.3 = 737.10" in out
        assert "照料护理标准另加" in out and "本站没有见到当地的原件" in out  # secondary source said as such
        shot(page, f"handoff-tekun-{mode}")
        page.locator(".jz-out .jz-summary").screenshot(path=str(SCREENSHOTS / f"handoff-tekun-result-{mode}.png"))
        page.goto(site_url + WIDOW)
        programmes(page)
        page.locator('.jz-programme[data-id="tekun"]').screenshot(path=str(SCREENSHOTS / f"screener-tekun-{mode}.png"))
    finally:
        ctx.close()


def test_family_screener_hands_the_household_to_dibao_and_linshi_keeps_its_estimate_after_jinan(phone, site_url):
    """Walk 2: the 昌乐 family of four; 急难 = 突发重病 with 18,000 元 medical costs. 临时救助 stays with its estimate
    (it disappeared before), says it is not a monthly payment, and its 详细估算 opens the same range; 低保's
    详细估算 opens the calculator with the whole household and shows the same amount as the screener."""
    phone.goto(site_url + "calculators/screener/#j=changle&area=urban&emg=illness&med=18000&n=4&age1=42&wage1=2800"
               "&age2=40&ill2=1&age3=9&sch3=compulsory&age4=16&sch4=high_school")
    got = programmes(phone)
    assert got["linshi"] == "likely"
    linshi = phone.locator('.jz-programme[data-id="linshi"]')
    expect(linshi.locator(".jz-programme__title")).to_contain_text("约 2448.00—9792.00 元")
    expect(linshi).to_contain_text("请立即联系乡镇（街道）")
    expect(linshi).to_contain_text("不是每月发放")
    assert link_of(phone, "linshi") == {"j": "changle", "kind": "illness"}
    dibao_title = phone.inner_text('.jz-programme[data-id="dibao"] .jz-programme__title')
    amount = re.search(r"每月约 [\d.]+ 元", dibao_title).group(0)
    link = link_of(phone, "dibao")
    assert {k: link.get(k) for k in ("j", "area", "n", "age1", "wage1", "age2", "age3", "age4")} == {
        "j": "changle", "area": "urban", "n": "4", "age1": "42", "wage1": "2800", "age2": "40", "age3": "9", "age4": "16"}, link
    phone.click('.jz-programme[data-id="dibao"] .jz-programme__calc')
    phone.wait_for_selector(READY, timeout=90_000)
    assert phone.input_value("#jz-n") == "4" and phone.input_value("#jz-wage1") == "2800" and phone.input_value("#jz-age4") == "16"
    expect(phone.locator(".jz-out .jz-figure")).to_have_text(amount, timeout=20_000)  # the same answer as the screener
    shot(phone, "handoff-dibao")
    phone.locator(".jz-out .jz-summary").screenshot(path=str(SCREENSHOTS / "handoff-dibao-result.png"))
    phone.go_back()
    programmes(phone)
    phone.click('.jz-programme[data-id="linshi"] .jz-programme__calc')
    phone.wait_for_selector(READY, timeout=90_000)
    expect(phone.locator(".jz-out .jz-figure")).to_have_text("约 2448.00—9792.00 元", timeout=20_000)
    sentence = phone.inner_text(".jz-out .jz-sentence")
    assert "不是每月发放" in sentence and "文件没有写分几次发放" in sentence and "一次性" not in sentence


def test_supporter_is_asked_when_tekun_is_in_play(phone, site_url):
    """Walk 1: 特困 said 「还要看：有没有能赡养…」 and nobody asked. Asked for one person outside working age or with a
    残疾证 (the ages from Python); not for a family of four with a working adult."""
    phone.goto(site_url + "calculators/screener/#j=zhijin&area=rural&n=1&age1=72")
    programmes(phone)
    expect(phone.locator("#jz-sup")).to_be_visible()
    phone.select_option("#jz-sup", "0")
    expect(phone.locator('.jz-programme[data-id="tekun"]')).to_have_attribute("data-status", "likely", timeout=20_000)
    phone.goto(site_url + "calculators/screener/#j=changle&area=urban&n=4&age1=42&wage1=2800&age2=40&age3=9&age4=16")
    programmes(phone)
    expect(phone.locator("#jz-sup")).to_be_hidden()


def test_linshi_says_it_is_not_a_monthly_payment(phone, site_url):
    """Walk 2: the range never said whether it is paid monthly. 昌乐's text gives a multiple of the monthly standard for
    this hardship (not monthly) and does not say whether it is paid at once; 枞阳's text allows 分阶段救助."""
    phone.goto(site_url + "calculators/linshi/#j=changle&kind=illness&date=2021-12-01")
    phone.wait_for_selector(READY, timeout=90_000)
    expect(phone.locator(".jz-out .jz-sentence")).to_contain_text("不是每月发放", timeout=20_000)
    assert "文件没有写分几次发放" in phone.inner_text(".jz-out .jz-sentence")
    assert "不是每月发放的钱" in phone.inner_text(".jz-steps")


class Served:
    def __init__(self, site: Path) -> None:
        sys.path.insert(0, str(ROOT / "build"))
        from publish.serve import make_server

        self.server = make_server(site)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"


@pytest.fixture(scope="module")
def production(built_site):
    s = Served(built_site)
    yield s.url
    s.server.shutdown()
    s.server.server_close()


def test_404_is_chinese_with_ways_on(browser, production, mode):
    """Walk: only “404 - Not found” in English. The site's 404 page (what build/serve.py and nginx send) is Chinese and
    links to 首页, the screener, search and the policy list — the links work from any depth."""
    ctx, page = phone_page(browser, mode == "elder")
    try:
        response = page.goto(production + "policies/no-such-text/s9/")
        assert response.status == 404
        assert "没有找到这个页面" in page.title()
        text = page.inner_text("article")
        assert "没有找到这个页面" in text and "Not found" not in text
        for name in ("首页", "我家能申请哪些救助", "搜索条款", "政策文件目录"):
            expect(page.locator("article a", has_text=name)).to_be_visible()
        shot(page, f"404-{mode}")
        page.click("article a:has-text('搜索条款')")
        expect(page.locator("#jz-q")).to_be_visible()
        assert urllib.parse.urlsplit(page.url).path == "/search/"
    finally:
        ctx.close()


def test_offline_page_normal_and_elder(browser, production, mode):
    """The Chinese offline page a phone sees for a page it has not kept (tests/browser/test_offline.py tests when),
    at the address asked for, in both modes."""
    ctx, page = phone_page(browser, mode == "elder")
    try:
        page.goto(production)
        end = time.monotonic() + 90
        while not page.evaluate("caches.keys().then(async (k) => k.length === 1 && !!navigator.serviceWorker.controller "
                                "&& !!(await (await caches.open(k[0])).match(location.origin + '/offline/')))"):
            assert time.monotonic() < end, "the service worker did not keep the offline page"
            page.wait_for_timeout(250)
        ctx.set_offline(True)
        page.goto(production + "places/nowhere/")
        text = page.inner_text("article")
        assert "现在没有联网" in text and "还没有存到这部手机上" in text
        assert page.evaluate("document.documentElement.classList.contains('elder')") == (mode == "elder")
        shot(page, f"offline-{mode}")
    finally:
        ctx.close()


def test_elder_chart_axis_labels_are_readable(browser, site_url):
    """Walk (长辈版): the income-line chart's y-axis numbers wrapped into “600 / 0”. Each label is one line, whole and
    inside the chart (the top one was cut in half)."""
    ctx, page = phone_page(browser, elder=True)
    try:
        page.goto(site_url + "calculators/dibao/#j=changle&area=urban&n=4&age1=42&wage1=2800&age2=40&age3=9&age4=16&date=2021-12-01")
        page.wait_for_selector(READY, timeout=90_000)
        expect(page.locator(".jz-out .jz-figure")).to_have_text("每月约 464.00 元", timeout=20_000)
        assert page.evaluate("document.documentElement.classList.contains('elder')")
        page.click(".jz-line-chart summary")
        page.wait_for_selector(".jz-chart-line .ct-label.ct-vertical", timeout=20_000)
        labels = page.evaluate("""() => [...document.querySelectorAll('.jz-chart-line .ct-label.ct-vertical')].map((s) => {
            const r = document.createRange(); r.selectNodeContents(s);
            const box = r.getBoundingClientRect(), svg = s.closest('svg').getBoundingClientRect();
            return {text: s.textContent, lines: r.getClientRects().length, fits: s.scrollWidth <= s.clientWidth + 1,
                    inside: box.top >= svg.top - 0.5 && box.left >= svg.left - 0.5};
        })""")
        assert len(labels) >= 3 and any(len(x["text"]) >= 4 for x in labels), labels
        bad = [x for x in labels if x["lines"] != 1 or not x["fits"] or not x["inside"]]
        assert not bad, bad
        page.locator(".jz-line-chart").scroll_into_view_if_needed()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator(".jz-line-chart").screenshot(path=str(SCREENSHOTS / "chart-elder.png"))
    finally:
        ctx.close()


def test_download_size_said_is_what_a_phone_downloads(browser, site_url, built_site):
    """Walk 7: “约 14.5 MB” while about 3.9 MB is transferred. The page says the compressed size of what the first
    answer needs (the pre-compressed copies build/serve.py and nginx send): in its loading line and where Data Saver
    asks before downloading."""
    calc = built_site / "assets" / "calc"
    # (the stdlib zip holds the calculators: no wheel is shipped)
    first = [*(built_site / "assets" / "pyodide").glob("*/pyodide*.*"), *calc.glob("python_stdlib.*.zip"), *calc.glob("params-other.*.json")]
    first = [f for f in first if f.suffix in (".mjs", ".wasm", ".zip", ".json")]
    sent = sum(min(f.stat().st_size, (f.with_name(f.name + ".br").stat().st_size if f.with_name(f.name + ".br").exists() else 1 << 40))
               for f in first)
    assert len(first) == 5 and 3_000_000 < sent < 5_000_000, sent
    said = f"约 {sent / 1e6:.1f} MB"
    html = (built_site / "calculators" / "dibao" / "index.html").read_text(encoding="utf-8")
    assert f"正在加载计算器（{said}，首次打开较慢）" in html
    ctx, page = phone_page(browser)
    try:
        ctx.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
        page.goto(site_url + "calculators/dibao/")
        page.wait_for_selector(".jz-calc[data-state=waiting]")
        text = page.inner_text(".jz-loading")
        assert f"计算器需要下载{said}" in text, text
    finally:
        ctx.close()


def word_document() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="x"><w:body/></w:document>')
    return out.getvalue()


def test_ledger_messages_name_the_file_kind_once_without_exception_names(phone, site_url):
    """Walk 5: a Word document renamed .xlsx got “…（OSError）…”, twice. Now it is named as a Word document, in the
    field's message only, and no message names a Python exception."""
    phone.goto(site_url + "calculators/ledger/#j=changle")
    phone.set_input_files("#jz-file", files=[{"name": "台账.xlsx", "mimeType": "application/octet-stream", "buffer": word_document()}])
    expect(phone.locator("#jz-file-err")).to_contain_text("Word 文档", timeout=120_000)
    page_text = phone.inner_text(".jz-ledger")
    assert page_text.count("Word 文档") == 1, page_text
    for name in ("not-a-workbook.xlsx", "picture.xlsx"):
        phone.set_input_files("#jz-file", str(FILES / name))
        expect(phone.locator("#jz-file-err")).not_to_contain_text("Word", timeout=60_000)
        text = phone.inner_text(".jz-ledger")
        assert not re.search(r"[A-Za-z]*(Error|Exception)\b", text), text


def test_ledger_page_and_download_have_no_code_words_and_numbers_as_numbers(phone, site_url, tmp_path):
    """Walk 5: “（edge）” in the warnings, 人均 and 标准 as text in the download, True/edge in its 说明 sheet."""
    from test_ledger_page import twenty_households

    phone.goto(site_url + "calculators/ledger/#j=changle")
    phone.fill("#jz-date", "2021-12-01")
    phone.set_input_files("#jz-file", files=[{"name": "东村台账.xlsx", "mimeType": "application/octet-stream", "buffer": twenty_households()}])
    expect(phone.locator(".jz-ledger-rows tbody tr").first).to_be_visible(timeout=120_000)
    text = phone.inner_text(".jz-ledger")
    assert not re.search(r"\b(edge|True|False|None)\b", text), re.findall(r".{20}\b(?:edge|True|False|None)\b.{5}", text)
    with phone.expect_download() as info:
        phone.click('.jz-download[data-format="xlsx"]')
    path = tmp_path / "checked.xlsx"
    info.value.save_as(path)
    book = load_workbook(path)
    sheet = book["核查结果"]
    header = [c.value for c in sheet[1]]
    for title in ("人均月收入（元）", "使用的低保标准（元）"):
        col = header.index(title) + 1
        values = [sheet.cell(row=r, column=col).value for r in range(2, sheet.max_row + 1)]
        assert values and all(isinstance(v, (int, float)) for v in values if v is not None), (title, values[:5])
    notes = " ".join(str(c.value) for row in book["说明"].iter_rows() for c in row if c.value is not None)
    assert not re.search(r"\b(edge|True|False)\b", notes), notes[:400]


def test_search_counts_clauses_that_hold_the_word_and_leaves_help_pages_out(phone, site_url):
    """Walk 4: 单人户 said “找到 10 条相关条款” when 3 held the word; the 速度测量 page came up with English text. The count is
    of the listed clauses whose text holds the word; the others are marked as holding only part of it."""
    phone.goto(site_url + "search/?q=" + urllib.parse.quote("单人户"))
    expect(phone.locator("#jz-search-status")).to_have_attribute("data-done", "1", timeout=20_000)
    status = phone.inner_text("#jz-search-status")
    items = phone.locator("#jz-search-results li")
    holding = [i for i in range(items.count()) if "单人户" in re.sub(r"\s", "", items.nth(i).inner_text())]
    partial = phone.locator("#jz-search-results li.jz-hit--partial").count()
    assert holding, status
    assert f"找到 {len(holding)} 条含“单人户”的条款" in status, (status, len(holding), items.count())
    assert partial == items.count() - len(holding)
    if partial:
        assert f"后面 {partial} 条只含其中部分字词" in status
    for query in ("速度测量", "首屏", "下载量"):
        phone.goto(site_url + "search/?q=" + urllib.parse.quote(query))
        expect(phone.locator("#jz-search-status")).to_have_attribute("data-done", "1", timeout=20_000)
        hrefs = phone.eval_on_selector_all("#jz-search-results a, #jz-search-tools a", "els => els.map(e => e.href)")
        assert not [h for h in hrefs if "/about/performance/" in h], (query, hrefs)
