# SPDX-License-Identifier: MIT
"""What one build knows, and the pages it adds: the same for MkDocs' hooks and for a build without them.

``load_site`` reads the documents, checks their anchors against the lock, compiles ``policy_data/`` and
checks the public address — what ``on_config`` did — and returns a ``SiteState``; ``generated_pages`` is
every page the data adds (``parameters/<place>.md``, 参数体检, ``places/<place>.md``, 明白卡, and at province
scale ``about/anchors.json``), by path, in the order a build adds them.  Errors are ``SiteError`` with the
message a reader acts on; the hooks turn them into MkDocs' ``PluginError``.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from calculators.core.params import ParameterSet

from data.compile import PolicyDataError, compile_policy_data
from data.documents import POLICY_DIR, PolicyPage, applies_everywhere, load_policy_pages
from data.health import health_markdown
from pages import anchors, urls
from pages.cards import AIDS, card_markdown, card_places
from pages.places import place_page
from pages.policy import anchors_compact, grouped
from pages.qr import qr_svg
from pages.reference import backlinks, jurisdiction_page


class SiteError(ValueError):
    """The build cannot go on: the message names the page or file and what to change."""


@dataclass
class SiteState:
    """What one build knows, made once per build (``load_site``); the calculator assets and the ``<head>``
    scripts of calculator pages are added as the build writes them."""

    pages: dict[str, PolicyPage]
    redirects: dict[str, str]
    policy_data: dict[str, Any]
    params: ParameterSet
    public_url: str
    calc_assets: dict[str, Any] = field(default_factory=dict)
    backlinks: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    early: dict[str, str] = field(default_factory=dict)  # page URL → the <head> script that starts its worker
    anchor_lock: dict[str, dict[str, Any]] = field(default_factory=dict)  # build/anchors.lock.json as read

    @property
    def place_names(self) -> dict[str, str]:
        return {j: self.params.name(j) for j in self.params.jurisdictions}


def load_site(docs: Path, public_url: str) -> SiteState:
    """The documents (anchors checked against ``build/anchors.lock.json``), the compiled data and the public
    address (``""``: not yet published — then 明白卡 get no QR code, and a warning says so)."""
    try:
        pages = load_policy_pages(docs)
    except ValueError as exc:
        raise SiteError(str(exc)) from exc
    lock = anchors.read_lock(docs.parent / "build" / anchors.LOCK_PATH.name)  # the project's (docs/ is in it)
    errors = anchors.check_anchors(pages, lock)
    if errors:
        raise SiteError("锚点检查未通过 / anchor check failed:\n" + "\n".join(errors))
    try:
        policy_data = compile_policy_data(docs.parent / "policy_data", docs)
    except PolicyDataError as exc:
        raise SiteError(f"policy_data 错误 / error: {exc}") from exc
    if public_url and not public_url.endswith("/"):
        raise SiteError(f"site_url / extra.public_url / JZ_PUBLIC_URL 要以 / 结尾 / must end with '/': {public_url}")
    if not public_url:  # printed, not logged: a strict build of a not-yet-published site must still pass
        print("警告 / WARNING: 没有设置网站地址（mkdocs.yml 的 site_url，或 JZ_PUBLIC_URL），明白卡上没有二维码，只印网址；"
              "发布前请设置 / no site_url: 明白卡 get no QR code", file=sys.stderr)
    params = ParameterSet(policy_data)
    return SiteState(pages, lock["redirects"], policy_data, params, public_url, backlinks=backlinks(params), anchor_lock=lock)


def hidden_pages(pages: dict[str, PolicyPage]) -> list[str]:
    """Pages reached from an index rather than the nav (``not_in_nav`` patterns): the documents at scale,
    else the place pages."""
    return [f"/{POLICY_DIR}/*.md"] if grouped(pages) else ["/places/*.md"]


def generated_pages(site: SiteState, today: dt.date) -> dict[str, str]:
    """Every page made from the data, source path → Markdown (or JSON), in the order the build adds them."""
    params, out = site.params, {}
    for j in sorted(params.jurisdictions):
        out[f"parameters/{j}.md"] = jurisdiction_page(j, params, today)
    out["parameters/health.md"] = health_markdown(params, today)
    by_place: dict[str, list[PolicyPage]] = {}
    for page in site.pages.values():
        by_place.setdefault(str(page.meta["county"]), []).append(page)
    for j, _ in card_places(params):  # a county with values but no document yet has its page too
        by_place.setdefault(j, [])
    for j, docs in sorted(by_place.items()):
        if docs and all(applies_everywhere(d) for d in docs):
            continue  # national documents: no place page (nobody picks “全国”); every place page lists them
        chain = params.chain(j)[1:] if j in params.jurisdictions else []
        higher = [(params.name(x), by_place[x]) for x in chain if x in by_place]
        out[f"places/{j}.md"] = place_page(j, docs, params, card_places(params), today, higher)
    for j, _ in card_places(params):
        for aid in AIDS:
            out[f"cards/{j}-{aid}.md"] = card_markdown(params, j, aid, today, site.public_url, qr_svg)
    if anchors_compact(site.pages):  # the anchor list names documents only and links the full list
        out["about/anchors.json"] = json.dumps(site.anchor_lock, ensure_ascii=False)
    return out


def page_url(src_uri: str) -> str:
    """A page's address as MkDocs makes it (``use_directory_urls``): ``calculators/dibao.md`` →
    ``calculators/dibao/``, ``calculators/index.md`` → ``calculators/``, ``index.md`` → ``""``."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def check_page_urls(page_urls: set[str], record: bool = False, lock_path: Path = urls.LOCK_PATH) -> None:
    """Published page addresses must stay, or redirect (``build/pages.lock.json``); ``record``: add new
    ones first (``python build/page_urls.py --update``)."""
    lock = urls.read_lock(lock_path)
    if record:
        urls.record_pages(page_urls, lock, lock_path)
        lock = urls.read_lock(lock_path)
    errors = urls.check_pages(page_urls, lock)
    if errors:
        raise SiteError("页面地址检查未通过 / page URL check failed:\n" + "\n".join(errors))
