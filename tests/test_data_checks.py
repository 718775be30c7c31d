# SPDX-License-Identifier: MIT
"""Data that fails loudly (issue #21): what county staff see when policy_data is wrong.

Runs on the small fictional policy_data in ``tests/fixtures/policy/`` (its README lists the places),
with the project's own ``parameters.yaml`` and ``schema.json``: a key written twice, an impossible
date, an implausible value, a paper source, errors in several files at once — each reported once,
with file, line and what to do, and nothing made up. Also which places a resident can pick.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from policy_fixture import DOCS, FIXTURE, ROOT, edit, fixture_bundle, fixture_copy, line_no, reported

from data.compile import compile_policy_data


def test_fixture_compiles():
    data = FIXTURE / "policy_data"
    for name in ("parameters.yaml", "schema.json"):
        assert not (data / name).exists()  # the contract under test is the project's own
    bundle = fixture_bundle()
    assert set(bundle["jurisdictions"]) == {"national", "fx-sheng", "fx-shi", "fx-wenjian", "fx-shuzhi", "fx-kongbai", "fx-fanben", "other"}


# --------------------------------------------------------------------------- keys written twice


def test_a_parameter_written_twice_is_refused_naming_both_lines(tmp_path):
    """Next year's standard added as a second ``dibao.standard.urban:`` would silently replace the history."""
    data = fixture_copy(tmp_path)
    path = data / "jurisdictions" / "fx-wenjian.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "  dibao.standard.urban:\n"
        "    - {from: 2025-07-01, value: \"780\", clause: fx-wenjian-banfa#s1, status: verified, checked: 2026-11-23}\n"), encoding="utf-8")
    first, second = line_no(path, "dibao.standard.urban:"), line_no(path, "dibao.standard.urban:", 2)
    errors = reported(data)
    assert errors == [
        f"jurisdictions/fx-wenjian.yaml:{second}: 参数“dibao.standard.urban”在第 {first} 行已经写过，这里又写了一遍：YAML 只保留后一个，"
        f"第 {first} 行下的数值会被悄悄丢掉。要加一个新日期的值（如明年的标准），请在第 {first} 行的“dibao.standard.urban:”下面加一个列表项"
        f"（- from: …），不要再写一遍这个参数 / duplicate key 'dibao.standard.urban' (first on line {first}): add a list item under the existing key instead"
    ]


def test_a_trailing_empty_parameters_block_is_refused(tmp_path):
    """``parameters: {}`` left from the scaffold after the real block would wipe every value."""
    data = fixture_copy(tmp_path)
    path = data / "jurisdictions" / "fx-shuzhi.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "parameters: {}\n", encoding="utf-8")
    errors = reported(data)
    first, second = line_no(path, "parameters:"), line_no(path, "parameters:", 2)
    assert len(errors) == 1
    assert errors[0].startswith(f"jurisdictions/fx-shuzhi.yaml:{second}: “parameters:”在第 {first} 行已经写过")
    assert "删掉多余的这一行" in errors[0]


def test_the_update_recipe_compiles(tmp_path):
    """README “update a standard next year”: one more list item under the existing key."""
    data = fixture_copy(tmp_path)
    path = data / "jurisdictions" / "fx-shuzhi.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "    - from: 2025-07-01\n"
        "      value: \"800\"\n"
        "      source: {title: 县民政局2025年标准通知（纸质）, publisher: 只有数值县民政局}\n"
        "      status: unverified\n"
        "      checked: 2026-11-23\n"), encoding="utf-8")
    bundle = compile_policy_data(data, DOCS)
    assert [e["value"] for e in bundle["jurisdictions"]["fx-shuzhi"]["parameters"]["dibao.standard.urban"]] == ["760", "800"]


# --------------------------------------------------------------------------- impossible dates


def test_impossible_dates_are_reported_together_with_file_line_and_field(tmp_path):
    """The command county staff run prints every impossible date (unquoted or quoted, in from, until,
    checked, a source's date, a programme) in Chinese — never a Python traceback."""
    data = fixture_copy(tmp_path)
    j = data / "jurisdictions"
    edit(j / "fx-wenjian.yaml", "- from: 2023-07-01", "- from: 2023-02-29")
    edit(j / "fx-wenjian.yaml", "      checked: 2026-11-23\n    - from: 2024-07-01", "      checked: 2026-11-31\n    - from: 2024-07-01")
    edit(j / "fx-shuzhi.yaml", "date: 2024-08-01", "date: 2024-08-32")
    edit(j / "fx-shi.yaml", "from: 2023-07-01", 'from: "2023-13-01"\n      until: 2024-04-31')
    edit(data / "programmes" / "fx-wenjian.yaml", "checked: 2026-11-23", "checked: 2026-02-29")
    proc = subprocess.run([sys.executable, "build/compile_policy.py", "--data", str(data), "--docs", str(DOCS), "--out", str(tmp_path / "p.json")],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    shown = proc.stderr.replace(f"{data}/", "")
    expected = [
        f"jurisdictions/fx-shi.yaml:{line_no(j / 'fx-shi.yaml', 'from:')}: “dibao.standard.rural 第 1 条的 from”的日期“2023-13-01”不存在：月份只能是 01—12",
        f"jurisdictions/fx-shi.yaml:{line_no(j / 'fx-shi.yaml', 'until:')}: “dibao.standard.rural 第 1 条的 until”的日期“2024-04-31”不存在：2024年4月只有 30 天",
        f"jurisdictions/fx-shuzhi.yaml:{line_no(j / 'fx-shuzhi.yaml', 'date:')}: “dibao.standard.urban 第 1 条的 source.date”的日期“2024-08-32”不存在：2024年8月只有 31 天",
        f"jurisdictions/fx-wenjian.yaml:{line_no(j / 'fx-wenjian.yaml', '2023-02-29')}: “dibao.standard.urban 第 1 条的 from”的日期“2023-02-29”不存在：2023年2月只有 28 天",
        f"jurisdictions/fx-wenjian.yaml:{line_no(j / 'fx-wenjian.yaml', '2026-11-31')}: “dibao.standard.urban 第 1 条的 checked”的日期“2026-11-31”不存在：2026年11月只有 30 天",
        f"programmes/fx-wenjian.yaml:{line_no(data / 'programmes' / 'fx-wenjian.yaml', 'checked:')}: “programmes 第 1 项的 checked”的日期“2026-02-29”不存在：2026年2月只有 28 天",
    ]
    for line in expected:
        assert shown.count(line) == 1, (line, shown)
    assert "policy_data：6 处错误" in shown


# --------------------------------------------------------------------------- plausibility


@pytest.mark.parametrize(("value", "why"), [("9120", "按年公布的要除以 12"), ("7600", "按年公布的要除以 12"), ("76", "")],
                         ids=["yearly-figure", "digit-too-many", "digit-too-few"])
def test_an_implausible_standard_is_an_error_that_says_how_to_confirm_it(tmp_path, value, why):
    data = fixture_copy(tmp_path)
    path = data / "jurisdictions" / "fx-shuzhi.yaml"
    edit(path, 'value: "760"', f'value: "{value}"')
    errors = reported(data)
    line = line_no(path, "value:")
    assert errors == [
        f"jurisdictions/fx-shuzhi.yaml:{line}: “dibao.standard.urban”（城市低保标准）的值 {value} 不在常见范围 150—2500 元/人/月内"
        + (f"（这是每月的数：{why}）" if why else "") + "。笔误请改正；核对过确实如此的，在这一条加上 plausibility_checked: \"核对的经过\" / "
        f"value {value} is outside the plausible range in policy_data/parameters.yaml; confirm a true outlier with plausibility_checked"
    ]
    # A true outlier, once checked, is entered with the reason.
    edit(path, "      status: unverified", "      plausibility_checked: 2026-11 县民政局书面确认，确为每月标准\n      status: unverified")
    assert compile_policy_data(data, DOCS)["jurisdictions"]["fx-shuzhi"]["parameters"]["dibao.standard.urban"][0]["value"] == value


def test_a_jump_from_the_previous_value_is_an_error(tmp_path):
    """700 → 1740 is within the range but +149 % from the county's previous value: a typo, not a policy."""
    data = fixture_copy(tmp_path)
    path = data / "jurisdictions" / "fx-wenjian.yaml"
    edit(path, 'value: "740"', 'value: "1740"')
    edit(path, "2024年7月起每人每月740元", "城市低保标准每人每月700元")  # keep the quote check quiet
    errors = reported(data)
    before = line_no(path, '"700"')
    assert len(errors) == 1
    assert errors[0].startswith(f"jurisdictions/fx-wenjian.yaml:{line_no(path, '1740')}: “dibao.standard.urban”（城市低保标准）"
                                f"从 700（第 {before} 行，2023-07-01 起）变为 1740，变化 +149%，超过 ±30%")
    assert "plausibility_checked" in errors[0]


def test_bounds_live_in_parameters_yaml_and_are_checked_there(tmp_path):
    data = fixture_copy(tmp_path)
    defs = data / "parameters.yaml"
    edit(defs, 'plausible: {min: "150", max: "2500", max_change: "0.30"}', 'plausible: {min: "2500", max: "150"}')
    errors = reported(data)
    line = line_no(defs, 'plausible: {min: "2500"')
    assert len(errors) == 1
    assert errors[0].startswith(f"parameters.yaml:{line}: 参数“dibao.standard.urban”的 plausible 只用于数值参数")


def test_every_plausible_bound_is_wide_enough_for_the_project_data():
    """The demo's values (four real counties from Shandong to Guizhou) pass: the bounds are for every real
    place, not a typical one. (The live data's own values: test_policy_data.test_the_live_data_compiles.)"""
    import yaml

    from demo_project import project

    definitions = yaml.safe_load((ROOT / "policy_data" / "parameters.yaml").read_text(encoding="utf-8"))
    bounded = {p for p, d in definitions.items() if d.get("plausible")}
    assert {"dibao.standard.urban", "dibao.standard.rural", "min_wage.monthly"} <= bounded
    assert all("max_change" in definitions[p]["plausible"] for p in ("dibao.standard.urban", "dibao.standard.rural", "min_wage.monthly"))
    compile_policy_data(project() / "policy_data", project() / "docs")


# --------------------------------------------------------------------------- sources


def test_a_paper_source_needs_no_url_but_a_publisher_or_a_date(tmp_path):
    from calculators.core.params import ParameterSet

    from pages.reference import jurisdiction_page

    params = ParameterSet(fixture_bundle())
    page = jurisdiction_page("fx-shuzhi", params, dt.date(2026, 12, 1))
    assert "依据：县民政局电话答复记录（示例）（只有数值县民政局）" in page  # no link, no “None”
    assert "None" not in page
    data = fixture_copy(tmp_path)
    path = data / "jurisdictions" / "fx-shuzhi.yaml"
    edit(path, "        publisher: 只有数值县民政局\n        date: 2024-08-01\n", "")
    errors = reported(data)
    assert errors == [
        f"jurisdictions/fx-shuzhi.yaml:{line_no(path, 'source:')}: 来源“parameters.dibao.standard.urban.0.source”要写发布单位（publisher）或日期（date）："
        "纸质通知写发文机关和日期，电话记录写对方单位和日期；url 没有可以不写 / a source needs a title and a publisher or a date"
    ]


# --------------------------------------------------------------------------- errors in several files


def test_errors_in_several_files_are_each_reported_once_and_nothing_false(tmp_path):
    """Code review F11: a parameters.yaml error hid everything; a place file with a schema error skipped
    its other checks and made its programme catalogue “unknown”, hiding the catalogue's own errors."""
    data = fixture_copy(tmp_path)
    j = data / "jurisdictions"
    defs = data / "parameters.yaml"
    defs.write_text(defs.read_text(encoding="utf-8") + "fx.broken:\n  label: 没写单位的参数\n  description: 测试用\n", encoding="utf-8")
    edit(j / "fx-wenjian.yaml", "level: county\n", "level: county\ncolour: red\n")  # a schema error …
    edit(j / "fx-wenjian.yaml", "quote: 城市低保标准每人每月700元", "quote: 城市低保标准每人每月790元")  # … and a wrong quote
    edit(j / "fx-shi.yaml", "name: 示例市", "name: [示例市")  # the parent of four counties cannot be read
    edit(j / "fx-kongbai.yaml", "parameters: {}", "parameters:\n  fx.broken:\n"
         "    - {from: 2024-01-01, value: anything, source: {title: 测试, date: 2024-01-01}, status: verified, checked: 2026-11-23}")
    edit(j / "fx-shuzhi.yaml", 'value: "760"', 'value: "9120"')
    edit(data / "programmes" / "fx-wenjian.yaml", "quote: 对低保家庭在校学生给予教育救助", "quote: 这句话不在条款里")
    errors = reported(data)
    expected = [
        ("jurisdictions/fx-shi.yaml", 3, "YAML 格式错误"),
        ("jurisdictions/fx-shuzhi.yaml", line_no(j / "fx-shuzhi.yaml", "9120"), "不在常见范围"),
        ("jurisdictions/fx-wenjian.yaml", 4, "未知字段“colour”"),
        ("jurisdictions/fx-wenjian.yaml", line_no(j / "fx-wenjian.yaml", "790元"), "里没有这句原文“城市低保标准每人每月790元”"),
        ("parameters.yaml", line_no(defs, "fx.broken:"), "参数“fx.broken”缺少 ['unit']"),
        ("programmes/fx-wenjian.yaml", line_no(data / "programmes" / "fx-wenjian.yaml", "quote:"), "里没有这句原文"),
    ]
    assert len(errors) == len(expected), "\n".join(errors)
    for (file, line, needle), error in zip(expected, errors, strict=True):
        assert error.startswith(f"{file}:{line}: ") and needle in error, (file, line, needle, error)
    shown = "\n".join(errors)
    for false in ("没有参数文件", "未定义的参数", "上级“fx-shi”不存在", "值必须"):
        assert false not in shown


def test_unreadable_parameters_yaml_does_not_hide_the_places_errors(tmp_path):
    data = fixture_copy(tmp_path)
    (data / "parameters.yaml").write_text("dibao.standard.urban: [unclosed\n", encoding="utf-8")
    edit(data / "jurisdictions" / "fx-wenjian.yaml", "quote: 城市低保标准每人每月700元", "quote: 城市低保标准每人每月790元")
    errors = reported(data)
    assert [e.split(": ", 1)[0] for e in errors] == ["jurisdictions/fx-wenjian.yaml:11", "parameters.yaml:2"]
    assert "未定义的参数" not in "\n".join(errors)
