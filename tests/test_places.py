# SPDX-License-Identifier: MIT
"""Which places a resident can pick, and what a place without a document gets (deployment walk
Task 2: 蒙城县 with only a 低保标准 was invisible). Runs on ``tests/fixtures/policy/`` (see its README)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys

import pytest
from policy_fixture import FIXTURE, fixture_bundle


def test_a_county_with_numbers_but_no_document_is_a_place():
    """The deployment walk's 蒙城县: a 低保标准 and no document. It is offered (menu, bundle, page,
    明白卡, 参数体检); national, provinces and cities never are; a lapsed plan's county stays a staff
    example; 其他地区 comes last."""
    from calculators.core.params import ParameterSet
    from calculators.ui.forms import jurisdiction_options

    from assets.calculator import place_bundles
    from data.health import health_text, places
    from pages.cards import card_places
    from pages.places import place_page

    bundle = fixture_bundle()
    params = ParameterSet(bundle)
    assert jurisdiction_options(params) == [("fx-shuzhi", "只有数值县"), ("fx-wenjian", "有文件县"), ("other", "其他地区（按全国规定）")]
    assert set(place_bundles(bundle)) == {"fx-shuzhi", "fx-wenjian", "other"}
    assert card_places(params) == [("fx-shuzhi", "只有数值县"), ("fx-wenjian", "有文件县")]
    # 参数体检: every county with a file, the new empty one and the staff example too; no higher level.
    assert [j for j, _ in places(params)] == ["fx-shuzhi", "fx-wenjian", "other", "fx-fanben", "fx-kongbai"]
    report = health_text(params, dt.date(2026, 12, 1))
    shuzhi = report.split("[fx-shuzhi] 只有数值县", 1)[1].split("\n[", 1)[0]
    assert re.search(r"非现行\s+dibao\.standard\.urban\s+760\s+只有数值县 2024-07-01", shuzhi)
    assert "缺少 dibao.standard.rural" not in shuzhi  # the city's 600 answers
    assert "[fx-kongbai] 空白县\n  缺少 dibao.standard.urban" in report
    page = place_page("fx-shuzhi", [], params, card_places(params), dt.date(2026, 12, 1))
    assert "本站还没有收录只有数值县的政策文件" in page
    assert '<a href="../../calculators/dibao/#j=fx-shuzhi">' in page and "../cards/fx-shuzhi-dibao.md" in page


def test_add_jurisdiction_says_what_to_run_for_the_page_addresses(tmp_path, monkeypatch, capsys):
    import yaml

    from ingest import add_jurisdiction

    places = tmp_path / "jurisdictions"
    shutil.copytree(FIXTURE / "policy_data" / "jurisdictions", places)
    monkeypatch.setattr(add_jurisdiction, "JURISDICTIONS", places)
    assert add_jurisdiction.main(["fx-xinxian", "--name", "新县", "--parent", "fx-shi", "--no-lock"]) == 0
    out = capsys.readouterr().out
    assert "构建前请运行 python build/page_urls.py --update" in out
    assert "新县会出现在计算器的地区列表里，并多出 places/fx-xinxian/ 和明白卡页面：那时再运行一次 python build/page_urls.py --update" in out
    text = (places / "fx-xinxian.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["parameters"] == {}
    assert "never the parameter a second time" in text and "url only if there is one" in text


@pytest.mark.site
def test_a_new_county_with_only_a_standard_is_on_the_built_site(tmp_path):
    """The walk's steps on a copy of the project: add_jurisdiction, one 低保标准 with a paper source (no
    url), a strict build: the county is in the calculators' menu, has its place page, bundle, 明白卡 and
    参数体检 entry; 全国 is not a place."""
    from demo_project import make_project

    proj = make_project(tmp_path / "proj")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    p = subprocess.run([sys.executable, "build/add_jurisdiction.py", "fx-xinxian", "--name", "新县", "--parent", "national", "--no-lock"],
                       cwd=proj, capture_output=True, text=True, env=env)
    assert p.returncode == 0, p.stderr
    path = proj / "policy_data" / "jurisdictions" / "fx-xinxian.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("parameters: {}", (
        "parameters:\n"
        "  dibao.standard.urban:\n"
        "    - from: 2024-07-01\n"
        "      value: \"760\"\n"
        "      source: {title: 县民政局纸质通知（测试）, publisher: 新县民政局}\n"
        "      status: unverified\n"
        "      checked: 2026-11-23\n")), encoding="utf-8")
    site = tmp_path / "site"
    p = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)], cwd=proj, capture_output=True, text=True,
                       env={**env, "JZ_RECORD_PAGES": "1"})  # what page_urls.py --update does, in the same build
    assert p.returncode == 0, p.stderr[-3000:]
    dibao = (site / "calculators" / "dibao" / "index.html").read_text(encoding="utf-8")
    assert '<option value="fx-xinxian">新县</option>' in dibao and 'value="national"' not in dibao
    assert dibao.index('value="fx-xinxian"') < dibao.index('<option value="other">其他地区（按全国规定）</option>')
    assert "本站还没有收录新县的政策文件" in (site / "places" / "fx-xinxian" / "index.html").read_text(encoding="utf-8")
    assert list((site / "assets" / "calc").glob("params-fx-xinxian.*.json"))
    assert (site / "cards" / "fx-xinxian-dibao" / "index.html").exists()
    health = (site / "parameters" / "health" / "index.html").read_text(encoding="utf-8")
    assert 'id="fx-xinxian"' in health
    assert "县民政局纸质通知（测试）（新县民政局）" in (site / "parameters" / "fx-xinxian" / "index.html").read_text(encoding="utf-8")
    assert '"places/fx-xinxian/"' in (proj / "build" / "pages.lock.json").read_text(encoding="utf-8")
