# SPDX-License-Identifier: MIT
"""Command: page generation without MkDocs — the stages the hooks call, over files, for any builder.

Three steps around a builder that renders Markdown with the Material templates and runs no MkDocs hooks
(Zensical; MkDocs itself with ``hooks:`` removed)::

    python build/generate_pages.py markdown OUT     # OUT/docs/: every page of docs/ with its markers filled, and the
                                                     # generated pages; OUT/nav.yml: the nav with its 政策文件 section;
                                                     # OUT/not_in_nav.txt; page addresses checked against the lock
    (the builder renders OUT/docs/ into SITE/, with OUT/nav.yml as its nav)
    python build/generate_pages.py html SITE OUT    # calculator assets and forms, documents' cards and backlinks,
                                                     # search marks, <head> scripts: on the built files
    python build/postbuild.py SITE                   # redirects, QR codes, search index, service worker, CSP, compression

``--public-url`` (default: ``JZ_PUBLIC_URL``, else mkdocs.yml's ``site_url``) and ``JZ_BUILD_DATE`` mean what
they mean for ``mkdocs build``.  Nothing here imports MkDocs; ``tests/test_generate_pages.py`` builds the demo
this way and requires the same site as the hooks' build, file for file.  Like ``hooks.py``, an adapter: it only
runs the stages' functions (``pages/site.py``, ``pages/markers.py``, ``pages/finish.py``, ``assets/calculator.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.append(str(Path(__file__).resolve().parent.parent))  # calculators/, after PYTHONPATH (a test may bring its own copy)

from assets.calculator import CalculatorBuildError, write_assets
from data.health import build_date
from pages.finish import finish_content, finish_page, policy_page
from pages.markers import fill_markers, policy_description
from pages.policy import PolicyPageError, fill_nav
from pages.search import ARTICLE
from pages.site import SiteError, SiteState, check_page_urls, generated_pages, hidden_pages, load_site, page_url

ROOT = Path(__file__).resolve().parent.parent


class _Config(yaml.SafeLoader):
    """mkdocs.yml read as plain data: its ``!ENV`` and ``!!python/name:`` tags become None."""


_Config.add_multi_constructor("!", lambda loader, suffix, node: None)
_Config.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Config)  # a SafeLoader
    return data if isinstance(data, dict) else {}


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter with its ``---`` lines, or "", the Markdown after it)."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end > 0:
            return text[: end + 5], text[end + 5 :]
    return "", text


def _page(src: str, text: str, site: SiteState) -> str:
    """A page's text as the builder should see it: markers filled, and a document's description in its front matter."""
    front, body = split_front_matter(text)
    body = fill_markers(body, src, page_url(src), site)
    policy = policy_page(site, src)
    if policy is not None and front and "\ndescription:" not in front:
        front = "---\ndescription: " + json.dumps(policy_description(policy.meta), ensure_ascii=False) + "\n" + front[4:]
    return front + body


def write_markdown(out: Path, root: Path = ROOT, public_url: str = "") -> SiteState:
    """``out/docs/`` (the pages a builder renders), ``out/nav.yml`` and ``out/not_in_nav.txt``."""
    docs, config = root / "docs", read_config(root / "mkdocs.yml")
    site = load_site(docs, public_url)
    tree = out / "docs"
    if tree.exists():
        shutil.rmtree(tree)
    sources: dict[str, str] = {}
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs).as_posix()
        if path.is_dir():
            continue
        target = tree / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            sources[rel] = path.read_text(encoding="utf-8-sig")
        else:
            shutil.copyfile(path, target)
    sources.update(generated_pages(site, build_date()))
    for rel, text in sources.items():
        target = tree / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_page(rel, text, site) if rel.endswith(".md") else text, encoding="utf-8")
    check_page_urls({page_url(rel) for rel in sources if rel.endswith(".md")}, lock_path=root / "build" / "pages.lock.json")
    nav = config.get("nav") or []
    fill_nav(nav, site.pages, site.place_names)
    (out / "nav.yml").write_text(yaml.safe_dump(nav, allow_unicode=True, sort_keys=False), encoding="utf-8")
    patterns = [ln for ln in str(config.get("not_in_nav") or "").splitlines() if ln.strip()] + hidden_pages(site.pages)
    (out / "not_in_nav.txt").write_text("\n".join(patterns) + "\n", encoding="utf-8")
    return site


def finish_html(site_dir: Path, out: Path, root: Path = ROOT, public_url: str = "") -> int:
    """The built pages of ``out/docs/`` in ``site_dir`` finished as the hooks finish them; returns how many."""
    site = load_site(root / "docs", public_url)
    site.calc_assets = write_assets(site_dir, site.policy_data)
    done = 0
    for path in sorted((out / "docs").rglob("*.md")):
        src = path.relative_to(out / "docs").as_posix()
        url = page_url(src)
        built = site_dir / url / "index.html"
        if not built.exists():
            raise SiteError(f"{src}: 构建结果里没有这一页 / not in the built site: {built}")
        front, _ = split_front_matter(path.read_text(encoding="utf-8"))
        meta = yaml.safe_load(front[4:-5]) if front else {}
        page = built.read_text(encoding="utf-8")
        start = page.find(ARTICLE)
        end = page.rfind("</article>")
        if start < 0 or end < start:
            raise SiteError(f"{src}: 页面里没有 Material 的 <article> / no <article> in {built}")
        start += len(ARTICLE)
        inner = page[start:end]
        content = inner.strip()
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()) :]
        page = page[:start] + lead + finish_content(content, src, url, site) + trail + page[end:]
        built.write_text(finish_page(page, src, url, meta or {}, site), encoding="utf-8")
        done += 1
    return done


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="page generation without MkDocs: Markdown for any builder, then its HTML finished")
    sub = ap.add_subparsers(dest="step", required=True)
    md = sub.add_parser("markdown", help="OUT/docs/ (markers filled, generated pages), OUT/nav.yml, OUT/not_in_nav.txt")
    md.add_argument("out", type=Path)
    fin = sub.add_parser("html", help="finish the pages a builder rendered from OUT/docs/ into SITE")
    fin.add_argument("site", type=Path)
    fin.add_argument("out", type=Path)
    for p in (md, fin):
        p.add_argument("--public-url", default=None, help="the published address (default: JZ_PUBLIC_URL, else mkdocs.yml's site_url)")
    args = ap.parse_args(argv)
    public = args.public_url
    if public is None:
        public = os.environ.get("JZ_PUBLIC_URL") or str(read_config(ROOT / "mkdocs.yml").get("site_url") or "")
    try:
        if args.step == "markdown":
            site = write_markdown(args.out, ROOT, public)
            print(f"{args.out / 'docs'}: pages for {len(site.pages)} documents and {len(site.params.jurisdictions)} places; nav in {args.out / 'nav.yml'}")
        else:
            n = finish_html(args.site, args.out, ROOT, public)
            print(f"{args.site}: {n} pages finished")
    except (SiteError, PolicyPageError, CalculatorBuildError) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
