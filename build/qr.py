# SPDX-License-Identifier: MIT
"""Command: a QR code for a hand-written campaign link (code: ``pages/qr.py``)::

    .venv/bin/python build/qr.py "https://…/calculators/dibao/#j=changle&area=rural" poster.svg
"""

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))  # calculators/, after PYTHONPATH (a test may bring its own copy)

from pages.qr import main

if __name__ == "__main__":
    sys.exit(main())
