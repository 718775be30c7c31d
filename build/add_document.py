# SPDX-License-Identifier: MIT
"""Command: add a policy document to the site, as received (code: ``ingest/``)::

    python build/add_document.py SOURCE --id DOC_ID --jurisdiction J [--url URL] [--force]

SOURCE is ``.txt`` (UTF-8 or GB18030), ``.docx`` or a saved web page (``.html``); the rules are in
``ingest/add_document.py``.
"""

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))  # calculators/, after PYTHONPATH (a test may bring its own copy)

from ingest.add_document import main

if __name__ == "__main__":
    sys.exit(main())
