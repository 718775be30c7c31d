# SPDX-License-Identifier: MIT
"""Adding a programme is one module + data (README “Adding a programme”).

A copy of ``calculators/`` gets one more module (``tests/fixtures/toy/toy.py``, a toy 冬季取暖补贴) and the
fixture data gets its parameter: the command line, the screener and 参数体检 then show it, and no other
file of the package differs from the project's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from policy_fixture import DOCS, ROOT, fixture_copy

TOY = ROOT / "tests" / "fixtures" / "toy"


def _setup(tmp_path: Path) -> tuple[dict[str, str], Path]:
    pkg = tmp_path / "pkg"
    shutil.copytree(ROOT / "calculators", pkg / "calculators", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(TOY / "toy.py", pkg / "calculators" / "programmes" / "toy.py")  # the one new module
    data = fixture_copy(tmp_path)
    with (data / "parameters.yaml").open("a", encoding="utf-8") as f:  # its data: the definition …
        f.write("\n" + (TOY / "parameters.yaml").read_text(encoding="utf-8"))
    values = yaml.safe_load((TOY / "values.yaml").read_text(encoding="utf-8"))
    place = data / "jurisdictions" / f"{values['place']}.yaml"
    doc = yaml.safe_load(place.read_text(encoding="utf-8"))
    doc["parameters"].update(values["entries"])  # … and a value for one county
    place.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(pkg), "JZ_BUILD_DATE": "2026-12-05"}
    bundle = tmp_path / "bundle.json"
    p = subprocess.run([sys.executable, "build/compile_policy.py", "--data", str(data), "--docs", str(DOCS), "--out", str(bundle)],
                       cwd=ROOT, env=env, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return env, data


def test_a_toy_programme_is_one_module_and_data(tmp_path):
    env, data = _setup(tmp_path)
    bundle = tmp_path / "bundle.json"
    # Nothing else in the package changed: the copy differs by the toy module only.
    ours = {p.relative_to(ROOT / "calculators") for p in (ROOT / "calculators").rglob("*.py")}
    theirs = {p.relative_to(tmp_path / "pkg" / "calculators") for p in (tmp_path / "pkg" / "calculators").rglob("*.py")}
    assert theirs - ours == {Path("programmes/toy.py")} and ours <= theirs

    def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "calculators", *args, "--params", str(bundle)], cwd=tmp_path, env=env,
                              input=stdin, capture_output=True, text=True)

    # The CLI knows it, and answers with its own words (120 元 from the county's value).
    help_text = subprocess.run([sys.executable, "-m", "calculators", "--help"], cwd=tmp_path, env=env, capture_output=True, text=True).stdout
    assert "toy" in help_text
    r = cli("toy", "--input", "-", "--date", "2026-12-05", stdin=json.dumps({"jurisdiction": "fx-wenjian", "on_dibao": True}))
    assert r.returncode == 0, r.stderr
    assert "取暖补贴：每月 120.00 元" in r.stdout
    # The screener lists it for a 低保 household.
    household = {"jurisdiction": "fx-wenjian", "area": "rural", "receives": "dibao", "members": [{"age": 70}]}
    r = cli("screener", "--input", "-", "--date", "2026-12-05", "--json", stdin=json.dumps(household))
    assert r.returncode == 0, r.stderr
    toy = next(p for p in json.loads(r.stdout)["programmes"] if p["id"] == "toy")
    assert toy["status"] == "likely" and toy["title"] == "冬季取暖补贴（测试用）"
    # 参数体检 names what a county lacks for it.
    report = subprocess.run([sys.executable, "build/compile_policy.py", "--data", str(data), "--docs", str(DOCS), "--report",
                             "--date", "2026-12-05"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert report.returncode == 0, report.stderr
    shuzhi = report.stdout.split("[fx-shuzhi]", 1)[1].split("\n[", 1)[0]
    wenjian = report.stdout.split("[fx-wenjian]", 1)[1].split("\n[", 1)[0]
    assert "缺少 toy.heating_amount（取暖补贴）：没有取暖补贴标准" in shuzhi and "缺少 toy.heating_amount" not in wenjian


def test_the_project_itself_has_no_toy():
    """The toy lives in the fixture only (the registry is discovered, not listed)."""
    from calculators.programmes import registry

    assert "toy" not in registry() and {"dibao", "tekun", "linshi", "standard"} <= set(registry())
