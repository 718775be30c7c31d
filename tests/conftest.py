# SPDX-License-Identifier: MIT
"""Shared fixtures: the built site, a local HTTP server and real Chromium.

The tests run on the demo content frozen in ``tests/fixtures/demo/`` (``demo_project``), not on the
live ``policy_data/`` and ``docs/policies/``: the site is built once per test session from the
project's code with that content, with the project's own ``mkdocs build --strict``, then served from
127.0.0.1 so that browser tests see exactly what a visitor would get. ``live_site`` is the live
site's strict build — the same build when the live content is the frozen demo, else one more.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

pytest_plugins = ("pytester",)  # tests/test_markers.py runs a small suite with this conftest

SEEDS = ROOT.parent / "shared" / "seeds"
# The test build is made as if published here, so QR codes and og:url are generated and checked.
PUBLIC_URL = "https://jiuzhu.example.org/"


def strict_build(project: Path, out: Path, **env: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "JZ_PUBLIC_URL": PUBLIC_URL, **env},
    )
    assert proc.returncode == 0, proc.stderr[-4000:]


@dataclass(frozen=True)
class DemoBuild:
    site: Path
    project: Path
    recorded: list[str]  # page addresses the frozen page lock lacked (pages of docs/ added since the freeze)


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory) -> DemoBuild:
    """The demo content built strictly. Pages added to docs/ since the content was frozen (an operator's
    own 联系我们 page) are recorded in the project's copy of the page lock, as page_urls.py --update would:
    the frozen lock guards the demo's addresses, the live lock the live site's."""
    from demo_project import project

    lock = project() / "build" / "pages.lock.json"
    before = set(json.loads(lock.read_text(encoding="utf-8"))["pages"])
    out = tmp_path_factory.mktemp("site")
    strict_build(project(), out, JZ_RECORD_PAGES="1")
    after = set(json.loads(lock.read_text(encoding="utf-8"))["pages"])
    return DemoBuild(out, project(), sorted(after - before))


@pytest.fixture(scope="session")
def built_site(demo_build) -> Path:
    return demo_build.site


@pytest.fixture(scope="session")
def live_site(request, tmp_path_factory) -> Path:
    """The live site (the repository's own content) built strictly. When that content is the frozen demo
    file for file, the demo build is this build (nothing else differs); then its pages must all have been
    recorded in the lock already, as a build without JZ_RECORD_PAGES requires."""
    from demo_project import live_is_demo

    if live_is_demo():
        demo = request.getfixturevalue("demo_build")
        assert not demo.recorded, f"unrecorded pages {demo.recorded}: run build/page_urls.py --update, then scripts/refresh_demo_fixture.py"
        return demo.site
    out = tmp_path_factory.mktemp("live-site")
    strict_build(ROOT, out)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
    }

    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def poll(page, expression: str, timeout: float = 30_000) -> None:
    """Wait until a JS expression is truthy.  Unlike ``wait_for_function`` this works under
    the site's Content-Security-Policy (no string eval in the page)."""
    import time

    end = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {expression}")
        time.sleep(0.1)


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.fail("Debian package 'chromium' is not installed (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def phone(browser):
    """A 375×667 phone-sized page with touch, as most residents will use."""
    ctx = browser.new_context(viewport={"width": 375, "height": 667}, device_scale_factor=2, has_touch=True, is_mobile=True, locale="zh-CN")
    page = ctx.new_page()
    yield page
    ctx.close()


# --- YAML calculator cases -------------------------------------------------------


def pytest_collect_file(parent, file_path):
    if file_path.suffix == ".yaml" and "cases" in file_path.parts:
        return CaseFile.from_parent(parent, path=file_path)
    return None


class CaseFile(pytest.File):
    def collect(self):
        from case_files import load_cases

        for i, case in enumerate(load_cases(self.path)):
            yield CaseItem.from_parent(self, name=f"{i + 1}:{case['name']}", case=case)


class CaseItem(pytest.Item):
    def __init__(self, *, case, **kwargs):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self):
        from calculators.api import calculate
        from calculators.core.params import ParameterSet

        from case_files import bundle, check_case

        calculator = self.path.parent.name
        request = {**self.case["input"], "date": self.case["date"]}
        result = calculate(calculator, request, ParameterSet(bundle()))
        problems = check_case(self.case, result)
        if problems:
            raise AssertionError(f"{self.case['name']}\n  " + "\n  ".join(problems))

    def repr_failure(self, excinfo):
        return str(excinfo.value)

    def reportinfo(self):
        return self.path, 0, self.name


# --- Markers: what a test needs, and unit tests kept pure ------------------------------------------

# A test needs the demo build, a browser, Node or nginx when it uses their fixtures (or, for a test that starts
# the tool itself, says so with the marker); a test may need several.  ``unit`` is a test that needs none.
NEEDS_BY_FIXTURE = {
    "site": {"built_site", "live_site", "demo_build", "site_url"},
    "browser": {"browser", "phone"},
    "node": {"node"},
    "nginx": {"nginx_site"},
}
GROUPS = ("site", "node", "nginx", "browser")
# Started from a unit test, these would make ``-m unit`` slow or impure: a browser, Node (Pyodide), a server, a build.
HEAVY_PROGRAMS = {"node": "Node", "nodejs": "Node", "npx": "Node", "nginx": "nginx", "chromium": "Chromium",
                  "chromium-browser": "Chromium", "pagefind": "Pagefind", "mkdocs": "MkDocs (a site build)"}


def pytest_collection_modifyitems(config, items):
    """Group the suite: ``-m unit`` (pure Python, well under a minute), ``-m site`` (needs the demo build, or runs
    MkDocs itself), ``-m node`` (real Pyodide under Node), ``-m nginx`` (real Debian nginx), ``-m browser`` (real
    Chromium). Markers follow from where a test lives and the fixtures it uses, so a new test is grouped without
    anyone remembering to; ``unit`` means none of the others, and ``unit_tests_stay_pure`` holds it to that."""
    for item in items:
        uses = set(getattr(item, "fixturenames", ()))
        needs = {group for group in GROUPS if item.get_closest_marker(group) or NEEDS_BY_FIXTURE[group] & uses}
        if "/tests/browser/" in str(item.fspath):
            needs.add("browser")
        if str(item.fspath).endswith("test_pyodide_node.py"):
            needs.add("node")
        for group in sorted(needs - {m.name for m in item.iter_markers()}):
            item.add_marker(getattr(pytest.mark, group))
        if not needs:
            item.add_marker(pytest.mark.unit)


def heavy_program(args) -> str | None:
    """What a command line starts, if it is one of ``HEAVY_PROGRAMS`` (``python -m mkdocs`` included)."""
    argv = [str(a) for a in args] if isinstance(args, (list, tuple)) else str(args).split()
    if not argv:
        return None
    name = Path(argv[0]).name
    if name.startswith("python") and len(argv) > 2 and argv[1] == "-m":
        name = argv[2]
    return HEAVY_PROGRAMS.get(name)


@pytest.fixture(autouse=True)
def unit_tests_stay_pure(request, monkeypatch):
    """A test marked ``unit`` that starts a browser, Node, nginx, Pagefind or MkDocs fails at that moment, and
    one that asks for the built site, a browser or Node fails too (even when another test already built it): it
    belongs in its group, where ``-m unit`` does not run it."""
    if request.node.get_closest_marker("unit") is None:
        yield
        return
    real = subprocess.Popen.__init__

    def refuse(self, args, *a, **k):
        what = heavy_program(args)
        if what:
            pytest.fail(f"a unit test started {what} ({' '.join(map(str, args)) if isinstance(args, (list, tuple)) else args}): "
                        "use the fixture that says so (node, built_site …) or mark the test (site, node, nginx)", pytrace=False)
        real(self, args, *a, **k)

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
    yield
    used = sorted(set(request.fixturenames) & set().union(*NEEDS_BY_FIXTURE.values()))
    if used:
        pytest.fail(f"a unit test used {', '.join(used)}: it is not a unit test (request the fixture by name, "
                    "so that conftest marks it)", pytrace=False)


@pytest.fixture(scope="session")
def node() -> str:
    """Node, for real Pyodide: a test that uses it is marked ``node``."""
    exe = shutil.which("node")
    if exe is None:
        pytest.fail("Node is not installed (bash scripts/setup.sh)")
    return exe
