# SPDX-License-Identifier: MIT
"""Real staff queries in the real browser land on the right clause near the top.

Each expected clause is read from the text: e.g. 渐退期 is granted in
枞阳 二、（二） ("可给予6个月的渐退期"), 救急难 基金 is 怀远 task 7.  The test
opens the site's search with ``?q=`` (Material's deep link, also usable from
posters) and reads the result links in order.
"""

from __future__ import annotations

import urllib.parse

import pytest
from playwright.sync_api import expect

TOP = 3  # the expected clause must be among the first three clause results

QUERIES = {
    # 枞阳 二、（二）: 可给予6个月的渐退期，最多不超过12个月
    "渐退期": {"zongyang-2021-fangan#s2-2", "zhijin-2023-fengong#s2-9", "xx-mzj-doudi-fangan#s2-2"},
    # 昌乐 二、（一）1: 可按照单人户纳入保障范围
    "单人户": {"changle-2021-yijian#s2-1-1", "zhijin-2023-fengong#s1-3", "xx-mzj-doudi-fangan#s2-2"},
    # 织金 二、9: 扣减必要的就业成本; XX 二、（二）: 必要的就业成本…适当扣减
    "就业 扣减": {"zhijin-2023-fengong#s2-9", "xx-mzj-doudi-fangan#s2-2", "zongyang-2021-fangan#s2-2"},
    # 织金 一、4: 照料护理标准; 昌乐 二、（一）2: 照料护理标准 1/10、1/6、1/3
    "特困 护理标准": {"zhijin-2023-fengong#s1-4", "changle-2021-yijian#s2-1-2"},
    # 昌乐 二、（一）8: 临时救助 3—12倍 / 3—6倍
    "临时救助 标准": {"changle-2021-yijian#s2-1-8", "zhijin-2023-fengong#s3-12"},
    # 怀远 第7项: 加强村级救急难基金建设
    "救急难 基金": {"huaiyuan-2023-qingdan#task-7"},
    # 昌乐 二、（一）2 and XX 二、（四）: 不低于低保标准的1.3倍
    "1.3倍": {"changle-2021-yijian#s2-1-2", "xx-mzj-doudi-fangan#s2-4"},
    # 枞阳 二、（六）: 低保、特困办理时限压缩到20个工作日内
    "20个工作日": {"zongyang-2021-fangan#s2-6"},
    # 枞阳 二、（五）: “12345”政务服务热线; 织金 五、18
    "12345": {"zongyang-2021-fangan#s2-5", "zhijin-2023-fengong#s5-18"},
    # 枞阳 二、（二）: 按当地低保标准的30%扣减
    "30%": {"zongyang-2021-fangan#s2-2"},
    # 枞阳 二、（一） and 怀远 第1项: 低保边缘家庭
    "低保边缘": {"zongyang-2021-fangan#s2-1", "huaiyuan-2023-qingdan#task-1"},
    # 昌乐 二、（一）8; 枞阳 二、（三）; XX 二、（五）; 怀远 第3项
    "一事一议": {"changle-2021-yijian#s2-1-8", "zongyang-2021-fangan#s2-3", "xx-mzj-doudi-fangan#s2-5", "huaiyuan-2023-qingdan#task-3"},
    # 枞阳 二、（五）: 为60周岁以上的老年人、重度残疾人…开通绿色通道
    "绿色通道": {"zongyang-2021-fangan#s2-5"},
}


def clause_results(page, base: str, query: str) -> list[str]:
    page.goto(base + "?q=" + urllib.parse.quote(query))
    expect(page.locator(".md-search-result__meta")).to_contain_text("结果", timeout=20_000)
    hrefs = page.eval_on_selector_all(
        ".md-search-result__list a.md-search-result__link", "els => els.map(e => e.href)"
    )
    out = []
    for href in hrefs:
        url = urllib.parse.urlsplit(href)
        if "/policies/" in url.path and url.fragment:
            doc = url.path.rstrip("/").rsplit("/", 1)[-1]
            out.append(f"{doc}#{url.fragment}")
    return out


@pytest.mark.parametrize("query", list(QUERIES))
def test_query_finds_clause_near_top(query, phone, site_url):
    results = clause_results(phone, site_url, query)
    expected = QUERIES[query]
    rank = next((i + 1 for i, r in enumerate(results) if r in expected), None)
    print(f"search {query!r}: rank {rank}; top {results[:TOP]}")
    assert rank is not None and rank <= TOP, f"{query!r}: expected one of {sorted(expected)} in top {TOP}, got {results[:8]}"


def test_search_does_not_index_our_own_help_text(built_site):
    # The home page lists example queries; if it were indexed, it would outrank clauses.
    import json

    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "" not in locations and "about/anchors/" not in locations
    assert "policies/changle-2021-yijian/" in locations


def test_pasted_query_searches(phone, site_url):
    """Pasting (or voice input) fills the box without key presses; results must still appear.
    Playwright's fill() sets the value and fires only an input event, as a paste does."""
    phone.goto(site_url + "policies/")
    phone.click("label.md-search__icon, .md-header__button[for=__search]")
    phone.fill(".md-search__input", "渐退期")
    expect(phone.locator(".md-search-result__meta")).to_contain_text("结果", timeout=20_000)
    assert phone.locator(".md-search-result__list a.md-search-result__link").count() > 0
