# SPDX-License-Identifier: MIT
"""What changes when a site carries a province: nav by place, indexes that stay small, cached QR codes.

Sizes and times at scale are measured by scripts/bench_build.py (docs/about/performance.md);
these tests check the behaviour that keeps them bounded.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from data.documents import Clause, PolicyPage
from pages.policy import NAV_GROUP_OVER, anchor_table, fill_nav, grouped, policy_index, policy_nav
from pages.qr import write_many

ROOT = Path(__file__).resolve().parent.parent


def fake_pages(n: int, places: int) -> dict[str, PolicyPage]:
    pages = {}
    for i in range(n):
        meta = {"doc_id": f"d-{i:04d}", "title": f"文件{i}", "short_title": f"文件{i}", "cite_title": f"《文件{i}》",
                "issuer": "某局", "jurisdiction": f"样例县{i % places:02d}", "county": f"p{i % places:02d}", "kind": "方案",
                "topics": ["低保"], "date": dt.date(2020 + i % 5, 1, 1)}
        pages[meta["doc_id"]] = PolicyPage(Path(f"docs/policies/{meta['doc_id']}.md"), meta,
                                           [Clause("s1", "一、总则", "一、", 2, 10), Clause("s2", "二、低保", "二、", 2, 12)])
    return pages


def test_few_documents_are_listed_in_the_nav_one_by_one():
    pages = fake_pages(NAV_GROUP_OVER, 3)
    assert not grouped(pages)
    assert len(policy_nav(pages)) == NAV_GROUP_OVER


def test_a_province_nav_lists_places_not_documents():
    # Every page carries the whole nav: 2,000 entries in each of 2,000 pages is what made the
    # 500-document build spend 38 s rendering navs alone (profiled); places keep it to ~100.
    pages = fake_pages(2000, 100)
    nav = policy_nav(pages, {f"p{k:02d}": f"样例县{k:02d}" for k in range(100)})
    assert len(nav) == 100
    assert nav[0] == {"样例县00": "places/p00.md"}
    config_nav = [{"首页": "index.md"}, {"政策文件": ["policies/index.md", {"旧": "policies/old.md"}]}]
    fill_nav(config_nav, pages)
    assert config_nav[1]["政策文件"][0] == "policies/index.md" and len(config_nav[1]["政策文件"]) == 101


def test_a_province_index_and_anchor_list_stay_small():
    pages = fake_pages(2000, 100)
    index = policy_index(pages)
    assert index.count("(../places/") == 100 and "共 2000 份文件，100 个地区" in index
    assert "d-0001.md" not in index  # documents are listed on their place's page
    table = anchor_table(pages)
    assert "anchors.json" in table and table.count("\n| [") == 2000  # one row per document, not per anchor
    small = anchor_table(fake_pages(3, 1))
    assert small.count("`s1`") == 3  # few documents: every anchor listed


def test_qr_codes_are_cached_by_content(tmp_path):
    cache = tmp_path / "cache"
    jobs = {tmp_path / "site" / f"{i}.svg": (f"https://example.org/policies/x/#s{i}", f"x {i}") for i in range(3)}
    assert write_many(jobs, cache) == 3
    first = {p: p.read_text(encoding="utf-8") for p in jobs}
    for p in jobs:
        p.unlink()
    assert write_many(jobs, cache) == 0  # all from the cache
    assert {p: p.read_text(encoding="utf-8") for p in jobs} == first
    assert "<svg" in first[next(iter(jobs))]


@pytest.mark.parametrize("place", ["zongyang", "changle"])
def test_place_page_lists_documents_and_prefilled_calculators(built_site, place):
    html = (built_site / "places" / place / "index.html").read_text(encoding="utf-8")
    assert f'href="../../calculators/dibao/#j={place}"' in html
    assert f'href="../../parameters/{place}/"' in html
    assert "../../policies/" in html and "不是政府网站" in html
    index = (built_site / "policies" / "index.html").read_text(encoding="utf-8")
    assert f'href="../places/{place}/"' in index


def test_post_build_runs_standalone_after_any_builder(built_site, tmp_path):
    """build/postbuild.py redoes the post-build stage on a built site (what a builder without MkDocs
    hooks, such as Zensical, would need): search index, service worker, CSP once per page."""
    import shutil
    import subprocess
    import sys

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    shutil.rmtree(site / "pagefind")
    (site / "sw.js").unlink()
    proc = subprocess.run([sys.executable, str(ROOT / "build" / "postbuild.py"), str(site), "--public-url", "https://jiuzhu.example.org/"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert (site / "pagefind" / "pagefind.js").exists() and (site / "sw.js").exists()
    html = (site / "policies" / "changle-2021-yijian" / "index.html").read_text(encoding="utf-8")
    assert html.count('http-equiv="Content-Security-Policy"') == 1
    assert (site / "policies" / "changle-2021-yijian" / "qr" / "s2-1-8.svg").exists()


def test_quick_tables_move_to_place_pages_past_a_dozen_places(built_site):
    # Few places: all tables on tables/ (links from tables/ reach the root with one ../).
    tables = (built_site / "tables" / "index.html").read_text(encoding="utf-8")
    assert 'href="../calculators/dibao/#j=changle' in tables and 'href="../../calculators' not in tables
    # Each place page carries its own tables too (links from places/<id>/ go up two levels).
    place = (built_site / "places" / "changle" / "index.html").read_text(encoding="utf-8")
    assert 'id="tables"' in place and 'href="../../calculators/dibao/#j=changle&area=urban&n=1&' in place


def test_quick_tables_index_lists_places_at_scale():
    import datetime as _dt

    from calculators.core.params import ParameterSet

    from data.compile import compile_policy_data
    from demo_project import project
    from pages import reference as reference_pages

    params = ParameterSet(compile_policy_data(project() / "policy_data", project() / "docs"))
    old = reference_pages.QUICK_TABLES_ONE_PAGE_MAX
    try:
        reference_pages.QUICK_TABLES_ONE_PAGE_MAX = 2  # the demo's four places stand in for a hundred
        text = reference_pages.quick_tables(params, _dt.date(2026, 12, 3))
    finally:
        reference_pages.QUICK_TABLES_ONE_PAGE_MAX = old
    assert "(../places/changle.md#tables)" in text and "低保金速查表" not in text
