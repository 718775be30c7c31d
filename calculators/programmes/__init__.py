# SPDX-License-Identifier: MIT
"""The law: one module per programme (低保, 特困, 临时救助, the standard check, the screener's catalogue)."""
