# SPDX-License-Identifier: MIT
"""台账核查: the flags worked out from the texts, awkward and bad files, the CLI and its output files.

Figures used below (policy_data; each with its clause or source):
* 怀远 2023: 农村低保标准 722 元, 城市 739 元 (2022年7月起); 低保边缘 = 1.5 × 标准 (national:
  《最低生活保障审核确认办法》 — 低保边缘家庭 “家庭人均收入低于当地低保标准1.5倍”); 单人户 for 重残/重病
  members of 边缘 families (national 单独提出申请).
* 枞阳: no 低保标准 on this site; 渐退期 一般 6 个月、最长 12 个月 (枞阳 行动方案 二、（一）).
* 昌乐 2026: 潍坊's 2021 standard (816 / 640) is only the last known one.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from calculators.api import calculate
from calculators.core.params import ParameterSet
from calculators.ui.ledger_files import MAX_BYTES, read_table, template_csv, template_xlsx, write_csv, write_xlsx

from case_files import bundle

ROOT = Path(__file__).resolve().parent.parent
FILES = Path(__file__).resolve().parent / "ledger"
PARAMS = ParameterSet(bundle())
HEADER = ["户主", "地区", "城乡", "家庭人数", "家庭月总收入", "当前待遇", "重残重病人数", "60岁以上人数"]


def run(rows: list[list], place: str = "huaiyuan", date: str = "2023-06-01", overrides: dict | None = None) -> dict:
    r = calculate("ledger", {"jurisdiction": place, "date": date, "table": [HEADER] + rows, "overrides": overrides or {}}, PARAMS)
    assert "error" not in r, r
    return r


def flags(r: dict) -> list[list[str]]:
    return [[f["flag"] for f in x["flags"]] for x in r["rows"]]


def test_the_four_flags_in_huaiyuan_2023():
    r = run([
        ["张三", "东村", "农村", "3", "900", "无", "0", "1"],     # 300 < 722 → 应享未享
        ["李四", "东村", "农村", "2", "3000", "低保", "0", "0"],  # 1500 ≥ 722 while on 低保 → 复核
        ["王五", "西村", "农村", "3", "2500", "无", "1", "0"],    # 833.33: 722 ≤ x < 1083 → 边缘; 1 重残 → 单人保
        ["赵六", "西村", "城市", "2", "1400", "无", "0", "0"],    # 700 < 739 (城市) → 应享未享
        ["钱七", "西村", "农村", "2", "2200", "无", "1", "0"],    # 1100 ≥ 1083: not 边缘, but see below
    ])
    # 钱七: the 2022 national notice 一、（一） (“成年无业重度残疾人可以参照‘单人户’提出低保申请”) is not limited to
    # 边缘 families; the 台账 counts 重残重病 without saying which, so the flag asks staff to check (成年、无业、重残).
    assert flags(r) == [["unserved"], ["review"], ["edge", "single"], ["unserved"], ["single"]]
    assert "请核实是否成年、无业、重度残疾" in r["rows"][4]["flags"][0]["reason"]
    assert r["rows"][2]["per_capita"] == "833.33" and "1083.00" in r["rows"][2]["flags"][0]["reason"]
    assert "739.00" in r["rows"][3]["flags"][0]["reason"]
    assert r["summary"]["unserved"] == 2 and r["by_place"]["西村"]["edge"] == 1
    assert "未扣减就业成本" in r["rows"][0]["flags"][0]["reason"]  # a 台账 has no wages: said every time


def test_edge_family_of_one_is_not_a_single_person_candidate():
    # 单人户 is for a member applying apart from the family: a household of one already is one.
    assert flags(run([["甲", "", "农村", "1", "900", "无", "1", "0"]])) == [["edge"]]


def test_phase_out_where_the_place_has_one_and_no_standard_gives_the_income_line():
    r = run([["甲", "", "农村", "2", "3000", "低保", "0", "0"]], place="zongyang", date="2024-03-01")
    assert flags(r) == [["no_standard"]] and "1500.00" in r["rows"][0]["flags"][0]["reason"]
    # Staff supply the standard (what-if): 1500 ≥ 800 → 复核, with 枞阳's 渐退期 (一般 6 个月).
    r = run([["甲", "", "农村", "2", "3000", "低保", "0", "0"]], place="zongyang", date="2024-03-01",
            overrides={"dibao.standard.rural": "800"})
    assert flags(r) == [["review"]]
    reason = r["rows"][0]["flags"][0]["reason"]
    # 枞阳 二、（二）: “可给予6个月的渐退期，最多不超过12个月” — both lengths, and “可以”, never “不是马上停发” (L1).
    assert "假设的农村低保标准 800.00 元" in reason and "渐退期（一般 6 个月，最长不超过 12 个月）" in reason
    assert "不是马上停发" not in reason and "可以给予" in reason
    assert r["what_if"] == [{"id": "dibao.standard.rural", "label": PARAMS.definitions["dibao.standard.rural"]["label"], "value": "800"}]


def test_a_last_known_standard_is_never_called_current():
    r = run([["甲", "", "农村", "1", "500", "无", "0", "1"]], place="changle", date="2026-12-03")
    reason = r["rows"][0]["flags"][0]["reason"]
    assert "640.00" in reason and "本站查到的最近一次" in reason and "现在的标准很可能已经提高" in reason


def test_an_old_standard_never_raises_review_and_is_counted_apart():
    """H1. 怀远's 2022 standards (722 rural / 739 urban) are only the last known ones in 2026. By the county's own
    rule (农村 +4.5 %, 城市 +7 % a year) today's are at least 861 / 969, so a recipient at 800 per head is not a
    case for 复核, and a non-recipient at 800 may well be 应享未享: both are ``stale``, said with the line."""
    r = run([["李二", "", "农村", "2", "1600", "低保", "0", "0"],   # 800 ≥ 722 (2022): on 低保
             ["王三", "", "城市", "2", "1600", "无", "1", "0"],     # 800 ≥ 739 (2022), < 1108.50: 边缘 by the old one
             ["张四", "", "农村", "2", "1000", "无", "0", "0"]],    # 500 < 722: below the old, below today's too
            date="2026-12-05")
    assert flags(r) == [["stale"], ["stale", "single"], ["unserved"]]
    li, wang = r["rows"][0]["flags"][0], r["rows"][1]["flags"][0]
    for f in (li, wang):
        assert f["basis"] == "last_known" and "复核" not in f["reason"]
        assert "按2022年7月起的" in f["reason"] and "当地现在的标准高于 800.00 元时，就符合低保的收入条件" in f["reason"]
    assert "不要按旧标准作出退出决定" in li["reason"] and "应享未享" in wang["reason"]
    assert r["summary"]["review"] == 0 and r["summary"]["stale"] == 2 and r["summary"]["unserved"] == 1
    # With today's standard typed in (a what-if), the same recipient is a finding on that standard.
    typed = run([["李二", "", "农村", "2", "1600", "低保", "0", "0"]], date="2026-12-05", overrides={"dibao.standard.rural": "780"})
    assert flags(typed) == [["review"]] and typed["rows"][0]["flags"][0]["basis"] == "assumed"


def test_tekun_is_judged_on_the_persons_own_income():
    """L2. 《特困人员认定办法》第六条: 无生活来源 = the person's income below the 低保 standard. A 特困 row of one is
    judged (900 ≥ 722); a 特困 row of two gives household income only, so it is not judged."""
    r = run([["甲", "", "农村", "1", "900", "特困", "0", "1"], ["乙", "", "农村", "2", "1600", "特困", "0", "1"]])
    assert flags(r) == [["review"], []]
    assert "本人收入低于当地低保标准" in r["rows"][0]["flags"][0]["reason"]


def test_a_what_if_standard_applies_to_the_tables_own_county_only():
    """L3. A what-if for 怀远 is not applied to a 昌乐 row of a mixed 台账."""
    r = run([["甲", "怀远县东村", "农村", "2", "1500", "无", "0", "0"], ["乙", "昌乐县宝城街道", "农村", "2", "1500", "无", "0", "0"]],
            overrides={"dibao.standard.rural": "800"})
    assert r["rows"][0]["flags"][0]["basis"] == "assumed" and r["rows"][1]["standard"] == "640.00"
    assert any("假设值只用于怀远县的行" in w for w in r["warnings"])


def test_duplicates_by_id_number_whatever_the_name():
    """L3 / 怀远 第9项 “重复享受”: the same 身份证号 on two rows is a possible duplicate, even under two names."""
    table = [HEADER + ["身份证号"], ["甲", "东村", "农村", "2", "900", "低保", "0", "0", "340321195001011234"],
             ["甲乙", "西村", "农村", "2", "900", "低保", "0", "0", "340321 19500101 1234"]]
    r = calculate("ledger", {"jurisdiction": "huaiyuan", "date": "2023-06-01", "table": table}, PARAMS)
    assert flags(r) == [["duplicate"], ["duplicate"]] and "340321195001011234" in r["rows"][0]["flags"][0]["reason"]


def test_column_variants_full_width_digits_and_chinese_counts():
    table = [["姓名", "所在地", "城乡类别", "人口数", "月收入", "救助类别"],
             ["甲", "东村", "农", "３", "９００元", "未享受"], ["乙", "东村", "农村", "两", "1,600", "五保"]]
    r = calculate("ledger", {"jurisdiction": "huaiyuan", "date": "2023-06-01", "table": table}, PARAMS)
    # 乙 (五保 = 特困) is a household of two: 特困 tests the person's own income (第六条), not judged from a total.
    assert flags(r) == [["unserved"], []] and r["rows"][1]["per_capita"] == "800.00"
    assert r["missing_columns"] == []


def test_each_bad_cell_is_named_and_the_rest_still_checked():
    r = run([["甲", "", "农村", "三口", "abc", "低保户", "", ""], ["乙", "", "城乡", "2", "100", "", "0", "0"],
             ["丙", "", "农村", "2", "100", "无", "0", "0"]])
    assert "“家庭月总收入”写的是“abc”" in r["rows"][0]["flags"][0]["reason"]
    assert "“城乡”写的是“城乡”" in r["rows"][1]["flags"][0]["reason"]
    assert r["rows"][0]["row"] == 2 and flags(r)[2] == ["unserved"]


@pytest.mark.parametrize(("table", "needle"), [
    ([], "空的"),
    ([["", ""], ["", None]], "空的"),
    ([["a", "b", "c"], ["1", "2", "3"]], "没有找到表头"),
    ([HEADER], "没有数据行"),
])
def test_tables_that_cannot_be_checked_say_why(table, needle):
    r = calculate("ledger", {"jurisdiction": "huaiyuan", "date": "2023-06-01", "table": table}, PARAMS)
    assert r["error"] == "input_error" and needle in r["message"]


def test_bad_what_if_values_are_refused_in_chinese():
    for value in ("abc", "-5", "0"):
        r = calculate("ledger", {"jurisdiction": "huaiyuan", "date": "2023-06-01", "table": [HEADER], "overrides": {"dibao.standard.rural": value}}, PARAMS)
        assert r["error"] == "input_error" and "金额" in r["message"] and r["field"] == "overrides.dibao.standard.rural"


@pytest.mark.parametrize(("name", "needle"), [
    ("empty.xlsx", "空的"),
    ("picture.xlsx", "不是表格"),
    ("old.xls", "旧版 Excel"),
    ("not-a-workbook.xlsx", "打不开"),
])
def test_bad_files_get_a_clear_message(name, needle):
    from calculators.core.errors import InputError

    with pytest.raises(InputError) as info:
        read_table(name, (FILES / name).read_bytes())
    assert needle in info.value.message


def test_a_50_mb_file_is_refused_before_it_is_read():
    from calculators.core.errors import InputError

    with pytest.raises(InputError) as info:
        read_table("big.xlsx", b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024))
    assert "太大" in info.value.message and "50 MB" in info.value.message
    assert MAX_BYTES < 50 * 1024 * 1024


def test_formulas_without_saved_results_are_reported_by_cell():
    table, problems = read_table("formulas.xlsx", (FILES / "formulas.xlsx").read_bytes())
    assert [p["row"] for p in problems] == [2] and problems[0]["column"] == "E" and "E2 是公式" in problems[0]["message"]
    r = calculate("ledger", {"jurisdiction": "huaiyuan", "date": "2023-06-01", "table": table}, PARAMS)
    assert flags(r) == [["missing"], ["review"]]


def test_merged_headers_and_merged_village_cells():
    table, problems = read_table("merged-header.xlsx", (FILES / "merged-header.xlsx").read_bytes())
    r = calculate("ledger", {"jurisdiction": "huaiyuan", "date": "2023-06-01", "table": table}, PARAMS)
    assert r["header_row"] == 3 and not problems
    assert [x["place_text"] for x in r["rows"]] == ["东村", "东村", "东村", "西村"]  # B4:B6 merged
    assert flags(r) == [["unserved"], ["review"], ["edge", "single"], ["missing"]]
    assert r["rows"][3]["row"] == 7


def test_gb18030_csv_from_excel():
    table, _ = read_table("gbk.csv", (FILES / "gbk.csv").read_bytes())
    r = calculate("ledger", {"jurisdiction": "huaiyuan", "date": "2023-06-01", "table": table}, PARAMS)
    assert r["rows"][0]["head"] == "庚" and r["rows"][0]["per_capita"] == "200.00" and flags(r) == [["unserved"]]


def test_template_read_back_and_a_place_named_in_the_column():
    table, _ = read_table("模板.xlsx", template_xlsx())
    assert table[0] == HEADER
    assert template_csv().decode("utf-8-sig").strip() == ",".join(HEADER)
    # No place chosen: the county named in 地区 decides.
    r = calculate("ledger", {"date": "2023-06-01", "table": [HEADER, ["甲", "怀远县城关镇东村", "农村", "3", "900", "无", "0", "0"]]}, PARAMS)
    assert r["jurisdiction"] == "huaiyuan" and flags(r) == [["unserved"]]
    r = calculate("ledger", {"date": "2023-06-01", "table": [HEADER, ["甲", "东村", "农村", "3", "900", "无", "0", "0"]]}, PARAMS)
    assert r["error"] == "input_error" and "哪个县" in r["message"]


def twenty_households() -> bytes:
    book = load_workbook(io.BytesIO(template_xlsx()))
    ws = book["台账"]
    for i in range(20):
        ws.append([f"户主{i + 1}", "东村" if i % 2 else "西村", "农村", 1 + i % 4, 250 * i, "低保" if i % 3 == 0 else "无", i % 5 == 0, 0])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_cli_one_line_per_household_and_the_checked_ledger_written(tmp_path):
    src = tmp_path / "台账.xlsx"
    src.write_bytes(twenty_households())
    params = tmp_path / "params.json"
    params.write_text(json.dumps(bundle(), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "checked.xlsx"
    proc = subprocess.run([sys.executable, "-m", "calculators", "ledger", "--input", str(src), "--place", "huaiyuan",
                           "--date", "2023-06-01", "--params", str(params), "--output", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    lines = [x for x in proc.stdout.splitlines() if x.startswith("第")]
    assert len(lines) == 20 and lines[0].startswith("第2行 户主1：") and "应享未享" in lines[1]
    sheet = load_workbook(out)["核查结果"]
    head = [c.value for c in sheet[1]]
    assert head[:8] == HEADER and head[8] == "核查标记"
    # Same flags as the engine (which the page's worker runs).
    table, _ = read_table("台账.xlsx", src.read_bytes())
    r = calculate("ledger", {"jurisdiction": "huaiyuan", "date": "2023-06-01", "table": table}, PARAMS)
    from calculators.tools.ledger import FLAG_TITLES
    want = ["、".join(FLAG_TITLES[f] for f in row) or "未发现问题" for row in flags(r)]
    assert [sheet.cell(row=i, column=9).value for i in range(2, 22)] == want
    # CSV output opens in Excel (BOM) and carries the same column.
    csv_out = tmp_path / "checked.csv"
    subprocess.run([sys.executable, "-m", "calculators", "ledger", "--input", str(src), "--place", "huaiyuan", "--date", "2023-06-01",
                    "--params", str(params), "--output", str(csv_out), "--set", "dibao.standard.rural=1000"], check=True, cwd=ROOT,
                   capture_output=True)
    text = csv_out.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf") and "核查标记" in text.decode("utf-8-sig")
    assert "假设的农村低保标准 1000.00 元" in text.decode("utf-8-sig")


def test_cli_bad_file_exits_2_with_the_message(tmp_path):
    params = tmp_path / "params.json"
    params.write_text(json.dumps(bundle(), ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "calculators", "ledger", "--input", str(FILES / "old.xls"), "--place", "huaiyuan",
                           "--params", str(params)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and "另存为" in proc.stderr


def test_written_files_round_trip():
    table = [HEADER, ["甲", "东村", "农村", "3", "900", "无", "0", "0"]]
    r = run(table[1:])
    book = load_workbook(io.BytesIO(write_xlsx(table, r)))
    assert book.sheetnames == ["核查结果", "说明"] and book["核查结果"]["I2"].value == "应享未享"
    assert any(row[0].value == "说明" for row in book["说明"].iter_rows())
    assert "应享未享" in write_csv(table, r).decode("utf-8-sig")


def test_the_same_head_twice_in_one_village_is_a_possible_duplicate():
    # 怀远 第9项: “应享未享、重复享受、违规享受” 专项整治.
    r = run([["张三", "东村", "农村", "3", "900", "低保", "0", "0"], ["张三", "东村", "农村", "3", "900", "低保", "0", "0"],
             ["张三", "西村", "农村", "3", "900", "低保", "0", "0"]])
    assert flags(r) == [["duplicate"], ["duplicate"], []]
    assert "第 3 行" in r["rows"][0]["flags"][0]["reason"] and r["summary"]["duplicate"] == 2


def test_a_standard_from_a_notice_is_cited_by_its_source_and_its_doubt_said():
    # 怀远's 2022 standards come from a county web page (policy_data source, status unverified: the page's
    # title and text disagree on the year), not from a clause of our documents.
    r = run([["甲", "", "农村", "3", "900", "无", "0", "0"]])
    f = r["rows"][0]["flags"][0]
    assert f["clauses"] == [] and len(f["sources"]) == 1 and f["sources"][0]["title"]
    assert "本站还没有核实" in f["reason"]
    assert any("农村低保标准" in w and "还没有核实" in w for w in r["warnings"])


def test_review_findings_headers_totals_and_missing_columns():
    # Units in headers, an unrelated “类别” column, a 合计 row, “无” in a count column.
    table = [["户主", "类别", "城乡", "家庭人数（人）", "家庭月总收入（元）", "当前待遇", "重残重病人数", "60岁以上人数"],
             ["甲", "A类", "农村", "3", "900", "无", "无", "0"], ["合计", "", "农村", "3", "900", "", "", ""]]
    r = calculate("ledger", {"jurisdiction": "huaiyuan", "date": "2023-06-01", "table": table}, PARAMS)
    assert r["columns"]["城乡"] == "C" and flags(r) == [["unserved"]] and r["households"] == 1
    # No 当前待遇 column: nobody is called 应享未享 (it cannot be told from 可能不再符合).
    table = [["户主", "城乡", "家庭人数", "家庭月总收入"], ["甲", "农村", "3", "900"]]
    r = calculate("ledger", {"jurisdiction": "huaiyuan", "date": "2023-06-01", "table": table}, PARAMS)
    assert flags(r) == [["missing"]] and "当前待遇" in r["rows"][0]["flags"][0]["reason"] and "当前待遇" in r["missing_columns"]
    # Formatted empty rows at the end do not count towards the row limit.
    r = calculate("ledger", {"jurisdiction": "huaiyuan", "date": "2023-06-01",
                             "table": [HEADER, ["甲", "", "农村", "3", "900", "无", "0", "0"]] + [[None] * 8] * 20_500}, PARAMS)
    assert r["households"] == 1


def test_a_rule_switched_off_by_a_what_if_is_off():
    # 单人户 switched off (what-if false): an 边缘 family with a 重残 member is no longer a 单人保 candidate.
    rows = [["王五", "西村", "农村", "3", "2500", "无", "1", "0"]]
    assert flags(run(rows)) == [["edge", "single"]]
    assert flags(run(rows, overrides={"dibao.single_person_household": "false"})) == [["edge"]]
    r = calculate("ledger", {"jurisdiction": "huaiyuan", "date": "2023-06-01", "table": [HEADER] + rows,
                             "overrides": {"dibao.edge_multiple": "1/0"}}, PARAMS)
    assert r["error"] == "input_error" and r["field"] == "overrides.dibao.edge_multiple"


def test_written_cells_are_text_not_formulas_and_control_characters_go():
    table = [HEADER, ["=HYPERLINK(\"http://x\")", "东\x01村", "农村", "3", "900", "无", "0", "0"]]
    r = run(table[1:])
    book = load_workbook(io.BytesIO(write_xlsx(table, r)))
    assert book["核查结果"]["A2"].value == "'=HYPERLINK(\"http://x\")" and book["核查结果"]["B2"].value == "东村"
    assert "'=HYPERLINK" in write_csv(table, r).decode("utf-8-sig")


def test_a_cover_sheet_first_and_a_utf16_csv():
    book = load_workbook(io.BytesIO(template_xlsx()))
    cover = book.create_sheet("封面", 0)
    cover["A1"], cover["B2"] = "城关镇困难群众台账", "2023年"
    book["台账"].append(["甲", "东村", "农村", 3, 900, "无", 0, 0])
    out = io.BytesIO()
    book.save(out)
    table, _ = read_table("t.xlsx", out.getvalue())
    assert table[0] == HEADER and table[1][0] == "甲"
    text = "\t".join(HEADER) + "\r\n" + "\t".join(["乙", "东村", "农村", "2", "100", "无", "0", "0"]) + "\r\n"
    table, _ = read_table("t.txt", text.encode("utf-16"))
    assert table[1][0] == "乙"
