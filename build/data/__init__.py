# SPDX-License-Identifier: MIT
"""Stage 2 — data: what the site knows, checked, before any page is made.

``compile.py`` validates ``policy_data/`` (every error with file, line and field, all in one run) and writes
the calculators' JSON bundle; ``documents.py`` reads the published documents (front matter and clause anchors)
that the data cites; ``health.py`` is 参数体检, the staff's view of how old and how sure each value is, and the
build date.  A new check on the YAML, a new front-matter field or a new health figure goes here; nothing here
writes a page or knows about MkDocs.
"""
