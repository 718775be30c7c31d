# SPDX-License-Identifier: MIT
"""A site of one's own from a clone (issue #21, deployment walk Task 5 and problems 6, 7): ``build/new_site.py``
removes the demo content listed in ``policy_data/demo.yaml`` and resets the locks; the hand-written pages take
their examples from the data; and after it, with a county of its own, the site builds strictly and the unit
tests still pass (they run on the frozen demo content, tests/fixtures/demo/).

Each test works on a copy (``demo_project.make_project``): the repository is never changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from calculators.core.params import ParameterSet

from case_files import bundle
from data.documents import load_policy_pages
from demo_project import DEMO, make_project
from ingest.new_site import make_plan
from pages.examples import anchor_example, green_channel_line, link_examples

DEMO_PAGES = load_policy_pages(DEMO / "docs")
NATIONAL = sorted(d for d, p in DEMO_PAGES.items() if p.meta["level"] == "national")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(proj: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=proj, capture_output=True, text=True, env=ENV)


# --------------------------------------------------------------------------- the examples in hand-written pages


def test_the_green_channel_line_links_the_clause_the_data_cites():
    """Home page: 枞阳 二、（五） (“为60周岁以上的老年人、重度残疾人…开通绿色通道”) is cited by zongyang.yaml's
    service.green_channel; the line links it. A site whose places cite no such clause has no line."""
    params = ParameterSet(bundle())
    line = green_channel_line(params, DEMO_PAGES)
    assert line == "- 60 周岁以上老人、重度残疾人等，部分地区开通了**绿色通道**（见[枞阳县行动方案二、（五）](policies/zongyang-2021-fangan.md#s2-5)）。"
    without = {**bundle(), "jurisdictions": {j: d for j, d in bundle()["jurisdictions"].items() if j != "zongyang"}}
    assert green_channel_line(ParameterSet(without), DEMO_PAGES) == ""


def test_campaign_link_examples_use_the_first_place_offered():
    assert "`calculators/dibao/#j=changle&area=urban&n=3" in link_examples(ParameterSet(bundle()))  # 昌乐 comes first (by id)
    national_only = {**bundle(), "jurisdictions": {j: d for j, d in bundle()["jurisdictions"].items() if j in ("national", "other")}}
    text = link_examples(ParameterSet(national_only))
    assert "`calculators/linshi/#j=other&kind=illness`" in text and "其他地区城市三口之家" in text


def test_the_anchor_example_is_a_clause_that_exists():
    text = anchor_example(DEMO_PAGES)
    doc, anchor = text.split("    policies/", 1)[1].split("\n", 1)[0].split("/#")
    assert DEMO_PAGES[doc].clause(anchor) is not None and f"`{doc}#{anchor}`" in text
    national = anchor_example({d: DEMO_PAGES[d] for d in NATIONAL})
    assert any(f"policies/{d}/#" in national for d in NATIONAL)
    assert anchor_example({}) == "本站还没有收录文件；收录以后，这里举一个例子。"


def test_the_built_pages_show_the_generated_examples(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<a href="policies/zongyang-2021-fangan/#s2-5">枞阳县行动方案二、（五）</a>' in home
    links = (built_site / "calculators" / "links" / "index.html").read_text(encoding="utf-8")
    assert "昌乐县城市三口之家" in links and "calculators/dibao/#j=changle&amp;area=urban" in links


def test_hand_written_pages_name_no_document_or_place():
    """docs/ pages other than the documents are the project's, on every site: they link a document only through a
    marker — or a national one, which every site keeps — and name no county."""
    import re

    demo_places = yaml.safe_load((DEMO / "policy_data" / "demo.yaml").read_text(encoding="utf-8"))["places"]
    county_docs = sorted(d for d, p in DEMO_PAGES.items() if p.meta["level"] != "national")
    pattern = re.compile(r"(?<![a-z0-9-])(" + "|".join(county_docs + demo_places) + r")(?![a-z0-9-])")
    root = Path(__file__).resolve().parent.parent / "docs"
    for page in root.rglob("*.md"):
        if page.parent.name == "policies" and page.name != "index.md":
            continue
        found = pattern.findall(page.read_text(encoding="utf-8"))
        assert not found, f"{page.relative_to(root)} names {sorted(set(found))}"


# --------------------------------------------------------------------------- what new_site removes, and when it refuses


def test_the_plan_removes_the_demo_and_keeps_the_national_layer(tmp_path):
    proj = make_project(tmp_path / "proj")
    plan = make_plan(proj)
    assert plan.blockers == [] and plan.refusals == []
    removed = {p.relative_to(proj).as_posix() for p in plan.remove}
    # 枞阳's page, its source as received and its overrides; a city's programme catalogue (蚌埠); a province (安徽).
    assert {"docs/policies/zongyang-2021-fangan.md", "tests/sources/000_3004e79dbbb16613.txt", "tests/sources/zongyang-2021-fangan.yaml",
            "policy_data/programmes/bengbu.yaml", "policy_data/jurisdictions/anhui.yaml", "policy_data/demo.yaml"} <= removed
    assert plan.documents == ["changle-2021-yijian", "huaiyuan-2023-qingdan", "xx-mzj-doudi-fangan", "zhijin-2023-fengong", "zongyang-2021-fangan"]
    kept = {"policy_data/jurisdictions/national.yaml", "policy_data/jurisdictions/other.yaml", "policy_data/programmes/national.yaml",
            "policy_data/pending_documents.yaml", "policy_data/parameters.yaml"} | {f"docs/policies/{d}.md" for d in NATIONAL}
    assert not kept & removed and all((proj / k).exists() for k in kept)
    assert len(NATIONAL) == 9


def test_it_refuses_a_site_with_content_of_its_own_unless_forced(tmp_path):
    proj = make_project(tmp_path / "proj")
    run(proj, "build/add_jurisdiction.py", "fx-xian", "--name", "某某县", "--parent", "national", "--no-lock")
    p = run(proj, "build/new_site.py", "--no-build")
    assert p.returncode == 2 and "fx-xian" in p.stderr and "--force" in p.stderr
    assert (proj / "policy_data" / "demo.yaml").exists()  # nothing removed
    p = run(proj, "build/new_site.py", "--no-build", "--force")
    assert p.returncode == 0, p.stderr
    assert not (proj / "policy_data" / "demo.yaml").exists() and (proj / "policy_data" / "jurisdictions" / "fx-xian.yaml").exists()


def test_it_refuses_locks_that_record_more_than_the_demo(tmp_path):
    """A published place or document the demo does not explain (a place page moved away, a document no longer
    there): the site may have been published, and a reset would break links people have. The project's own
    page moves (about/, calculators/ …) are not content of a site's own."""
    proj = make_project(tmp_path / "proj")
    lock = proj / "build" / "pages.lock.json"
    data = json.loads(lock.read_text(encoding="utf-8"))
    data["redirects"]["about/old/"] = "about/"
    lock.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert make_plan(proj).refusals == []
    data["redirects"]["places/oldcounty/"] = "policies/"
    lock.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert any("/places/oldcounty/" in r for r in make_plan(proj).refusals)
    data["redirects"].pop("places/oldcounty/")
    lock.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    anchors = proj / "build" / "anchors.lock.json"
    data = json.loads(anchors.read_text(encoding="utf-8"))
    data["documents"]["oldcounty-2020-banfa"] = ["s1"]
    anchors.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert any("oldcounty-2020-banfa" in r for r in make_plan(proj).refusals)


def test_it_never_removes_what_a_remaining_file_needs(tmp_path):
    """A place under a demo city, or a hand-written link to a demo document: refused even with --force, nothing removed."""
    proj = make_project(tmp_path / "proj")
    run(proj, "build/add_jurisdiction.py", "fx-xian", "--name", "某某县", "--parent", "weifang", "--no-lock")
    about = proj / "docs" / "about" / "index.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n见[昌乐县意见](../policies/changle-2021-yijian.md)。\n", encoding="utf-8")
    p = run(proj, "build/new_site.py", "--force")
    assert p.returncode == 2
    assert "fx-xian.yaml 的上级 weifang 是示例地区" in p.stderr
    assert "docs/about/index.md:" in p.stderr and "changle-2021-yijian" in p.stderr
    assert (proj / "docs" / "policies" / "changle-2021-yijian.md").exists()


# --------------------------------------------------------------------------- the whole procedure (README “新建一个站点”)

TEXT = """某某县民政局关于调整城乡最低生活保障标准的通知
某民〔2025〕12号
各乡镇人民政府：
一、调整标准。城市低保标准调整为每人每月800元，农村低保标准调整为每人每月620元。
二、执行时间。自2025年7月1日起执行。
某某县民政局
2025年6月28日
"""

STANDARD = """parameters:
  dibao.standard.urban:
    - from: 2025-07-01
      value: "800"
      clause: fx-xian-2025-biaozhun#s1
      status: verified
      checked: 2026-12-05
  dibao.standard.rural:
    - from: 2025-07-01
      value: "620"
      source: {title: 县民政局关于调整低保标准的通知（纸质）, publisher: 某某县民政局, date: 2025-06-28}
      status: verified
      checked: 2026-12-05
"""


@pytest.mark.site
def test_a_new_site_for_a_new_county_builds_and_passes_the_unit_tests(tmp_path):
    """new_site on a copy of the repository, a county with its province and city, a 低保标准 (one value from its
    document's clause, one from a paper notice without url), its document; a strict build; the unit tests in
    that copy — green, with no demo county left on the site."""
    proj = make_project(tmp_path / "proj")
    p = run(proj, "build/new_site.py")
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr[-3000:]
    assert not (proj / "docs" / "policies" / "changle-2021-yijian.md").exists()
    assert set(json.loads((proj / "build" / "anchors.lock.json").read_text(encoding="utf-8"))["documents"]) == set(NATIONAL)
    recorded = json.loads((proj / "build" / "pages.lock.json").read_text(encoding="utf-8"))
    assert recorded["redirects"] == {} and "calculators/dibao/" in recorded["pages"] and not [u for u in recorded["pages"] if "places/" in u]
    again = run(proj, "build/new_site.py")
    assert again.returncode == 2 and "new_site 已运行过" in again.stderr

    for args in (("fx-sheng", "--name", "某某省", "--parent", "national", "--level", "province"),
                 ("fx-shi", "--name", "某某市", "--parent", "fx-sheng", "--level", "city"),
                 ("fx-xian", "--name", "某某县", "--parent", "fx-shi")):
        p = run(proj, "build/add_jurisdiction.py", *args, "--no-lock")
        assert p.returncode == 0, p.stderr
    (tmp_path / "通知.txt").write_text(TEXT, encoding="utf-8")
    p = run(proj, "build/add_document.py", str(tmp_path / "通知.txt"), "--id", "fx-xian-2025-biaozhun", "--jurisdiction", "fx-xian", "--no-lock")
    assert p.returncode == 0, p.stderr
    place = proj / "policy_data" / "jurisdictions" / "fx-xian.yaml"
    text = place.read_text(encoding="utf-8")
    place.write_text(text[: text.index("parameters: {}")] + STANDARD, encoding="utf-8")
    p = run(proj, "build/anchors.py", "--update")
    assert p.returncode == 0, p.stderr
    p = run(proj, "build/page_urls.py", "--update")  # records the new pages with one strict build
    assert p.returncode == 0, p.stderr[-3000:]

    site = tmp_path / "site"
    p = run(proj, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site))
    assert p.returncode == 0, p.stderr[-3000:]
    dibao = (site / "calculators" / "dibao" / "index.html").read_text(encoding="utf-8")
    assert '<option value="fx-xian">某某县</option>' in dibao
    assert "fx-xian-2025-biaozhun" in (site / "places" / "fx-xian" / "index.html").read_text(encoding="utf-8")
    assert "县民政局关于调整低保标准的通知（纸质）（某某县民政局" in (site / "parameters" / "fx-xian" / "index.html").read_text(encoding="utf-8")
    assert "#j=fx-xian&amp;area=urban" in (site / "calculators" / "links" / "index.html").read_text(encoding="utf-8")
    assert "绿色通道" not in (site / "index.html").read_text(encoding="utf-8")  # no place here cites one
    demo = yaml.safe_load((DEMO / "policy_data" / "demo.yaml").read_text(encoding="utf-8"))["places"]
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not [j for j in demo if f"j={j}&" in html or f"places/{j}/" in html or f"parameters/{j}/" in html], page

    # The unit tests in the new site's copy: they run on the frozen demo, and check its own data and documents.
    p = run(proj, "-m", "pytest", "-m", "unit", "-q", "-p", "no:cacheprovider", "-x")
    assert p.returncode == 0, p.stdout[-4000:]
    assert "live:fx-xian-2025-biaozhun" in run(proj, "-m", "pytest", "-m", "unit", "--collect-only", "-q", "-p", "no:cacheprovider",
                                                "tests/test_add_document.py").stdout
