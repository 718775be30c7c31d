# SPDX-License-Identifier: MIT
"""Command: page generation without MkDocs, for any builder (code: ``pages/generate.py``)::

    python build/generate_pages.py markdown OUT            # OUT/docs/, OUT/nav.yml, OUT/not_in_nav.txt
    python build/generate_pages.py html SITE OUT           # after the builder rendered OUT/docs/ into SITE
    python build/postbuild.py SITE
"""

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))  # calculators/, after PYTHONPATH (a test may bring its own copy)

from pages.generate import main

if __name__ == "__main__":
    sys.exit(main())
