# SPDX-License-Identifier: MIT
"""policy_data/: the live data and the demo's compile; each kind of broken file stops the compile
with the file, the line and a clear message (on copies of the demo content, tests/fixtures/demo/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from data.compile import PolicyDataError, compile_policy_data
from demo_project import make_project, project

ROOT = Path(__file__).resolve().parent.parent

GOOD_ENTRY = "    - {from: 2021-10-09, value: \"1.3\", clause: changle-2021-yijian#s2-1-2, status: verified, checked: 2026-11-23}\n"


def test_the_live_data_compiles():
    """The site's own policy_data (whatever places it has) compiles: every place file is in the bundle, every
    document a place lists is a page."""
    bundle = compile_policy_data(ROOT / "policy_data", ROOT / "docs")
    files = {p.stem for p in (ROOT / "policy_data" / "jurisdictions").glob("*.yaml")}
    assert set(bundle["jurisdictions"]) == files
    listed = {d for j in bundle["jurisdictions"].values() for d in j.get("documents") or []}
    assert listed <= {p.stem for p in (ROOT / "docs" / "policies").glob("*.md")}


def test_the_live_site_builds_strictly(live_site):
    """`mkdocs build --strict` of the repository as it is (the demo build itself when the live content is the
    frozen demo): no dead link, every page and anchor recorded."""
    from calculators.core.params import ParameterSet
    from calculators.ui.forms import OTHER_PLACE, jurisdiction_options

    assert (live_site / "index.html").exists() and (live_site / "sw.js").exists()
    for page in (ROOT / "docs" / "policies").glob("*.md"):
        if page.name != "index.md":
            assert (live_site / "policies" / page.stem / "index.html").exists(), page.name
    # Every place a resident can pick has its place page and its calculator bundle.
    for j, _ in jurisdiction_options(ParameterSet(compile_policy_data(ROOT / "policy_data", ROOT / "docs"))):
        assert list((live_site / "assets" / "calc").glob(f"params-{j}.*.json")), j
        assert j == OTHER_PLACE or (live_site / "places" / j / "index.html").exists(), j


def test_demo_data_compiles():
    bundle = compile_policy_data(project() / "policy_data", project() / "docs")
    assert "changle" in bundle["jurisdictions"]
    assert bundle["clauses"]["changle-2021-yijian#s2-1-8"]["url"] == "policies/changle-2021-yijian/#s2-1-8"


def broken(tmp_path: Path, text: str) -> PolicyDataError:
    data = tmp_path / "policy_data"
    shutil.copytree(project() / "policy_data", data)
    (data / "jurisdictions" / "demo.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(PolicyDataError) as info:
        compile_policy_data(data, project() / "docs")
    assert info.value.path.name == "demo.yaml"
    return info.value


HEAD = "id: demo\nname: 示例县\nlevel: county\nparent: changle\nparameters:\n  tekun.basic_multiple:\n"


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("id: demo\nname: [unclosed\n", 3, "invalid YAML"),  # the parser notices at end of stream
        (HEAD + GOOD_ENTRY + "colour: red\n", 8, "unknown key"),
        (HEAD + "    - {from: 2021-10-09, value: 1.3, clause: changle-2021-yijian#s2-1-2, status: verified, checked: 2026-11-23}\n", 7, "field 'parameters.tekun.basic_multiple.0.value'"),
        (HEAD + "    - {from: 2021-10-09, value: \"abc\", clause: changle-2021-yijian#s2-1-2, status: verified, checked: 2026-11-23}\n", 7, "quoted decimal"),
        (HEAD + GOOD_ENTRY + GOOD_ENTRY, 8, "strictly increasing"),
        (HEAD + "    - {from: 2021-10-09, value: \"1.3\", clause: changle-2021-yijian#s9-9, status: verified, checked: 2026-11-23}\n", 7, "not an anchor"),
        (HEAD + "    - {from: 2021-10-09, value: \"1.3\", status: verified, checked: 2026-11-23}\n", 7, "needs a clause or a source"),
        (HEAD + "    - {from: 2021-10-09, value: null}\n", 7, "'note' is a required property"),
        ("id: demo\nname: 示例县\nlevel: county\nparent: nowhere\nparameters: {}\n", 4, "parent 'nowhere'"),
        ("id: demo\nname: 示例县\nlevel: county\nparent: changle\nparameters:\n  dibao.made_up:\n" + GOOD_ENTRY, 6, "not defined"),
        ("id: other\nname: 示例县\nlevel: county\nparent: changle\nparameters: {}\n", 1, "file name"),
        ("id: demo\nname: 示例县\nlevel: county\nparent: changle\nparameters:\n  contact.county_hotline:\n"
         "    - {from: 2021-10-09, value: \"民政局电话\", source: {title: 县政府网站, publisher: 县政府, date: 2024-01-01, url: \"https://example.org/\"}, status: verified, "
         "checked: 2026-12-03}\n", 7, "phone value"),
    ],
    ids=["bad-yaml", "unknown-key", "wrong-type", "not-a-number", "duplicate-date", "dangling-clause", "no-source", "null-without-note", "missing-parent", "unknown-parameter", "id-mismatch",
         "not-a-phone-number"],
)
def test_broken_file_names_file_and_line(tmp_path, text, line, needle):
    err = broken(tmp_path, text)
    assert err.line == line, str(err)
    assert needle in str(err)
    assert f"demo.yaml:{line}:" in str(err)


def _broken_clause(work: Path) -> Path:
    make_project(work)
    place = work / "policy_data" / "jurisdictions" / "changle.yaml"
    place.write_text(place.read_text(encoding="utf-8").replace("#s2-1-8", "#s2-1-99", 1), encoding="utf-8")
    return work


def test_the_site_does_not_load_with_broken_data(tmp_path):
    """What every build does first (pages/site.py, MkDocs or not): the data error, with file and line, stops it."""
    from pages.site import SiteError, load_site

    work = _broken_clause(tmp_path / "repo")
    with pytest.raises(SiteError) as err:
        load_site(work / "docs", "")
    assert "changle.yaml:" in str(err.value) and "changle-2021-yijian#s2-1-99" in str(err.value)


@pytest.mark.site  # runs MkDocs
def test_mkdocs_build_stops_on_broken_data(tmp_path):
    import os
    import subprocess
    import sys

    work = _broken_clause(tmp_path / "repo")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(tmp_path / "out")], cwd=work, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode != 0
    assert "changle.yaml:" in proc.stderr and "changle-2021-yijian#s2-1-99" in proc.stderr


def test_programme_catalogue_errors_name_file_line_and_all_problems(tmp_path):
    """policy_data/programmes/*.yaml: a quote the clause lacks and an unknown condition are both
    reported in one run, each with file and line."""
    data = tmp_path / "policy_data"
    shutil.copytree(project() / "policy_data", data)
    (data / "programmes" / "changle.yaml").write_text(
        "jurisdiction: changle\n"
        "programmes:\n"
        "  - id: education\n"
        "    title: 教育救助\n"
        "    gives: x\n"
        "    clause: changle-2021-yijian#s2-1-4\n"
        "    quote: 这句话不在条款里\n"
        "    who:\n"
        "      - {receives: [dibao], favourite_colour: blue}\n", encoding="utf-8")
    with pytest.raises(PolicyDataError) as exc:
        compile_policy_data(data, project() / "docs")
    text = "\n".join(str(e) for e in getattr(exc.value, "errors", [exc.value]))
    assert "changle.yaml:7" in text and "quote" in text
    assert "changle.yaml:9" in text and "条件写法不对" in text
