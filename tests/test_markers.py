# SPDX-License-Identifier: MIT
"""The suite's groups mean what they say (issue #23): ``-m unit`` is pure Python — a unit test that starts Node,
nginx, a browser or MkDocs, or asks for the built site, fails at once — and the tests that need those are in
their groups, found from the fixtures they use (tests/conftest.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import heavy_program

ROOT = Path(__file__).resolve().parent.parent


def test_a_unit_test_cannot_start_node_nginx_or_a_build():
    """This test is a unit test, so the guard is on: starting Node or MkDocs fails it; plain Python runs."""
    with pytest.raises(pytest.fail.Exception, match="a unit test started Node"):
        subprocess.run(["node", "--version"], capture_output=True)
    with pytest.raises(pytest.fail.Exception, match=r"a unit test started MkDocs \(a site build\)"):
        subprocess.run([sys.executable, "-m", "mkdocs", "build"], capture_output=True)
    assert subprocess.run([sys.executable, "-c", "print(1)"], capture_output=True, text=True).stdout == "1\n"
    assert heavy_program(["/usr/sbin/nginx", "-t"]) == "nginx" and heavy_program(["/usr/bin/chromium"]) == "Chromium"
    assert heavy_program([sys.executable, "build/compile_policy.py"]) is None


def test_a_unit_test_that_asks_for_the_site_late_fails_too(pytester):
    """A fixture asked for at run time (``request.getfixturevalue``) slips past the grouping, which reads the names a
    test declares; the guard then fails the test after it ran. Here in a suite of its own, with this conftest and a
    stand-in ``built_site`` (nothing is built)."""
    pytester.makeconftest((ROOT / "tests" / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_inner="""
        import subprocess, sys
        import pytest

        @pytest.fixture
        def built_site(tmp_path):
            return tmp_path

        def test_asks_late(request):
            request.getfixturevalue("built_site")

        def test_starts_node():
            subprocess.run(["node", "--version"])

        def test_pure():
            assert subprocess.run([sys.executable, "-c", "pass"]).returncode == 0
    """)
    result = pytester.runpytest_subprocess("-m", "unit", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=1, errors=1)
    result.stdout.fnmatch_lines(["*a unit test used built_site*", "*a unit test started Node*"], consecutive=False)


def _groups(*files: str) -> dict[str, set[str]]:
    """Each collected test's groups, as the suite's own conftest sets them (one collection, in a fresh interpreter)."""
    code = ("import sys, pytest\n"
            "class Groups:\n"
            "    @pytest.hookimpl(trylast=True)\n"
            "    def pytest_collection_modifyitems(self, items):\n"
            "        for i in items:\n"
            "            print('GROUPS', i.name.split('[')[0], *sorted({m.name for m in i.iter_markers()}"
            " & {'unit', 'site', 'node', 'nginx', 'browser'}))\n"
            "sys.exit(pytest.main(['--collect-only', '-q', '-p', 'no:cacheprovider', *sys.argv[1:]], plugins=[Groups()]))\n")
    proc = subprocess.run([sys.executable, "-c", code, *files], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    out: dict[str, set[str]] = {}
    for line in proc.stdout.splitlines():
        if line.startswith("GROUPS "):
            name, *groups = line.split()[1:]
            out.setdefault(name, set()).update(groups)
    return out


def test_the_groups_follow_what_the_tests_use():
    groups = _groups("tests/test_fuzz.py", "tests/test_deploy_nginx.py", "tests/test_policy_data.py", "tests/test_generate_pages.py")
    assert groups["test_hostile_sample_identical_in_pyodide"] == {"node"}  # real Pyodide under Node (the `node` fixture)
    assert groups["test_a_release_swap_loads_old_and_new_policies_first"] == {"nginx"}  # real nginx, no site: marked
    assert groups["test_every_page_sends_its_own_policy_as_a_header"] == {"nginx", "site"}  # nginx over the demo build
    assert groups["test_mkdocs_build_stops_on_broken_data"] == groups["test_the_site_built_without_hooks_is_the_hooks_build"] == {"site"}
    for name in ("test_the_site_does_not_load_with_broken_data", "test_markdown_for_any_builder_without_mkdocs",
                 "test_policies_merge_for_a_swap_and_map_files_round_trip", "test_engine_never_raises_on_hostile_requests"):
        assert groups[name] == {"unit"}, name
    assert all(g == {"unit"} or "unit" not in g for g in groups.values())  # unit means none of the others
