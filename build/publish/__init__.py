# SPDX-License-Identifier: MIT
"""Stage 5 — publish: what is done to the built HTML site, after any builder, and how it is served.

``postbuild.py`` runs the steps in order on an output folder (MkDocs' ``on_post_build``, or standalone after
another builder): redirect pages, QR codes, the search index (``search.py``, Pagefind), the service worker's
lists (``offline.py``), the Content-Security-Policy per page and as header files (``csp.py``), pre-compressed
copies (``precompress.py``, last).  ``serve.py`` serves the result as production should.  A step that reads or
rewrites built HTML files, or a serving rule, goes here; nothing here knows where a page's Markdown came from.
"""
