# SPDX-License-Identifier: MIT
"""Staff queries on the search page (Pagefind) in real Chromium land on the right clause near the top.

Each expected set is the clauses whose text contains the term (worked from the pages: e.g.
渐退期 is granted in 枞阳 二、（二） "可给予6个月的渐退期"; the national texts' clauses are listed on a
“全国” line — for a 第X条 document the article, since search results point at headings and an
article's items and 款 are paragraphs); one of them must be among the first three results.
The page is opened with ``?q=`` as a poster or chat link would.
"""

from __future__ import annotations

import time
import urllib.parse

import pytest
from playwright.sync_api import expect

TOP = 3

QUERIES = {
    # 枞阳 二、（二）: 可给予6个月的渐退期; 织金 二、9 (就业的渐退期); XX 二、（二）
    # 全国: 2022 通知 一、（三）; 57号 第三十三条; 2020 意见 二、（三）11
    "渐退期": {
        "zongyang-2021-fangan#s2-2",
        "zhijin-2023-fengong#s2-9",
        "xx-mzj-doudi-fangan#s2-2",
        "dibao-doudi-gongzuo-tongzhi-2022#s1-3",
        "dibao-shenhe-queren-banfa#art33",
        "gaige-wanshan-shehui-jiuzhu-zhidu-yijian-2020#s2-3-11",
    },
    # 昌乐 二、（一）1: 可按照单人户纳入保障范围; 织金 一、3; XX 二、（二）
    # 全国: 2023 意见 四、（一）; 2022 通知 一、（一）; 2022 通知 一、（四）
    "单人户": {
        "changle-2021-yijian#s2-1-1",
        "zhijin-2023-fengong#s1-3",
        "xx-mzj-doudi-fangan#s2-2",
        "di-shouru-renkou-dongtai-jiance-yijian-2023#s4-1",
        "dibao-doudi-gongzuo-tongzhi-2022#s1-1",
        "dibao-doudi-gongzuo-tongzhi-2022#s1-4",
    },
    # 织金 二、9: 扣减必要的就业成本; XX 二、（二）: 必要的就业成本…适当扣减; 枞阳 二、（二） 30%
    # 全国: 2023 意见 二、; 57号 第十三条; 2020 意见 二、（三）11
    "就业 扣减": {
        "zhijin-2023-fengong#s2-9",
        "xx-mzj-doudi-fangan#s2-2",
        "zongyang-2021-fangan#s2-2",
        "di-shouru-renkou-dongtai-jiance-yijian-2023#s2",
        "dibao-shenhe-queren-banfa#art13",
        "gaige-wanshan-shehui-jiuzhu-zhidu-yijian-2020#s2-3-11",
    },
    # 织金 一、4: 照料护理标准; 昌乐 二、（一）2: 照料护理标准 1/10、1/6、1/3
    # 全国: 43号 第二十条
    "特困 护理标准": {"zhijin-2023-fengong#s1-4", "changle-2021-yijian#s2-1-2", "tekun-renyuan-rending-banfa#art20"},
    # 昌乐 二、（一）8: 临时救助 3—12倍 / 3—6倍; 织金 三、12
    # 全国: 2020 意见 二、（四）14; 2018 意见 一、; 2018 意见 二、（一）; 2018 意见 二、（三）; 暂行办法 第四十九条
    "临时救助 标准": {
        "changle-2021-yijian#s2-1-8",
        "zhijin-2023-fengong#s3-12",
        "gaige-wanshan-shehui-jiuzhu-zhidu-yijian-2020#s2-4-14",
        "linshi-jiuzhu-yijian-2018#s1",
        "linshi-jiuzhu-yijian-2018#s2-1",
        "linshi-jiuzhu-yijian-2018#s2-3",
        "shehui-jiuzhu-zanxing-banfa#art49",
    },
    # 怀远 第7项: 加强村级救急难基金建设
    "救急难 基金": {"huaiyuan-2023-qingdan#task-7"},
    # 昌乐 二、（一）2 and XX 二、（四）: 不低于低保标准的1.3倍
    "1.3倍": {"changle-2021-yijian#s2-1-2", "xx-mzj-doudi-fangan#s2-4"},
    # 枞阳 二、（六）: 低保、特困办理时限压缩到20个工作日内
    # 全国: 2022 通知 四、（一）
    "20个工作日": {"zongyang-2021-fangan#s2-6", "dibao-doudi-gongzuo-tongzhi-2022#s4-1"},
    # 枞阳 二、（五）: “12345”政务服务热线; 织金 五、18
    "12345": {"zongyang-2021-fangan#s2-5", "zhijin-2023-fengong#s5-18"},
    # 枞阳 二、（二）: 按当地低保标准的30%扣减
    # 全国: 43号 第十六条
    "30%": {"zongyang-2021-fangan#s2-2", "tekun-renyuan-rending-banfa#art16"},
    # 枞阳 二、（一） and 怀远 第1项: 低保边缘家庭
    # 全国: 2022 通知 一、（四）; 2022 通知 三、（三）; 2022 通知 四、（三）
    "低保边缘": {
        "zongyang-2021-fangan#s2-1",
        "huaiyuan-2023-qingdan#task-1",
        "dibao-doudi-gongzuo-tongzhi-2022#s1-4",
        "dibao-doudi-gongzuo-tongzhi-2022#s3-3",
        "dibao-doudi-gongzuo-tongzhi-2022#s4-3",
    },
    # 昌乐 二、（一）8; 枞阳 二、（三）; XX 二、（五）; 怀远 第3项
    # 全国: 2023 意见 三、（四）; 2020 意见 二、（四）15; 刚性支出办法 第九条; 2018 意见 二、（三）
    "一事一议": {
        "changle-2021-yijian#s2-1-8",
        "zongyang-2021-fangan#s2-3",
        "xx-mzj-doudi-fangan#s2-5",
        "huaiyuan-2023-qingdan#task-3",
        "di-shouru-renkou-dongtai-jiance-yijian-2023#s3-4",
        "gaige-wanshan-shehui-jiuzhu-zhidu-yijian-2020#s2-4-15",
        "gangxing-zhichu-kunnan-jiating-rending-banfa#art9",
        "linshi-jiuzhu-yijian-2018#s2-3",
    },
    # 枞阳 二、（五）: 为60周岁以上的老年人、重度残疾人…开通绿色通道
    "绿色通道": {"zongyang-2021-fangan#s2-5"},
    # 昌乐 二、（一）2: 不低于当地最低工资标准; XX 二、（四）
    "最低工资标准": {"changle-2021-yijian#s2-1-2", "xx-mzj-doudi-fangan#s2-4"},
    # 昌乐 二、（一）5: 公租房保障; 织金 二、7
    # 全国: 2023 意见 四、（二）3; 2020 意见 二、（三）10
    "公租房": {
        "changle-2021-yijian#s2-1-5",
        "zhijin-2023-fengong#s2-7",
        "di-shouru-renkou-dongtai-jiance-yijian-2023#s4-2-3",
        "gaige-wanshan-shehui-jiuzhu-zhidu-yijian-2020#s2-3-10",
    },
    # 昌乐 二、（一）8 and 二、（二）15: 支出型困难家庭; XX 二、（二）
    # 全国: 2022 通知 三、（三）; 2020 意见 二、（四）15; 2018 意见 二、（一）; 2018 意见 二、（二）
    "支出型": {
        "changle-2021-yijian#s2-1-8",
        "changle-2021-yijian#s2-2-15",
        "xx-mzj-doudi-fangan#s2-2",
        "dibao-doudi-gongzuo-tongzhi-2022#s3-3",
        "gaige-wanshan-shehui-jiuzhu-zhidu-yijian-2020#s2-4-15",
        "linshi-jiuzhu-yijian-2018#s2-1",
        "linshi-jiuzhu-yijian-2018#s2-2",
    },
    # 昌乐 二、（一）2: 集中供养率; 怀远 第2项
    "集中供养率": {"changle-2021-yijian#s2-1-2", "huaiyuan-2023-qingdan#task-2"},
    # 昌乐 二、（二）14; 怀远 第12项; XX 三、（三）; 枞阳 二、（十）, 三、（二）: 社会救助协理员
    # 全国: 2023 意见 三、（三）; 2022 通知 五、（四）; 2020 意见 三、（三）
    "协理员": {"changle-2021-yijian#s2-2-14", "huaiyuan-2023-qingdan#task-12", "xx-mzj-doudi-fangan#s3-3",
              "zongyang-2021-fangan#s2-10", "zongyang-2021-fangan#s3-2", "di-shouru-renkou-dongtai-jiance-yijian-2023#s3-3",
              "dibao-doudi-gongzuo-tongzhi-2022#s5-4", "gaige-wanshan-shehui-jiuzhu-zhidu-yijian-2020#s3-3"},
    # 昌乐 二、（一）9; 织金 三、14: 生活无着的流浪乞讨人员
    # 全国: 2023 意见 四、（三）; 2020 意见 二、（四）14; 2020 意见 二、（四）16
    "流浪乞讨": {
        "changle-2021-yijian#s2-1-9",
        "zhijin-2023-fengong#s3-14",
        "di-shouru-renkou-dongtai-jiance-yijian-2023#s4-3",
        "gaige-wanshan-shehui-jiuzhu-zhidu-yijian-2020#s2-4-14",
        "gaige-wanshan-shehui-jiuzhu-zhidu-yijian-2020#s2-4-16",
    },
    # 昌乐 二、（一）6: 零就业家庭 “出现一户、认定一户”; 织金 二、9
    # 全国: 2020 意见 二、（三）11
    "零就业": {"changle-2021-yijian#s2-1-6", "zhijin-2023-fengong#s2-9", "gaige-wanshan-shehui-jiuzhu-zhidu-yijian-2020#s2-3-11"},
    # 昌乐 二、（一）4: 高等教育 国家助学金、勤工助学
    # 全国: 2023 意见 四、（二）2; 2020 意见 二、（三）9; 暂行办法 第三十四条
    "勤工助学": {
        "changle-2021-yijian#s2-1-4",
        "di-shouru-renkou-dongtai-jiance-yijian-2023#s4-2-2",
        "gaige-wanshan-shehui-jiuzhu-zhidu-yijian-2020#s2-3-9",
        "shehui-jiuzhu-zanxing-banfa#art34",
    },
    # 昌乐 二、（二）15 and 枞阳 二、（八）: 由居住证发放地乡镇受理
    # 全国: 2022 通知 四、（三）; 57号 第五条; 2020 意见 二、（一）4
    "居住证": {
        "changle-2021-yijian#s2-2-15",
        "zongyang-2021-fangan#s2-8",
        "dibao-doudi-gongzuo-tongzhi-2022#s4-3",
        "dibao-shenhe-queren-banfa#art5",
        "gaige-wanshan-shehui-jiuzhu-zhidu-yijian-2020#s2-1-4",
    },
    # Only in a national text: 57号 第八条 “可以单独提出申请” (an item-bearing article: the hit is the article);
    # 刚性支出困难家庭认定办法 第八条 “认定期限可以延长至四十五个工作日”.
    "单独提出申请": {"dibao-shenhe-queren-banfa#art8"},
    "四十五个工作日": {"gangxing-zhichu-kunnan-jiating-rending-banfa#art8"},
    # 昌乐 二、（一）5; XX 二、（七）; 织金 二、7: 农村危房改造
    # 全国: 2023 意见 四、（二）3; 2020 意见 二、（三）10; 暂行办法 第三十八条
    "危房改造": {
        "changle-2021-yijian#s2-1-5",
        "xx-mzj-doudi-fangan#s2-7",
        "zhijin-2023-fengong#s2-7",
        "di-shouru-renkou-dongtai-jiance-yijian-2023#s4-2-3",
        "gaige-wanshan-shehui-jiuzhu-zhidu-yijian-2020#s2-3-10",
        "shehui-jiuzhu-zanxing-banfa#art38",
    },
}


def wait_results(page, timeout: float = 20.0) -> str:
    """The status once both lists (clauses, then tools) are final."""
    status = page.locator("#jz-search-status")
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if status.get_attribute("data-done") == "1":
            return status.inner_text()
        time.sleep(0.05)
    raise AssertionError("search gave no answer")


def clause_results(page, base: str, query: str, place: str = "") -> list[str]:
    page.goto(base + "search/?" + urllib.parse.urlencode({"q": query, **({"place": place} if place else {})}))
    wait_results(page)
    out = []
    for href in page.eval_on_selector_all("#jz-search-results a", "els => els.map(e => e.href)"):
        url = urllib.parse.urlsplit(href)
        assert "/policies/" in url.path, href  # the clause list holds clauses only
        out.append(f"{url.path.rstrip('/').rsplit('/', 1)[-1]}#{url.fragment}")
    return out


@pytest.mark.parametrize("query", list(QUERIES))
def test_query_finds_clause_near_top(query, phone, site_url):
    results = clause_results(phone, site_url, query)
    expected = QUERIES[query]
    rank = next((i + 1 for i, r in enumerate(results) if r in expected), None)
    print(f"search {query!r}: rank {rank}; top {results[:TOP]}")
    assert rank is not None and rank <= TOP, f"{query!r}: expected one of {sorted(expected)} in top {TOP}, got {results[:8]}"


def test_clauses_come_before_tool_pages(phone, site_url):
    # "最低工资标准" is also on the 特困 calculator and the parameter pages: they are listed after the clauses.
    results = clause_results(phone, site_url, "最低工资标准")
    assert results[0] in QUERIES["最低工资标准"]
    tools = phone.eval_on_selector_all("#jz-search-tools a", "els => els.map(e => e.getAttribute('href'))")
    assert tools and all("/policies/" not in t for t in tools)
    expect(phone.locator("#jz-tools-title")).to_be_visible()
    # The tools list comes after the clause list on the page.
    order = phone.evaluate("document.getElementById('jz-search-results').compareDocumentPosition(document.getElementById('jz-search-tools'))")
    assert order & 4  # DOCUMENT_POSITION_FOLLOWING


def test_place_filter_scopes_the_clauses(phone, site_url):
    everywhere = clause_results(phone, site_url, "临时救助")
    assert len({r.split("#")[0] for r in everywhere}) >= 3
    changle = clause_results(phone, site_url, "临时救助", place="昌乐县（山东省潍坊市）")
    assert changle and all(r.startswith("changle-2021-yijian#") for r in changle)
    assert "昌乐县" in phone.locator("#jz-search-status").inner_text()
    assert phone.locator("#jz-place").input_value() == "昌乐县（山东省潍坊市）"


def test_place_filter_national_lists_only_national_texts(phone, site_url):
    # 渐退期 is in 枞阳's, 织金's and the 范本's texts and in three national ones (2022 通知 一、（三）, 57号 第三十三条,
    # 2020 意见 二、（三）11): scoped to 全国, only the national ones.
    results = clause_results(phone, site_url, "渐退期", place="全国")
    national = {"dibao-doudi-gongzuo-tongzhi-2022", "dibao-shenhe-queren-banfa", "gaige-wanshan-shehui-jiuzhu-zhidu-yijian-2020"}
    assert results and {r.split("#")[0] for r in results} <= national, results


def test_pasted_query_searches_and_updates_the_link(phone, site_url):
    """Pasting (or voice input) fills the box without key presses; Playwright's fill() fires only
    an input event, as a paste does. The address then carries the query, to share."""
    phone.goto(site_url + "search/")
    phone.fill("#jz-q", "渐退期")
    wait_results(phone)
    assert phone.locator("#jz-search-results a").count() > 0
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(phone.url).query)["q"] == ["渐退期"]


def test_no_match_says_what_to_do(phone, site_url):
    # No clause holds 火星移民补贴; scattered single characters may match, and the page says so.
    phone.goto(site_url + "search/?q=" + urllib.parse.quote("火星移民补贴"))
    text = wait_results(phone)
    assert "没有找到含“火星移民补贴”的条款" in text and "换个说法" in text
    assert "找到 " not in text.split("；")[0]


def test_old_query_links_reach_the_search_page(phone, site_url):
    # Links printed before the search page existed put ?q= on any page.
    phone.goto(site_url + "?q=" + urllib.parse.quote("单人户"))
    wait_results(phone)
    assert urllib.parse.urlsplit(phone.url).path.endswith("/search/")
    assert phone.locator("#jz-search-results a").count() > 0


def test_header_magnifier_opens_the_search_page(phone, site_url):
    phone.goto(site_url + "policies/")
    phone.click("a.jz-search-link")
    expect(phone.locator("#jz-q")).to_be_visible()


def test_our_own_notes_and_help_are_not_indexed(phone, site_url):
    # The metadata card on every policy page ("正文照录原文") is ours, not policy text.
    assert clause_results(phone, site_url, "正文照录原文") == []
    # The home page (search: exclude) is not a result, whatever matches it.
    clause_results(phone, site_url, "这个网站能做什么")
    tools = phone.eval_on_selector_all("#jz-search-tools a", "els => els.map(e => new URL(e.href).pathname)")
    assert "/" not in tools


def test_pages_other_than_search_load_no_search_code(browser, site_url):
    ctx = browser.new_context()
    page = ctx.new_page()
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    for rel in ("", "policies/changle-2021-yijian/", "calculators/"):
        page.goto(site_url + rel, wait_until="networkidle")
    ctx.close()
    assert not [u for u in seen if "/pagefind/" in u or "search-page" in u]


@pytest.mark.parametrize("query", ["渐退期", "单人户", "1.3倍", "最低工资标准", "危房改造"])
def test_a_lapsed_plan_ranks_below_texts_in_force(query, phone, site_url):
    # The 2018–2020 范本 (on_expiry: lapse) uses these words too; a county text in force comes first.
    results = clause_results(phone, site_url, query)
    assert results and not results[0].startswith("xx-mzj-doudi-fangan#"), results[:5]
    assert any(r.startswith("xx-mzj-doudi-fangan#") for r in results), results  # still found
