# SPDX-License-Identifier: MIT
"""What the search indexes, marked on the pages, and the search page's form.

Pagefind indexes only what carries ``data-pagefind-body``: policy pages with the filters 类别=政策条款
and 地区=<place> (``policy_search_attrs``), other pages' ``<article>`` filed under 类别=工具与说明
(``mark_article``) unless their front matter says ``search: exclude: true`` (``excluded``).  The
index itself is written after the build (``publish/search.py``).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

POLICY_KIND = "政策条款"
OTHER_KIND = "工具与说明"


class SearchIndexError(RuntimeError):
    pass


def excluded(meta: Mapping[str, Any]) -> bool:
    search = meta.get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))


def place_label(meta: dict[str, Any]) -> str:
    return str(meta.get("jurisdiction", ""))


def policy_search_attrs(meta: dict[str, Any]) -> tuple[str, str]:
    """Attributes for a policy page's text container, and its hidden filters."""
    title = html.escape(str(meta.get("short_title") or meta.get("title")), quote=True)
    place = html.escape(place_label(meta), quote=True)
    # A plan whose rules lapsed with its period (``on_expiry: lapse``, e.g. the 2018–2020 范本) is still found,
    # but the search page ranks it below texts in force for the same words (meta ``lapsed``).
    lapsed = '<span hidden data-pagefind-meta="lapsed:1"></span>' if meta.get("on_expiry") == "lapse" else ""
    return (
        f' data-pagefind-body data-pagefind-meta="title:{title}"',
        f'<span hidden data-pagefind-filter="类别:{POLICY_KIND}"></span><span hidden data-pagefind-filter="地区:{place}"></span>{lapsed}',
    )


ARTICLE = '<article class="md-content__inner md-typeset">'


def mark_article(page_html: str) -> str:
    """A non-policy page in the index: its article is the body, filed under 工具与说明.
    (The attribute goes on the theme's <article>, not a wrapper, so CSS that selects the article's
    children — the print sheet — still sees them.)"""
    if ARTICLE not in page_html:
        raise SearchIndexError("页面里没有 Material 的 <article>，无法标记搜索范围 / no <article> to index")
    marked = f'{ARTICLE[:-1]} data-pagefind-body><span hidden data-pagefind-filter="类别:{OTHER_KIND}"></span>'
    return page_html.replace(ARTICLE, marked, 1)


def search_form(places: list[str], up: str) -> str:
    """The search page's form: a big box, a place filter, results (filled by search-page.js)."""
    options = "".join(f'<option value="{html.escape(p, quote=True)}">{html.escape(p)}</option>' for p in places)
    return (
        '<form id="jz-search" class="jz-search" role="search" action="./" method="get">'
        '<label for="jz-q" class="jz-search__label">要找的词</label>'
        '<input id="jz-q" name="q" type="search" enterkeyhint="search" autocomplete="off" '
        'placeholder="例如：渐退期、单人户、临时救助 标准">'
        '<label for="jz-place" class="jz-search__label">地区</label>'
        f'<select id="jz-place" name="place"><option value="">全部地区</option>{options}</select>'
        '<button type="submit" class="md-button md-button--primary">搜索</button>'
        "</form>"
        '<p id="jz-search-status" class="jz-search__status" role="status" aria-live="polite"></p>'
        '<ol id="jz-search-results" class="jz-hits"></ol>'
        '<h2 id="jz-tools-title" class="jz-search__tools" hidden>工具和说明页面</h2>'
        '<ul id="jz-search-tools" class="jz-hits jz-hits--tools"></ul>'
        "<noscript><p>搜索需要浏览器的 JavaScript。政策文件也可以从“政策文件”目录逐份查看。</p></noscript>"
        f'<script src="{up}assets/js/search-page.js" defer></script>'
    )
