# SPDX-License-Identifier: MIT
"""收入线在哪里 on the 低保 result at 375 px, and the staff what-if form: the line, the chart with its 边缘 band,
the same numbers in a table, and every assumed value flagged in the result and on the print sheet.

枞阳 二、（一）: 就业成本按低保标准的 30% 扣减（不超过本人工资）; 渐退期一般 6 个月. With a typed standard of
700 元 for 2 people: cap 210 元, line 2 × 700 + 210 = 1610 元, 边缘 (1.5 倍, national) 1.5 × 1400 + 210 = 2310 元."""

from __future__ import annotations

from playwright.sync_api import expect

LINK = "calculators/dibao/#j=zongyang&area=rural&n=2&age1=40&wage1=500&age2=10&cur=1&std=700"


def test_the_line_the_chart_and_its_table(phone, site_url):
    requests: list[str] = []
    phone.on("request", lambda r: requests.append(r.url))
    phone.goto(site_url + LINK)
    box = phone.locator(".jz-line-chart")
    expect(box).to_be_visible(timeout=90_000)
    assert not [u for u in requests if "chartist" in u]  # fetched only when the chart is opened
    box.locator("summary").first.click()
    expect(box.locator(".jz-line-answer")).to_contain_text("1610.00")
    expect(box).to_contain_text("1610.00 到 2310.00 元之间")
    expect(box).to_contain_text("渐退期（6 个月）")
    expect(box.locator(".ct-line")).to_have_count(2, timeout=20_000)
    expect(box.locator(".jz-band-edge")).to_have_count(1)
    # The same numbers for screen readers: the threshold row says 0 低保金.
    box.locator(".jz-line-numbers summary").click()
    row = box.locator("tr.jz-line-row")
    expect(row).to_contain_text("1610.00")
    assert row.locator("td").nth(1).inner_text() == "0.00"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


def test_what_if_updates_the_result_and_chart_and_is_flagged_on_the_print_sheet(phone, site_url):
    phone.goto(site_url + LINK)
    expect(phone.locator(".jz-line-chart")).to_be_visible(timeout=90_000)
    phone.locator(".jz-line-chart summary").first.click()
    expect(phone.locator(".jz-line-answer")).to_contain_text("1610.00")
    # Staff options: assume 800 元 and a 20 % deduction → cap 160, line 2 × 800 + 160 = 1760.
    phone.locator("details[data-group=staff] > summary").click()
    phone.fill("#jz-wstd", "800")
    phone.fill("#jz-wratio", "0.2")
    expect(phone.locator(".jz-line-answer")).to_contain_text("1760.00", timeout=20_000)
    expect(phone.locator(".jz-line-chart")).to_have_attribute("open", "")  # stays open across answers
    expect(phone.locator(".jz-summary")).to_contain_text("工作人员假设的值")
    expect(phone.locator(".jz-warnings")).to_contain_text("假设的值 800")
    phone.emulate_media(media="print")
    assert phone.locator(".jz-summary").is_visible() and "工作人员假设的值" in phone.inner_text(".jz-summary")
    phone.emulate_media(media="screen")
    phone.fill("#jz-wratio", "abc")
    expect(phone.locator("#jz-wratio-err")).to_contain_text("正数", timeout=20_000)
