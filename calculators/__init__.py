# SPDX-License-Identifier: MIT
"""Social-assistance calculators (低保, 特困, 临时救助): standard library only.

The same code runs in CPython (tests, CLI, build-time tables) and in Pyodide.
"""

__version__ = "0.1.0"
