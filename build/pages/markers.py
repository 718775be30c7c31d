# SPDX-License-Identifier: MIT
"""Markers in Markdown, filled from the site's data before the Markdown is rendered.

A marker is an HTML comment, so another generator would just ignore it: ``<!-- jz:policy-index -->``,
``<!-- jz:anchor-table -->``, ``<!-- jz:calculator dibao -->`` (the browser calculator: a slot the HTML stage
fills with its form, ``pages/finish.py``), ``<!-- jz:calc-query dibao -->`` (its link parameters, for
campaigns), ``<!-- jz:place-rules dibao -->`` (what each place's documents add, from policy_data),
``<!-- jz:screener -->`` (我家能申请哪些救助), ``<!-- jz:ledger -->`` (台账核查, staff),
``<!-- jz:jurisdiction-codes -->``, ``<!-- jz:parameter-comparison -->``, ``<!-- jz:search -->``,
``<!-- jz:quick-tables -->``, ``<!-- jz:cards-index -->``, ``<!-- jz:pending-laws -->`` (documents on their
way, dated), and the examples in hand-written pages, made from the site's own data (``pages/examples.py``):
``<!-- jz:green-channel -->``, ``<!-- jz:anchor-example -->``, ``<!-- jz:link-examples -->``.  An unknown
``jz:`` marker or calculator name stops the build, so a typo never ships silently.  Markers are a registry
(``MARKERS``: name → function), not a chain of ``if``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from calculators.ui.forms import FORMS

from data.health import build_date
from pages.cards import cards_index
from pages.examples import anchor_example, green_channel_line, link_examples
from pages.forms import jurisdiction_codes_md, query_reference_md
from pages.policy import anchor_table, policy_index
from pages.reference import comparison_table, pending_text, place_rules, quick_tables
from pages.search import search_form
from pages.site import SiteError, SiteState

RE_MARKER = re.compile(r"<!--\s*jz:([a-z-]+)(?:\s+([a-z0-9-]+))?\s*-->")
# What a tool's marker leaves in the Markdown, for the HTML stage to fill (pages/finish.py).
RE_CALC_SLOT = re.compile(r'<div data-jz-calc="([a-z]+)"></div>')
SCREENER_SLOT = "<div data-jz-screener></div>"
LEDGER_SLOT = "<div data-jz-ledger></div>"


@dataclass(frozen=True)
class Marker:
    """Where a marker is met: the build, the page's source path, its argument, the path back to docs/ and to the root."""

    site: SiteState
    src: str
    arg: str | None
    docs_up: str
    root_up: str


def _calculator_name(m: Marker) -> str:
    if m.arg not in FORMS:
        raise SiteError(f"{m.src}: 没有计算器 / no calculator '{m.arg}' (可选 {', '.join(FORMS)})")
    return str(m.arg)


MARKERS: dict[str, Callable[[Marker], str]] = {
    "screener": lambda m: SCREENER_SLOT,
    "ledger": lambda m: LEDGER_SLOT,
    "calculator": lambda m: f'<div data-jz-calc="{_calculator_name(m)}"></div>',
    "place-rules": lambda m: place_rules(_calculator_name(m), m.site.params, build_date(), m.docs_up),
    "calc-query": lambda m: query_reference_md(_calculator_name(m), m.site.params),
    "parameter-comparison": lambda m: comparison_table(m.site.params, build_date()),
    "cards-index": lambda m: cards_index(m.site.params),
    "quick-tables": lambda m: quick_tables(m.site.params, build_date()),
    "jurisdiction-codes": lambda m: jurisdiction_codes_md(m.site.params),
    "policy-index": lambda m: policy_index(m.site.pages),
    "search": lambda m: search_form(sorted({str(p.meta["jurisdiction"]) for p in m.site.pages.values()}), m.root_up),
    "pending-laws": lambda m: "\n\n".join(pending_text(p) for p in m.site.policy_data.get("pending", [])) or "没有。",
    "anchor-table": lambda m: anchor_table(m.site.pages, m.docs_up),
    "green-channel": lambda m: green_channel_line(m.site.params, m.site.pages, m.docs_up),
    "anchor-example": lambda m: anchor_example(m.site.pages),
    "link-examples": lambda m: link_examples(m.site.params),
}


def up(url: str) -> str:
    """From a page's URL back to the site root (``calculators/dibao/`` → ``../../``)."""
    return "../" * url.count("/") if url else ""


def fill_markers(markdown: str, src_uri: str, url: str, site: SiteState) -> str:
    """The page's Markdown with every ``jz:`` marker replaced (``src_uri``: its path in docs/, ``url``: its address)."""

    def replace(found: re.Match[str]) -> str:
        name = found.group(1)
        render = MARKERS.get(name)
        if render is None:
            raise SiteError(f"{src_uri}: 未知标记 / unknown marker 'jz:{name}'")
        return render(Marker(site, src_uri, found.group(2), "../" * src_uri.count("/"), up(url)))

    return RE_MARKER.sub(replace, markdown)


def policy_description(meta: dict[str, Any]) -> str:
    """A document's ``<meta name="description">`` (and link-card text), from its front matter."""
    number = f"（{meta['doc_number']}）" if meta.get("doc_number") else ""
    return f"{meta['short_title']}：{meta['issuer']}{number}，{meta['date']}。原文照录，每一条都有固定链接，可复制引用。"
