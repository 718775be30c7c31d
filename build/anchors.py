# SPDX-License-Identifier: MIT
"""Command: check the clause anchors against ``build/anchors.lock.json``, or record new ones (code: ``pages/anchors.py``)::

    python build/anchors.py [--update]
"""

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))  # calculators/, after PYTHONPATH (a test may bring its own copy)

from pages.anchors import main

if __name__ == "__main__":
    sys.exit(main())
