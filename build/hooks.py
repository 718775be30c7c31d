# SPDX-License-Identifier: MIT
"""MkDocs hooks: thin adapters from MkDocs events to the pure build functions.

Markers in Markdown (HTML comments, so another generator would just ignore
them): ``<!-- jz:policy-index -->``, ``<!-- jz:anchor-table -->``,
``<!-- jz:calculator dibao -->`` (the browser calculator),
``<!-- jz:calc-query dibao -->`` (its link parameters, for campaigns),
``<!-- jz:place-rules dibao -->`` (what each place's documents add, from policy_data),
``<!-- jz:screener -->`` (我家能申请哪些救助), ``<!-- jz:ledger -->`` (台账核查, staff),
``<!-- jz:jurisdiction-codes -->``, ``<!-- jz:parameter-comparison -->``, ``<!-- jz:search -->``,
``<!-- jz:quick-tables -->``, ``<!-- jz:cards-index -->``, ``<!-- jz:pending-laws -->`` (documents on their way, dated), and
the examples in hand-written pages, made from the site's own data (``build/site_examples.py``):
``<!-- jz:green-channel -->``, ``<!-- jz:anchor-example -->``, ``<!-- jz:link-examples -->``.  An unknown ``jz:``
marker or calculator name stops the build, so a typo never ships silently.

Generated pages (``on_files``): ``parameters/<place>.md`` and ``cards/<place>-<aid>.md``.
After the build (``on_post_build``): redirect pages, QR codes (with JZ_PUBLIC_URL),
the search index (Pagefind), the service worker, and pre-compressed copies.

No module state: what one build knows (pages, compiled data, assets) is a ``SiteState`` made in
``on_config`` and kept on that build's config object, so ``mkdocs serve`` rebuilds start afresh.
Markers are a registry (``MARKERS``: name → function), not a chain of ``if``.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from pathspec.gitignore import GitIgnoreSpec

if str(Path(__file__).resolve().parent.parent) not in sys.path:  # calculators/ (MkDocs adds only build/, while loading hooks)
    sys.path.append(str(Path(__file__).resolve().parent.parent))

from calculators.core.params import ParameterSet
from calculators.ui.forms import FORMS

from assets.calculator import CalculatorBuildError, write_assets
from data.compile import PolicyDataError, compile_policy_data
from data.documents import POLICY_DIR, PolicyPage, PolicyPageError, applies_everywhere, load_policy_pages
from data.health import build_date, health_markdown
from pages.anchors import check_anchors, read_lock
from pages.cards import AIDS, card_markdown, card_places, cards_index
from pages.examples import anchor_example, green_channel_line, link_examples
from pages.forms import (
    early_start_script,
    json_script,
    jurisdiction_codes_md,
    query_reference_md,
    render_form,
    render_ledger,
    render_screener,
)
from pages.places import place_page
from pages.policy import anchor_table, anchors_compact, fill_nav, grouped, metadata_card, policy_index
from pages.qr import qr_svg
from pages.reference import (
    add_backlinks,
    backlinks,
    comparison_table,
    jurisdiction_page,
    pending_note,
    pending_text,
    place_rules,
    quick_tables,
)
from pages.search import SearchIndexError, excluded, mark_article, policy_search_attrs, search_form
from pages.urls import check_pages, record_pages
from pages.urls import read_lock as read_page_lock
from publish.postbuild import PostBuildError, post_build

RE_MARKER = re.compile(r"<!--\s*jz:([a-z-]+)(?:\s+([a-z0-9-]+))?\s*-->")
RE_CALC_SLOT = re.compile(r'<div data-jz-calc="([a-z]+)"></div>')
SCREENER_SLOT = "<div data-jz-screener></div>"
LEDGER_SLOT = "<div data-jz-ledger></div>"


def _up(page: Page) -> str:
    """From a page's URL back to the site root (``calculators/dibao/`` → ``../../``)."""
    return "../" * page.url.count("/") if page.url else ""


@dataclass
class SiteState:
    """What one build knows, made by ``on_config``."""

    pages: dict[str, PolicyPage]
    redirects: dict[str, str]
    policy_data: dict[str, Any]
    params: ParameterSet
    public_url: str
    calc_assets: dict[str, Any] = field(default_factory=dict)
    backlinks: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    early: dict[str, str] = field(default_factory=dict)  # page URL → the <head> script that starts its worker


def _site(config: MkDocsConfig) -> SiteState:
    site = getattr(config, "jz_site", None)
    if not isinstance(site, SiteState):
        raise PluginError("内部错误：on_config 没有运行 / on_config did not run")
    return site


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    docs = Path(config["docs_dir"])
    try:
        pages = load_policy_pages(docs)
    except ValueError as exc:
        raise PluginError(str(exc)) from exc
    lock = read_lock()
    errors = check_anchors(pages, lock)
    if errors:
        raise PluginError("锚点检查未通过 / anchor check failed:\n" + "\n".join(errors))
    try:
        policy_data = compile_policy_data(Path(config["docs_dir"]).parent / "policy_data", docs)
    except PolicyDataError as exc:
        raise PluginError(f"policy_data 错误 / error: {exc}") from exc
    params = ParameterSet(policy_data)
    try:  # the 政策文件 section comes from the pages' front matter
        fill_nav(config["nav"], pages, {j: params.name(j) for j in params.jurisdictions})
    except PolicyPageError as exc:
        raise PluginError(str(exc)) from exc
    # Pages reached from an index rather than the nav: documents (at scale) or place pages.
    hidden = [f"/{POLICY_DIR}/*.md"] if grouped(pages) else ["/places/*.md"]
    spec = config["not_in_nav"]
    config["not_in_nav"] = GitIgnoreSpec.from_lines([p.pattern for p in (spec.patterns if spec else [])] + hidden)
    # The published address: JZ_PUBLIC_URL (extra.public_url) for one build, else mkdocs.yml's site_url.
    public = str(config["extra"].get("public_url") or config.get("site_url") or "")
    if public and not public.endswith("/"):
        raise PluginError(f"site_url / extra.public_url / JZ_PUBLIC_URL 要以 / 结尾 / must end with '/': {public}")
    if not public:  # printed, not logged: a strict build of a not-yet-published site must still pass
        print("警告 / WARNING: 没有设置网站地址（mkdocs.yml 的 site_url，或 JZ_PUBLIC_URL），明白卡上没有二维码，只印网址；"
              "发布前请设置 / no site_url: 明白卡 get no QR code", file=sys.stderr)
    config.jz_site = SiteState(pages, lock["redirects"], policy_data, params, public)  # type: ignore[attr-defined]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Write the calculator runtime and bundles (after MkDocs has cleaned site_dir);
    add one generated parameter page per jurisdiction (``parameters/<id>.md``)."""
    site = _site(config)
    try:
        site.calc_assets = write_assets(Path(config["site_dir"]), site.policy_data)
    except CalculatorBuildError as exc:
        raise PluginError(str(exc)) from exc
    params = site.params
    for j in sorted(params.jurisdictions):
        files.append(File.generated(config, f"parameters/{j}.md", content=jurisdiction_page(j, params, build_date())))
    files.append(File.generated(config, "parameters/health.md", content=health_markdown(params, build_date())))
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
        files.append(File.generated(config, f"places/{j}.md", content=place_page(j, docs, params, card_places(params), build_date(), higher)))
    for j, _ in card_places(params):
        for aid in AIDS:
            text = card_markdown(params, j, aid, build_date(), site.public_url, qr_svg)
            files.append(File.generated(config, f"cards/{j}-{aid}.md", content=text))
    if anchors_compact(site.pages):  # the anchor list names documents only and links the full list
        files.append(File.generated(config, "about/anchors.json", content=json.dumps(read_lock(), ensure_ascii=False)))
    site.backlinks = backlinks(params)
    return files


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
        raise PluginError(f"{m.src}: 没有计算器 / no calculator '{m.arg}' (可选 {', '.join(FORMS)})")
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


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site = _site(config)
    policy = _policy_page(site, page)
    if policy is not None and not page.meta.get("description"):
        m = policy.meta
        number = f"（{m['doc_number']}）" if m.get("doc_number") else ""
        page.meta["description"] = f"{m['short_title']}：{m['issuer']}{number}，{m['date']}。原文照录，每一条都有固定链接，可复制引用。"

    def replace(found: re.Match[str]) -> str:
        name = found.group(1)
        render = MARKERS.get(name)
        if render is None:
            raise PluginError(f"{page.file.src_uri}: 未知标记 / unknown marker 'jz:{name}'")
        return render(Marker(site, page.file.src_uri, found.group(2), "../" * page.file.src_uri.count("/"), _up(page)))

    return RE_MARKER.sub(replace, markdown)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Pages in the search index get their article marked; calculator pages: the worker starts
    from <head> (see pages/forms.py EARLY_START)."""
    site = _site(config)
    if _policy_page(site, page) is None and not excluded(page.meta):
        try:
            output = mark_article(output)
        except SearchIndexError as exc:
            raise PluginError(f"{page.file.src_uri}: {exc}") from exc
    script = site.early.get(page.url)
    if script:
        charset = re.search(r'<meta charset="[^"]*">', output)
        at = charset.end() if charset else output.find("<head>") + len("<head>")
        output = output[:at] + script + output[at:]
    return output


def _policy_page(site: SiteState, page: Page) -> PolicyPage | None:
    uri = page.file.src_uri
    if not uri.startswith(POLICY_DIR + "/") or uri.endswith("index.md"):
        return None
    return site.pages.get(Path(uri).stem)


TOOLS: dict[str, tuple[str, Callable[[ParameterSet, dict[str, Any], str], str]]] = {
    "screener": (SCREENER_SLOT, render_screener),
    "ledger": (LEDGER_SLOT, render_ledger),
}


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site = _site(config)
    slots = RE_CALC_SLOT.findall(html_text) + [name for name, (slot, _) in TOOLS.items() if slot in html_text]
    if len(slots) > 1:
        raise PluginError(f"{page.file.src_uri}: 一页只能放一个计算器 / one calculator per page")
    if slots:  # the form, and the <head> script that starts the worker (pages/forms.py EARLY_START)
        params, assets = site.params, site.calc_assets
        if slots[0] in TOOLS:
            slot, render = TOOLS[slots[0]]
            html_text = html_text.replace(slot, render(params, assets, _up(page)), 1)
        else:
            form = render_form(slots[0], params, assets, _up(page), build_date(), qr=bool(site.public_url))
            html_text = RE_CALC_SLOT.sub(lambda m: form, html_text)
        site.early[page.url] = early_start_script(assets, _up(page), ledger=slots[0] == "ledger")
    policy = _policy_page(site, page)
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


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Published page addresses must stay (or redirect): see build/page_urls.py."""
    urls = {"" if f.url in ("./", ".") else f.url for f in files.documentation_pages()}
    lock = read_page_lock()
    if os.environ.get("JZ_RECORD_PAGES") == "1":  # python build/page_urls.py --update
        record_pages(urls, lock)
        lock = read_page_lock()
    errors = check_pages(urls, lock)
    if errors:
        raise PluginError("页面地址检查未通过 / page URL check failed:\n" + "\n".join(errors))
    return nav


def on_post_build(config: MkDocsConfig) -> None:
    """The post-build stage (build/postbuild.py): the same steps run standalone after any builder."""
    site = _site(config)
    try:
        post_build(Path(config["site_dir"]), Path(config["docs_dir"]), site.public_url, site.pages)
    except PostBuildError as exc:
        raise PluginError(str(exc)) from exc
