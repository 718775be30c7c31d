# SPDX-License-Identifier: MIT
"""The law: one module per programme, each declaring ``PROGRAMME`` (``calculators.core.programme``).

``registry()`` finds them: adding a programme is adding a module here (and its data in
``policy_data/``); nothing else in the code lists programmes.
"""

from __future__ import annotations

import importlib
import pkgutil

from ..core.programme import Programme

_found: dict[str, Programme] | None = None


def registry() -> dict[str, Programme]:
    """name → Programme for every module in this package that declares one, in display order."""
    global _found
    if _found is None:
        found: dict[str, Programme] = {}
        for info in pkgutil.iter_modules(__path__):
            module = importlib.import_module(f"{__name__}.{info.name}")
            p = getattr(module, "PROGRAMME", None)
            if isinstance(p, Programme):
                if p.name in found:
                    raise ValueError(f"two programmes are called {p.name!r}")
                found[p.name] = p
        _found = dict(sorted(found.items(), key=lambda kv: (kv[1].order, kv[0])))
    return _found


def benefits() -> list[Programme]:
    """The programmes residents apply for (not the staff tools), in display order."""
    return [p for p in registry().values() if not p.staff]
