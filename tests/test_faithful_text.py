# SPDX-License-Identifier: MIT
"""The published text of each document equals its source text.

Both sides are normalised the same way: Unicode NFKC (full/half-width
punctuation), all whitespace removed, markup removed.  What is not compared is
listed here, each with its reason, so the check stays exact:

* page furniture in the source (listed in each page's front matter →
  ``furniture`` by ``build/add_document.py``: scraped headers, view counters,
  a duplicated summary), which the import drops;
* Markdown markers in the source extraction (leading ``#``, a list's leading ``- ``, a quote's ``> ``,
  a ``---`` rule);
* on the site: the metadata card, editor's notes and permalink symbols, which
  are ours and visibly marked;
* a table's header row (front matter ``table_header``, e.g. 怀远's 序号 工作任务
  工作要求 工作目标 完成时限): on the site its value labels are repeated on
  every row (``<dt>``) instead.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from data.documents import load_policy_pages
from demo_project import ROOTS, checked_documents
from ingest.readers import read_source

# Every demo document (tests/fixtures/demo/) and every live one that is not a demo document file for file.
CHECKED = checked_documents()
PAGES = {where: load_policy_pages(root / "docs") for where, root in ROOTS.items()}
SOURCES = {where: root / "tests" / "sources" for where, root in ROOTS.items()}


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text)


class PolicyTextParser(HTMLParser):
    """Collect the text inside ``.policy-text`` minus what is ours."""

    SKIP_CLASSES = {"doc-meta", "editor-note", "headerlink", "cite-btn", "used-by", "qr-links"}

    def __init__(self, skip_dt: bool) -> None:
        super().__init__()
        self.depth = 0  # depth inside .policy-text
        self.skip_at: int | None = None
        self.skip_dt = skip_dt
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if self.depth == 0:
            if "policy-text" in classes:
                self.depth = 1
            return
        if tag in {"br", "img", "hr", "input", "meta", "link"}:
            return
        self.depth += 1
        if self.skip_at is None and (classes & self.SKIP_CLASSES or (self.skip_dt and tag == "dt")):
            self.skip_at = self.depth

    def handle_endtag(self, tag):
        if self.depth == 0 or tag in {"br", "img", "hr", "input", "meta", "link"}:
            return
        if self.skip_at == self.depth:
            self.skip_at = None
        self.depth -= 1

    def handle_data(self, data):
        if self.depth and self.skip_at is None:
            self.parts.append(data)


def published_text(html: str, skip_dt: bool) -> str:
    parser = PolicyTextParser(skip_dt)
    parser.feed(html)
    assert parser.parts, "no .policy-text found on the page"
    return normalise("".join(parser.parts))


def source_text(meta: dict, sources: Path = SOURCES["demo"]) -> str:
    lines, _ = read_source(sources / meta["source_file"])
    furniture = set(meta.get("furniture", []))
    kept = []
    for line in lines:
        s = line.strip()
        if s in furniture or s == "---":
            continue
        kept.append(re.sub(r"^(#+\s*|[-*+>]\s+)", "", s))
    text = "\n".join(kept)
    if meta.get("table_header"):
        header = "\n".join(meta["table_header"])
        assert header in text
        text = text.replace(header, "", 1)
    return normalise(text)


def first_difference(a: str, b: str) -> str:
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"first difference at {i}:\n source: …{a[max(0, i - 30):i + 40]}…\n   site: …{b[max(0, i - 30):i + 40]}…"


@pytest.mark.parametrize(("where", "doc_id"), CHECKED, ids=[f"{w}:{d}" for w, d in CHECKED])
def test_published_text_equals_source(where, doc_id, built_site, live_site):
    meta = PAGES[where][doc_id].meta
    site_dir = built_site if where == "demo" else live_site
    html = (site_dir / "policies" / doc_id / "index.html").read_text(encoding="utf-8")
    site = published_text(html, skip_dt=bool(meta.get("table_header")))
    source = source_text(meta, SOURCES[where])
    assert site == source, first_difference(source, site)


@pytest.mark.parametrize(("where", "doc_id"), CHECKED, ids=[f"{w}:{d}" for w, d in CHECKED])
def test_every_furniture_line_exists_in_its_source(where, doc_id):
    # A furniture entry that matches nothing would silently stop protecting us.
    page = PAGES[where][doc_id]
    lines = {ln.strip() for ln in read_source(SOURCES[where] / page.meta["source_file"])[0]}
    for f in page.meta.get("furniture", []):
        assert f in lines, (doc_id, f)


def test_parser_drops_editor_notes_and_keeps_text():
    html = (
        '<div class="policy-text"><h2 id="s1">一、总体<a class="headerlink">¶</a></h2>'
        '<div class="editor-note"><p>编者注 x</p></div><p>正文，<br>保留。</p></div><p>页脚</p>'
    )
    assert published_text(html, skip_dt=False) == normalise("一、总体正文，保留。")
