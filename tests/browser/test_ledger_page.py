# SPDX-License-Identifier: MIT
"""台账核查 in real Chromium at 375 px: a township worker fills the template with 20 households, opens it,
gets the flags, the charts and the download — the same flags as the CLI's engine — and nothing leaves
the browser. Bad files get a message next to the file field.

Figures: 怀远 2023 农村低保标准 722 元 (policy_data), 边缘 = 1.5 × 标准 (national)."""

from __future__ import annotations

import io
import time
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import expect

from calculators.api import calculate
from calculators.core.params import ParameterSet
from calculators.tools.ledger import FLAG_TITLES
from calculators.ui.ledger_files import read_table, template_xlsx

from case_files import bundle

FILES = Path(__file__).resolve().parent.parent / "ledger"


def twenty_households() -> bytes:
    """The downloadable template, filled in the way staff would (numbers, 是/否 words, blanks)."""
    book = load_workbook(io.BytesIO(template_xlsx()))
    ws = book["台账"]
    for i in range(20):
        ws.append([f"户主{i + 1}", "东村" if i % 2 else "西村", "农村", 1 + i % 4, 250 * i, "低保" if i % 3 == 0 else "无",
                   1 if i % 5 == 0 else 0, i % 2])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def wait_rows(page, timeout: float = 120.0) -> int:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        n = page.locator(".jz-ledger-rows tbody tr").count()
        if n:
            return n
        if page.locator("#jz-file-err").is_visible():
            raise AssertionError(page.inner_text("#jz-file-err"))
        time.sleep(0.1)
    raise AssertionError("no result: " + page.inner_text(".jz-ledger"))


def open_page(page, site_url):
    page.goto(site_url + "calculators/ledger/#j=huaiyuan")
    page.fill("#jz-date", "2023-06-01")


def test_twenty_households_flags_charts_download_and_the_same_flags_as_the_cli(phone, site_url, tmp_path):
    data = twenty_households()
    requests: list = []
    phone.on("request", lambda r: requests.append(r))
    open_page(phone, site_url)
    phone.set_input_files("#jz-file", files=[{"name": "东村台账.xlsx", "mimeType": "application/octet-stream", "buffer": data}])
    assert wait_rows(phone) == 20
    # The engine on the same file (what `python -m calculators ledger` prints).
    table, _ = read_table("t.xlsx", data)
    want = calculate("ledger", {"jurisdiction": "huaiyuan", "date": "2023-06-01", "table": table}, ParameterSet(bundle()))
    rows = phone.locator(".jz-ledger-rows tbody tr")
    got = [rows.nth(i).get_attribute("data-flags").split() for i in range(20)]
    assert got == [[f["flag"] for f in x["flags"]] for x in want["rows"]]
    # Row 3 is 户主2: 2 people, 250 元, not on 低保 → 125 < 722 → 应享未享.
    expect(phone.locator('.jz-ledger-rows tr[data-row="3"]')).to_contain_text("应享未享")
    for code, n in want["summary"].items():
        expect(phone.locator(f'.jz-flag-button[data-flag="{code}"]')).to_contain_text(f"{FLAG_TITLES[code]} {n} 户")
    # Charts: one bar per flag that occurs; the 地区 chart stacks the flags of 东村 and 西村.
    present = [c for c, n in want["summary"].items() if n]
    expect(phone.locator(".jz-chart-flags .ct-bar")).to_have_count(len(present))
    assert phone.locator(".jz-chart-places .ct-bar").count() == 2 * len(present)
    expect(phone.locator(".jz-ledger-counts")).to_contain_text("东村")
    # Filter by a flag.
    phone.click('.jz-flag-button[data-flag="unserved"]')
    shown = phone.locator(".jz-ledger-rows tbody tr")
    assert shown.count() == want["summary"]["unserved"]
    # Download the checked 台账: same flags in column I.
    with phone.expect_download() as info:
        phone.click('.jz-download[data-format="xlsx"]')
    path = tmp_path / "checked.xlsx"
    info.value.save_as(path)
    sheet = load_workbook(path)["核查结果"]
    flags = ["、".join(FLAG_TITLES[f["flag"]] for f in x["flags"]) or "未发现问题" for x in want["rows"]]
    assert [sheet.cell(row=i, column=9).value for i in range(2, 22)] == flags
    # Nothing left the browser: no request carries a body, none goes to another host, none names a household.
    host = site_url.split("/")[2]
    for r in requests:
        assert r.post_data_buffer is None, r.url
        assert r.url.split("/")[2] == host or r.url.startswith(("blob:", "data:")), r.url
        assert "户主" not in r.url and "%E6%88%B7%E4%B8%BB" not in r.url


def test_what_if_standard_checks_the_kept_file_again_and_says_so(phone, site_url):
    open_page(phone, site_url)
    phone.set_input_files("#jz-file", str(FILES / "merged-header.xlsx"))
    wait_rows(phone)
    expect(phone.locator('.jz-ledger-rows tr[data-row="6"]')).to_contain_text("低保边缘")  # 833.33 between 722 and 1083
    phone.click(".jz-what-if-form summary")
    phone.fill("#jz-stdr", "900")
    phone.press("#jz-stdr", "Tab")
    # 833.33 < 900 (假设): now 应享未享, and the result says the value is an assumption.
    expect(phone.locator('.jz-ledger-rows tr[data-row="6"]')).to_contain_text("应享未享", timeout=30_000)
    expect(phone.locator(".jz-what-if")).to_contain_text("工作人员假设的值")
    phone.fill("#jz-stdr", "abc")
    phone.press("#jz-stdr", "Tab")
    expect(phone.locator("#jz-stdr-err")).to_contain_text("金额", timeout=30_000)


def test_bad_files_get_a_message_next_to_the_file_field(phone, site_url, tmp_path):
    open_page(phone, site_url)
    for name, needle in (("picture.xlsx", "不是表格"), ("old.xls", "旧版 Excel"), ("not-a-workbook.xlsx", "打不开")):
        phone.set_input_files("#jz-file", str(FILES / name))
        expect(phone.locator("#jz-file-err")).to_contain_text(needle, timeout=120_000)
    phone.set_input_files("#jz-file", files=[{"name": "空.xlsx", "mimeType": "application/octet-stream", "buffer": b""}])
    expect(phone.locator("#jz-file-err")).to_contain_text("空的")
    # A 50 MB file is refused before it is read (nothing is sent to the worker).
    big = tmp_path / "大.xlsx"
    with big.open("wb") as f:
        f.write(b"PK\x03\x04")
        f.truncate(50 * 1024 * 1024)
    phone.set_input_files("#jz-file", str(big))
    expect(phone.locator("#jz-file-err")).to_contain_text("50 MB")
    # A good file afterwards still works (nothing broke).
    phone.set_input_files("#jz-file", str(FILES / "formulas.xlsx"))
    assert wait_rows(phone) == 2
    expect(phone.locator(".jz-cell-problems")).to_contain_text("E2 是公式")


def test_a_file_chosen_before_the_place_is_checked_once_the_place_is_chosen(phone, site_url):
    phone.goto(site_url + "calculators/ledger/")
    phone.fill("#jz-date", "2023-06-01")
    phone.set_input_files("#jz-file", str(FILES / "gbk.csv"))
    expect(phone.locator("#jz-j-err")).to_contain_text("哪个县", timeout=60_000)
    phone.select_option("#jz-j", "huaiyuan")
    assert wait_rows(phone) == 1
    expect(phone.locator('.jz-ledger-rows tr[data-row="2"]')).to_contain_text("应享未享")  # 600 ÷ 3 = 200 < 722


def test_ledger_result_and_the_income_line_have_no_serious_axe_violations(phone, site_url):
    from test_accessibility import assert_no_serious_violations

    open_page(phone, site_url)
    phone.set_input_files("#jz-file", str(FILES / "merged-header.xlsx"))
    wait_rows(phone)
    expect(phone.locator(".jz-chart-places svg")).to_be_visible()
    assert_no_serious_violations(phone)
    phone.goto(site_url + "calculators/dibao/#j=zongyang&area=rural&n=2&age1=40&wage1=500&age2=10&cur=1&std=700")
    phone.locator(".jz-line-chart summary").first.click(timeout=90_000)
    expect(phone.locator(".jz-chart-line .ct-line")).to_have_count(2, timeout=20_000)
    phone.locator(".jz-line-numbers summary").click()
    assert_no_serious_violations(phone)
