# SPDX-License-Identifier: MIT
"""build/add_document.py and build/add_jurisdiction.py: one command, rules not per-document code.

The published pages are the reference: importing their sources again must give the same pages
byte for byte (same text, same anchors) — the demo documents (tests/fixtures/demo/: five county
texts in the shapes county staff have, nine national ones) and any live document of the site's
own.  The other tests feed the rules the shapes county staff actually have: a 第X条 办法, a .docx
with a table, a saved portal page.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from data.documents import load_policy_pages, read_policy_page
from demo_project import DEMO, ROOTS, checked_documents, make_project
from ingest.add_document import main, register_document
from ingest.add_jurisdiction import add_jurisdiction
from ingest.document import import_document, import_lines
from ingest.lines import join_broken_lines
from ingest.readers import read_source
from pages.policy import grouped, policy_nav

ROOT = Path(__file__).resolve().parent.parent
SOURCES = DEMO / "tests" / "sources"
PAGES = load_policy_pages(DEMO / "docs")  # the demo documents: the importer's reference shapes
CHECKED = checked_documents()  # and, to re-import, every live document that is not one of them
ALL_PAGES = {where: load_policy_pages(root / "docs") for where, root in ROOTS.items()}


@pytest.fixture(autouse=True)
def demo_places(monkeypatch):
    """The importer reads a place's name and level from policy_data/jurisdictions: the demo's here (昌乐 …)."""
    from ingest import document

    monkeypatch.setattr(document, "JURISDICTIONS_DIR", DEMO / "policy_data" / "jurisdictions")


def places_of(where: str, monkeypatch) -> None:
    from ingest import document

    monkeypatch.setattr(document, "JURISDICTIONS_DIR", ROOTS[where] / "policy_data" / "jurisdictions")


@pytest.mark.parametrize(("where", "doc_id"), CHECKED, ids=[f"{w}:{d}" for w, d in CHECKED])
def test_reimport_gives_the_published_page(where, doc_id, monkeypatch):
    places_of(where, monkeypatch)
    page, sources = ALL_PAGES[where][doc_id], ROOTS[where] / "tests" / "sources"
    text, _ = import_document(sources / page.meta["source_file"], doc_id, page.meta["county"], out_dir=page.path.parent,
                              overrides_path=sources / f"{doc_id}.yaml")
    assert text == page.path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("where", "doc_id"), CHECKED, ids=[f"{w}:{d}" for w, d in CHECKED])
def test_fresh_import_reads_the_facts_the_text_states(where, doc_id, tmp_path, monkeypatch):
    """Without the hand-kept front matter, the rules alone find the same body and the printed facts."""
    places_of(where, monkeypatch)
    page, sources = ALL_PAGES[where][doc_id], ROOTS[where] / "tests" / "sources"
    text, imp = import_document(sources / page.meta["source_file"], doc_id, page.meta["county"], out_dir=tmp_path,
                                overrides_path=sources / f"{doc_id}.yaml")
    published = page.path.read_text(encoding="utf-8")
    assert text.split("\n---\n", 1)[1] == published.split("\n---\n", 1)[1]
    (tmp_path / f"{doc_id}.md").write_text(text, encoding="utf-8")
    fresh = read_policy_page(tmp_path / f"{doc_id}.md")  # a valid page: every required field present
    assert [c.anchor for c in fresh.clauses] == [c.anchor for c in page.clauses]
    # 文号, date and 索引号 where the source prints them (the masthead, the portal table, the signature).
    for key in ("doc_number", "index_number"):
        assert fresh.meta.get(key) == page.meta.get(key), key
    if isinstance(page.meta["date"], dt.date):
        assert fresh.meta["date"] == page.meta["date"]
    assert fresh.meta.get("furniture", []) == page.meta.get("furniture", []) == imp.furniture


def test_portal_furniture_is_dropped_and_read():
    # 织金's page as saved from the county portal: the info bar and the 信息公开 table are not text,
    # but the table says 文号 织府办〔2023〕43号, 是否有效：是, 生成日期 2023-08-09.
    page = PAGES["zhijin-2023-fengong"]
    imp = import_lines(read_source(SOURCES / page.meta["source_file"])[0])
    assert len(imp.furniture) == 5
    assert imp.meta["doc_number"] == "织府办〔2023〕43号"
    assert imp.meta["date"] == dt.date(2023, 8, 9)
    assert imp.meta["validity"] == "有效（原页面标注“是否有效：是”）"
    assert imp.meta["index_number"] == "000014349/2023-2689022"
    assert imp.meta["issuer"] == "织金县人民政府办公室"  # the signature above the date


def test_plan_attached_to_a_notice_gets_its_own_heading():
    # 织金: the plan's title is split over two lines in the source and followed by its preamble;
    # it must be one heading (#plan) and the preamble a paragraph, not one long heading.
    body = PAGES["zhijin-2023-fengong"].path.read_text(encoding="utf-8")
    assert "## 织金县贯彻落实《毕节市改革完善社会救助制度的若干措施》责任分工方案 {#plan}\n\n为深入贯彻落实" in body


def test_lines_broken_by_the_extraction_are_rejoined():
    lines = [
        "为贯彻落实有关决策部署，根据《中共中央",  # an open bracket continues
        "国务院关于打赢脱贫攻坚战三年行动的指导意见》和",  # a connective continues
        "XX省扶贫开发办公室",
        "关于印发的通知》等有关规定，制定本方案。",  # closes a bracket it did not open
        "一、工作目标",
        "柘阳县民政局",  # a signature line is short and complete: stays
        "柘阳县财政局",
        "2021年9月18日",
    ]
    assert join_broken_lines(lines, protect=0) == [
        "为贯彻落实有关决策部署，根据《中共中央国务院关于打赢脱贫攻坚战三年行动的指导意见》和XX省扶贫开发办公室关于印发的通知》等有关规定，制定本方案。",
        "一、工作目标",
        "柘阳县民政局",
        "柘阳县财政局",
        "2021年9月18日",
    ]


ARTICLES = """某某县最低生活保障审核确认办法（样例）
某民发〔2025〕7号
第一章　总则
第一条　为规范最低生活保障审核确认工作，根据有关规定，制定本办法。
第二条　本办法适用于本县户籍居民。
第二章　审核确认
第三条　申请最低生活保障，按照下列程序办理：
（一）申请。由共同生活的家庭成员向户籍所在地乡镇人民政府提出。
（二）审核。乡镇人民政府自受理之日起30个工作日内完成审核。
第四条　本办法自2025年7月1日起施行。
某某县民政局
2025年6月20日
"""


def test_article_family_chapters_articles_and_items():
    imp = import_lines(ARTICLES.splitlines())
    headings = [ln for ln in imp.body.splitlines() if ln.startswith("#")]
    assert headings[0].startswith("# 某某县最低生活保障审核确认办法（样例） {#title}")
    assert '## 第一章　总则 {#ch1 data-cite="第一章"}' in headings
    assert '### 第一条 {#art1 data-cite="第一条"}' in headings  # the article number heads it, its text follows
    assert '## 第二章　审核确认 {#ch2 data-cite="第二章"}' in headings
    # 第三条's items are whole paragraphs with their marker, each anchored — never split into a bold half.
    assert not any(h.startswith("#### （") for h in headings)
    assert '（一）申请。由共同生活的家庭成员向户籍所在地乡镇人民政府提出。\n{: #art3-1 data-cite="第三条第（一）项" }' in imp.body
    assert '（二）审核。乡镇人民政府自受理之日起30个工作日内完成审核。\n{: #art3-2 data-cite="第三条第（二）项" }' in imp.body
    assert imp.meta["doc_number"] == "某民发〔2025〕7号"  # the masthead line under the title is a 文号
    assert imp.meta["date"] == dt.date(2025, 6, 20)
    assert imp.meta["issuer"] == "某某县民政局"
    assert imp.meta["kind"] == "办法"
    assert imp.meta["valid_from"] == dt.date(2025, 7, 1)  # 第四条 本办法自2025年7月1日起施行


def _national(doc_id: str) -> str:
    return PAGES[doc_id].path.read_text(encoding="utf-8")


def _anchored(body: str) -> dict[str, str]:
    """anchor → the paragraph an attribute line closes (an article's item or 款)."""
    return {m.group(2): m.group(1) for m in re.finditer(r"^(.+)\n\{: #([a-z0-9-]+) data-cite=\"[^\"]*\" \}$", body, re.M)}


def test_items_of_an_article_render_alike():
    """社会救助暂行办法 第十一条: three items. Before, (一) and (三) were split at their first “；” with a bold half
    and (二) (first sentence over 60 characters) was an empty heading; now each is its whole paragraph."""
    body = _national("shehui-jiuzhu-zanxing-banfa")
    article = body.split("{#art11 ", 1)[1].split("\n### ", 1)[0]
    items = _anchored(article)
    assert list(items) == ["art11-1", "art11-2", "art11-3"]
    assert items["art11-1"] == ("（一）由共同生活的家庭成员向户籍所在地的乡镇人民政府、街道办事处提出书面申请；"
                                "家庭成员申请有困难的，可以委托村民委员会、居民委员会代为提出申请。")
    assert items["art11-2"].startswith("（二）乡镇人民政府、街道办事处应当通过入户调查") and items["art11-2"].endswith("报县级人民政府民政部门审批。")
    assert items["art11-3"].endswith("并书面向申请人说明理由。")
    assert not re.search(r"^#+ （", article, re.M)  # no item is a heading
    assert 'data-cite="第十一条第（一）项"' in article  # one 款 only: cited without 第一款


def test_a_kuan_after_items_is_its_own_clause():
    """最低生活保障审核确认办法 第八条: four items, then 第二款 defining 低保边缘家庭 (1.5倍) — its own anchor, so the
    last item does not run on into it; 第十三条 has a second list in 第二款 (“十四五” 基础养老金 is its （三）)."""
    page = PAGES["dibao-shenhe-queren-banfa"]
    body = page.path.read_text(encoding="utf-8")
    para = _anchored(body)
    assert para["art8-4"] == "（四）县级以上人民政府民政部门规定的其他特殊困难人员。"
    assert para["art8-k2"].startswith("最低生活保障边缘家庭一般指不符合最低生活保障条件，家庭人均收入低于当地最低生活保障标准1.5倍")
    assert page.clause("art8-k2").cite == "第八条第二款" and page.clause("art8-1").cite == "第八条第一款第（一）项"
    assert para["art13-k2-3"] == "（三）“十四五”期间，中央确定的城乡居民基本养老保险基础养老金；"
    assert page.clause("art13-k2-3").cite == "第十三条第二款第（三）项"
    assert para["art13-k3"].startswith("对于共同生活的家庭成员因残疾、患重病等增加的刚性支出、必要的就业成本等")
    # 第七条 has two lists too: 包括 (一)–(四), 不计入 (一)–(三); every anchor once.
    assert [c.anchor for c in page.clauses if c.anchor.startswith("art7-")] == [
        "art7-1", "art7-2", "art7-3", "art7-4", "art7-k2", "art7-k2-1", "art7-k2-2", "art7-k2-3"]


def test_promulgation_lines_stay_apart():
    # The 2019 revision as one line (flk's layout): its own paragraph, not joined to anything.
    body = _national("shehui-jiuzhu-zanxing-banfa")
    assert ("\n\n（2014年2月21日中华人民共和国国务院令第649号公布　根据2019年3月2日《国务院关于修改部分行政法规的决定》修订）\n\n"
            in body)
    # LawRefBook's layout: two lines separated by a blank line; the second starts with a date.
    lines = ["社会救助暂行办法", "", "2014年2月21日 中华人民共和国国务院令第649号公布", "",
             "2019年3月2日《国务院关于修改部分行政法规的决定》修订", "", "第一章　总则", "",
             "第一条　为了加强社会救助，保障公民的基本生活，制定本办法。", "", "第二条　本办法自2014年5月1日起施行。"]
    imp = import_lines(lines)
    assert "\n\n2014年2月21日 中华人民共和国国务院令第649号公布\n\n2019年3月2日《国务院关于修改部分行政法规的决定》修订\n\n" in imp.body
    assert imp.meta["doc_number"] == "国务院令第649号" and imp.meta["issuer"] == "国务院"
    assert imp.meta["date"] == dt.date(2014, 2, 21) and imp.meta["date_label"] == "公布日期"
    assert imp.meta["revised"] == dt.date(2019, 3, 2) and imp.meta["valid_from"] == dt.date(2014, 5, 1)
    assert imp.review == []


def test_a_blank_line_ends_a_paragraph_where_the_source_uses_them_so():
    # Every line before a blank line ends a sentence or is a short heading: blank lines are paragraph breaks,
    # so a long line without a full stop (a heading) is not joined to the next paragraph.
    para = ["某某县临时救助实施细则", "", "一、总则", "", "本细则依据有关规定制定，适用于本县户籍居民和持有居住证的常住人口。", "",
            "各乡镇要建立健全临时救助备用金制度并按季度向县民政局报送备用金使用情况表", "", "（一）适用范围。本细则适用于本县。"]
    assert join_broken_lines(para, protect=1)[3] == "各乡镇要建立健全临时救助备用金制度并按季度向县民政局报送备用金使用情况表"
    # An extraction with a blank line after every printed line (lines cut at the page width) is still re-joined.
    cut = ["某某县临时救助实施细则", "", "各乡镇要建立健全临时救助备用金制度，并按季度向县民政局报", "", "送备用金使用情况。"]
    assert join_broken_lines(cut, protect=1) == ["某某县临时救助实施细则", "各乡镇要建立健全临时救助备用金制度，并按季度向县民政局报送备用金使用情况。"]


def test_decree_line_gives_number_issuer_and_dates():
    # 城市居民最低生活保障条例: “1999年9月28日国务院第21次常务会议通过　1999年9月28日中华人民共和国国务院令第271号发布
    # 自1999年10月1日起施行” — the 令 is the second date, the in-force date is in the same line (and 第十七条).
    page = PAGES["chengshi-jumin-dibao-tiaoli-1999"]
    imp = import_lines(read_source(SOURCES / page.meta["source_file"])[0])
    assert (imp.meta["doc_number"], imp.meta["issuer"], imp.meta["date"]) == ("国务院令第271号", "国务院", dt.date(1999, 9, 28))
    assert imp.meta["valid_from"] == dt.date(1999, 10, 1) and "revised" not in imp.meta


def test_source_markup_is_not_text():
    # The 暂行办法 as received: items as Markdown list entries (“- （一）”), and 第十章 run together with 第五十二条.
    raw = read_source(SOURCES / "shehui-jiuzhu-zanxing-banfa.txt")[0]
    assert any(ln.startswith("- （一）") for ln in raw) and any(ln.startswith("第十章　　社会力量参与第五十二条") for ln in raw)
    body = _national("shehui-jiuzhu-zanxing-banfa")
    assert "- （" not in body and "\\- （" not in body
    assert '## 第十章　　社会力量参与 {#ch10 data-cite="第十章"}\n\n### 第五十二条 {#art52 data-cite="第五十二条"}' in body
    # 特困人员认定办法: the transcribing site's summary table is furniture (tests/sources/…yaml), listed in the front matter.
    assert len(PAGES["tekun-renyuan-rending-banfa"].meta["furniture"]) == 7
    assert "| 方面" not in _national("tekun-renyuan-rending-banfa").split("\n---\n", 1)[1]


def test_topics_include_disasters_and_vagrancy():
    # 暂行办法 第四章 受灾人员救助, 第五十条 流浪、乞讨人员.
    topics = PAGES["shehui-jiuzhu-zanxing-banfa"].meta["topics"]
    assert "受灾" in topics and "流浪乞讨" in topics
    assert "流浪乞讨" not in PAGES["dibao-shenhe-queren-banfa"].meta["topics"]  # the 57号 names neither


def test_front_matter_corrections_are_meta_and_survive_reimport(tmp_path, capsys):
    """README procedure: check the front matter; correct it under ``meta:`` in the overrides and re-run with
    ``--force``. The re-import keeps the front matter, sets the meta values and stops asking about them."""
    src = tmp_path / "notice.txt"
    src.write_text("某某县临时救助实施细则\n\n一、总则\n\n（一）适用范围。本细则适用于本县。\n", encoding="utf-8")
    out, overrides = tmp_path / "policies", tmp_path / "notice.yaml"
    args = [str(src), "--id", "sample-2025-xize", "--jurisdiction", "changle", "--out", str(out), "--no-lock", "--overrides", str(overrides)]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "issuer 请手填" in printed and "date 留空" in printed and "meta:" in printed
    page = out / "sample-2025-xize.md"
    page.write_text(page.read_text(encoding="utf-8").replace("- 临时救助\n", "- 临时救助\n- 受灾\n"), encoding="utf-8")  # a hand edit
    overrides.write_text("meta:\n  issuer: 某某县民政局\n  date: 2025-03-01\n  nav_title: 某某县临时救助细则\n", encoding="utf-8")
    assert main(args + ["--force"]) == 0
    printed = capsys.readouterr().out
    assert "issuer 请手填" not in printed and "date 留空" not in printed
    meta = read_policy_page(page).meta
    assert (meta["issuer"], meta["date"], meta["nav_title"]) == ("某某县民政局", dt.date(2025, 3, 1), "某某县临时救助细则")
    assert "受灾" in meta["topics"]  # kept
    assert main(args + ["--force"]) == 0  # once more: nothing changes
    assert read_policy_page(page).meta == meta
    fresh, _ = import_document(src, "sample-2025-xize", "changle", out_dir=tmp_path / "fresh", overrides_path=overrides)
    assert "issuer: 某某县民政局" in fresh and "date: 2025-03-01" in fresh  # what test_fresh_import… checks holds


def test_docx_with_a_table(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("某某县2025年社会救助重点工作任务清单")
    table = d.add_table(rows=3, cols=4)
    for r, cells in enumerate([["序号", "工作任务", "工作要求", "完成时限"],
                               ["1", "落实低保扩围", "将符合条件人员全部纳入低保范围。", "6月底前"],
                               ["2", "提升临时救助效能", "小金额先行救助。", ""]]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    path = tmp_path / "qingdan.docx"
    d.save(str(path))
    imp = import_lines(read_source(path)[0])
    assert imp.table_header == ["序号", "工作任务", "工作要求", "完成时限"]
    assert '## 1 落实低保扩围 {#task-1 data-cite="第1项"}' in imp.body
    assert "<dt>工作要求</dt><dd>将符合条件人员全部纳入低保范围。</dd>" in imp.body
    assert '<dt>完成时限</dt><dd><span class="editor-note">（原表此栏空白）</span></dd>' in imp.body  # an empty cell says so
    assert imp.meta["date"] == 2025 and any("年份" in r for r in imp.review)


PORTAL_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="某某县民政局关于调整城乡最低生活保障标准的通知">
<meta name="PubDate" content="2025-07-02 09:30">
<title>某某县民政局关于调整城乡最低生活保障标准的通知_某某县人民政府</title></head>
<body><nav><a>首页</a><a>政务公开</a></nav>
<div class="crumbs">当前位置：首页 &gt; 政务公开</div>
<table class="xxgk"><tr><td>索 引 号：</td><td>11340000/2025-00123</td><td>信息分类：</td><td>通知</td></tr>
<tr><td>文　　号：</td><td>某民〔2025〕12号</td><td>是否有效：</td><td>是</td></tr></table>
<div class="article"><h1>某某县民政局关于调整城乡最低生活保障标准的通知</h1>
<p>时间：2025-07-02 来源：县民政局 浏览量：88次</p>
<p>各乡镇人民政府：</p>
<p>一、调整标准。城市低保标准调整为每人每月800元，农村低保标准调整为每人每月620元。</p>
<p>二、执行时间。自2025年7月1日起执行。</p>
<p>某某县民政局</p><p>2025年6月28日</p></div>
<footer>主办单位：某某县人民政府 皖ICP备00000000号</footer>
<p>【打印】 【关闭】</p>
</body></html>"""


def test_saved_portal_page(tmp_path):
    path = tmp_path / "notice.html"
    path.write_text(PORTAL_PAGE, encoding="utf-8")
    lines, page_meta = read_source(path)
    imp = import_lines(lines, page_meta=page_meta)
    assert imp.body.startswith("# 某某县民政局关于调整城乡最低生活保障标准的通知 {#title}")
    assert "首页" not in imp.body and "浏览量" not in imp.body and "打印" not in imp.body  # menus, info bar, footer
    assert '## 一、调整标准。 {#s1 data-cite="一、"}' in imp.body
    assert "城市低保标准调整为每人每月800元" in imp.body
    assert imp.meta["date"] == dt.date(2025, 6, 28)  # the signed date, not the publication time
    assert imp.meta["issuer"] == "某某县民政局"


def test_overrides_are_data(tmp_path):
    lines = ["某某县临时救助实施细则", "一、总则", "（一）适用范围。本细则适用于本县。", "扫码关注我们"]
    imp = import_lines(lines, {"furniture": ["扫码关注我们"],
                               "editor_notes": [{"after": "适用范围", "text": "原文如此。"}]})
    assert "扫码关注我们" not in imp.body and imp.furniture == ["扫码关注我们"]
    assert "<strong>编者注</strong>　原文如此。" in imp.body


def test_cli_writes_a_page_and_refuses_bad_input(tmp_path, capsys):
    src = tmp_path / "banfa.txt"
    src.write_text(ARTICLES, encoding="gb18030")  # a file saved on a Chinese Windows desktop
    out = tmp_path / "policies"
    assert main([str(src), "--id", "sample-2025-banfa", "--jurisdiction", "changle", "--out", str(out), "--no-lock"]) == 0
    page = read_policy_page(out / "sample-2025-banfa.md")
    assert page.meta["county"] == "changle" and page.meta["jurisdiction"] == "昌乐县（山东省潍坊市）"
    assert page.meta["doc_number"] == "某民发〔2025〕7号"
    assert "art3-2" in [c.anchor for c in page.clauses]
    printed = capsys.readouterr().out
    assert "已写入" in printed
    # Again without --force: refused, the page is not overwritten.
    assert main([str(src), "--id", "sample-2025-banfa", "--jurisdiction", "changle", "--out", str(out), "--no-lock"]) == 2
    assert "已存在" in capsys.readouterr().err
    assert main([str(src), "--id", "Bad ID", "--jurisdiction", "changle", "--out", str(out)]) == 2
    assert "小写字母" in capsys.readouterr().err
    assert main([str(src), "--id", "sample-2025-x", "--jurisdiction", "nowhere", "--out", str(out)]) == 2
    assert "add_jurisdiction.py nowhere" in capsys.readouterr().err
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert main([str(pdf), "--id", "sample-2025-y", "--jurisdiction", "changle", "--out", str(out)]) == 2
    assert ".docx" in capsys.readouterr().err


def test_new_place_scaffold_lists_what_is_missing(tmp_path):
    for name in ("national", "anhui"):
        (tmp_path / f"{name}.yaml").write_text((DEMO / "policy_data" / "jurisdictions" / f"{name}.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    path = add_jurisdiction("suzhou-ah", "宿州市", "anhui", "city", tmp_path)
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data == {"id": "suzhou-ah", "name": "宿州市", "level": "city", "parent": "anhui", "documents": [], "parameters": {}}
    assert "dibao.standard.urban: 城市低保标准" in text  # the comment says what residents lack without it
    with pytest.raises(ValueError, match="已存在"):
        add_jurisdiction("suzhou-ah", "宿州市", "anhui", "city", tmp_path)
    with pytest.raises(ValueError, match="上级地区"):
        add_jurisdiction("xiao", "萧县", "suzhou-x", "county", tmp_path)
    assert register_document(path, "suzhou-2025-tongzhi")
    assert not register_document(path, "suzhou-2025-tongzhi")  # once
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["documents"] == ["suzhou-2025-tongzhi"]


def test_nav_comes_from_front_matter():
    """The nav is worked out from the front matter of the pages present (whatever documents a site has)."""
    from pages.policy import grouped, nav_label

    names = {str(p.meta["county"]): str(p.meta["jurisdiction"]).split("（")[0] for p in PAGES.values()}
    nav = policy_nav(PAGES, names)

    def key(p):
        d = p.meta.get("date")
        return (d is None, str(d.isoformat() if isinstance(d, dt.date) else d or ""), p.doc_id)  # oldest first, undated last

    def label(p):
        same = [q for q in PAGES.values() if nav_label(q) == nav_label(p)]
        return nav_label(p) if len(same) == 1 or p.meta.get("nav_title") else p.meta["short_title"]

    def entries(pages):
        return [{label(p): f"policies/{p.doc_id}.md"} for p in sorted(pages, key=key)]

    if not grouped(PAGES):
        assert nav == entries(PAGES.values())
        return
    national = [p for p in PAGES.values() if p.meta["level"] == "national"]
    places = sorted({p.meta["county"] for p in PAGES.values() if p.meta["level"] != "national"}, key=lambda j: (names[j], j))
    expected = ([{"全国": entries(national)}] if national else []) + [{names[j]: f"places/{j}.md"} for j in places]
    assert nav == expected
    labels = [next(iter(e)) for e in expected[0]["全国"]] if national else []
    assert len(set(labels)) == len(labels)  # every national entry tells itself apart (nav_title or short title)


def _code_strings(path: Path) -> list[str]:
    """String literals in a module, docstrings excluded (an example in a docstring is not a rule)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                  and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_no_document_or_place_id_in_generator_code():
    # A document id anywhere in a literal; a place id as a whole literal or before #, .yaml, .md
    # ("template" the place, not <template> the HTML tag).
    # The demo's ids (tests/fixtures/demo/) and the live site's own.
    places = {p.stem for root in ROOTS.values() for p in (root / "policy_data" / "jurisdictions").glob("*.yaml")} - {"national", "other"}
    ids = set(PAGES) | set(ALL_PAGES["live"])
    docs = re.compile(r"(?<![a-z0-9-])(" + "|".join(sorted(ids)) + r")(?![a-z0-9-])")
    place = re.compile(r"(?<![a-z0-9-])(" + "|".join(sorted(places)) + r")(?=#|\.yaml|\.md|$)")
    for path in list((ROOT / "build").rglob("*.py")) + list((ROOT / "calculators").rglob("*.py")):
        strings = _code_strings(path)
        found = sorted({m.group(1) for s in strings for m in docs.finditer(s)}
                       | {s for s in strings if s in places} | {m.group(1) for s in strings for m in place.finditer(s)})
        assert not found, f"{path.relative_to(ROOT)} names {found}"


def test_help_runs():
    proc = subprocess.run([sys.executable, str(ROOT / "build" / "add_document.py"), "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "--jurisdiction" in proc.stdout


@pytest.mark.site
def test_a_county_adds_its_document_with_two_commands(tmp_path):
    """The README procedure on a copy of the demo project: a new place under 潍坊市, a .docx, a strict build."""
    from test_faithful_text import published_text, source_text

    proj = make_project(tmp_path / "proj")
    import docx

    d = docx.Document()
    for t in ARTICLES.splitlines():
        d.add_paragraph(t)
    d.save(str(tmp_path / "banfa.docx"))
    env = {**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"}
    run = lambda *a: subprocess.run([sys.executable, *a], cwd=proj, capture_output=True, text=True, env=env)  # noqa: E731
    p = run("build/add_jurisdiction.py", "mycounty", "--name", "某某县", "--parent", "weifang")
    assert p.returncode == 0, p.stderr
    p = run("build/add_document.py", str(tmp_path / "banfa.docx"), "--id", "mycounty-2025-banfa", "--jurisdiction", "mycounty")
    assert p.returncode == 0, p.stderr + p.stdout
    site = tmp_path / "site"
    p = run("-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site))
    assert p.returncode == 0, p.stderr[-3000:]
    html = (site / "policies" / "mycounty-2025-banfa" / "index.html").read_text(encoding="utf-8")
    assert 'id="art3-2"' in html and "第三条第（二）项" in html
    page = read_policy_page(proj / "docs" / "policies" / "mycounty-2025-banfa.md")
    assert published_text(html, skip_dt=False) == source_text(page.meta, proj / "tests" / "sources")  # reads right
    pages = load_policy_pages(proj / "docs")
    home, index = (site / "index.html").read_text(encoding="utf-8"), (site / "policies" / "index.html").read_text(encoding="utf-8")
    place = (site / "places" / "mycounty" / "index.html").read_text(encoding="utf-8")
    assert "mycounty-2025-banfa" in place
    if grouped(pages):  # a province's nav and index list places; the place page lists the document
        assert 'href="places/mycounty/"' in home and 'href="../places/mycounty/"' in index
    else:
        assert "某某县办法" in home and "mycounty-2025-banfa" in index  # nav entry from the front matter
    # Its place page lists the documents of the levels above (潍坊市 → 山东省 → 全国) as 上级文件.
    higher = [d for d, pg in pages.items() if pg.meta["county"] in ("weifang", "shandong", "national")]
    assert all(f"../../policies/{d}/" in place.split('id="higher"', 1)[1] for d in higher)
    assert '<option value="mycounty">某某县' in (site / "calculators" / "dibao" / "index.html").read_text(encoding="utf-8")
    assert "mycounty" in (site / "parameters" / "health" / "index.html").read_text(encoding="utf-8")  # gaps shown
    assert yaml.safe_load((proj / "policy_data" / "jurisdictions" / "mycounty.yaml").read_text(encoding="utf-8"))["documents"] == ["mycounty-2025-banfa"]


def test_title_loses_print_wrapping_but_keeps_the_two_issuers_apart():
    from ingest.metadata import unwrap_title

    # 昌乐's title as printed: wrapped after 统筹健全; two issuing organs side by side (the page's title field).
    assert unwrap_title("中共昌乐县委办公室 昌乐县人民政府办公室 关于改革完善社会救助制度统筹健全 社会救助体系的实施意见") == (
        "中共昌乐县委办公室 昌乐县人民政府办公室关于改革完善社会救助制度统筹健全社会救助体系的实施意见")
    assert unwrap_title("枞阳县社会救助工作便民惠民 优化服务行动方案") == "枞阳县社会救助工作便民惠民优化服务行动方案"
