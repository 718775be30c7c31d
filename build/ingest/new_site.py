# SPDX-License-Identifier: MIT
"""Turn a clone of this project into a site of one's own (a county, a city, a province)::

    python build/new_site.py [--dry-run] [--force] [--no-build]

Removes the demo content and resets the locks, so that the next steps are only
``build/add_jurisdiction.py`` (the place and its parents) and ``build/add_document.py``
(its documents). What is demo content is data, not code: ``policy_data/demo.yaml`` lists the
demo places. For each of them the command removes

* its parameter file ``policy_data/jurisdictions/<id>.yaml`` and the programme catalogues of
  ``policy_data/programmes/`` whose ``jurisdiction`` it is;
* its documents — the ids in its ``documents:`` and any page whose front matter ``county`` is the
  place: ``docs/policies/<doc>.md``, its source (front matter ``source_file``) and
  ``tests/sources/<doc>.yaml``, and their rows in ``tests/sources/README.md``;

then deletes ``policy_data/demo.yaml`` itself. The national layer (``national.yaml``,
``other.yaml``, the national documents, ``programmes/national.yaml``,
``pending_documents.yaml``) is not listed there and stays: every county applies it.

The locks (``build/anchors.lock.json``, ``build/pages.lock.json``) refuse removals without a
redirect, because published addresses must keep working. A site never published has nothing to
redirect: the anchor lock is written afresh from the documents that stay, the page lock emptied
and recorded again by one strict build (``page_urls.py --update``; ``--no-build`` skips it).

It refuses, unless ``--force``, a clone it has already turned (no ``policy_data/demo.yaml``), one
that has places or documents of its own besides the demo, and one whose locks record a place or a
document of its own that is no longer there (``places/<id>/``, ``policies/<doc>/``, a document's
anchors): such a site has been published, and resetting its locks would break links people
have. It never removes anything a remaining file still needs: a place whose parent is a demo place,
data citing a demo document, or a hand-written link to one in ``docs/`` stop it before anything is
deleted.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from calculators.ui.forms import OTHER_PLACE  # 其他地区: part of the national layer, whatever its id

from data.documents import load_policy_pages
from pages import urls as page_urls
from pages.anchors import updated_lock

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Plan:
    """What ``new_site`` would do in one project: the files it removes, and why it would refuse."""

    root: Path
    places: list[str] = field(default_factory=list)        # demo places with a file
    documents: list[str] = field(default_factory=list)     # their documents
    remove: list[Path] = field(default_factory=list)       # every file to delete
    source_rows: list[str] = field(default_factory=list)   # file names whose row leaves tests/sources/README.md
    blockers: list[str] = field(default_factory=list)      # would leave a broken site: never forced
    refusals: list[str] = field(default_factory=list)      # may have been published / has own content: --force


def _front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---\n", 4)
    data = yaml.safe_load(text[4:end]) if end > 0 else None
    return data if isinstance(data, dict) else {}


def _yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


CONTENT_PAGES = ("places", "policies")  # page addresses that name a place or a document: places/<id>/, policies/<doc>/


def _content_id(url: str) -> str | None:
    parts = url.strip("/").split("/")
    return parts[1] if len(parts) == 2 and parts[0] in CONTENT_PAGES else None


def make_plan(root: Path = ROOT) -> Plan:
    plan = Plan(root)
    data_dir, policies, sources = root / "policy_data", root / "docs" / "policies", root / "tests" / "sources"
    demo_file = data_dir / "demo.yaml"
    if not demo_file.exists():
        plan.refusals.append("没有 policy_data/demo.yaml：示例内容已经删除过（new_site 已运行过）。/ no demo list: this clone is a site of its own already")
        listed: list[str] = []
    else:
        listed = [str(p) for p in (_yaml(demo_file).get("places") or [])]
        plan.remove.append(demo_file)
    places_dir = data_dir / "jurisdictions"
    files = {p.stem: _yaml(p) for p in sorted(places_dir.glob("*.yaml"))}
    plan.places = [p for p in listed if p in files]
    demo = set(plan.places)
    pages = {p.stem: _front_matter(p) for p in sorted(policies.glob("*.md")) if p.name != "index.md"}
    docs = {str(d) for p in plan.places for d in (files[p].get("documents") or [])}
    docs |= {d for d, meta in pages.items() if str(meta.get("county")) in demo}
    plan.documents = sorted(docs)
    kept_sources = {str(meta.get("source_file")) for d, meta in pages.items() if d not in docs}
    for p in plan.places:
        plan.remove.append(places_dir / f"{p}.yaml")
    for path in sorted((data_dir / "programmes").glob("*.yaml")):
        if str(_yaml(path).get("jurisdiction")) in demo:
            plan.remove.append(path)
    for d in plan.documents:
        meta = pages.get(d, {})
        if d in pages:
            plan.remove.append(policies / f"{d}.md")
        source = meta.get("source_file")
        if source and source not in kept_sources and (sources / str(source)).exists():
            plan.remove.append(sources / str(source))
            plan.source_rows.append(str(source))
        if (sources / f"{d}.yaml").exists():
            plan.remove.append(sources / f"{d}.yaml")
            plan.source_rows.append(f"{d}.yaml")

    # What stays must not need what goes (these are never forced: the site would not build).
    staying = {j: place for j, place in files.items() if j not in demo}
    for j, place in staying.items():
        if place.get("parent") in demo:
            plan.blockers.append(f"policy_data/jurisdictions/{j}.yaml 的上级 {place['parent']} 是示例地区；先改它的 parent / its parent is a demo place")
    cites = re.compile(r"(?<![a-z0-9-])(" + "|".join(map(re.escape, plan.documents)) + r")(?![a-z0-9-])") if plan.documents else None
    if cites is not None:
        gone = set(plan.remove)
        checked = [p for p in sorted(data_dir.rglob("*.yaml")) if p not in gone] + \
                  [p for p in sorted((root / "docs").rglob("*.md")) if p not in gone]
        for path in checked:
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.lstrip().startswith("#"):
                    continue  # a YAML comment (or a Markdown heading) is no reference
                m = cites.search(line)
                if m:
                    plan.blockers.append(f"{path.relative_to(root)}:{n}: 引用了示例文件 {m.group(1)}；先删去或改成标记 / refers to a demo document")

    # A site of its own already, or published: only with --force.
    own_places = sorted(j for j, place in staying.items() if place.get("level") != "national" and j != OTHER_PLACE)
    own_docs = sorted(d for d, meta in pages.items() if d not in docs and meta.get("level") != "national")
    if own_places or own_docs:
        plan.refusals.append("这个站点已经有自己的内容（" + "、".join(own_places + own_docs) + "）：new_site 用于刚复制、还没开始的站点。/ "
                             "the clone has places or documents of its own")
    # Published content beyond the demo: a document, place or anchor of the site's own in the locks that is no
    # longer here (a removed or renamed page keeps its lock entry and a redirect). The project's own pages
    # (about/, calculators/ …) and the national documents are not content a site publishes on its own.
    national = {d for d, meta in pages.items() if meta.get("level") == "national"}
    known = demo | docs | national
    anchors_lock = _lock(root / "build" / "anchors.lock.json")
    pages_lock = _lock(root / "build" / "pages.lock.json")
    urls = list(pages_lock.get("pages", [])) + [u for pair in pages_lock.get("redirects", {}).items() for u in pair]
    history = sorted({d for d in anchors_lock.get("documents", {}) if d not in known}
                     | {r for r in anchors_lock.get("redirects", {}) if r.partition("#")[0] not in known}
                     | {f"/{u}" for u in urls if (cid := _content_id(u)) is not None and cid not in known})
    if history:
        plan.refusals.append("锁文件记录了示例以外、现在已经不在的地区或文件（" + "、".join(history[:6]) + ("……" if len(history) > 6 else "")
                             + "）：这个站点可能已经发布过，重置锁文件会让别人手里的链接失效。/ the locks record addresses beyond the demo: "
                             "the site may have been published")
    return plan


def _lock(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def drop_source_rows(readme: Path, names: list[str]) -> None:
    """Remove the table rows of ``tests/sources/README.md`` whose first cell names a removed file."""
    if not readme.exists() or not names:
        return
    lines = readme.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [ln for ln in lines if not (m := re.match(r"^\|\s*([^|\s]+)\s*\|", ln)) or m.group(1) not in names]
    readme.write_text("".join(kept), encoding="utf-8")


def reset_locks(root: Path) -> int:
    """The anchor lock from the documents that stay, no redirects; the page lock empty (recorded by the next build)."""
    lock = updated_lock(load_policy_pages(root / "docs"), {"documents": {}, "redirects": {}})
    (root / "build" / "anchors.lock.json").write_text(json.dumps(lock, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (root / "build" / "pages.lock.json").write_text(json.dumps({"pages": [], "redirects": {}}, ensure_ascii=False, indent=1) + "\n",
                                                     encoding="utf-8")
    return sum(len(v) for v in lock["documents"].values())


def apply(plan: Plan) -> None:
    for path in plan.remove:
        path.unlink()
    drop_source_rows(plan.root / "tests" / "sources" / "README.md", plan.source_rows)
    (plan.root / ".cache" / "params.json").unlink(missing_ok=True)  # the CLI's bundle: recompiled when next used


def describe(plan: Plan) -> list[str]:
    rel = [str(p.relative_to(plan.root)) for p in plan.remove]
    out = [f"示例地区 {len(plan.places)} 个 / demo places: {', '.join(plan.places) or '（无）'}",
           f"示例文件 {len(plan.documents)} 份 / demo documents: {', '.join(plan.documents) or '（无）'}",
           f"要删除的文件 {len(rel)} 个 / files to remove:"]
    out += [f"  - {r}" for r in rel]
    out.append("要重置的锁文件 / locks to reset: build/anchors.lock.json（只记留下的文件的锚点，没有跳转）、build/pages.lock.json（重新登记）")
    return out


NEXT = """下一步 / next (README “新建一个站点”):
  .venv/bin/python build/add_jurisdiction.py 省代码 --name 某某省 --parent national --level province --no-lock
  .venv/bin/python build/add_jurisdiction.py 市代码 --name 某某市 --parent 省代码 --level city --no-lock
  .venv/bin/python build/add_jurisdiction.py 县代码 --name 某某县 --parent 市代码 --no-lock
  （在 policy_data/jurisdictions/县代码.yaml 填入低保标准）
  .venv/bin/python build/add_document.py 文件.docx --id 县代码-2025-xxx --jurisdiction 县代码
  .venv/bin/python build/page_urls.py --update && bash scripts/serve.sh"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="去掉示例内容，开始自己的站点 / remove the demo content and reset the locks")
    ap.add_argument("--dry-run", action="store_true", help="only list what would be removed")
    ap.add_argument("--force", action="store_true", help="also on a clone with content of its own or published addresses in its locks")
    ap.add_argument("--no-build", action="store_true", help="do not record the page addresses (page_urls.py --update, one strict build)")
    args = ap.parse_args(argv)
    plan = make_plan(ROOT)
    for line in describe(plan):
        print(line)
    if plan.blockers:
        print("错误：删除后网站会缺东西，什么也没有删 / refused, nothing removed:", file=sys.stderr)
        for b in plan.blockers:
            print(f"  · {b}", file=sys.stderr)
        return 2
    if plan.refusals and not args.force:
        print("没有删除任何文件 / nothing removed:", file=sys.stderr)
        for r in plan.refusals:
            print(f"  · {r}", file=sys.stderr)
        print("确定要继续，加 --force / add --force to go on anyway", file=sys.stderr)
        return 2
    if args.dry_run:
        print("（--dry-run：没有删除任何文件）")
        return 0
    apply(plan)
    anchors = reset_locks(ROOT)
    print(f"已删除 {len(plan.remove)} 个文件；锚点锁记录 {anchors} 个锚点（全国文件），页面锁已清空。")
    if args.no_build:
        print("没有登记页面地址：构建前请运行 .venv/bin/python build/page_urls.py --update")
    else:
        print("登记页面地址（python build/page_urls.py --update，严格模式完整构建一次）……", flush=True)
        if page_urls.main(["--update"]) != 0:
            print("错误：构建没有通过（见上面的信息）；改正后运行 .venv/bin/python build/page_urls.py --update", file=sys.stderr)
            return 1
    print(NEXT)
    return 0

