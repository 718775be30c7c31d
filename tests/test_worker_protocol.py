# SPDX-License-Identifier: MIT
"""What Python writes for the page scripts is what their types declare (build/js/worker-protocol.ts, page-globals.ts).

TypeScript's checker (scripts/test.sh) holds the JS to those declarations; these tests hold the other side, the
build's Python, to them: a key added to, renamed in or dropped from the worker's ``init`` config or a tool page's
config fails here until the declaration says so too."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pages.forms import early_start_script

JS = Path(__file__).resolve().parents[1] / "build" / "js"


def declared(interface: str, source: str) -> set[str]:
    """The property names of ``export interface <interface> { … }`` in build/js/<source>."""
    text = (JS / source).read_text(encoding="utf-8")
    found = re.search(r"^export interface " + interface + r"(?: extends [^{]+)? \{\n(.*?)^\}", text, re.M | re.S)
    assert found, f"no interface {interface} in build/js/{source}"
    return set(re.findall(r"^  (\w+)\??:", found.group(1), re.M))


def config_keys(script: str) -> set[str]:
    """The top-level keys of the ``init`` config in the <head> script (JSON inside it has quoted keys)."""
    start = script.index("early.config = {") + len("early.config = ")
    config = script[start : script.index("};", start) + 1]
    return set(re.findall(r"[{,]\s*([A-Za-z]\w*)\s*:", config))


ASSETS = {"pyodide": "assets/pyodide/0/", "worker": "assets/calc/calc-worker.0.js",
          "params": {"other": "assets/calc/params-other.0.json"}, "stdlib": "assets/calc/python_stdlib.0.zip",
          "ledgerLibs": "assets/calc/ledger-libs.0.zip", "lockInfo": {"arch": "wasm32"},
          "sizes": {"wasm": 1, "stdlib": 1, "total": 2, "fetched": 2, "download": 1}}


@pytest.mark.parametrize("ledger", [False, True], ids=["tool", "ledger"])
def test_the_init_config_is_the_declared_one(ledger: bool) -> None:
    keys = config_keys(early_start_script(ASSETS, "../", ledger=ledger))
    optional = {"ledgerLibsURL"}
    assert keys == declared("WorkerConfig", "worker-protocol.ts") - (set() if ledger else optional)


def test_the_reader_finds_a_key_the_declaration_lacks() -> None:
    script = early_start_script(ASSETS, "../").replace("place: place()", "place: place(), extra: 1")
    assert "extra" in config_keys(script) - declared("WorkerConfig", "worker-protocol.ts")


def page_config(page: Path, element_id: str) -> dict[str, object]:
    found = re.search(r'<script type="application/json" id="' + element_id + r'">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    assert found, f"no #{element_id} in {page}"
    return json.loads(found.group(1))


@pytest.mark.parametrize(("page", "element_id", "interface"), [
    ("calculators/dibao/index.html", "jz-calc-config", "CalcPageConfig"),
    ("calculators/screener/index.html", "jz-config", "ScreenerPageConfig"),
    ("calculators/ledger/index.html", "jz-config", "LedgerPageConfig"),
])
def test_a_tool_page_config_is_the_declared_one(built_site: Path, page: str, element_id: str, interface: str) -> None:
    config = page_config(built_site / page, element_id)
    assert set(config) == declared(interface, "page-globals.ts")
    if interface == "CalcPageConfig":
        assets = config["assets"]
        assert isinstance(assets, dict)
        assert declared("CalcAssets", "page-globals.ts") <= set(assets)
        assert set(assets["sizes"]) == declared("AssetSizes", "worker-protocol.ts")
