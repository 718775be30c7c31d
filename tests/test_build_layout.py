# SPDX-License-Identifier: MIT
"""build/ as folders by stage (issue #23): a newcomer reads the folder names and knows where a reader, a page
type or a post-build step goes — so the folders must mean it: each stage a package that says what goes there,
importing only the stages before it, no import cycles, the commands in build/ thin, and the README's map the
folders as they are."""

from __future__ import annotations

import ast
import importlib.metadata
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
STAGES = ("ingest", "data", "pages", "assets", "publish")
# What each stage may import of the others.  data knows nothing of pages; pages render data; publish works on
# what pages made (the locks, the documents' clauses for QR codes); assets measure their size as publish compresses;
# ingest brings content in and records it in the pages' locks.
ALLOWED = {"data": set(), "pages": {"data"}, "assets": {"data", "publish"}, "publish": {"data", "pages"}, "ingest": {"data", "pages"}}
ADAPTERS = ("hooks.py", "generate_pages.py")  # the two ways to run the stages: MkDocs' events, and without MkDocs


def module_name(path: Path) -> str:
    """``build/pages/cards.py`` → ``pages.cards``; ``calculators/ui/forms.py`` → ``calculators.ui.forms``."""
    rel = path.relative_to(BUILD if path.is_relative_to(BUILD) else ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def modules() -> dict[str, Path]:
    found = [p for p in BUILD.rglob("*.py") if "js" not in p.relative_to(BUILD).parts]
    found += list((ROOT / "calculators").rglob("*.py"))
    return {module_name(p): p for p in found if "__pycache__" not in p.parts}


def imports(path: Path, known: set[str]) -> list[tuple[str, bool]]:
    """(imported module among ``known``, whether the import is at module level) for each import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    out: list[tuple[str, bool]] = []

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = top and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                out.extend((a.name, top) for a in child.names if a.name in known)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - child.level + 1] + ([base] if base else []))
                for a in child.names:  # ``from pages import cards`` imports the module pages.cards
                    target = f"{base}.{a.name}" if f"{base}.{a.name}" in known else base
                    if target in known:
                        out.append((target, top))
            visit(child, inner)

    visit(tree, True)
    return out


def stage_of(name: str) -> str | None:
    head = name.split(".")[0]
    return head if head in STAGES else None


def test_every_stage_is_a_package_that_says_what_goes_there():
    for stage in STAGES:
        init = BUILD / stage / "__init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        paragraphs = [p for p in doc.split("\n\n") if p.strip()]
        assert len(paragraphs) == 2 and len(paragraphs[1]) > 200, f"{stage}/__init__.py: a title line and one paragraph saying what goes there"
        named = [p.name for p in (BUILD / stage).glob("*.py") if p.name != "__init__.py"]
        missing = [n for n in named if f"``{n}``" not in doc]
        assert not missing, f"{stage}/__init__.py does not name {missing}"


def test_stages_import_only_the_stages_before_them():
    known = set(modules())
    found: dict[str, set[str]] = {s: set() for s in STAGES}
    for name, path in modules().items():
        stage = stage_of(name)
        if stage:
            found[stage] |= {t for m, _ in imports(path, known) if (t := stage_of(m)) and t != stage}
    wrong = {s: found[s] - ALLOWED[s] for s in STAGES if found[s] - ALLOWED[s]}
    assert not wrong, f"imports across stages that the layout does not allow: {wrong}"
    order: list[str] = []  # and the allowed graph has an order: no two stages depend on each other, even through a third
    while len(order) < len(STAGES):
        ready = [s for s in STAGES if s not in order and ALLOWED[s] <= set(order)]
        assert ready, f"the stages' dependencies form a cycle: {ALLOWED}"
        order += ready


def test_no_import_cycles_in_build_or_calculators():
    """Module-level imports among build/ and calculators/ form no cycle (cards ↔ reference_pages was one), and
    no programme imports the api that registers it (programmes → api was another)."""
    mods = modules()
    known = set(mods)
    graph = {name: {m for m, top in imports(path, known) if top and m != name} for name, path in mods.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " → ".join(stack[stack.index(nxt):] + [nxt]))
            if nxt not in state:
                walk(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            walk(node)
    for name, path in mods.items():
        if name.startswith("calculators.programmes"):
            assert "calculators.api" not in {m for m, _ in imports(path, known)}, f"{name} imports calculators.api"


def test_stage_modules_are_imported_at_module_level():
    """MkDocs puts build/ on sys.path only while it loads hooks.py: a stage module first imported later, from inside
    a function, would not be found during the build.  So every import of a stage module is at module level."""
    known = set(modules())
    late = [f"{name} imports {m} in a function" for name, path in modules().items() for m, top in imports(path, known) if not top and stage_of(m)]
    assert not late, late


def test_the_stage_names_shadow_no_installed_package():
    """build/ goes first on sys.path: a stage named like an installed distribution's module would hide it."""
    installed = importlib.metadata.packages_distributions()
    assert not {s: installed[s] for s in STAGES if s in installed}


def test_the_commands_in_build_are_thin_and_all_answer_help():
    """Every script in build/ but the two adapters is a command of a few lines calling one stage's ``main``, and
    every one (adapters included) answers ``--help`` — the command lines of the README keep working."""
    commands = sorted(p for p in BUILD.glob("*.py") if p.name not in ADAPTERS)
    assert {p.stem for p in commands} >= {"add_document", "add_jurisdiction", "new_site", "compile_policy", "anchors", "page_urls",
                                         "qr", "postbuild", "search_index", "serve"}
    for path in commands:
        text = path.read_text(encoding="utf-8")
        calls = [m for m, _ in imports(path, set(modules()))]
        assert len(text.splitlines()) <= 20 and len(calls) == 1 and stage_of(calls[0]), f"{path.name}: a thin command, one stage's main"
    code = ("import contextlib, io, runpy, sys\n"
            "sys.path.insert(0, 'build')\n"
            "for name in sys.argv[1:]:\n"
            "    out = io.StringIO()\n"
            "    sys.argv = [name, '--help']\n"
            "    try:\n"
            "        with contextlib.redirect_stdout(out):\n"
            "            runpy.run_path('build/' + name, run_name='__main__')\n"
            "        code = 'no exit'\n"
            "    except SystemExit as e:\n"
            "        code = e.code\n"
            "    print(name, code, 'usage:' in out.getvalue())\n")
    names = [p.name for p in commands] + list(ADAPTERS[1:])
    proc = subprocess.run([sys.executable, "-c", code, *names], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.splitlines() == [f"{n} 0 True" for n in names]


@pytest.mark.parametrize("stage", STAGES)
def test_the_readme_map_follows_the_folders(stage):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`build/{stage}/`" in readme
    for path in sorted((BUILD / stage).glob("*.py")):
        if path.name != "__init__.py":
            assert f"`{stage}/{path.name}`" in readme or f"`build/{stage}/{path.name}`" in readme, f"README does not map {stage}/{path.name}"
