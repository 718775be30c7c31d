# SPDX-License-Identifier: MIT
"""Stage 4 — assets: the files the browser calculators run on, fingerprinted.

``calculator.py`` copies the pinned Pyodide runtime from ``node_modules``, packs ``calculators/`` as a wheel,
writes one parameter bundle per place and the page scripts from ``build/js/`` under content-hashed names, and
returns their addresses and sizes for the pages stage's forms; ``stdlib.py`` trims and byte-compiles the
standard library inside Pyodide (``build/js/pack_stdlib.mjs``).  A new file the calculators need in the
browser, or a new page script, goes here; caches are in ``.cache/``, never in the output folder.
"""
