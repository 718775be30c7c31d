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

from calculators.api import calculate, uses
from calculators.core.params import ParameterSet
from calculators.ui.forms import FORMS
from calculators.ui.query import run_query

from case_files import CASES, bundle, load_cases
from demo_project import DEMO, project

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
        # after the clause: a heading, or an anchored paragraph (an article's item or 款, e.g. art8-k2)
        m = re.search(rf'id="{anchor}"[^>]*>.*?</(h[1-6]|p)>\s*<p class="used-by"', page, re.S)
        assert m, f"{ref}: no 本条款用于 after the clause"


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
        if path.parent.name not in FORMS:  # the screener cites its programmes' clauses (checked by the compile)
            continue
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
    assert {p.name for p in (built_site / "parameters").iterdir() if p.is_dir()} == set(params.jurisdictions) | {"health"}
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


def _text(path) -> str:
    raw = path.read_text(encoding="utf-8")
    body = raw.split('<article', 1)[1] if "<article" in raw else raw
    return htmllib.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<script.*?</script>", "", body, flags=re.S)))


def test_cards_and_tables_never_call_a_last_known_standard_current(built_site):
    """The build date is past every standard's cycle (the data's newest is 2024-04): no card or
    table may say 现行, and each standard it prints carries its year (“2021年11月起…最近一次”)."""
    pages = sorted((built_site / "cards").glob("*/index.html")) + [built_site / "tables" / "index.html"]
    assert len(pages) >= 13
    for page in pages:
        text = _text(page)
        assert "现行" not in text, page
    changle = _text(built_site / "cards" / "changle-dibao" / "index.html")
    # 816/640 are 潍坊市's (L4: never called 昌乐县's), from 2021-11, last known.
    assert "城市 816 元、农村 640 元（潍坊市公布的，2021年11月起，本站查到的最近一次；现在的标准很可能更高）" in changle
    zongyang = _text(built_site / "cards" / "zongyang-dibao" / "index.html")
    assert "本站没有查到" in zongyang and "JZ_PUBLIC_URL" not in zongyang


def test_template_is_a_staff_example_not_a_place_to_pick(built_site):
    """The 2018–2020 范本 is published and has a parameter page, but no cards, and is not in the
    calculators' place list; its old card addresses forward to the cards index."""
    assert (built_site / "policies" / "xx-mzj-doudi-fangan" / "index.html").exists()
    assert (built_site / "parameters" / "template" / "index.html").exists()
    dibao = (built_site / "calculators" / "dibao" / "index.html").read_text(encoding="utf-8")
    assert 'value="template"' not in dibao and 'value="changle"' in dibao
    forward = (built_site / "cards" / "template-dibao" / "index.html").read_text(encoding="utf-8")
    assert "cards/" in forward
    assert "XX市" not in _text(built_site / "cards" / "index.html")


def test_health_report_lists_stale_values_expired_documents_and_gaps(built_site):
    text = _text(built_site / "parameters" / "health" / "index.html")
    # 怀远 739 from 2022-07: past its 12-month cycle; the 范本 lapsed at the end of 2020; 枞阳 has no 低保标准.
    assert re.search(r"城市低保标准\s*739\s*怀远县\s*2022-07-01\s*\d+\s*未核实\s*否：", text)
    assert "XX民政局社会救助兜底保障实施方案（范本）：期限到 2020-12-31，其规定不再适用" in text
    zongyang = text.split("枞阳县", 1)[1]
    assert "没有城市低保标准：城市家庭只能看到收入线" in zongyang


def test_compile_report_cli_prints_the_same_health(tmp_path):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "build/compile_policy.py", "--report", "--date", "2026-12-03"], cwd=project(),
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert re.search(r"非现行\s+dibao\.standard\.urban\s+816", out.stdout) and "[zongyang]" in out.stdout
    assert "缺少 dibao.standard.urban" in out.stdout.split("[zongyang]", 1)[1]


def test_calculator_explanations_take_place_rules_from_the_data(built_site):
    """The per-place rules under 怎么算的 are generated from policy_data (jz:place-rules), each with its
    clause; the Markdown pages type no place's number (they used to: 30%, 6/12 months, 1.3, 1/10 …)."""

    root = Path(__file__).resolve().parent.parent
    for name in ("dibao", "tekun", "linshi", "standard"):
        md = (root / "docs" / "calculators" / f"{name}.md").read_text(encoding="utf-8")
        assert f"<!-- jz:place-rules {name} -->" in md
        assert not re.search(r"\d+(\.\d+)?\s*(%|倍|个月)|1/10|1/6|1/3", md.split("<!-- jz:calculator")[1]), name
    dibao = (built_site / "calculators" / "dibao" / "index.html").read_text(encoding="utf-8")
    # 枞阳 二、（二）: “按当地低保标准的30%扣减”, written under 农村低保
    assert "就业成本扣减比例：30%" in dibao and 'href="../../policies/zongyang-2021-fangan/#s2-2"' in dibao
    tekun = (built_site / "calculators" / "tekun" / "index.html").read_text(encoding="utf-8")
    # 昌乐 二、（一）2: 基本生活标准不低于低保标准的1.3倍; 照料护理 1/10、1/6、1/3 of the minimum wage
    assert "1.3 倍" in tekun and "1/10" in tekun and "1/3" in tekun
    linshi = (built_site / "calculators" / "linshi" / "index.html").read_text(encoding="utf-8")
    # 昌乐 二、（一）8: 3—12倍 (重大疾病), 3—6倍 (教育)
    assert "12 倍" in linshi and "6 倍" in linshi


def _national_documents() -> list[str]:
    from data.documents import load_policy_pages

    return [d for d, p in load_policy_pages(DEMO / "docs").items() if p.meta["level"] == "national"]


def test_national_texts_apply_everywhere_and_are_not_a_place(built_site):
    """The national texts have no place page and no 明白卡 of their own (nobody picks “全国”); every county's
    place page lists them under 上级文件, with its city's and province's documents; the nav lists them under 全国."""
    national = _national_documents()
    assert len(national) >= 9
    assert not (built_site / "places" / "national").exists()
    assert not list((built_site / "cards").glob("national-*"))
    for place in ("changle", "zongyang", "zhijin", "huaiyuan"):
        higher = (built_site / "places" / place / "index.html").read_text(encoding="utf-8").split('id="higher"', 1)[1]
        assert all(f'href="../../policies/{d}/"' in higher for d in national), place
    nav = (built_site / "index.html").read_text(encoding="utf-8").split('class="md-nav md-nav--primary"', 1)[1]
    section = re.search(r"<label[^>]*>\s*<span[^>]*>\s*全国\s*</span>.*?</ul>", nav, re.S)
    assert section and all(f'href="policies/{d}/"' in section.group(0) for d in national)
    index = (built_site / "policies" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{d}/"' in index for d in national) and 'href="../places/national/"' not in index


def test_national_is_never_a_calculator_place(built_site):
    # 全国 has documents now; “其他地区” (other) already means “only the national rules”.
    for name in FORMS:
        page = (built_site / "calculators" / name / "index.html").read_text(encoding="utf-8")
        assert 'value="other"' in page and 'value="national"' not in page, name


def test_every_national_clause_is_listed_and_linked_on_the_anchor_page(built_site):
    """about/anchors/ lists each anchor of each national text with its link (an article's items and 款 too)."""
    from data.documents import load_policy_pages

    pages = load_policy_pages(DEMO / "docs")
    text = (built_site / "about" / "anchors" / "index.html").read_text(encoding="utf-8")
    for doc in _national_documents():
        for c in pages[doc].clauses:
            assert f'href="../../policies/{doc}/#{c.anchor}"' in text, f"{doc}#{c.anchor}"
    for ref in ("shehui-jiuzhu-zanxing-banfa#art11-2", "dibao-shenhe-queren-banfa#art8-k2", "dibao-shenhe-queren-banfa#art13-k2-3"):
        doc, anchor = ref.split("#")
        page = (built_site / "policies" / doc / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'<p data-cite="[^"]+" id="{anchor}">', page), ref  # the target exists on the page
