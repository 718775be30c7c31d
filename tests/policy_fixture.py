# SPDX-License-Identifier: MIT
"""The small fictional policy_data in ``tests/fixtures/policy/`` (its README lists the places), for
tests that must not depend on the demo counties: a tmp copy with the project's own ``parameters.yaml``
and ``schema.json`` (the contract under test), and helpers to break it and read the compile's messages."""

from __future__ import annotations

import functools
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

from data.compile import PolicyDataError, compile_policy_data

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "policy"
DOCS = FIXTURE / "docs"


def fixture_copy(tmp_path: Path) -> Path:
    """A writable ``policy_data`` folder: the fixture's places with the project's definitions and schema."""
    data = tmp_path / "policy_data"
    shutil.copytree(FIXTURE / "policy_data", data)
    for name in ("parameters.yaml", "schema.json"):
        shutil.copy(ROOT / "policy_data" / name, data / name)
    return data


@functools.lru_cache(maxsize=1)
def fixture_bundle() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        return compile_policy_data(fixture_copy(Path(tmp)), DOCS)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_no(path: Path, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing ``needle``."""
    hits = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return hits[nth - 1]


def reported(data: Path) -> list[str]:
    """The compile's messages as printed, with paths relative to the policy_data folder."""
    with pytest.raises(PolicyDataError) as info:
        compile_policy_data(data, DOCS)
    return [PolicyDataError.__str__(e).replace(f"{data}/", "") for e in getattr(info.value, "errors", [info.value])]
