# SPDX-License-Identifier: MIT
"""Command: turn a clone of this project into a site of one's own (code: ``ingest/new_site.py``)::

    python build/new_site.py [--dry-run] [--force] [--no-build]
"""

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))  # calculators/, after PYTHONPATH (a test may bring its own copy)

from ingest.new_site import main

if __name__ == "__main__":
    sys.exit(main())
