# SPDX-License-Identifier: MIT
"""A rendered page finished: what needs the page's HTML, not its Markdown.

``finish_content`` works on a page's content (the HTML rendered from its Markdown, before the theme wraps
it): a tool's slot becomes its form (``pages/forms.py``) and the page's ``<head>`` script is noted; a
document gets its metadata card after the title, 本条款用于 after each clause something rests on, the
attributes the search and 复制引用 read, and its anchor redirects.  ``finish_page`` works on the whole page
after the theme: the search marks on other pages' ``<article>``, and the early-start script first in
``<head>``.  MkDocs calls them from its page events (``build/hooks.py``); after another builder,
``build/generate_pages.py`` runs them over the built files.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from calculators.core.params import ParameterSet

from data.documents import POLICY_DIR, PolicyPage
from data.health import build_date
from pages.forms import SPECULATION_RULES, early_start_script, json_script, render_form, render_ledger, render_screener
from pages.markers import LEDGER_SLOT, RE_CALC_SLOT, SCREENER_SLOT, up
from pages.policy import metadata_card
from pages.reference import add_backlinks, pending_note
from pages.search import SearchIndexError, excluded, mark_article, policy_search_attrs
from pages.site import SiteError, SiteState

TOOLS: dict[str, tuple[str, Callable[[ParameterSet, dict[str, Any], str], str]]] = {
    "screener": (SCREENER_SLOT, render_screener),
    "ledger": (LEDGER_SLOT, render_ledger),
}


def policy_page(site: SiteState, src_uri: str) -> PolicyPage | None:
    """The document a page is, if it is one (``policies/<doc_id>.md``, not the index)."""
    if not src_uri.startswith(POLICY_DIR + "/") or src_uri.endswith("index.md"):
        return None
    return site.pages.get(Path(src_uri).stem)


def finish_content(html_text: str, src_uri: str, url: str, site: SiteState) -> str:
    """The page's content HTML with its tool's form, or, for a document, its card, backlinks and wrapper."""
    slots = RE_CALC_SLOT.findall(html_text) + [name for name, (slot, _) in TOOLS.items() if slot in html_text]
    if len(slots) > 1:
        raise SiteError(f"{src_uri}: 一页只能放一个计算器 / one calculator per page")
    if slots:  # the form, and the <head> script that starts the worker (pages/forms.py EARLY_START)
        params, assets = site.params, site.calc_assets
        if slots[0] in TOOLS:
            slot, render = TOOLS[slots[0]]
            html_text = html_text.replace(slot, render(params, assets, up(url)), 1)
        else:
            form = render_form(slots[0], params, assets, up(url), build_date(), qr=bool(site.public_url))
            html_text = RE_CALC_SLOT.sub(lambda m: form, html_text)
        site.early[url] = early_start_script(assets, up(url), ledger=slots[0] == "ledger") + (
            SPECULATION_RULES if slots[0] == "screener" else "")
    policy = policy_page(site, src_uri)
    if policy is None:
        return html_text
    html_text = add_backlinks(html_text, policy.doc_id, site.backlinks, "../../")
    card = metadata_card(policy.meta)
    if site.public_url:
        card += (
            f'<p class="qr-links">二维码（用于海报、明白卡）：<a href="qr/page.svg" download="{policy.doc_id}.svg">本文件</a>；'
            "每一条的二维码在条款标题旁。</p>"
        )
    for pending in site.policy_data.get("pending", []):
        if policy.doc_id in (pending.get("supersedes") or []):
            card += pending_note(pending)
    cut = html_text.find("</h1>")
    if cut >= 0:
        html_text = html_text[: cut + 5] + card + html_text[cut + 5 :]
    else:
        html_text = card + html_text
    redirects = {src.partition("#")[2]: dst for src, dst in site.redirects.items() if src.startswith(policy.doc_id + "#")}
    script = json_script("anchor-redirects", redirects) if redirects else ""
    qr_attr = ' data-qr="qr/"' if site.public_url else ""
    search_attrs, filters = policy_search_attrs(policy.meta)
    return (
        f'<div class="policy-text"{qr_attr}{search_attrs} data-doc-id="{policy.doc_id}" '
        f'data-cite-title="{html.escape(str(policy.meta["cite_title"]))}">{filters}{html_text}</div>{script}'
    )


def finish_page(output: str, src_uri: str, url: str, meta: Mapping[str, Any], site: SiteState) -> str:
    """The whole page: other pages in the search index get their article marked; calculator pages: the worker
    starts from ``<head>`` (see pages/forms.py EARLY_START)."""
    if policy_page(site, src_uri) is None and not excluded(meta):
        try:
            output = mark_article(output)
        except SearchIndexError as exc:
            raise SiteError(f"{src_uri}: {exc}") from exc
    script = site.early.get(url)
    if script:
        charset = re.search(r'<meta charset="[^"]*">', output)
        at = charset.end() if charset else output.find("<head>") + len("<head>")
        output = output[:at] + script + output[at:]
    return output
