# SPDX-License-Identifier: MIT
"""A law on its way (社会救助法: three readings reported, adoption not verified) is a dated document status:
the site says exactly what is known, and once an effective date is entered the documents it supersedes end
the day before — their values become “last known” — while values from the new text take precedence.
Runs on the fixture (``tests/fixtures/policy/``: 全国社会救助办法（测试用）, 第二条 年满60周岁)."""

from __future__ import annotations

import datetime as dt

import yaml
from policy_fixture import DOCS, fixture_copy

from calculators.core.params import ParameterSet

from data.compile import compile_policy_data
from pages.reference import pending_text

PENDING = {"documents": [{
    "id": "fx-fa", "title": "《测试社会救助法》", "supersedes": ["fx-guojia-banfa"], "checked": dt.date(2026, 12, 5),
    "readings": [{"date": dt.date(2025, 6, 24), "text": "草案第一次审议", "status": "secondary",
                  "source": {"title": "新闻（测试）", "publisher": "某报"}},
                 {"date": dt.date(2026, 4, 27), "text": "草案提请第三次审议", "status": "secondary",
                  "source": {"title": "新闻（测试）", "publisher": "某报"}}],
    "reports": [{"text": "有资料提示它已通过、自2026年7月1日起施行", "status": "unverified"}],
    "adopted": None, "effective": None}]}


def _compile(tmp_path, pending):
    data = fixture_copy(tmp_path)
    (data / "pending_documents.yaml").write_text(yaml.safe_dump(pending, allow_unicode=True), encoding="utf-8")
    return compile_policy_data(data, DOCS)


def test_unverified_adoption_is_said_as_such_and_changes_nothing(tmp_path):
    bundle = _compile(tmp_path, PENDING)
    text = pending_text(bundle["pending"][0])
    assert "2025年6月24日草案第一次审议（据新闻报道）" in text and "2026年4月27日草案提请第三次审议（据新闻报道）" in text
    assert "有资料提示它已通过、自2026年7月1日起施行，但本站没有在国家法律法规数据库（flk.npc.gov.cn）核实到" in text
    assert "仍按现行的规定" in text and "施行；" not in text
    r = ParameterSet(bundle).resolve("tekun.elderly_age", "fx-wenjian", dt.date(2026, 12, 5))
    assert r is not None and r.current and not bundle["documents"]["fx-guojia-banfa"].get("valid_until")


def test_an_effective_date_ends_the_superseded_document_and_the_new_values_take_precedence(tmp_path):
    pending = {"documents": [{**PENDING["documents"][0], "adopted": dt.date(2026, 4, 28), "effective": dt.date(2026, 7, 1)}]}
    bundle = _compile(tmp_path, pending)
    doc = bundle["documents"]["fx-guojia-banfa"]
    assert doc["valid_until"] == "2026-06-30" and doc["on_expiry"] == "last_known" and doc["superseded_by"] == "fx-fa"
    params = ParameterSet(bundle)
    before = params.resolve("tekun.elderly_age", "fx-wenjian", dt.date(2026, 6, 30))
    after = params.resolve("tekun.elderly_age", "fx-wenjian", dt.date(2026, 7, 1))
    assert before is not None and before.current
    assert after is not None and after.state == "last_known" and after.stale_reason == "document" and after.stale_since == "2026-07-01"
    assert "2026年7月1日起施行" in pending_text(bundle["pending"][0])
    # The new text's value (entered from its effective date) is the one in force from then on.
    national = tmp_path / "policy_data" / "jurisdictions" / "national.yaml"
    data = yaml.safe_load(national.read_text(encoding="utf-8"))
    data["parameters"]["tekun.elderly_age"].append({"from": dt.date(2026, 7, 1), "value": 60, "status": "secondary", "checked": dt.date(2026, 12, 5),
                                                    "source": {"title": "测试社会救助法（新闻转载）", "publisher": "某报"}})
    national.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    params = ParameterSet(compile_policy_data(tmp_path / "policy_data", DOCS))
    now = params.resolve("tekun.elderly_age", "fx-wenjian", dt.date(2026, 8, 1))
    assert now is not None and now.current and now.entry["from"] == "2026-07-01"


def test_the_about_page_and_the_superseded_document_say_the_same(built_site):
    about = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    law = (built_site / "policies" / "shehui-jiuzhu-zanxing-banfa" / "index.html").read_text(encoding="utf-8")
    for said in ("2025年6月24日草案第一次审议", "2026年2月25日草案第二次审议", "2026年4月27日草案提请第三次审议",
                 "自2026年7月1日起施行，但本站没有在国家法律法规数据库（flk.npc.gov.cn）核实到"):
        assert said in about and said in law, said
