# SPDX-License-Identifier: MIT
"""Page generation stands on its own (issue #23): ``build/generate_pages.py`` writes every page for a builder
that runs no MkDocs hooks, and finishes what it rendered; with ``build/postbuild.py`` after it, the demo site
built that way — MkDocs with ``hooks:`` removed stands in for Zensical — is the hooks' build, file for file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import PUBLIC_URL
from demo_project import project

ROOT = Path(__file__).resolve().parent.parent


UNIT_ENV = {"JZ_PUBLIC_URL": "https://jiuzhu.example.org/", "JZ_BUILD_DATE": "2026-12-05"}


def generate(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``build/generate_pages.py`` of ``cwd``'s project, in a fresh interpreter that then says whether it imported MkDocs."""
    code = ("import runpy, sys\n"
            f"sys.argv = ['generate_pages.py', *{list(args)!r}]\n"
            "sys.path.insert(0, 'build')  # as `python build/generate_pages.py` has it\n"
            "try:\n    runpy.run_path('build/generate_pages.py', run_name='__main__')\n"
            "except SystemExit as e:\n    code = e.code\n"
            "print('MKDOCS IMPORTED' if any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules) else 'NO MKDOCS')\n"
            "sys.exit(code)\n")
    return subprocess.run([sys.executable, "-c", code], cwd=cwd or project(), capture_output=True, text=True,
                          env={**os.environ, **(env or UNIT_ENV)})


def test_markdown_for_any_builder_without_mkdocs(tmp_path):
    out = tmp_path / "gen"
    proc = generate("markdown", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("NO MKDOCS")
    docs = out / "docs"
    pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    # The generated pages: one parameter page per place, 参数体检, a page per county, 明白卡 per county and aid.
    places = [p.stem for p in (project() / "policy_data" / "jurisdictions").glob("*.yaml")]
    assert {f"parameters/{j}.md" for j in places} | {"parameters/health.md"} <= pages
    assert {"places/changle.md", "places/zongyang.md", "cards/changle-dibao.md", "cards/huaiyuan-tekun.md"} <= pages
    assert "places/national.md" not in pages  # nobody picks 全国
    # Hand-written pages are all there, with every marker filled (a marker left over would be a silent gap).
    hand = {p.relative_to(project() / "docs").as_posix() for p in (project() / "docs").rglob("*.md")}
    assert hand <= pages
    left = [p for p in pages if "<!-- jz:" in (docs / p).read_text(encoding="utf-8")]
    assert not left, left
    assert '<div data-jz-calc="dibao"></div>' in (docs / "calculators" / "dibao.md").read_text(encoding="utf-8")
    assert "昌乐县" in (docs / "policies" / "index.md").read_text(encoding="utf-8")
    # A document keeps its text and gains the description the hooks give it.
    page = (docs / "policies" / "changle-2021-yijian.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(page.split("\n---\n", 1)[0][4:])
    assert meta["doc_id"] == "changle-2021-yijian" and "原文照录" in meta["description"]
    assert page.endswith((project() / "docs" / "policies" / "changle-2021-yijian.md").read_text(encoding="utf-8").split("\n---\n", 1)[1])
    # The nav's 政策文件 section from the documents' front matter; the other files of docs/ copied as they are.
    nav = yaml.safe_load((out / "nav.yml").read_text(encoding="utf-8"))
    section = next(v for item in nav if isinstance(item, dict) for v in item.values() if isinstance(v, list) and v[0] == "policies/index.md")
    assert len(section) > 1
    assert (docs / "assets" / "css" / "site.css").read_bytes() == (project() / "docs" / "assets" / "css" / "site.css").read_bytes()


def test_a_marker_typo_stops_it_as_it_stops_the_build(tmp_path):
    proj = tmp_path / "proj"
    from demo_project import make_project

    make_project(proj)
    about = proj / "docs" / "about" / "index.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n<!-- jz:polcy-index -->\n", encoding="utf-8")
    proc = generate("markdown", str(tmp_path / "gen"), cwd=proj)
    assert proc.returncode == 1 and "about/index.md: 未知标记 / unknown marker 'jz:polcy-index'" in proc.stderr


def _config_without_hooks(root: Path, out: Path) -> Path:
    """The project's mkdocs.yml for the generated pages: no hooks, the generator's nav and not_in_nav."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text, n = re.subn(r"^hooks:\n(?:  - .*\n)+", "", text, flags=re.M)
    assert n == 1
    text = re.sub(r"^docs_dir: .*$", f"docs_dir: {out / 'docs'}", text, flags=re.M)
    text = re.sub(r"^(\s+custom_dir:) (\S+)", lambda m: f"{m.group(1)} {root / m.group(2)}", text, flags=re.M)
    lines = (out / "not_in_nav.txt").read_text(encoding="utf-8").splitlines()
    text = re.sub(r"^not_in_nav: \|\n(?:  .*\n)+", "not_in_nav: |\n" + "".join(f"  {ln}\n" for ln in lines), text, flags=re.M)
    nav = (out / "nav.yml").read_text(encoding="utf-8").splitlines()
    text = text[: text.index("\nnav:\n") + 1] + "nav:\n" + "".join(f"  {ln}\n" for ln in nav)
    config = out / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def _files(site: Path) -> dict[str, bytes]:
    """Every file of a built site with what differs between two builds of the same sources taken out: the 台账
    template's .xlsx carries the time openpyxl wrote it, so its name (a content hash), the pages naming it and
    the service worker's version differ from build to build; compressed copies follow their file."""
    hashed = re.compile(rb"ledger-template\.[0-9a-f]{12}\.xlsx")
    out = {}
    for p in sorted(site.rglob("*")):
        rel = hashed.sub(b"ledger-template.X.xlsx", p.relative_to(site).as_posix().encode()).decode()
        if not p.is_file() or rel.endswith((".br", ".gz")) or rel.endswith("ledger-template.X.xlsx"):
            continue
        data = hashed.sub(b"ledger-template.X.xlsx", p.read_bytes())
        if rel == "sw.js":
            data = b",".join(sorted(re.sub(rb'VERSION = "[0-9a-f]+"', b"", data).replace(b"]", b",").split(b",")))
        out[rel] = data
    return out


def test_the_site_built_without_hooks_is_the_hooks_build(demo_build, tmp_path):
    """MkDocs with its hooks removed stands in for a builder that runs none: generate_pages.py markdown → the
    builder → generate_pages.py html → postbuild.py gives the demo build's site, every file byte for byte."""
    root, out, site = demo_build.project, tmp_path / "gen", tmp_path / "site"
    env = {**os.environ, "JZ_PUBLIC_URL": PUBLIC_URL, "NO_MKDOCS_2_WARNING": "1"}  # as conftest.strict_build built the demo
    proc = generate("markdown", str(out), cwd=root, env=env)
    assert proc.returncode == 0, proc.stderr
    config = _config_without_hooks(root, out)
    assert "hooks" not in config.read_text(encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "--site-dir", str(site)],
                          cwd=root, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    unfinished = (site / "policies" / "changle-2021-yijian" / "index.html").read_text(encoding="utf-8")
    assert 'class="doc-meta"' not in unfinished  # the builder alone: no card — the next step adds it
    proc = generate("html", str(site), str(out), cwd=root, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("NO MKDOCS")
    proc = subprocess.run([sys.executable, "build/postbuild.py", str(site)], cwd=root, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    ours, theirs = _files(site), _files(demo_build.site)
    assert sorted(ours) == sorted(theirs)
    differ = [rel for rel in ours if ours[rel] != theirs[rel]]
    assert not differ, differ[:20]
