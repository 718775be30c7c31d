# SPDX-License-Identifier: MIT
"""Command: add a place (county, city or province) to policy_data (code: ``ingest/add_jurisdiction.py``)::

    python build/add_jurisdiction.py ID --name 名称 --parent PARENT [--level county|city|province] [--no-lock]
"""

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))  # calculators/, after PYTHONPATH (a test may bring its own copy)

from ingest.add_jurisdiction import main

if __name__ == "__main__":
    sys.exit(main())
