# SPDX-License-Identifier: MIT
"""Stage 1 — ingest: content comes in, as received, by rules and never by per-document code.

A document arrives through ``readers.py`` (``.txt`` in UTF-8 or GB18030, ``.docx``, a saved web page), loses its
page furniture and has its broken lines re-joined (``lines.py``), gets its clause hierarchy and anchors
(``clauses.py``: 一、/（一）/1. and 第X章/第X条), its metadata read from the text (``metadata.py``) and is written
as a Markdown page (``markdown.py``; ``document.py`` runs the steps); ``add_document.py``,
``add_jurisdiction.py`` and ``new_site.py`` are the commands that change the site's content.  A new source
format is a reader, a new numbering family belongs to the clause parser, a new front-matter field read from
the text goes to the metadata rules.
"""
