# SPDX-License-Identifier: MIT
"""The published documents as data: each page's front matter and its clause anchors.

``docs/policies/<doc_id>.md`` is read into a ``PolicyPage`` (front matter + ``Clause`` list, each
clause with its anchor, citation text and line).  The compile (``data/compile.py``) resolves clause
references against it, the pages stage renders from it, the anchor lock checks it.  Pure functions;
nothing here depends on MkDocs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

POLICY_DIR = "policies"

# A heading with explicit attributes: ``## 二、主要任务 {#s2 data-cite="二、"}``
RE_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*\{#([A-Za-z0-9][A-Za-z0-9_-]*)([^}]*)\}\s*$")
RE_CITE = re.compile(r'data-cite="([^"]*)"')
# An anchored paragraph (an article's item or 款): attr_list on the paragraph's last line,
# ``（一）由共同生活的……\n{: #art11-1 data-cite="第十一条第（一）项" }``
RE_PARA_ATTRS = re.compile(r"^\{:\s*#([A-Za-z0-9][A-Za-z0-9_-]*)([^}]*)\}\s*$")
RE_ANCHOR_OK = re.compile(r"^[a-z0-9][a-z0-9-]*$")

REQUIRED_META = ("doc_id", "title", "short_title", "cite_title", "issuer", "jurisdiction", "county", "kind", "topics")

# Topic index: a clause belongs to a topic when its heading names it.
TOPIC_KEYWORDS: dict[str, tuple[str, ...]] = {
    "低保": ("低保", "最低生活保障", "基本生活救助"),
    "特困": ("特困",),
    "临时救助": ("临时救助", "急难", "救急难"),
    "医疗": ("医疗",),
    "教育": ("教育",),
    "住房": ("住房",),
    "就业": ("就业",),
    "服务类救助": ("服务类", "购买服务", "照料", "照护"),
    "监测预警": ("监测", "预警", "主动发现"),
    "受灾": ("受灾", "自然灾害"),
    "流浪乞讨": ("流浪", "乞讨"),
}


class PolicyPageError(ValueError):
    """A policy page cannot be read: names the file, line and problem."""


@dataclass(frozen=True)
class Clause:
    anchor: str
    title: str
    cite: str
    level: int
    line: int


@dataclass
class PolicyPage:
    path: Path
    meta: dict[str, Any]
    clauses: list[Clause] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return str(self.meta["doc_id"])

    @property
    def url(self) -> str:
        return f"{POLICY_DIR}/{self.doc_id}/"

    def clause(self, anchor: str) -> Clause | None:
        return next((c for c in self.clauses if c.anchor == anchor), None)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """Return (meta, body, line number where the body starts)."""
    if not text.startswith("---\n"):
        return {}, text, 1
    end = text.find("\n---\n", 4)
    if end < 0:
        raise PolicyPageError("front matter has no closing '---'")
    meta = yaml.safe_load(text[4:end]) or {}
    body_start = text[: end + 5].count("\n") + 1
    return meta, text[end + 5 :], body_start


def strip_markup(text: str) -> str:
    """Heading text as shown: Markdown escapes and entities removed."""
    text = re.sub(r"\\(.)", r"\1", text)
    return html.unescape(text)


def read_policy_page(path: Path) -> PolicyPage:
    text = path.read_text(encoding="utf-8-sig")
    try:
        meta, body, first = split_front_matter(text)
    except (PolicyPageError, yaml.YAMLError) as exc:
        raise PolicyPageError(f"{path}: 页面元数据无法读取 / cannot read front matter: {exc}") from exc
    missing = [k for k in REQUIRED_META if k not in meta]
    if missing:
        raise PolicyPageError(f"{path}:1: 页面元数据缺少字段 / front matter lacks: {', '.join(missing)}")
    if meta["doc_id"] != path.stem:
        raise PolicyPageError(f"{path}:1: doc_id '{meta['doc_id']}' must equal the file name '{path.stem}'")
    page = PolicyPage(path, meta)
    seen: dict[str, int] = {}
    lines = body.splitlines()
    heading_level = 1
    for offset, line in enumerate(lines):
        m = RE_HEADING.match(line)
        if m:
            hashes, title, anchor, rest = m.groups()
            start, level = offset, len(hashes)
            heading_level = level
        elif (p := RE_PARA_ATTRS.match(line)) and offset and lines[offset - 1].strip():
            start = offset - 1  # the paragraph the attributes close: back to the blank line before it
            while start and lines[start - 1].strip():
                start -= 1
            anchor, rest = p.groups()
            title, level = "".join(s.strip() for s in lines[start:offset]), heading_level + 1
        else:
            continue
        lineno = first + start
        if not RE_ANCHOR_OK.match(anchor):
            raise PolicyPageError(f"{path}:{lineno}: 锚点只能用小写字母、数字和连字符 / anchor '{anchor}' must be lower-case ASCII")
        if anchor in seen:
            raise PolicyPageError(f"{path}:{lineno}: 锚点重复 / duplicate anchor '{anchor}' (first on line {seen[anchor]})")
        seen[anchor] = lineno
        cite = RE_CITE.search(rest)
        page.clauses.append(Clause(anchor, strip_markup(title), cite.group(1) if cite else "", level, lineno))
    return page


def load_policy_pages(docs_dir: Path) -> dict[str, PolicyPage]:
    """All policy pages in ``docs/policies`` (index.md excluded), by doc id."""
    pages = {}
    for path in sorted((docs_dir / POLICY_DIR).glob("*.md")):
        if path.name == "index.md":
            continue
        page = read_policy_page(path)
        pages[page.doc_id] = page
    return pages


def applies_everywhere(page: PolicyPage) -> bool:
    """A national document: no place page of its own (nobody picks “全国” as a place); the nav and the
    index list it directly, and every place page lists it among its 上级文件."""
    return page.meta.get("level") == "national"
