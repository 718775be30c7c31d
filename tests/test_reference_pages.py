# SPDX-License-Identifier: MIT
"""Staff kit, static checks on the built site: backlinks complete and not dangling,
calculator metadata complete, parameter pages mark unverified values."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from calculators.api import calculate
from calculators.forms import FORMS, run_query, uses
from calculators.params import ParameterSet
from case_files import CASES, bundle, load_cases

RE_ID = re.compile(r'\bid="([^"]+)"')


def _resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    u = urlparse(href)
    target = (page.parent / u.path).resolve()
    if target.is_dir() or u.path.endswith("/"):
        target = target / "index.html"
    return target, u.fragment


def test_every_cited_clause_shows_its_backlinks(built_site):
    params = ParameterSet(bundle())
    cited = {e["clause"] for j in params.jurisdictions.values() for es in j["parameters"].values() for e in es if e.get("clause")}
    cited |= {c for name in FORMS for c in uses(name)[1]}
    assert len(cited) >= 15
    for ref in sorted(cited):
        doc, anchor = ref.split("#")
        page = (built_site / "policies" / doc / "index.html").read_text(encoding="utf-8")
        m = re.search(rf'id="{anchor}"[^>]*>.*?</h[1-6]>\s*<p class="used-by"', page, re.S)
        assert m, f"{ref}: no 本条款用于 after the heading"


def test_backlinks_are_not_dangling(built_site):
    count = 0
    for page in (built_site / "policies").glob("*/index.html"):
        text = page.read_text(encoding="utf-8")
        for block in re.findall(r'<p class="used-by".*?</p>', text, re.S):
            for href in re.findall(r'href="([^"]+)"', block):
                target, anchor = _resolve(built_site, page, htmllib.unescape(href))
                assert target.exists(), href
                if anchor:
                    assert anchor in RE_ID.findall(target.read_text(encoding="utf-8")), href
                count += 1
    assert count >= 40


def _all_runs():
    params = ParameterSet(bundle())
    for path in sorted(CASES.glob("*/*.yaml")):
        for case in load_cases(path):
            yield path.parent.name, calculate(path.parent.name, {**case["input"], "date": case["date"]}, params)
    for j in ("changle", "zongyang", "zhijin", "huaiyuan", "template", "other"):
        q = {"j": j, "area": "rural", "n": "2", "age1": "70", "age2": "30", "wage2": "800", "std": "600", "cur": "1",
             "date": "2024-06-01", "kind": "illness", "persons": "2", "stdu": "800", "minwage": "1700", "age": "70",
             "ucons": "20000", "rcons": "12000", "ustd": "700", "rstd": "600"}
        for name in FORMS:
            yield name, run_query(name, q, params, dt.date(2026, 11, 23))


def test_calculator_metadata_lists_every_parameter_and_clause_used():
    """``uses()`` feeds the backlinks: it must cover what results actually show."""
    params = ParameterSet(bundle())
    seen = 0
    for name, result in _all_runs():
        if "error" in result:
            continue
        declared, direct = uses(name)
        shown = {p["id"] for p in result["parameters"]}
        assert shown <= set(declared), (name, shown - set(declared))
        allowed = set(direct) | {
            e["clause"] for j in params.jurisdictions.values() for p in declared for e in j["parameters"].get(p, []) if e.get("clause")
        }
        cited = {c for s in result["steps"] for c in s["clauses"]} | {c for s in result.get("next_steps", []) for c in s["clauses"]}
        assert cited <= allowed, (name, cited - allowed)
        seen += 1
    assert seen >= 50


def test_parameter_pages_mark_unverified_values(built_site):
    params = ParameterSet(bundle())
    assert {p.name for p in (built_site / "parameters").iterdir() if p.is_dir()} == set(params.jurisdictions)
    text = (built_site / "parameters" / "huaiyuan" / "index.html").read_text(encoding="utf-8")
    # 怀远 2022-07 standards are unverified (the page's date is ambiguous): the line says so.
    line = re.search(r"2022-07-01 起：<strong>739 元/人/月</strong>[^<]*", text)
    assert line and "未核实 ⚠" in line.group(0)
    table = (built_site / "parameters" / "index.html").read_text(encoding="utf-8")
    assert "739 元/人/月 ⚠" in table


@pytest.mark.parametrize("j,area,pc,n", [("changle", "urban", 400, 3), ("huaiyuan", "rural", 200, 2), ("changle", "rural", 0, 1)])
def test_quick_table_cells_link_to_the_same_answer(built_site, j, area, pc, n):
    """Each cell links to the prefilled calculator for the same household (checked in the
    browser in tests/browser/test_calculator_pages.py); here: the cell equals the engine."""
    page = (built_site / "tables" / "index.html").read_text(encoding="utf-8")
    section = page.split(f'id="dibao-{j}-{area}"', 1)[1].split("<h3", 1)[0]
    row = re.search(rf"<tr>\s*<td[^>]*>{pc}</td>(.*?)</tr>", section, re.S)
    assert row, (j, area, pc)
    cells = re.findall(r'<a href="([^"]+)">([\d.]+)</a>', row.group(1))
    href, amount = cells[n - 1]
    assert f"n={n}" in href and f"j={j}" in href
    date = re.search(r"date=([\d-]+)", href)
    params = ParameterSet(bundle())
    on = date.group(1) if date else dt.date.today().isoformat()
    r = calculate("dibao", {"jurisdiction": j, "area": area, "date": on, "members": [{"age": 40}] * n, "income": {"other": str(pc * n)}}, params)
    assert r["monthly_amount"] == amount
