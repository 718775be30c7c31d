# SPDX-License-Identifier: MIT
"""The whole site offline after one visit: what the service worker (``build/js/sw.js``) keeps, and when.

The build writes ``sw.js`` at the site root with four lists (all paths relative to the site):

* ``PAGES`` — precached when the worker installs. Every page registers the worker once the browser is
  idle (``assets/js/offline.js``; the tool pages once their tool is ready), so one visit to any page
  makes the reading part of the site work offline. While the site is small (at most
  ``PRECACHE_DOCUMENTS_MAX`` documents) that is every page, the search index and the Chinese offline
  page; at province scale, the pages that belong to no place (home, search, tools, national texts …) —
  a place's own pages come with the place (below), others are kept as they are visited. Plus the
  theme's and the site's CSS and scripts, and the tool pages' own small scripts (so a tool page opened offline
  can say its runtime is not kept). Never the calculators' runtime.
* ``RUNTIME`` — Pyodide, the trimmed standard library (with the calculators in it), Chartist, and the places' parameter bundles: every bundle while there are at most
  ``PRECACHE_PLACES_MAX`` places, else only the default one. Kept when a calculator page asks (it has
  just downloaded them), so reading a policy never downloads Pyodide.
* ``EXTRA`` — what one tool alone needs (the 台账核查 page's openpyxl), kept when that page asks.
* ``PLACES`` (province scale only; empty while few) — per place, its own pages (place page, parameter
  pages of its county, city and province, 明白卡, documents) and bundle, and its neighbours (the places of
  its city, then of its province). When a page or bundle of a place is fetched, the worker keeps that
  place's pages and bundle and its neighbours' bundles: the visited place and the places around it work
  offline, calculators included.

An update never throws away a working cache: a new version installs into a new cache, fills it
completely (PAGES, and the runtime and places the previous cache held — fingerprinted files copied from
it, not downloaded again) and only then activates and deletes the old one. If one file fails, the install
fails, the new cache is deleted and the previous worker keeps serving its own (tests/browser/test_offline.py).
(Chromium activates a new version that called skipWaiting once the old worker is idle or its last tab has closed; an
old worker busy with an open tab may keep the new one waiting up to 5 minutes — its cache serves meanwhile.)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Set
from pathlib import Path
from typing import Any

from calculators.ui.forms import OTHER_PLACE as DEFAULT_PLACE  # 其他地区: the bundle a calculator page starts with

from publish.serve import FINGERPRINTED

JS = Path(__file__).resolve().parents[1] / "js" / "sw.js"
OFFLINE_PAGE = "offline/"
PRECACHE_DOCUMENTS_MAX = 30  # more documents than this: pages of a place are kept with the place
PRECACHE_PLACES_MAX = 30  # more places than this: bundles of the visited place and its neighbours only
NEIGHBOURS = 8  # at province scale: how many nearby places' bundles come with a visited place
STATIC = ("assets/stylesheets/*.min.css", "assets/javascripts/bundle.*.min.js", "assets/css/*.css", "assets/js/*.js",
          "assets/images/favicon.png")
TOOL_SCRIPTS = ("calc-page.", "calc-worker.", "page-kit.", "screener-page.", "ledger-page.")  # small: kept with the pages
RUNTIME_CALC = ("python_stdlib.", "chartist.")  # the stdlib zip holds the calculators too
LEDGER = ("ledger-libs.", "ledger-template.")


def _rel(site: Path, p: Path) -> str:
    return p.relative_to(site).as_posix()


def site_pages(site: Path, skip: Set[str] = frozenset()) -> list[str]:
    """Every page of the built site as the address it is served at (``./``, ``policies/x/``), without
    redirect stubs (``skip``: the page lock's old addresses) and the 404 page."""
    out = []
    for f in sorted(site.rglob("index.html")):
        rel = _rel(site, f.parent)
        page = "./" if rel == "." else rel + "/"
        if page in skip or page.startswith(("assets/", "pagefind/")):
            continue
        out.append(page)
    return out


def place_bundles_in(site: Path) -> dict[str, tuple[str, dict[str, Any]]]:
    """Each place's parameter bundle in the built site: place → (path, its jurisdictions chain)."""
    out = {}
    for p in sorted((site / "assets" / "calc").glob("params-*.json")):
        place = p.name[len("params-"):].rsplit(".", 2)[0]
        out[place] = (_rel(site, p), json.loads(p.read_text(encoding="utf-8"))["jurisdictions"])
    return out


def place_groups(pages: list[str], bundles: dict[str, tuple[str, dict[str, Any]]], with_pages: bool,
                 with_bundles: bool) -> dict[str, dict[str, Any]]:
    """Per place a resident can pick: its own pages (``with_pages``) and bundle (``with_bundles``), and its
    neighbours (same city first, then same province; at most ``NEIGHBOURS``)."""
    present = set(pages)
    groups: dict[str, dict[str, Any]] = {}
    for place, (bundle, chain) in bundles.items():
        if place == DEFAULT_PLACE:
            continue
        files = []
        if with_pages:
            levels = [j for j, d in chain.items() if d.get("level") != "national"]
            files = [p for p in (f"places/{place}/", *(f"parameters/{j}/" for j in levels)) if p in present]
            files += [p for p in pages if p.startswith(f"cards/{place}-")]
            docs = sorted({doc for j in levels for doc in chain[j].get("documents") or []})
            files += [f"policies/{doc}/" for doc in docs if f"policies/{doc}/" in present]
        if with_bundles:
            files.append(bundle)
        groups[place] = {"files": files, "parent": chain[place].get("parent"),
                         "grand": chain.get(chain[place].get("parent") or "", {}).get("parent")}
    for place, g in groups.items():
        city = sorted(p for p, o in groups.items() if p != place and g["parent"] and o["parent"] == g["parent"])
        province = sorted(p for p, o in groups.items() if p != place and p not in city and g["grand"] and o["grand"] == g["grand"])
        g["near"] = (city + province)[:NEIGHBOURS]
    return {p: {"files": g["files"], "near": g["near"]} for p, g in groups.items()}


def manifest(site: Path, redirects: Set[str] = frozenset(), documents_max: int = PRECACHE_DOCUMENTS_MAX,
             places_max: int = PRECACHE_PLACES_MAX) -> dict[str, Any]:
    """The service worker's lists (see the module's docstring)."""
    pages = site_pages(site, redirects)
    bundles = place_bundles_in(site)
    documents = [p for p in pages if p.startswith("policies/") and p != "policies/"]
    calc = sorted((site / "assets" / "calc").glob("*"))
    # The tool pages' own scripts come with the pages (≈ 20 KB): offline, a tool page whose runtime is not kept
    # can then say so instead of waiting for ever.
    static = sorted(_rel(site, p) for pattern in STATIC for p in site.glob(pattern))
    static += [_rel(site, p) for p in calc if p.name.startswith(TOOL_SCRIPTS) and p.suffix == ".js"]
    search = sorted(_rel(site, p) for p in (site / "pagefind").rglob("*")
                    if p.is_file() and p.suffix not in (".br", ".gz"))
    runtime = sorted(_rel(site, p) for p in (site / "assets").glob("pyodide/*/*.*") if p.suffix in (".mjs", ".wasm"))
    runtime += [_rel(site, p) for p in calc if p.name.startswith(RUNTIME_CALC) and p.suffix in (".js", ".zip", ".css")]
    extra = {"ledger": [_rel(site, p) for p in calc if p.name.startswith(LEDGER) and p.suffix in (".zip", ".xlsx", ".csv")]}
    few_places, few_documents = len(bundles) <= places_max, len(documents) <= documents_max
    runtime += [path for place, (path, _) in bundles.items() if few_places or place == DEFAULT_PLACE]
    places = {} if few_places and few_documents else place_groups(pages, bundles, not few_documents, not few_places)
    owned = {f for g in places.values() for f in g["files"]}
    shell = [p for p in pages if p not in owned] + (search if few_documents else [])
    if OFFLINE_PAGE not in shell and (site / OFFLINE_PAGE / "index.html").is_file():
        shell.append(OFFLINE_PAGE)
    return {"pages": shell + static, "runtime": runtime, "extra": extra, "places": places}


def write_service_worker(site: Path, redirects: Set[str] = frozenset(), **limits: int) -> str:
    """``sw.js`` at the site root with its lists; returns its version: a hash of the worker's code and of
    every file it may keep, so any change to either is a new cache."""
    m = manifest(site, redirects, **limits)
    template = JS.read_text(encoding="utf-8")
    digest = hashlib.sha256(template.encode())
    files = m["pages"] + m["runtime"] + [f for fs in m["extra"].values() for f in fs] + [f for g in m["places"].values() for f in g["files"]]
    for rel in sorted(set(files)):
        f = site / rel / "index.html" if rel.endswith("/") or rel == "./" else site / rel
        digest.update(rel.encode() + b"\0" + (f.read_bytes() if f.is_file() else b""))
    version = digest.hexdigest()[:12]
    text = (template.replace('"__VERSION__"', json.dumps(version))
            .replace("__PAGES__", json.dumps(m["pages"], ensure_ascii=False))
            .replace("__RUNTIME__", json.dumps(m["runtime"]))
            .replace("__EXTRA__", json.dumps(m["extra"]))
            .replace("__PLACES__", json.dumps(m["places"], ensure_ascii=False))
            .replace("__IMMUTABLE__", json.dumps(FINGERPRINTED.pattern))
            .replace("__OFFLINE__", json.dumps(OFFLINE_PAGE)))
    (site / "sw.js").write_text(text, encoding="utf-8")
    return version
