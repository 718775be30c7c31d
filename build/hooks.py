# SPDX-License-Identifier: MIT
"""MkDocs hooks: thin adapters from MkDocs events to the stages' functions, nothing else.

``on_config`` loads the site (``pages/site.py``: documents, anchor check, compiled data, public address) and
fills the nav's 政策文件 section; ``on_files`` writes the calculator assets (``assets/calculator.py``) and adds
the generated pages; ``on_page_markdown`` fills the markers (``pages/markers.py``); ``on_page_content`` and
``on_post_page`` finish the rendered page (``pages/finish.py``); ``on_nav`` checks the page addresses;
``on_post_build`` is the post-build stage (``publish/postbuild.py``).  The same functions run without MkDocs:
``python build/generate_pages.py`` (README “Build stages”).

No module state: what one build knows is a ``SiteState`` made in ``on_config`` and kept on that build's
config object, so ``mkdocs serve`` rebuilds start afresh.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from pathspec.gitignore import GitIgnoreSpec

if str(Path(__file__).resolve().parent.parent) not in sys.path:  # calculators/ (MkDocs adds only build/, while loading hooks)
    sys.path.append(str(Path(__file__).resolve().parent.parent))

from assets.calculator import CalculatorBuildError, write_assets
from data.health import build_date
from pages.finish import finish_content, finish_page, policy_page
from pages.markers import fill_markers, policy_description
from pages.policy import PolicyPageError, fill_nav
from pages.site import SiteError, SiteState, check_page_urls, generated_pages, hidden_pages, load_site
from publish.postbuild import PostBuildError, post_build


def _site(config: MkDocsConfig) -> SiteState:
    site = getattr(config, "jz_site", None)
    if not isinstance(site, SiteState):
        raise PluginError("内部错误：on_config 没有运行 / on_config did not run")
    return site


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # The published address: JZ_PUBLIC_URL (extra.public_url) for one build, else mkdocs.yml's site_url.
    public = str(config["extra"].get("public_url") or config.get("site_url") or "")
    try:
        site = load_site(Path(config["docs_dir"]), public)
        fill_nav(config["nav"], site.pages, site.place_names)  # the 政策文件 section comes from the pages' front matter
    except (SiteError, PolicyPageError) as exc:
        raise PluginError(str(exc)) from exc
    spec = config["not_in_nav"]
    config["not_in_nav"] = GitIgnoreSpec.from_lines([p.pattern for p in (spec.patterns if spec else [])] + hidden_pages(site.pages))
    config.jz_site = site  # type: ignore[attr-defined]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """The calculator runtime and bundles (after MkDocs has cleaned site_dir), and the generated pages."""
    site = _site(config)
    try:
        site.calc_assets = write_assets(Path(config["site_dir"]), site.policy_data)
    except CalculatorBuildError as exc:
        raise PluginError(str(exc)) from exc
    for path, content in generated_pages(site, build_date()).items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site = _site(config)
    policy = policy_page(site, page.file.src_uri)
    if policy is not None and not page.meta.get("description"):
        page.meta["description"] = policy_description(policy.meta)
    try:
        return fill_markers(markdown, page.file.src_uri, page.url, site)
    except SiteError as exc:
        raise PluginError(str(exc)) from exc


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    try:
        return finish_content(html_text, page.file.src_uri, page.url, _site(config))
    except SiteError as exc:
        raise PluginError(str(exc)) from exc


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    try:
        return finish_page(output, page.file.src_uri, page.url, page.meta, _site(config))
    except SiteError as exc:
        raise PluginError(str(exc)) from exc


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Published page addresses must stay (or redirect): see pages/urls.py."""
    try:
        check_page_urls({"" if f.url in ("./", ".") else f.url for f in files.documentation_pages()},
                        record=os.environ.get("JZ_RECORD_PAGES") == "1")  # python build/page_urls.py --update
    except SiteError as exc:
        raise PluginError(str(exc)) from exc
    return nav


def on_post_build(config: MkDocsConfig) -> None:
    """The post-build stage (publish/postbuild.py): the same steps run standalone after any builder."""
    site = _site(config)
    try:
        post_build(Path(config["site_dir"]), Path(config["docs_dir"]), site.public_url, site.pages)
    except PostBuildError as exc:
        raise PluginError(str(exc)) from exc
