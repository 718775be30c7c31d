# SPDX-License-Identifier: MIT
"""The demo site the tests run on: the project's code with a frozen copy of the demo content.

A site's *content* is what an operator changes (``content_files``): ``policy_data/`` (places,
programme catalogues, pending documents, the demo list — not ``parameters.yaml`` and ``schema.json``,
which are the contract with the calculators), the documents in ``docs/policies/``, their sources in
``tests/sources/`` and the two locks in ``build/``. ``tests/fixtures/demo/`` holds a frozen copy of
the demo content in the same layout (refreshed deliberately: ``scripts/refresh_demo_fixture.py``).
Everything else — ``build/``, ``calculators/``, the other pages of ``docs/``, ``mkdocs.yml`` — is the
project's own, so the tests check today's code against the demo counties whether or not the live
site still has them (after ``build/new_site.py`` it does not).

``make_project(dest)`` assembles such a project in ``dest``: the repository's files without its
content, the fixture's content, and links to ``node_modules`` and the content-keyed caches (wheel,
trimmed stdlib, compressed runtime, QR codes) so that its build is as fast as the repository's.
``project()`` is one such project per test session (read by ``case_files.bundle()`` and built once
by ``conftest.built_site``).
"""

from __future__ import annotations

import atexit
import filecmp
import functools
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "tests" / "fixtures" / "demo"

# Never copied into a project: version control, installed tools, caches, output.
SKIP = {".git", ".venv", "node_modules", ".cache", "site", "test-results", ".pytest_cache", ".hypothesis", "__pycache__", ".ruff_cache",
        ".mypy_cache"}
SHARED_CACHES = ("wheels", "stdlib", "compressed", "qr")  # keyed by content: safe to share between projects
LOCKS = ("build/anchors.lock.json", "build/pages.lock.json")
CONTRACT = ("parameters.yaml",)  # in policy_data/, but the project's: the calculators' parameter definitions


def content_files(root: Path) -> list[str]:
    """A site's content under ``root`` (paths relative to it, sorted)."""
    found: list[Path] = []
    data = root / "policy_data"
    found += [p for p in data.rglob("*.yaml") if p.name not in CONTRACT or p.parent != data]
    found += [p for p in (root / "docs" / "policies").glob("*.md") if p.name != "index.md"]
    found += [p for p in (root / "tests" / "sources").rglob("*") if p.is_file()]
    found += [root / lock for lock in LOCKS if (root / lock).is_file()]
    return sorted(p.relative_to(root).as_posix() for p in found)


def differences(a: Path = ROOT, b: Path = DEMO) -> list[str]:
    """Content files that are not the same in ``a`` and ``b`` (present in one only, or different bytes)."""
    left, right = set(content_files(a)), set(content_files(b))
    changed = [f for f in sorted(left & right) if not filecmp.cmp(a / f, b / f, shallow=False)]
    return sorted((left ^ right) | set(changed))


def live_is_demo() -> bool:
    """Whether the live content is the frozen demo content, file for file (then the demo build is the live build)."""
    return not differences()


ROOTS = {"demo": DEMO, "live": ROOT}


def checked_documents() -> list[tuple[str, str]]:
    """(where, doc id) of the documents whose import and text the tests check: every demo document, and
    every live document that is not one of them file for file (page, source, overrides) — an operator's own."""
    from data.documents import load_policy_pages

    demo, live = load_policy_pages(DEMO / "docs"), load_policy_pages(ROOT / "docs")
    out = [("demo", d) for d in sorted(demo)]
    for d, page in sorted(live.items()):
        files = [f"docs/policies/{d}.md", f"tests/sources/{page.meta['source_file']}", f"tests/sources/{d}.yaml"]
        same = d in demo and all((ROOT / f).exists() == (DEMO / f).exists() and (not (ROOT / f).exists() or filecmp.cmp(ROOT / f, DEMO / f, shallow=False))
                                 for f in files)
        if not same:
            out.append(("live", d))
    return out


def make_project(dest: Path, content: Path = DEMO) -> Path:
    """A project in ``dest``: this repository's code and pages with ``content``'s content."""
    live = set(content_files(ROOT))
    dest.mkdir(parents=True, exist_ok=True)
    for src in ROOT.iterdir():
        if src.name in SKIP or src.name.endswith(".egg-info"):
            continue
        if src.is_dir():
            shutil.copytree(src, dest / src.name, symlinks=True, ignore=_ignore(live), copy_function=shutil.copy)
        elif src.relative_to(ROOT).as_posix() not in live:
            shutil.copy(src, dest / src.name)
    for rel in content_files(content):  # (shutil.copy: files dated now, like a fresh checkout, not the repository's mtimes)
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(content / rel, dest / rel)
    if (ROOT / "node_modules").exists():
        (dest / "node_modules").symlink_to(ROOT / "node_modules")
    (dest / ".cache").mkdir(exist_ok=True)
    for name in SHARED_CACHES:
        (ROOT / ".cache" / name).mkdir(parents=True, exist_ok=True)
        (dest / ".cache" / name).symlink_to(ROOT / ".cache" / name)
    return dest


def _ignore(live: set[str]):
    def ignore(directory: str, names: list[str]) -> set[str]:
        here = Path(directory).relative_to(ROOT)
        return {n for n in names if n in SKIP or n.endswith(".egg-info") or (here / n).as_posix() in live}

    return ignore


@functools.lru_cache(maxsize=1)
def project() -> Path:
    """This session's demo project (removed when the session ends)."""
    tmp = Path(tempfile.mkdtemp(prefix="jz-demo-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    return make_project(tmp / "project")
