# SPDX-License-Identifier: MIT
"""Command: serve a built site as production should (code: ``publish/serve.py``)::

    python build/serve.py [site] [--port 8000] [--bind 127.0.0.1]
"""

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))  # calculators/, after PYTHONPATH (a test may bring its own copy)

from publish.serve import main

if __name__ == "__main__":
    sys.exit(main())
