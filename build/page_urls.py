# SPDX-License-Identifier: MIT
"""Command: record new page addresses in ``build/pages.lock.json`` with one build (code: ``pages/urls.py``)::

    python build/page_urls.py --update
"""

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))  # calculators/, after PYTHONPATH (a test may bring its own copy)

from pages.urls import main

if __name__ == "__main__":
    sys.exit(main())
