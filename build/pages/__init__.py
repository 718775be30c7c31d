# SPDX-License-Identifier: MIT
"""Stage 3 — pages: the Markdown and HTML a reader sees, made from the documents and the data.

One module per page type or page part: ``policy.py`` (a document's metadata card, the policy index, the nav,
the anchor list), ``reference.py`` (parameter pages, comparison, 速查表, per-place rules, clause backlinks),
``places.py`` (``places/<id>/``), ``cards.py`` (明白卡), ``forms.py`` (calculator, screener and 台账 forms),
``search.py`` (what the search indexes, the search form), ``examples.py`` (examples in hand-written pages),
``links.py`` (how every page cites a clause or a source), ``qr.py``; the two published APIs, ``anchors.py``
(clause anchors, ``build/anchors.lock.json``) and ``urls.py`` (page addresses, ``build/pages.lock.json``); and
what a build runs: ``site.py`` (what one build knows, the generated pages), ``markers.py`` (``<!-- jz:… -->`` in
Markdown), ``finish.py`` (a rendered page's HTML) — called by ``build/hooks.py`` and, without MkDocs, by
``build/generate_pages.py``.  A new page type, marker or page part goes here, as a pure function returning
Markdown or HTML; nothing here imports MkDocs.
"""
