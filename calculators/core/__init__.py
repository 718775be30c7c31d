# SPDX-License-Identifier: MIT
"""What every programme rests on: parameters, inputs, money, dates, the trace, errors, the vocabulary of answers."""
