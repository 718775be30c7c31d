# SPDX-License-Identifier: MIT
"""Command: the post-build stage on a built site, after MkDocs or any other builder (code: ``publish/postbuild.py``)::

    python build/postbuild.py site/ [--docs docs/] [--public-url https://…/]
"""

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))  # calculators/, after PYTHONPATH (a test may bring its own copy)

from publish.postbuild import main

if __name__ == "__main__":
    sys.exit(main())
