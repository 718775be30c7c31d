# SPDX-License-Identifier: MIT
"""Command: the Pagefind search index of a built site (code: ``publish/search.py``)::

    python build/search_index.py site/
"""

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))  # calculators/, after PYTHONPATH (a test may bring its own copy)

from publish.search import main

if __name__ == "__main__":
    sys.exit(main())
