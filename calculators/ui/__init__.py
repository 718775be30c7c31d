# SPDX-License-Identifier: MIT
"""What the pages show around a result: forms, the one-sentence summary, next steps, parameters in words."""
