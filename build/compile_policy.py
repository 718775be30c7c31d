# SPDX-License-Identifier: MIT
"""Command: validate ``policy_data/`` and write the calculators' bundle, or print 参数体检 (code: ``data/compile.py``)::

    python build/compile_policy.py [--out .cache/params.json]
    python build/compile_policy.py --report [--date 2026-12-03]
"""

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))  # calculators/, after PYTHONPATH (a test may bring its own copy)

from data.compile import main

if __name__ == "__main__":
    sys.exit(main())
