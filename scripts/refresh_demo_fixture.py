# SPDX-License-Identifier: MIT
"""Refresh the tests' frozen demo content (``tests/fixtures/demo/``) from the live demo content::

    .venv/bin/python scripts/refresh_demo_fixture.py [--check]

The test suite runs on ``tests/fixtures/demo/`` (``tests/demo_project.py``), never on the live
``policy_data/`` and ``docs/policies/``, so a site that has replaced the demo counties with its own
(``build/new_site.py``) still passes it. The copy changes only when someone means it to: after a
deliberate change to the demo content (a corrected value, a re-imported document, a new example
county), run this, run the tests (``bash scripts/test.sh``) and commit both.

``--check`` lists the content files in which the live demo and the fixture differ and exits 1 if any
(nothing is changed). Refuses on a clone without ``policy_data/demo.yaml``: its content is a site of
its own, not the demo.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from demo_project import DEMO, content_files, differences  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="copy the live demo content into tests/fixtures/demo/")
    ap.add_argument("--check", action="store_true", help="only list the differences (exit 1 if any)")
    args = ap.parse_args(argv)
    changed = differences(ROOT, DEMO)
    for rel in changed:
        state = "only live" if not (DEMO / rel).exists() else "only fixture" if not (ROOT / rel).exists() else "differs"
        print(f"{state:12} {rel}")
    if args.check:
        print(f"{len(changed)} file(s) differ" if changed else "the fixture is the live demo content")
        return 1 if changed else 0
    if not (ROOT / "policy_data" / "demo.yaml").exists():
        print("错误：没有 policy_data/demo.yaml —— 这是自己的站点，不是示例内容，不能拿来更新测试数据。/ "
              "not the demo content (build/new_site.py has run): the fixture stays as it is", file=sys.stderr)
        return 2
    for rel in content_files(DEMO):
        (DEMO / rel).unlink()
    for rel in content_files(ROOT):
        (DEMO / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, DEMO / rel)
    print(f"tests/fixtures/demo/: {len(content_files(DEMO))} files, {len(changed)} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
