# SPDX-License-Identifier: MIT
"""The pure build functions: policy pages, the anchor lock, the search patch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from data.documents import PolicyPageError, load_policy_pages, read_policy_page
from demo_project import DEMO, ROOTS, project
from pages.anchors import check_anchors, current_anchors, read_lock, updated_lock
from pages.policy import grouped, metadata_card, policy_index

DEMO_LOCK = DEMO / "build" / "anchors.lock.json"

PAGE = """---
doc_id: demo-2024-banfa
title: 示例办法
short_title: 示例办法
cite_title: 《示例办法》
issuer: 示例县民政局
jurisdiction: 示例县
county: demo
kind: 办法
topics: [低保]
---

# 示例办法 {{#title}}

## 一、总则 {{#s1 data-cite="一、"}}

{extra}
"""


def write_page(tmp_path: Path, extra: str = "") -> Path:
    (tmp_path / "policies").mkdir(exist_ok=True)
    path = tmp_path / "policies" / "demo-2024-banfa.md"
    path.write_text(PAGE.format(extra=extra), encoding="utf-8")
    return path


def test_reads_clauses_with_line_numbers(tmp_path):
    page = read_policy_page(write_page(tmp_path, '### （一）低保标准。 {#s1-1 data-cite="一、（一）"}'))
    assert [(c.anchor, c.cite) for c in page.clauses] == [("title", ""), ("s1", "一、"), ("s1-1", "一、（一）")]
    assert page.clause("s1-1").line == 17
    assert page.clause("s1-1").title == "（一）低保标准。"


def test_duplicate_anchor_names_file_and_line(tmp_path):
    path = write_page(tmp_path, '## 二、重复 {#s1 data-cite="二、"}')
    with pytest.raises(PolicyPageError, match=r"demo-2024-banfa.md:17: .*duplicate anchor 's1' \(first on line 15\)"):
        read_policy_page(path)


def test_non_ascii_anchor_is_refused(tmp_path):
    path = write_page(tmp_path, "## 二、其他 {#S-2}")
    with pytest.raises(PolicyPageError, match="must be lower-case ASCII"):
        read_policy_page(path)


def test_missing_front_matter_field_is_named(tmp_path):
    path = write_page(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("cite_title: 《示例办法》\n", ""), encoding="utf-8")
    with pytest.raises(PolicyPageError, match="front matter lacks: cite_title"):
        read_policy_page(path)


@pytest.mark.parametrize("where", ["demo", "live"])
def test_lock_check_passes(where):
    """The demo's frozen lock and the live site's lock each record exactly their documents' anchors."""
    root = ROOTS[where]
    pages, lock = load_policy_pages(root / "docs"), read_lock(root / "build" / "anchors.lock.json")
    assert check_anchors(pages, lock) == []
    # Every clause heading of every page is an anchor in the lock (not a count that changes with content).
    headings = {f"{doc}#{c.anchor}" for doc, page in pages.items() for c in page.clauses}
    locked = {f"{doc}#{a}" for doc, anchors in lock["documents"].items() for a in anchors}
    assert headings == locked == {f"{doc}#{a}" for doc, v in current_anchors(pages).items() for a in v}


def test_removed_anchor_fails_unless_redirected(tmp_path):
    pages = load_policy_pages(DEMO / "docs")
    lock = updated_lock(pages, read_lock(DEMO_LOCK))
    lock["documents"]["changle-2021-yijian"].append("old-8")
    errors = check_anchors(pages, lock)
    assert len(errors) == 1 and "changle-2021-yijian#old-8" in errors[0]
    lock["redirects"]["changle-2021-yijian#old-8"] = "changle-2021-yijian#s2-1-8"
    assert check_anchors(pages, lock) == []
    lock["redirects"]["changle-2021-yijian#old-8"] = "changle-2021-yijian#nowhere"
    assert any("points nowhere" in e for e in check_anchors(pages, lock))


def test_new_anchor_must_be_recorded(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DEMO / "docs" / "policies", docs / "policies")
    path = docs / "policies" / "huaiyuan-2023-qingdan.md"
    path.write_text(path.read_text(encoding="utf-8") + '\n## 14 新任务 {#task-14 data-cite="第14项"}\n', encoding="utf-8")
    errors = check_anchors(load_policy_pages(docs), read_lock(DEMO_LOCK))
    assert len(errors) == 1 and "task-14" in errors[0] and "anchors.py --update" in errors[0]


def test_metadata_card_and_index():
    pages = load_policy_pages(DEMO / "docs")
    card = metadata_card(pages["changle-2021-yijian"].meta)
    assert "乐办字〔2021〕21号" in card and "2021年10月9日" in card and "本站不是政府网站" in card
    index = policy_index(pages)
    if grouped(pages):
        # A national document is listed itself (it has no place page); a county's through its place page.
        for doc_id, page in pages.items():
            if page.meta["level"] == "national":
                assert f"({doc_id}.md)" in index
            else:
                assert f"(../places/{page.meta['county']}.md)" in index
        assert "(../places/national.md)" not in index
    else:
        # 怀远 task 7 is titled 加强村级救急难基金建设: it belongs to the 临时救助 topic (救急难)
        assert "(huaiyuan-2023-qingdan.md#task-7)" in index.split("{#topic-linshi}")[1].split("### ")[0]
        for doc_id in pages:
            assert f"({doc_id}.md)" in index


def test_metadata_card_says_what_the_text_does_not_print():
    """A transcription without 文号 or signature: the card names the mirror and, per field, that the value is
    not in the text (2022 通知: usually cited as 民发〔2022〕83号 — not shown as the page's own 文号)."""
    pages = load_policy_pages(DEMO / "docs")
    meta = pages["dibao-doudi-gongzuo-tongzhi-2022"].meta
    assert meta["doc_number"] is None and "民发〔2022〕83号" not in meta["cite_title"]
    card = metadata_card(meta)
    assert "<dt>文号</dt><dd>本文本未载；通常引用为民发〔2022〕83号，本站未核实</dd>" in card
    assert "<dt>文本来源</dt><dd>Comet-law 网站的转录本" in card and "尚未与民政部官网原件核对" in card
    card = metadata_card(pages["dibao-shenhe-queren-banfa"].meta)
    assert "<dt>文号</dt><dd>民发〔2021〕57号（本文本未载" in card and "<dt>施行日期</dt><dd>2021年7月1日</dd>" in card
    # Read from the text itself: the 暂行办法's 令 line (公布), its revision and 第七十条 (施行).
    card = metadata_card(pages["shehui-jiuzhu-zanxing-banfa"].meta)
    for row in ("<dt>文号</dt><dd>国务院令第649号</dd>", "<dt>公布日期</dt><dd>2014年2月21日</dd>", "<dt>施行日期</dt><dd>2014年5月1日</dd>",
                "<dt>修订日期</dt><dd>2019年3月2日</dd>", "<dt>发布机关</dt><dd>国务院</dd>"):
        assert row in card
    # The 1999 条例: 有效 as the national database records it, with that source named.
    assert "国家法律法规数据库标注“有效”" in pages["chengshi-jumin-dibao-tiaoli-1999"].meta["validity"]
    # A plan with a period shows it (the 2018–2020 范本).
    assert "<dt>有效期</dt><dd>2018年1月1日至2020年12月31日</dd>" in metadata_card(pages["xx-mzj-doudi-fangan"].meta)


def test_page_url_lock_needs_redirects_for_moved_pages(tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "build"))
    from pages.urls import check_pages, redirect_page, write_redirects

    lock = {"pages": ["", "policies/a/", "calculators/dibao/"], "redirects": {}}
    assert check_pages({"", "policies/a/", "calculators/dibao/"}, lock) == []
    moved = check_pages({"", "policies/b/", "calculators/dibao/"}, lock)
    assert any("/policies/a/" in e and "redirects" in e for e in moved)  # removed without a redirect
    assert any("/policies/b/" in e for e in moved)  # new page not recorded
    lock = {"pages": ["", "policies/a/", "policies/b/"], "redirects": {"policies/a/": "policies/b/"}}
    assert check_pages({"", "policies/b/"}, lock) == []
    assert any("does not exist" in e for e in check_pages({""}, {"pages": [""], "redirects": {"x/": "gone/"}}))
    write_redirects(tmp_path, lock)
    page = (tmp_path / "policies" / "a" / "index.html").read_text(encoding="utf-8")
    assert '"../../policies/b/" + location.search + location.hash' in page  # keeps #clause and #prefilled answers
    assert 'content="0; url=../../policies/b/"' in page
    assert redirect_page("x/", "y/").count("<a href") == 1


def test_card_without_public_address_prints_the_link_not_a_developer_note():
    """Built without JZ_PUBLIC_URL there is no QR code; the card carries the calculator's address
    (made absolute by the page's script where it is opened) and no build instructions."""
    from calculators.core.params import ParameterSet

    from case_files import bundle
    from pages.cards import card_markdown

    params = ParameterSet(bundle())
    text = card_markdown(params, "changle", "dibao", __import__("datetime").date(2026, 12, 3), "", None)
    assert 'class="mb-abs" href="../../calculators/dibao/#j=changle"' in text
    assert "JZ_PUBLIC_URL" not in text and "部署" not in text


def test_a_card_without_a_site_address_promises_no_qr_code():
    """Issue #21 (phone walk): without site_url/JZ_PUBLIC_URL a card says 打开网址 with the address, never 扫码."""
    import datetime as dt

    from calculators.core.params import ParameterSet

    from case_files import bundle
    from pages.cards import card_markdown

    params = ParameterSet(bundle())
    plain = card_markdown(params, "changle", "dibao", dt.date(2026, 12, 5), "", None)
    assert "## 打开网址估算" in plain and "扫码" not in plain and "calculators/dibao/#j=changle" in plain
    with_qr = card_markdown(params, "changle", "dibao", dt.date(2026, 12, 5), "https://x.example/", lambda url: "<svg></svg>")
    assert "## 扫码估算" in with_qr and "https://x.example/calculators/dibao/#j=changle" in with_qr


def test_the_single_person_line_of_a_card_cites_the_scope_too():
    """L6. 昌乐 二、（一）1 says only “符合条件的重残人员、重病患者……可按照单人户纳入保障范围”; the limit to 低保边缘
    家庭 is the national 《最低生活保障审核确认办法》第八条. The card's line cites both."""
    import datetime as dt

    from calculators.core.params import ParameterSet

    from case_files import bundle
    from pages.cards import card_markdown

    card = card_markdown(ParameterSet(bundle()), "changle", "dibao", dt.date(2026, 12, 5), "", None)
    line = next(x for x in card.splitlines() if "单人户" in x)
    assert "低保边缘家庭中的重度残疾人、重病患者" in line
    assert "policies/changle-2021-yijian.md#s2-1-1" in line and "policies/dibao-shenhe-queren-banfa.md#art8" in line


def test_the_dibao_card_says_the_adult_disabled_rule_from_its_date():
    """2022 兜底通知 一、（一） “成年无业重度残疾人可以参照‘单人户’提出低保申请” (from 2022-10-20, the date the site
    gives it): the card says it, with its clause, as the calculator applies it — and not on a date before it."""
    import datetime as dt

    from calculators.core.params import ParameterSet

    from case_files import bundle
    from pages.cards import card_markdown

    params = ParameterSet(bundle())
    now = card_markdown(params, "changle", "dibao", dt.date(2026, 12, 5), "", None)
    line = next(x for x in now.splitlines() if "成年、没有工作的重度残疾人" in x)
    assert "不论家庭是不是低保边缘家庭都可以" in line and "dibao-doudi-gongzuo-tongzhi-2022.md#s1-1" in line
    before = card_markdown(params, "changle", "dibao", dt.date(2022, 6, 1), "", None)
    assert "成年、没有工作的重度残疾人" not in before


def test_the_csp_never_allows_a_script_that_came_with_the_content(tmp_path):
    """Issue #23 (code review F4): only scripts the build writes are hashed. A script in a page's content
    (Markdown or YAML, inside <article>) stops the build and names the page; data is written with json_script,
    so a “</script>” in a title cannot end the element."""
    import json

    import pytest

    from pages.forms import json_script
    from publish.csp import CspError, add_csp

    ok = tmp_path / "ok" / "index.html"
    ok.parent.mkdir()
    ok.write_text("<html><head><meta charset=\"utf-8\"><script>var theme=1</script></head><body><article>"
                  + json_script("cfg", {"title": "</script><script>alert(1)</script>"}) + "</article></body></html>", encoding="utf-8")
    assert add_csp(tmp_path) == 1
    text = ok.read_text(encoding="utf-8")
    assert "'sha256-" in text and text.count("</script>") == 2  # the theme's script and the data element, nothing else
    data = text.split('id="cfg">', 1)[1].split("</script>", 1)[0]
    assert json.loads(data) == {"title": "</script><script>alert(1)</script>"}
    bad = tmp_path / "bad" / "index.html"
    bad.parent.mkdir()
    bad.write_text("<html><head></head><body><article><p>正文</p><script>alert(1)</script></article></body></html>", encoding="utf-8")
    with pytest.raises(CspError, match="bad/index.html"):
        add_csp(tmp_path)


def test_the_hooks_refuse_what_would_ship_silently_wrong():
    """Issue #23: the hooks' error paths — an unknown marker, an unknown calculator, two calculators on one page,
    a public address without its trailing slash — each stops the build with a message naming the page."""
    from types import SimpleNamespace

    import pytest
    from mkdocs.exceptions import PluginError

    from calculators.core.params import ParameterSet

    import hooks
    from case_files import bundle

    data = bundle()
    site = hooks.SiteState(pages={}, redirects={}, policy_data=data, params=ParameterSet(data), public_url="")
    config = SimpleNamespace(jz_site=site)
    page = SimpleNamespace(file=SimpleNamespace(src_uri="about/x.md"), url="about/x/", meta={})
    with pytest.raises(PluginError, match="about/x.md: 未知标记 .*jz:nonesuch"):
        hooks.on_page_markdown("<!-- jz:nonesuch -->", page, config, None)
    with pytest.raises(PluginError, match="no calculator 'dibaoo'"):
        hooks.on_page_markdown("<!-- jz:calculator dibaoo -->", page, config, None)
    assert hooks.on_page_markdown("<!-- jz:calculator dibao -->", page, config, None) == '<div data-jz-calc="dibao"></div>'
    with pytest.raises(PluginError, match="一页只能放一个计算器"):
        hooks.on_page_content('<div data-jz-calc="dibao"></div><div data-jz-calc="tekun"></div>', page, config, None)
    with pytest.raises(PluginError, match="on_config"):
        hooks.on_page_markdown("", page, SimpleNamespace(), None)  # state lives on the build's config, never in the module
    assert not [name for name, value in vars(hooks).items() if name.startswith("_") and not name.startswith("__") and isinstance(value, dict)]


def test_a_public_address_must_end_with_a_slash():
    """The site loads without MkDocs (pages/site.py), and refuses an address whose relative links would break."""
    from pages.site import SiteError, load_site

    with pytest.raises(SiteError, match="要以 / 结尾 .*https://x.example/jiuzhu$"):
        load_site(project() / "docs", "https://x.example/jiuzhu")
    assert load_site(project() / "docs", "https://x.example/jiuzhu/").public_url == "https://x.example/jiuzhu/"


@pytest.mark.site  # runs MkDocs
def test_mkdocs_stops_on_a_public_address_without_its_slash(tmp_path):
    import os
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(tmp_path / "site")], cwd=project(), capture_output=True,
                       text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "JZ_PUBLIC_URL": "https://x.example/jiuzhu"})
    assert p.returncode != 0 and "要以 / 结尾" in p.stderr
