# SPDX-License-Identifier: MIT
"""Calculator properties (hypothesis), the CLI, and the standard-library-only rule."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.api import calculate
from calculators.core.params import ParameterSet

from case_files import bundle

ROOT = Path(__file__).resolve().parent.parent
PARAMS = ParameterSet(bundle())

amounts = st.integers(min_value=0, max_value=2_000_000).map(lambda fen: f"{fen // 100}.{fen % 100:02d}")


def dibao(income: str, size: int, jurisdiction: str = "zongyang") -> dict:
    members = [{"age": 40, "wage": income}] + [{"age": 10}] * (size - 1)
    return calculate("dibao", {"jurisdiction": jurisdiction, "date": "2024-03-01", "area": "rural", "standard": "700", "members": members}, PARAMS)


@settings(max_examples=150, deadline=None)
@given(a=amounts, b=amounts, size=st.integers(1, 8))
def test_more_income_never_gives_more_dibao(a, b, size):
    low, high = sorted([a, b], key=Fraction)
    assert Fraction(dibao(high, size)["monthly_amount"]) <= Fraction(dibao(low, size)["monthly_amount"])


@settings(max_examples=150, deadline=None)
@given(a=amounts, size=st.integers(1, 8))
def test_amount_never_negative_and_per_capita_sums_back(a, size):
    r = dibao(a, size)
    assert Fraction(r["monthly_amount"]) >= 0
    # 枞阳: counted income = wage − min(30% × 700, wage); per capita × n gives it back (to the fen, per person)
    counted = Fraction(a) - min(Fraction(210), Fraction(a))
    assert abs(Fraction(r["per_capita_income"]) * size - counted) <= Fraction(size, 200)
    if r["eligible"]:
        assert abs(Fraction(r["monthly_amount"]) - (700 - Fraction(r["per_capita_income"])) * size) <= Fraction(size, 200)


@settings(max_examples=100, deadline=None)
@given(value=st.one_of(st.text(max_size=12), st.integers(-10**9, 10**12), st.none(), st.booleans(), st.floats(allow_nan=True)))
def test_any_wage_value_gives_a_result_or_a_named_field(value):
    r = calculate("dibao", {"jurisdiction": "changle", "date": "2021-12-01", "area": "urban", "members": [{"age": 40, "wage": value}]}, PARAMS)
    assert "monthly_amount" in r or r["field"] == "members[0].wage"


def test_cli_prints_steps_and_exits_2_on_bad_input(tmp_path):
    out = tmp_path / "params.json"
    out.write_text(json.dumps(bundle(), ensure_ascii=False), encoding="utf-8")
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"jurisdiction": "changle", "area": "urban", "members": [{"age": 45, "wage": "1200"}, {"age": 43}, {"age": 12}]}), encoding="utf-8")
    run = [sys.executable, "-m", "calculators", "dibao", "--input", str(case), "--date", "2021-12-01", "--params", str(out)]
    ok = subprocess.run(run, cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0 and "每月金额：1248.00" in ok.stdout  # (816 − 400) × 3
    js = subprocess.run(run + ["--json", "--set", "dibao.standard.urban=900"], cwd=ROOT, capture_output=True, text=True)
    assert json.loads(js.stdout)["monthly_amount"] == "1500.00"  # (900 − 400) × 3
    case.write_text(json.dumps({"jurisdiction": "changle", "area": "urban", "members": [{"age": -1}]}), encoding="utf-8")
    bad = subprocess.run(run, cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and "年龄" in bad.stderr and "Traceback" not in bad.stderr
    # 特困 for an ineligible person still states the floor: 潍坊's published 1160 + 220 = 1380.00, above the rule's
    # 816 × 1.3 + 1730 ÷ 10 = 1233.80 (昌乐 二、（一）2); each part is the higher of the two floors
    case.write_text(json.dumps({"jurisdiction": "changle", "area": "urban", "age": 80, "has_able_supporter": True}), encoding="utf-8")
    tk = subprocess.run([sys.executable, "-m", "calculators", "tekun", "--input", str(case), "--date", "2021-12-01", "--params", str(out)],
                        cwd=ROOT, capture_output=True, text=True)
    assert tk.returncode == 0 and "每月不低于：1380.00" in tk.stdout and "not_eligible" in tk.stdout


ALLOWED = {"__future__", "dataclasses", "datetime", "fractions", "json", "re", "typing", "functools", "unicodedata",
           "collections", "importlib", "pkgutil"}  # the last two: the programme registry finds its modules
CLI_ONLY = {"argparse", "os", "sys", "pathlib", "subprocess"}  # (subprocess: recompiling a stale bundle)
# The one exception: 台账 files. openpyxl (maintained, pure Python) is imported only when an .xlsx is read
# or written — the CLI, the template at build time, the ledger page's worker (which alone downloads it).
LEDGER_FILES = {"csv", "io", "zipfile", "openpyxl"}


def test_calculators_import_only_the_standard_library_allowlist():
    paths = list((ROOT / "calculators").rglob("*.py"))
    assert len(paths) > 15  # the sub-packages are walked too
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module.split(".")[0]]
            else:
                continue
            allowed = ALLOWED | (CLI_ONLY if path.name == "__main__.py" else set()) | (
                LEDGER_FILES if path.name == "ledger_files.py" else set())
            assert set(names) <= allowed, f"{path.name} imports {names}"


def test_screener_cli_prints_each_programme_with_clause(tmp_path):
    """python -m calculators screener: one block per programme — status, reason, clause, where to apply.
    昌乐 household of the issue: a disabled member with large medical costs and a high-school child
    (教育救助 二、（一）4, 医疗救助 二、（一）3)."""
    from case_files import bundle

    params = tmp_path / "params.json"
    params.write_text(json.dumps(bundle(), ensure_ascii=False), encoding="utf-8")
    household = tmp_path / "household.json"
    household.write_text(json.dumps({"jurisdiction": "changle", "area": "urban", "receives": "dibao", "medical_spending": "30000",
                                      "members": [{"age": 45, "disability_grade": 2, "serious_illness": True},
                                                  {"age": 16, "school": "high_school"}]}), encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-m", "calculators", "screener", "--input", str(household), "--date", "2026-12-03",
                           "--params", str(params)], capture_output=True, text=True, cwd=root)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "- 教育救助：很可能可以申请" in out and "二、（一）4" in out
    assert "- 医疗救助：可能可以申请" in out and "二、（一）3" in out
    assert "不是审批结果" in out
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"jurisdiction": "changle", "members": [{"age": 5, "school": "kindergarten"}]}), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "calculators", "screener", "--input", str(bad), "--params", str(params)],
                          capture_output=True, text=True, cwd=root)
    assert proc.returncode == 2 and "上学阶段" in (proc.stdout + proc.stderr)


def test_trace_steps_cite_values_not_names():
    import datetime as dt

    import pytest

    from calculators.core.trace import Trace

    t = Trace(PARAMS, "changle", dt.date(2022, 1, 1), {})
    with pytest.raises(TypeError):
        t.step("低保标准", cites=("dibao.standard.urban",))  # type: ignore[arg-type]
    std = t.get("dibao.standard.urban")
    assert std is not None
    t.step("低保标准", cites=(std, None))  # None: a rule the place does not have — cites nothing
    assert t.steps[-1]["clauses"] == [std.entry["clause"]] if std.entry.get("clause") else t.steps[-1]["sources"]


def test_where_to_go_gives_a_published_number_with_its_status_and_never_invents_one():
    import copy

    from calculators.tools.where_to_go import next_steps

    result = {"jurisdiction": "zongyang", "date": "2024-03-01"}
    texts = [s["text"] for s in next_steps("dibao", {"members": [{"age": "40"}]}, result, PARAMS)]
    # No number in the data: whom to ask (村（居）委会), and no telephone number other than the texts' 12345.
    assert "先问村（居）委会" in texts[0]
    assert not any(__import__("re").search(r"\d{7,}", x) for x in texts)
    # 枞阳 二、（五） names the 12345 hotline.
    assert any("12345" in x for x in texts)
    # A published number (here: a secondary source) is given with its source and its doubt.
    data = copy.deepcopy(bundle())
    data["jurisdictions"]["zongyang"]["parameters"]["contact.county_hotline"] = [
        {"from": "2021-01-01", "value": "0562-1234567", "status": "secondary",
         "source": {"title": "测试来源", "url": "https://example.org/"}}]
    steps = next_steps("dibao", {"members": [{"age": "40"}]}, result, ParameterSet(data))
    phone = [s for s in steps if "0562-1234567" in s["text"]]
    assert phone and "转载" in phone[0]["text"] and phone[0]["sources"][0]["title"] == "测试来源"


def test_every_form_option_is_a_value_of_the_vocabulary():
    from calculators.core import vocabulary as v
    from calculators.ui.forms import FORMS

    allowed = {"area": v.AREAS, "labour": v.LABOUR, "disability_grade": v.DISABILITY_GRADES, "disability_type": v.DISABILITY_TYPES,
               "school": v.SCHOOL_STAGES, "care_level": v.CARE_LEVELS, "kind": v.LINSHI_KINDS}
    checked = 0
    for form in FORMS.values():
        for f in form.fields:
            leaf = f.target.split(".")[-1]
            if f.options and leaf in allowed:
                assert {k for k, _ in f.options} - {""} <= set(allowed[leaf]), (form.name, f.key)
                checked += 1
    assert checked >= 8


def test_where_is_the_line_solves_the_texts_rule_for_the_earnings():
    # 差额: 低保金 = （标准 − 人均收入）× 人数 (《最低生活保障审核确认办法》); 怀远 2023 农村 722 元, no deduction:
    # a family of 2 with 200 元 other income qualifies while the earner's wage < 2 × 722 − 200 = 1244.
    r = calculate("dibao", {"jurisdiction": "huaiyuan", "date": "2023-06-01", "area": "rural",
                            "members": [{"age": 40, "wage": "500"}, {"age": 10}], "income": {"transfer": "200"}}, PARAMS)
    line = r["line"]
    assert line["threshold_earnings"] == "1244.00" and line["threshold_total_income"] == "1444.00"
    assert line["edge_until_earnings"] == "1966.00"  # 1.5 × 722 × 2 − 200 (national 边缘 1.5 倍)
    below = [p for p in line["points"] if Fraction(p["earnings"]) < Fraction("1244")]
    assert {p["total"] for p in below} == {"1444.00"}  # every yuan earned below the line lowers 低保金 by one
    assert all(p["benefit"] == "0.00" for p in line["points"] if Fraction(p["earnings"]) >= Fraction("1244"))
    # 枞阳 二、（一）: 就业成本 30% of the standard, at most the wage; typed standard 700 → cap 210 元:
    # threshold 2 × 700 + 210 = 1610, 边缘 1.5 × 1400 + 210 = 2310.
    r = calculate("dibao", {"jurisdiction": "zongyang", "date": "2023-06-01", "area": "rural", "standard": "700",
                            "members": [{"age": 40, "wage": "500"}, {"age": 10}], "current_recipient": "1"}, PARAMS)
    line = r["line"]
    assert (line["threshold_earnings"], line["edge_until_earnings"], line["deduction_cap"]) == ("1610.00", "2310.00", "210.00")
    assert line["phase_out"] and line["phase_out_months"] == 6
    assert r["monthly_amount"] == next(p["benefit"] for p in line["points"] if p["earnings"] == "500.00")


def test_what_if_values_are_flagged_in_the_summary_and_warnings():
    import datetime as dt

    from calculators.ui.query import run_query

    q = {"j": "huaiyuan", "area": "rural", "n": "2", "age1": "40", "wage1": "500", "age2": "10", "date": "2023-06-01",
         "wstd": "800", "wratio": "0.3"}
    r = run_query("dibao", q, PARAMS, dt.date(2026, 12, 3))
    assert r["monthly_amount"] == "1340.00"  # (800 − (500 − 240) / 2) × 2
    assert "工作人员假设的值" in r["summary"]["lines"][0] and any("假设的值 800" in w for w in r["warnings"])
    assert "工作人员假设的农村低保标准 800.00 元" in " ".join(s["text"] for s in r["steps"])
    bad = run_query("dibao", {**q, "wratio": "abc"}, PARAMS, dt.date(2026, 12, 3))
    assert bad["error"] == "input_error" and bad["key"] == "wratio"


def test_the_edge_band_shows_when_other_income_is_already_above_the_standard():
    # 怀远 2023 农村 722, 2 people, transfer 1600 + wage 500: per capita 1050 ≥ 722 but < 1083 (1.5 ×) → 边缘;
    # the 边缘 line is reached at a wage of 1.5 × 722 × 2 − 1600 = 566.
    r = calculate("dibao", {"jurisdiction": "huaiyuan", "date": "2023-06-01", "area": "rural",
                            "members": [{"age": 40, "wage": "500"}, {"age": 10}], "income": {"transfer": "1600"}}, PARAMS)
    assert r["status"] == "edge" and r["line"]["threshold_earnings"] is None and r["line"]["edge_until_earnings"] == "566.00"


@pytest.mark.parametrize(("case", "needle"), [
    ({"name": "x", "date": "2021-12-01", "input": {}, "expect": {"status": "eligible"}}, "unknown key"),  # a typo: expect
    ({"name": "x", "date": "2021-12-01", "input": {}}, "checks nothing"),
    ({"name": "x", "input": {}, "expected": {}}, "missing"),
    ({"name": "x", "date": "2021-12-01", "input": {}, "expected_error": {"error": "input_error"}, "steps_contain": ["a"]},
     "expected_error goes with"),
])
def test_the_case_runner_rejects_what_it_does_not_know(case, needle):
    """A typo in a hand-worked case must fail the run, not silently disable the case (OpenFisca's runner ignores it)."""
    from case_files import CaseFormatError, validate_case

    with pytest.raises(CaseFormatError, match=needle):
        validate_case(case, "t.yaml case 1")


def test_a_screener_expectation_about_an_unlisted_programme_fails():
    from case_files import check_case

    result = {"programmes": [{"id": "dibao", "status": "likely", "why": [], "clauses": [], "amount": None}], "steps": [], "warnings": []}
    assert check_case({"why_contain": {"educaton": ["x"]}}, result) == ["why_contain: programme educaton is not listed (have ['dibao'])"]


def test_applying_where_the_emergency_happened_is_said_as_the_text_says_it():
    """M4. 枞阳 二、（三） only “探索在急难发生地申请临时救助”: never a right (“也可以……申请”). 怀远 第3项 is a 2023 list
    past its period: the step says so. From 2024 (the 2023 低收入人口意见 四、（三）, dated conservatively) the country's
    later, broader statement — “取消户籍地、居住地申请限制” — is the one said everywhere (floor: later)."""
    from calculators.tools.where_to_go import next_steps

    def said(j: str, day: str) -> str:
        return " ".join(s["text"] for s in next_steps("linshi", {}, {"jurisdiction": j, "date": day}, PARAMS))

    zongyang, huaiyuan = said("zongyang", "2023-06-01"), said("huaiyuan", "2023-06-01")
    assert "当地文件写明“探索在急难发生地申请临时救助”" in zongyang and "问问能不能申请" in zongyang
    assert "也可以向急难发生地的乡镇（街道）申请" not in zongyang + huaiyuan
    assert "“全面开展‘非本地户籍人口’临时救助”" in huaiyuan
    assert "急难发生地" not in said("changle", "2023-06-01")  # 昌乐's text says nothing of it; the national one is later
    for j in ("zongyang", "huaiyuan", "changle"):
        now = said(j, "2026-12-05")
        assert "国家文件写明“取消户籍地、居住地申请限制" in now and "探索" not in now, (j, now)


def test_tekun_next_steps_never_give_the_dibao_time_limit():
    """M3. 特困: 《特困人员认定办法》第十三条、第十六条 (15 + 15 个工作日), or 枞阳 二、（六） (低保、特困 20 个工作日)."""
    from calculators.tools.where_to_go import next_steps

    def said(j: str, name: str) -> str:
        return " ".join(s["text"] for s in next_steps(name, {}, {"jurisdiction": j, "date": "2026-12-05"}, PARAMS))

    assert "30 个工作日" in said("changle", "dibao") and "30 个工作日" not in said("changle", "tekun")
    assert "15 个工作日内调查核实" in said("changle", "tekun") and "20 个工作日内办结" in said("zongyang", "tekun")
    cited = {c for s in next_steps("tekun", {}, {"jurisdiction": "huaiyuan", "date": "2024-05-01"}, PARAMS) for c in s["clauses"]}
    assert {"tekun-renyuan-rending-banfa#art13", "tekun-renyuan-rending-banfa#art16"} <= cited
    cited = {c for s in next_steps("tekun", {}, {"jurisdiction": "zongyang", "date": "2024-05-01"}, PARAMS) for c in s["clauses"]}
    assert "zongyang-2021-fangan#s2-6" in cited


def test_the_basic_pension_question_names_the_centrally_set_part():
    """M6. 审核确认办法第十三条第二款（三）: “‘十四五’期间，中央确定的城乡居民基本养老保险基础养老金” — the form
    says which part and that the exclusion is dated, never “填了也不会减少低保金” as a fact."""
    from calculators.ui.forms import FORMS

    field = next(f for f in FORMS["dibao"].fields if f.key == "basic_pension")
    assert "中央确定的基础养老金" in field.label and "十四五" in field.help and "不会减少" not in field.help


def test_the_cli_recompiles_when_the_data_is_newer(tmp_path):
    """Issue #21: after a data edit, `python -m calculators` must not answer from the old bundle (the walk got 1220
    from the CLI while the site said 1300). A copy of the project whose bundle is older than policy_data."""
    import os
    import time

    from demo_project import make_project

    proj = make_project(tmp_path / "proj")
    cached = proj / ".cache" / "params.json"
    cached.write_text(json.dumps(bundle()), encoding="utf-8")
    old = time.time() - 3600
    os.utime(cached, (old, old))
    request = json.dumps({"jurisdiction": "changle", "area": "urban", "members": [{"age": 45}], "date": "2021-12-01"})
    env = {**os.environ, "PYTHONPATH": str(proj)}
    env.pop("JIUZHU_PARAMS", None)
    ran = subprocess.run([sys.executable, "-m", "calculators", "dibao", "--input", "-", "--json"], cwd=proj, env=env, input=request,
                         capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    assert "正在重新编译" in ran.stderr and cached.stat().st_mtime > old + 60
    # A data error stops the CLI with the compile's message (file:line), never an answer from the old bundle.
    place = proj / "policy_data" / "jurisdictions" / "changle.yaml"
    place.write_text(place.read_text(encoding="utf-8").replace("parent: weifang", "parent: nowhere"), encoding="utf-8")
    ran = subprocess.run([sys.executable, "-m", "calculators", "dibao", "--input", "-"], cwd=proj, env=env, input=request,
                         capture_output=True, text=True)
    assert ran.returncode == 2 and "changle.yaml" in ran.stderr, ran.stderr
